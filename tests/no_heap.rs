//! Creating and training a network allocates nothing: a counting global allocator watches.
//!
//! The allocator counts per thread, so the test harness's own allocations on other threads do not
//! blur the figure; the test then checks that the counter does see an allocation when one is
//! made, so that it cannot pass by counting nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use stacknet::{xor, AnyActivation, Batch, Linear, Matrix, Network, Sigmoid, Training};

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed straight to the system allocator; the count is a side note.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's guarantees for `layout` are passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from `System.alloc` with this `layout`.
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Allocations made on this thread while `work` runs.
fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn counter_sees_an_allocation() {
    let counted = allocations_during(|| {
        std::hint::black_box(vec![1u8; 64]);
    });
    assert!(counted >= 1, "the counting allocator saw nothing");
}

#[test]
fn creating_and_training_allocate_nothing() {
    let counted = allocations_during(|| {
        let mut rng = fastrand::Rng::with_seed(11);
        let mut classic = Network::<2, 3, 1>::random(&mut rng);
        let z = classic.train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 2000);
        let mut improved =
            Network::<2, 16, 1, Sigmoid, Linear>::from_weights(Matrix::zeros(), Matrix::zeros());
        let z2 = improved.train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 2000);
        // Mini-batches shuffle with a generator on the stack; run-time activations are an enum.
        let mut chosen = Network::<2, 4, 1, AnyActivation, AnyActivation>::random(&mut rng)
            .with_activations(AnyActivation::Tanh, AnyActivation::LeakyRelu);
        let minibatches = Training::CLASSIC
            .with_learning_rate(0.1)
            .with_trained_biases(true)
            .with_batch(Batch::Mini { rows: 3, seed: 1 });
        let z3 = chosen.train(&xor::INPUTS, &xor::TARGETS, minibatches, 2000);
        // Single precision too: the same code, in f32.
        let mut single = Network::<2, 3, 1, Sigmoid, Sigmoid, f32>::random(&mut rng);
        let (inputs, targets) = (xor::INPUTS.convert::<f32>(), xor::TARGETS.convert::<f32>());
        let z4 = single.train(&inputs, &targets, Training::CLASSIC, 2000);
        // Unwrapping a success allocates nothing; a divergence would fail the test here.
        std::hint::black_box((z.unwrap(), z2.unwrap(), z3.unwrap(), z4.unwrap()));
        std::hint::black_box((stacknet::exp(1.5f64), stacknet::exp(1.5f32)));
    });
    assert_eq!(counted, 0, "stacknet allocated {counted} times");
}

/// Formatting into a fixed buffer that cannot grow: numpy's format needs no heap either.
#[test]
fn printing_a_matrix_allocates_nothing() {
    use std::fmt::Write;

    let mut out = stacknet::TextBuffer::<256>::new();
    let matrix = Matrix::from_rows([[6.66e-15], [1.0], [-0.5], [f64::NAN]]);
    let counted = allocations_during(|| write!(out, "{matrix}").unwrap());
    assert_eq!(counted, 0, "printing allocated {counted} times");
    assert_eq!(out.as_str(), matrix.to_string());
}
