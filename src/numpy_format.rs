//! numpy's `print(array)` format for a 2-D matrix, written without a heap.
//!
//! ```
//! use stacknet::Matrix;
//!
//! let z = Matrix::from_rows([[0.01288433], [0.99223799], [0.0020061]]);
//! assert_eq!(z.to_string(), "[[0.01288433]\n [0.99223799]\n [0.0020061 ]]");
//! let tiny = Matrix::from_rows([[6.66133815e-15], [1.0]]);
//! assert_eq!(tiny.to_string(), "[[6.66133815e-15]\n [1.00000000e+00]]");
//! ```
//!
//! These are the rules of numpy's default print options (precision 8, line width 75), as its
//! `arrayprint` module applies them:
//!
//! 1. **Notation.** Among the finite non-zero elements, if the largest magnitude is at least
//!    `1e8`, or the smallest is below `1e-4`, or the largest is more than `1e3` times the
//!    smallest, every element is written in scientific notation; otherwise positionally.
//! 2. **Digits.** Each element gets the fewest digits that read back as the same double, unless
//!    that needs more than 8 after the decimal point; then it is rounded (exactly, ties to even)
//!    to 8 and trailing zeros are dropped. `1.0` is written `1.`. In scientific notation every
//!    element then gets as many digits as the longest, from its exact value.
//! 3. **Equal widths.** Positionally, integer parts are right-aligned to the longest (so a `-`
//!    anywhere leaves a space in front of the others) and fractions are padded on the right with
//!    spaces to the longest. Scientifically, fractions are padded with zeros to the longest, and
//!    exponents to at least two digits (`e-15`, `e+00`).
//! 4. **Non-finite** elements print `nan`, `inf` and `-inf`, right-aligned in the same width.
//! 5. **Layout.** Rows are `[a b c]`, separated by a newline and a space, all inside `[...]`. A
//!    row that would pass 75 columns wraps, continuing on a line indented by two spaces.
//!
//! The digits come from `core`'s own float formatting (`{:e}` is shortest round-trip, `{:.Ne}`
//! rounds exactly), written into a small buffer on the stack; this module only lays them out.

use core::fmt::{self, Write};

use crate::TextBuffer;

/// Digits after the decimal point that numpy prints at most (`np.get_printoptions()['precision']`).
const PRECISION: i32 = 8;

/// numpy's default line width (`linewidth`), in characters.
const LINE_WIDTH: usize = 75;

/// Indent of a wrapped row's continuation lines: one space for each open `[`.
const HANGING_INDENT: usize = 2;

/// Where a row stops growing: the line width, less the `[` of the matrix and the `]` of the row.
const ROW_LIMIT: usize = LINE_WIDTH - 2;

/// Magnitudes at or above this switch the whole matrix to scientific notation.
const SCIENTIFIC_AT_OR_ABOVE: f64 = 1e8;

/// Non-zero magnitudes below this switch the whole matrix to scientific notation.
const SCIENTIFIC_BELOW: f64 = 1e-4;

/// A ratio of largest to smallest non-zero magnitude above this switches to scientific notation.
const SCIENTIFIC_RATIO: f64 = 1e3;

/// Exponent digits numpy always writes, at least (`1.e+00`).
const MIN_EXPONENT_DIGITS: usize = 2;

/// The decimal digits of a finite magnitude: `d0.d1d2... x 10^exponent`.
#[derive(Clone, Copy)]
struct Digits {
    /// ASCII digits, no leading zeros (but `0` for zero), no trailing zeros.
    digits: [u8; 17],
    len: usize,
    exponent: i32,
}

impl Digits {
    /// The shortest digits that read back as `magnitude`.
    fn shortest(magnitude: f64) -> Self {
        Self::parse(format_args!("{magnitude:e}"))
    }

    /// `magnitude` rounded to `significant` digits (at least 1), exactly, ties to even.
    fn rounded(magnitude: f64, significant: i32) -> Self {
        let after_point = significant.max(1) as usize - 1;
        Self::parse(format_args!("{magnitude:.after_point$e}"))
    }

    /// Shortest digits, but no more than `PRECISION` after the decimal point of the positional form.
    fn positional(magnitude: f64) -> Self {
        let shortest = Self::shortest(magnitude);
        if shortest.fraction_len_positional() <= PRECISION as usize {
            shortest
        } else {
            Self::rounded(magnitude, shortest.exponent + 1 + PRECISION)
        }
    }

    /// Shortest digits, but no more than `PRECISION` after the point of `d.ddd`.
    fn scientific(magnitude: f64) -> Self {
        let shortest = Self::shortest(magnitude);
        if shortest.len - 1 <= PRECISION as usize {
            shortest
        } else {
            Self::rounded(magnitude, 1 + PRECISION)
        }
    }

    /// Reads `core`'s `{:e}` output, `d.ddde-x`, into digits and exponent.
    fn parse(arguments: fmt::Arguments<'_>) -> Self {
        // 32 bytes hold any `{:e}` of an f64 with at most 16 fraction digits.
        let mut text = TextBuffer::<32>::new();
        let _ = text.write_fmt(arguments);
        let text = text.as_str();
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let mut digits = Self {
            digits: [b'0'; 17],
            len: 0,
            exponent: exponent.parse().unwrap_or(0),
        };
        for &byte in mantissa.as_bytes().iter().filter(|b| b.is_ascii_digit()) {
            if digits.len < digits.digits.len() {
                digits.digits[digits.len] = byte;
                digits.len += 1;
            }
        }
        while digits.len > 1 && digits.digits[digits.len - 1] == b'0' {
            digits.len -= 1;
        }
        digits
    }

    /// Digits before the point when written positionally (`0.0012` has one: the `0`).
    fn integer_len_positional(&self) -> usize {
        self.exponent.max(0) as usize + 1
    }

    /// Digits after the point when written positionally (`1.` has none).
    fn fraction_len_positional(&self) -> usize {
        (self.len as i32 - 1 - self.exponent).max(0) as usize
    }

    /// The digit at decimal position `place` (`10^place`), zero outside the stored digits.
    fn digit_at(&self, place: i32) -> u8 {
        let index = self.exponent - place;
        if (0..self.len as i32).contains(&index) {
            self.digits[index as usize]
        } else {
            b'0'
        }
    }
}

/// How every element of one matrix is written: one notation and one set of widths for all.
#[derive(Clone, Copy)]
struct Layout {
    scientific: bool,
    /// Characters before the decimal point, sign included.
    pad_left: usize,
    /// Characters after the decimal point: fraction digits, plus `e+00` in scientific notation.
    pad_right: usize,
    /// Scientific notation only: digits after the point, and digits of the exponent.
    fraction_digits: usize,
    exponent_digits: usize,
}

impl Layout {
    /// Chooses notation and widths from all the elements, as numpy's `FloatingFormat` does.
    fn for_elements(elements: &[f64]) -> Self {
        let mut smallest = f64::INFINITY;
        let mut largest = 0.0f64;
        for magnitude in elements.iter().map(|x| x.abs()) {
            if magnitude.is_finite() && magnitude != 0.0 {
                smallest = smallest.min(magnitude);
                largest = largest.max(magnitude);
            }
        }
        let scientific = largest > 0.0
            && (largest >= SCIENTIFIC_AT_OR_ABOVE
                || smallest < SCIENTIFIC_BELOW
                || largest / smallest > SCIENTIFIC_RATIO);

        let mut layout = Self {
            scientific,
            pad_left: 0,
            pad_right: 0,
            fraction_digits: 0,
            exponent_digits: 0,
        };
        let finite = elements.iter().copied().filter(|x| x.is_finite());
        for x in finite.clone() {
            let sign = usize::from(x.is_sign_negative());
            if scientific {
                let digits = Digits::scientific(x.abs());
                layout.pad_left = layout.pad_left.max(sign + 1);
                layout.fraction_digits = layout.fraction_digits.max(digits.len - 1);
                layout.exponent_digits = layout
                    .exponent_digits
                    .max(decimal_len(digits.exponent.unsigned_abs()));
            } else {
                let digits = Digits::positional(x.abs());
                layout.pad_left = layout.pad_left.max(sign + digits.integer_len_positional());
                layout.pad_right = layout.pad_right.max(digits.fraction_len_positional());
            }
        }
        if scientific {
            layout.exponent_digits = layout.exponent_digits.max(MIN_EXPONENT_DIGITS);
            // `e`, the exponent's sign, then its digits.
            layout.pad_right = layout.fraction_digits + 2 + layout.exponent_digits;
        }

        // `nan`, `inf` and `-inf` must fit in the width too; the `+ 1` is the decimal point.
        let has_negative_infinity = elements.contains(&f64::NEG_INFINITY);
        if finite.count() < elements.len() {
            let longest = 3 + usize::from(has_negative_infinity);
            layout.pad_left = layout
                .pad_left
                .max(longest.saturating_sub(layout.pad_right + 1));
        }
        layout
    }

    /// Characters in every element.
    fn width(&self) -> usize {
        self.pad_left + 1 + self.pad_right
    }

    /// Writes one element without the spaces that pad it on the right; returns how many those are.
    fn write_element(&self, out: &mut impl Write, x: f64) -> Result<usize, fmt::Error> {
        if !x.is_finite() {
            let word = if x.is_nan() {
                "nan"
            } else if x > 0.0 {
                "inf"
            } else {
                "-inf"
            };
            write_spaces(out, self.width() - word.len())?;
            out.write_str(word)?;
            return Ok(0);
        }
        let sign = if x.is_sign_negative() { "-" } else { "" };
        if self.scientific {
            // Every element gets the same count of digits, numpy's `min_digits`: the exact value
            // rounded there, not the shortest digits padded with zeros. The two differ only for
            // subnormals, whose shortest form can be shorter than their value's digits.
            let digits = Digits::rounded(x.abs(), 1 + self.fraction_digits as i32);
            write_spaces(out, self.pad_left - sign.len() - 1)?;
            out.write_str(sign)?;
            out.write_char(char::from(digits.digits[0]))?;
            out.write_char('.')?;
            for place in 1..=self.fraction_digits as i32 {
                out.write_char(char::from(digits.digit_at(digits.exponent - place)))?;
            }
            let exponent_sign = if digits.exponent < 0 { '-' } else { '+' };
            let exponent = digits.exponent.unsigned_abs();
            out.write_char('e')?;
            out.write_char(exponent_sign)?;
            let zeros = self.exponent_digits - decimal_len(exponent);
            write_zeros(out, zeros)?;
            write!(out, "{exponent}")?;
            Ok(0)
        } else {
            let digits = Digits::positional(x.abs());
            let integer_len = digits.integer_len_positional();
            let fraction_len = digits.fraction_len_positional();
            write_spaces(out, self.pad_left - sign.len() - integer_len)?;
            out.write_str(sign)?;
            for place in (0..integer_len as i32).rev() {
                out.write_char(char::from(digits.digit_at(place)))?;
            }
            out.write_char('.')?;
            for place in 1..=fraction_len as i32 {
                out.write_char(char::from(digits.digit_at(-place)))?;
            }
            Ok(self.pad_right - fraction_len)
        }
    }
}

/// Writes `elements`, `columns` to a row, as numpy prints a 2-D array of that shape.
pub(crate) fn write_matrix(out: &mut impl Write, elements: &[f64], columns: usize) -> fmt::Result {
    if elements.is_empty() || columns == 0 {
        return out.write_str("[]");
    }
    let layout = Layout::for_elements(elements);
    out.write_char('[')?;
    for (index, row) in elements.chunks(columns).enumerate() {
        if index > 0 {
            out.write_str("\n ")?;
        }
        write_row(out, row, &layout)?;
    }
    out.write_char(']')
}

/// Writes one row, `[a b c]`, wrapping it as numpy's `_formatArray` does.
fn write_row(out: &mut impl Write, row: &[f64], layout: &Layout) -> fmt::Result {
    let width = layout.width();
    out.write_char('[')?;
    // Spaces owed before the next element: held back, because a wrapped line drops them.
    let mut pending_spaces = 0;
    let mut line_len = HANGING_INDENT;
    for (index, &x) in row.iter().enumerate() {
        if line_len + width > ROW_LIMIT && line_len > HANGING_INDENT {
            out.write_char('\n')?;
            write_spaces(out, HANGING_INDENT)?;
            line_len = HANGING_INDENT;
        } else {
            write_spaces(out, pending_spaces)?;
        }
        pending_spaces = layout.write_element(out, x)?;
        line_len += width;
        if index + 1 < row.len() {
            // The separator between elements.
            pending_spaces += 1;
            line_len += 1;
        }
    }
    write_spaces(out, pending_spaces)?;
    out.write_char(']')
}

fn write_spaces(out: &mut impl Write, count: usize) -> fmt::Result {
    (0..count).try_for_each(|_| out.write_char(' '))
}

fn write_zeros(out: &mut impl Write, count: usize) -> fmt::Result {
    (0..count).try_for_each(|_| out.write_char('0'))
}

/// Number of decimal digits in `n` (1 for 0).
fn decimal_len(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Matrix;
    use std::string::ToString;

    #[test]
    fn digits_are_shortest_until_eight_decimals() {
        let d = Digits::positional(0.1);
        assert_eq!((&d.digits[..d.len], d.exponent), (&b"1"[..], -1));
        // 0.123456789 needs 9 decimals: rounded to 8, the 9 carries.
        let d = Digits::positional(0.123456789);
        assert_eq!((&d.digits[..d.len], d.exponent), (&b"12345679"[..], -1));
        // Rounding to 8 decimals can leave trailing zeros, which are dropped.
        let d = Digits::positional(0.1000000001);
        assert_eq!((&d.digits[..d.len], d.exponent), (&b"1"[..], -1));
    }

    #[test]
    fn rounding_is_exact_ties_to_even() {
        // 0.125 is exact in binary: rounded to 2 significant digits it ties, and goes to even.
        let d = Digits::rounded(0.125, 2);
        assert_eq!(&d.digits[..d.len], b"12");
        let d = Digits::rounded(0.375, 2);
        assert_eq!(&d.digits[..d.len], b"38");
    }

    #[test]
    fn zero_and_negative_zero() {
        assert_eq!(Matrix::from_rows([[0.0, -0.0]]).to_string(), "[[ 0. -0.]]");
    }

    #[test]
    fn non_finite_values_share_the_width() {
        let m = Matrix::from_rows([[f64::NAN], [f64::NEG_INFINITY], [0.5]]);
        assert_eq!(m.to_string(), "[[ nan]\n [-inf]\n [ 0.5]]");
    }

    #[test]
    fn long_rows_wrap_with_a_hanging_indent() {
        let m = Matrix::from_rows([[0.123456789; 8]]);
        let expected = "[[0.12345679 0.12345679 0.12345679 0.12345679 0.12345679 0.12345679\n  0.12345679 0.12345679]]";
        assert_eq!(m.to_string(), expected);
    }

    #[test]
    fn empty_matrices_print_as_numpy_does() {
        assert_eq!(Matrix::<0, 3>::zeros().to_string(), "[]");
        assert_eq!(Matrix::<2, 0>::zeros().to_string(), "[]");
    }

    #[test]
    fn decimal_len_counts_digits() {
        assert_eq!(
            [0, 9, 10, 308].map(decimal_len),
            [1, 1, 2, 3],
            "digits of 0, 9, 10, 308"
        );
    }
}
