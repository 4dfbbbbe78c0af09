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
//!    `1e8` (`1e6` for `f32`), or the smallest is below `1e-4`, or the largest is more than `1e3`
//!    times the smallest, every element is written in scientific notation; otherwise
//!    positionally. numpy tests this in the array's own type: for `f32`, `1e-4` is the `f32`
//!    nearest it and the ratio is an `f32` division.
//! 2. **Digits.** Each element gets the fewest digits that read back as the same value of its
//!    type (the nearest such, and of two as near, the even one), unless that needs more than 8
//!    after the decimal point; then its exact value is rounded (ties to even) to 8 and trailing
//!    zeros are dropped. `1.0` is written `1.`. In scientific
//!    notation every element then gets as many digits as the longest, from its exact value.
//! 3. **Equal widths.** Positionally, integer parts are right-aligned to the longest (so a `-`
//!    anywhere leaves a space in front of the others) and fractions are padded on the right with
//!    spaces to the longest. Scientifically, fractions are padded with zeros to the longest, and
//!    exponents to at least two digits (`e-15`, `e+00`).
//! 4. **Non-finite** elements print `nan`, `inf` and `-inf`, right-aligned in the same width.
//! 5. **Layout.** Rows are `[a b c]`, separated by a newline and a space, all inside `[...]`. A
//!    row that would pass 75 columns wraps, continuing on a line indented by two spaces.
//!
//! One rule is left out: numpy shortens an array of more than 1000 numbers (its threshold) to
//! its first and last three rows and columns, with `...` between; stacknet prints every number,
//! so from 1001 numbers on the two differ.
//!
//! Elements are `f64` or `f32` ([`NumpyElement`]); numpy prints a `float32` array with `float32`'s
//! digits, so `0.1f32` is `0.1`, not the `0.10000000149011612` of the `f64` it converts to. But
//! its exact value shows where rule 2 rounds or pads: beside an element that needs 8 digits after
//! the point in scientific notation, `0.1f32` is `1.00000001e-01`.
//!
//! The digits come from `core`'s own float formatting (`{:e}` is shortest round-trip for the
//! type formatted, `{:.Ne}` rounds its exact value), written into a small buffer on the stack;
//! this module only lays them out.

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

/// A float type numpy prints, `f64` (`float64`) or `f32` (`float32`), and what differs between them.
///
/// The digits differ (`{:e}` of an `f32` is `f32`'s shortest round-trip digits, `{:.Ne}` rounds
/// the `f32`'s exact value), and so does the notation test, which numpy computes in the array's
/// type. Everything else is done on the `f64` that an element converts to exactly.
pub trait NumpyElement: Copy + PartialOrd + fmt::LowerExp + core::ops::Div<Output = Self> {
    /// Magnitudes at or above this switch the whole matrix to scientific notation: numpy's
    /// `10.**min(8, np.finfo(dtype).precision)`, `1e8` for `float64` (precision 15) but `1e6` for
    /// `float32` (precision 6). numpy 2.3 brought this in; before, it was `1e8` for both.
    const SCIENTIFIC_AT_OR_ABOVE: Self;

    /// Non-zero magnitudes below this switch the whole matrix to scientific notation: numpy
    /// compares with the Python float `0.0001`, which numpy 2 converts to the array's type, so
    /// for `f32` it is `f32::from_bits(0x38d1_b717)`, 9.99999974738e-05, and `1e-4f32` itself
    /// stays positional.
    const SCIENTIFIC_BELOW: Self;

    /// A ratio of largest to smallest non-zero magnitude above this switches to scientific
    /// notation; the ratio is a division in the element's type (an `f32` one rounds to `f32`,
    /// and can overflow to infinity, which is above it too).
    const SCIENTIFIC_RATIO: Self;

    /// The magnitude, `|self|`, in the element's type.
    fn abs(self) -> Self;

    /// The same value as an `f64` (exact: every `f32` is an `f64`).
    fn to_f64(self) -> f64;

    /// Significant bits, the leading one included: 24 for `f32`, 53 for `f64`.
    const MANTISSA_DIGITS: u32;

    /// `Some(k)` if `self` is `2^k` with the float below it half as far as the float above: a
    /// power of two among the normal numbers, other than the smallest.
    fn narrow_power_of_two(self) -> Option<i32>;
}

impl NumpyElement for f64 {
    const SCIENTIFIC_AT_OR_ABOVE: Self = 1e8;
    const SCIENTIFIC_BELOW: Self = 1e-4;
    const SCIENTIFIC_RATIO: Self = 1e3;

    fn abs(self) -> Self {
        f64::abs(self)
    }

    fn to_f64(self) -> f64 {
        self
    }

    const MANTISSA_DIGITS: u32 = f64::MANTISSA_DIGITS;

    fn narrow_power_of_two(self) -> Option<i32> {
        // Bits: sign, 11 of biased exponent (bias 1023), 52 of fraction.
        let biased = (self.to_bits() >> 52) & 0x7ff;
        let fraction = self.to_bits() & ((1 << 52) - 1);
        (fraction == 0 && (2..0x7ff).contains(&biased)).then(|| biased as i32 - 1023)
    }
}

impl NumpyElement for f32 {
    const SCIENTIFIC_AT_OR_ABOVE: Self = 1e6;
    const SCIENTIFIC_BELOW: Self = 1e-4;
    const SCIENTIFIC_RATIO: Self = 1e3;

    fn abs(self) -> Self {
        f32::abs(self)
    }

    fn to_f64(self) -> f64 {
        f64::from(self)
    }

    const MANTISSA_DIGITS: u32 = f32::MANTISSA_DIGITS;

    fn narrow_power_of_two(self) -> Option<i32> {
        // Bits: sign, 8 of biased exponent (bias 127), 23 of fraction.
        let biased = (self.to_bits() >> 23) & 0xff;
        let fraction = self.to_bits() & ((1 << 23) - 1);
        (fraction == 0 && (2..0xff).contains(&biased)).then(|| biased as i32 - 127)
    }
}

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
    /// The shortest digits that read back as `magnitude`, a value of its own type; of those, the
    /// nearest, and of two as near, the even one.
    ///
    /// `core`'s `{:e}` gives the shortest length and the nearest digits, but breaks a tie upwards,
    /// where numpy's Dragon4 goes to even: `496.765625f32` reads back from both `496.76562` and
    /// `496.76563`, and numpy prints the first. So the exact value rounded to that length (ties
    /// to even) is taken instead, when it reads back. It always does, but at a power of two,
    /// where the float below is nearer than the float above: there it may be too far below.
    fn shortest<T: NumpyElement>(magnitude: T) -> Self {
        let core_choice = Self::parse(format_args!("{magnitude:e}"));
        let nearest = Self::rounded(magnitude, core_choice.len as i32);
        if nearest.same_as(&core_choice) {
            return core_choice;
        }
        let reads_back = match magnitude.narrow_power_of_two() {
            None => true,
            // Of 2^k, two different candidates of the same length mean one of two things. Either
            // they tie: the value's exact digits (those of 5^-k, the last at 10^k, so k < 0) are
            // one more than the length; then `nearest` is 10^(k+1) / 2 below and reads back if
            // that is within half the gap below, 2^(k - MANTISSA_DIGITS) / 2. Or `nearest` is
            // nearer than `core_choice` and core passed it over: it does not read back.
            Some(k) => {
                let exact_len = core_choice.exponent - k + 1;
                k < 0 && exact_len == core_choice.len as i32 + 1 && {
                    // 10^(k+1) <= 2^(k - p) is 2^(p+1) <= 5^(-k-1).
                    let power_of_five =
                        (0..-k - 1).try_fold(1u128, |power, _| power.checked_mul(5));
                    power_of_five.is_none_or(|power| power >= 1 << (T::MANTISSA_DIGITS + 1))
                }
            }
        };
        if reads_back {
            nearest
        } else {
            core_choice
        }
    }

    /// Whether two are the same digits at the same place.
    fn same_as(&self, other: &Self) -> bool {
        self.digits[..self.len] == other.digits[..other.len] && self.exponent == other.exponent
    }

    /// `magnitude` rounded to `significant` digits (at least 1), exactly, ties to even.
    fn rounded<T: NumpyElement>(magnitude: T, significant: i32) -> Self {
        let after_point = significant.max(1) as usize - 1;
        Self::parse(format_args!("{magnitude:.after_point$e}"))
    }

    /// Shortest digits, but no more than `PRECISION` after the decimal point of the positional form.
    fn positional<T: NumpyElement>(magnitude: T) -> Self {
        let shortest = Self::shortest(magnitude);
        if shortest.fraction_len_positional() <= PRECISION as usize {
            shortest
        } else {
            Self::rounded(magnitude, shortest.exponent + 1 + PRECISION)
        }
    }

    /// Shortest digits, but no more than `PRECISION` after the point of `d.ddd`.
    fn scientific<T: NumpyElement>(magnitude: T) -> Self {
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
    fn for_elements<T: NumpyElement>(elements: &[T]) -> Self {
        let mut non_zero_magnitudes = elements
            .iter()
            .map(|x| x.abs())
            .filter(|magnitude| magnitude.to_f64().is_finite() && magnitude.to_f64() != 0.0);
        let scientific = non_zero_magnitudes.next().is_some_and(|first| {
            let (smallest, largest) = non_zero_magnitudes.fold((first, first), |(s, l), m| {
                (if m < s { m } else { s }, if m > l { m } else { l })
            });
            largest >= T::SCIENTIFIC_AT_OR_ABOVE
                || smallest < T::SCIENTIFIC_BELOW
                || largest / smallest > T::SCIENTIFIC_RATIO
        });

        let mut layout = Self {
            scientific,
            pad_left: 0,
            pad_right: 0,
            fraction_digits: 0,
            exponent_digits: 0,
        };
        let finite = elements.iter().copied().filter(|x| x.to_f64().is_finite());
        for x in finite.clone() {
            let sign = usize::from(x.to_f64().is_sign_negative());
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
        let has_negative_infinity = elements.iter().any(|x| x.to_f64() == f64::NEG_INFINITY);
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
    fn write_element<T: NumpyElement>(
        &self,
        out: &mut impl Write,
        element: T,
    ) -> Result<usize, fmt::Error> {
        let x = element.to_f64();
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
            // Every element gets the same count of digits, numpy's `min_digits`: an element with
            // fewer shortest digits gets the exact value rounded there, not its shortest digits
            // padded with zeros. For an f64 the two differ only for subnormals, whose shortest
            // form can be shorter than their value's digits; for an f32 they often do: 0.1f32
            // padded to 8 digits is 1.00000001e-01. An element with that many shortest digits
            // keeps them: at a power of two the exact value rounded can fail to read back
            // (2^87 as an f32 is 1.5474251e+26; rounded, 1.5474250e+26).
            let digits = match Digits::shortest(element.abs()) {
                shortest if shortest.len == 1 + self.fraction_digits => shortest,
                _ => Digits::rounded(element.abs(), 1 + self.fraction_digits as i32),
            };
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
            let digits = Digits::positional(element.abs());
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

/// Numbers in row-major order, shown as numpy's `print` shows a 2-D array of `columns` columns:
/// what a [`Matrix`](crate::Matrix)'s `Display` writes, for numbers that are not in a matrix
/// whose shape is known when the program is compiled (a slice read at run time, say).
///
/// ```
/// use stacknet::NumpyArray;
///
/// let z = [0.01288433, 0.99223799, 0.0020061];
/// assert_eq!(NumpyArray::new(&z, 1).to_string(), "[[0.01288433]\n [0.99223799]\n [0.0020061 ]]");
/// let single = [0.5f32, -1.0, 0.25, 2.0];
/// assert_eq!(NumpyArray::new(&single, 2).to_string(), "[[ 0.5  -1.  ]\n [ 0.25  2.  ]]");
/// ```
///
/// Rows hold `columns` numbers each; when the numbers do not fill the last row, it holds what is
/// left. With no numbers, or no columns, it shows numpy's empty `[]`.
#[derive(Clone, Copy, Debug)]
pub struct NumpyArray<'a, T> {
    /// The numbers, row after row.
    elements: &'a [T],
    /// How many numbers make a row.
    columns: usize,
}

impl<'a, T: crate::Float> NumpyArray<'a, T> {
    /// Returns `elements` shown `columns` to a row.
    #[must_use]
    pub const fn new(elements: &'a [T], columns: usize) -> Self {
        Self { elements, columns }
    }
}

impl<T: crate::Float> fmt::Display for NumpyArray<'_, T> {
    /// Writes the numbers as numpy's `print(array)` does, character for character, for up to
    /// 1000 numbers (see the module's rules for larger ones).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_matrix(f, self.elements, self.columns)
    }
}

/// Writes `elements`, `columns` to a row, as numpy prints a 2-D array of that shape.
pub(crate) fn write_matrix<T: NumpyElement>(
    out: &mut impl Write,
    elements: &[T],
    columns: usize,
) -> fmt::Result {
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
fn write_row<T: NumpyElement>(out: &mut impl Write, row: &[T], layout: &Layout) -> fmt::Result {
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
    use std::string::{String, ToString};

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

    /// `elements` of either type, `columns` to a row, as `write_matrix` prints them.
    fn print<T: NumpyElement>(elements: &[T], columns: usize) -> String {
        let mut text = String::new();
        write_matrix(&mut text, elements, columns).unwrap();
        text
    }

    #[test]
    fn f32_elements_print_with_f32_digits() {
        // (elements, one column each, numpy's print of them as float32)
        let table: [(&[f32], &str); 8] = [
            // 496.765625 reads back from 496.76562 and 496.76563, equally near: numpy takes the
            // even one, core the upper.
            (&[496.0 + 49.0 / 64.0], "[[496.76562]]"),
            // 2^87: its nearest 8 digits, 1.5474250e+26, read back as the float below.
            (
                &[f32::from_bits(0x6b00_0000), 1.0],
                "[[1.5474251e+26]\n [1.0000000e+00]]",
            ),
            (&[0.1], "[[0.1]]"),
            // 1/3 is 0.33333334 as an f32; as an f64 (below the table), 0.33333333.
            (&[0.1, 1.0 / 3.0], "[[0.1       ]\n [0.33333334]]"),
            // Scientific from 1e6 for float32, where float64 waits for 1e8.
            (&[1e6, 5e5], "[[1.e+06]\n [5.e+05]]"),
            // 1e-4 is compared as an f32: 1e-4f32 (below the real 1e-4) stays positional.
            (&[1e-4, 0.05], "[[0.0001]\n [0.05  ]]"),
            // 0.1f32 padded to 8 digits shows its exact value, not zeros. 1.11597575e-17 needs
            // all 9 of an f32's digits (its neighbour above is 1.1159758e-17).
            (
                &[f32::from_bits(0x234d_dc77), 0.1],
                "[[1.11597575e-17]\n [1.00000001e-01]]",
            ),
            // The smallest subnormal's shortest form is 1e-45; padded, its exact value.
            (&[1e-45, 1.0 / 3.0], "[[1.4012985e-45]\n [3.3333334e-01]]"),
        ];
        for (elements, expected) in table {
            assert_eq!(print(elements, 1), expected, "f32 elements {elements:?}");
        }
        assert_eq!(
            print(&[0.1f64, 1.0 / 3.0], 1),
            "[[0.1       ]\n [0.33333333]]"
        );
    }

    #[test]
    fn f32_notation_test_divides_in_f32() {
        // 1130.4229 / 1.1304228 is just over 1000, but the f32 quotient rounds to 1000.0.
        let (largest, smallest) = (1130.4229f32, 1.1304228f32);
        assert_eq!(largest / smallest, 1000.0);
        assert!(f64::from(largest) / f64::from(smallest) > 1000.0);
        assert_eq!(
            print(&[largest, smallest], 1),
            "[[1130.4229   ]\n [   1.1304228]]"
        );
        assert_eq!(
            print(&[f64::from(largest), f64::from(smallest)], 1),
            "[[1.13042285e+03]\n [1.13042283e+00]]"
        );
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
