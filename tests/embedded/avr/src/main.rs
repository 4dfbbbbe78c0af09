//! Firmware that trains stacknet's XOR network on an 8-bit AVR chip, under qemu-system-avr.
//!
//! ```text
//! tests/embedded/avr.sh      # builds this for the ATmega328P and the ATmega2560, runs each in QEMU
//! ```
//!
//! It trains the classic 2-3-1 network from seed 1 for the article's 60000 epochs (or as many as
//! `STACKNET_EPOCHS` says at build time), in `f32` or, with the feature `f64`, in `f64`; prints
//! `Z` to six decimals, and its bit patterns for avr.sh to compare with the PC's; runs the network
//! that `stacknet --format rust` wrote to `tests/fixtures/` (trained on a PC in the same
//! precision), baked in as a `const`; and reports the stack it used. The last line is an end
//! marker with the status a program on a PC would exit with: AVR has no semihosting, and QEMU
//! cannot be told to stop, so avr.sh stops it when the marker appears.
//!
//! Output goes to USART0, which QEMU connects to its standard output (`-serial stdio`); on an
//! Arduino board it is the USB serial port, at 9600 baud. It is written without `core::fmt`,
//! whose float formatting (which stacknet's `Display` uses too) is large on an 8-bit chip: a first
//! version of this firmware that printed with `{:?}` and `Display` took 74 KB of flash, more than
//! twice the ATmega328P's, and 5.3 KB of statics, against 26.7 KB and 1 KB now. avr-libc's start-up
//! code, which avr-gcc links in, sets the stack pointer to the top of RAM, copies `.data` (and
//! with it every constant: on AVR, `.rodata` lives in RAM) from flash, clears `.bss`, and calls
//! `main`.
//!
//! Built with the feature `count`, the firmware instead reads one line from the serial port,
//! `train EPOCHS` or `loop ITERATIONS`, does only that, and prints the end marker: avr.sh counts
//! the instructions QEMU executes from the first of [`counted`] to the first of [`count_end`].

#![no_std]
#![no_main]
#![cfg_attr(feature = "count", feature(asm_experimental_arch))]
// The count build runs only its own `main`; the experiment stays compiled, unused.
#![cfg_attr(feature = "count", allow(dead_code, unused_imports))]

use core::ptr::{addr_of, addr_of_mut, read_volatile, write_volatile};

use stacknet::{xor, Matrix, Network, Sigmoid, Training};

/// The precision the firmware trains in: `f32`, or `f64` with the feature `f64`.
#[cfg(not(feature = "f64"))]
type Scalar = f32;
#[cfg(feature = "f64")]
type Scalar = f64;

/// What the output lines add after `Z` for the precision, as the other chips' firmware writes.
#[cfg(not(feature = "f64"))]
const SUFFIX: &str = " (f32)";
#[cfg(feature = "f64")]
const SUFFIX: &str = "";

// TRAINED_NETWORK, as `stacknet --seed 1 --format rust` wrote it, in the firmware's precision
// (`--dtype f32` for the f32 one): weights and activations, all `predict` needs.
#[cfg(not(feature = "f64"))]
include!("../../../fixtures/trained_classic_f32.rs");
#[cfg(feature = "f64")]
include!("../../../fixtures/trained_classic.rs");

/// The fixture included above, for the output.
#[cfg(not(feature = "f64"))]
const FIXTURE: &str = "trained_classic_f32.rs";
#[cfg(feature = "f64")]
const FIXTURE: &str = "trained_classic.rs";

/// The chip's name, set by avr.sh when it builds for each one.
const CHIP: &str = match option_env!("STACKNET_CHIP") {
    Some(name) => name,
    None => "an AVR",
};

/// Seed of the starting weights; the same run as `stacknet --seed 1` on a PC.
const SEED: u64 = 1;

/// Epochs of training: the article's 60000, unless avr.sh sets fewer at build time
/// (`STACKNET_EPOCHS`), as it does for `f64`, whose 60000 epochs take minutes under QEMU.
const EPOCHS: u32 = match option_env!("STACKNET_EPOCHS") {
    Some(digits) => parse_epochs(digits),
    None => Training::CLASSIC_EPOCHS,
};

/// The number in `digits`, at compile time; anything but a whole number stops the build.
const fn parse_epochs(digits: &str) -> u32 {
    let bytes = digits.as_bytes();
    assert!(!bytes.is_empty(), "STACKNET_EPOCHS is empty");
    let (mut number, mut index) = (0u32, 0);
    while index < bytes.len() {
        let digit = bytes[index];
        assert!(
            digit.is_ascii_digit(),
            "STACKNET_EPOCHS must be a whole number"
        );
        number = number * 10 + (digit - b'0') as u32;
        index += 1;
    }
    number
}

/// The exit statuses the end marker reports: learnt XOR, did not, panicked.
const EXIT_LEARNT: u8 = 0;
const EXIT_NOT_LEARNT: u8 = 1;
const EXIT_PANIC: u8 = 101;

/// The start of the last line of every run, followed by the exit status.
const END_MARKER: &str = "end of run, exit status ";

/// Decimals printed of each output, and 10 to that power.
const DECIMALS: usize = 6;
const DECIMAL_SCALE: u32 = 1_000_000;

// ---- Serial output ------------------------------------------------------------------------------
// USART0's registers, at the same data-space addresses on the ATmega328P and the ATmega2560 (each
// datasheet's "Register Summary").
const UCSR0A: *mut u8 = 0xC0 as *mut u8;
const UCSR0B: *mut u8 = 0xC1 as *mut u8;
const UBRR0L: *mut u8 = 0xC4 as *mut u8;
const UBRR0H: *mut u8 = 0xC5 as *mut u8;
const UDR0: *mut u8 = 0xC6 as *mut u8;
/// UCSR0A: a received byte is waiting in UDR0.
#[cfg(feature = "count")]
const RXC0: u8 = 1 << 7;
/// UCSR0A: the transmit buffer is empty, ready for the next byte.
const UDRE0: u8 = 1 << 5;
/// UCSR0B: the receiver and the transmitter on.
const RXEN0: u8 = 1 << 4;
const TXEN0: u8 = 1 << 3;
/// UBRR0 for 9600 baud from the Uno's 16 MHz clock: 16e6 / (16 * 9600) - 1 = 103.2, rounded.
/// QEMU ignores the rate.
const BAUD_9600_AT_16_MHZ: u16 = 103;

/// USART0, 8 data bits, no parity, one stop bit (the chip's reset default), 9600 baud.
struct Serial;

impl Serial {
    /// Sets the baud rate and turns the transmitter and the receiver on.
    fn new() -> Self {
        let [high, low] = BAUD_9600_AT_16_MHZ.to_be_bytes();
        // SAFETY: USART0's registers exist at these addresses on both chips; nothing else uses it.
        unsafe {
            write_volatile(UBRR0H, high);
            write_volatile(UBRR0L, low);
            write_volatile(UCSR0B, RXEN0 | TXEN0);
        }
        Serial
    }

    /// Sends one byte, once the transmit buffer has room for it.
    fn write_byte(&mut self, byte: u8) {
        // SAFETY: as in `new`.
        unsafe {
            while read_volatile(UCSR0A) & UDRE0 == 0 {}
            write_volatile(UDR0, byte);
        }
    }

    /// Waits for one byte and returns it.
    #[cfg(feature = "count")]
    fn read_byte(&mut self) -> u8 {
        // SAFETY: as in `new`.
        unsafe {
            while read_volatile(UCSR0A) & RXC0 == 0 {}
            read_volatile(UDR0)
        }
    }

    fn print(&mut self, text: &str) {
        for byte in text.bytes() {
            self.write_byte(byte);
        }
    }

    /// Prints `number` in decimal.
    fn print_number(&mut self, number: u32) {
        self.print_digits(number, 1);
    }

    /// Prints `number` in decimal with at least `width` digits, zeros in front.
    fn print_digits(&mut self, number: u32, width: usize) {
        // u32::MAX has ten digits.
        let mut digits = [b'0'; 10];
        let (mut rest, mut count) = (number, 0);
        while rest > 0 || count < width {
            digits[count] = b'0' + (rest % 10) as u8;
            rest /= 10;
            count += 1;
        }
        for &digit in digits[..count].iter().rev() {
            self.write_byte(digit);
        }
    }

    /// Prints the bit pattern of `value` as `0x` and a fixed number of hexadecimal digits: 8 for
    /// an `f32`, 16 for an `f64`, as the host proof prints the PC's.
    fn print_bits(&mut self, value: Scalar) {
        // A u32 in f32, already a u64 in f64.
        #[allow(clippy::useless_conversion)]
        let bits = u64::from(value.to_bits());
        self.print("0x");
        for digit in (0..2 * size_of::<Scalar>()).rev() {
            self.write_byte(b"0123456789abcdef"[(bits >> (4 * digit)) as usize & 0xF]);
        }
    }

    /// Prints `value`, an output between 0 and 1, to `DECIMALS` decimals; `?` if it is not one.
    fn print_fixed(&mut self, value: Scalar) {
        if !(0.0..=1.0).contains(&value) {
            self.print("?");
            return;
        }
        // Below 2^24, so exact in an f32 too; the conversion truncates, +0.5 makes it round.
        let scaled = (value * DECIMAL_SCALE as Scalar + 0.5) as u32;
        self.print_number(scaled / DECIMAL_SCALE);
        self.print(".");
        self.print_digits(scaled % DECIMAL_SCALE, DECIMALS);
    }

    /// Prints a column of four outputs as numpy would, to `DECIMALS` decimals, on one line.
    fn print_column(&mut self, column: &Matrix<4, 1, Scalar>) {
        self.print("[");
        for (index, [value]) in column.rows().iter().enumerate() {
            self.print(if index == 0 { "[" } else { " [" });
            self.print_fixed(*value);
            self.print("]");
        }
        self.print("]\n");
    }

    /// Prints a column's bit patterns: `[[0x...], [0x...], [0x...], [0x...]]`.
    fn print_column_bits(&mut self, column: &Matrix<4, 1, Scalar>) {
        self.print("[");
        for (index, [value]) in column.rows().iter().enumerate() {
            self.print(if index == 0 { "[" } else { ", [" });
            self.print_bits(*value);
            self.print("]");
        }
        self.print("]\n");
    }
}

/// Prints the end marker with `status`, then waits for ever. QEMU 7.2 does not stop an AVR on
/// `cli; sleep`, so the loop is what a run ends in; avr.sh stops QEMU once it has read the marker.
fn end(serial: &mut Serial, status: u8) -> ! {
    serial.print(END_MARKER);
    serial.print_number(u32::from(status));
    serial.print("\n");
    loop {
        core::hint::spin_loop();
    }
}

// ---- Stack ----------------------------------------------------------------------------------------
/// The stack pointer's low and high bytes, SPL and SPH: I/O registers 0x3D and 0x3E, which the
/// data space maps at 0x5D and 0x5E. It points at the next free byte; a push writes there, then
/// moves it down.
const SPL: *const u8 = 0x5D as *const u8;
const SPH: *const u8 = 0x5E as *const u8;

/// The byte painted over the free stack; a byte that differs was used.
const STACK_PAINT: u8 = 0xA5;

/// Bytes left unpainted just below the painter's stack pointer: the painter's own call may
/// push registers there after reading the pointer.
const PAINT_MARGIN: usize = 16;

extern "C" {
    /// The first byte after the statics (avr-libc's linker script): the stack may grow down to
    /// here, and no further without overwriting them.
    static mut __heap_start: u8;
    /// The last byte of RAM, where the stack starts (avr-libc's start-up code: RAMEND).
    static __stack: u8;
}

/// The current stack pointer.
#[inline(always)]
fn stack_pointer() -> usize {
    // SAFETY: reads two I/O registers, in the order the datasheet gives (low byte first).
    let (low, high) = unsafe { (read_volatile(SPL), read_volatile(SPH)) };
    usize::from(u16::from_le_bytes([low, high]))
}

/// Paints every byte from the end of the statics to a little below the stack pointer.
#[inline(never)]
fn paint_free_stack() {
    let top = stack_pointer() - PAINT_MARGIN;
    // SAFETY: the bytes between the statics and the stack pointer belong to no one yet.
    unsafe {
        let mut byte = addr_of_mut!(__heap_start);
        while (byte as usize) < top {
            write_volatile(byte, STACK_PAINT);
            byte = byte.add(1);
        }
    }
}

/// The lowest address the stack has reached since it was painted: the first changed byte. If it
/// is the first byte after the statics, the stack may have run into them.
fn stack_low_water() -> usize {
    // SAFETY: reads the free RAM between the statics and the top of the stack, byte by byte.
    unsafe {
        let mut byte = addr_of!(__heap_start);
        while byte < addr_of!(__stack) && read_volatile(byte) == STACK_PAINT {
            byte = byte.add(1);
        }
        byte as usize
    }
}

// ---- The experiment -----------------------------------------------------------------------------
/// For the feature `deliberate-statics`: statics that leave the stack less room than its budget,
/// which avr.sh's linker check must refuse.
#[cfg(feature = "deliberate-statics")]
static mut BALLAST: [u8; 768] = [0; 768];

/// Called by avr-libc's start-up code.
#[cfg(not(feature = "count"))]
#[no_mangle]
pub extern "C" fn main() -> ! {
    #[cfg(feature = "deliberate-statics")]
    core::hint::black_box(addr_of_mut!(BALLAST));
    paint_free_stack();
    let mut serial = Serial::new();
    let status = run(&mut serial);
    end(&mut serial, status)
}

/// The experiment; returns the exit status.
fn run(serial: &mut Serial) -> u8 {
    let epochs = EPOCHS;
    serial.print("stacknet on ");
    serial.print(CHIP);
    serial.print(": classic 2-3-1, seed 1, ");
    serial.print_number(epochs);
    serial.print(" epochs, ");
    serial.print(<Scalar as stacknet::Float>::NUMPY_NAME);
    serial.print("\n");

    // The stack used by the training call alone: from the stack pointer at the call down to the
    // deepest byte it changed, after painting everything below.
    let low_water_before_training = stack_low_water();
    let sp_at_call = stack_pointer();
    paint_free_stack();
    let z = library_train(epochs);
    let training_stack = sp_at_call + 1 - stack_low_water();

    let learnt = xor::is_learnt(&z);
    serial.print("Z");
    serial.print(SUFFIX);
    serial.print(" = ");
    serial.print_column(&z);
    // The bits, which avr.sh compares with the PC's.
    serial.print("Z bits");
    serial.print(SUFFIX);
    serial.print(": ");
    serial.print_column_bits(&z);

    let baked = library_predict(&TRAINED_NETWORK);
    let baked_learnt = xor::is_learnt(&baked);
    serial.print("baked-in const network (");
    serial.print(FIXTURE);
    serial.print(") = ");
    serial.print_column(&baked);

    // The whole program: from the top of RAM down to the deepest byte ever changed. If that is
    // the first byte after the statics, the stack may have gone further, into them.
    let deepest = stack_low_water().min(low_water_before_training);
    let whole_stack = addr_of!(__stack) as usize + 1 - deepest;
    let statics_end = addr_of!(__heap_start) as usize;
    let overran = deepest <= statics_end;
    serial.print("stack: training call");
    serial.print(SUFFIX);
    serial.print(" ");
    serial.print_number(training_stack as u32);
    serial.print(" bytes\nstack: whole program ");
    serial.print_number(whole_stack as u32);
    serial.print(" bytes, ");
    serial.print_number((deepest - statics_end) as u32);
    serial.print(" bytes never reached above the statics\n");
    if overran {
        serial.print("the stack reached the statics\n");
    }
    serial.print("learnt XOR");
    serial.print(SUFFIX);
    serial.print(": ");
    serial.print(verdict(learnt));
    serial.print("\ncomputes XOR: baked-in ");
    serial.print(verdict(baked_learnt));
    serial.print("\n");
    if learnt && baked_learnt && !overran {
        EXIT_LEARNT
    } else {
        EXIT_NOT_LEARNT
    }
}

/// `yes` or `NO`, for the output's verdicts.
fn verdict(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "NO"
    }
}

/// A panic prints `panic` and its end marker; its message would need `core::fmt`.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    let mut serial = Serial::new();
    serial.print("panic\n");
    end(&mut serial, EXIT_PANIC)
}

// ---- Calls into stacknet ------------------------------------------------------------------------
// Besides the two functions below, the firmware uses `Training::CLASSIC_EPOCHS`, `Float`'s
// `NUMPY_NAME`, `xor::is_learnt`, `Matrix::rows`, `Matrix::convert` and `Display`, and, in the
// included fixture, `Network::from_weights` and `Matrix::from_rows`.

/// stacknet's training: the classic network from seed `SEED` for `epochs` epochs, in [`Scalar`].
/// Out of line, so that the stack it uses can be measured. The classic program cannot diverge
/// from weights in [0, 1); were it to, `Z` is NaN, which fails both the XOR check and avr.sh's
/// comparison with the PC.
#[inline(never)]
fn library_train(epochs: u32) -> Matrix<4, 1, Scalar> {
    let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, Scalar>::random(
        &mut stacknet::fastrand::Rng::with_seed(SEED),
    );
    let (inputs, targets) = (xor::INPUTS.convert(), xor::TARGETS.convert());
    core::hint::black_box(&mut network)
        .train(&inputs, &targets, Training::CLASSIC, epochs)
        .unwrap_or(Matrix::from_rows([[Scalar::NAN]; 4]))
}

/// stacknet's inference, out of line for the same reason.
#[inline(never)]
fn library_predict(network: &Network<2, 3, 1, Sigmoid, Sigmoid, Scalar>) -> Matrix<4, 1, Scalar> {
    core::hint::black_box(network).predict(&xor::INPUTS.convert())
}

// ---- Counting instructions ----------------------------------------------------------------------
/// What the count build does, read from the serial port.
#[cfg(feature = "count")]
#[derive(Clone, Copy)]
enum Work {
    /// Train for this many epochs.
    Train(u32),
    /// Run [`known_loop`] for this many iterations.
    Loop(u16),
}

/// The count build's program: reads `train EPOCHS` or `loop ITERATIONS` and a newline from the
/// serial port, runs [`counted`] on it, and ends with status 0 (1 if the line made no sense or
/// training gave NaN). The instructions QEMU executes from the first of `counted` to the first
/// of [`count_end`] are the work's, and its call's; two runs of `train` differ by the epochs
/// between them alone.
#[cfg(feature = "count")]
#[no_mangle]
pub extern "C" fn main() -> ! {
    let mut serial = Serial::new();
    let mut line = [0u8; 24];
    let mut length = 0;
    loop {
        let byte = serial.read_byte();
        if byte == b'\n' || length == line.len() {
            break;
        }
        line[length] = byte;
        length += 1;
    }
    let text = core::str::from_utf8(&line[..length]).unwrap_or("");
    let work = match text.split_once(' ') {
        Some(("train", number)) => number.parse().ok().map(Work::Train),
        Some(("loop", number)) => number.parse().ok().filter(|&n| n > 0).map(Work::Loop),
        _ => None,
    };
    let ok = work.is_some_and(counted);
    count_end(&mut serial, ok)
}

/// The work that is counted; returns whether it went well.
#[cfg(feature = "count")]
#[no_mangle]
#[inline(never)]
fn counted(work: Work) -> bool {
    match work {
        Work::Train(epochs) => library_train(epochs)
            .rows()
            .iter()
            .all(|row| !row[0].is_nan()),
        Work::Loop(iterations) => {
            known_loop(iterations);
            true
        }
    }
}

/// Where counting stops: prints the end marker.
#[cfg(feature = "count")]
#[no_mangle]
#[inline(never)]
fn count_end(serial: &mut Serial, ok: bool) -> ! {
    end(serial, if ok { EXIT_LEARNT } else { EXIT_NOT_LEARNT })
}

/// Exactly two instructions per iteration (subtract one from a register pair, branch back unless
/// zero), so that avr.sh can check QEMU's count against a known one. `iterations` must be at
/// least 1.
#[cfg(feature = "count")]
#[inline(never)]
fn known_loop(iterations: u16) {
    // SAFETY: counts a register pair down to zero; touches no memory.
    unsafe {
        core::arch::asm!(
            "2:",
            "sbiw r24, 1",
            "brne 2b",
            inout("r25r24") iterations => _,
            options(nomem, nostack),
        );
    }
}
