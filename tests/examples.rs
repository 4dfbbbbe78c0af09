//! The article's programs as `examples/classic.rs` and `examples/improved.rs` write them, line
//! for line, give the library's training to the bit: a learner who edits an example starts from
//! exactly what `Network::train` computes.

#[allow(dead_code)]
#[path = "../examples/classic.rs"]
mod classic;

#[allow(dead_code)]
#[path = "../examples/improved.rs"]
mod improved;

use stacknet::{fastrand::Rng, xor, Linear, Network, Sigmoid, Training};

/// Starts from several seeds; enough epochs for the weights to move far from where they began.
const SEEDS: std::ops::Range<u64> = 0..5;
const EPOCHS: u32 = 2_000;

#[test]
fn the_classic_example_is_the_library_to_the_bit() {
    for seed in SEEDS {
        let mut network = Network::<2, 3, 1>::random(&mut Rng::with_seed(seed));
        let (wh, wz) = (*network.hidden_weights(), *network.output_weights());
        let z = network
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, EPOCHS)
            .unwrap();
        let (example_z, example_wh, example_wz) = classic::learn(wh, wz, EPOCHS);
        assert_eq!(example_z, z, "seed {seed}: Z");
        assert_eq!(&example_wh, network.hidden_weights(), "seed {seed}: Wh");
        assert_eq!(&example_wz, network.output_weights(), "seed {seed}: Wz");
    }
}

#[test]
fn the_improved_example_is_the_library_to_the_bit() {
    for seed in SEEDS {
        let mut network = Network::<2, 3, 1, Sigmoid, Linear>::random(&mut Rng::with_seed(seed));
        let (wh, wz) = (*network.hidden_weights(), *network.output_weights());
        let training = Training::IMPROVED;
        let z = network
            .train(&xor::INPUTS, &xor::TARGETS, training, EPOCHS)
            .unwrap();
        let (example_z, example_wh, example_wz) =
            improved::learn(wh, wz, training.learning_rate, EPOCHS);
        assert_eq!(example_z, z, "seed {seed}: Z");
        assert_eq!(&example_wh, network.hidden_weights(), "seed {seed}: Wh");
        assert_eq!(&example_wz, network.output_weights(), "seed {seed}: Wz");
    }
}
