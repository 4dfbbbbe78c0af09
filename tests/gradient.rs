//! Backpropagation is gradient descent: each weight update of one training step equals the
//! negative gradient of the loss `1/2 sum(E^2)`, checked against finite differences.
//!
//! For the improved program the learning rate scales the step, and the article's order of
//! operations (dH from the *updated* Wz) makes its Wh update differ from the gradient by a term
//! of order L^2 (about a fifth of the step at a typical start, fading with the error): the last
//! test shows that difference and measures it.
//!
//! With every activation and trained biases the check runs in both precisions: in `f32` against
//! the `f64` gradient of the same `f32` weights.

use stacknet::{
    sigmoid_derivative, xor, Activation, AnyActivation, Float, Linear, Matrix, Network, Sigmoid,
    Training,
};

/// A 2-3-1 network with these activations: the classic program's by default.
type Net<Hidden = Sigmoid, Output = Sigmoid> = Network<2, 3, 1, Hidden, Output>;

/// The improved program's network: a linear output.
type Improved = Net<Sigmoid, Linear>;

/// Step of the finite differences. They use the five-point stencil
/// `(-f(w+2h) + 8 f(w+h) - 8 f(w-h) + f(w-2h)) / 12h`, whose truncation error grows like `h^4`
/// and rounding error like `1e-16 / h`: at `h = 1e-3` both are near 1e-13 for this loss.
const STEP: f64 = 1e-3;

/// Relative error allowed between an update and the finite-difference gradient (the issue's
/// figure). With absolute errors near 1e-13, components of 1e-6 and up can meet it.
const RELATIVE_TOLERANCE: f64 = 1e-6;

/// Every gradient component checked must be at least this large, or the relative comparison
/// would mean nothing; this also keeps the test from passing on an all-zero gradient.
const MIN_GRADIENT: f64 = 1e-6;

/// Starting points: random starts from fixed seeds, plus one of both signs set by hand.
fn starts<Hidden: Activation, Output: Activation>() -> Vec<Net<Hidden, Output>> {
    let mut starts: Vec<Net<Hidden, Output>> = (1..=5)
        .map(|seed| Network::random(&mut fastrand::Rng::with_seed(seed)))
        .collect();
    starts.push(Network::from_weights(
        Matrix::from_rows([[0.8, -0.4, 1.2], [-0.6, 0.9, 0.3]]),
        Matrix::from_rows([[-1.1], [0.7], [0.5]]),
    ));
    starts
}

/// The loss `1/2 sum((Y - Z)^2)` of a network on the XOR table.
fn loss<Hidden: Activation, Output: Activation>(network: &Net<Hidden, Output>) -> f64 {
    let error = xor::TARGETS - network.predict(&xor::INPUTS);
    0.5 * (error * error).as_slice().iter().sum::<f64>()
}

/// `dLoss/dw` for every weight, by finite differences: Wh row-major, then Wz.
fn numerical_gradient<Hidden: Activation, Output: Activation>(
    network: &Net<Hidden, Output>,
) -> Vec<f64> {
    let (wh, wz) = (*network.hidden_weights(), *network.output_weights());
    // The loss with one weight, `index` in the order above, moved by `offset`.
    let moved = |index: usize, offset: f64| {
        let (mut wh, mut wz) = (wh, wz);
        if index < 6 {
            wh[(index / 3, index % 3)] += offset;
        } else {
            wz[(index - 6, 0)] += offset;
        }
        loss(&Net::<Hidden, Output>::from_weights(wh, wz))
    };
    (0..9)
        .map(|i| {
            let (h, h2) = (STEP, 2.0 * STEP);
            (-moved(i, h2) + 8.0 * moved(i, h) - 8.0 * moved(i, -h) + moved(i, -h2)) / (12.0 * STEP)
        })
        .collect()
}

/// The change one epoch of training makes to each weight: Wh row-major, then Wz.
fn update<Hidden: Activation, Output: Activation>(
    before: &Net<Hidden, Output>,
    after: &Net<Hidden, Output>,
) -> Vec<f64> {
    let wh = *after.hidden_weights() - *before.hidden_weights();
    let wz = *after.output_weights() - *before.output_weights();
    wh.as_slice().iter().chain(wz.as_slice()).copied().collect()
}

/// The network after one epoch of `training`: one full-batch update.
fn one_epoch<Hidden: Activation, Output: Activation>(
    mut network: Net<Hidden, Output>,
    training: Training,
) -> Net<Hidden, Output> {
    network
        .train(&xor::INPUTS, &xor::TARGETS, training, 1)
        .expect("one step from these starts stays finite");
    network
}

/// A network whose activations are chosen at run time, for the test over every pair.
type AnyNet = Net<AnyActivation, AnyActivation>;

fn assert_close(what: &str, actual: &[f64], expected: &[f64]) {
    for (index, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(
            e.abs() >= MIN_GRADIENT,
            "{what}: weight {index}: gradient {e:e} too small to test"
        );
        let relative = (a - e).abs() / e.abs();
        assert!(
            relative < RELATIVE_TOLERANCE,
            "{what}: weight {index}: update {a:e}, expected {e:e} (relative error {relative:e})"
        );
    }
}

#[test]
fn classic_update_is_the_negative_gradient() {
    for (start_index, start) in starts::<Sigmoid, Sigmoid>().into_iter().enumerate() {
        let trained = one_epoch(start, Training::CLASSIC);
        let negative_gradient: Vec<f64> = numerical_gradient(&start).iter().map(|g| -g).collect();
        assert_close(
            &format!("start {start_index}"),
            &update(&start, &trained),
            &negative_gradient,
        );
    }
}

#[test]
fn improved_output_update_is_the_learning_rate_times_the_negative_gradient() {
    for (start_index, start) in starts::<Sigmoid, Linear>().into_iter().enumerate() {
        let trained: Improved = one_epoch(start, Training::IMPROVED);
        let scaled: Vec<f64> = numerical_gradient(&start)
            .iter()
            .map(|g| -Training::IMPROVED.learning_rate * g)
            .collect();
        // Only Wz, the last three weights: Wh is the subject of the next test.
        assert_close(
            &format!("start {start_index}"),
            &update(&start, &trained)[6..],
            &scaled[6..],
        );
    }
}

/// The improved program's Wh update, in two forms: the article's (dH from the updated Wz, as
/// the library trains) and the textbook one (dH from the Wz before this step), computed here.
#[test]
fn improved_hidden_update_is_the_gradient_only_with_the_old_output_weights() {
    let rate = Training::IMPROVED.learning_rate;
    for (start_index, start) in starts::<Sigmoid, Linear>().into_iter().enumerate() {
        let what = format!("start {start_index}");
        let trained: Improved = one_epoch(start, Training::IMPROVED);
        let article = update(&start, &trained);

        // The textbook step, by the article's formulas but with the old Wz.
        let hidden = start.hidden_layer(&xor::INPUTS); // H
        let output_delta = (xor::TARGETS - start.predict(&xor::INPUTS)) * rate; // dZ
        let hidden_slope = hidden.map(sigmoid_derivative);
        let textbook_delta = output_delta.dot(&start.output_weights().transpose()) * hidden_slope;
        let textbook = xor::INPUTS.transpose().dot(&textbook_delta);
        let textbook = textbook.as_slice();

        let scaled: Vec<f64> = numerical_gradient(&start)
            .iter()
            .map(|g| -rate * g)
            .collect();
        assert_close(&what, textbook, &scaled[..6]);

        // The article's Wh update differs by exactly X^T . ((dZ . (change in Wz)^T) * sigmoid_(H)).
        let output_change = *trained.output_weights() - *start.output_weights();
        let shift_delta = output_delta.dot(&output_change.transpose()) * hidden_slope;
        let predicted_shift = xor::INPUTS.transpose().dot(&shift_delta);
        // Each side is a few sums of products rounded at 1.1e-16 each, with terms no larger than
        // the largest component of either update: 1e-14 of that leaves room for about ninety.
        let scale = article[..6]
            .iter()
            .chain(textbook)
            .fold(0.0f64, |m, x| m.max(x.abs()));
        for index in 0..6 {
            let shift = article[index] - textbook[index];
            let predicted = predicted_shift.as_slice()[index];
            assert!(
                (shift - predicted).abs() <= 1e-14 * scale,
                "{what}: weight {index}: shift {shift:e}, predicted {predicted:e}"
            );
        }
        // How far the article's ordering moves the whole Wh update, relative to its size.
        let norm = |v: &mut dyn Iterator<Item = f64>| v.map(|x| x * x).sum::<f64>().sqrt();
        let shift_norm = norm(&mut article[..6].iter().zip(textbook).map(|(a, t)| a - t));
        let relative_shift = shift_norm / norm(&mut textbook.iter().copied());
        eprintln!(
            "{what}: the article's ordering moves the Wh update by {:.2}% of its size",
            100.0 * relative_shift
        );
        // The shift is real, far above the gradient check's tolerance; yet the article's step
        // still goes downhill: it has a positive component along the negative gradient.
        assert!(
            relative_shift > 1e3 * RELATIVE_TOLERANCE,
            "{what}: no measurable shift"
        );
        let downhill: f64 = article[..6]
            .iter()
            .zip(&scaled[..6])
            .map(|(a, g)| a * g)
            .sum();
        assert!(downhill > 0.0, "{what}: the article's Wh step goes uphill");
    }
}

/// What the gradient check over every activation allows in one precision.
struct Tolerances {
    /// The relative error allowed in each update from its arithmetic, beyond the rounding of
    /// the weights that [`unit_roundoff`](Self::unit_roundoff) covers.
    relative: f64,
    /// Half the distance from 1 to the next number of the precision: `2^-53` or `2^-24`.
    /// The update is read as `after - before`, and `after` is rounded to the precision, so the
    /// update carries up to this times `|after|` on top of its relative error.
    unit_roundoff: f64,
    /// Gradients at least this large are compared relatively; smaller ones (ReLU's exact zeros,
    /// where a unit is off) must agree absolutely within [`zero`](Self::zero).
    min_gradient: f64,
    /// The absolute difference allowed where the gradient is below `min_gradient`.
    zero: f64,
}

/// Every pair of activations, with biases, in `f64`: the relative 1e-6 (see
/// [`RELATIVE_TOLERANCE`]); the stencil's absolute error near 1e-13 makes a zero gradient a tiny
/// one, within 1e-10.
const F64_TOLERANCES: Tolerances = Tolerances {
    relative: RELATIVE_TOLERANCE,
    unit_roundoff: f64::EPSILON / 2.0,
    min_gradient: MIN_GRADIENT,
    zero: 1e-10,
};

/// The same in `f32`, whose unit roundoff is `2^-24 = 6e-8`. Each update is a sum over the four
/// rows of terms that pass through some 25 roundings (the hidden and output sums, the
/// activations' exp, add and divide, `E`, `dZ`, `dH` and the update's own sum), so each term
/// carries up to about 1.5e-6 of relative error, and the sum more where its terms cancel: 1e-4
/// allows cancellation by a factor of sixty. Measured over the 25 pairs: 2.3e-6 at worst (that is
/// 43 times below), once each update's allowance of `2^-24 |after|` for the rounding of its
/// weight is taken off. That allowance matters: without it the worst relative difference is
/// 2.4e-4, on updates near 2e-4 of weights near 1, where half an ulp of the weight is 6e-8.
/// The smallest update compared relatively is 1.7e-4 (and in f64 the worst relative error is
/// 2.5e-10, the stencil's own).
const F32_TOLERANCES: Tolerances = Tolerances {
    relative: 1e-4,
    unit_roundoff: f32::EPSILON as f64 / 2.0,
    min_gradient: MIN_GRADIENT,
    zero: 1e-10,
};

/// Every pair of activations, with biases: the update of every weight and bias is the learning
/// rate times the negative gradient (dH from the old Wz, the textbook order).
#[test]
fn every_activation_and_the_biases_follow_the_gradient() {
    let worst = every_activation_follows_the_gradient::<f64>(&F64_TOLERANCES);
    eprintln!("f64: worst relative error {worst:.2e}");
}

/// The same in `f32`: the network trains in `f32`, and the gradient it should follow is that of
/// its own `f32` weights, widened exactly to `f64` and differentiated in `f64`, so the reference
/// carries none of `f32`'s rounding.
#[test]
fn every_activation_and_the_biases_follow_the_gradient_in_f32() {
    let worst = every_activation_follows_the_gradient::<f32>(&F32_TOLERANCES);
    eprintln!("f32: worst relative error {worst:.2e}");
}

/// A network of any precision, activations chosen at run time.
type AnyNetIn<T> = Network<2, 3, 1, AnyActivation, AnyActivation, T>;

/// `network` with every weight and bias converted to precision `U` (exactly, from `f32` to `f64`).
fn converted<T: Float, U: Float>(network: &AnyNetIn<T>) -> AnyNetIn<U> {
    Network::from_weights(
        network.hidden_weights().convert(),
        network.output_weights().convert(),
    )
    .with_biases(
        network.hidden_biases().convert(),
        network.output_biases().convert(),
    )
    .with_activations(network.hidden_activation(), network.output_activation())
}

/// Every parameter, Wh, bh, Wz, bz, each row-major.
fn parameters(network: &AnyNet) -> Vec<f64> {
    [
        network.hidden_weights().as_slice(),
        network.hidden_biases().as_slice(),
        network.output_weights().as_slice(),
        network.output_biases().as_slice(),
    ]
    .concat()
}

/// Trains every pair of activations for one epoch in precision `T` and checks every update
/// against the negative gradient times the rate. Returns the worst relative error found, after
/// taking off each update's allowance for the rounding of its weight.
fn every_activation_follows_the_gradient<T: Float>(tolerances: &Tolerances) -> f64 {
    let rate = 0.5;
    let training = Training::CLASSIC
        .with_learning_rate(rate)
        .with_trained_biases(true);
    let mut checked = 0;
    let mut worst = 0.0f64;
    for &hidden_activation in AnyActivation::ALL {
        for &output_activation in AnyActivation::ALL {
            // Weights of both signs and biases away from zero, so that no unit sits on ReLU's
            // kink at 0, where the slope is undefined and finite differences straddle it.
            let start = AnyNet::from_weights(
                Matrix::from_rows([[0.8, -0.4, 1.2], [-0.6, 0.9, 0.3]]),
                Matrix::from_rows([[-1.1], [0.7], [0.5]]),
            )
            .with_biases(
                Matrix::from_rows([[0.15, -0.25, 0.35]]),
                Matrix::from_rows([[0.2]]),
            )
            .with_activations(hidden_activation, output_activation);
            let what = format!(
                "{} {hidden_activation:?} / {output_activation:?}",
                T::NUMPY_NAME
            );
            let mut network: AnyNetIn<T> = converted(&start);
            // The starting point as the network holds it: for f32, the weights above rounded.
            let start: AnyNet = converted(&network);
            network
                .train(&xor::INPUTS.convert(), &xor::TARGETS.convert(), training, 1)
                .expect("one step from this start stays finite");
            let (before, after) = (parameters(&start), parameters(&converted(&network)));
            let expected: Vec<f64> = parameter_gradient(&start)
                .iter()
                .map(|g| -rate * g)
                .collect();
            let mut sizable = 0;
            for index in 0..before.len() {
                // For f32 exact: two f32s widened differ by an f64, unless their exponents are
                // 29 or more apart. For f64 rounded once, at 1.1e-16 of the update.
                let update = after[index] - before[index];
                let e = expected[index];
                let rounding = tolerances.unit_roundoff * after[index].abs();
                let difference = (update - e).abs();
                if e.abs() >= tolerances.min_gradient {
                    sizable += 1;
                    let relative = (difference - rounding).max(0.0) / e.abs();
                    worst = worst.max(relative);
                    assert!(
                        relative < tolerances.relative,
                        "{what}: parameter {index}: {update:e} against {e:e}"
                    );
                } else {
                    assert!(
                        difference < tolerances.zero + rounding,
                        "{what}: parameter {index}: {update:e} against {e:e}"
                    );
                }
            }
            // Guard: most parameters really moved, so the comparison is not of zeros.
            assert!(
                sizable >= before.len() / 2,
                "{what}: only {sizable} sizable gradients"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 25);
    worst
}

/// `dLoss/dp` for every parameter by the five-point stencil: Wh, bh, Wz, bz, each row-major.
fn parameter_gradient(network: &AnyNet) -> Vec<f64> {
    let moved = |index: usize, offset: f64| {
        let (mut wh, mut bh) = (*network.hidden_weights(), *network.hidden_biases());
        let (mut wz, mut bz) = (*network.output_weights(), *network.output_biases());
        match index {
            0..=5 => wh[(index / 3, index % 3)] += offset,
            6..=8 => bh[(0, index - 6)] += offset,
            9..=11 => wz[(index - 9, 0)] += offset,
            _ => bz[(0, 0)] += offset,
        }
        loss(
            &AnyNet::from_weights(wh, wz)
                .with_biases(bh, bz)
                .with_activations(network.hidden_activation(), network.output_activation()),
        )
    };
    (0..13)
        .map(|i| {
            let (h, h2) = (STEP, 2.0 * STEP);
            (-moved(i, h2) + 8.0 * moved(i, h) - 8.0 * moved(i, -h) + moved(i, -h2)) / (12.0 * STEP)
        })
        .collect()
}
