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

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

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

extern "C" {
    fn qemu_plugin_register_vcpu_tb_trans_cb(
        id: PluginId,
        callback: extern "C" fn(PluginId, *mut TranslationBlock),
    );
    fn qemu_plugin_tb_n_insns(block: *const TranslationBlock) -> usize;
    fn qemu_plugin_tb_get_insn(block: *const TranslationBlock, index: usize) -> *mut Instruction;
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

/// Called by QEMU when it loads the plugin, with the arguments after its name on `-plugin`.
/// Returns 0, or 1 (QEMU then stops) without an `output=FILE` argument.
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
    }
    if OUTPUT.get().is_none() {
        eprintln!("qemu-instruction-count: give the plugin an argument output=FILE");
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
        }
    }
}

/// QEMU is exiting: write the count, a decimal number and a newline.
extern "C" fn on_exit(_id: PluginId, _user_data: *mut c_void) {
    let count = INSTRUCTIONS.load(Ordering::SeqCst);
    if let Some(file) = OUTPUT.get() {
        if let Err(error) = std::fs::write(file, format!("{count}\n")) {
            eprintln!("qemu-instruction-count: could not write {file}: {error}");
        }
    }
}
