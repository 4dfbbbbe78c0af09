//! The stack a training call needs, measured against the formula that `Network::train`'s docs
//! state: `training_stack_bound` below, the docs' formula written as code.
//!
//! The measurement paints a region of a thread's stack with a pattern, trains, and finds the
//! deepest byte that no longer holds the pattern. It reads memory below the stack pointer, which
//! only a test may do (the library has no `unsafe`), and it measures the optimised build that
//! users ship: `make slow-tests` runs the long tests with `--release`, cargo's default release
//! build; an unoptimised build keeps every temporary in its own slot and is checked against a
//! bound of its own.

use std::hint::black_box;

use stacknet::{fastrand, Batch, Float, Linear, Matrix, Network, Sigmoid, Training};

/// Bytes painted below the measuring function's frame: more than any training here needs.
const PAINTED: usize = 8 << 20;
/// The painter's byte.
const PAINT: u8 = 0xA5;

/// Fills `PAINTED` bytes of the stack below the caller's frame with `PAINT`.
#[inline(never)]
fn paint() {
    let mut block = [PAINT; PAINTED];
    black_box(&mut block);
}

/// The bytes of stack below `top` that `run` changed: painted first, then scanned from the
/// bottom of the painted region for the first byte that is no longer the pattern.
#[inline(never)]
fn stack_used(run: impl FnOnce()) -> usize {
    let marker = 0u8;
    let top = black_box(&marker) as *const u8 as usize;
    paint();
    run();
    let bottom = top - PAINTED;
    (bottom..top)
        // SAFETY: these bytes lie in this thread's stack, within the region `paint` wrote a
        // moment ago (its array sat just below this frame); reading them changes nothing.
        .find(|&address| unsafe { std::ptr::read_volatile(address as *const u8) } != PAINT)
        .map_or(0, |deepest| top - deepest)
}

/// Runs `measure` on a thread of its own, with room for the painted region.
fn on_big_stack(measure: impl FnOnce() -> usize + Send + 'static) -> usize {
    std::thread::Builder::new()
        .stack_size(PAINTED * 2)
        .spawn(measure)
        .expect("a thread")
        .join()
        .expect("the measurement")
}

/// Trains a 2-`H`-1 network on `N` rows for a few epochs, out of line so that its frame is the
/// training call's.
#[inline(never)]
fn train<const N: usize, const H: usize, T: Float>(batch: Batch) {
    let mut rng = fastrand::Rng::with_seed(N as u64);
    let inputs: Matrix<N, 2, T> = Matrix::zeros().map(|_| T::random(&mut rng));
    let targets: Matrix<N, 1, T> = Matrix::zeros().map(|_| T::random(&mut rng));
    let mut network = Network::<2, H, 1, Sigmoid, Linear, T>::random(&mut rng);
    let training = Training::IMPROVED.with_batch(batch);
    let z = black_box(&mut network).train(black_box(&inputs), black_box(&targets), training, 3);
    black_box(z.is_ok());
}

/// The bytes of stack that training a 2-`H`-1 network on `N` rows in `T` needs: the formula of
/// `Network::train`'s docs, with `O = 1`. An optimised build (cargo's default release build,
/// which `make slow-tests` runs): `size_of::<T>() * (5 N H + 3 N O) + 16 N + 2 KiB`; an
/// unoptimised one
/// keeps every temporary in its own slot: `size_of::<T>() * (17 N H + 35 N O) + 16 N + 32 KiB`.
/// The `16 N` is the mini-batches' two orders of the rows (`usize` on a 64-bit PC), which a call
/// whose batch is known to be full when it is compiled does without.
fn training_stack_bound<const N: usize, const H: usize, T>() -> usize {
    let (per_hidden, per_output, fixed) = if cfg!(debug_assertions) {
        (17, 35, 32 << 10)
    } else {
        (5, 3, 2 << 10)
    };
    let outputs = 1;
    std::mem::size_of::<T>() * (per_hidden * N * H + per_output * N * outputs)
        + 2 * N * std::mem::size_of::<usize>()
        + fixed
}

/// What the measured call holds besides training: the data and the network, in `train`'s frame.
fn data_of<const N: usize, const H: usize, T>() -> usize {
    std::mem::size_of::<Matrix<N, 2, T>>()
        + std::mem::size_of::<Matrix<N, 1, T>>()
        + std::mem::size_of::<Network<2, H, 1, Sigmoid, Linear, T>>()
}

/// Measures training a 2-`H`-1 network on `N` rows in `T` with `batch`, and checks it against
/// the formula: never above it, and for many rows, where the terms in `N` dominate, not far
/// below it either (a formula that overstates the stack by more than a tenth is wrong too).
fn check<const N: usize, const H: usize, T: Float>(batch: Batch) {
    let measured = on_big_stack(move || stack_used(|| train::<N, H, T>(batch)));
    let training = measured.saturating_sub(data_of::<N, H, T>());
    let bound = training_stack_bound::<N, H, T>();
    let case = format!("{N} rows, {H} hidden, {}, {batch:?}", T::NUMPY_NAME);
    println!("{case}: {training} bytes of stack, formula {bound}");
    assert!(
        training <= bound,
        "{case}: {training} bytes, over the formula's {bound}"
    );
    if N >= 1024 {
        assert!(
            training * 10 >= bound * 9,
            "{case}: {training} bytes, the formula's {bound} overstates it"
        );
    }
}

/// The docs' formula holds over rows, hidden units, precisions and batches, measured, in the
/// build the tests run in (unoptimised in `make unit-tests`).
#[test]
fn training_needs_the_stack_the_docs_state() {
    check_every_case();
}

/// The same in the optimised build that users ship: `make slow-tests` runs it so.
#[test]
#[ignore = "long tests run optimised: make slow-tests"]
fn optimised_training_needs_the_stack_the_docs_state() {
    check_every_case();
}

/// Every case of the two tests above.
fn check_every_case() {
    check::<4, 3, f64>(Batch::Full);
    check::<4, 3, f32>(Batch::Full);
    check::<64, 16, f64>(Batch::Full);
    check::<1024, 3, f64>(Batch::Full);
    check::<1024, 3, f64>(Batch::Mini { rows: 8, seed: 1 });
    check::<1024, 16, f64>(Batch::Full);
    check::<1024, 16, f32>(Batch::Full);
    check::<4096, 3, f64>(Batch::Mini { rows: 1, seed: 1 });
}
