//! `Display` for `Matrix` prints what numpy's `print` prints, character for character.
//!
//! `tests/fixtures/numpy_print.txt` holds numpy's own output for the parity runs' matrices, for
//! edge cases of numpy's rules (signs, zeros, the switch to scientific notation at each of its
//! three thresholds, non-finite values, rounding at the 8th decimal, wrapped rows), and for 400
//! random matrices over magnitudes from 1e-300 to 1e300. It was written by
//! `tests/fixtures/make_numpy_print.py`.

mod common;

use stacknet::Matrix;

/// The least number of cases the fixture must hold, so that a truncated file fails.
const MIN_CASES: usize = 400;

struct Case {
    name: String,
    rows: usize,
    columns: usize,
    values: Vec<f64>,
    expected: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(common::fixtures().join("numpy_print.txt")).unwrap();
    let mut lines = text.lines();
    let mut cases = Vec::new();
    while let Some(header) = lines.next() {
        let fields: Vec<&str> = header.split(' ').collect();
        let ["case", name, rows, columns] = fields[..] else {
            panic!("bad case header {header:?}");
        };
        let values = lines.next().unwrap().strip_prefix("values ").unwrap();
        let values = values.split(' ').map(|v| v.parse().unwrap()).collect();
        let expected: Vec<&str> = lines.by_ref().take_while(|line| *line != "end").collect();
        cases.push(Case {
            name: name.into(),
            rows: rows.parse().unwrap(),
            columns: columns.parse().unwrap(),
            values,
            expected: expected.join("\n"),
        });
    }
    cases
}

/// Prints `values` as a `Matrix<R, C>`.
fn print<const R: usize, const C: usize>(values: &[f64]) -> String {
    let mut matrix = Matrix::<R, C>::zeros();
    for (index, &value) in values.iter().enumerate() {
        matrix[(index / C, index % C)] = value;
    }
    matrix.to_string()
}

/// The shapes in the fixture; each is its own type.
fn print_any(rows: usize, columns: usize, values: &[f64]) -> String {
    assert_eq!(values.len(), rows * columns);
    match (rows, columns) {
        (1, 1) => print::<1, 1>(values),
        (1, 8) => print::<1, 8>(values),
        (1, 12) => print::<1, 12>(values),
        (2, 1) => print::<2, 1>(values),
        (2, 3) => print::<2, 3>(values),
        (2, 4) => print::<2, 4>(values),
        (2, 5) => print::<2, 5>(values),
        (2, 6) => print::<2, 6>(values),
        (2, 8) => print::<2, 8>(values),
        (2, 16) => print::<2, 16>(values),
        (3, 1) => print::<3, 1>(values),
        (3, 2) => print::<3, 2>(values),
        (4, 1) => print::<4, 1>(values),
        (4, 4) => print::<4, 4>(values),
        (5, 1) => print::<5, 1>(values),
        (6, 1) => print::<6, 1>(values),
        (8, 1) => print::<8, 1>(values),
        (16, 1) => print::<16, 1>(values),
        other => panic!("no test dispatch for shape {other:?}"),
    }
}

#[test]
fn display_matches_numpy_print() {
    let cases = cases();
    assert!(cases.len() >= MIN_CASES, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let ours = print_any(case.rows, case.columns, &case.values);
        if ours != case.expected {
            failures.push(format!(
                "{} {:?}\nnumpy:\n{}\nstacknet:\n{}",
                case.name, case.values, case.expected, ours
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
