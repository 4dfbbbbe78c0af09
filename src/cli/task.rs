//! What the command line's networks learn: the logic tasks, 3-bit parity and the sine curve,
//! their data, and what a run of each does unless told otherwise.
//!
//! ```text
//! $ stacknet --task sine     (a 1-4-1 network, tanh and linear, biases, L = 0.01, 200000 epochs)
//! ```

use stacknet::{truth_tables, AnyActivation, Training};

use super::words::{choice_words, Choice};

/// Points of the sine task's training grid over `[0, 2 pi]`.
pub const SINE_TRAINING_POINTS: usize = 32;

/// Points of the dense grid on which the sine task's largest error is measured.
pub const SINE_CHECK_POINTS: usize = 1001;

/// Hidden units unless told otherwise, as in the article.
const DEFAULT_HIDDEN: usize = 3;

/// The sine task's hidden units, measured with the rest of [`SINE`] to reach a largest error
/// below 0.01 from most seeds.
const SINE_HIDDEN: usize = 4;

/// The sine task's own program: a tanh hidden layer, a linear output, biases that learn, and a
/// small step taken many times.
const SINE: Program = Program {
    hidden_activation: AnyActivation::Tanh,
    output_activation: AnyActivation::Linear,
    training: Training::CLASSIC
        .with_learning_rate(0.01)
        .with_trained_biases(true),
    epochs: 200_000,
};

/// What a network learns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    And,
    Or,
    Nand,
    Nor,
    Xor,
    Xnor,
    /// 3-bit parity: three inputs, eight rows.
    Parity3,
    /// `sin(t)` for `t` in `[0, 2 pi]`, from the input `t / pi - 1` in `[-1, 1]`.
    Sine,
}

impl Task {
    /// Inputs of the network: two truth values, three for parity, one number for sine.
    pub fn inputs(self) -> usize {
        match self {
            Task::Parity3 => 3,
            Task::Sine => 1,
            _ => 2,
        }
    }

    /// Rows of the training data.
    pub fn rows(self) -> usize {
        match self {
            Task::Parity3 => 8,
            Task::Sine => SINE_TRAINING_POINTS,
            _ => 4,
        }
    }

    /// Whether the outputs are truth values, learnt when each rounds to its target.
    pub fn is_logic(self) -> bool {
        self != Task::Sine
    }

    /// The training data, row-major: inputs (`rows x inputs`) and targets (`rows x 1`).
    pub fn data(self) -> (Vec<f64>, Vec<f64>) {
        let two = truth_tables::TWO_INPUTS.as_slice().to_vec();
        match self {
            Task::And => (two, truth_tables::AND.as_slice().to_vec()),
            Task::Or => (two, truth_tables::OR.as_slice().to_vec()),
            Task::Nand => (two, truth_tables::NAND.as_slice().to_vec()),
            Task::Nor => (two, truth_tables::NOR.as_slice().to_vec()),
            Task::Xor => (two, truth_tables::XOR.as_slice().to_vec()),
            Task::Xnor => (two, truth_tables::XNOR.as_slice().to_vec()),
            Task::Parity3 => (
                truth_tables::THREE_INPUTS.as_slice().to_vec(),
                truth_tables::PARITY3.as_slice().to_vec(),
            ),
            Task::Sine => sine_points(SINE_TRAINING_POINTS),
        }
    }

    /// What a run of this task does unless its options say otherwise: the program `--variant`
    /// names (the classic one when none is named), or, for sine with no `--variant`, its own.
    pub fn defaults(self, variant: Option<Variant>) -> (Program, usize) {
        match (self, variant) {
            (Task::Sine, None) => (SINE, SINE_HIDDEN),
            (_, variant) => (
                variant.unwrap_or(Variant::Classic).program(),
                DEFAULT_HIDDEN,
            ),
        }
    }
}

/// `count` evenly spaced points `t` of `[0, 2 pi]`, as inputs `t / pi - 1` and targets `sin t`.
pub fn sine_points(count: usize) -> (Vec<f64>, Vec<f64>) {
    (0..count)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / (count - 1) as f64;
            (t / std::f64::consts::PI - 1.0, t.sin())
        })
        .unzip()
}

/// The largest `|output - sin t|` of a network's `outputs` at the inputs of
/// `sine_points(SINE_CHECK_POINTS)`, against their `sines`. NaN if any output is NaN.
pub fn largest_sine_error(outputs: &[f64], sines: &[f64]) -> f64 {
    outputs
        .iter()
        .zip(sines)
        .map(|(output, sine)| (output - sine).abs())
        .fold(0.0, |largest: f64, error| {
            if error.is_nan() || largest.is_nan() {
                f64::NAN
            } else {
                largest.max(error)
            }
        })
}

/// The article's two programs, as `--variant` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Sigmoid on both layers, `Training::CLASSIC`, 60000 epochs.
    Classic,
    /// A linear output, `Training::IMPROVED` (L = 0.1), 20000 epochs.
    Improved,
}

impl Variant {
    /// The article's program: its activations, its training and its epochs.
    pub fn program(self) -> Program {
        match self {
            Variant::Classic => Program {
                hidden_activation: AnyActivation::Sigmoid,
                output_activation: AnyActivation::Sigmoid,
                training: Training::CLASSIC,
                epochs: Training::CLASSIC_EPOCHS,
            },
            Variant::Improved => Program {
                hidden_activation: AnyActivation::Sigmoid,
                output_activation: AnyActivation::Linear,
                training: Training::IMPROVED,
                epochs: Training::IMPROVED_EPOCHS,
            },
        }
    }

    /// The article's program that computes and learns as these do, if either does: the name
    /// the JSON output gives a run (`custom` when neither).
    pub fn of(
        hidden_activation: AnyActivation,
        output_activation: AnyActivation,
        training: Training,
    ) -> Option<Variant> {
        Variant::ALL.iter().copied().find(|variant| {
            let program = variant.program();
            (
                program.hidden_activation,
                program.output_activation,
                program.training,
            ) == (hidden_activation, output_activation, training)
        })
    }
}

choice_words!(Task {
    Xor => "xor",
    And => "and",
    Or => "or",
    Nand => "nand",
    Nor => "nor",
    Xnor => "xnor",
    Parity3 => "parity3",
    Sine => "sine",
});

choice_words!(Variant {
    Classic => "classic",
    Improved => "improved",
});

/// How a network computes and learns, and for how long: what a task or `--variant` sets before
/// the other options adjust it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Program {
    pub hidden_activation: AnyActivation,
    pub output_activation: AnyActivation,
    pub training: Training,
    pub epochs: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_has_consistent_data() {
        for &task in Task::ALL {
            let (inputs, targets) = task.data();
            assert_eq!(inputs.len(), task.rows() * task.inputs(), "{task:?}");
            assert_eq!(targets.len(), task.rows(), "{task:?}");
            assert_eq!(task.to_string().parse(), Ok(task));
        }
    }

    #[test]
    fn programs_are_named_by_what_they_do() {
        for &variant in Variant::ALL {
            let program = variant.program();
            let found = Variant::of(
                program.hidden_activation,
                program.output_activation,
                program.training,
            );
            assert_eq!(found, Some(variant));
            assert_eq!(variant.to_string().parse(), Ok(variant));
        }
        let faster = Training::CLASSIC.with_learning_rate(0.5);
        let sigmoid = AnyActivation::Sigmoid;
        assert_eq!(Variant::of(sigmoid, sigmoid, faster), None);
        assert_eq!(
            Variant::of(
                SINE.hidden_activation,
                SINE.output_activation,
                SINE.training
            ),
            None
        );
    }

    /// The sine grid's ends are the ends of `[0, 2 pi]`, at inputs -1 and 1.
    #[test]
    fn sine_points_span_the_period() {
        let (inputs, targets) = sine_points(5);
        assert_eq!(inputs, [-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert!(targets.iter().all(|t| t.abs() <= 1.0));
        assert_eq!(largest_sine_error(&[0.0; 5], &targets), 1.0);
        assert!(largest_sine_error(&[0.0, f64::NAN, 0.0, 0.0, 0.0], &targets).is_nan());
    }
}
