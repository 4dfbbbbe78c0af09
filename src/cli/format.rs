//! What a run prints, `--format numpy|json|rust`: `Z` as numpy prints it, one JSON object, or
//! the trained network as Rust source.
//!
//! ```text
//! $ stacknet --seed 1 --format json
//! ```

use std::fmt;
use std::str::FromStr;

use super::words::Choice;

/// What `--format` asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// `Z` as numpy's `print(Z)`: the article's output.
    #[default]
    Numpy,
    /// One JSON object with the settings, `Z` and the trained weights.
    Json,
    /// The trained network as a Rust `const`, for firmware.
    Rust,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Numpy => "numpy",
            Format::Json => "json",
            Format::Rust => "rust",
        })
    }
}

impl FromStr for Format {
    type Err = ();

    fn from_str(name: &str) -> Result<Format, ()> {
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.to_string() == name)
            .ok_or(())
    }
}

impl Choice for Format {
    const ALL: &'static [Self] = &[Format::Numpy, Format::Json, Format::Rust];
}
