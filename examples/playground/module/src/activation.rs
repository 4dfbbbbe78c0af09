//! The activation chosen on the page: stacknet's `AnyActivation`, called out of line.
//!
//! `AnyActivation` inlines all five functions (and `exp` twice) wherever a layer applies it; over
//! eight networks, one per hidden size, that cost 13 KB of code (114 KB against 101 KB at
//! opt-level "s", with no difference in speed that node could measure). Here each use is a call
//! instead. The arithmetic is the same, so training gives the same bits.

use stacknet::{Activation, AnyActivation, Float};

/// One of the five activations, chosen at run time, computed by a call rather than inline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chosen(pub AnyActivation);

impl Activation for Chosen {
    const DEFAULT: Self = Self(AnyActivation::DEFAULT);

    #[inline(never)]
    fn apply<T: Float>(self, x: T) -> T {
        self.0.apply(x)
    }

    #[inline(never)]
    fn derivative<T: Float>(self, output: T) -> T {
        self.0.derivative(output)
    }
}
