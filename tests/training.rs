//! Training behaves as the article says: a step lowers the loss, distinct starting weights give
//! distinct hidden units while equal ones stay equal, and most random starts learn XOR.

use stacknet::{xor, Matrix, Network, Variant};

type Net = Network<2, 3, 1>;

const VARIANTS: [Variant; 2] = [Variant::Classic, Variant::IMPROVED];

/// The loss `1/2 sum((Y - Z)^2)`.
fn loss(network: &Net, variant: Variant) -> f64 {
    let error = xor::TARGETS - network.predict(&xor::INPUTS, variant);
    0.5 * (error * error).as_slice().iter().sum::<f64>()
}

/// Hidden unit `j`'s incoming weights: column `j` of Wh, with its outgoing weight, row `j` of Wz.
fn unit(network: &Net, j: usize) -> [f64; 3] {
    let (wh, wz) = (network.hidden_weights(), network.output_weights());
    [wh[(0, j)], wh[(1, j)], wz[(j, 0)]]
}

#[test]
fn one_step_lowers_the_loss_from_random_starts() {
    for variant in VARIANTS {
        for seed in 0..50 {
            let start = Net::random(&mut fastrand::Rng::with_seed(seed));
            let mut stepped = start;
            stepped.train_step(&xor::INPUTS, &xor::TARGETS, variant);
            let (before, after) = (loss(&start, variant), loss(&stepped, variant));
            assert!(
                after < before,
                "{variant:?}, seed {seed}: loss {before} -> {after}"
            );
        }
    }
}

#[test]
fn random_starts_give_distinct_hidden_units() {
    for variant in VARIANTS {
        let mut network = Net::random(&mut fastrand::Rng::with_seed(3));
        network.train(&xor::INPUTS, &xor::TARGETS, variant, 1000);
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            assert_ne!(
                unit(&network, a),
                unit(&network, b),
                "{variant:?}: units {a} and {b}"
            );
        }
    }
}

/// The article's warning: with every weight equal, say zero, every hidden unit receives the same
/// update forever, so the three act as one, and one hidden unit without biases cannot make XOR.
#[test]
fn equal_starts_keep_hidden_units_identical_and_do_not_learn() {
    for variant in VARIANTS {
        for value in [0.0, 0.5] {
            let mut network = Net::from_weights(
                Matrix::from_rows([[value; 3]; 2]),
                Matrix::from_rows([[value]; 3]),
            );
            let z = network.train(
                &xor::INPUTS,
                &xor::TARGETS,
                variant,
                variant.article_epochs(),
            );
            // Bit for bit: the same operations on the same numbers give the same results.
            assert_eq!(
                unit(&network, 0),
                unit(&network, 1),
                "{variant:?} from {value}"
            );
            assert_eq!(
                unit(&network, 0),
                unit(&network, 2),
                "{variant:?} from {value}"
            );
            assert!(
                !xor::is_learnt(&z),
                "{variant:?} from {value} learnt XOR: {z}"
            );
        }
    }
}

/// Seeds tried for the convergence figures (the README's table).
const CONVERGENCE_SEEDS: u64 = 1000;

/// How many of the seeds `0..CONVERGENCE_SEEDS` learn XOR with the article's settings.
fn learnt_count(variant: Variant) -> u64 {
    (0..CONVERGENCE_SEEDS)
        .filter(|&seed| {
            let mut network = Net::random(&mut fastrand::Rng::with_seed(seed));
            let z = network.train(
                &xor::INPUTS,
                &xor::TARGETS,
                variant,
                variant.article_epochs(),
            );
            xor::is_learnt(&z)
        })
        .count() as u64
}

/// The share of random starts that learn XOR, over seeds 0 to 999 of fastrand. Training is
/// deterministic, so these counts are exact; the floors are the counts measured, and a change
/// that makes learning less reliable fails here. Slow in a debug build: `make test` runs it
/// optimised.
#[test]
#[ignore = "slow unoptimised; make test runs it with --release"]
fn most_random_starts_learn_xor() {
    // Measured with stacknet's fastrand starts; see the README's "Convergence" figures.
    const CLASSIC_FLOOR: u64 = 1000;
    const IMPROVED_FLOOR: u64 = 1000;
    let classic = learnt_count(Variant::Classic);
    let improved = learnt_count(Variant::IMPROVED);
    eprintln!("learnt XOR: classic {classic} of {CONVERGENCE_SEEDS}, improved {improved} of {CONVERGENCE_SEEDS}");
    assert!(
        classic >= CLASSIC_FLOOR,
        "classic learnt {classic}, below {CLASSIC_FLOOR}"
    );
    assert!(
        improved >= IMPROVED_FLOOR,
        "improved learnt {improved}, below {IMPROVED_FLOOR}"
    );
}
