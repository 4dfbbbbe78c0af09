//! `stacknet --trace` against numpy: one epoch of each of the article's programs, every matrix
//! labelled, character for character as `tests/fixtures/make_trace.py` printed it; the labels of
//! other runs; and the options that `--trace` refuses.

mod common;

use std::process::{Command, Output};

/// The walkthrough's round starting weights, for `classic.txt` and `improved.txt`.
const ROUND_WEIGHTS: &str = "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9";

/// The parity case `classic-h5`'s starting weights (`tests/fixtures/make_fixtures.sh`).
const CLASSIC_H5_WEIGHTS: &str = "0.883834 -0.0949163 0.502745 0.742116 0.804408 0.269123 \
     -0.377649 0.277355 0.484587 -0.949575 ; -0.430269 0.450015 0.131325 0.241141 -0.516943";

/// The parity case `improved-h3`'s starting weights.
const IMPROVED_H3_WEIGHTS: &str =
    "0.119747 0.673819 0.892582 0.837963 0.538918 0.5788 ; 0.315117 0.999814 0.696776";

fn stacknet(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(arguments)
        .output()
        .unwrap()
}

/// What `arguments` print, after checking that the run succeeded.
fn printed(arguments: &[&str]) -> String {
    let output = stacknet(arguments);
    assert!(
        output.status.success(),
        "{arguments:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn fixture(name: &str) -> String {
    let path = common::fixtures().join("trace").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Fails with the first line that differs, numbered, rather than two pages of text.
fn assert_same_text(printed: &str, expected: &str, what: &str) {
    for (number, (a, b)) in printed.lines().zip(expected.lines()).enumerate() {
        assert_eq!(a, b, "{what}: line {} differs", number + 1);
    }
    assert_eq!(printed, expected, "{what}: lengths or line ends differ");
}

#[test]
fn the_classic_program_prints_numpy_text() {
    assert_same_text(
        &printed(&["--trace", "--weights", ROUND_WEIGHTS]),
        &fixture("classic.txt"),
        "classic.txt",
    );
    assert_same_text(
        &printed(&["--trace", "--hidden", "5", "--weights", CLASSIC_H5_WEIGHTS]),
        &fixture("classic-h5.txt"),
        "classic-h5.txt",
    );
}

#[test]
fn the_improved_program_prints_numpy_text() {
    let arguments = [
        "--trace",
        "--variant",
        "improved",
        "--weights",
        ROUND_WEIGHTS,
    ];
    assert_same_text(
        &printed(&arguments),
        &fixture("improved.txt"),
        "improved.txt",
    );
}

/// The improved program from a parity case's weights. (The parity case
/// `improved-h4` is no good here: there `dZ[0]` falls on an 8-decimal tie, which numpy's
/// OpenBLAS, summing `Z[0]`'s products in another order, rounds the other way; every stacknet
/// `dot` sums in order.)
#[test]
fn the_improved_program_from_other_weights_prints_numpy_text() {
    let arguments = [
        "--trace",
        "--variant",
        "improved",
        "--weights",
        IMPROVED_H3_WEIGHTS,
    ];
    assert_same_text(
        &printed(&arguments),
        &fixture("improved-h3.txt"),
        "improved-h3.txt",
    );
}

/// Other activations, biases and tasks get labels in the same style, and the bias steps.
#[test]
fn other_runs_are_labelled_in_the_article_style() {
    let text = printed(&[
        "--trace",
        "--seed",
        "1",
        "--task",
        "nand",
        "--hidden-activation",
        "tanh",
        "--biases",
        "on",
        "--learning-rate",
        "0.5",
    ]);
    let labels: Vec<&str> = text
        .lines()
        .filter(|line| line.ends_with(')') && line.contains("  ("))
        .collect();
    assert_eq!(
        labels,
        [
            "X  (4 x 2)",
            "Y  (4 x 1)",
            "Wh  (2 x 3)",
            "Wz  (3 x 1)",
            "bh  (1 x 3)",
            "bz  (1 x 1)",
            "H = tanh(np.dot(X, Wh) + bh)  (4 x 3)",
            "Z = sigmoid(np.dot(H, Wz) + bz)  (4 x 1)",
            "E = Y - Z  (4 x 1)",
            "dZ = E * sigmoid_(Z) * L  (4 x 1)",
            "dH = dZ.dot(Wz.T) * tanh_(H)  (4 x 3)",
            "H.T.dot(dZ), added to Wz  (3 x 1)",
            "X.T.dot(dH), added to Wh  (2 x 3)",
            "dZ.sum(axis=0, keepdims=True), added to bz  (1 x 1)",
            "dH.sum(axis=0, keepdims=True), added to bh  (1 x 3)",
            "Wh after the epoch  (2 x 3)",
            "Wz after the epoch  (3 x 1)",
            "bh after the epoch  (1 x 3)",
            "bz after the epoch  (1 x 1)",
        ]
    );
    assert!(text.starts_with(
        "One epoch on nand with a tanh hidden layer, a sigmoid output, L = 0.5 and biases that learn,"
    ));
    // nand's targets, as the task's Y.
    assert!(
        text.contains("Y  (4 x 1)\n[[1.]\n [1.]\n [1.]\n [0.]]\n"),
        "{text}"
    );
    // Three inputs for parity, one for sine: X has the task's shape.
    assert!(printed(&["--trace", "--seed", "1", "--task", "parity3"]).contains("X  (8 x 3)"));
    assert!(printed(&["--trace", "--seed", "1", "--task", "sine"]).contains("X  (32 x 1)"));
}

/// `--trace` is one full-batch epoch on its own: other epochs, mini-batches and other outputs
/// are refused with one line and status 2; `--epochs 1`, `--batch full` and `--format numpy`
/// change nothing.
#[test]
fn trace_refuses_what_it_cannot_show() {
    for (extra, flag) in [
        (&["--epochs", "2"][..], "--epochs 2"),
        (&["--batch", "2"], "--batch 2"),
        (&["--format", "json"], "--format json"),
        (&["--format", "rust"], "--format rust"),
        (&["--every", "1"], "--every"),
        (&["--plot"], "--plot"),
        (&["--svg", "never.svg"], "--svg"),
        (&["--save", "never.model"], "--save"),
        (&["--trace"], "--trace is given more than once"),
    ] {
        let mut arguments = vec!["--trace", "--seed", "1"];
        arguments.extend(extra);
        let output = stacknet(&arguments);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{arguments:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{arguments:?}: {stderr}");
        assert!(stderr.contains(flag), "{arguments:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{arguments:?}");
    }
    let plain = printed(&["--trace", "--weights", ROUND_WEIGHTS]);
    for extra in [
        ["--epochs", "1"],
        ["--batch", "full"],
        ["--format", "numpy"],
    ] {
        let mut arguments = vec!["--trace", "--weights", ROUND_WEIGHTS];
        arguments.extend(extra);
        assert_eq!(printed(&arguments), plain, "{extra:?}");
    }
}
