//! What a run prints: `Z` as numpy's `print(Z)`, one JSON object, or the trained network as
//! Rust source for firmware to `include!`.
//!
//! ```text
//! $ stacknet --seed 1 --format json
//! {"task": "xor", "variant": "classic", "epochs": 60000, "hidden": 3, "seed": 1, ...
//! ```
//!
//! Every weight in JSON and Rust is in shortest round-trip form for the run's dtype, so it reads
//! back to the same bits: an `f32` run's `0.1f32` is written `0.1`, and its Rust is an `f32`
//! network.

use std::fmt::Write as _;

use stacknet::{Batch, Float};

use super::dtype::Dtype;
use super::run::Run;
use super::sizes::matrix;
use super::task::{Variant, SINE_CHECK_POINTS, SINE_TRAINING_POINTS};
use super::trained::Trained;

/// What `--format` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Numpy,
    Json,
    Rust,
}

/// `Z` as numpy's `print(Z)` prints a matrix of the run's dtype; for sine, followed by the
/// largest error.
pub fn numpy(trained: &Trained) -> String {
    let mut text = String::new();
    let _ = match trained.model.dtype {
        Dtype::F32 => write_numpy_column::<f32>(&mut text, &trained.outputs),
        Dtype::F64 => write_numpy_column::<f64>(&mut text, &trained.outputs),
    };
    text.push('\n');
    if let Some(error) = trained.largest_sine_error {
        let _ = writeln!(
            text,
            "largest |output - sin t| over {SINE_CHECK_POINTS} points of [0, 2 pi]: {error:.6}"
        );
    }
    text
}

/// Writes a column of numbers in numpy's print format for `T`, through the library's
/// `Display`, at the task's number of rows: 4, 8 or the sine grid's.
fn write_numpy_column<T: Float>(text: &mut String, column: &[f64]) -> std::fmt::Result {
    match column.len() {
        4 => write!(text, "{}", matrix::<4, 1, T>(column)),
        8 => write!(text, "{}", matrix::<8, 1, T>(column)),
        _ => write!(text, "{}", matrix::<SINE_TRAINING_POINTS, 1, T>(column)),
    }
}

/// The run as one JSON object.
pub fn json(run: &Run, trained: &Trained) -> String {
    let model = &trained.model;
    let dtype = model.dtype;
    let seed = model
        .seed
        .map_or("null".to_string(), |seed| seed.to_string());
    let batch = match run.training.batch {
        Batch::Full => "\"full\"".to_string(),
        Batch::Mini { rows, .. } => rows.to_string(),
    };
    let variant = Variant::of(
        model.hidden_activation,
        model.output_activation,
        model.training,
    )
    .map_or("custom", Variant::name);
    let mut json = format!(
        "{{\"task\": \"{}\", \"variant\": \"{variant}\", \"epochs\": {}, \"hidden\": {}, \"seed\": {seed}, \
         \"hidden_activation\": \"{}\", \"output_activation\": \"{}\", \"learning_rate\": {}, \
         \"biases\": {}, \"batch\": {batch}, \"dtype\": \"{}\", \"Z\": {}, \"Wh\": {}, \"bh\": {}, \"Wz\": {}, \"bz\": {}",
        run.task.name(),
        run.epochs,
        run.hidden,
        model.hidden_activation.name(),
        model.output_activation.name(),
        json_number(model.training.learning_rate, Dtype::F64),
        model.training.train_biases,
        dtype.name(),
        json_matrix(&trained.outputs, 1, dtype),
        json_matrix(&model.hidden_weights, run.hidden, dtype),
        json_matrix(&model.hidden_biases, run.hidden, dtype),
        json_matrix(&model.output_weights, 1, dtype),
        json_matrix(&model.output_biases, 1, dtype),
    );
    if let Some(learnt) = trained.learnt {
        let _ = write!(json, ", \"learnt\": {learnt}");
    }
    if let Some(error) = trained.largest_sine_error {
        let error = json_number(error, Dtype::F64);
        let _ = write!(json, ", \"largest_sine_error\": {error}");
    }
    json.push_str("}\n");
    json
}

/// A number of `dtype` in JSON; `null` for what JSON cannot hold (NaN, infinity).
fn json_number(number: f64, dtype: Dtype) -> String {
    if number.is_finite() {
        dtype.shortest(number)
    } else {
        "null".to_string()
    }
}

/// `[[a, b], [c, d]]` for row-major `elements` of `columns` columns, numbers of `dtype`.
fn json_matrix(elements: &[f64], columns: usize, dtype: Dtype) -> String {
    let rows: Vec<String> = elements
        .chunks(columns)
        .map(|row| {
            let numbers: Vec<String> = row.iter().map(|&n| json_number(n, dtype)).collect();
            format!("[{}]", numbers.join(", "))
        })
        .collect();
    format!("[{}]", rows.join(", "))
}

/// The trained network as Rust source: one `const` whose type names its sizes, its activations
/// and, for an `f32` run, its number type, built with `Network::from_weights` (and `with_biases` when the biases learnt or
/// are not zero), one row of a matrix a line. That is everything `predict` needs.
pub fn rust(run: &Run, trained: &Trained) -> String {
    let model = &trained.model;
    let dtype = model.dtype;
    let (inputs, hidden) = (run.task.inputs(), run.hidden);
    // f64 is the type's default, which the article's networks leave unsaid.
    let number_type = match dtype {
        Dtype::F32 => ", f32",
        Dtype::F64 => "",
    };
    let (hidden_type, output_type) = (
        model.hidden_activation.type_name(),
        model.output_activation.type_name(),
    );
    let command = run
        .command
        .replace(" --format rust", "")
        .replace(" --format=rust", "");
    let mut source = format!(
        "// Generated by `{command} --format rust`.\n\
         // Every weight reads back to the trained value bit for bit.\n\
         \n\
         /// A {inputs}-{hidden}-1 network trained by stacknet for {} ({} epochs). Its type names its\n\
         /// activations{}, so it is all that `predict` needs.\n\
         pub const TRAINED_NETWORK: stacknet::Network<{inputs}, {hidden}, 1, stacknet::{hidden_type}, stacknet::{output_type}{number_type}> =\n\
         \x20   stacknet::Network::from_weights(\n{}{}    )",
        run.task.name(),
        model.epochs,
        match dtype {
            Dtype::F32 => " and its f32 numbers",
            Dtype::F64 => "",
        },
        rust_matrix(&model.hidden_weights, hidden, dtype),
        rust_matrix(&model.output_weights, 1, dtype),
    );
    let biases = model.hidden_biases.iter().chain(&model.output_biases);
    if model.training.train_biases || biases.into_iter().any(|&b| b != 0.0) {
        let _ = write!(
            source,
            "\n    .with_biases(\n{}{}    )",
            rust_matrix(&model.hidden_biases, hidden, dtype),
            rust_matrix(&model.output_biases, 1, dtype),
        );
    }
    source.push_str(";\n");
    source
}

/// `stacknet::Matrix::from_rows([...]),` for row-major `elements` of `columns` columns, one
/// row a line, as an argument of the network's constructor. The numbers are plain literals,
/// which take the network's number type from its type.
fn rust_matrix(elements: &[f64], columns: usize, dtype: Dtype) -> String {
    let rows: String = elements
        .chunks(columns)
        .map(|row| {
            let row: Vec<String> = row.iter().map(|&w| rust_float(w, dtype)).collect();
            format!("            [{}],\n", row.join(", "))
        })
        .collect();
    format!("        stacknet::Matrix::from_rows([\n{rows}        ]),\n")
}

/// A number of `dtype` as a Rust expression that evaluates to exactly it, as that type.
fn rust_float(number: f64, dtype: Dtype) -> String {
    let type_name = dtype.rust_name();
    if number.is_nan() {
        format!("{type_name}::NAN")
    } else if number.is_infinite() {
        let name = if number > 0.0 {
            "INFINITY"
        } else {
            "NEG_INFINITY"
        };
        format!("{type_name}::{name}")
    } else {
        dtype.shortest(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_round_trip() {
        let elements = [0.1, 1.0, 6.661338147750939e-15, -2.5, f64::NAN];
        let json = json_matrix(&elements, 1, Dtype::F64);
        assert_eq!(
            json,
            "[[0.1], [1.0], [6.661338147750939e-15], [-2.5], [null]]"
        );
        let singles = [0.1f32, 1.0, 1e-45, f32::INFINITY].map(f64::from);
        assert_eq!(
            json_matrix(&singles, 2, Dtype::F32),
            "[[0.1, 1.0], [1e-45, null]]"
        );
    }

    #[test]
    fn rust_floats_are_expressions_of_the_same_bits() {
        assert_eq!(rust_float(2.0, Dtype::F64), "2.0");
        assert_eq!(rust_float(-0.0, Dtype::F64), "-0.0");
        assert_eq!(
            rust_float(f64::NEG_INFINITY, Dtype::F64),
            "f64::NEG_INFINITY"
        );
        assert_eq!(rust_float(f64::from(0.1f32), Dtype::F32), "0.1");
        assert_eq!(rust_float(f64::NAN, Dtype::F32), "f32::NAN");
        assert_eq!(
            rust_matrix(&[1.0, 2.5], 2, Dtype::F64),
            "        stacknet::Matrix::from_rows([\n            [1.0, 2.5],\n        ]),\n"
        );
    }
}
