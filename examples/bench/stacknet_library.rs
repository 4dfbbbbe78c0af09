//! Every call the benchmark makes into stacknet's library, in one function, so that a change to
//! the library's API is adapted here and nowhere else.

use std::hint::black_box;

// The only `use stacknet` in the benchmark.
use stacknet::{xor, Matrix, Network, Variant};

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
    let variant = match program {
        Program::Classic => Variant::Classic,
        Program::Improved => Variant::IMPROVED,
    };
    let mut network =
        Network::<2, H, 1>::from_weights(Matrix::from_rows(wh), Matrix::from_rows(wz.map(|w| [w])));
    let z = match data {
        Data::Hidden => network.train(
            black_box(&xor::INPUTS),
            black_box(&xor::TARGETS),
            variant,
            epochs,
        ),
        Data::Constant => network.train(&xor::INPUTS, &xor::TARGETS, variant, epochs),
    };
    z.rows().map(|row| row[0])
}
// ---- end of the calls into stacknet's library. -------------------------------------------------
