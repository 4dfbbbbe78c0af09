//! Clock cycles of AVR instructions, for the plugin's argument `cycles=avr5` or `cycles=avr6`.
//!
//! ```text
//! qemu-system-avr ... -plugin libqemu_instruction_count.so,output=FILE,from=..,to=..,cycles=avr5,code=FLASH
//! ```
//!
//! The timings are those of the instruction set summaries in the ATmega328P and ATmega2560
//! datasheets: an AVR runs from flash with no wait states and no cache, so an instruction's cycles
//! are fixed, except that a conditional branch takes one more when taken and a skip (`cpse`,
//! `sbrc`, `sbrs`, `sbic`, `sbis`) one more per word it skips over. Which of them happened shows
//! in the address of the next instruction executed, which the plugin compares.

/// The AVR cores timed. The ATmega2560's 22-bit program counter (avr6) takes three bytes on the
/// stack, so its calls and returns take a cycle more than the ATmega328P's (avr5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Core {
    Avr5,
    Avr6,
}

impl Core {
    /// The core named by the plugin's argument: `avr5` or `avr6`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "avr5" => Some(Self::Avr5),
            "avr6" => Some(Self::Avr6),
            _ => None,
        }
    }
}

/// How an instruction's cycles depend on the instruction that runs after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Always the same.
    Fixed,
    /// A conditional branch: one cycle more when it jumps.
    Branch,
    /// A skip: one cycle more per word skipped (one- or two-word instructions).
    Skip,
}

/// The length in bytes of the instruction whose first 16-bit word is `word`: 4 for `lds`, `sts`,
/// `jmp` and `call`, which carry an address in a second word; 2 for all others.
pub fn size(word: u16) -> u64 {
    let two_words = matches!(word & 0xFE0F, 0x9000 | 0x9200) // lds, sts
        || matches!(word & 0xFE0E, 0x940C | 0x940E); // jmp, call
    if two_words {
        4
    } else {
        2
    }
}

/// The cycles of the instruction whose first 16-bit word is `word`, when it neither branches nor
/// skips, and how that may change.
pub fn timing(word: u16, core: Core) -> (u64, Flow) {
    // Calls and returns push or pop the program counter: two bytes on avr5, three on avr6.
    let pc_bytes_extra = u64::from(core == Core::Avr6);
    let fixed = |cycles| (cycles, Flow::Fixed);
    match word {
        0x9508 | 0x9518 => return fixed(4 + pc_bytes_extra), // ret, reti
        0x9409 | 0x9419 => return fixed(2),                  // ijmp, eijmp
        0x9509 => return fixed(3 + pc_bytes_extra),          // icall
        0x9519 => return fixed(4),                           // eicall (avr6 only)
        0x95C8 | 0x95D8 => return fixed(3),                  // lpm, elpm (into r0)
        _ => {}
    }
    match word >> 12 {
        // nop, movw, muls, mulsu, fmul*, cpc, sbc, add; cpse, cp, sub, adc.
        0x0 => match word >> 8 {
            0x02 | 0x03 => fixed(2), // muls, mulsu, fmul, fmuls, fmulsu
            _ => fixed(1),
        },
        0x1 if word & 0xFC00 == 0x1000 => (1, Flow::Skip), // cpse
        0x1 => fixed(1),
        // and, eor, or, mov; cpi, sbci, subi, ori, andi; ldi: one register operation each.
        0x2..=0x7 | 0xE => fixed(1),
        // ldd and std, with ld and st through Y and Z as their zero displacements.
        0x8 | 0xA => fixed(2),
        0x9 => timing_of_group_9(word, pc_bytes_extra),
        0xB => fixed(1),                  // in, out
        0xC => fixed(2),                  // rjmp
        0xD => fixed(3 + pc_bytes_extra), // rcall
        // brbs, brbc (every conditional branch); bld, bst; sbrc, sbrs.
        _ => match (word >> 10) & 0b11 {
            0b00 | 0b01 => (1, Flow::Branch),
            0b10 => fixed(1),
            _ => (1, Flow::Skip),
        },
    }
}

/// The instructions starting with the bits 1001: loads, stores, one-operand operations, jumps,
/// calls, word additions, I/O bit operations and `mul`.
fn timing_of_group_9(word: u16, pc_bytes_extra: u64) -> (u64, Flow) {
    let fixed = |cycles| (cycles, Flow::Fixed);
    let low = word & 0xF;
    match (word >> 9) & 0b111 {
        // lds, ld (X, Y+, Z+ and the like), pop: 2; lpm and elpm into a register: 3.
        0b000 => match low {
            0x4..=0x7 => fixed(3),
            _ => fixed(2),
        },
        // sts, st, push.
        0b001 => fixed(2),
        // One-operand operations and flag settings: 1; jmp: 3; call: 4 or 5 (ret, ijmp, icall,
        // lpm were taken above).
        0b010 => match low {
            0xC | 0xD => fixed(3),
            0xE | 0xF => fixed(4 + pc_bytes_extra),
            _ => fixed(1),
        },
        // adiw, sbiw.
        0b011 => fixed(2),
        // cbi, sbic, sbi, sbis.
        0b100 | 0b101 => match (word >> 8) & 0b11 {
            0b01 | 0b11 => (1, Flow::Skip),
            _ => fixed(2),
        },
        // mul.
        _ => fixed(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Instructions of each kind, encoded by hand from the instruction set manual's opcodes.
    #[test]
    fn known_instructions() {
        let cases: [(u16, &str, u64, Flow); 22] = [
            (0x0000, "nop", 1, Flow::Fixed),
            (0x0F01, "add r16, r17", 1, Flow::Fixed),
            (0x01FE, "movw r30, r28", 1, Flow::Fixed),
            (0x1301, "cpse r16, r17", 1, Flow::Skip),
            (0xE00F, "ldi r16, 15", 1, Flow::Fixed),
            (0x8108, "ld r16, Y", 2, Flow::Fixed),
            (0x8500, "ldd r16, Z+8", 2, Flow::Fixed),
            (0x910D, "ld r16, X+", 2, Flow::Fixed),
            (0x9104, "lpm r16, Z", 3, Flow::Fixed),
            (0x930F, "push r16", 2, Flow::Fixed),
            (0x910F, "pop r16", 2, Flow::Fixed),
            (0x9503, "inc r16", 1, Flow::Fixed),
            (0x9408, "sec", 1, Flow::Fixed),
            (0x940C, "jmp", 3, Flow::Fixed),
            (0x940E, "call", 4, Flow::Fixed),
            (0x9508, "ret", 4, Flow::Fixed),
            (0x9701, "sbiw r24, 1", 2, Flow::Fixed),
            (0x9A28, "sbi 5, 0", 2, Flow::Fixed),
            (0x9B28, "sbis 5, 0", 1, Flow::Skip),
            (0x9F01, "mul r16, r17", 2, Flow::Fixed),
            (0xF7F1, "brne .-4", 1, Flow::Branch),
            (0xFD00, "sbrc r16, 0", 1, Flow::Skip),
        ];
        for (word, name, cycles, flow) in cases {
            assert_eq!(
                timing(word, Core::Avr5),
                (cycles, flow),
                "{name} ({word:#06x})"
            );
        }
    }

    #[test]
    fn sizes() {
        for (word, bytes) in [
            (0x9100, 4),
            (0x9300, 4),
            (0x940C, 4),
            (0x940E, 4),
            (0x910F, 2),
            (0x9508, 2),
        ] {
            assert_eq!(size(word), bytes, "{word:#06x}");
        }
    }

    #[test]
    fn calls_and_returns_take_a_cycle_more_on_avr6() {
        for (word, avr5) in [
            (0x940E, 4),
            (0xD000, 3),
            (0x9509, 3),
            (0x9508, 4),
            (0x9518, 4),
        ] {
            assert_eq!(timing(word, Core::Avr5).0, avr5, "{word:#06x}");
            assert_eq!(timing(word, Core::Avr6).0, avr5 + 1, "{word:#06x}");
        }
        assert_eq!(timing(0xCFFF, Core::Avr6).0, 2, "rjmp pushes nothing");
    }
}
