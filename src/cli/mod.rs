//! The parts of the `stacknet` command, each in its own file. Data flows one way:
//!
//! ```text
//! arguments -> run -> trained (or trace) -> output, plot
//!   words: the words options and model files share    model: saved models
//!   sizes: run-time sizes to a network's type          typed: the one shape-generic part
//!   rows: the library's arithmetic on slices, per number type
//!   progress: what a run shows while it trains
//!   save: writing a file whole or not at all
//! ```
//!
//! Only the training loop, in [`typed`], is compiled once per shape (inputs, hidden units, rows
//! and number type): the library's loop needs the sizes in its types. [`sizes::build`] is the
//! one place that turns run-time sizes into those types; [`rows`] computes what else comes from
//! a network (forward passes, the steps of an update) on slices, once per number type;
//! everything else works on `f64` numbers and slices through [`typed::Trainable`], and is
//! compiled once. A new option belongs in that shape-free code unless it must touch the loop.

pub mod arguments;
pub mod dtype;
pub mod format;
pub mod model;
pub mod output;
pub mod plot;
pub mod progress;
pub mod rows;
pub mod run;
pub mod save;
pub mod shortest;
pub mod shown;
pub mod sizes;
pub mod task;
pub mod trace;
pub mod trained;
pub mod typed;
pub mod usage;
pub mod words;
