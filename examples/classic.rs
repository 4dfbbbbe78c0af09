//! The article's first program: a 2-3-1 network with sigmoid activations learns XOR.
//!
//! ```text
//! cargo run --release --example classic
//! ```
//!
//! The loop itself, `H` to `Wh +=`, is one function in `src/network.rs`; here it is one call.

use stacknet::{fastrand::Rng, xor, Network, Training};

fn main() -> Result<(), stacknet::Diverged> {
    let epochs = 60_000; // Number of iterations
    let (x, y) = (xor::INPUTS, xor::TARGETS); // X and Y: the truth table
                                              // Wh and Wz, uniform in [0, 1) (seed 2 from fastrand, where the article lets numpy choose)
    let mut network = Network::<2, 3, 1>::random(&mut Rng::with_seed(2));
    // for i in range(epochs): H, Z, E, dZ, dH, then Wz += H.T.dot(dZ) and Wh += X.T.dot(dH)
    let z = network.train(&x, &y, Training::CLASSIC, epochs)?;
    println!("{z}"); // what have we learnt?
    Ok(())
}
