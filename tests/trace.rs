//! `stacknet --trace` against numpy: one epoch of each of the article's programs, the first and a
//! later one, every matrix labelled, character for character as `tests/fixtures/make_trace.py`
//! printed it; a later epoch against the library's own `Step` at that epoch; the labels of other
//! runs; and the options that `--trace` refuses.

mod common;

use common::stacknet;

use stacknet::{xor, Activation, Linear, Matrix, Network, Sigmoid, Step, Training};

/// The walkthrough's round starting weights, for `classic.txt` and `improved.txt`.
const ROUND_WEIGHTS: &str = "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9";

/// The parity case `classic-h5`'s starting weights (`tests/fixtures/make_fixtures.sh`).
const CLASSIC_H5_WEIGHTS: &str = "0.883834 -0.0949163 0.502745 0.742116 0.804408 0.269123 \
     -0.377649 0.277355 0.484587 -0.949575 ; -0.430269 0.450015 0.131325 0.241141 -0.516943";

/// The parity case `improved-h3`'s starting weights.
const IMPROVED_H3_WEIGHTS: &str =
    "0.119747 0.673819 0.892582 0.837963 0.538918 0.5788 ; 0.315117 0.999814 0.696776";

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

/// Epoch 1000 of each program from the round weights: 999 epochs trained, then the thousandth
/// printed, as numpy trains and prints them.
#[test]
fn a_later_epoch_prints_numpy_text() {
    for variant in ["classic", "improved"] {
        let arguments = [
            "--trace",
            "--epochs",
            "1000",
            "--variant",
            variant,
            "--weights",
            ROUND_WEIGHTS,
        ];
        let name = format!("{variant}-epoch-1000.txt");
        assert_same_text(&printed(&arguments), &fixture(&name), &name);
    }
}

/// `--trace --epochs N` shows the library's own epoch N: each matrix is the one `train_watched`
/// shows at epoch N of the same network (weights before it, `Step`, the loss of its `Z`, the
/// weights after it), as the library's `Display` prints it, under its label; and each step
/// printed is exactly what the library added to the weights.
#[test]
fn a_later_epoch_is_the_library_step_at_that_epoch() {
    fn check<Output: Activation>(variant: &str, training: Training, epoch: u32) {
        let round = Network::<2, 3, 1, Sigmoid, Output>::from_weights(
            Matrix::from_rows([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
            Matrix::from_column([0.7, 0.8, 0.9]),
        );
        let mut before = round;
        before
            .train(&xor::INPUTS, &xor::TARGETS, training, epoch - 1)
            .unwrap();
        let mut after = before;
        let mut shown: Option<Step<4, 3, 1>> = None;
        after
            .train_watched(&xor::INPUTS, &xor::TARGETS, training, 1, |_, step| {
                shown = Some(*step);
                std::ops::ControlFlow::Continue(())
            })
            .unwrap();
        let step = shown.unwrap();
        let wz_step = step.hidden.transpose_dot(&step.output_delta);
        let wh_step = xor::INPUTS.transpose_dot(&step.hidden_delta);
        // The steps are what the library added: before + step is after, to the bit.
        assert_eq!(*before.output_weights() + wz_step, *after.output_weights());
        assert_eq!(*before.hidden_weights() + wh_step, *after.hidden_weights());

        let text = printed(&[
            "--trace",
            "--epochs",
            &epoch.to_string(),
            "--variant",
            variant,
            "--weights",
            ROUND_WEIGHTS,
        ]);
        assert!(
            text.starts_with(&format!("Epoch {epoch} of the {variant} program")),
            "{text}"
        );
        let loss = step.outputs.mean_squared_error(&xor::TARGETS);
        let shown_as = |label: &str, shape: (usize, usize), matrix: String| {
            let block = format!("\n{label}  ({} x {})\n{matrix}\n\n", shape.0, shape.1);
            assert!(
                text.contains(&block),
                "{variant} {epoch}: no {block}\nin\n{text}"
            );
        };
        shown_as("Wh", (2, 3), before.hidden_weights().to_string());
        shown_as("Wz", (3, 1), before.output_weights().to_string());
        shown_as("E = Y - Z", (4, 1), step.error.to_string());
        let loss_label = "loss = np.mean(E ** 2, keepdims=True)";
        shown_as(loss_label, (1, 1), Matrix::from_rows([[loss]]).to_string());
        let (z_label, dh_label) = match variant {
            "classic" => (
                "Z = sigmoid(np.dot(H, Wz))",
                "dH = dZ.dot(Wz.T) * sigmoid_(H)",
            ),
            _ => (
                "Z = np.dot(H, Wz)",
                "dH = dZ.dot(Wz.T) * sigmoid_(H), from the updated Wz",
            ),
        };
        shown_as(
            "H = sigmoid(np.dot(X, Wh))",
            (4, 3),
            step.hidden.to_string(),
        );
        shown_as(z_label, (4, 1), step.outputs.to_string());
        shown_as(dh_label, (4, 3), step.hidden_delta.to_string());
        if variant == "improved" {
            // The updated Wz, which dH uses, comes before dH.
            let updated = "Wz += H.T.dot(dZ), the Wz that dH uses";
            shown_as(updated, (3, 1), after.output_weights().to_string());
            assert!(text.find(updated).unwrap() < text.find(dh_label).unwrap());
        }
        shown_as("H.T.dot(dZ), added to Wz", (3, 1), wz_step.to_string());
        shown_as("X.T.dot(dH), added to Wh", (2, 3), wh_step.to_string());
        shown_as(
            "Wh after the epoch",
            (2, 3),
            after.hidden_weights().to_string(),
        );
        shown_as(
            "Wz after the epoch",
            (3, 1),
            after.output_weights().to_string(),
        );
    }
    check::<Sigmoid>("classic", Training::CLASSIC, 250);
    check::<Linear>("improved", Training::IMPROVED, 250);
}

/// The trace of the classic program's last epoch from seed 1 shows the `Z` that the run prints.
#[test]
fn the_last_epoch_shows_the_z_that_the_run_prints() {
    let run = printed(&["--seed", "1"]);
    let trace = printed(&["--trace", "--seed", "1", "--epochs", "60000"]);
    assert!(
        trace.contains(&format!("Z = sigmoid(np.dot(H, Wz))  (4 x 1)\n{run}\n")),
        "{trace}"
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
            "loss = np.mean(E ** 2, keepdims=True)  (1 x 1)",
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
        "Epoch 1 on nand with a tanh hidden layer, a sigmoid output, L = 0.5 and biases that learn,"
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

/// `--trace` is one full-batch epoch on its own: epoch 0, mini-batches and other outputs are
/// refused with one line and status 2; `--epochs 1`, `--batch full` and `--format numpy`
/// change nothing; an epoch that diverges is reported, counted from the first, with status 1.
#[test]
fn trace_refuses_what_it_cannot_show() {
    for (extra, flag) in [
        (&["--epochs", "0"][..], "there is no epoch 0"),
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
    // The improved program at 50 times its rate diverges at epoch 93 from seed 1 (its weights
    // are no longer finite after that epoch's update), whether that is the epoch shown or one
    // before it, and the message says what was found.
    for epochs in ["93", "200"] {
        let output = stacknet(&[
            "--trace",
            "--seed",
            "1",
            "--variant",
            "improved",
            "--learning-rate",
            "5",
            "--epochs",
            epochs,
        ]);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{epochs}: {stderr}");
        assert!(
            stderr.contains("diverged at epoch 93: a weight or bias is no longer finite"),
            "{epochs}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{epochs}");
    }
}
