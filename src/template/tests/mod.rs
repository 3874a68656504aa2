//! Tests of the template module: the Smarty parser, and rendering (whitespace,
//! modifiers, conditions, strict mode, HTML escaping, handlebars syntax).

mod parse;
mod render;
