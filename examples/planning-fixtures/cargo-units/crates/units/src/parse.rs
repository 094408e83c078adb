use crate::length::Length;

/// Parses "12.5 km" or "3m" into a Length; None for unknown units or bad numbers.
pub fn parse_length(text: &str) -> Option<Length> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.trim().parse().ok()?;
    Length::from_unit(value, unit.trim())
}
