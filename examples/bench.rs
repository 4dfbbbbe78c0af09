use stacknet::{xor, Network, Variant};
use std::time::Instant;
fn main() {
    let mut net = Network::<2, 3, 1>::random(&mut fastrand::Rng::with_seed(1));
    let n = 6_000_000u32;
    for v in [Variant::Classic, Variant::IMPROVED] {
        let t = Instant::now();
        let z = net.train(
            std::hint::black_box(&xor::INPUTS),
            &xor::TARGETS,
            v,
            std::hint::black_box(n),
        );
        let dt = t.elapsed();
        println!(
            "{} {:.1} ns/epoch {z}",
            v.name(),
            dt.as_nanos() as f64 / n as f64
        );
    }
    let t = Instant::now();
    let mut s = 0.0;
    for i in 0..100_000_000u64 {
        s += stacknet::exp(std::hint::black_box(-(i as f64) * 1e-8));
    }
    println!("ours {:.2} ns/exp {s}", t.elapsed().as_nanos() as f64 / 1e8);
    let t = Instant::now();
    let mut s = 0.0;
    for i in 0..100_000_000u64 {
        s += std::hint::black_box(-(i as f64) * 1e-8).exp();
    }
    println!("std {:.2} ns/exp {s}", t.elapsed().as_nanos() as f64 / 1e8);
}
