//! The `improved` experiment: the article's improved program over many seeds, in its two kinds
//! of run, beside the classic program from the same starting weights.
//!
//! ```text
//! cargo run --release --example experiments -- improved --seeds 200
//! ```
//!
//! A run falls fast when training finds weights where `H . Wz = Y` holds exactly: the linear
//! output then closes a fixed fraction of the remaining error each epoch, down to the rounding of
//! a double. A run falls slowly when the fit it is heading for lies far out, where hidden units
//! are saturated and their weights crawl: the loss then falls about like 1/t, as the classic
//! program's does. The table measures both kinds: the loss as the epochs go on, the sign of `Wh`,
//! the comparison with the classic program, how much the article's update order changes the `Wh`
//! step, and the largest learning rate each run's weights allow.

use std::fmt::Write as _;

use stacknet::fastrand::Rng;
use stacknet::{sigmoid_derivative, xor, Linear, Matrix, Network, Sigmoid, Training};

use super::{median, run_seeds};

/// The improved program's network, `Network<2, 3, 1, Sigmoid, Linear>`, and the classic one's.
type Improved = Network<2, 3, 1, Sigmoid, Linear>;
type Classic = Network<2, 3, 1>;

/// The epochs after which the loss is reported: a quarter, a half and all of the article's
/// 20000. Each doubling halves a loss that falls like 1/t and squares the factor that a
/// geometric fall has gone down by.
const CHECKPOINTS: [u32; 3] = [5_000, 10_000, Training::IMPROVED_EPOCHS];

/// A run whose loss after 20000 epochs is below this fell geometrically. The two groups lie far
/// apart on either side (below 1e-22 and above 1e-4 over seeds 0 to 199), so any value between
/// would split them the same way.
const FAST_LOSS: f64 = 1e-10;

/// What one seed's runs gave.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// The improved program's loss (mean squared error of the epoch's `Z`) at each checkpoint.
    losses: [f64; CHECKPOINTS.len()],
    /// Whether some weight of `Wh` is negative after the last epoch.
    negative_hidden_weight: bool,
    /// The classic program's loss after its 60000 epochs, from the same starting weights.
    classic_loss: f64,
    /// How much the article's order moves the `Wh` step, relative to the step's size, in the
    /// first epoch and in the last.
    order_share: [f64; 2],
    /// The largest stable learning rate for the `Wz` step alone, at the start and at the end.
    wz_bound: [f64; 2],
    /// The largest stable learning rate for all nine weights at the end.
    all_weights_bound: f64,
}

impl Run {
    fn is_fast(&self) -> bool {
        self.losses[CHECKPOINTS.len() - 1] < FAST_LOSS
    }
}

/// Trains seed `seed`'s start with both programs and measures it.
fn run(seed: u64) -> Result<Run, String> {
    let start = Improved::random(&mut Rng::with_seed(seed));
    let rate = Training::IMPROVED.learning_rate;
    let diverged = |program: &'static str| {
        move |error: stacknet::Diverged| format!("seed {seed}, the {program} program: {error}")
    };
    let mut improved = start;
    let mut losses = [0.0; CHECKPOINTS.len()];
    let mut trained = 0;
    for (loss, &checkpoint) in losses.iter_mut().zip(&CHECKPOINTS) {
        // Training on where the last call stopped is the same as one longer call.
        let z = improved
            .train(
                &xor::INPUTS,
                &xor::TARGETS,
                Training::IMPROVED,
                checkpoint - trained,
            )
            .map_err(diverged("improved"))?;
        *loss = z.mean_squared_error(&xor::TARGETS);
        trained = checkpoint;
    }
    let mut classic = Classic::from_weights(*start.hidden_weights(), *start.output_weights());
    let classic_z = classic
        .train(
            &xor::INPUTS,
            &xor::TARGETS,
            Training::CLASSIC,
            Training::CLASSIC_EPOCHS,
        )
        .map_err(diverged("classic"))?;
    Ok(Run {
        losses,
        negative_hidden_weight: improved
            .hidden_weights()
            .as_slice()
            .iter()
            .any(|&w| w < 0.0),
        classic_loss: classic_z.mean_squared_error(&xor::TARGETS),
        order_share: [order_share(&start, rate), order_share(&improved, rate)],
        wz_bound: [wz_bound(&start), wz_bound(&improved)],
        all_weights_bound: all_weights_bound(&improved),
    })
}

/// The `Wh` step of one epoch of the improved program from `network`, with `dH` computed from
/// `Wz` after its update (the article's order) and before it (plain gradient descent); returns
/// the size of their difference relative to the size of the plain step.
fn order_share(network: &Improved, rate: f64) -> f64 {
    let x = xor::INPUTS;
    let h = network.hidden_layer(&x);
    let slope = h.map(sigmoid_derivative);
    let dz = (xor::TARGETS - h.dot(network.output_weights())) * rate;
    let before = *network.output_weights();
    let after = before + h.transpose().dot(&dz);
    let step = |wz: &Matrix<3, 1>| x.transpose().dot(&(dz.dot(&wz.transpose()) * slope));
    let (plain, article) = (step(&before), step(&after));
    size(&(article - plain)) / size(&plain)
}

/// The Frobenius norm: the square root of the sum of the squared elements.
fn size<const R: usize, const C: usize>(m: &Matrix<R, C>) -> f64 {
    m.as_slice().iter().map(|v| v * v).sum::<f64>().sqrt()
}

/// `2 / (largest eigenvalue of H^T H)`: above this learning rate the `Wz` step, gradient descent
/// on the quadratic `1/2 |Y - H . Wz|^2` with `H` held still, overshoots along the steepest
/// direction by more than it corrects, and grows.
fn wz_bound(network: &Improved) -> f64 {
    let h = network.hidden_layer(&xor::INPUTS);
    2.0 / largest_eigenvalue(h.transpose().dot(&h).into_rows())
}

/// The same bound for all nine weights near a fit: `2 / (largest eigenvalue of J^T J)`, where row
/// `n` of `J` holds how `Z[n]` changes with each weight: `Wz[j] * sigmoid_(H[n, j]) * X[n, i]`
/// for `Wh[i, j]`, and `H[n, j]` for `Wz[j]`. `J^T J` and `J . J^T` have the same nonzero
/// eigenvalues; the second is 4 x 4.
fn all_weights_bound(network: &Improved) -> f64 {
    let x = xor::INPUTS;
    let h = network.hidden_layer(&x);
    let wz = network.output_weights();
    let jacobian: Matrix<4, 9> = Matrix::from_fn(|n, column| match column {
        0..=5 => {
            let (i, j) = (column / 3, column % 3);
            wz[(j, 0)] * sigmoid_derivative(h[(n, j)]) * x[(n, i)]
        }
        _ => h[(n, column - 6)],
    });
    2.0 / largest_eigenvalue(jacobian.dot(&jacobian.transpose()).into_rows())
}

/// The largest eigenvalue of a symmetric matrix, by Jacobi's method: rotations that zero one
/// off-diagonal element at a time, sweep after sweep, until the matrix is diagonal to rounding;
/// the diagonal then holds the eigenvalues.
fn largest_eigenvalue<const N: usize>(mut a: [[f64; N]; N]) -> f64 {
    /// Sweeps enough for any small symmetric matrix: each sweep roughly squares the size of the
    /// off-diagonal part once it is small, so a few sweeps reach rounding.
    const MAX_SWEEPS: usize = 50;
    for _ in 0..MAX_SWEEPS {
        let off_diagonal: f64 = (0..N)
            .flat_map(|p| (0..N).filter(move |&q| q != p).map(move |q| (p, q)))
            .map(|(p, q)| a[p][q] * a[p][q])
            .sum();
        let diagonal: f64 = (0..N).map(|p| a[p][p] * a[p][p]).sum();
        if off_diagonal <= f64::EPSILON * f64::EPSILON * diagonal {
            break;
        }
        for p in 0..N {
            for q in p + 1..N {
                if a[p][q] == 0.0 {
                    continue;
                }
                // The rotation by the angle that makes a[p][q] zero, in its stable form.
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // Columns p and q, then rows p and q: A becomes J^T . A . J.
                for row in a.iter_mut() {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                let (row_p, row_q) = (a[p], a[q]);
                a[p] = core::array::from_fn(|k| c * row_p[k] - s * row_q[k]);
                a[q] = core::array::from_fn(|k| s * row_p[k] + c * row_q[k]);
            }
        }
    }
    (0..N).map(|p| a[p][p]).fold(f64::NEG_INFINITY, f64::max)
}

/// The lowest and highest of `values`.
fn range(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &v| {
            (low.min(v), high.max(v))
        })
}

/// The width of the table's first column, which says what each line measures.
const LABEL_WIDTH: usize = 46;

/// The width of each group's column.
const COLUMN_WIDTH: usize = 21;

/// One number measured on each run.
type Measure = fn(&Run) -> f64;

/// What a line of the table shows for each group.
enum Shown {
    /// Nothing: the line heads the lines below it.
    Heading,
    /// How many runs pass a test.
    Count(fn(&Run) -> bool),
    /// The median of a loss, in scientific notation.
    MedianLoss(Measure),
    /// The lowest and highest of a loss.
    LossRange(Measure),
    /// The median of a number, to three digits.
    Median(Measure),
    /// The lowest and highest of a number, to three digits.
    Range(Measure),
}

impl Shown {
    /// What this line shows for a group of runs, which is not empty.
    fn of(&self, group: &[Run]) -> String {
        let values = |measure: &Measure| group.iter().map(measure).collect::<Vec<f64>>();
        match self {
            Shown::Heading => String::new(),
            Shown::Count(test) => group.iter().filter(|run| test(run)).count().to_string(),
            Shown::MedianLoss(measure) => format!("{:.1e}", median(values(measure))),
            Shown::LossRange(measure) => {
                let (low, high) = range(&values(measure));
                format!("{low:.1e} to {high:.1e}")
            }
            Shown::Median(measure) => three_digits(median(values(measure))),
            Shown::Range(measure) => {
                let (low, high) = range(&values(measure));
                format!("{} to {}", three_digits(low), three_digits(high))
            }
        }
    }
}

/// The table's lines: what each measures, and how it is shown.
fn lines() -> Vec<(String, Shown)> {
    let last = CHECKPOINTS.len() - 1;
    let mut lines = vec![("runs".to_string(), Shown::Count(|_| true))];
    let loss_at: [Measure; CHECKPOINTS.len()] = [
        |run| run.losses[0],
        |run| run.losses[1],
        |run| run.losses[2],
    ];
    for (checkpoint, measure) in CHECKPOINTS.iter().zip(loss_at) {
        lines.push((
            format!("median loss at epoch {checkpoint}"),
            Shown::MedianLoss(measure),
        ));
    }
    let fixed: [(&str, Shown); 12] = [
        (
            "loss at epoch 20000, lowest to highest",
            Shown::LossRange(loss_at[last]),
        ),
        (
            "the classic program's loss at 60000, median",
            Shown::MedianLoss(|run| run.classic_loss),
        ),
        (
            "runs ending with a weight of Wh below 0",
            Shown::Count(|run| run.negative_hidden_weight),
        ),
        (
            "runs ending worse than the classic program",
            Shown::Count(|run| run.losses[CHECKPOINTS.len() - 1] > run.classic_loss),
        ),
        ("update order's share of the Wh step:", Shown::Heading),
        ("  epoch 1, median", Shown::Median(|run| run.order_share[0])),
        (
            "  epoch 1, lowest to highest",
            Shown::Range(|run| run.order_share[0]),
        ),
        (
            "  after epoch 20000, lowest to highest",
            Shown::Range(|run| run.order_share[1]),
        ),
        ("largest stable learning rate L:", Shown::Heading),
        (
            "  the Wz step alone, at the start",
            Shown::Range(|run| run.wz_bound[0]),
        ),
        (
            "  the Wz step alone, at the end",
            Shown::Range(|run| run.wz_bound[1]),
        ),
        (
            "  all nine weights, at the end",
            Shown::Range(|run| run.all_weights_bound),
        ),
    ];
    lines.extend(fixed.map(|(label, shown)| (label.to_string(), shown)));
    lines
}

/// The experiment's table over seeds `0..seeds`, or what went wrong.
pub fn table(seeds: u64) -> Result<String, String> {
    let runs = run_seeds(seeds, run)
        .into_iter()
        .collect::<Result<Vec<Run>, String>>()?;
    let (fast, slow): (Vec<Run>, Vec<Run>) = runs.into_iter().partition(Run::is_fast);
    let groups = [fast, slow];
    let mut table = format!(
        "the improved program (2-3-1, L = 0.1, 20000 epochs) from seeds 0 to {},\n\
         beside the classic program (60000 epochs) from the same starting weights;\n\
         fast fall: the improved program's loss at the end is below {FAST_LOSS:e}\n\n\
         {:LABEL_WIDTH$}{:>COLUMN_WIDTH$}{:>COLUMN_WIDTH$}\n",
        seeds - 1,
        "",
        "fast fall",
        "slow fall",
    );
    for (label, shown) in lines() {
        let _ = write!(table, "{label:<LABEL_WIDTH$}");
        if !matches!(shown, Shown::Heading) {
            for group in &groups {
                // A group without runs gets a dash.
                let value = if group.is_empty() {
                    "-".to_string()
                } else {
                    shown.of(group)
                };
                let _ = write!(table, "{value:>COLUMN_WIDTH$}");
            }
        }
        table.truncate(table.trim_end_matches(' ').len());
        table.push('\n');
    }
    Ok(table)
}

/// `value` with three significant digits, in scientific notation below 0.001.
fn three_digits(value: f64) -> String {
    if value != 0.0 && value.abs() < 1e-3 {
        format!("{value:.2e}")
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Jacobi's method on matrices whose eigenvalues are known.
    #[test]
    fn largest_eigenvalues_of_known_matrices() {
        // Diagonal: the largest element.
        assert_eq!(
            largest_eigenvalue([[1.0, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 2.0]]),
            5.0
        );
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        assert!((largest_eigenvalue([[2.0, 1.0], [1.0, 2.0]]) - 3.0).abs() < 1e-15);
        // The 4 x 3 matrix of ones: H^T H is 4 everywhere, eigenvalues 12, 0, 0.
        let ones = Matrix::<4, 3>::from_fn(|_, _| 1.0);
        let product = ones.transpose().dot(&ones).into_rows();
        assert!((largest_eigenvalue(product) - 12.0).abs() < 1e-13);
        // A rotated diagonal: [[3, -1, 0], [-1, 3, 0], [0, 0, 1]] has eigenvalues 4, 2, 1.
        let rotated = [[3.0, -1.0, 0.0], [-1.0, 3.0, 0.0], [0.0, 0.0, 1.0]];
        assert!((largest_eigenvalue(rotated) - 4.0).abs() < 1e-15);
    }

    /// The Wz bound is the one where one Wz step at that rate would exactly reverse the error
    /// along the steepest direction: just below it, steps shrink the error; just above, they grow.
    #[test]
    fn the_wz_bound_separates_shrinking_from_growing_steps() {
        let network = Improved::random(&mut Rng::with_seed(3));
        let h = network.hidden_layer(&xor::INPUTS);
        let bound = wz_bound(&network);
        // Wz steps alone, H held still, from the start's Wz, at a rate just below or above.
        let error_after = |rate: f64| {
            let mut wz = *network.output_weights();
            for _ in 0..2000 {
                let dz = (xor::TARGETS - h.dot(&wz)) * rate;
                wz += h.transpose().dot(&dz);
            }
            size(&(xor::TARGETS - h.dot(&wz)))
        };
        let start = size(&(xor::TARGETS - h.dot(network.output_weights())));
        assert!(
            error_after(0.98 * bound) < start,
            "below the bound, {bound}"
        );
        assert!(
            error_after(1.02 * bound) > 1e3 * start,
            "above the bound, {bound}"
        );
    }

    /// The order's extra term is of order L^2 in a step of order L, so its share of the step
    /// is of order L: a tenth of the rate gives about a tenth of the share.
    #[test]
    fn the_order_share_shrinks_with_the_learning_rate() {
        let start = Improved::random(&mut Rng::with_seed(1));
        let rate = Training::IMPROVED.learning_rate;
        let share = order_share(&start, rate);
        assert!(share > 0.01 && share < 1.0, "{share}");
        let ratio = order_share(&start, rate / 10.0) / share;
        // Exactly a tenth for the extra term; the plain step is linear in the rate too.
        assert!((ratio - 0.1).abs() < 1e-12, "{ratio}");
    }

    /// A few seeds through the whole measurement: the groups and counts make sense.
    #[test]
    fn a_few_runs_are_measured_consistently() {
        for seed in 0..3 {
            let run = run(seed).unwrap();
            // The improved loss falls from each checkpoint to the next.
            assert!(
                run.losses.windows(2).all(|pair| pair[1] < pair[0]),
                "seed {seed}"
            );
            // Starting weights are positive; the Wz bound is above the article's rate.
            assert!(run.wz_bound.iter().all(|&b| b > 0.1), "seed {seed}");
            assert!(run.all_weights_bound > 0.1, "seed {seed}");
        }
    }
}
