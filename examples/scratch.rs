//! Your copy of the article's classic program, to change as you like: no test checks what it
//! prints, so nothing breaks when you edit it. Run it with
//!
//! ```text
//! cargo run --release --example scratch
//! ```
//!
//! Some changes to try, one at a time:
//!
//! - `HIDDEN = 1` or `2`: can so few hidden units learn XOR? Or `8`.
//! - another `SEED`, or starting weights all equal (`.map(|_| 0.5)`).
//! - a learning rate: `let dZ = E * Z.map(sigmoid_derivative) * 0.5;`
//! - the improved program: `Z = H.dot(&Wz);` (no sigmoid on the output), `let dZ = E * 0.1;`,
//!   and the `Wz +=` line moved above the `dH` line.
//! - targets of another gate in `Y`: AND is `[[0.0], [0.0], [0.0], [1.0]]`.

// The article's names, X, Wh, dZ and the rest, so that this reads beside the Python.
#![allow(non_snake_case)]

use stacknet::{fastrand::Rng, sigmoid, sigmoid_derivative, Matrix};

const EPOCHS: u32 = 60_000;
const SEED: u64 = 2;
/// Hidden units: the one number to change for another size; every matrix's shape follows.
const HIDDEN: usize = 3;

fn main() {
    let X = Matrix::from_rows([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);
    let Y = Matrix::from_rows([[0.0], [1.0], [1.0], [0.0]]);
    let mut rng = Rng::with_seed(SEED);
    let mut Wh: Matrix<2, HIDDEN> = Matrix::zeros().map(|_| rng.f64());
    let mut Wz: Matrix<HIDDEN, 1> = Matrix::zeros().map(|_| rng.f64());
    let mut Z = Matrix::zeros();
    for epoch in 1..=EPOCHS {
        let H = X.dot(&Wh).map(sigmoid);
        Z = H.dot(&Wz).map(sigmoid);
        let E = Y - Z;
        let dZ = E * Z.map(sigmoid_derivative);
        let dH = dZ.dot(&Wz.transpose()) * H.map(sigmoid_derivative);
        Wz += H.transpose().dot(&dZ);
        Wh += X.transpose().dot(&dH);
        if epoch % 10_000 == 0 {
            // The mean squared error, as `stacknet --every` prints it.
            println!("epoch {epoch}: loss {:.6e}", Z.mean_squared_error(&Y));
        }
    }
    println!("{Z}");
    println!("Wh =\n{Wh}\nWz =\n{Wz}");
}
