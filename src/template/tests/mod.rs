//! Tests of the template module: rendering (whitespace, modifiers, conditions, strict
//! mode, HTML escaping, handlebars syntax) and fuzzing. Byte-for-byte agreement with real
//! Smarty is tested against Smarty itself, in the integration tests.

mod fuzz;
mod render;
