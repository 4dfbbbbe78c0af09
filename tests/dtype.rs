//! `--dtype f32`: a run computed in f32 from end to end, held to the library trained in f32: Z
//! printed as numpy prints float32, JSON with its dtype and every f32 in shortest form, saved
//! models that keep their dtype and round-trip byte for byte, and Rust source of an f32 network
//! that holds the trained bits. A model of one dtype is refused by a run of the other.

mod common;

use common::{scratch, stacknet};
use std::path::Path;

use common::json;
use stacknet::fastrand::Rng;
use stacknet::{truth_tables, xor, Linear, Matrix, Network, Sigmoid, Step, Tanh, Training};

mod classic_f32 {
    include!("fixtures/trained_classic_f32.rs");
}

mod sine_f32 {
    include!("fixtures/trained_sine_f32.rs");
}

fn stdout(arguments: &[&str]) -> String {
    let output = stacknet(arguments);
    assert!(
        output.status.success(),
        "{arguments:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The numbers of `key`'s matrix in the JSON text, as written.
fn json_words<'a>(json: &'a str, key: &str) -> Vec<&'a str> {
    let start = json.find(&format!("\"{key}\": [[")).unwrap() + key.len() + 4;
    let end = start + json[start..].find("]]").unwrap();
    json[start..end]
        .split(|c: char| "[], ".contains(c))
        .filter(|word| !word.is_empty())
        .collect()
}

/// Each f32 as Rust writes it shortest, which is how an f32 run writes it.
fn shortest(numbers: &[f32]) -> Vec<String> {
    numbers.iter().map(|number| format!("{number:?}")).collect()
}

fn f32_bits(words: &[&str]) -> Vec<u32> {
    words
        .iter()
        .map(|word| word.parse::<f32>().unwrap().to_bits())
        .collect()
}

/// A matrix of the f32s whose bits these are, row-major.
fn filled<const R: usize, const C: usize>(bits: Vec<u32>) -> Matrix<R, C, f32> {
    let mut matrix = Matrix::zeros();
    for (element, bits) in matrix.rows_mut().as_flattened_mut().iter_mut().zip(bits) {
        *element = f32::from_bits(bits);
    }
    matrix
}

fn bits<const R: usize, const C: usize>(matrix: &Matrix<R, C, f32>) -> Vec<u32> {
    matrix.as_slice().iter().map(|x| x.to_bits()).collect()
}

/// The command line's f32 run is the library's `Network<2, 3, 1, Sigmoid, Sigmoid, f32>`
/// trained from the same seed: Z printed as numpy prints float32, and in JSON every number the
/// shortest text of the f32, with `"dtype": "float32"`.
#[test]
fn an_f32_run_is_the_library_trained_in_f32() {
    let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, f32>::random(&mut Rng::with_seed(1));
    let (inputs, targets) = (xor::INPUTS.convert(), xor::TARGETS.convert());
    let z = network
        .train(&inputs, &targets, Training::CLASSIC, 2000)
        .unwrap();

    let arguments = ["--seed", "1", "--epochs", "2000", "--dtype", "f32"];
    let printed = stdout(&arguments);
    assert_eq!(printed, format!("{z}\n"), "numpy's print of a float32 Z");
    let in_f64 = stdout(&arguments[..4]);
    assert_ne!(printed, in_f64, "f32 has other digits than f64");
    assert_eq!(stdout(&[&arguments[..5], &["float32"]].concat()), printed);

    let text = stdout(&[&arguments[..], &["--format", "json"]].concat());
    let run = json::parse(&text).unwrap();
    assert_eq!(run.get("dtype").and_then(|d| d.as_str()), Some("float32"));
    for (key, expected) in [
        ("Z", z.as_slice()),
        ("Wh", network.hidden_weights().as_slice()),
        ("bh", network.hidden_biases().as_slice()),
        ("Wz", network.output_weights().as_slice()),
        ("bz", network.output_biases().as_slice()),
    ] {
        assert_eq!(json_words(&text, key), shortest(expected), "{key}");
    }
    let f64_json = stdout(&["--seed", "1", "--epochs", "20", "--format", "json"]);
    let f64_run = json::parse(&f64_json).unwrap();
    assert_eq!(
        f64_run.get("dtype").and_then(|d| d.as_str()),
        Some("float64")
    );
}

/// `--trace --dtype f32` shows the library's f32 epoch, every matrix printed as numpy prints
/// float32; the weights given as text are rounded to f32.
#[test]
fn an_f32_trace_shows_the_f32_epoch() {
    let weights = "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9";
    let traced = stdout(&["--trace", "--weights", weights, "--dtype", "f32"]);
    let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, f32>::from_weights(
        Matrix::from_rows([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
        Matrix::from_rows([[0.7], [0.8], [0.9]]),
    );
    let (inputs, targets) = (xor::INPUTS.convert(), xor::TARGETS.convert());
    let mut step = Step::default();
    network
        .train_watched(&inputs, &targets, Training::CLASSIC, 1, |_, shown| {
            step = *shown;
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    for (name, shown) in [
        ("H", step.hidden.to_string()),
        ("Z", step.outputs.to_string()),
        ("E", step.error.to_string()),
        ("dZ", step.output_delta.to_string()),
        ("dH", step.hidden_delta.to_string()),
        ("Wh after", network.hidden_weights().to_string()),
        ("Wz after", network.output_weights().to_string()),
    ] {
        assert!(
            traced.contains(&shown),
            "{name}:\n{shown}\nnot in\n{traced}"
        );
    }
    let in_f64 = stdout(&["--trace", "--weights", weights]);
    assert_ne!(traced, in_f64);
}

/// An f32 model says so on a `dtype` line, and saving what was loaded gives the same bytes, for
/// biases, other activations, and f32 subnormals; an f64 model's file is as before `--dtype`.
#[test]
fn f32_models_save_load_save_byte_identical() {
    let folder = scratch("dtype_save_load_save");
    for arguments in [
        &[
            "--seed", "4", "--task", "parity3", "--biases", "on", "--epochs", "3000",
        ][..],
        &[
            "--seed", "5", "--task", "sine", "--epochs", "500", "--hidden", "6",
        ][..],
        &[
            "--weights",
            "0.5 -1 2 0.25 1e-40 -0.0 ; 3 -4 1e-45",
            "--variant",
            "improved",
            "--epochs",
            "7",
        ][..],
    ] {
        let (first, second) = (folder.join("first.txt"), folder.join("second.txt"));
        let first_name = first.to_str().unwrap();
        stdout(&[arguments, &["--dtype", "f32", "--save", first_name]].concat());
        stdout(&["--load", first_name, "--save", second.to_str().unwrap()]);
        assert_eq!(text(&first), text(&second), "{arguments:?}");
        assert!(text(&first).contains("\noutputs 1\ndtype float32\n"));
        // Each weight is written as the f32 it is, in its fewest digits.
        for line in text(&first).lines().filter(|line| line.starts_with('W')) {
            for word in line.split(' ').skip(1) {
                let weight: f32 = word.parse().unwrap();
                assert_eq!(format!("{weight:?}"), word, "{arguments:?}: {line}");
            }
        }
    }
    let f64_model = folder.join("f64.txt");
    stdout(&[
        "--seed",
        "4",
        "--epochs",
        "10",
        "--save",
        f64_model.to_str().unwrap(),
    ]);
    assert!(!text(&f64_model).contains("dtype"), "{}", text(&f64_model));
}

/// An f32 model trains on in f32: half a run, saved and loaded, then the other half, is the
/// whole run bit for bit; a loaded model runs in its own dtype without being told.
#[test]
fn a_loaded_f32_model_trains_further_exactly_where_it_stopped() {
    let folder = scratch("dtype_train_further");
    let half = folder.join("half.txt");
    let half_name = half.to_str().unwrap();
    stdout(&[
        "--seed", "8", "--epochs", "3000", "--dtype", "f32", "--save", half_name,
    ]);
    let json = ["--format", "json"];
    let resumed = stdout(&[&["--load", half_name, "--epochs", "3000"][..], &json].concat());
    let whole = stdout(
        &[
            &["--seed", "8", "--epochs", "6000", "--dtype", "f32"][..],
            &json,
        ]
        .concat(),
    );
    for key in ["Z", "Wh", "Wz"] {
        assert_eq!(json_words(&resumed, key), json_words(&whole, key), "{key}");
    }
    assert!(resumed.contains("\"dtype\": \"float32\""), "{resumed}");
}

/// A model of one dtype is not run in the other: one line, status 2, saying what to do.
#[test]
fn a_model_of_the_other_dtype_is_refused() {
    let folder = scratch("dtype_mismatch");
    for (dtype, other, holds) in [("f32", "f64", "float32"), ("f64", "float32", "float64")] {
        let model = folder.join(format!("{dtype}.model"));
        let name = model.to_str().unwrap();
        stdout(&[
            "--seed", "1", "--epochs", "10", "--dtype", dtype, "--save", name,
        ]);
        let before = text(&model);
        let output = stacknet(&["--load", name, "--dtype", other, "--save", name]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!("'{name}' holds a {holds} model"))
                && stderr.contains(&format!("run it with --dtype {dtype}")),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
        assert_eq!(text(&model), before, "the model is untouched");
        // The same dtype, named either way, is no conflict.
        stdout(&["--load", name, "--dtype", dtype]);
    }
}

#[test]
fn bad_dtypes_are_refused_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--dtype", "f16"],
            "--dtype must be f32 or f64 (or numpy's float32 or float64), not 'f16'",
        ),
        (&["--dtype", "F32"], "not 'F32'"),
        (&["--dtype="], "not ''"),
        (&["--dtype"], "--dtype needs a value"),
        (
            &["--dtype", "f32", "--dtype=f64"],
            "--dtype is given more than once",
        ),
    ];
    for (arguments, expected) in cases {
        let output = stacknet(arguments);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}: {stderr}");
        assert!(stderr.contains(expected), "{arguments:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{arguments:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{arguments:?}");
    }
}

/// `--format rust` of an f32 run writes an f32 network, which compiles (it is included above)
/// and holds the trained weights bit for bit, and predicts as they do.
#[test]
fn f32_rust_source_holds_the_trained_bits() {
    fn check<const I: usize, const H: usize, const N: usize, Hidden, Output>(
        arguments: &[&str],
        fixture: &str,
        constant: &Network<I, H, 1, Hidden, Output, f32>,
        inputs: &Matrix<N, I, f32>,
    ) -> Matrix<N, 1, f32>
    where
        Hidden: stacknet::Activation,
        Output: stacknet::Activation,
    {
        let arguments = [arguments, &["--dtype", "f32"]].concat();
        let rust = stdout(&[&arguments[..], &["--format", "rust"]].concat());
        assert_eq!(
            rust, fixture,
            "{arguments:?}: the committed file is out of date"
        );
        let json = stdout(&[&arguments[..], &["--format", "json"]].concat());
        let words = |key| f32_bits(&json_words(&json, key));
        assert_eq!(bits(constant.hidden_weights()), words("Wh"), "Wh");
        assert_eq!(bits(constant.hidden_biases()), words("bh"), "bh");
        assert_eq!(bits(constant.output_weights()), words("Wz"), "Wz");
        assert_eq!(bits(constant.output_biases()), words("bz"), "bz");
        let trained: Network<I, H, 1, Hidden, Output, f32> =
            Network::from_weights(filled(words("Wh")), filled(words("Wz")))
                .with_biases(filled(words("bh")), filled(words("bz")))
                .with_activations(constant.hidden_activation(), constant.output_activation());
        assert_eq!(
            bits(&constant.predict(inputs)),
            bits(&trained.predict(inputs))
        );
        constant.predict(inputs)
    }

    let network: &Network<2, 3, 1, Sigmoid, Sigmoid, f32> = &classic_f32::TRAINED_NETWORK;
    let z = check(
        &["--seed", "1"],
        include_str!("fixtures/trained_classic_f32.rs"),
        network,
        &truth_tables::TWO_INPUTS.convert(),
    );
    assert!(
        truth_tables::all_round_correctly(&z, &truth_tables::XOR),
        "{z}"
    );
    let sine: &Network<1, 4, 1, Tanh, Linear, f32> = &sine_f32::TRAINED_NETWORK;
    assert_ne!(sine.hidden_biases(), &Matrix::zeros());
    check(
        &["--seed", "3", "--task", "sine", "--epochs", "20000"],
        include_str!("fixtures/trained_sine_f32.rs"),
        sine,
        &Matrix::from_rows([[-1.0], [0.0], [1.0]]),
    );
}
