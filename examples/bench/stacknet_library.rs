//! Every call the benchmark makes into stacknet's library, in one place, so that a change to the
//! library's API is adapted here and nowhere else.

use std::hint::black_box;

// The only `use stacknet` in the benchmark.
use stacknet::{fastrand, xor, Activation, Batch, Linear, Matrix, Network, Sigmoid, Training};

use crate::timing::Weights;

/// Which of the article's two programs to train.
#[derive(Clone, Copy)]
pub enum Program {
    /// Sigmoid output, no learning rate.
    Classic,
    /// Linear output, learning rate 0.1, dH from the updated Wz.
    Improved,
}

/// How the article's `X` and `Y` reach the training loop.
#[derive(Clone, Copy)]
pub enum Data {
    /// Behind `black_box`, as a program that reads its data at run time would have them.
    Hidden,
    /// `xor::INPUTS` and `xor::TARGETS` passed as they are, as a user would write the call:
    /// the optimiser may see the zeros and ones.
    Constant,
}

// ---- ADAPT HERE: the functions that call stacknet's library. -----------------------------------
/// The starting weights of the 2-3-1 network that `Network::random` draws from `seed`, as the
/// `stacknet --seed` command starts from: `Wh` row by row, then `Wz`.
pub fn starting_weights(seed: u64) -> Weights {
    let network = Network::<2, 3, 1>::random(&mut fastrand::Rng::with_seed(seed));
    let mut weights = [0.0; 9];
    weights[..6].copy_from_slice(network.hidden_weights().as_slice());
    weights[6..].copy_from_slice(network.output_weights().as_slice());
    weights
}

/// Trains a 2-H-1 network from the starting weights `wh` (`Wh`, row-major) and `wz` (`Wz`) for
/// `epochs` epochs, and returns the last epoch's `Z`, one element per row of `X`, and the final
/// weights, `Wh` row by row and then `Wz`, as far as 9 of them go.
pub fn train<const H: usize>(
    wh: [[f64; H]; 2],
    wz: [f64; H],
    program: Program,
    data: Data,
    epochs: u32,
) -> ([f64; 4], Weights) {
    let (wh, wz) = (Matrix::from_rows(wh), Matrix::from_rows(wz.map(|w| [w])));
    match program {
        Program::Classic => train_network(
            Network::<2, H, 1>::from_weights(wh, wz),
            Training::CLASSIC,
            data,
            epochs,
        ),
        Program::Improved => train_network(
            Network::<2, H, 1, Sigmoid, Linear>::from_weights(wh, wz),
            Training::IMPROVED,
            data,
            epochs,
        ),
    }
}

/// Trains the classic 2-H-1 network in single precision from the starting weights rounded to
/// `f32`, with `X` and `Y` hidden, for `epochs` epochs; returns the last `Z` widened to `f64`.
pub fn train_classic_f32<const H: usize>(wh: [[f64; H]; 2], wz: [f64; H], epochs: u32) -> [f64; 4] {
    let (wh, wz): (Matrix<2, H>, Matrix<H, 1>) =
        (Matrix::from_rows(wh), Matrix::from_rows(wz.map(|w| [w])));
    let mut network =
        Network::<2, H, 1, Sigmoid, Sigmoid, f32>::from_weights(wh.convert(), wz.convert());
    let (inputs, targets) = (xor::INPUTS.convert::<f32>(), xor::TARGETS.convert::<f32>());
    let z = network.train(
        black_box(&inputs),
        black_box(&targets),
        Training::CLASSIC,
        epochs,
    );
    z.map_or([f64::NAN; 4], |z| z.rows().map(|row| f64::from(row[0])))
}

/// Rows of the mini-batch benchmark's data: XOR's four rows repeated.
pub const MANY_ROWS: usize = 2048;

/// Trains the classic 2-3-1 network from `weights` on XOR's rows repeated to `MANY_ROWS` rows,
/// in batches of `batch_rows` rows (all of them: the full batch), for `epochs` epochs; returns the
/// last epoch's `Z` for the first four rows.
pub fn train_many_rows(weights: &Weights, batch_rows: usize, epochs: u32) -> [f64; 4] {
    let inputs =
        Matrix::<MANY_ROWS, 2>::from_rows(core::array::from_fn(|row| xor::INPUTS.rows()[row % 4]));
    let targets =
        Matrix::<MANY_ROWS, 1>::from_rows(core::array::from_fn(|row| xor::TARGETS.rows()[row % 4]));
    let batch = if batch_rows >= MANY_ROWS {
        Batch::Full
    } else {
        Batch::Mini {
            rows: batch_rows,
            seed: 1,
        }
    };
    let mut network = Network::<2, 3, 1>::from_weights(
        Matrix::from_rows([
            [weights[0], weights[1], weights[2]],
            [weights[3], weights[4], weights[5]],
        ]),
        Matrix::from_rows([[weights[6]], [weights[7]], [weights[8]]]),
    );
    let training = Training::CLASSIC.with_learning_rate(0.1).with_batch(batch);
    let z = network.train(black_box(&inputs), black_box(&targets), training, epochs);
    z.map_or([f64::NAN; 4], |z| {
        core::array::from_fn(|row| z.rows()[row][0])
    })
}

/// Trains `network` the way `training` says, on data passed as `data` says.
fn train_network<const H: usize, Hidden: Activation, Output: Activation>(
    mut network: Network<2, H, 1, Hidden, Output>,
    training: Training,
    data: Data,
    epochs: u32,
) -> ([f64; 4], Weights) {
    let z = match data {
        Data::Hidden => network.train(
            black_box(&xor::INPUTS),
            black_box(&xor::TARGETS),
            training,
            epochs,
        ),
        Data::Constant => network.train(&xor::INPUTS, &xor::TARGETS, training, epochs),
    };
    let mut weights = [f64::NAN; 9];
    let all = network
        .hidden_weights()
        .as_slice()
        .iter()
        .chain(network.output_weights().as_slice());
    for (weight, &trained) in weights.iter_mut().zip(all) {
        *weight = trained;
    }
    // The article's programs do not diverge from the benchmark's weights; if one did, its NaN
    // would fail the benchmark's check that every implementation ends with the same Z.
    (
        z.map_or([f64::NAN; 4], |z| z.rows().map(|row| row[0])),
        weights,
    )
}
// ---- end of the calls into stacknet's library. -------------------------------------------------
