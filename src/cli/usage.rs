//! The help text, `stacknet --help`: every option, its values and its default.

/// What `stacknet --help` prints.
pub const USAGE: &str = "\
stacknet: trains the XOR network of \"A Neural Network in Python, Part 1\" and prints what it learnt

Usage: stacknet [OPTIONS]

The article's programs:
  --variant classic|improved  classic: sigmoid output, no learning rate, 60000 epochs;
                              improved: linear output, L = 0.1, 20000 epochs [default: classic]
  --epochs N                  epochs to train, 1 to 1000000000 (0 to only evaluate a --load'ed
                              model) [default: the variant's, or the task's]
  --seed N                    seed for the random starting weights, a 64-bit unsigned number
                              [default: a fresh one, printed on stderr]
  --hidden N                  hidden units, 1 to 8 [default: 3; 4 for sine]
  --weights \"WH ; WZ\"         starting weights instead of random ones: WH row by row
                              (inputs x hidden), a semicolon, then WZ (hidden x 1); numbers
                              separated by spaces or commas, as in the reference script; each
                              read as the nearest number of the run's --dtype
  --format numpy|json|rust    numpy: Z as numpy's print(Z); json: one object with Z and the
                              trained weights in full precision; rust: the trained network as a
                              Rust `const`, for firmware to include! [default: numpy]

Beyond the article:
  --task NAME                 xor, and, or, nand, nor, xnor, parity3 (three inputs), or sine
                              (sin on [0, 2 pi], 1-4-1 with tanh, biases, L = 0.01 and 200000
                              epochs unless told otherwise) [default: xor]
  --hidden-activation NAME    sigmoid, tanh, relu, leaky-relu or linear
  --output-activation NAME    the same choices, for the output layer
  --learning-rate L           a finite number above 0: dZ = E * f'(Z) * L
  --biases on|off             add and train a bias for every unit [default: off, as the article]
  --batch full|N              full: all rows per update (the article); N: mini-batches of N rows,
                              shuffled every epoch [default: full]
  --dtype f32|f64             compute in f32 or f64 (numpy's names float32 and float64 work
                              too): Z is printed as numpy prints that type; JSON, Rust and saved
                              models hold the f32 weights exactly; a --load'ed model runs in its
                              own dtype and refuses another [default: f64, as the article]
  --save FILE                 write the trained model to FILE (the old FILE is replaced only
                              once the new one is complete)
  --load FILE                 start from a saved model; with no --epochs it is only evaluated
  --every N                   print the epoch, the loss (mean squared error) and Z every N epochs
  --plot                      draw the loss against the epoch (both on log scales) and, for two
                              inputs, the output over the unit square, in the terminal after
                              the run
  --svg FILE                  draw the same in one SVG file, with a legend and the network: each
                              weight's value and the step the last epoch added to it
  --trace                     print every matrix of one epoch (X, Y, Wh, Wz, H, Z, E, the loss,
                              dZ, dH, the steps added to Wz and Wh, and the weights after it) in
                              numpy's format, each under the article's line and its shape,
                              instead of Z: the first epoch, or with --epochs N the Nth, after
                              training the ones before it; one full-batch epoch, so it refuses
                              --batch N, --format json|rust, --every, --plot, --svg and --save
  -h, --help                  print this help

The experiments over many seeds (hidden sizes, learning rates, starts, the improved program's
runs) are a program of their own, beside this one in the repository:
  cargo run --release --example experiments -- hidden|rate|init|improved [--seeds N]

Bad input is reported on stderr with exit status 2; training that diverges, with status 1.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::arguments::{EXPERIMENTS, FLAGS};

    /// The options without a value, beside the parser's list of those with one.
    const SWITCHES: [&str; 4] = ["--plot", "--trace", "-h", "--help"];

    /// The options of the command the help gives for the experiments program, not this one's.
    const EXPERIMENTS_COMMAND: [&str; 3] = ["--release", "--example", "--seeds"];

    /// The help gives the experiments' command as the command line's refusal of `experiment`
    /// does.
    #[test]
    fn the_help_shows_where_the_experiments_are() {
        assert!(USAGE.contains(EXPERIMENTS), "{EXPERIMENTS}");
    }

    /// Every option the parser reads is in the help, and every option the help names is one
    /// the parser reads.
    #[test]
    fn the_help_names_exactly_the_options_there_are() {
        for option in FLAGS.iter().chain(&SWITCHES) {
            let named = USAGE
                .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == ',')
                .any(|word| word == *option);
            assert!(named, "the help does not name {option}");
        }
        for word in USAGE.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            if word.starts_with("--") && word.len() > 2 && !EXPERIMENTS_COMMAND.contains(&word) {
                assert!(
                    FLAGS.contains(&word) || SWITCHES.contains(&word),
                    "the help names {word}, which no option is"
                );
            }
        }
    }
}
