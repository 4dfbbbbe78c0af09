//! The playground's WebAssembly module: stacknet's network behind a few `extern "C"` functions,
//! which the page calls to train it and then reads its numbers and text from the module's memory.
//!
//! The calls, in the order a page makes them:
//!
//! ```text
//! choice_name(list, index)        names of the programs, activations and tasks, into text()
//! article_epochs(program)         how long the article trains each program
//! reset(hidden units, hidden activation, output activation, task, seed)   a new network
//! set_training(program, learning rate, train biases)
//! train(epochs)                   false once training has diverged; epoch(), diverged_at()
//! numbers(quantity), numbers_length(quantity)     Wh, bh, Wz, bz, H, Z, E, dZ, dH, and the steps
//!                                 the last epoch added to Wh, bh, Wz, bz, as f64s
//! format_numbers(quantity)        the same in numpy's format, into text()
//! targets()                       the task's Y
//! sample_surfaces()               surfaces(), hidden_surfaces() over the unit square
//! loss_history(), loss_history_length()
//! ```
//!
//! Choices travel as indices into the lists that `choice_name` spells out, so the page's menus
//! come from here. Numbers travel as pointers into this module's memory, which the page reads
//! as a `Float64Array`; text as a pointer and a length in bytes of UTF-8.

#![no_std]
#![warn(missing_docs, rust_2018_idioms)]
// `#[no_mangle]` and the cell that holds the shared state are the only unsafe code (see `Shared`).
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(not(target_arch = "wasm32"))]
compile_error!("the playground module is built for wasm32-unknown-unknown only");

mod activation;
mod history;
mod run;

use core::cell::UnsafeCell;
use core::fmt::Write;

use stacknet::{truth_tables, AnyActivation, Diverged, Matrix, TextBuffer, Training};

use history::LossHistory;
use run::{Kept, Quantity, GRID, MAX_HIDDEN};

/// Room for the longest text: `H` or `dH` with 8 hidden units in numpy's scientific format,
/// wrapped, is under 800 bytes.
const TEXT_CAPACITY: usize = 2048;

/// The article's two programs, by index: the presets that [`set_training`] starts from.
const PROGRAMS: [(&str, Training); 2] = [
    ("classic", Training::CLASSIC),
    ("improved", Training::IMPROVED),
];

/// The tasks, by index: each two-input gate's truth table, its inputs the article's `X`.
const TASKS: [(&str, Matrix<4, 1>); 6] = [
    ("and", truth_tables::AND),
    ("or", truth_tables::OR),
    ("nand", truth_tables::NAND),
    ("nor", truth_tables::NOR),
    ("xor", truth_tables::XOR),
    ("xnor", truth_tables::XNOR),
];

/// The network and how it learns: what the module knows between calls.
struct Playground {
    /// The network, `None` until the first [`reset`].
    run: Option<Kept>,
    /// The task's `Y`.
    targets: Matrix<4, 1>,
    training: Training,
    /// Epochs trained since the last reset whose outputs were finite.
    epoch: u32,
    diverged: Option<Diverged>,
}

/// What the page reads besides the network's own matrices. Apart from [`Playground`], and all
/// zeros at the start, so that its 90 KB sit in zeroed memory rather than in the module's file.
struct Buffers {
    history: LossHistory,
    output_surface: [f64; GRID * GRID],
    hidden_surfaces: [f64; MAX_HIDDEN * GRID * GRID],
    text: TextBuffer<TEXT_CAPACITY>,
}

/// A value shared by the exported functions.
struct Shared<T>(UnsafeCell<T>);

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so no two threads
// can reach the cell.
unsafe impl<T> Sync for Shared<T> {}

impl<T> Shared<T> {
    /// The value, for the length of one exported call.
    #[allow(clippy::mut_from_ref)] // the point of the cell; see the SAFETY note
    fn get(&'static self) -> &'static mut T {
        // SAFETY: one thread (see above), and every exported function takes this reference at
        // most once, at its start, and calls no other exported function, so no two references
        // to the same value ever overlap.
        unsafe { &mut *self.0.get() }
    }
}

static PLAYGROUND: Shared<Playground> = Shared(UnsafeCell::new(Playground {
    run: None,
    targets: truth_tables::XOR,
    training: Training::CLASSIC,
    epoch: 0,
    diverged: None,
}));

static BUFFERS: Shared<Buffers> = Shared(UnsafeCell::new(Buffers {
    history: LossHistory::new(),
    output_surface: [0.0; GRID * GRID],
    hidden_surfaces: [0.0; MAX_HIDDEN * GRID * GRID],
    text: TextBuffer::new(),
}));

/// Writes the name at `index` of list `list` (0: programs, 1: activations, 2: tasks) into
/// [`text`], and returns its length in bytes: 0 past the end of the list.
#[no_mangle]
pub extern "C" fn choice_name(list: u32, index: u32) -> u32 {
    let index = index as usize;
    let text = &mut BUFFERS.get().text;
    text.clear();
    // Every name is far shorter than the buffer.
    let _ = match list {
        0 => PROGRAMS.get(index).map(|(name, _)| text.write_str(name)),
        1 => AnyActivation::ALL
            .get(index)
            .map(|activation| write!(text, "{activation}")),
        2 => TASKS.get(index).map(|(name, _)| text.write_str(name)),
        _ => None,
    };
    text.as_bytes().len() as u32
}

/// Starts a new network: `hidden_units` (1 to 8) units, the activations and the task by their
/// indices in `choice_name`'s lists, starting weights drawn from `seed` as the command line draws
/// them. Clears the epochs, the loss history and any divergence. Returns false, changing
/// nothing, when a choice is out of range.
#[no_mangle]
pub extern "C" fn reset(
    hidden_units: u32,
    hidden_activation: u32,
    output_activation: u32,
    task: u32,
    seed: u64,
) -> bool {
    let activation = |index: u32| AnyActivation::ALL.get(index as usize).copied();
    let (Some(hidden), Some(output), Some((_, targets))) = (
        activation(hidden_activation),
        activation(output_activation),
        TASKS.get(task as usize),
    ) else {
        return false;
    };
    let Some(run) = Kept::new(hidden_units, seed, hidden, output) else {
        return false;
    };
    let state = PLAYGROUND.get();
    state.run = Some(run);
    state.targets = *targets;
    state.epoch = 0;
    state.diverged = None;
    BUFFERS.get().history = LossHistory::new();
    true
}

/// Sets how the network learns from now on: the program's preset (0: classic, 1: improved) with
/// this learning rate, and the biases learning (`train_biases` not 0) or held. Returns false,
/// changing nothing, for an unknown program or a rate that is not a positive finite number.
#[no_mangle]
pub extern "C" fn set_training(program: u32, learning_rate: f64, train_biases: u32) -> bool {
    let Some((_, preset)) = PROGRAMS.get(program as usize) else {
        return false;
    };
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return false;
    }
    PLAYGROUND.get().training = preset
        .with_learning_rate(learning_rate)
        .with_trained_biases(train_biases != 0);
    true
}

/// Trains for `epochs` more epochs. Returns false when it did not finish them: training
/// diverged (now or before; see [`diverged_at`]), the epoch count would pass `u32::MAX`, or
/// there is no network yet.
#[no_mangle]
pub extern "C" fn train(epochs: u32) -> bool {
    let state = PLAYGROUND.get();
    let (Some(run), None) = (&mut state.run, state.diverged) else {
        return false;
    };
    let Some(end) = state.epoch.checked_add(epochs) else {
        return false;
    };
    let start = state.epoch;
    let history = &mut BUFFERS.get().history;
    let (targets, training) = (&state.targets, state.training);
    let result = run.train(targets, training, epochs, |epoch, loss| {
        history.record(start + epoch, loss);
    });
    match result {
        Ok(()) => {
            state.epoch = end;
            true
        }
        Err(diverged) => {
            // The library counts from 1 in this call; the page counts from the reset.
            let epoch = start + diverged.epoch;
            state.epoch = epoch - 1;
            state.diverged = Some(diverged.with_epoch(epoch));
            false
        }
    }
}

/// The epochs the article trains `program` (0: classic, 1: improved) for: 60000 and 20000; 0
/// for an unknown program.
#[no_mangle]
pub extern "C" fn article_epochs(program: u32) -> u32 {
    match program {
        0 => Training::CLASSIC_EPOCHS,
        1 => Training::IMPROVED_EPOCHS,
        _ => 0,
    }
}

/// The epochs trained since the last reset (up to the last finite one when training diverged).
#[no_mangle]
pub extern "C" fn epoch() -> u32 {
    PLAYGROUND.get().epoch
}

/// The epoch, counted from the last reset, whose outputs were no longer finite; 0 if none.
#[no_mangle]
pub extern "C" fn diverged_at() -> u32 {
    PLAYGROUND
        .get()
        .diverged
        .map_or(0, |diverged| diverged.epoch)
}

/// Writes the library's message for the divergence, "training diverged at epoch N: ...", into
/// [`text`] and returns its length; 0 when training has not diverged.
#[no_mangle]
pub extern "C" fn format_divergence() -> u32 {
    let text = &mut BUFFERS.get().text;
    text.clear();
    if let Some(diverged) = PLAYGROUND.get().diverged {
        // The message is far shorter than the buffer.
        let _ = write!(text, "{diverged}");
    }
    text.as_bytes().len() as u32
}

/// The address of `quantity`'s numbers (by index: Wh, bh, Wz, bz, H, Z, E, dZ, dH, then the
/// steps added to Wh, bh, Wz, bz), row-major.
#[no_mangle]
pub extern "C" fn numbers(quantity: u32) -> *const f64 {
    numbers_of(quantity).as_ptr()
}

/// How many numbers `quantity` has: 0 for an unknown one, and for the step's matrices before
/// the first epoch.
#[no_mangle]
pub extern "C" fn numbers_length(quantity: u32) -> u32 {
    numbers_of(quantity).len() as u32
}

/// The numbers behind [`numbers`] and [`numbers_length`].
fn numbers_of(quantity: u32) -> &'static [f64] {
    match (&PLAYGROUND.get().run, Quantity::from_index(quantity)) {
        (Some(run), Some(quantity)) => run.numbers(quantity),
        _ => &[],
    }
}

/// The address of the task's targets `Y`, 4 x 1: one per row of the article's `X`.
#[no_mangle]
pub extern "C" fn targets() -> *const f64 {
    PLAYGROUND.get().targets.as_slice().as_ptr()
}

/// Writes `quantity` in numpy's format into [`text`] and returns its length in bytes; 0 for an
/// unknown quantity or a step's matrix before the first epoch.
#[no_mangle]
pub extern "C" fn format_numbers(quantity: u32) -> u32 {
    let text = &mut BUFFERS.get().text;
    text.clear();
    if let (Some(run), Some(quantity)) = (&PLAYGROUND.get().run, Quantity::from_index(quantity)) {
        if run.format(quantity, text).is_err() {
            // Too long for the buffer (it cannot be, at these sizes): better nothing than half.
            text.clear();
        }
    }
    text.as_bytes().len() as u32
}

/// The address of the text that the `format_` functions and [`choice_name`] wrote.
#[no_mangle]
pub extern "C" fn text() -> *const u8 {
    BUFFERS.get().text.as_bytes().as_ptr()
}

/// Points along each side of the surfaces' grid.
#[no_mangle]
pub extern "C" fn grid_size() -> u32 {
    GRID as u32
}

/// Samples the current network over the unit square into [`surfaces`] and [`hidden_surfaces`].
#[no_mangle]
pub extern "C" fn sample_surfaces() {
    let buffers = BUFFERS.get();
    if let Some(run) = &PLAYGROUND.get().run {
        run.sample_surfaces(&mut buffers.output_surface, &mut buffers.hidden_surfaces);
    }
}

/// The address of the output's surface: `grid_size()` rows of `grid_size()` values, top row
/// (x1 = 1) first, each row from x0 = 0.
#[no_mangle]
pub extern "C" fn surfaces() -> *const f64 {
    BUFFERS.get().output_surface.as_ptr()
}

/// The address of the hidden units' surfaces: one grid like [`surfaces`]'s per unit, in order.
#[no_mangle]
pub extern "C" fn hidden_surfaces() -> *const f64 {
    BUFFERS.get().hidden_surfaces.as_ptr()
}

/// The address of the loss curve: `epoch, loss` pairs, oldest first.
#[no_mangle]
pub extern "C" fn loss_history() -> *const f64 {
    BUFFERS.get().history.as_slice().as_ptr()
}

/// How many numbers (twice the points) [`loss_history`] holds.
#[no_mangle]
pub extern "C" fn loss_history_length() -> u32 {
    BUFFERS.get().history.as_slice().len() as u32
}

/// A panic cannot happen in the code above; if one did, the page would see a trap
/// (`RuntimeError: unreachable`) rather than wrong numbers.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
