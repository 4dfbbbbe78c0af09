//! The two number types a network can compute in: `f64`, the article's, and `f32`, what a
//! Cortex-M4F's floating-point unit does in hardware; one sealed trait over both.
//!
//! ```
//! use stacknet::{exp, Float, Matrix};
//!
//! // The same function for either precision:
//! fn half_of<T: Float>(x: T) -> T {
//!     x / T::TWO
//! }
//! assert_eq!(half_of(3.0f32), 1.5);
//! assert_eq!(half_of(3.0f64), 1.5);
//! assert_eq!(exp(0.0f32), 1.0);
//! let single: Matrix<1, 2, f32> = Matrix::from_rows([[0.5, 0.25]]);
//! assert_eq!(single[(0, 1)], 0.25f32);
//! ```

use core::fmt::{Debug, LowerExp};
use core::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

/// Keeps [`Float`] to the two types it is written for: the library's arithmetic, its `exp` and
/// its print format are checked for exactly these.
pub(crate) mod sealed {
    /// What the library needs of its two types beyond the public [`Float`](super::Float), kept
    /// out of the public API.
    pub trait Sealed: Sized {
        /// Returns `e^x` of each lane, bit for bit [`exp`](crate::exp) of each, computed so that
        /// the compiler can put the lanes side by side in vector registers.
        fn exponential_lanes<const L: usize>(x: [Self; L]) -> [Self; L];

        /// Returns whether `self` is finite, from its exponent bits alone: not all ones. The
        /// same answer as `is_finite`, in integer instructions, where a chip without
        /// floating point in hardware would call a routine to compare.
        fn has_finite_exponent(self) -> bool;
    }

    impl Sealed for f32 {
        #[inline(always)]
        fn exponential_lanes<const L: usize>(x: [Self; L]) -> [Self; L] {
            crate::exp::exp_f32_lanes(x)
        }

        #[inline(always)]
        fn has_finite_exponent(self) -> bool {
            const EXPONENT: u32 = 0x7f80_0000;
            self.to_bits() & EXPONENT != EXPONENT
        }
    }

    impl Sealed for f64 {
        #[inline(always)]
        fn exponential_lanes<const L: usize>(x: [Self; L]) -> [Self; L] {
            crate::exp::exp_f64_lanes(x)
        }

        #[inline(always)]
        fn has_finite_exponent(self) -> bool {
            const EXPONENT: u64 = 0x7ff0_0000_0000_0000;
            self.to_bits() & EXPONENT != EXPONENT
        }
    }
}

/// A floating-point type stacknet computes in: `f32` or `f64`. Sealed: only these two.
///
/// Its methods are the few that `core` lacks or names differently for the two types; everything
/// else is ordinary arithmetic.
pub trait Float:
    sealed::Sealed
    + crate::numpy_format::NumpyElement
    + Copy
    + Debug
    + Default
    + LowerExp
    + PartialEq
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + Into<f64>
{
    /// `0`.
    const ZERO: Self;
    /// `1`.
    const ONE: Self;
    /// `2`.
    const TWO: Self;
    /// The type's name as numpy spells it: `float32` or `float64`.
    const NUMPY_NAME: &'static str;

    /// Returns `e^self`, by stacknet's own [`exp`](crate::exp) for this precision.
    #[must_use]
    fn exponential(self) -> Self;

    /// Returns the nearest value of this type to `value` (exact for `f64`).
    #[must_use]
    fn from_f64(value: f64) -> Self;

    /// Returns a number drawn uniformly from `[0, 1)`.
    #[must_use]
    fn random(rng: &mut fastrand::Rng) -> Self;

    /// Returns whether `self` is neither infinite nor NaN.
    #[must_use]
    fn is_finite(self) -> bool;
}

impl Float for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const TWO: Self = 2.0;
    const NUMPY_NAME: &'static str = "float64";

    #[inline(always)]
    fn exponential(self) -> Self {
        crate::exp::exp_f64(self)
    }

    #[inline(always)]
    fn from_f64(value: f64) -> Self {
        value
    }

    #[inline(always)]
    fn random(rng: &mut fastrand::Rng) -> Self {
        rng.f64()
    }

    #[inline(always)]
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
}

impl Float for f32 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const TWO: Self = 2.0;
    const NUMPY_NAME: &'static str = "float32";

    #[inline(always)]
    fn exponential(self) -> Self {
        crate::exp::exp_f32(self)
    }

    /// Rounds to the nearest `f32`, as `as` does.
    #[inline(always)]
    fn from_f64(value: f64) -> Self {
        value as f32
    }

    #[inline(always)]
    fn random(rng: &mut fastrand::Rng) -> Self {
        rng.f32()
    }

    #[inline(always)]
    fn is_finite(self) -> bool {
        f32::is_finite(self)
    }
}
