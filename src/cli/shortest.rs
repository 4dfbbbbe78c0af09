//! Numbers as text that reads back to the same bits: how the JSON output, the Rust output and
//! saved models write every weight.
//!
//! ```text
//! 0.1 -> "0.1"    1.0 -> "1.0"    1e-17 -> "1e-17"    -0.0 -> "-0.0"
//! ```

/// Returns the shortest decimal text that parses back to exactly `number`, always with a `.`
/// or an exponent (so that Rust reads it as a float): `1.0`, `0.1`, `6.661338147750939e-15`.
/// NaN and the infinities come out as `NaN`, `inf` and `-inf`; callers that cannot hold them
/// write them their own way.
pub fn shortest(number: f64) -> String {
    // Debug formatting of f64 is the shortest round-trip form (Display is too, but writes
    // `1` for 1.0, which Rust would read as an integer).
    format!("{number:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_reads_back_bit_for_bit() {
        let numbers = [
            0.1,
            1.0,
            -0.0,
            1.0 / 3.0,
            5e-324,
            -2.5e-300,
            f64::MAX,
            6.661338147750939e-15,
        ];
        for number in numbers {
            let text = shortest(number);
            let read: f64 = text.parse().unwrap();
            assert_eq!(read.to_bits(), number.to_bits(), "{number} as {text}");
            assert!(text.contains(['.', 'e']), "{text} would read as an integer");
        }
        assert_eq!(shortest(1e-17), "1e-17");
    }
}
