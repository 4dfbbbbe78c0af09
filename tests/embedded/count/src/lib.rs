//! A QEMU TCG plugin that counts, exactly, the guest instructions QEMU executes, and writes the
//! number to a file when QEMU exits.
//!
//! ```text
//! cargo build --release     # in this folder; tests/embedded/run.sh does it
//! qemu-system-arm ... -plugin target/release/libqemu_instruction_count.so,output=FILE
//! ```
//!
//! When QEMU translates a block of guest code, the plugin asks for an inline addition of 1 to
//! its counter before each of the block's instructions: generated code, no call back into the
//! plugin, so the guest runs at nearly full speed. An instruction that faults still counts once,
//! as one the guest began. Written for QEMU 7.2 (Debian 12), whose plugin API is version 1; the
//! declarations below are that version's, from QEMU's `include/qemu/qemu-plugin.h`.
//!
//! For a guest that cannot make QEMU exit (AVR has no semihosting), two more arguments,
//! `from=ADDRESS` and `to=ADDRESS` (hexadecimal, as `nm` prints them), count only the
//! instructions between the first execution of the one and the first of the other, and write the
//! number as soon as `to` is reached; QEMU can then be stopped from outside.
//!
//! On AVR, `cycles=avr5` (ATmega328P) or `cycles=avr6` (ATmega2560) with `code=FILE`, the
//! firmware's flash as a raw image (`avr-objcopy -O binary`), also counts clock cycles, by the
//! datasheets' timings (`avr_cycles.rs`), and writes them after the instructions on the same line.
//! The instructions are read from that file: QEMU 7.2's AVR translator does not hand their bytes to
//! plugins. Counting cycles calls back into the plugin before every instruction, to see whether the
//! one before branched or skipped: many times slower than counting instructions alone.

mod avr_cycles;

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};
use std::sync::OnceLock;

use avr_cycles::{Core, Flow};

/// The plugin API version this plugin is written against; QEMU refuses a plugin without it.
#[no_mangle]
pub static qemu_plugin_version: c_int = 1;

/// `qemu_plugin_id_t`: the handle QEMU gives the plugin.
type PluginId = u64;
/// `struct qemu_plugin_tb` and `struct qemu_plugin_insn`: opaque to plugins.
#[repr(C)]
pub struct TranslationBlock {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct Instruction {
    _opaque: [u8; 0],
}
/// `QEMU_PLUGIN_INLINE_ADD_U64` of `enum qemu_plugin_op`: add an immediate to a `u64` in memory.
const INLINE_ADD_U64: c_int = 0;
/// `QEMU_PLUGIN_CB_NO_REGS` of `enum qemu_plugin_cb_flags`: the callback reads no registers.
const CB_NO_REGS: c_int = 0;

extern "C" {
    fn qemu_plugin_register_vcpu_tb_trans_cb(
        id: PluginId,
        callback: extern "C" fn(PluginId, *mut TranslationBlock),
    );
    fn qemu_plugin_tb_n_insns(block: *const TranslationBlock) -> usize;
    fn qemu_plugin_tb_get_insn(block: *const TranslationBlock, index: usize) -> *mut Instruction;
    fn qemu_plugin_insn_vaddr(instruction: *const Instruction) -> u64;
    fn qemu_plugin_register_vcpu_insn_exec_cb(
        instruction: *mut Instruction,
        callback: extern "C" fn(u32, *mut c_void),
        flags: c_int,
        user_data: *mut c_void,
    );
    fn qemu_plugin_register_vcpu_insn_exec_inline(
        instruction: *mut Instruction,
        operation: c_int,
        pointer: *mut c_void,
        immediate: u64,
    );
    fn qemu_plugin_register_atexit_cb(
        id: PluginId,
        callback: extern "C" fn(PluginId, *mut c_void),
        user_data: *mut c_void,
    );
}

/// Instructions executed so far. QEMU's generated code adds to it without atomics, which is
/// exact with one vCPU, as on every machine run.sh uses.
static INSTRUCTIONS: AtomicU64 = AtomicU64::new(0);
/// The file to write the count to: the argument `output=FILE`.
static OUTPUT: OnceLock<String> = OnceLock::new();
/// The guest addresses of the arguments `from=ADDRESS` and `to=ADDRESS`, when given.
static FROM: OnceLock<u64> = OnceLock::new();
static TO: OnceLock<u64> = OnceLock::new();
/// The count when `from` first ran; `NOT_YET` before.
static COUNT_AT_FROM: AtomicU64 = AtomicU64::new(NOT_YET);
/// Whether `to` has run after `from`, and the count has been written.
static WRITTEN: AtomicBool = AtomicBool::new(false);
/// [`COUNT_AT_FROM`] before `from` has run.
const NOT_YET: u64 = u64::MAX;
/// The AVR core whose cycles to count: the argument `cycles=avr5` or `cycles=avr6`.
static CORE: OnceLock<Core> = OnceLock::new();
/// The firmware's flash, from address 0: the argument `code=FILE`.
static CODE: OnceLock<Vec<u8>> = OnceLock::new();
/// Set when an instruction was executed outside [`CODE`]: its cycles are unknown, and no count
/// is written.
static OUTSIDE_CODE: AtomicBool = AtomicBool::new(false);
/// Clock cycles so far, and when `from` first ran.
static CYCLES: AtomicU64 = AtomicU64::new(0);
static CYCLES_AT_FROM: AtomicU64 = AtomicU64::new(0);
/// The instruction that ran last, for its branch or skip (null before the first).
static PREVIOUS: AtomicPtr<Timed> = AtomicPtr::new(std::ptr::null_mut());

/// What the cycle count needs of one translated instruction; made once per translation and kept
/// for the rest of the run, as QEMU keeps the translation.
struct Timed {
    address: u64,
    size: u64,
    cycles: u64,
    flow: Flow,
}

/// Called by QEMU when it loads the plugin, with the arguments after its name on `-plugin`.
/// Returns 0, or 1 (QEMU then stops) without an `output=FILE` argument, or with only one of
/// `from=` and `to=`, or an address that is not hexadecimal.
///
/// # Safety
/// QEMU passes `argc` valid NUL-terminated strings in `argv`.
#[no_mangle]
pub unsafe extern "C" fn qemu_plugin_install(
    id: PluginId,
    _info: *const c_void,
    argc: c_int,
    argv: *const *const c_char,
) -> c_int {
    for index in 0..argc.max(0) as usize {
        let argument = CStr::from_ptr(*argv.add(index)).to_string_lossy();
        if let Some(file) = argument.strip_prefix("output=") {
            let _ = OUTPUT.set(file.to_owned());
        }
        if let Some(name) = argument.strip_prefix("cycles=") {
            let Some(core) = Core::from_name(name) else {
                eprintln!("qemu-instruction-count: cycles= takes avr5 or avr6, not {name}");
                return 1;
            };
            let _ = CORE.set(core);
        }
        if let Some(file) = argument.strip_prefix("code=") {
            match std::fs::read(file) {
                Ok(bytes) => drop(CODE.set(bytes)),
                Err(error) => {
                    eprintln!("qemu-instruction-count: could not read {file}: {error}");
                    return 1;
                }
            }
        }
        for (name, address) in [("from=", &FROM), ("to=", &TO)] {
            if let Some(hex) = argument.strip_prefix(name) {
                let digits = hex.trim_start_matches("0x");
                let Ok(value) = u64::from_str_radix(digits, 16) else {
                    eprintln!(
                        "qemu-instruction-count: {name} needs a hexadecimal address, not {hex}"
                    );
                    return 1;
                };
                let _ = address.set(value);
            }
        }
    }
    if OUTPUT.get().is_none() {
        eprintln!("qemu-instruction-count: give the plugin an argument output=FILE");
        return 1;
    }
    if CORE.get().is_some() != CODE.get().is_some() {
        eprintln!("qemu-instruction-count: give both cycles=CORE and code=FILE, or neither");
        return 1;
    }
    if FROM.get().is_some() != TO.get().is_some() {
        eprintln!("qemu-instruction-count: give both from=ADDRESS and to=ADDRESS, or neither");
        return 1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translation);
    qemu_plugin_register_atexit_cb(id, on_exit, std::ptr::null_mut());
    0
}

/// A block was translated: count each of its instructions whenever it runs.
extern "C" fn on_translation(_id: PluginId, block: *mut TranslationBlock) {
    // SAFETY: `block` is QEMU's, valid during this call, as are the instructions it hands out.
    unsafe {
        for index in 0..qemu_plugin_tb_n_insns(block) {
            let instruction = qemu_plugin_tb_get_insn(block, index);
            qemu_plugin_register_vcpu_insn_exec_inline(
                instruction,
                INLINE_ADD_U64,
                INSTRUCTIONS.as_ptr().cast(),
                1,
            );
            if let (Some(&core), Some(code)) = (CORE.get(), CODE.get()) {
                let address = qemu_plugin_insn_vaddr(instruction);
                let bytes = usize::try_from(address)
                    .ok()
                    .and_then(|start| code.get(start..start + 2));
                if let Some(&[low, high]) = bytes {
                    let word = u16::from_le_bytes([low, high]);
                    let (cycles, flow) = avr_cycles::timing(word, core);
                    let timed = Box::new(Timed {
                        address,
                        size: avr_cycles::size(word),
                        cycles,
                        flow,
                    });
                    qemu_plugin_register_vcpu_insn_exec_cb(
                        instruction,
                        on_timed,
                        CB_NO_REGS,
                        Box::into_raw(timed).cast(),
                    );
                } else {
                    OUTSIDE_CODE.store(true, Ordering::SeqCst);
                }
            }
            // The two marked instructions also call back, before they run; in both, before or
            // after their own count alike, so that differences between runs are exact.
            let address = Some(qemu_plugin_insn_vaddr(instruction));
            if address == FROM.get().copied() {
                qemu_plugin_register_vcpu_insn_exec_cb(
                    instruction,
                    on_from,
                    CB_NO_REGS,
                    std::ptr::null_mut(),
                );
            } else if address == TO.get().copied() {
                qemu_plugin_register_vcpu_insn_exec_cb(
                    instruction,
                    on_to,
                    CB_NO_REGS,
                    std::ptr::null_mut(),
                );
            }
        }
    }
}

/// An instruction is about to run (with `cycles=`): adds its cycles, and those the one before
/// took for branching or skipping to it.
extern "C" fn on_timed(_vcpu: u32, user_data: *mut c_void) {
    let this = user_data.cast::<Timed>();
    let previous = PREVIOUS.swap(this, Ordering::Relaxed);
    // SAFETY: both were made by `Box::into_raw` in `on_translation` and are never freed.
    let (this, previous) = unsafe { (&*this, previous.as_ref()) };
    let mut cycles = this.cycles;
    if let Some(previous) = previous {
        let next_in_line = previous.address + previous.size;
        match previous.flow {
            Flow::Branch if this.address != next_in_line => cycles += 1,
            // Skipped words: 2 bytes each.
            Flow::Skip if this.address > next_in_line => {
                cycles += (this.address - next_in_line) / 2
            }
            _ => {}
        }
    }
    CYCLES.fetch_add(cycles, Ordering::Relaxed);
}

/// The instruction at `from=` is about to run: remember the counts, the first time.
extern "C" fn on_from(_vcpu: u32, _user_data: *mut c_void) {
    let now = INSTRUCTIONS.load(Ordering::SeqCst);
    if COUNT_AT_FROM
        .compare_exchange(NOT_YET, now, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
    {
        CYCLES_AT_FROM.store(CYCLES.load(Ordering::SeqCst), Ordering::SeqCst);
    }
}

/// The instruction at `to=` is about to run: write the counts since `from`, the first time it
/// runs after `from`.
extern "C" fn on_to(_vcpu: u32, _user_data: *mut c_void) {
    let start = COUNT_AT_FROM.load(Ordering::SeqCst);
    if OUTSIDE_CODE.load(Ordering::SeqCst) {
        eprintln!("qemu-instruction-count: instructions ran outside code=FILE; no count written");
    } else if start != NOT_YET && !WRITTEN.swap(true, Ordering::SeqCst) {
        write_counts(
            INSTRUCTIONS.load(Ordering::SeqCst) - start,
            CYCLES.load(Ordering::SeqCst) - CYCLES_AT_FROM.load(Ordering::SeqCst),
        );
    }
}

/// Writes the instruction count to the output file, a decimal number, then (with `cycles=`) a
/// space and the cycles, then a newline.
fn write_counts(instructions: u64, cycles: u64) {
    let line = if CORE.get().is_some() {
        format!("{instructions} {cycles}\n")
    } else {
        format!("{instructions}\n")
    };
    if let Some(file) = OUTPUT.get() {
        if let Err(error) = std::fs::write(file, line) {
            eprintln!("qemu-instruction-count: could not write {file}: {error}");
        }
    }
}

/// QEMU is exiting: write the count of all instructions, unless counting was between `from` and
/// `to`, whose count is written when `to` runs (if it never did, no file says it did).
extern "C" fn on_exit(_id: PluginId, _user_data: *mut c_void) {
    if FROM.get().is_none() {
        write_counts(
            INSTRUCTIONS.load(Ordering::SeqCst),
            CYCLES.load(Ordering::SeqCst),
        );
    } else if !WRITTEN.load(Ordering::SeqCst) {
        eprintln!("qemu-instruction-count: the guest never reached to= after from=");
    }
}
