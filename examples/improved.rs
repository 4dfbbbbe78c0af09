//! The article's improved program, line for line: a linear output, a learning rate, and `Wz`
//! updated before `dH` is computed from it. Edit and run it:
//!
//! ```text
//! cargo run --release --example improved
//! ```
//!
//! The library's `Network::train` with `Training::IMPROVED` runs this same loop, to the same bits
//! (`tests/examples.rs`).

// The article's names, X, Wh, dZ and the rest, so that this reads beside the Python.
#![allow(non_snake_case)]

use stacknet::{fastrand::Rng, sigmoid, sigmoid_derivative, xor, Matrix};

/// The article's loop with learning rate `L`: trains `Wh` and `Wz` for `epochs` epochs; returns
/// the last `Z` and both.
pub fn learn(
    mut Wh: Matrix<2, 3>,
    mut Wz: Matrix<3, 1>,
    L: f64,
    epochs: u32,
) -> (Matrix<4, 1>, Matrix<2, 3>, Matrix<3, 1>) {
    let (X, Y) = (xor::INPUTS, xor::TARGETS); // X = np.array([[0,0], [0,1], [1,0], [1,1]]); Y = ...
    let mut Z = Matrix::zeros();
    for _ in 0..epochs {
        // for i in range(epochs):
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
    let epochs = 20_000; // Number of iterations
    let L = 0.1; // learning rate
                 // Wh and Wz uniform in [0, 1), from fastrand's seed 11 where the article lets numpy choose
    let mut rng = Rng::with_seed(11);
    let Wh = Matrix::zeros().map(|_| rng.f64()); // Wh = np.random.uniform(size=(2, 3))
    let Wz = Matrix::zeros().map(|_| rng.f64()); // Wz = np.random.uniform(size=(3, 1))
    let (Z, _, _) = learn(Wh, Wz, L, epochs);
    println!("{Z}"); // print(Z)
}
