//! [`match_size!`](crate::match_size): a size known only at run time, turned into a `const`
//! that a type can use, for the sizes a program chooses to compile.
//!
//! ```
//! use stacknet::{match_size, Network};
//!
//! // The bytes of a 2-H-1 network, for a hidden size read at run time.
//! fn network_bytes(hidden: usize) -> Option<usize> {
//!     match_size!(hidden, H in [1, 2, 3, 4] => Some(size_of::<Network<2, H, 1>>()), _ => None)
//! }
//! assert_eq!(network_bytes(3), Some(104));
//! assert_eq!(network_bytes(9), None);
//! ```
//!
//! Every size listed is compiled: a network of each, and everything the arm's code calls, as
//! if the program had been written once per size. List the sizes the program offers, not more.

/// Evaluates `$body` with `$name` a `const usize` equal to `$size`, if `$size` is one of the
/// listed values; evaluates `$otherwise` if it is none of them.
///
/// It expands to a `match` with one arm per listed value, each arm declaring `const $name:
/// usize` and evaluating `$body`, so the body may use `$name` wherever a type needs a size
/// (`Network<2, $name, 1>`). Nest it for more than one size. It needs no heap and no `std`.
///
/// ```
/// use stacknet::{match_size, Matrix};
///
/// // A column of `rows` zeros printed as numpy prints it, for 1 to 3 rows.
/// let printed = |rows: usize| {
///     match_size!(rows, R in [1, 2, 3] => Matrix::<R, 1>::zeros().to_string(), _ => String::new())
/// };
/// assert_eq!(printed(2), "[[0.]\n [0.]]");
/// assert_eq!(printed(4), "");
/// ```
#[macro_export]
macro_rules! match_size {
    ($size:expr, $name:ident in [$($value:literal),+ $(,)?] => $body:expr, _ => $otherwise:expr $(,)?) => {
        match $size {
            $($value => {
                const $name: usize = $value;
                $body
            })+
            _ => $otherwise,
        }
    };
}

#[cfg(test)]
mod tests {
    /// Each listed size reaches its own arm, with the const bound to it; others reach the
    /// fallback.
    #[test]
    fn each_size_binds_its_const() {
        for size in 0..6 {
            let seen = match_size!(size, N in [1, 2, 3, 5] => Some([0u8; N].len()), _ => None);
            let expected = [1, 2, 3, 5].contains(&size).then_some(size);
            assert_eq!(seen, expected, "size {size}");
        }
    }
}
