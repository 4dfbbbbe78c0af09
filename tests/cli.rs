//! The command line as a user meets it: help, the seed on stderr, and bad input refused with one
//! clear line and exit status 2, never a panic.

mod common;

use common::stacknet;
use std::process::Command;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The help is printed and the run succeeds; that it names exactly the options the parser
/// reads is checked beside the parser (src/cli/usage.rs).
#[test]
fn help_prints_the_options() {
    for flag in ["--help", "-h"] {
        let output = stacknet(&[flag]);
        assert!(output.status.success());
        let help = text(&output.stdout);
        for option in [
            "--variant",
            "--epochs",
            "--seed",
            "--hidden",
            "--weights",
            "--format",
            "--trace",
        ] {
            assert!(help.contains(option), "help does not mention {option}");
        }
    }
}

#[test]
fn a_random_run_prints_its_seed_and_repeats_from_it() {
    let first = stacknet(&["--epochs", "500"]);
    assert!(first.status.success());
    let stderr = text(&first.stderr);
    let seed = stderr
        .split_whitespace()
        .skip_while(|word| *word != "--seed")
        .nth(1)
        .and_then(|word| word.trim_end_matches(')').parse::<u64>().ok())
        .unwrap_or_else(|| panic!("no seed in {stderr:?}"));
    let again = stacknet(&["--epochs", "500", "--seed", &seed.to_string()]);
    assert_eq!(
        again.stdout, first.stdout,
        "seed {seed} did not repeat the run"
    );
}

#[test]
fn numpy_output_has_four_rows() {
    let output = stacknet(&["--seed", "1", "--epochs", "100", "--hidden", "7"]);
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(
        stdout.starts_with("[[") && stdout.ends_with("]]\n"),
        "{stdout}"
    );
}

#[test]
fn json_output_is_one_object_with_the_shapes_of_the_matrices() {
    let output = stacknet(&[
        "--seed", "9", "--hidden", "5", "--format", "json", "--epochs", "10",
    ]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 1);
    let run = common::json::parse(&stdout).unwrap();
    assert_eq!(run.get("seed").and_then(|s| s.as_f64()), Some(9.0));
    assert_eq!(run.get("variant").and_then(|s| s.as_str()), Some("classic"));
    let shape = |key: &str| {
        let rows = run.get(key).unwrap().matrix();
        (rows.len(), rows[0].len())
    };
    assert_eq!(
        [shape("Z"), shape("Wh"), shape("Wz")],
        [(4, 1), (2, 5), (5, 1)]
    );
}

#[test]
fn every_hidden_size_from_1_to_8_runs() {
    for hidden in 1..=8 {
        let output = stacknet(&[
            "--seed",
            "2",
            "--epochs",
            "5",
            "--hidden",
            &hidden.to_string(),
        ]);
        assert!(
            output.status.success(),
            "hidden {hidden}: {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn bad_input_gets_one_line_and_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["--bogus"], "unknown option '--bogus'"),
        (&["extra"], "unknown option 'extra'"),
        (
            &["experiment", "hidden"],
            "the experiments are a program of their own: cargo run --release --example experiments",
        ),
        (&["--epochs"], "--epochs needs a value"),
        (
            &["--epochs", "0"],
            "--epochs must be a whole number from 1 to 1000000000, not '0'",
        ),
        (&["--epochs", "-1"], "not '-1'"),
        (&["--epochs", "2.5"], "not '2.5'"),
        (&["--epochs", "99999999999999999999999"], "--epochs must be"),
        (&["--seed", "-4"], "--seed must be a whole number"),
        (&["--seed", "18446744073709551616"], "--seed must be"),
        (
            &["--hidden", "0"],
            "--hidden must be a whole number from 1 to 8, not '0'",
        ),
        (&["--hidden", "9"], "not '9'"),
        (
            &["--variant", "fancy"],
            "--variant must be classic or improved, not 'fancy'",
        ),
        (
            &["--format", "xml"],
            "--format must be numpy, json or rust, not 'xml'",
        ),
        (
            &["--weights", "1 2 3 4 5 6 ; 7 8"],
            "WZ has 2 numbers, but a hidden size of 3 needs 3",
        ),
        (
            &["--weights", "1 2 3 4 5 ; 7 8 9"],
            "WH has 5 numbers, but a hidden size of 3 needs 6",
        ),
        (
            &["--hidden", "1", "--weights", "1 2 ; 3 4"],
            "WZ has 2 numbers, but a hidden size of 1 needs 1",
        ),
        (
            &["--weights", "1 2 3 4 5 inf ; 7 8 9"],
            "'inf'; weights must be finite",
        ),
        (
            &["--weights", "1 2 3 4 5 NaN ; 7 8 9"],
            "'NaN'; weights must be finite",
        ),
        (
            &["--weights", "1 2 3 4 5 x ; 7 8 9"],
            "'x', which is not a number",
        ),
        (&["--weights", "1 2 3 4 5 6 7 8 9"], "separated by ';'"),
        (
            &["--weights", "1 2 3 4 5 6 ; 7 8 9", "--seed", "1"],
            "give one",
        ),
        (
            &["--hidden", "3", "--hidden", "4"],
            "--hidden is given more than once",
        ),
    ];
    for (arguments, expected) in cases {
        let output = stacknet(arguments);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "{arguments:?}: not one line: {stderr}"
        );
        assert!(
            stderr.contains(expected),
            "{arguments:?}: {stderr:?} does not say {expected:?}"
        );
        assert!(!stderr.contains("panicked"), "{arguments:?}: {stderr}");
        assert!(
            output.stdout.is_empty(),
            "{arguments:?}: printed {:?}",
            text(&output.stdout)
        );
    }
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .arg(std::ffi::OsStr::from_bytes(b"--seed=\xff"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("not valid UTF-8"));
}

/// `--every N` prints one line per N epochs: the epoch, the loss, and Z, the last line being
/// the Z that the run prints at the end; piped, it carries no progress escapes.
#[test]
fn every_prints_the_lines_it_promises() {
    let output = stacknet(&["--seed", "3", "--epochs", "1000", "--every", "250"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4 + 4, "four progress lines and Z: {stdout}");
    for (index, line) in lines[..4].iter().enumerate() {
        let words: Vec<&str> = line.split(' ').collect();
        assert_eq!(
            words[..2],
            ["epoch", &(250 * (index + 1)).to_string()[..]],
            "{line}"
        );
        assert_eq!(words[2], "loss");
        let loss: f64 = words[3].parse().unwrap();
        let z: Vec<f64> = words[5..].iter().map(|w| w.parse().unwrap()).collect();
        assert_eq!(words[4], "Z");
        assert_eq!(z.len(), 4, "{line}");
        let targets = [0.0, 1.0, 1.0, 0.0];
        let mse = z
            .iter()
            .zip(targets)
            .map(|(z, y)| (z - y) * (z - y))
            .sum::<f64>()
            / 4.0;
        // Z is printed to 8 decimals: the loss recomputed from it agrees to about 1e-8.
        assert!(
            (loss - mse).abs() < 1e-7,
            "{line}: loss {loss}, from Z {mse}"
        );
    }
    let final_z: Vec<f64> = lines[4..]
        .iter()
        .map(|line| {
            line.trim_matches(|c| c == '[' || c == ']' || c == ' ')
                .parse()
                .unwrap()
        })
        .collect();
    let last: Vec<f64> = lines[3]
        .split(' ')
        .skip(5)
        .map(|w| w.parse().unwrap())
        .collect();
    for (a, b) in final_z.iter().zip(&last) {
        assert!(
            (a - b).abs() < 1e-8,
            "last line {last:?} against the final Z {final_z:?}"
        );
    }
    assert!(
        !text(&output.stderr).contains('\r'),
        "progress escapes in a pipe"
    );
    let refused = stacknet(&["--every", "0"]);
    assert_eq!(refused.status.code(), Some(2));
    let refused = stacknet(&["--every", "5", "--format", "json"]);
    assert_eq!(refused.status.code(), Some(2));
}

/// The one line a run that failed says, after checking that it is one line.
fn one_line_of(output: &std::process::Output) -> String {
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    stderr
}

/// A run writes its output, then its picture, then its model: a step that fails says so in
/// one line and leaves the saved model as it was, whatever failed.
#[test]
fn a_failed_step_leaves_the_saved_model_as_it_was() {
    let folder = common::scratch("failed-step");
    let model = folder.join("kept.model");
    std::fs::write(&model, "the previous model\n").unwrap();
    let run = [
        "--seed",
        "1",
        "--epochs",
        "2",
        "--save",
        model.to_str().unwrap(),
    ];
    // The picture cannot be written: its folder does not exist.
    let missing = folder.join("no-such-folder/run.svg");
    let output = stacknet(&[&run[..], &["--svg", missing.to_str().unwrap()]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_of(&output).contains("cannot write the picture to"));
    // The output cannot be written: a full disk.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(run)
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(one_line_of(&output).contains("cannot write the output"));
    assert_eq!(
        std::fs::read_to_string(&model).unwrap(),
        "the previous model\n"
    );
    // One file named for both would end with the picture where the model was saved.
    let output = stacknet(&[&run[..], &["--svg", model.to_str().unwrap()]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_of(&output).contains("--save and --svg both name"));
    assert_eq!(
        std::fs::read_to_string(&model).unwrap(),
        "the previous model\n"
    );
}

/// A loaded model that is only evaluated, whose finite weights make outputs too large for a
/// number, is a failed run: nothing printed, status 1, one line.
#[test]
fn a_model_whose_outputs_overflow_is_not_printed() {
    let folder = common::scratch("overflow");
    let model = folder.join("large.model");
    let text_of_model = "# stacknet model\nformat 1\ntask xor\ninputs 2\nhidden 1\noutputs 1\n\
        hidden-activation linear\noutput-activation linear\nlearning-rate 1.0\nbiases off\n\
        hidden-delta from-old-output-weights\nseed none\nepochs 0\n\
        Wh 1e200\nWh 1e200\nbh 0.0\nWz 1e200\nbz 0.0\n";
    std::fs::write(&model, text_of_model).unwrap();
    for format in ["numpy", "json", "rust"] {
        let output = stacknet(&["--load", model.to_str().unwrap(), "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(output.stdout.is_empty(), "{format}");
        assert!(one_line_of(&output).contains("are not all finite numbers"));
    }
    // A byte-order mark before the same file, as some editors write, is read past.
    std::fs::write(&model, format!("\u{feff}{text_of_model}")).unwrap();
    let output = stacknet(&["--load", model.to_str().unwrap()]);
    assert!(one_line_of(&output).contains("are not all finite numbers"));
}

/// A file far larger than any model is refused without being read whole.
#[test]
fn a_model_file_larger_than_any_model_is_refused() {
    let folder = common::scratch("large-file");
    let model = folder.join("huge.model");
    std::fs::write(&model, vec![b'#'; (1 << 20) + 1]).unwrap();
    let output = stacknet(&["--load", model.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_of(&output).contains("is larger than 1048576 bytes"));
}

/// Messages stay one line whatever the values they quote hold, and a stderr that cannot be
/// written to loses the message, not the exit status.
#[test]
fn messages_stay_one_line_and_an_unwritable_stderr_is_survived() {
    for arguments in [
        ["--hidden", "3\n2"],
        ["--task", "xor\nstacknet: saved the model"],
        ["--task", "\u{1b}[31mred"],
        ["--plot=1", "--seed"],
        ["--trace=", "--seed"],
    ] {
        let output = stacknet(&arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let line = one_line_of(&output);
        assert!(!line.contains('\u{1b}'), "{line:?}");
        if arguments[0].contains('=') {
            assert!(line.contains("takes no value"), "{line:?}");
        }
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args(["--seed", "x"])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "not an abort");
}

/// A mark of writing direction in the command (a file name may hold one) is written as an
/// escape in `--format rust`'s comment, which Rust would otherwise refuse to compile.
#[test]
fn the_rust_comment_escapes_marks_of_writing_direction() {
    let folder = common::scratch("direction");
    let model = folder.join("\u{202e}x.model");
    let output = stacknet(&[
        "--seed",
        "1",
        "--epochs",
        "2",
        "--format",
        "rust",
        "--save",
        model.to_str().unwrap(),
    ]);
    let source = common::stdout_of(&output);
    let first = source.lines().next().unwrap();
    assert!(!source.contains('\u{202e}'), "{first}");
    assert!(first.contains(r"\u202e"), "{first}");
}
