//! Tests of the template module: the Smarty parser, rendering (whitespace, modifiers,
//! conditions, strict mode, HTML escaping, handlebars syntax) and fuzzing.

mod fuzz;
mod parse;
mod render;
