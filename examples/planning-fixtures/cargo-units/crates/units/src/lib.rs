//! Quantities with units: parse "12.5 km", convert between units of one dimension.

pub mod length;
pub mod parse;

pub use length::Length;
pub use parse::parse_length;
