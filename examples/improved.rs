//! The article's improved program: a linear output and a learning rate of 0.1.
//!
//! ```text
//! cargo run --release --example improved
//! ```

use stacknet::{fastrand::Rng, xor, Linear, Network, Sigmoid, Training};

fn main() -> Result<(), stacknet::Diverged> {
    let epochs = 20_000; // Number of iterations
    let learning_rate = 0.1; // L
    let (x, y) = (xor::INPUTS, xor::TARGETS); // X and Y: the truth table
                                              // Wh and Wz, uniform in [0, 1) (seed 11 from fastrand, where the article lets numpy choose);
                                              // the output layer is linear: Z = H . Wz
    let mut network = Network::<2, 3, 1, Sigmoid, Linear>::random(&mut Rng::with_seed(11));
    // dZ = E * L, and Wz is updated before dH is computed from it
    let training = Training::IMPROVED.with_learning_rate(learning_rate);
    let z = network.train(&x, &y, training, epochs)?;
    println!("{z}"); // what have we learnt?
    Ok(())
}
