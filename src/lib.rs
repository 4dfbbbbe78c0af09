//! stacknet is the XOR network of "A Neural Network in Python, Part 1", written from scratch for
//! `no_std`: fixed-size matrices on the stack, its own `exp`, no heap.
//!
//! # Examples
//!
//! Train the article's classic program, a 2-3-1 network with sigmoid activations, and print what
//! it has learnt, as the article's `print(Z)` does:
//!
//! ```
//! use stacknet::{xor, Network, Training};
//!
//! let mut rng = stacknet::fastrand::Rng::with_seed(2024);
//! let mut network = Network::<2, 3, 1>::random(&mut rng);
//! let z = network.train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 60_000)?;
//! println!("{z}");
//! assert!(xor::is_learnt(&z));
//! # assert_eq!(z.to_string(), "[[0.01294243]\n [0.99220942]\n [0.99220917]\n [0.00195941]]");
//! # Ok::<(), stacknet::Diverged>(())
//! ```
//!
//! It prints numpy's format:
//!
//! ```text
//! [[0.01294243]
//!  [0.99220942]
//!  [0.99220917]
//!  [0.00195941]]
//! ```
//!
//! The "improved" program has a linear output and a learning rate. From about three starts in
//! five it gets far closer in a third of the epochs; from the others its loss falls only like
//! the classic program's, and ends higher (the walkthrough's section 10 measures both). The
//! network's type names its activations; the training is a separate value:
//!
//! ```
//! use stacknet::{xor, Linear, Network, Sigmoid, Training};
//!
//! let mut rng = stacknet::fastrand::Rng::with_seed(2024);
//! let mut network = Network::<2, 3, 1, Sigmoid, Linear>::random(&mut rng);
//! let z = network.train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 20_000)?;
//! assert!((z[(1, 0)] - 1.0).abs() < 1e-6);
//! # Ok::<(), stacknet::Diverged>(())
//! ```
//!
//! # Where things are
//!
//! | the article | stacknet |
//! |---|---|
//! | `np.array`, `np.dot`, `.T`, `*` | [`Matrix`], [`Matrix::dot`], [`Matrix::transpose`], `*` |
//! | `np.exp` | [`exp`], written here: `core` has none |
//! | `sigmoid`, `sigmoid_` | [`sigmoid`], [`sigmoid_derivative`]; the layer's [`Sigmoid`] |
//! | `X`, `Y` | [`xor::INPUTS`], [`xor::TARGETS`] |
//! | `Wh`, `Wz`, `np.random.uniform` | [`Network`], [`Network::random`], [`Network::from_weights`] |
//! | `H`, `Z` of a forward pass | [`Network::hidden_layer`], [`Network::predict`] |
//! | the loop body, `H` to `Wh +=` | one function in `src/network.rs`, its steps shown by [`Network::train_watched`] as a [`Step`] |
//! | `for i in range(epochs)` | [`Network::train`], with [`Training::CLASSIC`] or [`Training::IMPROVED`] |
//! | beyond the article: your own data, read at run time | [`Matrix::from_fn`], `Matrix::try_from` a slice of rows or of elements ([`ShapeError`]); `examples/own_data.rs` reads a CSV and trains |
//!
//! New to the article's network? Start with the [`walkthrough`], a lesson that needs no article
//! beside it: every line of both programs beside the Rust that does it, the shapes, the
//! equations, how fast each program learns and why, and the experiments.
//!
//! The pages are modules without code, each a Markdown file in `src/` that GitHub shows as well:
//! the [`walkthrough`], [`command_line`] (every option of the `stacknet` program), [`firmware`]
//! (embedding it) and [`measurements`] (speed, convergence, and what the tests prove).
//!
//! Every matrix has its shape in its type, `Matrix<ROWS, COLUMNS>`, so the whole network lives
//! on the stack and multiplying matrices of the wrong shapes is a compile error.

#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]

// Unit tests use std (formatting to strings, f64::exp as a reference); the library never does.
#[cfg(test)]
extern crate std;

mod activation;
mod exp;
mod float;
mod match_size;
mod matrix;
mod network;
mod numpy_format;
mod text;
mod training;
pub mod truth_tables;
pub mod xor;

// The pages: Markdown files that read the same on GitHub and here; tests/pages.rs checks both.
#[doc = include_str!("command_line.md")]
pub mod command_line {}
#[doc = include_str!("firmware.md")]
pub mod firmware {}
#[doc = include_str!("measurements.md")]
pub mod measurements {}
#[doc = include_str!("walkthrough.md")]
pub mod walkthrough {}

/// The random number generator crate that [`Network::random`] draws from, re-exported so that a
/// caller can seed one without naming fastrand in its own dependencies (or matching versions).
pub use fastrand;

pub use activation::{
    sigmoid, sigmoid_derivative, tanh, Activation, AnyActivation, LeakyRelu, Linear,
    ParseActivationError, Relu, Sigmoid, Tanh, LEAKY_RELU_SLOPE,
};
pub use exp::{exp, OVERFLOW_THRESHOLD, UNDERFLOW_THRESHOLD};
pub use float::Float;
pub use matrix::{Matrix, ShapeError};
pub use network::{Network, Step};
pub use numpy_format::NumpyArray;
pub use text::TextBuffer;
pub use training::{Batch, Diverged, HiddenDelta, Training};

/// The README's Rust examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
