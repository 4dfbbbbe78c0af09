//! The article's improved program: a linear output and a learning rate of 0.1.
//!
//! ```text
//! cargo run --release --example improved
//! ```

use stacknet::{fastrand::Rng, xor, Network, Variant};

fn main() {
    let epochs = 20_000; // Number of iterations
    let learning_rate = 0.1; // L
    let (x, y) = (xor::INPUTS, xor::TARGETS); // X and Y: the truth table
                                              // Wh and Wz, uniform in [0, 1) (seed 11 from fastrand, where the article lets numpy choose)
    let mut network = Network::<2, 3, 1>::random(&mut Rng::with_seed(11));
    // Z = H . Wz with no activation; dZ = E * L; Wz is updated before dH is computed from it
    let z = network.train(&x, &y, Variant::Improved { learning_rate }, epochs);
    println!("{z}"); // what have we learnt?
}
