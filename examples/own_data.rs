//! Your own data: a small CSV file read at run time into a `Matrix`, a network trained on it, and
//! how well it learnt. Run it on the made-up data set beside it, or on a file of yours:
//!
//! ```text
//! cargo run --release --example own_data
//! cargo run --release --example own_data -- path/to/yours.csv
//! ```
//!
//! `examples/own_data.csv` is made up for this example: twenty seedlings, the water each was
//! given a day (ml) and the hours of sun it had, and whether it thrived (1) or not (0). They
//! thrived with enough sun and neither too little nor too much water: a band, which no single
//! straight line separates, so the hidden layer has work to do.
//!
//! The file has a header line naming its columns, then one row per line: the inputs, and the
//! target last. The number of rows is part of the matrices' types, [`ROWS`] here, fixed when the
//! program is compiled: a file with another number is refused with a message that says so.

use std::error::Error;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stacknet::{fastrand::Rng, Diverged, Matrix, Network, Training};

/// Rows of data in the file, after its header line.
pub const ROWS: usize = 20;
/// Inputs in each row: every column but the last.
pub const INPUTS: usize = 2;
/// Columns in each row: the inputs, then the target.
pub const COLUMNS: usize = INPUTS + 1;
/// Hidden units: three boundaries to draw (too dry, too wet, too dark), and one to spare.
pub const HIDDEN: usize = 4;
/// Full-batch epochs: enough for every seedling to be on the right side of 0.5 with room to
/// spare (`tests/own_data.rs` holds the example to it).
pub const EPOCHS: u32 = 5_000;
/// The seed of the starting weights, so that a run can be repeated.
pub const SEED: u64 = 1;
/// The data set read when no file is named.
pub const DEFAULT_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/own_data.csv");

/// A data set as read from a file: its column names and its rows.
#[derive(Debug)]
pub struct DataSet {
    /// The header's names, one per column.
    pub names: [String; COLUMNS],
    /// The rows, each its inputs then its target.
    pub rows: Matrix<ROWS, COLUMNS>,
}

/// Reads a data set from the text of a CSV file: a header naming the columns, then [`ROWS`] lines
/// of [`COLUMNS`] finite numbers, each target 0 or 1. Blank lines are skipped. Whatever is wrong
/// with the text comes back as one message naming the line.
pub fn read(text: &str) -> Result<DataSet, Box<dyn Error>> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty());
    let (number, header) = lines.next().ok_or("the file is empty")?;
    let names: Vec<String> = header.split(',').map(|name| name.trim().into()).collect();
    let names = <[String; COLUMNS]>::try_from(names).map_err(|names| {
        format!(
            "line {number}: the header names {} columns, expected {COLUMNS} (the inputs, then the target)",
            names.len()
        )
    })?;
    let mut rows: Vec<[f64; COLUMNS]> = Vec::new();
    for (number, line) in lines {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let fields = <[&str; COLUMNS]>::try_from(fields).map_err(|fields| {
            format!("line {number}: {} values, expected {COLUMNS}", fields.len())
        })?;
        let mut row = [0.0; COLUMNS];
        for (value, field) in row.iter_mut().zip(fields) {
            *value = field
                .parse::<f64>()
                .ok()
                .filter(|value| value.is_finite())
                .ok_or_else(|| format!("line {number}: {field:?} is not a finite number"))?;
        }
        let target = row[INPUTS];
        if target != 0.0 && target != 1.0 {
            return Err(format!("line {number}: the target is {target}, expected 0 or 1").into());
        }
        rows.push(row);
    }
    // The matrix's shape is its type: a file with too few or too many rows stops here.
    let rows = Matrix::try_from(rows.as_slice()).map_err(|error| {
        format!("{error} (the example's ROWS says how many data rows the file must have)")
    })?;
    Ok(DataSet { names, rows })
}

impl DataSet {
    /// Returns the inputs, each column rescaled to run from 0 to 1 over the data: sigmoid units
    /// learn best from inputs of about that size, whatever units the file uses.
    pub fn scaled_inputs(&self) -> Result<Matrix<ROWS, INPUTS>, String> {
        let mut lowest = [f64::INFINITY; INPUTS];
        let mut highest = [f64::NEG_INFINITY; INPUTS];
        for row in self.rows.rows() {
            for column in 0..INPUTS {
                lowest[column] = lowest[column].min(row[column]);
                highest[column] = highest[column].max(row[column]);
            }
        }
        if let Some(column) = (0..INPUTS).find(|&column| highest[column] == lowest[column]) {
            return Err(format!(
                "the column {} has the same value in every row: there is nothing to learn from it",
                self.names[column]
            ));
        }
        Ok(Matrix::from_fn(|row, column| {
            (self.rows[(row, column)] - lowest[column]) / (highest[column] - lowest[column])
        }))
    }

    /// Returns the targets: the last column.
    pub fn targets(&self) -> Matrix<ROWS, 1> {
        Matrix::from_fn(|row, _| self.rows[(row, INPUTS)])
    }
}

/// What training on a data set gave: the predictions of the trained network beside the data.
#[derive(Debug)]
pub struct Report {
    /// The data set trained on.
    pub data: DataSet,
    /// The trained network's output for each row.
    pub predictions: Matrix<ROWS, 1>,
    /// The mean squared error of the predictions.
    pub loss: f64,
}

impl Report {
    /// How many rows' predictions round to their targets: within 0.5 of them.
    pub fn rows_right(&self) -> usize {
        let misses = self.data.targets() - self.predictions;
        misses
            .as_slice()
            .iter()
            .filter(|miss| miss.abs() < 0.5)
            .count()
    }
}

impl fmt::Display for Report {
    /// The loss, then every row with its prediction, then how many rows are right.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = &self.data.names;
        writeln!(
            f,
            "{INPUTS}-{HIDDEN}-1 network, sigmoid, biases learning, {EPOCHS} epochs from seed {SEED}"
        )?;
        writeln!(
            f,
            "mean squared error {:.6} (always answering 0.5 would give 0.25)\n",
            self.loss
        )?;
        for name in names {
            write!(f, "{name:>12}")?;
        }
        writeln!(f, "{:>12}", "predicted")?;
        for (row, prediction) in self
            .data
            .rows
            .rows()
            .iter()
            .zip(self.predictions.as_slice())
        {
            for value in row {
                write!(f, "{value:>12}")?;
            }
            writeln!(f, "{prediction:>12.3}")?;
        }
        writeln!(
            f,
            "\n{} of {ROWS} rows right (each prediction within 0.5 of its target)",
            self.rows_right()
        )
    }
}

/// Reads the data set at `path`, trains a network on it, and reports.
pub fn run(path: &Path) -> Result<Report, Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let data = read(&text)?;
    let (inputs, targets) = (data.scaled_inputs()?, data.targets());

    // The article's classic training, with biases learning: without them every hidden unit's
    // boundary passes through the corner (0, 0) of the scaled inputs, and 49 seeds in 50 leave a
    // seedling on the wrong side.
    let mut network = Network::<INPUTS, HIDDEN, 1>::random(&mut Rng::with_seed(SEED));
    let training = Training::CLASSIC.with_trained_biases(true);
    network.train(&inputs, &targets, training, EPOCHS)?;

    let predictions = network.predict(&inputs);
    let loss = predictions.mean_squared_error(&targets);
    // Training checks every epoch's outputs, but not those of the weights after its last update.
    if !loss.is_finite() {
        return Err(Diverged::at_epoch(EPOCHS).into());
    }
    Ok(Report {
        data,
        predictions,
        loss,
    })
}

fn main() -> ExitCode {
    let mut arguments = std::env::args_os().skip(1);
    let path = arguments
        .next()
        .map_or(PathBuf::from(DEFAULT_FILE), PathBuf::from);
    if arguments.next().is_some() {
        eprintln!("own_data: expected at most one argument, the CSV file to read");
        return ExitCode::from(2);
    }
    match run(&path) {
        Ok(report) => {
            println!("read {ROWS} rows from {}", path.display());
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("own_data: {}: {error}", path.display());
            // Bad input is status 2, as on stacknet's command line; training that blew up is 1.
            ExitCode::from(if error.is::<Diverged>() { 1 } else { 2 })
        }
    }
}
