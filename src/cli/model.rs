//! The command line's saved models: a small text format that round-trips every weight exactly.
//!
//! ```text
//! # stacknet model
//! format 1
//! task xor
//! inputs 2
//! hidden 3
//! outputs 1
//! dtype float32
//! hidden-activation sigmoid
//! output-activation sigmoid
//! learning-rate 1.0
//! biases off
//! hidden-delta from-old-output-weights
//! seed 7
//! epochs 60000
//! Wh 5.86 6.90 -4.57
//! Wh 5.87 -4.57 6.90
//! bh 0.0 0.0 0.0
//! Wz 18.7
//! Wz -13.7
//! Wz -13.7
//! bz 0.0
//! ```
//!
//! One `key value` per line, in this order; `Wh` once per input (a row of `hidden` numbers),
//! `Wz` once per hidden unit. `dtype` is the number type the weights are (`float32` or
//! `float64`, numpy's names); it is written only for `float32`, and a file without it is
//! `float64`, so that files of `f64` models are as they were before `--dtype`, and older
//! stacknets still read them. Numbers are Rust's shortest round-trip form for the dtype, so
//! reading a saved model gives back every weight bit for bit, and saving it again gives the
//! same bytes. Blank
//! lines and lines starting with `#` are ignored. A file that breaks any rule is refused with
//! the number of the line at fault.
//!
//! `biases` says whether the biases learn (`Training::train_biases`); when off they must be
//! zero. `hidden-delta` is `Training::hidden_delta`: `from-old-output-weights` for
//! `BeforeOutputUpdate`, `from-new-output-weights` for `AfterOutputUpdate`. How the rows were
//! batched is not part of a model.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use stacknet::{AnyActivation, Batch, HiddenDelta, Training};

use super::dtype::Dtype;
use super::save::write_atomically;
use super::shortest::shortest;
use super::shown::quoted;
use super::sizes::MAX_HIDDEN;
use super::task::Task;
use super::typed::Parameters;
use super::words::{choice, on_off, on_off_word, positive_number, Choice};

/// The largest model file read: the largest model, 3 inputs and 8 hidden units, takes about a
/// kilobyte, comments aside; reading stops here, so that `--load /dev/zero` is refused
/// instead of filling the memory.
const MAX_MODEL_BYTES: u64 = 1 << 20;

/// The version written on the `format` line; a file of another version is refused.
const FORMAT_VERSION: u32 = 1;

/// The most epochs a model may record over all the runs that trained it: a million runs of the
/// longest `--epochs`, years of training. A bound keeps the count from overflowing when a run
/// continues a model.
pub const MAX_MODEL_EPOCHS: u64 = 1_000_000_000_000_000;

/// A network of any of the command line's sizes, with what made it: the unit of `--save`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub task: Task,
    pub hidden: usize,
    /// The number type of the weights, which are held here exactly in `f64`.
    pub dtype: Dtype,
    pub hidden_activation: AnyActivation,
    pub output_activation: AnyActivation,
    /// How it learns; always [`Batch::Full`] here, since a model does not record the batches.
    pub training: Training,
    /// The seed of the random starting weights; `None` when `--weights` gave them.
    pub seed: Option<u64>,
    /// Epochs trained in all, over every run that continued this model; at most
    /// [`MAX_MODEL_EPOCHS`].
    pub epochs: u64,
    /// The weights and biases: `Wh` is `inputs x hidden`, `bh` one per hidden unit, `Wz`
    /// `hidden x 1`, `bz` one.
    pub parameters: Parameters,
}

/// The order of the hidden layer's update, as the model file writes it.
fn hidden_delta_name(hidden_delta: HiddenDelta) -> &'static str {
    match hidden_delta {
        HiddenDelta::BeforeOutputUpdate => "from-old-output-weights",
        HiddenDelta::AfterOutputUpdate => "from-new-output-weights",
    }
}

/// `numbers` separated by spaces, each in shortest round-trip form for `dtype`.
fn joined(numbers: &[f64], dtype: Dtype) -> String {
    let words: Vec<String> = numbers.iter().map(|&n| dtype.shortest(n)).collect();
    words.join(" ")
}

impl Model {
    /// The model in the text format above.
    pub fn to_text(&self) -> String {
        let training = &self.training;
        let mut text = String::from("# stacknet model\n");
        let seed = self
            .seed
            .map_or("none".to_string(), |seed| seed.to_string());
        let _ = write!(
            text,
            "format {FORMAT_VERSION}\ntask {}\ninputs {}\nhidden {}\noutputs 1\n{}\
             hidden-activation {}\noutput-activation {}\nlearning-rate {}\nbiases {}\n\
             hidden-delta {}\nseed {seed}\nepochs {}\n",
            self.task,
            self.task.inputs(),
            self.hidden,
            match self.dtype {
                Dtype::F32 => "dtype float32\n",
                Dtype::F64 => "",
            },
            self.hidden_activation,
            self.output_activation,
            shortest(training.learning_rate),
            on_off_word(training.train_biases),
            hidden_delta_name(training.hidden_delta),
            self.epochs,
        );
        let (dtype, parameters) = (self.dtype, &self.parameters);
        for row in parameters.hidden_weights.chunks(self.hidden) {
            let _ = writeln!(text, "Wh {}", joined(row, dtype));
        }
        let _ = writeln!(text, "bh {}", joined(&parameters.hidden_biases, dtype));
        for weight in &parameters.output_weights {
            let _ = writeln!(text, "Wz {}", joined(&[*weight], dtype));
        }
        let _ = writeln!(text, "bz {}", joined(&parameters.output_biases, dtype));
        text
    }

    /// Reads a model from the text format, or says which line is wrong and why.
    pub fn from_text(text: &str) -> Result<Model, String> {
        let mut lines = Lines::new(text);
        let version: u32 = lines.value("format", "a format version")?;
        if version != FORMAT_VERSION {
            return Err(lines.error(format!(
                "format {version} is not one this stacknet reads (it reads {FORMAT_VERSION})"
            )));
        }
        let task: Task = lines.choice("task")?;
        let inputs: usize = lines.value("inputs", "a whole number")?;
        if inputs != task.inputs() {
            return Err(lines.error(format!(
                "inputs is {inputs}, but task {} has {}",
                task,
                task.inputs()
            )));
        }
        let hidden: usize = lines.value("hidden", "a whole number")?;
        if !(1..=MAX_HIDDEN).contains(&hidden) {
            return Err(lines.error(format!(
                "hidden is {hidden}; it must be from 1 to {MAX_HIDDEN}"
            )));
        }
        let outputs: usize = lines.value("outputs", "a whole number")?;
        if outputs != 1 {
            return Err(lines.error(format!("outputs is {outputs}; stacknet's networks have 1")));
        }
        let dtype = match lines.optional_word("dtype")? {
            None => Dtype::F64,
            Some(word) => choice("dtype", &word).map_err(|message| lines.error(message))?,
        };
        let hidden_activation: AnyActivation = lines.choice("hidden-activation")?;
        let output_activation: AnyActivation = lines.choice("output-activation")?;
        let learning_rate = lines.read("learning-rate", positive_number)?;
        let biases = lines.read("biases", on_off)?;
        let order = lines.word("hidden-delta")?;
        let hidden_delta = match order.as_str() {
            "from-old-output-weights" => HiddenDelta::BeforeOutputUpdate,
            "from-new-output-weights" => HiddenDelta::AfterOutputUpdate,
            other => {
                return Err(lines.error(format!(
                    "hidden-delta must be from-old-output-weights or from-new-output-weights, not '{other}'"
                )))
            }
        };
        let seed = match lines.word("seed")?.as_str() {
            "none" => None,
            word => Some(word.parse::<u64>().map_err(|_| {
                lines.error(format!(
                    "seed must be a 64-bit unsigned number or none, not '{word}'"
                ))
            })?),
        };
        let epochs: u64 = lines.value("epochs", "a whole number")?;
        if epochs > MAX_MODEL_EPOCHS {
            return Err(lines.error(format!(
                "epochs is {epochs}; a model records at most {MAX_MODEL_EPOCHS}"
            )));
        }
        let mut hidden_weights = Vec::new();
        for _ in 0..inputs {
            hidden_weights.extend(lines.numbers("Wh", hidden, dtype)?);
        }
        let hidden_biases = lines.numbers("bh", hidden, dtype)?;
        let mut output_weights = Vec::new();
        for _ in 0..hidden {
            output_weights.extend(lines.numbers("Wz", 1, dtype)?);
        }
        let output_biases = lines.numbers("bz", 1, dtype)?;
        lines.end()?;
        if !biases
            && hidden_biases
                .iter()
                .chain(&output_biases)
                .any(|&b| b != 0.0)
        {
            return Err(format!(
                "the biases are off, but bh or bz is not zero (line {})",
                lines.number
            ));
        }
        Ok(Model {
            task,
            hidden,
            dtype,
            hidden_activation,
            output_activation,
            training: Training::CLASSIC
                .with_learning_rate(learning_rate)
                .with_trained_biases(biases)
                .with_batch(Batch::Full)
                .with_hidden_delta(hidden_delta),
            seed,
            epochs,
            parameters: Parameters {
                hidden_weights,
                hidden_biases,
                output_weights,
                output_biases,
            },
        })
    }

    /// Reads a model file; the error names the file.
    pub fn load(path: &Path) -> Result<Model, String> {
        let cannot_read = |error| format!("cannot read model {}: {error}", quoted(path));
        let mut bytes = Vec::new();
        // Read one byte past the limit, to tell a file at the limit from a larger one.
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_MODEL_BYTES + 1).read_to_end(&mut bytes))
            .map_err(cannot_read)?;
        if bytes.len() as u64 > MAX_MODEL_BYTES {
            return Err(format!(
                "model {} is larger than {MAX_MODEL_BYTES} bytes, which no model is (the largest takes \
                 about a kilobyte)",
                quoted(path)
            ));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("model {} is not UTF-8 text", quoted(path)))?;
        // A byte-order mark, which some editors put first, is not part of the text.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Model::from_text(text).map_err(|error| format!("model {}: {error}", quoted(path)))
    }

    /// Writes the model to `path` without ever leaving a half-written file there (see
    /// [`write_atomically`]).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        write_atomically(path, self.to_text().as_bytes())
            .map_err(|error| format!("cannot save model to {}: {error}", quoted(path)))
    }
}

/// The lines of a model file, read in order, skipping blanks and comments, counting lines.
struct Lines<'a> {
    lines: std::iter::Peekable<std::iter::Enumerate<std::str::Lines<'a>>>,
    /// The number of the line read last (1 for the first line of the file).
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            lines: text.lines().enumerate().peekable(),
            number: 0,
        }
    }

    fn error(&self, message: String) -> String {
        format!("line {}: {message}", self.number)
    }

    /// The words after `key` on the next line; an error if the line has another key.
    fn words(&mut self, key: &str) -> Result<Vec<&'a str>, String> {
        loop {
            let Some((index, line)) = self.lines.next() else {
                return Err(format!(
                    "the file ends before the '{key}' line (line {}): is it truncated?",
                    self.number + 1
                ));
            };
            self.number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let found = words.next().unwrap_or("");
            if found != key {
                return Err(self.error(format!("expected the '{key}' line, found '{found}'")));
            }
            return Ok(words.collect());
        }
    }

    /// The single word after `key` if the next line has that key; `None`, reading nothing but
    /// blanks and comments, if it has another.
    fn optional_word(&mut self, key: &str) -> Result<Option<String>, String> {
        while let Some((_, line)) = self.lines.peek() {
            let line = line.trim();
            if !(line.is_empty() || line.starts_with('#')) {
                if line.split_whitespace().next() != Some(key) {
                    return Ok(None);
                }
                return self.word(key).map(Some);
            }
            self.lines.next();
        }
        Ok(None)
    }

    /// The single word after `key`.
    fn word(&mut self, key: &str) -> Result<String, String> {
        match self.words(key)?[..] {
            [word] => Ok(word.to_string()),
            _ => Err(self.error(format!("'{key}' takes exactly one value"))),
        }
    }

    /// The single value after `key`, parsed.
    fn value<T: std::str::FromStr>(&mut self, key: &str, what: &str) -> Result<T, String> {
        let word = self.word(key)?;
        word.parse()
            .map_err(|_| self.error(format!("{key} must be {what}, not '{word}'")))
    }

    /// The single word after `key`, read by `parse`, which names `key` in its errors.
    fn read<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str, &str) -> Result<T, String>,
    ) -> Result<T, String> {
        let word = self.word(key)?;
        parse(key, &word).map_err(|message| self.error(message))
    }

    /// The single word after `key`, one of `T`'s choices.
    fn choice<T: Choice>(&mut self, key: &str) -> Result<T, String> {
        self.read(key, choice)
    }

    /// Exactly `count` finite numbers after `key`, each read as the nearest number of `dtype`.
    fn numbers(&mut self, key: &str, count: usize, dtype: Dtype) -> Result<Vec<f64>, String> {
        let words = self.words(key)?;
        if words.len() != count {
            return Err(self.error(format!(
                "{key} has {} numbers, but the sizes above need {count}",
                words.len()
            )));
        }
        words
            .iter()
            .map(|word| {
                dtype
                    .weight(key, word)
                    .map_err(|message| self.error(message))
            })
            .collect()
    }

    /// Nothing but blanks and comments may follow the model.
    fn end(&mut self) -> Result<(), String> {
        for (index, line) in self.lines.by_ref() {
            let line = line.trim();
            if !(line.is_empty() || line.starts_with('#')) {
                self.number = index + 1;
                return Err(self.error(format!("unexpected '{line}' after the end of the model")));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model {
            task: Task::Parity3,
            hidden: 2,
            dtype: Dtype::F64,
            hidden_activation: AnyActivation::Tanh,
            output_activation: AnyActivation::Linear,
            training: Training::CLASSIC
                .with_learning_rate(0.1)
                .with_trained_biases(true),
            seed: Some(9),
            epochs: 12,
            parameters: Parameters {
                hidden_weights: vec![0.1, -2.5e-300, 3.0, 1.0 / 3.0, 5e-324, -0.0],
                hidden_biases: vec![0.25, -1.5],
                output_weights: vec![f64::MAX, -7.0],
                output_biases: vec![1e-17],
            },
        }
    }

    #[test]
    fn text_round_trips_bit_for_bit() {
        let text = model().to_text();
        let read = Model::from_text(&text).unwrap();
        assert_eq!(read, model());
        let bits = |m: &Model| -> Vec<u64> {
            let p = &m.parameters;
            let weights = p.hidden_weights.iter().chain(&p.hidden_biases);
            let all = weights.chain(&p.output_weights).chain(&p.output_biases);
            all.map(|w| w.to_bits()).collect()
        };
        assert_eq!(bits(&read), bits(&model()), "-0.0 and subnormals included");
        assert_eq!(read.to_text(), text);
    }

    /// An f32 model's weights are read as f32, not by way of the nearest f64, and written back
    /// in the f32's fewest digits.
    #[test]
    fn f32_models_round_trip_as_f32() {
        let singles = [0.1f32, -0.0, 1e-45, f32::MAX, 1.0 / 3.0, 16_777_216.0];
        let model = Model {
            dtype: Dtype::F32,
            parameters: Parameters {
                hidden_weights: singles.map(f64::from).to_vec(),
                hidden_biases: vec![0.25, -1.5],
                output_weights: vec![f64::from(0.7f32), f64::from(-2.5f32)],
                output_biases: vec![f64::from(1e-17f32)],
            },
            ..model()
        };
        let text = model.to_text();
        assert!(text.contains("\noutputs 1\ndtype float32\n"), "{text}");
        assert!(text.contains("\nWh 1e-45 3.4028235e38\nWh 0.33333334 16777216.0\n"));
        assert!(text.contains("\nbz 1e-17\n"), "{text}");
        let read = Model::from_text(&text).unwrap();
        assert_eq!(read, model);
        assert_eq!(read.to_text(), text);
        // "0.7" read as an f32 model's weight is 0.7f32; as an f64 model's, 0.7.
        let f32_weight = Model::from_text(&text).unwrap().parameters.output_weights[0];
        assert_eq!(f32_weight, f64::from(0.7f32));
        let as_f64 = text.replace("dtype float32\n", "");
        let f64_weight = Model::from_text(&as_f64).unwrap().parameters.output_weights[0];
        assert_eq!(f64_weight, 0.7);
        let explicit = text.replace("dtype float32", "dtype float64");
        assert_eq!(Model::from_text(&explicit).unwrap().dtype, Dtype::F64);
        let bad = text.replace("dtype float32", "dtype float16");
        assert_eq!(
            Model::from_text(&bad).unwrap_err(),
            "line 7: dtype must be f32 or f64 (or numpy's float32 or float64), not 'float16'"
        );
    }

    /// Files saved before the library's `Training` and `HiddenDelta` still read, to the same
    /// model, and save back to the same bytes.
    #[test]
    fn files_of_format_1_still_read() {
        let saved = "# stacknet model\nformat 1\ntask xor\ninputs 2\nhidden 1\noutputs 1\n\
                     hidden-activation sigmoid\noutput-activation linear\nlearning-rate 0.1\n\
                     biases off\nhidden-delta from-new-output-weights\nseed none\nepochs 20000\n\
                     Wh 1.5\nWh -2.0\nbh 0.0\nWz 3.0\nbz 0.0\n";
        let model = Model::from_text(saved).unwrap();
        assert_eq!(model.training, Training::IMPROVED);
        assert_eq!(model.output_activation, AnyActivation::Linear);
        assert_eq!(model.to_text(), saved);
    }
}
