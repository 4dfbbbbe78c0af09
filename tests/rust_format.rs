//! `stacknet --format rust` writes a network that compiles as a `const` and is the trained
//! network bit for bit: the path from a PC to firmware.
//!
//! The files included here were written by the command line (see
//! `tests/fixtures/make_fixtures.sh`); the tests check that it still writes them identically.

mod common;

use std::process::Command;

use common::json;
use stacknet::{truth_tables, Activation, Linear, Matrix, Network, Sigmoid, Tanh};

mod classic {
    include!("fixtures/trained_classic.rs");
}

mod improved {
    include!("fixtures/trained_improved.rs");
}

mod sine {
    include!("fixtures/trained_sine.rs");
}

/// Made by a command whose `--save` file name holds a newline: the command in the comment
/// at the top must not break the file. That it compiles here is the test's first half.
mod newline {
    include!("fixtures/trained_newline.rs");
}

fn stacknet(arguments: &[&str], format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(arguments)
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// The trained network as the JSON output gives it (shortest round-trip, read back exactly),
/// with the activations of the type asked for.
fn trained_network<const I: usize, const H: usize, Hidden, Output>(
    arguments: &[&str],
) -> Network<I, H, 1, Hidden, Output>
where
    Hidden: Activation,
    Output: Activation,
{
    let run = json::parse(&stacknet(arguments, "json")).unwrap();
    let flat = |key: &str| -> Vec<f64> { run.get(key).unwrap().matrix().concat() };
    let fill = |values: Vec<f64>, matrix: &mut [f64]| matrix.copy_from_slice(&values);
    let (mut wh, mut bh) = (Matrix::<I, H>::zeros(), Matrix::<1, H>::zeros());
    let (mut wz, mut bz) = (Matrix::<H, 1>::zeros(), Matrix::<1, 1>::zeros());
    fill(flat("Wh"), wh.rows_mut().as_flattened_mut());
    fill(flat("bh"), bh.rows_mut().as_flattened_mut());
    fill(flat("Wz"), wz.rows_mut().as_flattened_mut());
    fill(flat("bz"), bz.rows_mut().as_flattened_mut());
    Network::from_weights(wh, wz).with_biases(bh, bz)
}

fn bits<const R: usize, const C: usize>(m: &Matrix<R, C>) -> Vec<u64> {
    m.as_slice().iter().map(|x| x.to_bits()).collect()
}

/// The committed file is what the command line writes today, and its const network is the
/// trained one: the same weights and biases, and the same outputs on `inputs`, bit for bit.
/// The constant's type carries its activations: nothing else is needed to predict.
fn check<const I: usize, const H: usize, const N: usize, Hidden, Output>(
    arguments: &[&str],
    fixture: &str,
    constant: &Network<I, H, 1, Hidden, Output>,
    inputs: &Matrix<N, I>,
) -> Matrix<N, 1>
where
    Hidden: Activation,
    Output: Activation,
{
    let name = arguments.join(" ");
    assert_eq!(
        stacknet(arguments, "rust"),
        fixture,
        "{name}: the command line no longer writes the committed file"
    );
    let trained = trained_network::<I, H, Hidden, Output>(arguments);
    assert_eq!(
        bits(constant.hidden_weights()),
        bits(trained.hidden_weights()),
        "{name}: Wh"
    );
    assert_eq!(
        bits(constant.hidden_biases()),
        bits(trained.hidden_biases()),
        "{name}: bh"
    );
    assert_eq!(
        bits(constant.output_weights()),
        bits(trained.output_weights()),
        "{name}: Wz"
    );
    assert_eq!(
        bits(constant.output_biases()),
        bits(trained.output_biases()),
        "{name}: bz"
    );
    let outputs = constant.predict(inputs);
    assert_eq!(
        bits(&outputs),
        bits(&trained.predict(inputs)),
        "{name}: outputs"
    );
    outputs
}

#[test]
fn classic_network_round_trips_through_rust_source() {
    let network: &Network<2, 3, 1, Sigmoid, Sigmoid> = &classic::TRAINED_NETWORK;
    let z = check(
        &["--seed", "1"],
        include_str!("fixtures/trained_classic.rs"),
        network,
        &truth_tables::TWO_INPUTS,
    );
    assert!(
        truth_tables::all_round_correctly(&z, &truth_tables::XOR),
        "{z}"
    );
}

#[test]
fn improved_network_round_trips_through_rust_source() {
    let network: &Network<2, 5, 1, Sigmoid, Linear> = &improved::TRAINED_NETWORK;
    let z = check(
        &["--seed", "2", "--variant", "improved", "--hidden", "5"],
        include_str!("fixtures/trained_improved.rs"),
        network,
        &truth_tables::TWO_INPUTS,
    );
    assert!(
        truth_tables::all_round_correctly(&z, &truth_tables::XOR),
        "{z}"
    );
}

/// A network with biases and other activations: `with_biases`, and `Tanh` and `Linear` in its
/// type.
#[test]
fn sine_network_with_biases_round_trips_through_rust_source() {
    let network: &Network<1, 4, 1, Tanh, Linear> = &sine::TRAINED_NETWORK;
    assert_ne!(network.hidden_biases(), &Matrix::zeros());
    let points = Matrix::from_rows([[-1.0], [-0.5], [0.0], [0.5], [1.0]]);
    check(
        &["--seed", "3", "--task", "sine", "--epochs", "20000"],
        include_str!("fixtures/trained_sine.rs"),
        network,
        &points,
    );
}

/// The command that made the file is written on one line, whatever its arguments hold, so
/// the file compiles (it is included above); and the command line still writes it so.
#[test]
fn a_command_with_a_newline_still_makes_rust_that_compiles() {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("newline");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(["--seed", "1", "--epochs", "10", "--save", "model\nfile.txt"])
        .args(["--format", "rust"])
        .current_dir(&folder)
        .output()
        .unwrap();
    assert!(output.status.success());
    let source = String::from_utf8(output.stdout).unwrap();
    assert_eq!(source, include_str!("fixtures/trained_newline.rs"));
    assert!(source
        .starts_with("// Generated by `stacknet --seed 1 --epochs 10 --save $'model\\nfile.txt'"));
    let weight = newline::TRAINED_NETWORK.output_weights()[(0, 0)];
    assert!(weight.is_finite());
}

/// The const really is usable where firmware needs it: in a `const` context.
#[test]
fn generated_network_is_a_const() {
    const WEIGHT: f64 = classic::TRAINED_NETWORK.output_weights().rows()[0][0];
    assert_eq!(WEIGHT, classic::TRAINED_NETWORK.output_weights()[(0, 0)]);
}
