//! `exp(x)` for `f64` without a table, for chips whose RAM cannot hold one: the cargo feature
//! `table-free-f64-exp` makes [`exp`](super::exp) use it in place of the table-driven method.
//!
//! ```
//! use stacknet::exp;
//!
//! // Either method: these results are exact, or correctly rounded.
//! assert_eq!(exp(0.0f64), 1.0);
//! assert_eq!(exp(core::f64::consts::LN_2), 2.0);
//! assert_eq!(exp(-745.0f64), 5e-324);
//! ```
//!
//! # Why a second method
//!
//! On AVR chips (the Arduino Uno's ATmega328P among them) flash and RAM are separate address
//! spaces, and the ordinary load instructions read RAM only. avr-libc's start-up code therefore
//! copies all read-only data into RAM, and the default method's tables, 1.5 KiB, would take three
//! quarters of the Uno's 2 KiB. Reading them from flash instead takes the `lpm` instruction, which
//! the compiler emits only for data marked as living in program memory: stable Rust cannot mark
//! it so, and this crate, which forbids `unsafe`, cannot read it with inline assembly. So this
//! method keeps nothing in memory but a handful of constants, and pays for it in arithmetic.
//!
//! # Method
//!
//! 1. **Reduce.** Write `x = k ln2 + r` with `k = round(x / ln2)`, so `|r| <= ln2 / 2` (plus a
//!    rounding's worth). `ln2` is split into a high part whose last 16 bits are zero, so that
//!    `k * high` is exact for every `k` that reaches here (`|k| <= 1075`), and a low part. The
//!    subtraction `x - k * high` is then exact too, and the one rounding left, of
//!    `r = (x - k * high) - k * low`, is measured and carried along as `r_low`.
//! 2. **Approximate.** `e^r` is its Taylor polynomial of degree 13: for `|r| <= 0.347` the first
//!    term left out, `r^14 / 14!`, is below `4.3e-18`, a twentieth of the last bit of the result.
//!    `1 + r` is added first with its rounding error kept (the error of adding a smaller number
//!    to 1 is exactly `(1 - (1 + r)) + r`), and everything small, that error, `r_low` and the
//!    terms from `r^2` on, is added to it last, so the result is rounded essentially once.
//! 3. **Scale.** `2^k` goes into the exponent bits; near overflow in two steps, and near
//!    underflow the result is rounded once, onto the grid of subnormal numbers.
//!
//! Special cases, thresholds and subnormal results are those of the default method. Accuracy:
//! the final rounding (0.5 ulp), the polynomial's roundings and the terms left out (below 0.25
//! ulp together) keep the result within about 0.75 ulp of the exact value; the sweep of
//! `tests/exp_sweep.rs`, built with the feature by `tests/embedded/table-free-exp/` (run by
//! `make embedded`), checks at most 1 ulp from std's `f64::exp` on ten million points. Its results may differ from the default
//! method's in the last bit, so a network trained with the feature may differ from one trained
//! without it in the last bits of its weights; `make embedded` compares it with the PC run with
//! the same feature.
//!
//! Cost: the polynomial takes about fifteen multiplications and additions, against the table
//! method's eight, so training in `f64` takes more instructions per epoch (`make embedded`
//! counts both on the ATmega chips).

use super::{
    with_exponent_added, FRACTION_MASK, OVERFLOW_THRESHOLD, ROUND_SHIFT, UNDERFLOW_OFFSET,
    UNDERFLOW_THRESHOLD,
};

/// High part of `ln 2`: the double nearest `ln 2`, `0x1.62e42fefa39efp-1`, with its last 16
/// bits cleared, so that it has 37 significant bits and `k * LN2_HIGH` is exact for `|k| < 2^16`.
const LN2_HIGH: f64 = f64::from_bits(core::f64::consts::LN_2.to_bits() & !0xFFFF);

/// `ln 2 - LN2_HIGH`: the 16 bits cleared above (an exact difference), plus what the double
/// nearest `ln 2` misses, `0x1.abc9e3b39803fp-56`, computed from
/// `ln 2 = 0.693147180559945309417232121458176568...` with 60-digit decimal arithmetic.
const LN2_LOW: f64 = (core::f64::consts::LN_2 - LN2_HIGH) + f64::from_bits(0x3c7a_bc9e_3b39_803f);

// The split, checked as the crate compiles: the high part's last 16 bits are zero, high and low
// add up to the double nearest ln 2, and the low part carries more than the bits cleared.
const _: () = assert!(LN2_HIGH.to_bits() & 0xFFFF == 0);
const _: () = assert!(LN2_HIGH + LN2_LOW == core::f64::consts::LN_2);
const _: () = assert!(LN2_LOW > core::f64::consts::LN_2 - LN2_HIGH);

/// `1 / n!` for the Taylor coefficients, each correctly rounded: `n!` is exact in a double up
/// to `18!`, and one division rounds once.
const fn inverse_factorial(n: u32) -> f64 {
    let mut factorial = 1.0;
    let mut i = 2;
    while i <= n {
        factorial *= i as f64;
        i += 1;
    }
    1.0 / factorial
}

/// The Taylor coefficients of `e^r` from `r^2` to `r^13`.
const C2: f64 = inverse_factorial(2);
const C3: f64 = inverse_factorial(3);
const C4: f64 = inverse_factorial(4);
const C5: f64 = inverse_factorial(5);
const C6: f64 = inverse_factorial(6);
const C7: f64 = inverse_factorial(7);
const C8: f64 = inverse_factorial(8);
const C9: f64 = inverse_factorial(9);
const C10: f64 = inverse_factorial(10);
const C11: f64 = inverse_factorial(11);
const C12: f64 = inverse_factorial(12);
const C13: f64 = inverse_factorial(13);

/// The largest `k` scaled in one step: beyond it `2^k` times a result near 1 may not be a
/// double, so the scaling takes two steps, `2^(k - 1)` and then `2`.
const LARGEST_ONE_STEP_K: i64 = 1021;

/// Returns `e^x` for an `f64`, within about 0.75 ulp of the exact value, with no table.
#[inline]
#[must_use]
pub(crate) fn exp_f64(x: f64) -> f64 {
    // NaN fails both comparisons and returns from the check below.
    if !(UNDERFLOW_THRESHOLD..=OVERFLOW_THRESHOLD).contains(&x) {
        return exp_outside_range(x);
    }
    // Step 1: k = round(x / ln2) with the rounding trick of the default method; |k| <= 1075.
    let shifted = x * core::f64::consts::LOG2_E + ROUND_SHIFT;
    let k_float = shifted - ROUND_SHIFT;
    let k = (shifted.to_bits() & FRACTION_MASK) as i64 - (1 << 51);
    let r_high = x - k_float * LN2_HIGH; // exact
    let k_low = k_float * LN2_LOW;
    let r = r_high - k_low;
    // What rounding r lost; exact when |r_high| >= |k_low|, and negligible when not (r is then
    // below 2^-26, and its rounding below 2^-79).
    let r_low = (r_high - r) - k_low;

    // Step 2: e^(r + r_low) = 1 + r + (r^2/2 + ... + r^13/13!) + r_low e^r, the last to a part
    // in 2^54 of itself with 1 + r for e^r.
    let one_plus_r = 1.0 + r;
    let one_plus_r_error = (1.0 - one_plus_r) + r;
    // Horner's rule from the highest power down: C2 + r (C3 + r (... + r C13)), one step a line.
    let mut polynomial = C13;
    polynomial = C12 + r * polynomial;
    polynomial = C11 + r * polynomial;
    polynomial = C10 + r * polynomial;
    polynomial = C9 + r * polynomial;
    polynomial = C8 + r * polynomial;
    polynomial = C7 + r * polynomial;
    polynomial = C6 + r * polynomial;
    polynomial = C5 + r * polynomial;
    polynomial = C4 + r * polynomial;
    polynomial = C3 + r * polynomial;
    polynomial = C2 + r * polynomial;
    let from_square_on = (r * r) * polynomial;
    let small = one_plus_r_error + r_low * one_plus_r + from_square_on;

    // Step 3: times 2^k.
    if k > LARGEST_ONE_STEP_K {
        with_exponent_added(one_plus_r + small, k - 1) * 2.0
    } else if k < -LARGEST_ONE_STEP_K {
        below_normal(one_plus_r, small, k)
    } else {
        with_exponent_added(one_plus_r + small, k)
    }
}

/// `e^x` outside `[UNDERFLOW_THRESHOLD, OVERFLOW_THRESHOLD]`: NaN, `+inf` or 0.
#[cold]
fn exp_outside_range(x: f64) -> f64 {
    if x.is_nan() {
        x + x // a quiet NaN
    } else if x > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}

/// Returns `(high + low) * 2^k` for `k < -1021`, where the result is near or below `2^-1022`,
/// rounded once. `high` is near 1 and `low` much smaller.
///
/// Scaled by `2^(k + 1022)` first (exactly: a power of two no smaller than `2^-54`), the sum is
/// below 1.5. If it is at least 1 the result is normal, and rounding the sum then scaling by
/// `2^-1022` rounds once. Otherwise adding 1 rounds it to a multiple of `2^-52`, which scaled by
/// `2^-1022` is the subnormal spacing `2^-1074`: the only rounding, with `1 + high` split into
/// its rounded value and error as in step 2.
fn below_normal(high: f64, low: f64, k: i64) -> f64 {
    let scale = with_exponent_added(1.0, k + UNDERFLOW_OFFSET);
    let (high, low) = (high * scale, low * scale);
    let sum = high + low;
    if sum >= 1.0 {
        return sum * f64::MIN_POSITIVE;
    }
    let one_plus_high = 1.0 + high;
    let one_plus_high_error = (1.0 - one_plus_high) + high;
    ((one_plus_high + (one_plus_high_error + low)) - 1.0) * f64::MIN_POSITIVE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients_are_inverse_factorials() {
        assert_eq!(C2, 0.5);
        assert_eq!(C3, 1.0 / 6.0);
        assert_eq!(C13, 1.0 / 6_227_020_800.0);
    }

    /// Values whose `exp` is exactly representable, or fixed by IEEE 754.
    #[test]
    fn exact_special_values() {
        let cases: [(f64, f64); 10] = [
            (0.0, 1.0),
            (-0.0, 1.0),
            (f64::INFINITY, f64::INFINITY),
            (f64::NEG_INFINITY, 0.0),
            (1000.0, f64::INFINITY),
            (-1000.0, 0.0),
            (f64::MAX, f64::INFINITY),
            (f64::MIN, 0.0),
            (core::f64::consts::LN_2, 2.0),
            (-745.0, f64::from_bits(1)),
        ];
        for (x, expected) in cases {
            assert_eq!(exp_f64(x).to_bits(), expected.to_bits(), "exp({x:e})");
        }
        assert!(exp_f64(f64::NAN).is_nan());
    }

    #[test]
    fn thresholds_are_where_results_stop_being_finite_or_nonzero() {
        assert!(exp_f64(OVERFLOW_THRESHOLD).is_finite());
        assert_eq!(exp_f64(OVERFLOW_THRESHOLD.next_up()), f64::INFINITY);
        assert_eq!(exp_f64(UNDERFLOW_THRESHOLD), f64::from_bits(1));
        assert_eq!(exp_f64(UNDERFLOW_THRESHOLD.next_down()), 0.0);
    }

    #[test]
    fn tiny_arguments_round_to_one_plus_x() {
        assert_eq!(exp_f64(1e-300), 1.0);
        assert_eq!(exp_f64(-1e-17), 1.0);
        assert_eq!(exp_f64(-1e-16), 1.0f64.next_down());
    }

    /// With the feature, `exp` is this method; without it, the table's. At `x = 0.36` the two
    /// differ in the last bit (this method is one ulp above the correctly rounded result there,
    /// as it may be), so which of them `exp` computes shows.
    #[test]
    fn the_feature_chooses_the_method() {
        let x = 0.36;
        let this_method = exp_f64(x);
        assert_eq!(this_method, 1.4333294145603404, "exp({x}) without a table");
        assert_eq!(
            crate::exp(x) == this_method,
            cfg!(feature = "table-free-f64-exp"),
            "exp({x}) = {} with the feature {}",
            crate::exp(x),
            if cfg!(feature = "table-free-f64-exp") {
                "on"
            } else {
                "off"
            },
        );
    }

    /// Correctly rounded values of `e^x` (as in the default method's tests): the two methods
    /// agree on these.
    #[test]
    fn known_values() {
        const CASES: [(f64, f64); 5] = [
            (1.0, core::f64::consts::E),
            (-1.0, 0.36787944117144233),
            (0.5, 1.6487212707001282),
            (10.0, 22026.465794806718),
            (-700.0, 9.85967654375977e-305),
        ];
        for (x, expected) in CASES {
            assert_eq!(exp_f64(x), expected, "exp({x})");
        }
    }
}
