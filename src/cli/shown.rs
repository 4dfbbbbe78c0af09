//! How a file's name appears in a message: in single quotes, on one line, whatever it holds.
//!
//! ```text
//! stacknet: cannot save model to 'model\nfile.txt': No such file or directory (os error 2)
//! ```

use std::fmt::Write as _;
use std::path::Path;

/// `path` in single quotes, its control characters (a newline, say) written as escapes, so
/// that a message about it stays one line.
pub fn quoted(path: &Path) -> String {
    format!("'{}'", one_line(&path.display().to_string()))
}

/// `text` with every character that [`hides_text`] written as an escape (`\n`, `\u{1b}`):
/// a message stays one line, and shows what was given.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for c in text.chars() {
        if hides_text(c) {
            let _ = write!(line, "{}", c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

/// Whether `c` would break a line, or change how the text around it shows: a control
/// character (a newline, a terminal's escape) or one of Unicode's marks and overrides of
/// writing direction, which Rust refuses even in a comment.
pub fn hides_text(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_on_one_line() {
        assert_eq!(quoted(Path::new("xor.model")), "'xor.model'");
        assert_eq!(quoted(Path::new("a\nb\tc")), r"'a\nb\tc'");
        assert_eq!(
            one_line("3\n\u{1b}[31m\u{202e}x"),
            r"3\n\u{1b}[31m\u{202e}x"
        );
        assert_eq!(one_line("plain, é"), "plain, é");
    }
}
