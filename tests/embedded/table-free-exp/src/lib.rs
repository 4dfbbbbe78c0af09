//! stacknet's `f64` exp with the feature `table-free-f64-exp`, against std's `f64::exp`: the
//! tests of `tests/exp_sweep.rs` (at most 1 ulp apart on ten million points, exact on the special
//! values, every double near the edges of the domain), compiled here with the feature on.
//!
//! ```text
//! cd tests/embedded/table-free-exp && cargo test --release -- --include-ignored
//! ```

#[cfg(test)]
#[path = "../../../exp_sweep.rs"]
mod exp_sweep;

/// With the feature, `exp` must be the method without a table: at `x = 0.36` it gives a result
/// one ulp from the table method's (src/exp/table_free.rs has the same test without the feature).
#[cfg(test)]
#[test]
fn exp_is_the_table_free_method() {
    assert_eq!(stacknet::exp(0.36f64), 1.4333294145603404);
}
