//! unitconv QUANTITY UNIT: prints the quantity converted to the unit.
use std::process::ExitCode;

fn convert(quantity: &str, unit: &str) -> Result<String, String> {
    let length = units::parse_length(quantity).ok_or_else(|| format!("cannot read {quantity}"))?;
    let value = length.to_unit(unit).ok_or_else(|| format!("unknown unit {unit}"))?;
    Ok(format!("{value} {unit}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: unitconv QUANTITY UNIT");
        return ExitCode::from(2);
    }
    match convert(&args[0], &args[1]) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("unitconv: {message}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::convert;

    #[test]
    fn converts_between_units() {
        assert_eq!(convert("2 km", "m").unwrap(), "2000 m");
        assert!(convert("2 km", "parsec").is_err());
    }
}
