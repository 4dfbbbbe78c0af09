//! The one place where sizes chosen at run time become the const-generic sizes of a network's
//! type: `--task` fixes the inputs and rows, `--hidden` the hidden units, `--dtype` the number
//! type.
//!
//! ```text
//! with_sizes(Task::Parity3, 5, Dtype::F32, job)   calls   job.run::<3, 5, 8, f32>()
//! ```
//!
//! Every size the command line offers is its own compiled network, so a 2-3-1 network trained
//! here runs the same loop as one written with those sizes in its type.

use stacknet::{Float, Matrix};

use super::dtype::Dtype;
use super::task::{Task, SINE_TRAINING_POINTS};
use super::training::Precision;

/// Hidden layer sizes the command line offers, 1 to this.
pub const MAX_HIDDEN: usize = 16;

/// Something to do with a network whose sizes are known when it is compiled.
pub trait Job {
    /// What the job gives back; the same type for every size.
    type Output;

    /// Does the job with `INPUTS` inputs, `HIDDEN` hidden units and `ROWS` rows of data, in
    /// numbers of type `T`.
    fn run<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Precision>(
        self,
    ) -> Self::Output;
}

/// Runs `job` at the inputs and rows of `task`, `hidden` hidden units, 1 to [`MAX_HIDDEN`], and
/// the number type `dtype`.
pub fn with_sizes<J: Job>(task: Task, hidden: usize, dtype: Dtype, job: J) -> J::Output {
    match dtype {
        Dtype::F32 => with_task::<f32, J>(task, hidden, job),
        Dtype::F64 => with_task::<f64, J>(task, hidden, job),
    }
}

/// Runs `job` at the inputs and rows of `task` and `hidden` hidden units, in `T`.
fn with_task<T: Precision, J: Job>(task: Task, hidden: usize, job: J) -> J::Output {
    match task {
        Task::Parity3 => with_hidden::<3, 8, T, J>(hidden, job),
        Task::Sine => with_hidden::<1, SINE_TRAINING_POINTS, T, J>(hidden, job),
        Task::And | Task::Or | Task::Nand | Task::Nor | Task::Xor | Task::Xnor => {
            with_hidden::<2, 4, T, J>(hidden, job)
        }
    }
}

/// Runs `job` at `INPUTS` inputs, `ROWS` rows and `hidden` hidden units, 1 to [`MAX_HIDDEN`],
/// in `T`: for a caller whose task is fixed, as the experiments' XOR is.
pub fn with_hidden<const INPUTS: usize, const ROWS: usize, T: Precision, J: Job>(
    hidden: usize,
    job: J,
) -> J::Output {
    /// One arm per hidden size.
    macro_rules! sizes {
        ($($size:literal)*) => {
            match hidden {
                $($size => job.run::<INPUTS, $size, ROWS, T>(),)*
                _ => panic!("hidden size {hidden} is not from 1 to {MAX_HIDDEN}"),
            }
        };
    }
    sizes!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
}

/// A matrix from row-major `values`, which the caller has sized to fit, each rounded to the
/// nearest `T` (exact when `T` is `f64`, or when the values came from a `T`).
pub fn matrix<const R: usize, const C: usize, T: Float>(values: &[f64]) -> Matrix<R, C, T> {
    debug_assert_eq!(values.len(), R * C, "{R} x {C} from {values:?}");
    let mut matrix = Matrix::<R, C, T>::zeros();
    for (element, &value) in matrix.rows_mut().as_flattened_mut().iter_mut().zip(values) {
        *element = T::from_f64(value);
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job that reports the sizes it was compiled for.
    struct Sizes;

    impl Job for Sizes {
        type Output = (usize, usize, usize, &'static str);
        fn run<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Precision>(
            self,
        ) -> Self::Output {
            (INPUTS, HIDDEN, ROWS, T::NUMPY_NAME)
        }
    }

    #[test]
    fn every_task_hidden_size_and_dtype_reaches_its_types() {
        for dtype in [Dtype::F32, Dtype::F64] {
            for task in Task::ALL {
                for hidden in 1..=MAX_HIDDEN {
                    assert_eq!(
                        with_sizes(task, hidden, dtype, Sizes),
                        (task.inputs(), hidden, task.rows(), dtype.name()),
                        "{task:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn matrices_are_filled_row_major() {
        let m = matrix::<2, 3, f64>(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(m, Matrix::from_rows([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]));
        let single = matrix::<1, 2, f32>(&[0.1, 1.0]);
        assert_eq!(single, Matrix::from_rows([[0.1f32, 1.0]]), "rounded to f32");
    }
}
