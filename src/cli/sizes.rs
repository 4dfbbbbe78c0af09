//! The one place where sizes chosen at run time become the const-generic sizes of a network's
//! type: `--task` fixes the inputs and rows, `--hidden` the hidden units.
//!
//! ```text
//! with_sizes(Task::Parity3, 5, job)   calls   job.run::<3, 5, 8>()
//! ```
//!
//! Every size the command line offers is its own compiled network, so a 2-3-1 network trained
//! here runs the same loop as one written with those sizes in its type.

use stacknet::Matrix;

use super::task::{Task, SINE_TRAINING_POINTS};

/// Hidden layer sizes the command line offers, 1 to this.
pub const MAX_HIDDEN: usize = 16;

/// Something to do with a network whose sizes are known when it is compiled.
pub trait Job {
    /// What the job gives back; the same type for every size.
    type Output;

    /// Does the job with `INPUTS` inputs, `HIDDEN` hidden units and `ROWS` rows of data.
    fn run<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(self) -> Self::Output;
}

/// Runs `job` at the inputs and rows of `task` and `hidden` hidden units, 1 to [`MAX_HIDDEN`].
pub fn with_sizes<J: Job>(task: Task, hidden: usize, job: J) -> J::Output {
    match task {
        Task::Parity3 => with_hidden::<3, 8, J>(hidden, job),
        Task::Sine => with_hidden::<1, SINE_TRAINING_POINTS, J>(hidden, job),
        Task::And | Task::Or | Task::Nand | Task::Nor | Task::Xor | Task::Xnor => {
            with_hidden::<2, 4, J>(hidden, job)
        }
    }
}

/// Runs `job` at `INPUTS` inputs, `ROWS` rows and `hidden` hidden units, 1 to [`MAX_HIDDEN`]:
/// for a caller whose task is fixed, as the experiments' XOR is.
pub fn with_hidden<const INPUTS: usize, const ROWS: usize, J: Job>(
    hidden: usize,
    job: J,
) -> J::Output {
    /// One arm per hidden size.
    macro_rules! sizes {
        ($($size:literal)*) => {
            match hidden {
                $($size => job.run::<INPUTS, $size, ROWS>(),)*
                _ => panic!("hidden size {hidden} is not from 1 to {MAX_HIDDEN}"),
            }
        };
    }
    sizes!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
}

/// A matrix from row-major `values`, which the caller has sized to fit.
pub fn matrix<const R: usize, const C: usize>(values: &[f64]) -> Matrix<R, C> {
    debug_assert_eq!(values.len(), R * C, "{R} x {C} from {values:?}");
    let mut matrix = Matrix::<R, C>::zeros();
    for (element, &value) in matrix.rows_mut().as_flattened_mut().iter_mut().zip(values) {
        *element = value;
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job that reports the sizes it was compiled for.
    struct Sizes;

    impl Job for Sizes {
        type Output = (usize, usize, usize);
        fn run<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(self) -> Self::Output {
            (INPUTS, HIDDEN, ROWS)
        }
    }

    #[test]
    fn every_task_and_hidden_size_reaches_its_types() {
        for task in Task::ALL {
            for hidden in 1..=MAX_HIDDEN {
                assert_eq!(
                    with_sizes(task, hidden, Sizes),
                    (task.inputs(), hidden, task.rows()),
                    "{task:?}"
                );
            }
        }
    }

    #[test]
    fn matrices_are_filled_row_major() {
        let m = matrix::<2, 3>(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(m, Matrix::from_rows([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]));
    }
}
