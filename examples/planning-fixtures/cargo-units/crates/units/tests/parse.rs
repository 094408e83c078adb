use units::{parse_length, Length};

#[test]
fn parses_numbers_with_units() {
    assert_eq!(parse_length("12.5 km"), Some(Length(12500.0)));
    assert_eq!(parse_length("3m"), Some(Length(3.0)));
}

#[test]
fn refuses_unknown_units() {
    assert_eq!(parse_length("3 furlongs"), None);
}
