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
    let mut text = String::from("'");
    for c in path.display().to_string().chars() {
        if c.is_control() {
            let _ = write!(text, "{}", c.escape_default());
        } else {
            text.push(c);
        }
    }
    text.push('\'');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_on_one_line() {
        assert_eq!(quoted(Path::new("xor.model")), "'xor.model'");
        assert_eq!(quoted(Path::new("a\nb\tc")), r"'a\nb\tc'");
    }
}
