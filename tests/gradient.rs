//! Backpropagation is gradient descent: each weight update of one training step equals the
//! negative gradient of the loss `1/2 sum(E^2)`, checked against finite differences.
//!
//! For the improved program the learning rate scales the step, and the article's order of
//! operations (dH from the *updated* Wz) makes its Wh update a little different from the
//! gradient: the last test shows that difference and measures it.

use stacknet::{
    sigmoid_derivative, xor, Activation, AnyActivation, Linear, Matrix, Network, Sigmoid, Training,
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

/// Every pair of activations, with biases: the update of every weight and bias is the learning
/// rate times the negative gradient (dH from the old Wz, the textbook order).
#[test]
fn every_activation_and_the_biases_follow_the_gradient() {
    let rate = 0.5;
    let training = Training::CLASSIC
        .with_learning_rate(rate)
        .with_trained_biases(true);
    let mut checked = 0;
    for hidden_activation in AnyActivation::ALL {
        for output_activation in AnyActivation::ALL {
            // Weights of both signs and biases away from zero, so that no unit sits on ReLU's
            // kink at 0, where the slope is undefined and finite differences straddle it.
            let start = Net::<AnyActivation, AnyActivation>::from_weights(
                Matrix::from_rows([[0.8, -0.4, 1.2], [-0.6, 0.9, 0.3]]),
                Matrix::from_rows([[-1.1], [0.7], [0.5]]),
            )
            .with_biases(
                Matrix::from_rows([[0.15, -0.25, 0.35]]),
                Matrix::from_rows([[0.2]]),
            )
            .with_activations(hidden_activation, output_activation);
            let what = format!("{hidden_activation:?} / {output_activation:?}");
            let trained = one_epoch(start, training);
            let change = |after: &AnyNet, before: &AnyNet| -> Vec<f64> {
                let parts = [
                    (*after.hidden_weights() - *before.hidden_weights())
                        .as_slice()
                        .to_vec(),
                    (*after.hidden_biases() - *before.hidden_biases())
                        .as_slice()
                        .to_vec(),
                    (*after.output_weights() - *before.output_weights())
                        .as_slice()
                        .to_vec(),
                    (*after.output_biases() - *before.output_biases())
                        .as_slice()
                        .to_vec(),
                ];
                parts.concat()
            };
            let update = change(&trained, &start);
            let expected: Vec<f64> = parameter_gradient(&start)
                .iter()
                .map(|g| -rate * g)
                .collect();
            // ReLU layers give exact zeros where a unit is off; those must match absolutely.
            let mut sizable = 0;
            for (index, (u, e)) in update.iter().zip(&expected).enumerate() {
                if e.abs() >= MIN_GRADIENT {
                    sizable += 1;
                    let relative = (u - e).abs() / e.abs();
                    assert!(
                        relative < RELATIVE_TOLERANCE,
                        "{what}: parameter {index}: {u:e} against {e:e}"
                    );
                } else {
                    // The stencil's absolute error is near 1e-13: a zero gradient gives a tiny one.
                    assert!(
                        (u - e).abs() < 1e-10,
                        "{what}: parameter {index}: {u:e} against {e:e}"
                    );
                }
            }
            // Guard: most parameters really moved, so the comparison is not of zeros.
            assert!(
                sizable >= update.len() / 2,
                "{what}: only {sizable} sizable gradients"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 25);
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
