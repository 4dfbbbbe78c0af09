//! One epoch in numbers, `stacknet --trace [--epochs N]`: every matrix of epoch N's update (the
//! first unless told), in numpy's print format, under the line of the article's program that
//! computes it and its shape.
//!
//! ```text
//! $ stacknet --trace --weights "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9"
//! Epoch 1 of the classic program, every matrix in numpy's print format.
//!
//! X  (4 x 2)
//! [[0. 0.]
//! ...
//! ```
//!
//! The matrices are the library's own: the epochs before N are trained as any run trains them,
//! epoch N by `train_watched`, whose `Step` shows `H`, `Z`, `E`, `dZ` and `dH`; the loss is
//! that `Z`'s mean squared error, the steps added to the weights are recomputed from the step
//! as the library computes them (`H^T . dZ`, `X^T . dH`), and the weights after the epoch are
//! the trained network's. For the article's two programs the text is the one numpy prints
//! (`tests/fixtures/trace/`, made by `tests/fixtures/make_trace.py`). With `--dtype f32` the
//! epoch is computed in `f32` and every matrix printed as numpy prints a `float32` one.

use std::fmt::Write as _;

use stacknet::{AnyActivation, HiddenDelta};

use super::dtype::Dtype;
use super::progress::Progress;
use super::run::Run;
use super::shortest::shortest;
use super::task::{Task, Variant};
use super::trained::{starting_network, Failure};
use super::typed::{Parameters, Printed};

/// Trains `run` up to epoch `run.epochs` and returns every matrix of that epoch, labelled; or
/// why it could not, such as weights so large that the outputs are no longer finite.
pub fn trace(run: &Run) -> Result<String, Failure> {
    let mut network = starting_network(run)?;
    let biases_before = network.parameters();
    // The epochs before, as a run trains them; then the one to show, which progress for one
    // epoch stops at, keeping its step. An epoch that diverges is counted from the first.
    let before_it = run.epochs.saturating_sub(1);
    if before_it > 0 {
        network.train(run.training, before_it, &mut Progress::silent())?;
    }
    let before = Weights::printed(&network.parameters(), run);
    let shown = &mut Progress::new(1, None, false, false);
    network
        .train(run.training, 1, shown)
        .map_err(|diverged| diverged.with_epoch(run.epochs))?;
    let step = network
        .last_step()
        .expect("an epoch that did not diverge was shown to progress");
    let after = Weights::printed(&network.parameters(), run);
    let nonzero = |biases: &[f64]| biases.iter().any(|&b| b != 0.0);
    let labels = Labels {
        hidden: run.hidden_activation,
        output: run.output_activation,
        learning_rate: run.training.learning_rate,
        biases: run.training.train_biases
            || nonzero(&biases_before.hidden_biases)
            || nonzero(&biases_before.output_biases),
    };
    let loss = Printed {
        rows: 1,
        columns: 1,
        numbers: vec![step.loss],
    };

    let show =
        |text: &mut String, label: &str, matrix: &Printed| show(text, label, matrix, run.dtype);
    let mut text = header(run);
    show(&mut text, "X", &step.x);
    show(&mut text, "Y", &step.y);
    show(&mut text, "Wh", &before.wh);
    show(&mut text, "Wz", &before.wz);
    if labels.biases {
        show(&mut text, "bh", &before.bh);
        show(&mut text, "bz", &before.bz);
    }
    show(&mut text, &labels.hidden_layer(), &step.h);
    show(&mut text, &labels.output_layer(), &step.z);
    show(&mut text, "E = Y - Z", &step.e);
    show(&mut text, LOSS, &loss);
    show(&mut text, &labels.output_delta(), &step.dz);
    let wz_step = "H.T.dot(dZ), added to Wz";
    // The improved program updates Wz before it computes dH from it: the lines follow, and the
    // updated Wz comes before the dH that uses it.
    match run.training.hidden_delta {
        HiddenDelta::BeforeOutputUpdate => {
            show(&mut text, &labels.hidden_delta(""), &step.dh);
            show(&mut text, wz_step, &step.wz_step);
        }
        HiddenDelta::AfterOutputUpdate => {
            show(&mut text, wz_step, &step.wz_step);
            show(&mut text, UPDATED_WZ, &after.wz);
            let label = labels.hidden_delta(", from the updated Wz");
            show(&mut text, &label, &step.dh);
        }
    }
    show(&mut text, "X.T.dot(dH), added to Wh", &step.wh_step);
    if run.training.train_biases {
        let sums = ".sum(axis=0, keepdims=True), added to";
        show(&mut text, &format!("dZ{sums} bz"), &step.bz_step);
        show(&mut text, &format!("dH{sums} bh"), &step.bh_step);
    }
    show(&mut text, "Wh after the epoch", &after.wh);
    show(&mut text, "Wz after the epoch", &after.wz);
    if labels.biases {
        show(&mut text, "bh after the epoch", &after.bh);
        show(&mut text, "bz after the epoch", &after.bz);
    }
    Ok(text)
}

/// A network's weights and biases as `--trace` prints them.
struct Weights {
    wh: Printed,
    wz: Printed,
    bh: Printed,
    bz: Printed,
}

impl Weights {
    /// `parameters` of a network of `run`'s sizes, each matrix with its shape.
    fn printed(parameters: &Parameters, run: &Run) -> Self {
        let printed = |numbers: &[f64], rows, columns| Printed {
            rows,
            columns,
            numbers: numbers.to_vec(),
        };
        let (inputs, hidden) = (run.task.inputs(), run.hidden);
        Weights {
            wh: printed(&parameters.hidden_weights, inputs, hidden),
            wz: printed(&parameters.output_weights, hidden, 1),
            bh: printed(&parameters.hidden_biases, 1, hidden),
            bz: printed(&parameters.output_biases, 1, 1),
        }
    }
}

/// The loss's label: numpy's mean of `E`'s squares, kept a 1 x 1 array so that numpy prints it
/// as it prints the other matrices.
const LOSS: &str = "loss = np.mean(E ** 2, keepdims=True)";

/// The label of the improved program's `Wz` after its update, which its `dH` uses.
const UPDATED_WZ: &str = "Wz += H.T.dot(dZ), the Wz that dH uses";

/// The first line and a blank one: the epoch, counted over the network's life (a loaded model's
/// epochs included), the article's program by name, or what the run's differs in, and the task
/// when it is not XOR.
fn header(run: &Run) -> String {
    let task = match run.task {
        Task::Xor => String::new(),
        other => format!(" on {other}"),
    };
    let epoch = run.start.epochs_before() + u64::from(run.epochs);
    let program = match Variant::of(run.hidden_activation, run.output_activation, run.training) {
        Some(variant) => format!("Epoch {epoch} of the {variant} program{task}"),
        None => format!(
            "Epoch {epoch}{task} with a {} hidden layer, a {} output, L = {}{}",
            run.hidden_activation,
            run.output_activation,
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

/// Writes a matrix of `dtype` under its label and shape, as `print(matrix)` and a blank line.
fn show(text: &mut String, label: &str, matrix: &Printed, dtype: Dtype) {
    let (rows, columns) = (matrix.rows, matrix.columns);
    let printed = dtype.numpy(&matrix.numbers, columns);
    let _ = write!(text, "{label}  ({rows} x {columns})\n{printed}\n\n");
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
    (activation != AnyActivation::Linear).then(|| activation.to_string().replace('-', "_"))
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
