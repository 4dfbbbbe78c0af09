//! The number type a run computes in, `--dtype f32|f64`: `f64`, the article's (numpy's default),
//! or `f32`, what a Cortex-M4F computes in hardware.
//!
//! ```text
//! $ stacknet --seed 1 --dtype f32     (Z printed as numpy prints a float32 matrix)
//! ```
//!
//! Everything the command line keeps of a run (its outputs, a model's weights) is held as `f64`,
//! which holds every `f32` exactly; the run's [`Dtype`] says how to write those numbers back:
//! as the `f32` they are, in shortest round-trip form, so that `0.1f32` is written `0.1`.

use std::fmt;
use std::str::FromStr;

use stacknet::NumpyArray;

use super::shortest::shortest;
use super::words::Choice;

/// The two number types a run may compute in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dtype {
    /// `f32`, numpy's `float32`.
    F32,
    /// `f64`, numpy's `float64`: the article's.
    #[default]
    F64,
}

impl Dtype {
    /// The name numpy gives it, which the JSON output and model files write: `float32` or
    /// `float64`.
    pub const fn name(self) -> &'static str {
        match self {
            Dtype::F32 => "float32",
            Dtype::F64 => "float64",
        }
    }

    /// The Rust type: `f32` or `f64`.
    pub const fn rust_name(self) -> &'static str {
        match self {
            Dtype::F32 => "f32",
            Dtype::F64 => "f64",
        }
    }

    /// `numbers`, values of this type held in `f64`s, `columns` to a row, as numpy prints an
    /// array of this type.
    pub fn numpy(self, numbers: &[f64], columns: usize) -> String {
        match self {
            Dtype::F32 => {
                // Exact: each number is an f32 already.
                let singles: Vec<f32> = numbers.iter().map(|&number| number as f32).collect();
                NumpyArray::new(&singles, columns).to_string()
            }
            Dtype::F64 => NumpyArray::new(numbers, columns).to_string(),
        }
    }

    /// `number`, a value of this type held in an `f64`, in the shortest text that reads back to
    /// it as this type: `0.1` for `0.1f32`, not `0.10000000149011612`.
    pub fn shortest(self, number: f64) -> String {
        match self {
            // Debug formatting of f32 is its shortest round-trip form, as for f64.
            Dtype::F32 => format!("{:?}", number as f32),
            Dtype::F64 => shortest(number),
        }
    }
}

impl fmt::Display for Dtype {
    /// The Rust name, `f32` or `f64`, as `--dtype` takes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rust_name())
    }
}

impl FromStr for Dtype {
    type Err = ();

    /// The dtype of Rust's name or numpy's: `f32`, `float32`, `f64` or `float64`.
    fn from_str(name: &str) -> Result<Dtype, ()> {
        match name {
            "f32" | "float32" => Ok(Dtype::F32),
            "f64" | "float64" => Ok(Dtype::F64),
            _ => Err(()),
        }
    }
}

impl Dtype {
    /// `word` read as a weight of this type: the nearest number of the type, held in an `f64`
    /// (an `f32` is read as one, not rounded twice by way of the nearest `f64`), and finite. The
    /// error names `name`, the matrix the weight belongs to.
    pub fn weight(self, name: &str, word: &str) -> Result<f64, String> {
        let read = match self {
            Dtype::F32 => word.parse::<f32>().map(f64::from),
            Dtype::F64 => word.parse::<f64>(),
        };
        match read {
            Ok(number) if number.is_finite() => Ok(number),
            Ok(_) => Err(format!("{name} has '{word}'; weights must be finite")),
            Err(_) => Err(format!("{name} has '{word}', which is not a number")),
        }
    }
}

impl Choice for Dtype {
    const ALL: &'static [Self] = &[Dtype::F32, Dtype::F64];
    const ALSO: &'static str = " (or numpy's float32 or float64)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_names_are_read() {
        for (name, dtype) in [
            ("f32", Dtype::F32),
            ("float32", Dtype::F32),
            ("f64", Dtype::F64),
            ("float64", Dtype::F64),
        ] {
            assert_eq!(name.parse(), Ok(dtype), "{name}");
        }
        assert_eq!("f16".parse::<Dtype>(), Err(()));
        assert_eq!(Dtype::default(), Dtype::F64);
    }

    /// Each f32 is written in the fewest digits that read back to it as an f32.
    #[test]
    fn f32_numbers_are_written_as_f32() {
        for number in [0.1f32, 1.0, -0.0, 1.0 / 3.0, 1e-45, f32::MAX, 16_777_217.0] {
            let text = Dtype::F32.shortest(f64::from(number));
            let read: f32 = text.parse().unwrap();
            assert_eq!(read.to_bits(), number.to_bits(), "{number} as {text}");
            assert!(text.contains(['.', 'e']), "{text} would read as an integer");
        }
        assert_eq!(Dtype::F32.shortest(f64::from(0.1f32)), "0.1");
        assert_eq!(
            Dtype::F64.shortest(f64::from(0.1f32)),
            "0.10000000149011612"
        );
    }

    /// A weight is read in its own precision: "0.1" is 0.1f32 for an f32 network.
    #[test]
    fn weights_are_read_as_their_dtype() {
        assert_eq!(Dtype::F32.weight("Wh", "0.1"), Ok(f64::from(0.1f32)));
        assert_eq!(Dtype::F64.weight("Wh", "0.1"), Ok(0.1));
        assert_eq!(
            Dtype::F32.weight("Wh", "1e39").unwrap_err(),
            "Wh has '1e39'; weights must be finite"
        );
        assert_eq!(
            Dtype::F64.weight("Wz", "one").unwrap_err(),
            "Wz has 'one', which is not a number"
        );
    }
}
