//! The command line beyond the article: every task learnt from a fixed seed, saved models that
//! round-trip byte for byte and refuse malformed files, mini-batches, and divergence.

mod common;

use common::{scratch, stacknet, stdout_of as stdout};
use std::path::Path;

use common::json::{self, Value};

fn run_json(arguments: &[&str]) -> Value {
    let mut arguments = arguments.to_vec();
    arguments.extend(["--format", "json"]);
    json::parse(&stdout(&stacknet(&arguments))).unwrap()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The README's claim: from seed 1, with each task's defaults, every logic task is learnt.
#[test]
fn every_logic_task_is_learnt_from_seed_1() {
    for task in ["xor", "and", "or", "nand", "nor", "xnor", "parity3"] {
        let run = run_json(&["--seed", "1", "--task", task]);
        assert_eq!(
            run.get("learnt"),
            Some(&Value::Bool(true)),
            "{task}: {run:?}"
        );
        let rows = if task == "parity3" { 8 } else { 4 };
        assert_eq!(run.get("Z").unwrap().matrix().len(), rows, "{task}");
    }
}

/// The sine task reaches the largest error the README states. 200000 epochs of a 1-4-1 network
/// on 32 points: slow unoptimised, so `make test` runs it optimised.
#[test]
#[ignore = "slow unoptimised; make test runs it optimised"]
fn sine_is_learnt_to_the_stated_error() {
    // Measured from seed 1 with the defaults: 0.0009 today, 0.0025 before the biases were
    // added inside the weighted sums. A change in the last bits of the arithmetic, amplified over
    // 200000 epochs, moves it that much, so the bound is above both; it is still far below an
    // unlearnt curve (about 1).
    const STATED_LARGEST_ERROR: f64 = 0.003;
    let run = run_json(&["--seed", "1", "--task", "sine"]);
    let error = run
        .get("largest_sine_error")
        .and_then(Value::as_f64)
        .unwrap();
    assert!(error < STATED_LARGEST_ERROR, "largest error {error}");
    let untrained = run_json(&["--seed", "1", "--task", "sine", "--epochs", "1"]);
    let untrained_error = untrained
        .get("largest_sine_error")
        .and_then(Value::as_f64)
        .unwrap();
    assert!(
        untrained_error > 0.5,
        "one epoch already fits: {untrained_error}"
    );
}

#[test]
fn save_load_save_is_byte_identical() {
    let folder = scratch("save_load_save");
    for arguments in [
        &[
            "--seed", "4", "--task", "parity3", "--biases", "on", "--epochs", "3000",
        ][..],
        &[
            "--seed", "5", "--task", "sine", "--epochs", "500", "--hidden", "6",
        ][..],
        &[
            "--weights",
            "0.5 -1 2 0.25 1e-300 -0.0 ; 3 -4 5e-324",
            "--variant",
            "improved",
            "--epochs",
            "7",
        ][..],
    ] {
        let first = folder.join("first.txt");
        let second = folder.join("second.txt");
        let mut save = arguments.to_vec();
        save.extend(["--save", first.to_str().unwrap()]);
        stdout(&stacknet(&save));
        stdout(&stacknet(&[
            "--load",
            first.to_str().unwrap(),
            "--save",
            second.to_str().unwrap(),
        ]));
        assert_eq!(text(&first), text(&second), "{arguments:?}");
    }
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "temporary files left behind: {left:?}");
}

/// Training 30000 epochs, saving, loading and training 30000 more is the 60000-epoch run.
#[test]
fn a_loaded_model_trains_further_exactly_where_it_stopped() {
    let folder = scratch("train_further");
    let half = folder.join("half.txt");
    stdout(&stacknet(&[
        "--seed",
        "8",
        "--epochs",
        "30000",
        "--save",
        half.to_str().unwrap(),
    ]));
    let resumed = run_json(&["--load", half.to_str().unwrap(), "--epochs", "30000"]);
    let whole = run_json(&["--seed", "8", "--epochs", "60000"]);
    for key in ["Z", "Wh", "Wz"] {
        assert_eq!(resumed.get(key), whole.get(key), "{key}");
    }
    // With no --epochs a loaded model is only evaluated: its weights do not move.
    let evaluated = run_json(&["--load", half.to_str().unwrap()]);
    let saved = json_of_model_weights(&text(&half));
    assert_eq!(evaluated.get("Wh").unwrap().matrix().concat(), saved);
    assert_eq!(evaluated.get("epochs").and_then(Value::as_f64), Some(0.0));
}

/// The numbers on the `Wh` lines of a model file.
fn json_of_model_weights(model: &str) -> Vec<f64> {
    model
        .lines()
        .filter_map(|line| line.strip_prefix("Wh "))
        .flat_map(|numbers| numbers.split(' ').map(|n| n.parse::<f64>().unwrap()))
        .collect()
}

/// Each kind of malformed file is refused with status 2 and a message naming the line.
#[test]
fn malformed_models_are_refused_with_the_line_at_fault() {
    let folder = scratch("malformed");
    let good_path = folder.join("good.txt");
    stdout(&stacknet(&[
        "--seed",
        "1",
        "--epochs",
        "10",
        "--save",
        good_path.to_str().unwrap(),
    ]));
    let good = text(&good_path);
    let replace = |from: &str, to: &str| {
        assert!(good.contains(from), "{from:?} is not in the model");
        good.replacen(from, to, 1)
    };
    let first_lines = |count: usize| good.lines().take(count).collect::<Vec<_>>().join("\n");
    // The file with line `number` (from 1) replaced.
    let with_line = |number: usize, new: &str| {
        let mut lines: Vec<&str> = good.lines().collect();
        lines[number - 1] = new;
        lines.join("\n")
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            first_lines(16),
            "the file ends before the 'Wz' line (line 17)",
        ),
        (
            "empty",
            String::new(),
            "the file ends before the 'format' line (line 1)",
        ),
        (
            "version",
            replace("format 1", "format 2"),
            "line 2: format 2 is not one",
        ),
        (
            "wrong key",
            replace("task xor", "tsak xor"),
            "line 3: expected the 'task' line, found 'tsak'",
        ),
        (
            "unknown task",
            replace("task xor", "task xand"),
            "line 3: task must be one of xor, and, or, nand, nor, xnor, parity3, sine, not 'xand'",
        ),
        (
            "inputs",
            replace("inputs 2", "inputs 3"),
            "line 4: inputs is 3, but task xor has 2",
        ),
        (
            "hidden",
            replace("hidden 3", "hidden 9"),
            "line 5: hidden is 9",
        ),
        (
            "activation",
            replace("hidden-activation sigmoid", "hidden-activation softmax"),
            "line 7: hidden-activation must be one of",
        ),
        (
            "rate",
            replace("learning-rate 1.0", "learning-rate -1"),
            "line 9: learning-rate must be a finite number above 0, not '-1'",
        ),
        (
            "epochs",
            replace("epochs 10", "epochs 18446744073709551615"),
            "line 13: epochs is 18446744073709551615; a model records at most 1000000000000000",
        ),
        (
            "biases",
            replace("biases off", "biases maybe"),
            "line 10: biases must be on or off",
        ),
        (
            "seed",
            replace("seed 1", "seed -1"),
            "line 12: seed must be",
        ),
        (
            "short row",
            replace("\nWh ", "\nWh 1.0 "),
            "line 14: Wh has 4 numbers, but the sizes above need 3",
        ),
        (
            "not a number",
            replace("\nbh 0.0", "\nbh zero"),
            "line 16: bh has 'zero', which is not a number",
        ),
        (
            "wrong count",
            replace("\nWz ", "\nWz 1.0 "),
            "line 17: Wz has 2 numbers, but the sizes above need 1",
        ),
        (
            "infinite",
            with_line(18, "Wz inf"),
            "line 18: Wz has 'inf'; weights must be finite",
        ),
        (
            "nan",
            replace("bz 0.0", "bz NaN"),
            "line 20: bz has 'NaN'; weights must be finite",
        ),
        (
            "trailing",
            format!("{good}extra 1\n"),
            "line 21: unexpected 'extra 1' after the end of the model",
        ),
        (
            "biases off but set",
            replace("bz 0.0", "bz 0.5"),
            "the biases are off, but bh or bz is not zero",
        ),
    ];
    for (name, contents, expected) in cases {
        let path = folder.join(format!("{}.txt", name.replace(' ', "-")));
        std::fs::write(&path, contents).unwrap();
        let output = stacknet(&["--load", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: {stderr:?} does not say {expected:?}"
        );
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(output.stdout.is_empty(), "{name}");
    }
    std::fs::write(folder.join("binary.txt"), [0xff, 0xfe, 0x00]).unwrap();
    let output = stacknet(&["--load", folder.join("binary.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let output = stacknet(&["--load", folder.join("missing.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read model"));
}

/// A failed run never touches the file it would have saved to.
#[test]
fn saving_never_destroys_the_previous_file() {
    let folder = scratch("atomic");
    let path = folder.join("model.txt");
    std::fs::write(&path, "the previous model\n").unwrap();
    // Training that diverges saves nothing.
    let output = stacknet(&[
        "--seed",
        "1",
        "--variant",
        "improved",
        "--learning-rate",
        "50",
        "--save",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "divergence is status 1");
    assert_eq!(text(&path), "the previous model\n");
    // A save that is written in full and then cannot be renamed into place (a folder has the
    // name) leaves the folder as it was and removes what it wrote.
    let taken = folder.join("taken");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("inside.txt"), "kept\n").unwrap();
    let output = stacknet(&[
        "--seed",
        "1",
        "--epochs",
        "5",
        "--save",
        taken.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot save model to"), "{stderr}");
    assert_eq!(text(&taken.join("inside.txt")), "kept\n");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["model.txt", "taken"], "no temporary file is left");
    // A successful save replaces the file whole.
    stdout(&stacknet(&[
        "--seed",
        "1",
        "--epochs",
        "5",
        "--save",
        path.to_str().unwrap(),
    ]));
    assert!(text(&path).starts_with("# stacknet model\n"));
}

/// A model near the most epochs a model records can still be evaluated, but not trained past
/// it: that is refused as bad input, and the file is kept.
#[test]
fn a_model_is_not_trained_past_the_epochs_it_can_record() {
    let folder = scratch("epochs_bound");
    let path = folder.join("old.model");
    let name = path.to_str().unwrap();
    stdout(&stacknet(&[
        "--seed", "1", "--epochs", "10", "--save", name,
    ]));
    let most = "1000000000000000";
    let near = text(&path).replace("epochs 10\n", "epochs 999999999999995\n");
    std::fs::write(&path, &near).unwrap();
    stdout(&stacknet(&["--load", name]));
    let output = stacknet(&["--load", name, "--epochs", "6", "--save", name]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("would pass the {most}")),
        "{stderr}"
    );
    assert_eq!(text(&path), near, "kept");
    stdout(&stacknet(&[
        "--load", name, "--epochs", "5", "--save", name,
    ]));
    assert!(text(&path).contains(&format!("\nepochs {most}\n")));
    stdout(&stacknet(&["--load", name]));
}

#[test]
fn divergence_reports_the_epoch_instead_of_printing_nan() {
    let output = stacknet(&[
        "--seed",
        "1",
        "--variant",
        "improved",
        "--learning-rate",
        "5",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("training diverged at epoch "), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "printed {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn mini_batches_repeat_from_their_seed_and_differ_from_full_batches() {
    let arguments = [
        "--seed",
        "6",
        "--epochs",
        "2000",
        "--batch",
        "1",
        "--learning-rate",
        "0.5",
    ];
    let first = run_json(&arguments);
    assert_eq!(first, run_json(&arguments), "same seed, same shuffles");
    let full = run_json(&["--seed", "6", "--epochs", "2000", "--learning-rate", "0.5"]);
    assert_ne!(first.get("Wh"), full.get("Wh"));
    assert_eq!(first.get("batch").and_then(Value::as_f64), Some(1.0));
}

#[test]
fn bad_values_for_the_new_options_get_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--task", "xand"],
            "--task must be one of xor, and, or, nand, nor, xnor, parity3, sine, not 'xand'",
        ),
        (
            &["--hidden-activation", "soft"],
            "--hidden-activation must be one of sigmoid, tanh, relu, leaky-relu, linear",
        ),
        (
            &["--output-activation", ""],
            "--output-activation must be one of",
        ),
        (
            &["--learning-rate", "0"],
            "--learning-rate must be a finite number above 0, not '0'",
        ),
        (&["--learning-rate", "inf"], "not 'inf'"),
        (
            &["--biases", "yes"],
            "--biases must be on or off, not 'yes'",
        ),
        (
            &["--batch", "0"],
            "--batch must be full or a whole number of rows from 1, not '0'",
        ),
        (
            &["--batch", "5"],
            "--batch 5 is more than the 4 rows of task xor",
        ),
        (
            &["--task", "parity3", "--weights", "1 2 3 4 5 6 ; 1 2 3"],
            "WH has 6 numbers, but a hidden size of 3 needs 9 (3 x hidden)",
        ),
        (&["--save", ""], "--save needs a file name"),
        (
            &["--load", "x.txt", "--task", "and"],
            "--task comes from the model file; it cannot go with --load",
        ),
        (
            &["--load", "x.txt", "--seed", "1"],
            "--seed comes from the model file",
        ),
    ];
    for (arguments, expected) in cases {
        let output = stacknet(arguments);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{arguments:?}: {stderr:?} does not say {expected:?}"
        );
        assert_eq!(stderr.lines().count(), 1, "{arguments:?}: {stderr}");
    }
}

/// Each task prints its Z in numpy's format, with as many rows as the task has.
#[test]
fn numpy_output_has_a_row_per_training_row() {
    for (task, rows) in [("and", 4), ("parity3", 8)] {
        let printed = stdout(&stacknet(&[
            "--seed", "2", "--epochs", "10", "--task", task,
        ]));
        assert_eq!(printed.lines().count(), rows, "{task}: {printed}");
    }
    let printed = stdout(&stacknet(&[
        "--seed", "2", "--epochs", "10", "--task", "sine",
    ]));
    assert_eq!(
        printed.lines().count(),
        33,
        "32 rows and the error line: {printed}"
    );
    assert!(printed
        .lines()
        .last()
        .unwrap()
        .starts_with("largest |output - sin t| over 1001 points"));
}
