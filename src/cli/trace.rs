//! One epoch in numbers, `stacknet --trace`: every matrix of the first epoch's update in numpy's
//! print format, under the line of the article's program that computes it and its shape.
//!
//! ```text
//! $ stacknet --trace --weights "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9"
//! One epoch of the classic program, every matrix in numpy's print format.
//!
//! X  (4 x 2)
//! [[0. 0.]
//! ...
//! ```
//!
//! The matrices are the library's own: the epoch is trained by `train_watched`, whose `Step`
//! shows `H`, `Z`, `E`, `dZ` and `dH`; the steps added to the weights are recomputed from them
//! as the library computes them (`H^T . dZ`, `X^T . dH`), and the weights after the epoch are
//! the trained network's. For the article's two programs the text is the one numpy prints
//! (`tests/fixtures/trace/`, made by `tests/fixtures/make_trace.py`). With `--dtype f32` the
//! epoch is computed in `f32` and every matrix printed as numpy prints a `float32` one.

use std::fmt::Write as _;

use stacknet::{AnyActivation, Diverged, Float, HiddenDelta, Matrix, Step};

use super::run::Run;
use super::shortest::shortest;
use super::sizes::{matrix, with_sizes, Job};
use super::task::{Task, Variant};
use super::trained::starting_network;
use super::training::{train_any, Precision};

/// Trains the first epoch of `run` and returns every matrix of it, labelled; or the epoch's
/// divergence, when the starting weights are so large that the outputs are not finite.
pub fn trace(run: &Run) -> Result<String, Diverged> {
    with_sizes(run.task, run.hidden, run.dtype, Trace(run))
}

/// A trace, as a [`Job`] for the run's sizes.
struct Trace<'a>(&'a Run);

impl Job for Trace<'_> {
    type Output = Result<String, Diverged>;

    fn run<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Precision>(
        self,
    ) -> Self::Output {
        let run = self.0;
        let (inputs, targets) = run.task.data();
        let (x, y) = (
            matrix::<ROWS, INPUTS, T>(&inputs),
            matrix::<ROWS, 1, T>(&targets),
        );
        let (mut network, _, _) = starting_network::<INPUTS, HIDDEN, T>(run);
        let before = network;
        let mut step = Step::default();
        // Through the training's own loop for these sizes, compiled once for both.
        train_any(&mut network, (&x, &y, run.training, 1), &mut |_, shown| {
            step = *shown;
        })?;
        let biases = before
            .hidden_biases()
            .as_slice()
            .iter()
            .chain(before.output_biases().as_slice());
        let labels = Labels {
            hidden: run.hidden_activation,
            output: run.output_activation,
            learning_rate: run.training.learning_rate,
            biases: run.training.train_biases || biases.into_iter().any(|&b| b != T::ZERO),
        };
        // What the library adds to each weight matrix: the same products, in the same order.
        let output_step = step.hidden.transpose().dot(&step.output_delta);
        let hidden_step = x.transpose().dot(&step.hidden_delta);

        let mut text = header(run);
        show(&mut text, "X", &x);
        show(&mut text, "Y", &y);
        show(&mut text, "Wh", before.hidden_weights());
        show(&mut text, "Wz", before.output_weights());
        if labels.biases {
            show(&mut text, "bh", before.hidden_biases());
            show(&mut text, "bz", before.output_biases());
        }
        show(&mut text, &labels.hidden_layer(), &step.hidden);
        show(&mut text, &labels.output_layer(), &step.outputs);
        show(&mut text, "E = Y - Z", &step.error);
        show(&mut text, &labels.output_delta(), &step.output_delta);
        let wz_step = "H.T.dot(dZ), added to Wz";
        // The improved program updates Wz before it computes dH from it: the lines follow.
        match run.training.hidden_delta {
            HiddenDelta::BeforeOutputUpdate => {
                show(&mut text, &labels.hidden_delta(""), &step.hidden_delta);
                show(&mut text, wz_step, &output_step);
            }
            HiddenDelta::AfterOutputUpdate => {
                show(&mut text, wz_step, &output_step);
                let label = labels.hidden_delta(", from the updated Wz");
                show(&mut text, &label, &step.hidden_delta);
            }
        }
        show(&mut text, "X.T.dot(dH), added to Wh", &hidden_step);
        if run.training.train_biases {
            let sums = ".sum(axis=0, keepdims=True), added to";
            show(
                &mut text,
                &format!("dZ{sums} bz"),
                &step.output_delta.column_sums(),
            );
            show(
                &mut text,
                &format!("dH{sums} bh"),
                &step.hidden_delta.column_sums(),
            );
        }
        show(&mut text, "Wh after the epoch", network.hidden_weights());
        show(&mut text, "Wz after the epoch", network.output_weights());
        if labels.biases {
            show(&mut text, "bh after the epoch", network.hidden_biases());
            show(&mut text, "bz after the epoch", network.output_biases());
        }
        Ok(text)
    }
}

/// The first line and a blank one: the article's program by name, or what the run's differs
/// in, and the task when it is not XOR.
fn header(run: &Run) -> String {
    let task = match run.task {
        Task::Xor => String::new(),
        other => format!(" on {}", other.name()),
    };
    let program = match Variant::of(run.hidden_activation, run.output_activation, run.training) {
        Some(variant) => format!("One epoch of the {} program{task}", variant.name()),
        None => format!(
            "One epoch{task} with a {} hidden layer, a {} output, L = {}{}",
            run.hidden_activation.name(),
            run.output_activation.name(),
            shortest(run.training.learning_rate),
            if run.training.train_biases {
                " and biases that learn"
            } else {
                ""
            },
        ),
    };
    format!("{program}, every matrix in numpy's print format.\n\n")
}

/// Writes `matrix` under its label and shape, as `print(matrix)` and a blank line.
fn show<const R: usize, const C: usize, T: Float>(
    text: &mut String,
    label: &str,
    matrix: &Matrix<R, C, T>,
) {
    let _ = write!(text, "{label}  ({R} x {C})\n{matrix}\n\n");
}

/// The labels that depend on the run: its activations, learning rate and biases, written as
/// the article writes its lines.
struct Labels {
    hidden: AnyActivation,
    output: AnyActivation,
    learning_rate: f64,
    /// Whether the biases are shown: when they learn, or are not all zero.
    biases: bool,
}

impl Labels {
    /// `H = sigmoid(np.dot(X, Wh))`, with `+ bh` inside when there are biases.
    fn hidden_layer(&self) -> String {
        let sum = if self.biases {
            "np.dot(X, Wh) + bh"
        } else {
            "np.dot(X, Wh)"
        };
        format!("H = {}", applied(self.hidden, sum))
    }

    /// `Z = sigmoid(np.dot(H, Wz))`, or `Z = np.dot(H, Wz)` for a linear output.
    fn output_layer(&self) -> String {
        let sum = if self.biases {
            "np.dot(H, Wz) + bz"
        } else {
            "np.dot(H, Wz)"
        };
        format!("Z = {}", applied(self.output, sum))
    }

    /// `dZ = E * sigmoid_(Z)`, with `* L` when `L` is not 1, and no slope for a linear output.
    fn output_delta(&self) -> String {
        let mut factors = vec!["E".to_string()];
        factors.extend(slope(self.output, "Z"));
        if self.learning_rate != 1.0 {
            factors.push("L".into());
        }
        format!("dZ = {}", factors.join(" * "))
    }

    /// `dH = dZ.dot(Wz.T) * sigmoid_(H)`, followed by `note`.
    fn hidden_delta(&self, note: &str) -> String {
        let mut factors = vec!["dZ.dot(Wz.T)".to_string()];
        factors.extend(slope(self.hidden, "H"));
        format!("dH = {}{note}", factors.join(" * "))
    }
}

/// `activation(sum)` as the article writes `sigmoid(...)`; a linear layer leaves `sum` as it is.
fn applied(activation: AnyActivation, sum: &str) -> String {
    match python_name(activation) {
        Some(name) => format!("{name}({sum})"),
        None => sum.to_string(),
    }
}

/// The slope at a layer's outputs as the article writes `sigmoid_(Z)`; none for a linear layer,
/// whose slope is 1.
fn slope(activation: AnyActivation, outputs: &str) -> Option<String> {
    python_name(activation).map(|name| format!("{name}_({outputs})"))
}

/// The activation's name as a Python function, as in the article's `sigmoid`; `None` for
/// linear, which is no function at all.
fn python_name(activation: AnyActivation) -> Option<String> {
    (activation != AnyActivation::Linear).then(|| activation.name().replace('-', "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(hidden: AnyActivation, output: AnyActivation, rate: f64, biases: bool) -> Labels {
        Labels {
            hidden,
            output,
            learning_rate: rate,
            biases,
        }
    }

    /// The article's lines for its programs, and the same style for the others.
    #[test]
    fn labels_are_the_article_lines() {
        use AnyActivation::{LeakyRelu, Linear, Sigmoid, Tanh};
        let classic = labels(Sigmoid, Sigmoid, 1.0, false);
        assert_eq!(classic.hidden_layer(), "H = sigmoid(np.dot(X, Wh))");
        assert_eq!(classic.output_layer(), "Z = sigmoid(np.dot(H, Wz))");
        assert_eq!(classic.output_delta(), "dZ = E * sigmoid_(Z)");
        assert_eq!(classic.hidden_delta(""), "dH = dZ.dot(Wz.T) * sigmoid_(H)");
        let improved = labels(Sigmoid, Linear, 0.1, false);
        assert_eq!(improved.output_layer(), "Z = np.dot(H, Wz)");
        assert_eq!(improved.output_delta(), "dZ = E * L");
        let other = labels(Tanh, LeakyRelu, 0.5, true);
        assert_eq!(other.hidden_layer(), "H = tanh(np.dot(X, Wh) + bh)");
        assert_eq!(other.output_layer(), "Z = leaky_relu(np.dot(H, Wz) + bz)");
        assert_eq!(other.output_delta(), "dZ = E * leaky_relu_(Z) * L");
        assert_eq!(other.hidden_delta(""), "dH = dZ.dot(Wz.T) * tanh_(H)");
        assert_eq!(
            labels(Linear, Linear, 1.0, false).hidden_delta(""),
            "dH = dZ.dot(Wz.T)"
        );
    }
}
