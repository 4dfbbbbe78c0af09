//! The words that both the command line and model files hold, each read by one parser: a name
//! from a fixed list (a task, an activation, a dtype...), `on` or `off`, and a number above 0.
//!
//! ```text
//! --hidden-activation tanh        (an option)      hidden-activation tanh   (a model file's line)
//! ```
//!
//! Both are read by [`choice`], so both accept the same words and refuse others with the same
//! message, naming where the word came from: `--hidden-activation` or `hidden-activation`.

use std::fmt::Display;
use std::str::FromStr;

use stacknet::AnyActivation;

/// A word that names one of a fixed list of choices: read by `FromStr`, written by `Display`.
pub trait Choice: FromStr + Display + Copy + 'static {
    /// Every choice, in the order messages list them.
    const ALL: &'static [Self];

    /// Other spellings that are read too, for messages: empty when there are none.
    const ALSO: &'static str = "";
}

impl Choice for AnyActivation {
    const ALL: &'static [Self] = AnyActivation::ALL;
}

/// Gives an enum of choices its words: `Display` writes each variant's word, `FromStr` reads it
/// back, and [`Choice::ALL`] lists the variants in the order given.
macro_rules! choice_words {
    ($type:ty { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl std::fmt::Display for $type {
            /// The word, padded as the format asks (`{:<8}`).
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(match self {
                    $(Self::$variant => $word,)+
                })
            }
        }

        impl std::str::FromStr for $type {
            type Err = ();

            fn from_str(word: &str) -> Result<Self, ()> {
                match word {
                    $($word => Ok(Self::$variant),)+
                    _ => Err(()),
                }
            }
        }

        impl $crate::cli::words::Choice for $type {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
        }
    };
}
pub(crate) use choice_words;

/// `word` read as one of `T`'s choices; the error names `name`, the choices, and the word.
pub fn choice<T: Choice>(name: &str, word: &str) -> Result<T, String> {
    word.parse()
        .map_err(|_| format!("{name} must be {}{}, not '{word}'", one_of(T::ALL), T::ALSO))
}

/// `a or b`, `a, b or c` for a few choices; `one of a, b, c, d` for more.
fn one_of<T: Display>(choices: &[T]) -> String {
    let names: Vec<String> = choices.iter().map(ToString::to_string).collect();
    match names.as_slice() {
        [first @ .., last] if names.len() <= 3 => format!("{} or {last}", first.join(", ")),
        _ => format!("one of {}", names.join(", ")),
    }
}

/// `on` as true and `off` as false; the error names `name` and the word.
pub fn on_off(name: &str, word: &str) -> Result<bool, String> {
    match word {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{name} must be on or off, not '{word}'")),
    }
}

/// `true` as `on`, `false` as `off`: how [`on_off`] reads it back.
pub fn on_off_word(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

/// `word` read as a finite number above 0, such as a learning rate; the error names `name`.
pub fn positive_number(name: &str, word: &str) -> Result<f64, String> {
    match word.parse::<f64>() {
        Ok(number) if number.is_finite() && number > 0.0 => Ok(number),
        _ => Err(format!(
            "{name} must be a finite number above 0, not '{word}'"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_read_and_refuse_alike() {
        assert_eq!(
            choice::<AnyActivation>("--x", "leaky-relu"),
            Ok(AnyActivation::LeakyRelu)
        );
        assert_eq!(
            choice::<AnyActivation>("x", "softmax").unwrap_err(),
            "x must be one of sigmoid, tanh, relu, leaky-relu, linear, not 'softmax'"
        );
        assert_eq!(one_of(&["on", "off"]), "on or off");
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn switches_and_numbers() {
        assert_eq!(on_off("--biases", "on"), Ok(true));
        assert_eq!(on_off("biases", on_off_word(false)), Ok(false));
        assert_eq!(
            on_off("biases", "yes").unwrap_err(),
            "biases must be on or off, not 'yes'"
        );
        assert_eq!(positive_number("L", "0.1"), Ok(0.1));
        for bad in ["0", "-1", "inf", "NaN", "1e400", "x"] {
            assert!(positive_number("L", bad).is_err(), "{bad}");
        }
    }
}
