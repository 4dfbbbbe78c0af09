//! `TextBuffer<N>`: text formatted into a fixed array on the stack, for printing without a heap.
//!
//! ```
//! use core::fmt::Write;
//! use stacknet::{Matrix, TextBuffer};
//!
//! let mut text = TextBuffer::<64>::new();
//! write!(text, "{}", Matrix::from_rows([[0.5], [1.0]])).unwrap();
//! assert_eq!(text.as_str(), "[[0.5]\n [1. ]]");
//! ```
//!
//! Firmware has no `String`; `write!` into a `TextBuffer` and hand `as_str()` to whatever prints.

use core::fmt;

/// Up to `N` bytes of UTF-8 text, written with `core::fmt::Write`.
///
/// A write that does not fit returns `fmt::Error` and leaves the buffer as it was, so the text is
/// never cut in the middle of a character.
#[derive(Clone, Copy, Debug)]
pub struct TextBuffer<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> TextBuffer<N> {
    /// Returns an empty buffer.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Returns the text written so far.
    pub fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so the bytes are always valid UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    /// Returns the bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Empties the buffer, to write it again.
    pub fn clear(&mut self) {
        self.len = 0;
    }
}

impl<const N: usize> Default for TextBuffer<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Write for TextBuffer<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let space = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        space.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }

    /// `write!`'s way in: its pieces are written one by one, and if one does not fit, those
    /// before it are taken back, so that a whole `write!` fits or changes nothing.
    fn write_fmt(&mut self, pieces: fmt::Arguments<'_>) -> fmt::Result {
        let before = self.len;
        let written = fmt::write(self, pieces);
        if written.is_err() {
            self.len = before;
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt::Write;

    #[test]
    fn a_write_that_does_not_fit_changes_nothing() {
        let mut text = TextBuffer::<4>::new();
        text.write_str("abc").unwrap();
        assert!(text.write_str("de").is_err());
        assert_eq!(text.as_str(), "abc");
        text.write_str("d").unwrap();
        assert_eq!(text.as_bytes(), b"abcd");
        text.clear();
        assert_eq!(text.as_str(), "");
    }

    /// A `write!` of several pieces, the last of which does not fit, takes back the others.
    #[test]
    fn a_write_of_several_pieces_that_does_not_fit_changes_nothing() {
        let mut text = TextBuffer::<8>::new();
        text.write_str("ab").unwrap();
        let (number, other) = (12345, 678);
        assert!(write!(text, "{number}-{other}").is_err());
        assert_eq!(text.as_str(), "ab");
        write!(text, "{other}").unwrap();
        assert_eq!(text.as_str(), "ab678");
    }
}
