//! The article's improved program, line for line: a linear output, a learning rate, and `Wz`
//! updated before `dH` is computed from it. Each Rust line carries the Python line it does in a
//! comment. Run it with
//!
//! ```text
//! cargo run --release --example improved
//! ```
//!
//! `tests/examples.rs` holds this file to the library's `Network::train` with
//! `Training::IMPROVED`, bit for bit, and to the copy that the walkthrough shows: to experiment,
//! change `examples/scratch.rs` instead.

// The article's names, X, Wh, dZ and the rest, so that this reads beside the Python.
#![allow(non_snake_case)]

use stacknet::{fastrand::Rng, sigmoid, sigmoid_derivative, Matrix};

pub const EPOCHS: u32 = 20_000; // epochs = 20000
pub const LEARNING_RATE: f64 = 0.1; // L = .1
pub const SEED: u64 = 11; // numpy picks a seed of its own; we name ours

/// The loop with learning rate `L`: trains `Wh` and `Wz` for `epochs` epochs; returns the last
/// `Z`, `Wh` and `Wz`.
pub fn learn(
    mut Wh: Matrix<2, 3>,
    mut Wz: Matrix<3, 1>,
    L: f64,
    epochs: u32,
) -> (Matrix<4, 1>, Matrix<2, 3>, Matrix<3, 1>) {
    let X = Matrix::from_rows([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);
    let Y = Matrix::from_rows([[0.0], [1.0], [1.0], [0.0]]);
    let mut Z = Matrix::zeros();
    for _ in 0..epochs {
        let H = X.dot(&Wh).map(sigmoid); //                        H = sigmoid(np.dot(X, Wh))
        Z = H.dot(&Wz); //                                         Z = np.dot(H, Wz)
        let E = Y - Z; //                                          E = Y - Z
        let dZ = E * L; //                                         dZ = E * L
        Wz += H.transpose().dot(&dZ); //                           Wz += H.T.dot(dZ)
        let dH = dZ.dot(&Wz.transpose()) * H.map(sigmoid_derivative); // dH = dZ.dot(Wz.T) * sigmoid_(H)
        Wh += X.transpose().dot(&dH); //                           Wh += X.T.dot(dH)
    }
    (Z, Wh, Wz)
}

fn main() {
    let mut rng = Rng::with_seed(SEED);
    let Wh = Matrix::zeros().map(|_| rng.f64()); // Wh = np.random.uniform(size=(2, 3))
    let Wz = Matrix::zeros().map(|_| rng.f64()); // Wz = np.random.uniform(size=(3, 1))
    let (Z, _, _) = learn(Wh, Wz, LEARNING_RATE, EPOCHS);
    println!("{Z}"); // print(Z)
}
