/// A length in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length(pub f64);

/// Metres per unit, by unit symbol.
pub const METRES_PER: &[(&str, f64)] = &[("mm", 0.001), ("cm", 0.01), ("m", 1.0), ("km", 1000.0)];

impl Length {
    pub fn from_unit(value: f64, unit: &str) -> Option<Length> {
        METRES_PER.iter().find(|(symbol, _)| *symbol == unit).map(|(_, factor)| Length(value * factor))
    }

    pub fn to_unit(self, unit: &str) -> Option<f64> {
        METRES_PER.iter().find(|(symbol, _)| *symbol == unit).map(|(_, factor)| self.0 / factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilometres_to_metres() {
        assert_eq!(Length::from_unit(1.5, "km"), Some(Length(1500.0)));
        assert_eq!(Length(250.0).to_unit("cm"), Some(25000.0));
    }
}
