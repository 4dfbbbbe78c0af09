//! `exp(x)` for `f32`, in single precision throughout, so that a Cortex-M4F's FPU does all of it.
//!
//! ```
//! use stacknet::exp;
//!
//! assert_eq!(exp(0.0f32), 1.0);
//! assert_eq!(exp(1.0f32), core::f32::consts::E);
//! assert_eq!(exp(f32::NEG_INFINITY), 0.0);
//! ```
//!
//! # Method
//!
//! The steps of the `f64` [`exp`](super::exp), with a smaller table and a shorter polynomial. Most
//! `expf`s (musl's, ARM's) compute in `f64` instead, which is simple and fast where doubles are in
//! hardware; on a Cortex-M4F they are software routines, so everything here stays in `f32`:
//!
//! 1. **Reduce.** Write `x = k ln2/N + r` with `N = 64`, `k = round(x N / ln2)` and
//!    `|r| <= ln2 / 128`. With only 24 bits in an `f32`, `ln2/N` is split in three: a high and a
//!    middle part of 9 significant bits each, so that `k` times either is exact for `|k| < 2^15`,
//!    and a low part that carries the rest. Only the last two subtractions round, each by at most
//!    half an ulp of `r`.
//! 2. **Look up.** Split `k = 64 e + j` with `0 <= j < 64`; then
//!    `exp(x) = 2^e * 2^(j/64) * exp(r)`. The 64 values `2^(j/64)` are a table of the nearest
//!    `f32` and a relative tail, narrowed at compile time from the `f64` exp's double-double table.
//! 3. **Approximate.** `exp(r) - 1` is a Taylor polynomial of degree 3: since `|r| < 0.0055`, the
//!    first term left out, `r^4 / 24`, is below `4e-11`, a four-hundredth of the last bit of the
//!    result.
//! 4. **Scale.** `2^e` goes straight into the exponent bits of the table entry: no division on
//!    any path, and no multiplication by a power of two on the common one.
//!
//! Special cases: NaN gives NaN; `+inf` gives `+inf` and `-inf` gives `0`; for `|x|` up to
//! [`TINY`], `2^-25`, the result is 1 and is returned at once; above
//! [`OVERFLOW_THRESHOLD`] the result overflows to `+inf`; below [`UNDERFLOW_THRESHOLD`] it is `0`;
//! in between, results that fall below `2^-126` come out as correctly placed subnormals.
//!
//! Accuracy: before the final addition, the roundings of `r`, of the correction and of its
//! product with the table entry each add a relative error up to about `2^-31`, and all the rest
//! less than `2^-34`: about `2^-29.5` in all, 0.02 ulp. So the result is within about 0.52 ulp
//! of the exact value, at most one ulp from the correctly rounded `f32`. The test
//! `tests/exp_f32_exhaustive.rs` checks all `2^32` inputs against std's `f64::exp` rounded to
//! `f32`: at most 1 ulp apart everywhere, exact on the special values, and the same `f32` on
//! 99.92% of the inputs whose result is not simply 0, 1 or `+inf`.

use super::table::{build_table, TABLE_BITS as WIDE_TABLE_BITS, TABLE_SIZE as WIDE_TABLE_SIZE};

/// Beyond this `x`, `exp(x)` exceeds `f32::MAX` after rounding: `0x42b17217`, the `f32` just
/// below `ln(2^128 - 2^103) = 88.7228390818706767...`, the midpoint between `f32::MAX` and `2^128`.
const OVERFLOW_THRESHOLD: f32 = f32::from_bits(0x42b1_7217);

/// Below this `x`, `exp(x)` rounds to zero: `0xc2cff1b4`, the `f32` just above
/// `ln(2^-150) = -103.972077083991796...`, half of the smallest subnormal.
const UNDERFLOW_THRESHOLD: f32 = f32::from_bits(0xc2cf_f1b4);

/// `log2` of the table size.
const TABLE_BITS: u32 = 6;

/// Entries in the table: `N = 64` steps per power of two. Half the `f64` table's 128 keeps the
/// reduced argument small enough for a cubic; 32 would need a quartic.
const TABLE_SIZE: usize = 1 << TABLE_BITS;

/// `N / ln2` with `N = 64`, the factor that turns `x` into table steps: `0x42b8aa3b`, that is
/// `92.33248138...`.
const TABLE_STEPS_PER_UNIT: f32 = f32::from_bits(0x42b8_aa3b);

/// High part of `ln2 / 64`: `0x3c318000 = 0x1.63p-7`, 9 significant bits, so `k * LN2_OVER_N_HIGH`
/// is exact for every `|k| < 2^15` (ours stay below `2^14`).
const LN2_OVER_N_HIGH: f32 = f32::from_bits(0x3c31_8000);

/// Middle part of `ln2 / 64`: `0xb65e8000 = -0x1.bdp-19`, again 9 significant bits, so
/// `k * LN2_OVER_N_MIDDLE` is exact too.
const LN2_OVER_N_MIDDLE: f32 = f32::from_bits(0xb65e_8000);

/// `ln2 / 64 - LN2_OVER_N_HIGH - LN2_OVER_N_MIDDLE`, rounded: `0xae02e308 = -0x1.05c61p-35`,
/// computed with 90-digit decimal arithmetic from `ln2 = 0.693147180559945309417232121458...`.
const LN2_OVER_N_LOW: f32 = f32::from_bits(0xae02_e308);

/// Adding `1.5 * 2^23` (`0x4b400000`) to an `f32` below `2^22` in size rounds it to an integer
/// (the sum has no bits left for a fraction) in round-to-nearest mode; subtracting it again gives
/// `round(z)`.
const ROUND_SHIFT: f32 = f32::from_bits(0x4b40_0000);

/// Taylor coefficients of `exp(r) - 1` beyond `r`: `1/2!`, and `1/3!` rounded, `0x3e2aaaab`.
const INV_FACTORIAL_2: f32 = 0.5;
const INV_FACTORIAL_3: f32 = f32::from_bits(0x3e2a_aaab);

/// Largest `|x|` for the fast path: `80.0`, `0x42a00000`. Up to it `|e| <= 116`, so `2^e` is a
/// normal `f32` and scaling is a single add to the exponent bits; and even if `scale * correction`
/// falls below `2^-126`, its absolute error (at most `2^-150`) is below `2^-34` of the result.
/// Beyond it, [`exp_far`] takes over.
const FAST_RANGE: f32 = f32::from_bits(0x42a0_0000);

/// Largest `|x|` whose `exp` rounds to 1: for `|x| <= 2^-25` (`0x33000000`), `e^x` lies strictly
/// between `1 - 2^-25` and `1 + 2^-24`, the midpoints on either side of 1. [`exp_far`] returns
/// `1 + x` for these, which rounds to 1 as well; the fast path would get it right too, but
/// `r * r` falls into the subnormals for `|x| < 2^-63`, and subnormal arithmetic is slow on some
/// processors (x86 takes a microcode assist per operation; a Cortex-M4F does not).
const TINY: f32 = f32::from_bits(0x3300_0000);

/// The sign bit of an `f32`; clearing it leaves the bits of `|x|`.
const SIGN_BIT: u32 = 1 << 31;

/// The mask of an `f32`'s 23 fraction bits.
const FRACTION_MASK: u32 = (1 << 23) - 1;

/// Offset used near overflow: scale by `2^(e - 64)` first, then by `2^64` at the end.
const OVERFLOW_OFFSET: i32 = 64;
/// `2^64`, `0x5f800000`.
const TWO_POW_OVERFLOW_OFFSET: f32 = f32::from_bits(0x5f80_0000);

/// Offset used near underflow: scale by `2^(e + 126)` first, then by `2^-126` at the end.
const UNDERFLOW_OFFSET: i32 = 126;
/// `2^-126`, the smallest normal `f32`, `0x00800000`.
const TWO_POW_NEG_UNDERFLOW_OFFSET: f32 = f32::MIN_POSITIVE;

/// `(high, tail)` for each `j` in `0..64`: `high` is the `f32` nearest `2^(j/64)` and `tail` is
/// `(2^(j/64) - high) / high`, rounded. 512 bytes, a `static` for one copy in memory.
static EXP2_TABLE: [(f32, f32); TABLE_SIZE] = narrow_table(build_table());

/// Narrows entry `2j` of the `f64` table, `2^(2j/128)` to about `1e-29`, to entry `j` of ours.
const fn narrow_table(wide: [(f64, f64); WIDE_TABLE_SIZE]) -> [(f32, f32); TABLE_SIZE] {
    const STRIDE: usize = 1 << (WIDE_TABLE_BITS - TABLE_BITS);
    let mut table = [(0.0, 0.0); TABLE_SIZE];
    let mut j = 0;
    while j < TABLE_SIZE {
        let (wide_high, wide_tail) = wide[j * STRIDE];
        // Rounding the 53-bit `wide_high` to 24 bits could differ from rounding the exact value
        // only if it sat exactly halfway between two f32s; a unit test checks that none does.
        let high = wide_high as f32;
        // `wide_high - high` is exact (the two are within an f32 ulp), so the tail is good to
        // about 2^-48 before its rounding to f32.
        let remainder = (wide_high - high as f64) + wide_high * wide_tail;
        table[j] = (high, (remainder / high as f64) as f32);
        j += 1;
    }
    table
}

/// Returns `e^x` for an `f32`, within about 0.52 ulp of the exact value, computed in `f32` only.
///
/// The method is table-driven, as in the `f64` [`exp`](crate::exp), sized for single precision:
/// reduce `x = k ln2/64 + r` with `|r| <= ln2/128` (`ln2/64` in three parts), look up
/// `2^(j/64)` for `j = k mod 64`, approximate `e^r` by a cubic, and put `2^(k div 64)` into the
/// exponent bits. No division and no `f64`: on a Cortex-M4F it runs on the single-precision FPU
/// alone. At most 1 ulp from the correctly rounded result, checked on all `2^32` inputs. Results
/// below `2^-126` are rounded once, to the subnormal grid.
///
/// Special values follow IEEE 754:
///
/// ```
/// use stacknet::exp;
///
/// assert!(exp(f32::NAN).is_nan());
/// assert_eq!(exp(f32::INFINITY), f32::INFINITY);
/// assert_eq!(exp(-0.0f32), 1.0);
/// assert_eq!(exp(89.0f32), f32::INFINITY); // overflow
/// assert_eq!(exp(-104.0f32), 0.0); // underflow
/// assert_eq!(exp(-103.9f32), 1e-45); // the smallest subnormal
/// ```
#[inline]
pub(crate) fn exp_f32(x: f32) -> f32 {
    if is_fast(x) {
        exp_fast(x)
    } else {
        exp_far(x)
    }
}

/// Returns `exp(x)` of each lane, bit for bit what [`exp_f32`] returns for it, computed so that
/// the compiler can put the lanes side by side in vector registers: the common path for every
/// lane first, with no branch, and then the rare lanes again, one by one.
#[inline(always)]
pub(crate) fn exp_f32_lanes<const L: usize>(x: [f32; L]) -> [f32; L] {
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

/// Whether `x` takes the common path: `TINY < |x| <= FAST_RANGE`, which NaN fails.
#[inline(always)]
fn is_fast(x: f32) -> bool {
    // The bits of |x| are ordered like the values, NaNs above infinity: one unsigned comparison
    // tests TINY < |x| <= FAST_RANGE, the subtraction wrapping the tiny |x| around to the top.
    let magnitude = x.to_bits() & !SIGN_BIT;
    magnitude.wrapping_sub(TINY.to_bits() + 1) < FAST_RANGE.to_bits() - TINY.to_bits()
}

/// `exp(x)` by the common path, for `TINY < |x| <= FAST_RANGE`; any other `x` gives a
/// meaningless number (never a panic), which the callers replace.
#[inline(always)]
fn exp_fast(x: f32) -> f32 {
    let reduced = Reduced::new(x);
    // Step 4: 2^e goes into the exponent field.
    let scale = with_exponent_added(reduced.two_pow_j_over_n, reduced.e);
    scale + scale * reduced.correction
}

/// `exp(x)` split by steps 1 to 3 of the method: `2^e * two_pow_j_over_n * (1 + correction)`.
struct Reduced {
    e: i32,
    two_pow_j_over_n: f32,
    correction: f32,
}

impl Reduced {
    /// Reduces `x`, which must satisfy `|x| < 104` for a meaningful result; any other `x`, NaN
    /// included, gives meaningless numbers and no panic.
    #[inline(always)]
    fn new(x: f32) -> Self {
        // Step 1: x = k ln2/N + r. With |x| < 104, |k| < 2^14: small enough for the rounding
        // trick and for the exact products with the high and middle parts of ln2/N.
        let shifted = x * TABLE_STEPS_PER_UNIT + ROUND_SHIFT;
        let k_float = shifted - ROUND_SHIFT;
        // The first subtraction is exact: x and k * high are close, on a common grid.
        let r = ((x - k_float * LN2_OVER_N_HIGH) - k_float * LN2_OVER_N_MIDDLE)
            - k_float * LN2_OVER_N_LOW;
        // The fraction bits of `shifted` hold 2^22 + k: k as an integer, without a conversion.
        let k = (shifted.to_bits() & FRACTION_MASK) as i32 - (1 << 22);

        // Step 2: k = 64 e + j. The shift floors, so j is in 0..64 for negative k too.
        let j = (k & (TABLE_SIZE as i32 - 1)) as usize;
        let (two_pow_j_over_n, tail) = EXP2_TABLE[j];

        // Step 3: exp(r) - 1, plus the table's tail, as one small correction term:
        // high * (1 + tail) * (1 + expm1(r)) = high * (1 + tail + r tail + r + r^2/2 + r^3/6 + ...).
        // Of the products with the tail, r tail (up to 2^-31.5) is kept and r^2 tail / 2 (below
        // 2^-40) is not. In Horner's form, the small terms summed first and r last.
        let correction = r + (tail + r * (tail + r * (INV_FACTORIAL_2 + r * INV_FACTORIAL_3)));
        Self {
            e: k >> TABLE_BITS,
            two_pow_j_over_n,
            correction,
        }
    }
}

/// `exp(x)` for NaN, infinities, `|x| <= TINY` and `|x| > FAST_RANGE`: results that round to 1,
/// overflow, underflow and subnormal results.
#[cold]
fn exp_far(x: f32) -> f32 {
    if x.is_nan() {
        return x + x; // a quiet NaN
    }
    if x.abs() <= TINY {
        return 1.0 + x; // 1, and IEEE 754's inexact flag unless x is 0
    }
    if x > OVERFLOW_THRESHOLD {
        return f32::INFINITY;
    }
    if x < UNDERFLOW_THRESHOLD {
        return 0.0;
    }
    let reduced = Reduced::new(x);
    if x > 0.0 {
        // Near overflow 2^e itself may not be an f32 (e reaches 128): scale in two steps.
        let scale = with_exponent_added(reduced.two_pow_j_over_n, reduced.e - OVERFLOW_OFFSET);
        (scale + scale * reduced.correction) * TWO_POW_OVERFLOW_OFFSET
    } else {
        let scale = with_exponent_added(reduced.two_pow_j_over_n, reduced.e + UNDERFLOW_OFFSET);
        subnormal_result(scale, reduced.correction)
    }
}

/// Returns `value * 2^e` by adding `e` to the exponent bits; `value` and the result must be normal.
#[inline]
fn with_exponent_added(value: f32, e: i32) -> f32 {
    // Two's complement wrapping makes a negative `e` subtract from the exponent field.
    f32::from_bits(value.to_bits().wrapping_add((e as u32) << 23))
}

/// Returns `scale * (1 + correction) * 2^-126` for a result near or below `2^-126`.
///
/// As in the `f64` exp: rounding `scale * (1 + correction)` to 24 bits and then to the coarser
/// subnormal grid would round twice. Instead the sum is rounded once, on the right grid: adding
/// `1.0` to a value below 1 rounds it to a multiple of `2^-23`, which is the subnormal spacing
/// `2^-149` once scaled by `2^-126`.
fn subnormal_result(scale: f32, correction: f32) -> f32 {
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

    /// Relative error allowed between an entry, `high * (1 + tail)`, and std's `exp2(j/64)` in
    /// `f64`: the entry is good to about `2^-48` (the tail's rounding), std's to `2^-52`.
    const ENTRY_TOLERANCE: f64 = 1e-14;

    /// The most ulps `exp_f32` may be from std's `f64::exp` rounded to `f32`.
    const MAX_ULPS: u32 = 1;

    /// The distance in ulps between two non-negative `f32`s (their bit patterns are ordered like
    /// the numbers).
    fn ulps(a: f32, b: f32) -> u32 {
        a.to_bits().abs_diff(b.to_bits())
    }

    /// Values whose `exp` is exactly representable, or fixed by IEEE 754.
    #[test]
    fn exact_special_values() {
        let cases: [(f32, f32); 10] = [
            (0.0, 1.0),
            (-0.0, 1.0),
            (f32::INFINITY, f32::INFINITY),
            (f32::NEG_INFINITY, 0.0),
            (100.0, f32::INFINITY),
            (-200.0, 0.0),
            (f32::MAX, f32::INFINITY),
            (f32::MIN, 0.0),
            (f32::from_bits(1), 1.0),
            (-f32::from_bits(1), 1.0),
        ];
        for (x, expected) in cases {
            assert_eq!(exp_f32(x).to_bits(), expected.to_bits(), "exp_f32({x:e})");
        }
        assert!(exp_f32(f32::NAN).is_nan());
        assert!(exp_f32(-f32::NAN).is_nan());
    }

    #[test]
    fn thresholds_are_where_results_stop_being_finite_or_nonzero() {
        // 124 ulps below f32::MAX: the next f32 up is past the midpoint between MAX and 2^128.
        assert_eq!(exp_f32(OVERFLOW_THRESHOLD).to_bits(), 0x7f7f_ff84);
        assert_eq!(exp_f32(OVERFLOW_THRESHOLD.next_up()), f32::INFINITY);
        assert_eq!(
            exp_f32(UNDERFLOW_THRESHOLD),
            f32::from_bits(1),
            "smallest subnormal"
        );
        assert_eq!(exp_f32(UNDERFLOW_THRESHOLD.next_down()), 0.0);
    }

    #[test]
    fn tiny_arguments_round_to_one_plus_x() {
        // Just below 1 the f32s are 2^-24 apart, just above 2^-23: exp(x) ~ 1 + x rounds to 1
        // for -2^-25 <= x < 2^-24, and leaves it outside.
        assert_eq!(exp_f32(-TINY), 1.0);
        assert_eq!(exp_f32(TINY), 1.0);
        assert_eq!(exp_f32(-TINY.next_up()), 1.0f32.next_down());
        let half_ulp_above_one = f32::EPSILON / 2.0; // 2^-24
        assert_eq!(exp_f32(half_ulp_above_one.next_down()), 1.0);
        assert_eq!(exp_f32(half_ulp_above_one.next_up()), 1.0f32.next_up());
        // The one-ulp miss the exhaustive sweep meets first: e^(2^-24) = 1 + 2^-24 + 2^-49 + ...
        // lies just above the midpoint 1 + 2^-24, but the 2^-49 is below half an ulp of the
        // correction term, so 1 + 2^-24 is computed, a tie, which rounds to the even 1.
        let ours = exp_f32(half_ulp_above_one);
        assert_eq!(ours, 1.0, "a change of rounding here deserves a look");
        assert_eq!(ulps(ours, 1.0f32.next_up()), MAX_ULPS);
    }

    /// A table of known values, each the correctly rounded `f32` of `e^x`, computed with
    /// 200-bit arithmetic (mpmath).
    #[test]
    fn known_values() {
        const CASES: [(f32, u32); 11] = [
            (1.0, 0x402d_f854),
            (-1.0, 0x3ebc_5ab2),
            (0.5, 0x3fd3_094c),
            (-0.25, 0x3f47_5f7d),
            (1e-3, 0x3f80_20c9),
            (10.0, 0x46ac_14ee),
            (-10.0, 0x383e_6bce),
            (20.0, 0x4de7_5844),
            (88.0, 0x7ef8_82b7),   // the far path, near overflow
            (-87.0, 0x00b3_3687),  // the far path, normal
            (-100.0, 0x0000_001b), // a subnormal: 27 * 2^-149
        ];
        for (x, expected) in CASES {
            assert_eq!(
                exp_f32(x).to_bits(),
                expected,
                "exp_f32({x:e}) = {:e}, not {:e}",
                exp_f32(x),
                f32::from_bits(expected)
            );
        }
        // ln 2 rounded to f32 is a little above ln 2, but not enough to leave 2.0.
        assert_eq!(exp_f32(core::f32::consts::LN_2), 2.0);
    }

    /// A quick sweep for the everyday run: every 4093rd bit pattern (a prime stride, so every
    /// exponent and table index is visited), about a million inputs. The exhaustive sweep is
    /// `tests/exp_f32_exhaustive.rs`.
    #[test]
    fn within_one_ulp_of_std_on_a_strided_sweep() {
        for bits in (0..=u32::MAX).step_by(4093) {
            let x = f32::from_bits(bits);
            let reference = (x as f64).exp() as f32;
            let ours = exp_f32(x);
            if x.is_nan() {
                assert!(ours.is_nan(), "exp_f32({x}) = {ours:e}");
                continue;
            }
            let distance = ulps(ours, reference);
            assert!(
                distance <= MAX_ULPS,
                "exp_f32({x:e}) = {ours:e}, std says {reference:e}: {distance} ulps"
            );
        }
    }

    #[test]
    fn first_entry_is_exactly_one() {
        assert_eq!(EXP2_TABLE[0], (1.0, 0.0));
    }

    /// The lanes compute what one value at a time computes, bit for bit, whichever lanes take
    /// the rare path (tiny arguments too, which `f32` sends there): every 65521st bit pattern in
    /// groups of four neighbouring patterns, and every group of four from a list of special
    /// values.
    #[test]
    fn lanes_are_exp_of_each_lane() {
        let check = |lanes: [f32; 4]| {
            for (result, x) in exp_f32_lanes(lanes).into_iter().zip(lanes) {
                assert_eq!(
                    result.to_bits(),
                    exp_f32(x).to_bits(),
                    "exp({x:e}) in lanes"
                );
            }
        };
        for bits in (0..=u32::MAX - 3).step_by(65521) {
            check([0, 1, 2, 3].map(|offset| f32::from_bits(bits + offset)));
        }
        let special = [
            0.0,
            -1.5,
            88.0,
            88.8,
            -100.0,
            f32::NAN,
            f32::INFINITY,
            1e-9,
            1.0,
            -103.5,
            f32::MAX,
            3.25,
            f32::NEG_INFINITY,
            -TINY,
            87.0,
            -87.5,
        ];
        for window in special.windows(4) {
            check(window.try_into().expect("a window of four"));
        }
    }

    /// Each high part is the `f32` nearest `2^(j/64)` (its tail is at most half an ulp), and
    /// high and tail together agree with std's `exp2` in `f64`.
    #[test]
    fn entries_agree_with_std_exp2() {
        for (j, &(high, tail)) in EXP2_TABLE.iter().enumerate() {
            // An ulp of an f32 in [1, 2) is 2^-23, so half of one, relative to `high`, is
            // 2^-24 / high.
            assert!(
                tail.abs() * high <= f32::EPSILON / 2.0,
                "j = {j}: tail {tail:e} is more than half an ulp: {high:e} is not the nearest"
            );
            let entry = high as f64 * (1.0 + tail as f64);
            let reference = (j as f64 / TABLE_SIZE as f64).exp2();
            let relative_error = (entry - reference) / reference;
            assert!(
                relative_error.abs() < ENTRY_TOLERANCE,
                "j = {j}: {entry:e} is off by {relative_error:e}"
            );
        }
    }
}
