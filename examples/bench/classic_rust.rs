//! The article's classic program as a Rust user would write it without stacknet: plain arrays,
//! std's `f64::exp`, and `X`, `Y` and the starting weights as `const`s the optimiser can see.

/// The article's `X`, every pair of truth values, and `Y`, their xor.
const X: [[f64; 2]; 4] = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
const Y: [f64; 4] = [0.0, 1.0, 1.0, 0.0];

/// Hidden units, inputs and rows: the 2-3-1 network on XOR's four rows.
const HIDDEN: usize = 3;
const INPUTS: usize = 2;
const ROWS: usize = 4;

/// The benchmark's starting weights, the same as every other implementation's.
const WH: [[f64; HIDDEN]; INPUTS] = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]];
const WZ: [f64; HIDDEN] = [0.7, 0.8, 0.9];

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Trains for `epochs` epochs and returns the last epoch's `Z`, as the article prints it.
///
/// The sums run in the same order as stacknet's and the C loops', so that all of them end with
/// the same `Z` to rounding.
// Indices, as in the article's equations and the C yardstick, rather than zipped iterators: the
// loop is meant to be the obvious one.
#[allow(clippy::needless_range_loop)]
pub fn train(epochs: u32) -> [f64; ROWS] {
    let (mut wh, mut wz) = (WH, WZ);
    let mut z = [0.0; ROWS];
    for _ in 0..epochs {
        let mut h = [[0.0; HIDDEN]; ROWS];
        let mut dz = [0.0; ROWS];
        let mut dh = [[0.0; HIDDEN]; ROWS];
        for n in 0..ROWS {
            // H = sigmoid(X . Wh), Z = sigmoid(H . Wz)
            for j in 0..HIDDEN {
                h[n][j] = sigmoid(X[n][0] * wh[0][j] + X[n][1] * wh[1][j]);
            }
            let mut sum = 0.0;
            for j in 0..HIDDEN {
                sum += h[n][j] * wz[j];
            }
            z[n] = sigmoid(sum);
            // dZ = (Y - Z) * sigmoid_(Z), dH = dZ . Wz^T * sigmoid_(H), from the old Wz
            dz[n] = (Y[n] - z[n]) * (z[n] * (1.0 - z[n]));
            for j in 0..HIDDEN {
                dh[n][j] = dz[n] * wz[j] * (h[n][j] * (1.0 - h[n][j]));
            }
        }
        // Wz += H^T . dZ
        for j in 0..HIDDEN {
            let mut sum = 0.0;
            for n in 0..ROWS {
                sum += h[n][j] * dz[n];
            }
            wz[j] += sum;
        }
        // Wh += X^T . dH
        for k in 0..INPUTS {
            for j in 0..HIDDEN {
                let mut sum = 0.0;
                for n in 0..ROWS {
                    sum += X[n][k] * dh[n][j];
                }
                wh[k][j] += sum;
            }
        }
    }
    z
}
