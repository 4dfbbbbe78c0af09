//! The article's programs as `examples/classic.rs` and `examples/improved.rs` write them, line
//! for line:
//!
//! - give the library's training to the bit, so that a learner who reads an example reads
//!   exactly what `Network::train` computes;
//! - are what the walkthrough shows, character for character, from the line after the file's
//!   `//!` header to its end, so that the page and the file cannot drift apart;
//! - print what the README and the walkthrough show under `$ cargo run --release --example ...`.
//!
//! `examples/scratch.rs`, the copy a learner edits, is deliberately in none of these tests.

#[allow(dead_code)]
#[path = "../examples/classic.rs"]
mod classic;

#[allow(dead_code)]
#[path = "../examples/improved.rs"]
mod improved;

mod common;

use std::fs;
use std::path::Path;

use common::shown_under;
use stacknet::{fastrand::Rng, xor, Linear, Matrix, Network, Sigmoid, Training};

/// Starts from several seeds; enough epochs for the weights to move far from where they began.
const SEEDS: std::ops::Range<u64> = 0..5;
const EPOCHS: u32 = 2_000;

#[test]
fn the_classic_example_is_the_library_to_the_bit() {
    for seed in SEEDS {
        let mut network = Network::<2, 3, 1>::random(&mut Rng::with_seed(seed));
        let (wh, wz) = (*network.hidden_weights(), *network.output_weights());
        let z = network
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, EPOCHS)
            .unwrap();
        let (example_z, example_wh, example_wz) = classic::learn(wh, wz, EPOCHS);
        assert_eq!(example_z, z, "seed {seed}: Z");
        assert_eq!(&example_wh, network.hidden_weights(), "seed {seed}: Wh");
        assert_eq!(&example_wz, network.output_weights(), "seed {seed}: Wz");
    }
}

#[test]
fn the_improved_example_is_the_library_to_the_bit() {
    assert_eq!(improved::LEARNING_RATE, Training::IMPROVED.learning_rate);
    for seed in SEEDS {
        let mut network = Network::<2, 3, 1, Sigmoid, Linear>::random(&mut Rng::with_seed(seed));
        let (wh, wz) = (*network.hidden_weights(), *network.output_weights());
        let training = Training::IMPROVED;
        let z = network
            .train(&xor::INPUTS, &xor::TARGETS, training, EPOCHS)
            .unwrap();
        let (example_z, example_wh, example_wz) =
            improved::learn(wh, wz, training.learning_rate, EPOCHS);
        assert_eq!(example_z, z, "seed {seed}: Z");
        assert_eq!(&example_wh, network.hidden_weights(), "seed {seed}: Wh");
        assert_eq!(&example_wz, network.output_weights(), "seed {seed}: Wz");
    }
}

/// A file of the repository, by its path from the root.
fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The program an example holds: its lines after the `//!` header and the blank lines that
/// follow it.
fn program(example: &str) -> Vec<String> {
    read(example)
        .lines()
        .skip_while(|line| line.starts_with("//!") || line.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The lines of each ```` ```rust ```` block of a Markdown page.
fn rust_blocks(page: &str) -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    let mut block: Option<Vec<String>> = None;
    for line in page.lines() {
        match &mut block {
            None if line.trim() == "```rust" => block = Some(Vec::new()),
            None => {}
            Some(_) if line.trim() == "```" => blocks.extend(block.take()),
            Some(lines) => lines.push(line.to_string()),
        }
    }
    blocks
}

#[test]
fn the_walkthrough_shows_the_examples_verbatim() {
    let page = read("src/walkthrough.md");
    let blocks = rust_blocks(&page);
    for example in ["examples/classic.rs", "examples/improved.rs"] {
        let program = program(example);
        assert!(
            program
                .iter()
                .any(|line| line.contains("for _ in 0..epochs")),
            "{example}: no loop found after its header"
        );
        assert!(
            blocks.contains(&program),
            "src/walkthrough.md has no ```rust block equal to {example} after its //! header; \
             copy the file's program into the page (or the page's into the file):\n{}",
            program.join("\n")
        );
    }
}

/// The starting weights each example's `main` draws: `Wh` then `Wz`, row by row, uniform in
/// [0, 1) from fastrand's `f64` with the example's seed.
fn drawn(seed: u64) -> (Matrix<2, 3>, Matrix<3, 1>) {
    let mut rng = Rng::with_seed(seed);
    let wh = Matrix::zeros().map(|_| rng.f64());
    let wz = Matrix::zeros().map(|_| rng.f64());
    (wh, wz)
}

#[test]
fn the_pages_show_what_the_examples_print() {
    let (wh, wz) = drawn(classic::SEED);
    let classic_z = classic::learn(wh, wz, classic::EPOCHS).0;
    let (wh, wz) = drawn(improved::SEED);
    let improved_z = improved::learn(wh, wz, improved::LEARNING_RATE, improved::EPOCHS).0;
    let printed = [
        (
            "cargo run --release --example classic",
            format!("{classic_z}\n"),
        ),
        (
            "cargo run --release --example improved",
            format!("{improved_z}\n"),
        ),
    ];
    for page in ["README.md", "src/walkthrough.md"] {
        let text = read(page);
        for (command, output) in &printed {
            let shown = shown_under(&text, command)
                .unwrap_or_else(|| panic!("{page} does not show `$ {command}`"));
            assert_eq!(&shown, output, "{page}: `$ {command}`");
        }
    }
}

#[test]
fn shown_output_ends_at_the_next_command_or_the_block() {
    let page =
        "```text\n$ cargo run --example a\n[[1.]]\n$ cargo run --example b\n[[2.]\n [3.]]\n```\n";
    assert_eq!(
        shown_under(page, "cargo run --example a").as_deref(),
        Some("[[1.]]\n")
    );
    assert_eq!(
        shown_under(page, "cargo run --example b").as_deref(),
        Some("[[2.]\n [3.]]\n")
    );
    assert_eq!(shown_under(page, "cargo run --example c"), None);
}
