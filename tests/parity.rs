//! Parity with the article's numpy program: started from the same weights, stacknet ends with
//! the same `Z` and the same weights, and the command line prints what numpy prints.
//!
//! The fixtures in `tests/fixtures/parity/` were made by the reference program
//! (`tests/fixtures/make_fixtures.sh` has the exact commands): both variants, their full epoch
//! counts, hidden sizes 1 to 16 (the command line offers 1 to 8), starting weights of both signs.

mod common;

use common::json::{self, Value};
use stacknet::{xor, Activation, Linear, Matrix, Network, Sigmoid, Training};
use std::process::Command;

/// How far stacknet may be from numpy. NOTES.md measured two correct implementations with
/// different orders of addition (numpy's BLAS against plain loops) at up to 2e-15 apart in Z and
/// 5e-14 in the weights after the full runs; stacknet's largest difference over these fixtures,
/// printed by `library_matches_numpy`, was 2.3e-14. 1e-12 leaves a margin of about forty, and is
/// far tighter than any real error in the method (a wrong sign or order of updates moves values
/// by 1e-3 or more). The issue asks for 1e-9; this is stricter.
const TOLERANCE: f64 = 1e-12;

/// The least number of fixtures there must be, so that a lost folder fails rather than passes.
const MIN_CASES: usize = 8;

/// The largest hidden layer the command line offers (`--hidden 1` to 8, `src/cli/sizes.rs`):
/// larger fixtures are the library's alone.
const COMMAND_LINE_MAX_HIDDEN: usize = 8;

/// The least number of fixtures the command line can run.
const MIN_COMMAND_LINE_CASES: usize = 7;

struct Case {
    name: String,
    run: Value,
    /// numpy's `print(Z)` for the same run.
    printed: String,
}

fn cases() -> Vec<Case> {
    let folder = common::fixtures().join("parity");
    let mut cases: Vec<Case> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| Case {
            name: path.file_stem().unwrap().to_string_lossy().into(),
            run: json::parse(&std::fs::read_to_string(&path).unwrap()).unwrap(),
            printed: std::fs::read_to_string(path.with_extension("txt")).unwrap(),
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        cases.len() >= MIN_CASES,
        "only {} parity fixtures",
        cases.len()
    );
    cases
}

/// The fixtures whose hidden layer the command line offers; at least
/// [`MIN_COMMAND_LINE_CASES`] of them.
fn command_line_cases() -> Vec<Case> {
    let cases: Vec<Case> = cases()
        .into_iter()
        .filter(|case| number(&case.run, "hidden") <= COMMAND_LINE_MAX_HIDDEN)
        .collect();
    assert!(
        cases.len() >= MIN_COMMAND_LINE_CASES,
        "only {} fixtures the command line can run",
        cases.len()
    );
    cases
}

/// Whether the fixture runs the article's classic program; otherwise its improved one.
fn is_classic(run: &Value) -> bool {
    match run.get("variant").and_then(Value::as_str) {
        Some("classic") => true,
        Some("improved") => false,
        other => panic!("unknown variant {other:?}"),
    }
}

fn number(run: &Value, key: &str) -> usize {
    run.get(key).and_then(Value::as_f64).unwrap() as usize
}

/// What stacknet computes for a fixture: Z, Wh, Wz as rows.
type Outcome = [Vec<Vec<f64>>; 3];

fn train<const H: usize>(run: &Value) -> Outcome {
    let wh0 = run.get("Wh0").unwrap().matrix();
    let wz0 = run.get("Wz0").unwrap().matrix();
    let mut hidden_weights = Matrix::<2, H>::zeros();
    let mut output_weights = Matrix::<H, 1>::zeros();
    for i in 0..2 {
        for j in 0..H {
            hidden_weights[(i, j)] = wh0[i][j];
        }
    }
    for j in 0..H {
        output_weights[(j, 0)] = wz0[j][0];
    }
    let epochs = number(run, "epochs") as u32;
    if is_classic(run) {
        let network: Network<2, H, 1> = Network::from_weights(hidden_weights, output_weights);
        trained(network, Training::CLASSIC, epochs)
    } else {
        let network: Network<2, H, 1, Sigmoid, Linear> =
            Network::from_weights(hidden_weights, output_weights);
        trained(network, Training::IMPROVED, epochs)
    }
}

/// Trains `network` and returns what it computed.
fn trained<const H: usize, Hidden: Activation, Output: Activation>(
    mut network: Network<2, H, 1, Hidden, Output>,
    training: Training,
    epochs: u32,
) -> Outcome {
    let z = network
        .train(&xor::INPUTS, &xor::TARGETS, training, epochs)
        .expect("the article's programs do not diverge on these fixtures");
    let rows = |slice: &[f64], columns: usize| slice.chunks(columns).map(<[f64]>::to_vec).collect();
    [
        rows(z.as_slice(), 1),
        rows(network.hidden_weights().as_slice(), H),
        rows(network.output_weights().as_slice(), 1),
    ]
}

fn train_any(run: &Value) -> Outcome {
    let hidden = number(run, "hidden");
    stacknet::match_size!(
        hidden,
        H in [1, 3, 4, 5, 6, 8, 16] => train::<H>(run),
        _ => panic!("no fixture has hidden size {hidden}"),
    )
}

/// The largest absolute difference between two matrices of the same shape.
fn max_difference(ours: &[Vec<f64>], theirs: &[Vec<f64>]) -> f64 {
    assert_eq!(ours.len(), theirs.len(), "row counts differ");
    ours.iter()
        .zip(theirs)
        .flat_map(|(a, b)| {
            assert_eq!(a.len(), b.len(), "column counts differ");
            a.iter().zip(b).map(|(x, y)| (x - y).abs())
        })
        .fold(0.0, f64::max)
}

fn compare(name: &str, ours: &Outcome, run: &Value) -> f64 {
    let mut largest = 0.0f64;
    for (key, mine) in ["Z", "Wh", "Wz"].iter().zip(ours) {
        let difference = max_difference(mine, &run.get(key).unwrap().matrix());
        assert!(
            difference <= TOLERANCE,
            "{name}: {key} differs from numpy by {difference:e}"
        );
        largest = largest.max(difference);
    }
    largest
}

#[test]
fn library_matches_numpy() {
    let mut largest = 0.0f64;
    for case in cases() {
        let difference = compare(&case.name, &train_any(&case.run), &case.run);
        eprintln!(
            "{}: largest difference from numpy {difference:e}",
            case.name
        );
        largest = largest.max(difference);
    }
    eprintln!("largest difference over all cases: {largest:e}");
}

/// The starting weights as `--weights` text; `{:?}` writes each so that it reads back exactly.
fn weights_argument(run: &Value) -> String {
    let join = |rows: Vec<Vec<f64>>| {
        rows.iter()
            .flatten()
            .map(|w| format!("{w:?}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let wh0 = join(run.get("Wh0").unwrap().matrix());
    let wz0 = join(run.get("Wz0").unwrap().matrix());
    format!("{wh0} ; {wz0}")
}

fn run_command_line(run: &Value, format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_stacknet"))
        .args([
            "--variant",
            run.get("variant").and_then(Value::as_str).unwrap(),
        ])
        .args(["--hidden", &number(run, "hidden").to_string()])
        .args(["--weights", &weights_argument(run)])
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn command_line_json_matches_numpy() {
    for case in command_line_cases() {
        let printed = run_command_line(&case.run, "json");
        let ours =
            json::parse(&printed).unwrap_or_else(|e| panic!("{}: {e} in {printed}", case.name));
        for key in ["variant", "epochs", "hidden"] {
            assert_eq!(ours.get(key), case.run.get(key), "{}: {key}", case.name);
        }
        assert_eq!(ours.get("seed"), Some(&Value::Null), "{}: seed", case.name);
        let outcome = ["Z", "Wh", "Wz"].map(|key| ours.get(key).unwrap().matrix());
        compare(&case.name, &outcome, &case.run);
    }
}

/// The classic program's printed Z equals numpy's `print(Z)` byte for byte. (The improved
/// program converges to outputs near 1e-14, whose leading digits differ between any two correct
/// implementations, so its text is compared through the numbers instead.)
#[test]
fn command_line_prints_what_numpy_prints() {
    let mut compared = 0;
    for case in command_line_cases().iter().filter(|c| is_classic(&c.run)) {
        assert_eq!(
            run_command_line(&case.run, "numpy"),
            case.printed,
            "{}",
            case.name
        );
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} classic cases");
}
