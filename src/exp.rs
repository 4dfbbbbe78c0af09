//! `exp(x)`, the natural exponential, written here because `core` has none.
//!
//! ```
//! use stacknet::exp;
//!
//! assert_eq!(exp(0.0), 1.0);
//! assert!((exp(1.0f64) - 2.718281828459045).abs() <= f64::EPSILON * 2.718281828459045);
//! assert_eq!(exp(1.0f32), core::f32::consts::E); // the same function in single precision
//! assert_eq!(exp(f64::NEG_INFINITY), 0.0);
//! ```
//!
//! # Method
//!
//! The method is the table-driven one of musl's and ARM's current `exp`, written afresh:
//!
//! 1. **Reduce.** Write `x = k ln2/N + r` with `N = 128`, `k = round(x N / ln2)` and
//!    `|r| <= ln2 / 256`. `ln2/N` is split into a high part with trailing zero bits, so that
//!    `k * high` is exact, and a low part that carries the rest: `r` is then accurate far beyond
//!    the 53 bits of a double.
//! 2. **Look up.** Split `k = 128 e + j` with `0 <= j < 128`; then
//!    `exp(x) = 2^e * 2^(j/128) * exp(r)`. The 128 values `2^(j/128)` are a table, each stored as
//!    the nearest double and a relative tail holding the bits that did not fit. The table is
//!    computed at compile time by [`table`], in double-double arithmetic.
//! 3. **Approximate.** `exp(r) - 1` is a Taylor polynomial of degree 5: since `|r| < 0.0028`, the
//!    first term left out, `r^6 / 720`, is below `1e-18`, a hundredth of the last bit of the result.
//! 4. **Scale.** `2^e` goes straight into the exponent bits of the table entry: no division and no
//!    multiplication by a power of two on the common path.
//!
//! Special cases: NaN gives NaN; `+inf` gives `+inf` and `-inf` gives `0`; above
//! [`OVERFLOW_THRESHOLD`] the result overflows to `+inf`; below [`UNDERFLOW_THRESHOLD`] it is `0`;
//! in between, results that fall below `2^-1022` come out as correctly placed subnormals.
//!
//! Accuracy: about 0.5 ulp (the final rounding, plus well under 0.01 ulp from everything before
//! it). The test `tests/exp_sweep.rs` checks at most 1 ulp from std's `f64::exp` on ten million
//! points over `[-745, 710]`, and exact results for the special values.

mod single;
mod table;
mod table_free;

use crate::Float;
pub(crate) use single::{exp_f32, exp_f32_lanes};
use table::{EXP2_HIGH, EXP2_TAIL, TABLE_BITS, TABLE_SIZE};

/// Beyond this `x`, `exp(x)` exceeds `f64::MAX` after rounding: `0x40862e42fefa39ef`, the
/// double just below `ln(f64::MAX) = 709.78271289338399684...`.
pub const OVERFLOW_THRESHOLD: f64 = f64::from_bits(0x4086_2e42_fefa_39ef);

/// Below this `x`, `exp(x)` rounds to zero: `0xc0874910d52d3051`, the double just above
/// `ln(2^-1075) = -745.13321910194120762...`, half of the smallest subnormal.
pub const UNDERFLOW_THRESHOLD: f64 = f64::from_bits(0xc087_4910_d52d_3051);

/// `N / ln2` with `N = 128`, the factor that turns `x` into table steps (`0x1.71547652b82fep+7`).
const TABLE_STEPS_PER_UNIT: f64 = f64::from_bits(0x4067_1547_652b_82fe);

/// High part of `ln2 / 128`: its last 20 bits are zero, so `k * LN2_OVER_N_HIGH` is exact for
/// every `|k| < 2^20` (ours stay below `2^18`). Value `0x1.62e42fefp-8`.
const LN2_OVER_N_HIGH: f64 = f64::from_bits(0x3f76_2e42_fef0_0000);

/// `ln2 / 128 - LN2_OVER_N_HIGH`, rounded: `0x1.473de6af278edp-41`, computed with 80-digit
/// decimal arithmetic from `ln2 = 0.693147180559945309417232121458176568...`.
const LN2_OVER_N_LOW: f64 = f64::from_bits(0x3d64_73de_6af2_78ed);

/// Adding `1.5 * 2^52` to a double below `2^51` in size rounds it to an integer (the sum has no
/// bits left for a fraction) in round-to-nearest mode; subtracting it again gives `round(z)`.
const ROUND_SHIFT: f64 = f64::from_bits(0x4338_0000_0000_0000);

/// Taylor coefficients of `exp(r) - 1` beyond `r`: `1/2!`, `1/3!`, `1/4!`, `1/5!`.
const INV_FACTORIAL_2: f64 = 0.5;
const INV_FACTORIAL_3: f64 = 1.0 / 6.0;
const INV_FACTORIAL_4: f64 = 1.0 / 24.0;
const INV_FACTORIAL_5: f64 = 1.0 / 120.0;

/// Largest `|x|` for the fast path. Up to it, `2^e` and every intermediate product are normal
/// doubles, so scaling is a single add to the exponent bits; `exp(+-704)` is about `2^+-1016`,
/// safely inside the normal range `2^-1022 .. 2^1024`. Beyond it, [`exp_far`] takes over.
const FAST_RANGE: f64 = 704.0;

/// The mask of a double's 52 fraction bits.
const FRACTION_MASK: u64 = (1 << 52) - 1;

/// Offset used near overflow: scale by `2^(e - 1009)` first, then by `2^1009` at the end.
const OVERFLOW_OFFSET: i64 = 1009;
/// `2^1009`, `0x7f00000000000000`.
const TWO_POW_OVERFLOW_OFFSET: f64 = f64::from_bits(0x7f00_0000_0000_0000);

/// Offset used near underflow: scale by `2^(e + 1022)` first, then by `2^-1022` at the end.
const UNDERFLOW_OFFSET: i64 = 1022;
/// `2^-1022`, the smallest normal double.
const TWO_POW_NEG_UNDERFLOW_OFFSET: f64 = f64::MIN_POSITIVE;

/// Returns `e^x`, within about half an ulp of the exact value, for an `f64` or an `f32`.
///
/// For `f64` it is the method of this module; for `f32`, the method of `single.rs`, in single
/// precision only (no `f64` arithmetic, which a Cortex-M4F would do in software).
///
/// The method is table-driven, as in musl's current `exp`: reduce `x = k ln2/128 + r` with
/// `|r| <= ln2/256`, look up `2^(j/128)` for `j = k mod 128` in a table computed at compile
/// time, approximate `e^r` by a degree-5 polynomial, and put `2^(k div 128)` into the exponent
/// bits. No division; about 0.5 ulp from the exact value, and at most 1 ulp from std's
/// `f64::exp` on the ten million points of the test sweep. Results below `2^-1022` are rounded
/// once, to the subnormal grid.
///
/// Special values follow IEEE 754:
///
/// ```
/// use stacknet::exp;
///
/// assert!(exp(f64::NAN).is_nan());
/// assert_eq!(exp(f64::INFINITY), f64::INFINITY);
/// assert_eq!(exp(-0.0), 1.0);
/// assert_eq!(exp(710.0), f64::INFINITY); // overflow
/// assert_eq!(exp(-746.0), 0.0); // underflow
/// assert_eq!(exp(-745.0), 5e-324); // the smallest subnormal
/// ```
#[inline]
#[must_use]
pub fn exp<T: Float>(x: T) -> T {
    x.exponential()
}

/// Returns `e^x` for an `f64`: the method of this module. [`exp`] calls it for `f64`.
#[inline]
#[must_use]
pub(crate) fn exp_f64(x: f64) -> f64 {
    // The feature `table-free-f64-exp` swaps in a method without the table, for chips that copy
    // tables into a small RAM (AVR); see table_free.rs.
    if cfg!(feature = "table-free-f64-exp") {
        return table_free::exp_f64(x);
    }
    if is_fast(x) {
        exp_fast(x)
    } else {
        exp_far(x)
    }
}

/// Returns `exp(x)` of each lane, bit for bit what [`exp_f64`] returns for it, computed so that
/// the compiler can put the lanes side by side in vector registers: the common path for every
/// lane first, with no branch, and then the rare lanes again, one by one.
#[inline(always)]
#[must_use]
pub(crate) fn exp_f64_lanes<const L: usize>(x: [f64; L]) -> [f64; L] {
    // The same method as one at a time, with or without the table.
    if cfg!(feature = "table-free-f64-exp") {
        return x.map(table_free::exp_f64);
    }
    let mut result = [0.0; L];
    for (result, &x) in result.iter_mut().zip(&x) {
        *result = exp_fast(x);
    }
    // One test for all lanes, without a branch per lane, so that the compiler keeps the lanes
    // of the common path together rather than giving each lane a branch of its own.
    let all_fast = x.iter().fold(true, |all, &x| all & is_fast(x));
    if !all_fast {
        for (result, &x) in result.iter_mut().zip(&x) {
            if !is_fast(x) {
                *result = exp_far(x);
            }
        }
    }
    result
}

/// Whether `x` takes the common path: `|x| <= FAST_RANGE`, which NaN fails.
#[inline(always)]
fn is_fast(x: f64) -> bool {
    x.abs() <= FAST_RANGE
}

/// `exp(x)` by the common path, for `|x| <= FAST_RANGE`; any other `x` gives a meaningless
/// number (never a panic), which the callers replace.
#[inline(always)]
fn exp_fast(x: f64) -> f64 {
    let reduced = Reduced::new(x);
    // Step 4: 2^e goes into the exponent field.
    let scale = with_exponent_added(reduced.two_pow_j_over_n, reduced.e);
    scale + scale * reduced.correction
}

/// `exp(x)` split by steps 1 to 3 of the method: `2^e * two_pow_j_over_n * (1 + correction)`.
struct Reduced {
    e: i64,
    two_pow_j_over_n: f64,
    correction: f64,
}

impl Reduced {
    /// Reduces `x`, which must satisfy `|x| < 746` for a meaningful result; any other `x`,
    /// NaN included, gives meaningless numbers and no panic.
    #[inline(always)]
    fn new(x: f64) -> Self {
        // Step 1: x = k ln2/N + r. With |x| < 746, |k| < 2^18: small enough for the rounding
        // trick and for the exact product with the high part of ln2/N.
        let shifted = x * TABLE_STEPS_PER_UNIT + ROUND_SHIFT;
        let k_float = shifted - ROUND_SHIFT;
        let r = (x - k_float * LN2_OVER_N_HIGH) - k_float * LN2_OVER_N_LOW;
        // The fraction bits of `shifted` hold 2^51 + k: k as an integer, without a conversion.
        let k = (shifted.to_bits() & FRACTION_MASK) as i64 - (1 << 51);

        // Step 2: k = 128 e + j. The shift floors, so j is in 0..128 for negative k too.
        let j = (k & (TABLE_SIZE as i64 - 1)) as usize;
        let (two_pow_j_over_n, tail) = (EXP2_HIGH[j], f64::from(EXP2_TAIL[j]));

        // Step 3: exp(r) - 1, plus the table's tail, as one small correction term:
        // high * (1 + tail) * (1 + expm1(r)) ~= high * (1 + tail + expm1(r)), the product
        // tail * expm1(r) being below 1e-19.
        let r2 = r * r;
        let correction = tail
            + r
            + r2 * (INV_FACTORIAL_2 + r * INV_FACTORIAL_3)
            + r2 * r2 * (INV_FACTORIAL_4 + r * INV_FACTORIAL_5);
        Self {
            e: k >> TABLE_BITS,
            two_pow_j_over_n,
            correction,
        }
    }
}

/// `exp(x)` for NaN, infinities and `|x| > FAST_RANGE`: overflow, underflow and subnormal results.
#[cold]
fn exp_far(x: f64) -> f64 {
    if x.is_nan() {
        return x + x; // a quiet NaN
    }
    if x > OVERFLOW_THRESHOLD {
        return f64::INFINITY;
    }
    if x < UNDERFLOW_THRESHOLD {
        return 0.0;
    }
    let reduced = Reduced::new(x);
    if x > 0.0 {
        // Near overflow 2^e itself may not be a double: scale in two steps.
        let scale = with_exponent_added(reduced.two_pow_j_over_n, reduced.e - OVERFLOW_OFFSET);
        (scale + scale * reduced.correction) * TWO_POW_OVERFLOW_OFFSET
    } else {
        let scale = with_exponent_added(reduced.two_pow_j_over_n, reduced.e + UNDERFLOW_OFFSET);
        subnormal_result(scale, reduced.correction)
    }
}

/// Returns `value * 2^e` by adding `e` to the exponent bits; `value` and the result must be normal.
#[inline]
fn with_exponent_added(value: f64, e: i64) -> f64 {
    // Two's complement wrapping makes a negative `e` subtract from the exponent field.
    f64::from_bits(value.to_bits().wrapping_add((e as u64) << 52))
}

/// Returns `scale * (1 + correction) * 2^-1022` for a result near or below `2^-1022`.
///
/// Computing `scale * (1 + correction)` and then multiplying by `2^-1022` would round twice: once
/// to 53 bits, and again to the coarser subnormal grid. Instead the sum is rounded once, on the
/// right grid: adding `1.0` to a value below 1 rounds it to a multiple of `2^-52`, which is the
/// subnormal spacing `2^-1074` once scaled by `2^-1022`.
fn subnormal_result(scale: f64, correction: f64) -> f64 {
    let sum = scale + scale * correction;
    if sum >= 1.0 {
        // The result is normal after all: one rounding, then an exact scaling.
        return sum * TWO_POW_NEG_UNDERFLOW_OFFSET;
    }
    // `sum_error` is what rounding `sum` lost; carry it into the final, single rounding.
    let sum_error = (scale - sum) + scale * correction;
    let one_plus_sum = 1.0 + sum;
    let one_plus_sum_error = ((1.0 - one_plus_sum) + sum) + sum_error;
    let rounded = (one_plus_sum + one_plus_sum_error) - 1.0;
    rounded * TWO_POW_NEG_UNDERFLOW_OFFSET
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values whose `exp` is exactly representable, or fixed by IEEE 754.
    #[test]
    fn exact_special_values() {
        let cases: [(f64, f64); 8] = [
            (0.0, 1.0),
            (-0.0, 1.0),
            (f64::INFINITY, f64::INFINITY),
            (f64::NEG_INFINITY, 0.0),
            (1000.0, f64::INFINITY),
            (-1000.0, 0.0),
            (f64::MAX, f64::INFINITY),
            (f64::MIN, 0.0),
        ];
        for (x, expected) in cases {
            assert_eq!(exp(x).to_bits(), expected.to_bits(), "exp({x:e})");
        }
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn thresholds_are_where_results_stop_being_finite_or_nonzero() {
        assert!(exp(OVERFLOW_THRESHOLD).is_finite());
        assert_eq!(exp(OVERFLOW_THRESHOLD.next_up()), f64::INFINITY);
        assert_eq!(
            exp(UNDERFLOW_THRESHOLD),
            f64::from_bits(1),
            "smallest subnormal"
        );
        assert_eq!(exp(UNDERFLOW_THRESHOLD.next_down()), 0.0);
    }

    #[test]
    fn tiny_arguments_round_to_one_plus_x() {
        // exp(x) = 1 + x + ...: below half an ulp of 1 that rounds to 1; just below 1 the
        // doubles are 2^-53 apart, so 1 - 1e-16 rounds to the first of them.
        assert_eq!(exp(1e-300), 1.0);
        assert_eq!(exp(f64::from_bits(1)), 1.0);
        assert_eq!(exp(-1e-17), 1.0);
        assert_eq!(exp(-1e-16), 1.0f64.next_down());
    }

    /// The lanes compute what one value at a time computes, bit for bit, whichever lanes take
    /// the rare path: a sweep over the whole range in groups of four neighbours, and every
    /// group of four from a list of special values (NaN, infinities, overflow, subnormals).
    #[test]
    fn lanes_are_exp_of_each_lane() {
        let check = |lanes: [f64; 4]| {
            for (result, x) in exp_f64_lanes(lanes).into_iter().zip(lanes) {
                assert_eq!(
                    result.to_bits(),
                    exp_f64(x).to_bits(),
                    "exp({x:e}) in lanes"
                );
            }
        };
        for i in -7600..7600 {
            let x = f64::from(i) * 0.0987;
            check([x, -x, x * 0.5, x + 0.01]);
        }
        let special = [
            0.0,
            -1.5,
            700.0,
            709.9,
            -740.0,
            f64::NAN,
            f64::INFINITY,
            -1e-300,
            1.0,
            -745.2,
            f64::MAX,
            3.25,
            f64::NEG_INFINITY,
            -708.5,
            704.0,
            -704.5,
        ];
        for window in special.windows(4) {
            check(window.try_into().expect("a window of four"));
        }
    }

    /// A table of known values, each the correctly rounded double of `e^x`.
    #[test]
    fn known_values() {
        const CASES: [(f64, f64); 6] = [
            (1.0, core::f64::consts::E),
            (-1.0, 0.36787944117144233),
            (core::f64::consts::LN_2, 2.0),
            (0.5, 1.6487212707001282),
            (10.0, 22026.465794806718),
            (-700.0, 9.85967654375977e-305),
        ];
        for (x, expected) in CASES {
            assert_eq!(exp(x), expected, "exp({x})");
        }
    }
}
