//! The table of `2^(j/128)` that [`exp`](super::exp) reads, computed at compile time.
//!
//! ```text
//! 2^(j/128) = EXP2_HIGH[j] * (1 + EXP2_TAIL[j])  to about 1e-23
//! ```
//!
//! A double holds 53 bits of `2^(j/128)`; the tail keeps the next 24, as an `f32`, so that the
//! table adds no error that a double result could show. The values come from a `const fn`, so the
//! table is reproducible
//! from this file alone: `2^(1/128) = exp(ln2 / 128)` is summed as a Taylor series, then
//! multiplied up 127 times, all in double-double arithmetic (a pair of doubles whose sum carries
//! about 106 bits). Each multiplication adds a relative error near `2^-104`, so after 127 of them
//! the entries are still good to about `1e-29`, far below the `1e-16` that a double can see.

/// `log2` of the table size.
pub(super) const TABLE_BITS: u32 = 7;

/// Entries in the table: `N = 128` steps per power of two. musl and glibc use the same size; a
/// larger table shrinks the reduced argument, a smaller one needs a longer polynomial.
pub(super) const TABLE_SIZE: usize = 1 << TABLE_BITS;

/// The double nearest `2^(j/128)`, for each `j` in `0..128`. A `static`, not a `const`: one copy
/// in memory (1 KiB), under its own name in a firmware image's symbol table.
pub(super) static EXP2_HIGH: [f64; TABLE_SIZE] = high_parts(build_table());

/// The relative remainder `(2^(j/128) - high) / high` of each entry of [`EXP2_HIGH`], rounded to
/// an `f32`. A tail is below `2^-53`, so rounding it to 24 bits leaves an error below `2^-77` of
/// the result, 24 bits below half an ulp of a double; as an `f32` the tails take half a KiB, not
/// one, which keeps a firmware's code within its flash budget.
pub(super) static EXP2_TAIL: [f32; TABLE_SIZE] = tails(build_table());

/// The high part of each entry of `table`.
const fn high_parts(table: [(f64, f64); TABLE_SIZE]) -> [f64; TABLE_SIZE] {
    let mut highs = [0.0; TABLE_SIZE];
    let mut j = 0;
    while j < TABLE_SIZE {
        highs[j] = table[j].0;
        j += 1;
    }
    highs
}

/// The tail of each entry of `table`, rounded to `f32`.
const fn tails(table: [(f64, f64); TABLE_SIZE]) -> [f32; TABLE_SIZE] {
    let mut tails = [0.0; TABLE_SIZE];
    let mut j = 0;
    while j < TABLE_SIZE {
        tails[j] = table[j].1 as f32;
        j += 1;
    }
    tails
}

/// `ln 2` as a double-double: `0x1.62e42fefa39efp-1 + 0x1.abc9e3b39803fp-56`, the first 106 bits
/// of `0.69314718055994530941723212145817656807...`.
const LN2: DoubleDouble = DoubleDouble {
    high: f64::from_bits(0x3fe6_2e42_fefa_39ef),
    low: f64::from_bits(0x3c7a_bc9e_3b39_803f),
};

/// Taylor terms of `exp(ln2 / 128)` to sum: the argument is `0.0054`, so each term is at least
/// 180 times smaller than the one before, and the 15th is below `1e-40`.
const TAYLOR_TERMS: u32 = 15;

/// Veltkamp's splitting constant `2^27 + 1`: multiplying by it splits a double into two halves
/// of 26 bits, whose products with other halves are exact.
const SPLITTER: f64 = 134_217_729.0;

/// A number held as an unevaluated sum `high + low`, with `|low|` at most half an ulp of `high`.
#[derive(Clone, Copy, Debug)]
struct DoubleDouble {
    high: f64,
    low: f64,
}

impl DoubleDouble {
    const ONE: Self = Self::from_f64(1.0);

    const fn from_f64(value: f64) -> Self {
        Self {
            high: value,
            low: 0.0,
        }
    }

    /// Returns `a + b` exactly as a double-double, given `|a| >= |b|` (Dekker's fast two-sum).
    const fn from_ordered_sum(a: f64, b: f64) -> Self {
        let high = a + b;
        Self {
            high,
            low: b - (high - a),
        }
    }

    /// Returns `a * b` exactly as a double-double (Dekker's two-product, without FMA).
    const fn from_product(a: f64, b: f64) -> Self {
        let product = a * b;
        let (a_high, a_low) = split(a);
        let (b_high, b_low) = split(b);
        let error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low;
        Self {
            high: product,
            low: error,
        }
    }

    const fn add(self, other: Self) -> Self {
        // Knuth's two-sum of the high parts, which works whatever their order of size.
        let sum = self.high + other.high;
        let other_share = sum - self.high;
        let sum_error = (self.high - (sum - other_share)) + (other.high - other_share);
        Self::from_ordered_sum(sum, sum_error + self.low + other.low)
    }

    const fn mul(self, other: Self) -> Self {
        let product = Self::from_product(self.high, other.high);
        let cross_terms = self.high * other.low + self.low * other.high;
        Self::from_ordered_sum(product.high, product.low + cross_terms)
    }

    /// Divides by a small whole number, exactly representable as a double.
    const fn div_small(self, divisor: f64) -> Self {
        let first = self.high / divisor;
        let back = Self::from_product(first, divisor);
        let remainder = ((self.high - back.high) - back.low) + self.low;
        Self::from_ordered_sum(first, remainder / divisor)
    }

    /// Multiplies by a power of two, which is exact.
    const fn scale(self, power_of_two: f64) -> Self {
        Self {
            high: self.high * power_of_two,
            low: self.low * power_of_two,
        }
    }
}

/// Splits `a` into `(high, low)` with `a = high + low`, each fitting in 26 bits.
const fn split(a: f64) -> (f64, f64) {
    let t = SPLITTER * a;
    let high = t - (t - a);
    (high, a - high)
}

/// Returns `exp(x)` for a small `x` by its Taylor series `1 + x + x^2/2! + ...`.
const fn exp_small(x: DoubleDouble) -> DoubleDouble {
    let mut sum = DoubleDouble::ONE;
    let mut term = DoubleDouble::ONE;
    let mut n = 1;
    while n <= TAYLOR_TERMS {
        term = term.mul(x).div_small(n as f64);
        sum = sum.add(term);
        n += 1;
    }
    sum
}

/// Returns `(high, tail)` for each `j`, the tail in full double precision: [`EXP2_HIGH`] and
/// [`EXP2_TAIL`] are made from it, and so is [`single`](super::single)'s table, which narrows every
/// other entry to a pair of `f32`.
pub(super) const fn build_table() -> [(f64, f64); TABLE_SIZE] {
    let step = exp_small(LN2.scale(1.0 / TABLE_SIZE as f64));
    let mut table = [(0.0, 0.0); TABLE_SIZE];
    let mut power = DoubleDouble::ONE;
    let mut j = 0;
    while j < TABLE_SIZE {
        table[j] = (power.high, power.low / power.high);
        power = power.mul(step);
        j += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative error allowed when an entry, raised to the 128th power, is compared with `2^j`.
    /// Each entry is good to about 1e-29; seven squarings multiply a relative error by 128 and add
    /// about 1e-31 each, so about 1.3e-27 is expected. 1e-26 leaves room, and is still ten
    /// orders of magnitude below what a wrong tail (an error near 1e-17, so 1e-15 after raising)
    /// would show.
    const POWER_TOLERANCE: f64 = 1e-26;

    #[test]
    fn first_entry_is_exactly_one() {
        assert_eq!((EXP2_HIGH[0], EXP2_TAIL[0]), (1.0, 0.0));
    }

    /// Bound on the error of a tail stored as an `f32`, relative to the entry: the tail is below
    /// 2^-53 and `f32` rounding is good to 2^-24 of it.
    const STORED_TAIL_ERROR: f64 = 1.0 / (1u128 << 77) as f64;

    /// The stored table is the built one: the same high parts, and tails within 2^-77.
    #[test]
    fn stored_entries_are_the_built_ones() {
        for (j, &(high, tail)) in build_table().iter().enumerate() {
            assert_eq!(EXP2_HIGH[j], high, "j = {j}");
            let error = (f64::from(EXP2_TAIL[j]) - tail).abs();
            assert!(error <= STORED_TAIL_ERROR, "j = {j}: tail off by {error:e}");
        }
    }

    /// The defining identity, checked without ln2 or the Taylor series: `(2^(j/128))^128 = 2^j`.
    #[test]
    fn entries_raised_to_the_128th_power_are_powers_of_two() {
        for (j, &(high, tail)) in build_table().iter().enumerate() {
            let mut power = DoubleDouble::from_ordered_sum(high, high * tail);
            for _ in 0..TABLE_BITS {
                power = power.mul(power);
            }
            let exact = f64::from_bits((1023 + j as u64) << 52);
            let relative_error = ((power.high - exact) + power.low) / exact;
            assert!(
                relative_error.abs() < POWER_TOLERANCE,
                "j = {j}: (2^(j/128))^128 is off by {relative_error:e}"
            );
        }
    }

    /// Each high part is std's `exp2(j/128)` or a neighbour (std's may be off by one ulp).
    #[test]
    fn high_parts_agree_with_std_exp2() {
        for (j, &(high, tail)) in build_table().iter().enumerate() {
            let reference = (j as f64 / TABLE_SIZE as f64).exp2();
            let ulps = high.to_bits().abs_diff(reference.to_bits());
            assert!(
                ulps <= 1,
                "j = {j}: {high:e} is {ulps} ulps from std's {reference:e}"
            );
            // The tail is what is left over: at most half an ulp of `high`, relatively.
            assert!(tail.abs() <= f64::EPSILON / 2.0, "j = {j}: tail {tail:e}");
        }
    }
}
