//! `examples/own_data.rs` as its reader meets it: it learns its made-up data set to a stated
//! bound, and a bad file gets one message naming the problem and exit status 2, never a panic.

#[allow(dead_code)]
#[path = "../examples/own_data.rs"]
mod own_data;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use own_data::{COLUMNS, ROWS};

/// The loss the example must get below. Every target is 0 or 1, so a network that always
/// answered 0.5 would score 0.25, and one that had learnt only the share of 1s (half of them) no
/// better; 0.01, a root-mean-square miss of 0.1, is 25 times below that. Measured over seeds 0 to
/// 49, the example's training ends between 0.00015 and 0.00035, far inside the bound, while the
/// same training without biases learning ends between 0.009 and 0.067 with a row wrong in 49
/// seeds of 50, and 300 epochs instead of 5,000 leave 5 rows wrong.
const LOSS_BOUND: f64 = 0.01;

#[test]
fn the_example_learns_its_data_set() {
    let report = own_data::run(Path::new(own_data::DEFAULT_FILE)).unwrap();
    assert_eq!(report.rows_right(), ROWS, "not every row right:\n{report}");
    assert!(
        report.loss < LOSS_BOUND,
        "loss {} over the bound:\n{report}",
        report.loss
    );
    let printed = report.to_string();
    assert!(
        printed.contains(&format!("{ROWS} of {ROWS} rows right")),
        "{printed}"
    );
    // One line per row, each ending in its prediction as printed.
    for prediction in report.predictions.as_slice() {
        let shown = format!("{prediction:.3}\n");
        assert!(printed.contains(&shown), "{shown:?} not in\n{printed}");
    }
}

/// A CSV with a header and `rows` rows of three columns, the targets alternating 0 and 1.
fn csv(rows: usize) -> String {
    let mut text = String::from("water_ml,sun_hours,thrived\n");
    for row in 0..rows {
        text += &format!("{},{},{}\n", 100 + 10 * row, 1 + row % 7, row % 2);
    }
    text
}

/// The message `read` gives for `text`, with the scaling's check after it.
fn problem(text: &str) -> String {
    match own_data::read(text) {
        Ok(data) => match data.scaled_inputs() {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(message) => message,
        },
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_good_file_is_read_row_by_row() {
    let data = own_data::read(&csv(ROWS)).unwrap();
    assert_eq!(data.names, ["water_ml", "sun_hours", "thrived"]);
    assert_eq!(data.rows.rows()[3], [130.0, 4.0, 1.0]);
    // Blank lines, spaces around values and a missing final newline are all fine.
    let loose = csv(ROWS).replace(',', " , ").replace('\n', "\n\n");
    assert_eq!(own_data::read(loose.trim_end()).unwrap().rows, data.rows);
    // Scaled, each input column runs from 0 to 1.
    let inputs = data.scaled_inputs().unwrap();
    for column in 0..own_data::INPUTS {
        let values: Vec<f64> = inputs.rows().iter().map(|row| row[column]).collect();
        assert_eq!(values.iter().copied().fold(f64::INFINITY, f64::min), 0.0);
        assert_eq!(
            values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            1.0
        );
    }
}

#[test]
fn a_wrong_number_of_rows_is_refused_with_the_numbers() {
    for rows in [0, 1, ROWS - 1, ROWS + 1] {
        assert_eq!(
            problem(&csv(rows)),
            format!(
                "expected {ROWS} rows for a {ROWS} x {COLUMNS} matrix, found {rows} \
                 (the example's ROWS says how many data rows the file must have)"
            )
        );
    }
}

#[test]
fn each_bad_line_is_named() {
    let good = csv(ROWS);
    // Line 1 is the header, so the third data row is line 4.
    let with_line_4 = |line: &str| {
        let mut lines: Vec<&str> = good.lines().collect();
        lines[3] = line;
        lines.join("\n")
    };
    let cases = [
        (with_line_4("120,3"), "line 4: 2 values, expected 3"),
        (with_line_4("120,3,0,1"), "line 4: 4 values, expected 3"),
        (
            with_line_4("120,three,0"),
            "line 4: \"three\" is not a finite number",
        ),
        (with_line_4("120,,0"), "line 4: \"\" is not a finite number"),
        (
            with_line_4("inf,3,0"),
            "line 4: \"inf\" is not a finite number",
        ),
        (
            with_line_4("120,NaN,0"),
            "line 4: \"NaN\" is not a finite number",
        ),
        (
            with_line_4("120,3,2"),
            "line 4: the target is 2, expected 0 or 1",
        ),
        (
            with_line_4("120,3,0.5"),
            "line 4: the target is 0.5, expected 0 or 1",
        ),
        (
            good.replacen("water_ml,sun_hours,thrived", "water_ml,thrived", 1),
            "line 1: the header names 2 columns, expected 3 (the inputs, then the target)",
        ),
        (String::new(), "the file is empty"),
        ("\n \n".into(), "the file is empty"),
    ];
    for (text, expected) in cases {
        assert_eq!(problem(&text), expected, "for:\n{text}");
    }
    // A blank line still counts: the line numbers are the file's.
    let spaced = good.replacen('\n', "\n\n", 1);
    let mut lines: Vec<&str> = spaced.lines().collect();
    lines[4] = "120,x,0";
    assert_eq!(
        problem(&lines.join("\n")),
        "line 5: \"x\" is not a finite number"
    );
}

#[test]
fn a_column_without_variation_is_refused() {
    let mut text = String::from("water_ml,sun_hours,thrived\n");
    for row in 0..ROWS {
        text += &format!("{},6,{}\n", 100 + row, row % 2);
    }
    assert_eq!(
        problem(&text),
        "the column sun_hours has the same value in every row: there is nothing to learn from it"
    );
}

/// Builds the example as `cargo run --example own_data` would, and returns its executable.
fn example() -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--example", "own_data"])
        .args(["--message-format", "json", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "building the example failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let key = "\"executable\":\"";
    let line = stdout
        .lines()
        .find(|line| line.contains("\"name\":\"own_data\"") && line.contains(key))
        .unwrap_or_else(|| panic!("no executable in cargo's messages:\n{stdout}"));
    let start = line.find(key).unwrap() + key.len();
    let end = start + line[start..].find('"').unwrap();
    PathBuf::from(&line[start..end])
}

fn run_example(example: &Path, arguments: &[&Path]) -> (Output, String, String) {
    let output = Command::new(example).args(arguments).output().unwrap();
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    (output, stdout, stderr)
}

#[test]
fn the_built_example_reports_and_refuses_bad_files_with_status_2() {
    let example = example();

    let (output, stdout, stderr) = run_example(&example, &[]);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        stdout.contains(&format!("read {ROWS} rows from ")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{ROWS} of {ROWS} rows right")),
        "{stdout}"
    );

    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("own_data");
    std::fs::create_dir_all(&folder).unwrap();
    let short = folder.join("short.csv");
    std::fs::write(&short, csv(ROWS - 1)).unwrap();
    let not_a_number = folder.join("not_a_number.csv");
    std::fs::write(&not_a_number, csv(ROWS).replacen(",3,", ",three,", 1)).unwrap();
    let missing = folder.join("missing.csv");
    let _ = std::fs::remove_file(&missing);
    let cases: [(&[&Path], &str); 4] = [
        (&[&short], "expected 20 rows for a 20 x 3 matrix, found 19"),
        (&[&not_a_number], "\"three\" is not a finite number"),
        (&[&missing], "missing.csv: "),
        (&[&short, &short], "expected at most one argument"),
    ];
    for (arguments, expected) in cases {
        let (output, stdout, stderr) = run_example(&example, arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}: {stderr}");
        assert!(stdout.is_empty(), "{arguments:?}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{arguments:?}: {stderr}");
        assert!(stderr.starts_with("own_data: "), "{arguments:?}: {stderr}");
        assert!(stderr.contains(expected), "{arguments:?}: {stderr}");
    }
}
