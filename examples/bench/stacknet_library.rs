//! Every call the benchmark makes into stacknet's library, in one function, so that a change to
//! the library's API is adapted here and nowhere else.

use std::hint::black_box;

// The only `use stacknet` in the benchmark.
use stacknet::{xor, Activation, Linear, Matrix, Network, Sigmoid, Training};

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

// ---- ADAPT HERE: the one function that calls stacknet's library. -------------------------------
/// Trains a 2-H-1 network from the starting weights `wh` (`Wh`, row-major) and `wz` (`Wz`) for
/// `epochs` epochs, and returns the last epoch's `Z`, one element per row of `X`.
pub fn train<const H: usize>(
    wh: [[f64; H]; 2],
    wz: [f64; H],
    program: Program,
    data: Data,
    epochs: u32,
) -> [f64; 4] {
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

/// Trains `network` the way `training` says, on data passed as `data` says.
fn train_network<const H: usize, Hidden: Activation, Output: Activation>(
    mut network: Network<2, H, 1, Hidden, Output>,
    training: Training,
    data: Data,
    epochs: u32,
) -> [f64; 4] {
    let z = match data {
        Data::Hidden => network.train(
            black_box(&xor::INPUTS),
            black_box(&xor::TARGETS),
            training,
            epochs,
        ),
        Data::Constant => network.train(&xor::INPUTS, &xor::TARGETS, training, epochs),
    };
    // The article's programs do not diverge from the benchmark's weights; if one did, its NaN
    // would fail the benchmark's check that every implementation ends with the same Z.
    z.map_or([f64::NAN; 4], |z| z.rows().map(|row| row[0]))
}
// ---- end of the calls into stacknet's library. -------------------------------------------------
