//! The one place where the sizes chosen at run time become the sizes in a network's type:
//! `--task` fixes the inputs and rows, `--hidden` the hidden units, `--dtype` the number type.
//!
//! ```text
//! build(Task::Parity3, 5, Dtype::F32, ...)     a Typed::<3, 5, 8, f32>, as a Box<dyn Trainable>
//! ```
//!
//! Runs, `--trace` and the pictures all get their networks here. Each size the
//! command line offers is compiled as its own network, so a 2-3-1 network trained by the command
//! line runs the loop a program naming those sizes would run; the rest of the program sees the
//! network through [`Trainable`]. That loop is the only code each size adds: 3 tasks, 8 hidden
//! sizes and 2 number types make 48 of them ([`typed`](super::typed) says which loops a shape
//! compiles, and why).
//!
//! Why 8 hidden units at most, as in the playground: every size is a copy of the loop, so the
//! sizes offered are the program's size and its build time. With 16 the stripped binary was
//! 6.7 MB and a clean release build took over a minute. The tasks need far fewer: XOR is learnt
//! from nearly every start with 2 hidden units and from every one with 3 (the experiments
//! program's `hidden`), the three-input parity from the first ten seeds with 3, and the sine's default is 4.

use stacknet::{match_size, AnyActivation};

use super::dtype::Dtype;
use super::task::{Task, SINE_TRAINING_POINTS};
use super::typed::{Trainable, Typed, Weights};

/// Hidden layer sizes the command line offers, 1 to this.
pub const MAX_HIDDEN: usize = 8;

/// A network for `task` with `hidden` hidden units computing in `dtype`, these activations and
/// weights, and the task's training data; an error if the sizes are not ones the command line
/// offers, or the weights do not fit them.
pub fn build(
    task: Task,
    hidden: usize,
    dtype: Dtype,
    activations: (AnyActivation, AnyActivation),
    weights: Weights<'_>,
) -> Result<Box<dyn Trainable>, String> {
    let (inputs, targets) = task.data();
    let data = (inputs.as_slice(), targets.as_slice());
    /// One arm per hidden size, for a task of `$inputs` inputs and `$rows` rows in `$number`.
    macro_rules! hidden_sizes {
        ($inputs:literal, $rows:expr, $number:ty) => {
            match_size!(
                hidden,
                HIDDEN in [1, 2, 3, 4, 5, 6, 7, 8]
                    => boxed(Typed::<$inputs, HIDDEN, $rows, $number>::new(weights, activations, data)),
                _ => Err(format!("hidden size {hidden} is not from 1 to {MAX_HIDDEN}")),
            )
        };
    }
    match (task.inputs(), dtype) {
        (2, Dtype::F64) => hidden_sizes!(2, 4, f64),
        (2, Dtype::F32) => hidden_sizes!(2, 4, f32),
        (3, Dtype::F64) => hidden_sizes!(3, 8, f64),
        (3, Dtype::F32) => hidden_sizes!(3, 8, f32),
        (1, Dtype::F64) => hidden_sizes!(1, SINE_TRAINING_POINTS, f64),
        (1, Dtype::F32) => hidden_sizes!(1, SINE_TRAINING_POINTS, f32),
        (inputs, _) => Err(format!("no network is compiled for {inputs} inputs")),
    }
}

/// The network behind the trait object that the rest of the program sees.
fn boxed<T: Trainable + 'static>(network: Result<T, String>) -> Result<Box<dyn Trainable>, String> {
    network.map(|network| Box::new(network) as Box<dyn Trainable>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::typed::Parameters;
    use crate::cli::words::Choice;

    /// Every task, hidden size and dtype reaches a network of its sizes: its parameters have
    /// the counts of those sizes.
    #[test]
    fn every_task_hidden_size_and_dtype_is_compiled() {
        let sigmoids = (AnyActivation::Sigmoid, AnyActivation::Sigmoid);
        for dtype in [Dtype::F32, Dtype::F64] {
            for &task in Task::ALL {
                for hidden in 1..=MAX_HIDDEN {
                    let network = build(task, hidden, dtype, sigmoids, Weights::Random(1)).unwrap();
                    let parameters = network.parameters();
                    assert_eq!(
                        (
                            parameters.hidden_weights.len(),
                            parameters.output_weights.len()
                        ),
                        (task.inputs() * hidden, hidden),
                        "{task:?} {hidden} {dtype:?}"
                    );
                    let rows = vec![0.5; task.inputs() * 3];
                    assert_eq!(network.outputs(&rows).unwrap().len(), 3);
                }
            }
        }
    }

    /// Sizes that are not offered, and weights of the wrong counts, are errors, not panics.
    #[test]
    fn other_sizes_and_counts_are_refused() {
        let sigmoids = (AnyActivation::Sigmoid, AnyActivation::Sigmoid);
        for hidden in [0, MAX_HIDDEN + 1] {
            let built = build(Task::Xor, hidden, Dtype::F64, sigmoids, Weights::Random(1));
            assert!(built.is_err(), "{hidden}");
        }
        let short = Parameters {
            hidden_weights: vec![0.5; 5],
            hidden_biases: vec![0.0; 3],
            output_weights: vec![0.5; 3],
            output_biases: vec![0.0],
        };
        let built = build(Task::Xor, 3, Dtype::F64, sigmoids, Weights::Given(&short));
        assert_eq!(
            built.err().unwrap(),
            "Wh has 5 numbers where a 2 x 3 matrix needs 6"
        );
        let network = build(Task::Xor, 3, Dtype::F64, sigmoids, Weights::Random(1)).unwrap();
        assert!(network.outputs(&[0.5; 3]).is_err(), "a row and a half");
    }
}
