//! stacknet is the XOR network of "A Neural Network in Python, Part 1", written from scratch for
//! `no_std`: fixed-size matrices on the stack, its own `exp`, no heap.
//!
//! # Examples
//!
//! Train the article's classic program, a 2-3-1 network with sigmoid activations, and print what
//! it has learnt, as the article's `print(Z)` does:
//!
//! ```
//! use stacknet::{xor, Network, Variant};
//!
//! let mut rng = stacknet::fastrand::Rng::with_seed(2024);
//! let mut network = Network::<2, 3, 1>::random(&mut rng);
//! let z = network.train(&xor::INPUTS, &xor::TARGETS, Variant::Classic, 60_000);
//! println!("{z}"); // [[0.01...] [0.98...] [0.98...] [0.02...]], in numpy's format
//! assert!(xor::is_learnt(&z));
//! ```
//!
//! The "improved" program has a linear output and a learning rate, and gets closer in fewer
//! epochs:
//!
//! ```
//! use stacknet::{xor, Network, Variant};
//!
//! let mut network = Network::<2, 3, 1>::random(&mut stacknet::fastrand::Rng::with_seed(2024));
//! let z = network.train(&xor::INPUTS, &xor::TARGETS, Variant::IMPROVED, 20_000);
//! assert!((z[(1, 0)] - 1.0).abs() < 1e-6);
//! ```
//!
//! # Where things are
//!
//! | the article | stacknet |
//! |---|---|
//! | `np.array`, `np.dot`, `.T`, `*` | [`Matrix`], [`Matrix::dot`], [`Matrix::transpose`], `*` |
//! | `np.exp` | [`exp`], written here: `core` has none |
//! | `sigmoid`, `sigmoid_` | [`sigmoid`], [`sigmoid_derivative`] |
//! | `X`, `Y` | [`xor::INPUTS`], [`xor::TARGETS`] |
//! | `Wh`, `Wz`, `np.random.uniform` | [`Network`], [`Network::random`], [`Network::from_weights`] |
//! | the loop body | [`Network::train_step`], in the order of [`Variant`] |
//! | `for i in range(epochs)` | [`Network::train`] |
//!
//! New to the article's network? Start with the [`walkthrough`]: every line of both programs
//! beside the Rust that does it, the shapes, the equations, and the experiments.
//!
//! Every matrix has its shape in its type, `Matrix<ROWS, COLUMNS>`, so the whole network lives
//! on the stack and multiplying matrices of the wrong shapes is a compile error.

#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Unit tests use std (formatting to strings, f64::exp as a reference); the library never does.
#[cfg(test)]
extern crate std;

mod activation;
mod exp;
mod matrix;
mod network;
mod numpy_format;
mod text;
pub mod truth_tables;
#[doc = include_str!("walkthrough.md")]
pub mod walkthrough {}
pub mod xor;

/// The random number generator crate that [`Network::random`] draws from, re-exported so that a
/// caller can seed one without naming fastrand in its own dependencies (or matching versions).
pub use fastrand;

pub use activation::{sigmoid, sigmoid_derivative, tanh, Activation, LEAKY_RELU_SLOPE};
pub use exp::{exp, exp_f32, OVERFLOW_THRESHOLD, UNDERFLOW_THRESHOLD};
pub use matrix::Matrix;
pub use network::{Batch, Diverged, Network, Settings, Variant};
pub use text::TextBuffer;

/// The README's Rust examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
