//! The article's classic program written with nalgebra's `SMatrix`, the nalgebra yardstick of
//! `make bench`: `X` and `Y` as constants, std's `f64::exp`, in loop structures a nalgebra user
//! might write, so that the benchmark can keep the fastest:
//!
//! - `numpy`: the article's lines one for one, each a new matrix (`map`, `*`, `component_mul`,
//!   `transpose`);
//! - `in-place`: the same lines with the updates' transposed products taken without building
//!   the transpose (`tr_mul`) and the element-wise steps done in place (`apply`, `zip_apply`).
//!
//! ```text
//! stacknet-bench-nalgebra STRUCTURE EPOCHS WH00 WH01 WH02 WH10 WH11 WH12 WZ0 WZ1 WZ2
//! ```
//!
//! Prints nanoseconds per epoch on the first line, the last epoch's `Z` on the second, and the
//! final `Wh` (row by row) and `Wz` on the third, in full precision, for the benchmark to compare
//! with stacknet's.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use nalgebra::{Matrix2x3, Matrix3x1, Matrix4x1, Matrix4x2, Matrix4x3};

/// The article's `X`, every pair of truth values, as a constant.
const X: Matrix4x2<f64> = Matrix4x2::new(0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0);
/// The article's `Y`, their xor.
const Y: Matrix4x1<f64> = Matrix4x1::new(0.0, 1.0, 1.0, 0.0);

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The article's `sigmoid_`, of the sigmoid's output.
fn sigmoid_(s: f64) -> f64 {
    s * (1.0 - s)
}

/// The weights and the last epoch's `Z`.
struct Trained {
    wh: Matrix2x3<f64>,
    wz: Matrix3x1<f64>,
    z: Matrix4x1<f64>,
}

fn numpy(epochs: u64, mut wh: Matrix2x3<f64>, mut wz: Matrix3x1<f64>) -> Trained {
    let mut z = Matrix4x1::zeros();
    for _ in 0..epochs {
        let h: Matrix4x3<f64> = (X * wh).map(sigmoid);
        z = (h * wz).map(sigmoid);
        let e = Y - z;
        let dz = e.component_mul(&z.map(sigmoid_));
        let dh = (dz * wz.transpose()).component_mul(&h.map(sigmoid_));
        wz += h.transpose() * dz;
        wh += X.transpose() * dh;
    }
    Trained { wh, wz, z }
}

fn in_place(epochs: u64, mut wh: Matrix2x3<f64>, mut wz: Matrix3x1<f64>) -> Trained {
    let mut z = Matrix4x1::zeros();
    for _ in 0..epochs {
        let mut h: Matrix4x3<f64> = X * wh;
        h.apply(|v| *v = sigmoid(*v));
        z = h * wz;
        z.apply(|v| *v = sigmoid(*v));
        let mut dz = Y - z;
        dz.zip_apply(&z, |d, z| *d *= sigmoid_(z));
        let mut dh = dz * wz.transpose();
        dh.zip_apply(&h, |d, h| *d *= sigmoid_(h));
        wz += h.tr_mul(&dz);
        wh += X.tr_mul(&dh);
    }
    Trained { wh, wz, z }
}

/// The usage line, printed on a wrong command line.
const USAGE: &str = "usage: stacknet-bench-nalgebra numpy|in-place EPOCHS WH00 WH01 WH02 WH10 WH11 WH12 WZ0 WZ1 WZ2";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train: fn(u64, Matrix2x3<f64>, Matrix3x1<f64>) -> Trained =
        match args.first().map(String::as_str) {
            Some("numpy") => numpy,
            Some("in-place") => in_place,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        };
    let epochs = args.get(1).and_then(|word| word.parse::<u64>().ok());
    let weights: Vec<f64> = args[2.min(args.len())..]
        .iter()
        .filter_map(|word| word.parse().ok())
        .collect();
    let (Some(epochs), 9, 11) = (epochs, weights.len(), args.len()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let wh = Matrix2x3::from_row_slice(&weights[..6]);
    let wz = Matrix3x1::from_column_slice(&weights[6..]);
    let began = Instant::now();
    let trained = train(black_box(epochs), wh, wz);
    let ns = began.elapsed().as_nanos() as f64 / epochs as f64;
    println!("{ns:.3}");
    let z: Vec<String> = trained.z.iter().map(|v| format!("{v:?}")).collect();
    println!("{}", z.join(" "));
    // Wh row by row: nalgebra stores columns, so its transpose's elements are Wh's rows.
    let weights: Vec<String> = trained
        .wh
        .transpose()
        .iter()
        .chain(trained.wz.iter())
        .map(|v| format!("{v:?}"))
        .collect();
    println!("{}", weights.join(" "));
    ExitCode::SUCCESS
}
