//! How a network learns: the learning rate, whether biases learn, the batches, and the order of
//! the updates; with the article's two programs as presets.
//!
//! ```
//! use stacknet::{Batch, HiddenDelta, Training};
//!
//! // The classic program: no learning rate (it is 1), dH from Wz before this step's update.
//! assert_eq!(Training::CLASSIC.learning_rate, 1.0);
//! assert_eq!(Training::CLASSIC.hidden_delta, HiddenDelta::BeforeOutputUpdate);
//! // Beyond the article: a smaller step on mini-batches of two rows, biases learning too.
//! let minibatches = Training::CLASSIC
//!     .with_learning_rate(0.1)
//!     .with_batch(Batch::Mini { rows: 2, seed: 5 })
//!     .with_trained_biases(true);
//! assert_eq!(minibatches.learning_rate, 0.1);
//! ```
//!
//! A [`Training`] is separate from the network it trains: the network is what computes
//! (weights, biases, activations), the training is how it changes. The same network can be
//! trained one way and then another, and a network in firmware carries no training at all.

use core::fmt;

/// How a network is trained. The fields say what each choice is; build one from a preset and the
/// `with_` methods, which also work in a `const`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Training {
    /// The factor `L` in `dZ = E * f'(Z) * L`, which scales both updates: 1 in the classic
    /// program (where the article writes no factor at all), 0.1 in the improved.
    pub learning_rate: f64,
    /// Whether the biases learn, by the column sums of `dZ` and `dH`. Off in both of the
    /// article's programs, whose biases stay zero; a network's biases are always *used*.
    pub train_biases: bool,
    /// How many rows each update sees: all of them in the article.
    pub batch: Batch,
    /// Which `Wz` the hidden layer's delta `dH` is computed from.
    pub hidden_delta: HiddenDelta,
}

impl Training {
    /// The article's first program: `dZ = E * sigmoid_(Z)` with no learning rate, full batches,
    /// no biases, and `dH` from `Wz` as it was before the step. Train it with sigmoid on both
    /// layers, `Network<2, 3, 1>`.
    pub const CLASSIC: Self = Self {
        learning_rate: 1.0,
        train_biases: false,
        batch: Batch::Full,
        hidden_delta: HiddenDelta::BeforeOutputUpdate,
    };

    /// The article's "improved" program: `dZ = E * L` with `L = 0.1`, full batches, no biases,
    /// and `Wz` updated *before* `dH` is computed from it, as the article's code does. Train it
    /// with a linear output, `Network<2, 3, 1, Sigmoid, Linear>`.
    pub const IMPROVED: Self = Self {
        learning_rate: 0.1,
        train_biases: false,
        batch: Batch::Full,
        hidden_delta: HiddenDelta::AfterOutputUpdate,
    };

    /// The number of epochs the article runs its classic program for.
    pub const CLASSIC_EPOCHS: u32 = 60_000;

    /// The number of epochs the article runs its improved program for.
    pub const IMPROVED_EPOCHS: u32 = 20_000;

    /// Returns this training with learning rate `L`.
    #[must_use]
    pub const fn with_learning_rate(self, learning_rate: f64) -> Self {
        Self {
            learning_rate,
            ..self
        }
    }

    /// Returns this training with the biases learning (`true`) or held where they are.
    #[must_use]
    pub const fn with_trained_biases(self, train_biases: bool) -> Self {
        Self {
            train_biases,
            ..self
        }
    }

    /// Returns this training with these batches.
    #[must_use]
    pub const fn with_batch(self, batch: Batch) -> Self {
        Self { batch, ..self }
    }

    /// Returns this training with `dH` computed from this `Wz`.
    #[must_use]
    pub const fn with_hidden_delta(self, hidden_delta: HiddenDelta) -> Self {
        Self {
            hidden_delta,
            ..self
        }
    }
}

/// Which output weights `Wz` the hidden layer's delta `dH = dZ . Wz^T * f'(H)` is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HiddenDelta {
    /// From `Wz` as it was before this step: every weight then moves along the true gradient of
    /// the loss. The classic program's order.
    BeforeOutputUpdate,
    /// From `Wz` after this step has updated it, as the article's improved program does (its
    /// `Wz +=` line comes before its `dH =` line). `Wh` then moves by the gradient plus an
    /// extra term, `X^T . ((dZ . (H^T . dZ)^T) * f'(H))`. Since `dZ` carries the learning rate
    /// `L`, the extra term grows with `L^2` where the gradient's grows with `L`; it is not small
    /// at the start: at the improved program's first step from starting weights drawn as
    /// [`Network::random`](crate::Network::random) draws them, its size is typically about a
    /// fifth of the gradient's. It fades as the error `E` falls.
    AfterOutputUpdate,
}

/// How many rows of the training data each update sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Batch {
    /// All rows at once, one update per epoch: the article's full batch.
    Full,
    /// Mini-batches of `rows` rows: each epoch shuffles the rows and makes one update per batch,
    /// the last batch taking what is left. The order comes from a generator seeded with `seed`
    /// when training starts, so a run can be repeated.
    Mini {
        /// Rows in each batch; 0 counts as 1.
        rows: usize,
        /// Seed of the generator that shuffles the rows.
        seed: u64,
    },
}

/// Training stopped because a number it computed was no longer finite: the weights blew up,
/// usually from too high a learning rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Diverged {
    /// The epoch, counted from 1 in the call that trained, in which training found the numbers
    /// that were not finite.
    pub epoch: u32,
    /// Which numbers they were.
    pub found: NotFinite,
}

/// Which numbers of an epoch were not finite (infinite or NaN).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotFinite {
    /// The epoch's outputs `Z`, computed from the weights before its last update: the loss is
    /// no longer finite.
    Outputs,
    /// A weight or bias after one of the epoch's updates, its outputs having been finite.
    WeightsOrBiases,
}

impl Diverged {
    /// Training diverged at `epoch`, counted from 1, where it found `found` not finite.
    #[must_use]
    pub const fn new(epoch: u32, found: NotFinite) -> Self {
        Self { epoch, found }
    }

    /// Training diverged at `epoch`, counted from 1, its outputs no longer finite.
    #[must_use]
    pub const fn at_epoch(epoch: u32) -> Self {
        Self::new(epoch, NotFinite::Outputs)
    }

    /// The same divergence, at another epoch number: for a caller that counts epochs over
    /// several calls.
    #[must_use]
    pub const fn with_epoch(self, epoch: u32) -> Self {
        Self { epoch, ..self }
    }
}

impl fmt::Display for Diverged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let epoch = self.epoch;
        match self.found {
            NotFinite::Outputs => write!(
                f,
                "training diverged at epoch {epoch}: the loss is no longer finite"
            ),
            NotFinite::WeightsOrBiases => write!(
                f,
                "training diverged at epoch {epoch}: a weight or bias is no longer finite after \
                 the update"
            ),
        }
    }
}

impl core::error::Error for Diverged {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn presets_are_the_article_programs() {
        assert_eq!(
            Training::CLASSIC,
            Training {
                learning_rate: 1.0,
                train_biases: false,
                batch: Batch::Full,
                hidden_delta: HiddenDelta::BeforeOutputUpdate,
            }
        );
        assert_eq!(
            Training::IMPROVED,
            Training {
                learning_rate: 0.1,
                train_biases: false,
                batch: Batch::Full,
                hidden_delta: HiddenDelta::AfterOutputUpdate,
            }
        );
        assert_eq!(
            [Training::CLASSIC_EPOCHS, Training::IMPROVED_EPOCHS],
            [60_000, 20_000]
        );
    }

    #[test]
    fn with_methods_change_one_field() {
        let changed = Training::CLASSIC
            .with_learning_rate(0.5)
            .with_trained_biases(true)
            .with_batch(Batch::Mini { rows: 2, seed: 1 })
            .with_hidden_delta(HiddenDelta::AfterOutputUpdate);
        assert_eq!(
            changed,
            Training {
                learning_rate: 0.5,
                train_biases: true,
                batch: Batch::Mini { rows: 2, seed: 1 },
                hidden_delta: HiddenDelta::AfterOutputUpdate,
            }
        );
    }

    #[test]
    fn diverged_says_where_and_what() {
        assert_eq!(
            Diverged::at_epoch(7).to_string(),
            "training diverged at epoch 7: the loss is no longer finite"
        );
        let weights = Diverged::new(3, NotFinite::WeightsOrBiases);
        assert_eq!(
            weights.to_string(),
            "training diverged at epoch 3: a weight or bias is no longer finite after the update"
        );
        assert_eq!(
            weights.with_epoch(10),
            Diverged::new(10, NotFinite::WeightsOrBiases)
        );
    }
}
