//! The library's matrix arithmetic on row-major slices, to the same bits: what the command line
//! computes from a network outside its training loop, compiled once per number type instead of
//! once per shape.
//!
//! ```text
//! transpose_dot(&x, 2, &dh, 3)     X^T . dH of a 4-row X (2 columns) and dH (3 columns)
//! ```
//!
//! Each function runs the same operations in the same order as the [`Matrix`](stacknet::Matrix)
//! method it names, in the same number type `T`, so its results are the library's to the last
//! bit (the tests below compare them). A shape here is numbers in a function's arguments, not
//! sizes in a type: the hundred shapes the command line trains share this one copy.

use stacknet::{Activation, AnyActivation, Float};

/// `a^T . b` of two matrices of the same rows, `a` with `a_columns` columns and `b` with
/// `b_columns`: [`Matrix::transpose_dot`](stacknet::Matrix::transpose_dot), each sum starting
/// from zero and adding the rows in order.
pub fn transpose_dot<T: Float>(a: &[T], a_columns: usize, b: &[T], b_columns: usize) -> Vec<T> {
    let mut product = Vec::with_capacity(a_columns * b_columns);
    for i in 0..a_columns {
        for k in 0..b_columns {
            let mut sum = T::ZERO;
            for (a_row, b_row) in a.chunks_exact(a_columns).zip(b.chunks_exact(b_columns)) {
                sum += a_row[i] * b_row[k];
            }
            product.push(sum);
        }
    }
    product
}

/// The sum of each of the `columns` columns of `matrix`, as one row:
/// [`Matrix::column_sums`](stacknet::Matrix::column_sums), each sum adding the rows in order.
pub fn column_sums<T: Float>(matrix: &[T], columns: usize) -> Vec<T> {
    let mut sums = vec![T::ZERO; columns];
    for row in matrix.chunks_exact(columns) {
        for (sum, &element) in sums.iter_mut().zip(row) {
            *sum += element;
        }
    }
    sums
}

/// The mean of the squared differences of `outputs` from `targets`:
/// [`Matrix::mean_squared_error`](stacknet::Matrix::mean_squared_error).
pub fn mean_squared_error<T: Float>(outputs: &[T], targets: &[T]) -> T {
    let sum = outputs
        .iter()
        .zip(targets)
        .map(|(&output, &target)| {
            let error = target - output;
            error * error
        })
        .fold(T::ZERO, |sum, squared| sum + squared);
    sum / T::from_f64(outputs.len() as f64)
}

/// A network's two layers as slices: its forward pass, one row at a time, for any shape.
#[derive(Clone, Copy, Debug)]
pub struct Layers<'a, T> {
    /// `Wh`, `inputs x hidden`, row-major.
    pub hidden_weights: &'a [T],
    /// `bh`, one per hidden unit.
    pub hidden_biases: &'a [T],
    /// `Wz`, `hidden x 1`.
    pub output_weights: &'a [T],
    /// `bz`, one.
    pub output_biases: &'a [T],
    pub hidden_activation: AnyActivation,
    pub output_activation: AnyActivation,
}

impl<T: Float> Layers<'_, T> {
    /// The network's output for each row of `rows`, row-major inputs each rounded to `T`:
    /// [`Network::predict`](stacknet::Network::predict) of each row; an error if the inputs do
    /// not make whole rows.
    pub fn outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String> {
        self.each_row(rows, |hidden, output| {
            output.extend(self.output_layer(&hidden).iter().map(|&z| z.into()));
        })
    }

    /// The hidden layer's outputs for each row of `rows`, one row of them after another:
    /// [`Network::hidden_layer`](stacknet::Network::hidden_layer) of each row.
    pub fn hidden_outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String> {
        self.each_row(rows, |hidden, output| {
            output.extend(hidden.iter().map(|&h| h.into()));
        })
    }

    /// The hidden layer's outputs for each row of `rows`, each given to `collect` with the
    /// results so far.
    fn each_row(
        &self,
        rows: &[f64],
        mut collect: impl FnMut(Vec<T>, &mut Vec<f64>),
    ) -> Result<Vec<f64>, String> {
        // Wh has a row of one number per hidden unit for each input.
        let inputs = self.hidden_weights.len() / self.hidden_biases.len();
        if !rows.len().is_multiple_of(inputs) {
            return Err(format!(
                "{} inputs do not make rows of {inputs}",
                rows.len()
            ));
        }
        let mut results = Vec::new();
        for row in rows.chunks_exact(inputs) {
            let row: Vec<T> = row.iter().map(|&x| T::from_f64(x)).collect();
            let mut hidden = weighted_sums(&row, self.hidden_weights, self.hidden_biases);
            self.hidden_activation.apply_all(&mut hidden);
            collect(hidden, &mut results);
        }
        Ok(results)
    }

    /// `Z` of one row's hidden outputs.
    fn output_layer(&self, hidden: &[T]) -> Vec<T> {
        let mut outputs = weighted_sums(hidden, self.output_weights, self.output_biases);
        self.output_activation.apply_all(&mut outputs);
        outputs
    }
}

/// `row . weights + biases` for one row: [`Matrix::dot_plus_row`](stacknet::Matrix::dot_plus_row),
/// each sum starting from its bias and adding the products in order.
fn weighted_sums<T: Float>(row: &[T], weights: &[T], biases: &[T]) -> Vec<T> {
    let columns = biases.len();
    let mut sums = Vec::with_capacity(columns);
    for (k, &bias) in biases.iter().enumerate() {
        let mut sum = bias;
        for (&input, weights_row) in row.iter().zip(weights.chunks_exact(columns)) {
            sum += input * weights_row[k];
        }
        sums.push(sum);
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use stacknet::{Matrix, Network};

    /// A matrix of numbers of many sizes and both signs, so that the order of a sum shows in its
    /// last bits.
    fn scattered<const R: usize, const C: usize, T: Float>(
        rng: &mut fastrand::Rng,
    ) -> Matrix<R, C, T> {
        Matrix::from_fn(|_, _| T::from_f64((rng.f64() - 0.5) * 10f64.powi(rng.i32(-6..6))))
    }

    /// Every function against the library's method, bit for bit, in one shape and type.
    fn same_bits_as_the_library<T: Float>(seed: u64) {
        let mut rng = fastrand::Rng::with_seed(seed);
        let a: Matrix<7, 3, T> = scattered(&mut rng);
        let b: Matrix<7, 5, T> = scattered(&mut rng);
        assert_eq!(
            transpose_dot(a.as_slice(), 3, b.as_slice(), 5),
            a.transpose_dot(&b).as_slice()
        );
        assert_eq!(column_sums(b.as_slice(), 5), b.column_sums().as_slice());
        let z: Matrix<7, 1, T> = scattered(&mut rng);
        let y: Matrix<7, 1, T> = scattered(&mut rng);
        let mse = mean_squared_error(z.as_slice(), y.as_slice());
        assert_eq!(mse, z.mean_squared_error(&y));

        let activations = [
            AnyActivation::Sigmoid,
            AnyActivation::Tanh,
            AnyActivation::Linear,
        ];
        for (hidden_activation, output_activation) in
            activations.into_iter().zip(activations.into_iter().rev())
        {
            let network = Network::<3, 5, 1, AnyActivation, AnyActivation, T>::from_weights(
                scattered(&mut rng),
                scattered(&mut rng),
            )
            .with_biases(scattered(&mut rng), scattered(&mut rng))
            .with_activations(hidden_activation, output_activation);
            let layers = Layers {
                hidden_weights: network.hidden_weights().as_slice(),
                hidden_biases: network.hidden_biases().as_slice(),
                output_weights: network.output_weights().as_slice(),
                output_biases: network.output_biases().as_slice(),
                hidden_activation,
                output_activation,
            };
            let inputs: Matrix<7, 3, T> = scattered(&mut rng);
            let rows: Vec<f64> = inputs.as_slice().iter().map(|&x| x.into()).collect();
            let expected = |m: &[T]| m.iter().map(|&v| v.into()).collect::<Vec<f64>>();
            assert_eq!(
                layers.outputs(&rows).unwrap(),
                expected(network.predict(&inputs).as_slice())
            );
            assert_eq!(
                layers.hidden_outputs(&rows).unwrap(),
                expected(network.hidden_layer(&inputs).as_slice())
            );
            assert!(
                layers.outputs(&rows[1..]).is_err(),
                "a row short of an input"
            );
        }
    }

    #[test]
    fn same_bits_as_the_library_in_f64() {
        for seed in 0..20 {
            same_bits_as_the_library::<f64>(seed);
        }
    }

    #[test]
    fn same_bits_as_the_library_in_f32() {
        for seed in 0..20 {
            same_bits_as_the_library::<f32>(seed);
        }
    }
}
