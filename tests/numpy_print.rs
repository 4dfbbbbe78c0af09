//! `Display` for `Matrix` prints what numpy's `print` prints, character for character.
//!
//! `tests/fixtures/numpy_print.txt` holds numpy's own output for the parity runs' matrices, for
//! edge cases of numpy's rules (signs, zeros, the switch to scientific notation at each of its
//! three thresholds, non-finite values, rounding at the 8th decimal, wrapped rows), and for 400
//! random matrices over magnitudes from 1e-300 to 1e300. It was written by
//! `tests/fixtures/make_numpy_print.py`.

mod common;

use stacknet::{Float, Matrix};
use std::str::FromStr;

/// The least number of cases the fixture must hold, so that a truncated file fails.
const MIN_CASES: usize = 400;

struct Case<T> {
    name: String,
    rows: usize,
    columns: usize,
    values: Vec<T>,
    expected: String,
}

/// The cases of fixture `file`, their values parsed as `T`.
fn cases<T: FromStr>(file: &str) -> Vec<Case<T>>
where
    T::Err: std::fmt::Debug,
{
    let text = std::fs::read_to_string(common::fixtures().join(file)).unwrap();
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

/// Prints `values` as a `Matrix<R, C, T>`.
fn print<const R: usize, const C: usize, T: Float>(values: &[T]) -> String {
    let mut matrix = Matrix::<R, C, T>::zeros();
    for (index, &value) in values.iter().enumerate() {
        matrix[(index / C, index % C)] = value;
    }
    matrix.to_string()
}

/// The shapes in the fixture; each is its own type.
fn print_any<T: Float>(rows: usize, columns: usize, values: &[T]) -> String {
    assert_eq!(values.len(), rows * columns);
    match (rows, columns) {
        (1, 1) => print::<1, 1, T>(values),
        (1, 8) => print::<1, 8, T>(values),
        (1, 12) => print::<1, 12, T>(values),
        (2, 1) => print::<2, 1, T>(values),
        (2, 3) => print::<2, 3, T>(values),
        (2, 4) => print::<2, 4, T>(values),
        (2, 5) => print::<2, 5, T>(values),
        (2, 6) => print::<2, 6, T>(values),
        (2, 8) => print::<2, 8, T>(values),
        (2, 16) => print::<2, 16, T>(values),
        (3, 1) => print::<3, 1, T>(values),
        (3, 2) => print::<3, 2, T>(values),
        (4, 1) => print::<4, 1, T>(values),
        (4, 4) => print::<4, 4, T>(values),
        (5, 1) => print::<5, 1, T>(values),
        (6, 1) => print::<6, 1, T>(values),
        (8, 1) => print::<8, 1, T>(values),
        (16, 1) => print::<16, 1, T>(values),
        other => panic!("no test dispatch for shape {other:?}"),
    }
}

/// Compares every case of `file` with what stacknet prints for it in precision `T`.
fn check_fixture<T: Float + FromStr>(file: &str)
where
    T::Err: std::fmt::Debug,
{
    let cases = cases::<T>(file);
    assert!(
        cases.len() >= MIN_CASES,
        "{file}: only {} cases",
        cases.len()
    );
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
        "{file}: {} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn display_matches_numpy_print() {
    check_fixture::<f64>("numpy_print.txt");
}

/// numpy's float32 arrays: float32's own shortest digits, and numpy 2.3's switch to scientific
/// notation at `1e6` for them (`tests/fixtures/numpy_print_f32.txt`, made by
/// `make_numpy_print.py --dtype float32`).
#[test]
fn display_of_f32_matches_numpy_print_of_float32() {
    check_fixture::<f32>("numpy_print_f32.txt");
}
