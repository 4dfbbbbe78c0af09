//! What a run prints, `--format numpy|json|rust`: `Z` as numpy prints it, one JSON object, or
//! the trained network as Rust source.
//!
//! ```text
//! $ stacknet --seed 1 --format json
//! ```

use super::words::choice_words;

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

choice_words!(Format {
    Numpy => "numpy",
    Json => "json",
    Rust => "rust",
});
