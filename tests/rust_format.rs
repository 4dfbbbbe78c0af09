//! `stacknet --format rust` writes a network that compiles as a `const` and is the trained
//! network bit for bit: the path from a PC to firmware.
//!
//! The two files included here were written by the command line (see
//! `tests/fixtures/make_fixtures.sh`); the tests check that it still writes them identically.

mod common;

use std::process::Command;

use common::json;
use stacknet::{xor, Matrix, Network, Variant};

mod classic {
    include!("fixtures/trained_classic.rs");
}

mod improved {
    include!("fixtures/trained_improved.rs");
}

/// The arguments that wrote each fixture, as its first line records them.
const CLASSIC_ARGUMENTS: &[&str] = &["--seed", "1"];
const IMPROVED_ARGUMENTS: &[&str] = &["--seed", "2", "--variant", "improved", "--hidden", "5"];

fn stacknet(arguments: &[&str], format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(arguments)
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// The trained weights as the JSON output gives them (shortest round-trip, read back exactly).
fn trained_weights<const H: usize>(arguments: &[&str]) -> Network<2, H, 1> {
    let run = json::parse(&stacknet(arguments, "json")).unwrap();
    let (wh, wz) = (
        run.get("Wh").unwrap().matrix(),
        run.get("Wz").unwrap().matrix(),
    );
    let mut hidden = Matrix::<2, H>::zeros();
    let mut output = Matrix::<H, 1>::zeros();
    for j in 0..H {
        hidden[(0, j)] = wh[0][j];
        hidden[(1, j)] = wh[1][j];
        output[(j, 0)] = wz[j][0];
    }
    Network::from_weights(hidden, output)
}

fn bits<const R: usize, const C: usize>(m: &Matrix<R, C>) -> Vec<u64> {
    m.as_slice().iter().map(|x| x.to_bits()).collect()
}

fn check<const H: usize>(
    name: &str,
    arguments: &[&str],
    fixture: &str,
    constant: &Network<2, H, 1>,
    variant: Variant,
) {
    assert_eq!(
        stacknet(arguments, "rust"),
        fixture,
        "{name}: the command line no longer writes the committed file"
    );
    let trained = trained_weights::<H>(arguments);
    assert_eq!(
        bits(constant.hidden_weights()),
        bits(trained.hidden_weights()),
        "{name}: Wh"
    );
    assert_eq!(
        bits(constant.output_weights()),
        bits(trained.output_weights()),
        "{name}: Wz"
    );
    let (ours, theirs) = (
        constant.predict(&xor::INPUTS, variant),
        trained.predict(&xor::INPUTS, variant),
    );
    assert_eq!(bits(&ours), bits(&theirs), "{name}: outputs");
    assert!(
        xor::is_learnt(&ours),
        "{name}: the baked-in network does not compute XOR: {ours}"
    );
}

#[test]
fn classic_network_round_trips_through_rust_source() {
    assert_eq!(classic::TRAINED_VARIANT, Variant::Classic);
    check(
        "classic",
        CLASSIC_ARGUMENTS,
        include_str!("fixtures/trained_classic.rs"),
        &classic::TRAINED_NETWORK,
        classic::TRAINED_VARIANT,
    );
}

#[test]
fn improved_network_round_trips_through_rust_source() {
    assert_eq!(improved::TRAINED_VARIANT, Variant::IMPROVED);
    check(
        "improved",
        IMPROVED_ARGUMENTS,
        include_str!("fixtures/trained_improved.rs"),
        &improved::TRAINED_NETWORK,
        improved::TRAINED_VARIANT,
    );
}

/// The const really is usable where firmware needs it: in a `const` context.
#[test]
fn generated_network_is_a_const() {
    const WEIGHT: f64 = classic::TRAINED_NETWORK.output_weights().rows()[0][0];
    assert_eq!(WEIGHT, classic::TRAINED_NETWORK.output_weights()[(0, 0)]);
}
