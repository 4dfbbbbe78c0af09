#!/usr/bin/env bash
# make embedded: proves that stacknet runs without std or a heap, on three emulated Cortex-M chips,
# two emulated RISC-V ones and two AVR ones (the Arduino Uno's ATmega328P and the ATmega2560).
#
#   tests/embedded/run.sh
#
# Installs what is missing (five rustup targets; the dated nightly of avr/rust-toolchain.toml with
# rust-src; qemu-system-arm, qemu-system-misc (which has qemu-system-avr), gcc-avr, binutils-avr
# and avr-libc through apt-get; llvm-nm through rustup's llvm-tools if the system has none) and
# fails loudly if it cannot: it never skips.
# Then it checks, each as one line PASS or FAIL:
#   - host/: a no_std, no_main Linux program trains the network and learns XOR; built with std
#     leaked in it fails with E0152, built with an allocation it fails to link;
#   - qemu/: firmware for Cortex-M4F, M3 and M0 trains for 60000 epochs under QEMU, in f64 and
#     in f32, each bit for bit as the PC does (the PC's f32 run is the host proof's), runs the
#     const network of tests/fixtures/trained_classic.rs, and stays within the budgets in each
#     precision: 1 KiB of stack for training, 8 KiB of flash for stacknet's own code (measured in
#     an image that trains in that precision alone);
#   - on the Cortex-M4F, the f32 training code (the f32 training symbol and all it calls) uses
#     the FPU (vadd.f32, vmul.f32, vdiv.f32) and calls no software floating-point routine;
#   - examples/firmware, built as firmware authors build it (cortex-m-rt, panic-semihosting,
#     cortex-m-semihosting), runs under QEMU by its own `cargo run`: its const network, which must
#     be what `stacknet --seed 1 --dtype f32 --format rust` writes today, computes XOR, and its
#     training on the M4F gives the PC's f32 Z bit for bit;
#   - riscv/: the same experiment (both share tests/embedded/shared/) on QEMU's RISC-V virt
#     machine, built for riscv32imac and for riscv32imc, the latter run on a CPU without the A,
#     F and D extensions; same checks, same budgets;
#   - on each architecture a deliberate fault (a HardFault; an illegal instruction) and a
#     deliberate panic end QEMU with a non-zero status: 3 and 101;
#   - instructions per epoch of training, counted exactly by QEMU on the Cortex-M4F, M3, M0 and
#     RV32IMAC (with the plugin in count/), trusted when QEMU counts a known loop exactly and two
#     spans of epochs agree; printed after the tables as `instructions per epoch on CHIP: f64 N`;
#   - avr.sh, run in the background from after the PC's run (AVR under QEMU is slow): the
#     ATmega328P trains in f32 and, with stacknet's exp without a table, in f64, the ATmega2560 in
#     f64, each for 6000 epochs and bit for bit as the PC does, with RAM (statics and stack)
#     checked by the linker before it runs and measured after, flash, stack, and instructions and
#     cycles per epoch; its lines and table follow the others'.
# It ends with the line `embedded: N passed, N failed`, and exits non-zero if any failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
# The AVR checks (avr.sh) run in the background; stop them if this script stops first.
avr_job=""
trap '[ -n "$avr_job" ] && kill "$avr_job" 2>/dev/null; rm -rf "$work"' EXIT

# Budgets from the embedding issue.
STACK_BUDGET=1024   # bytes of stack for one training call of a 2-3-1 network
FLASH_BUDGET=8192   # bytes of flash for stacknet's own code and tables
# A QEMU run that takes longer than this has hung.
QEMU_TIMEOUT=120
# Instructions per epoch: the firmware built with the feature `count` trains for each of these
# numbers of epochs; the difference of the first two counts, divided by the epochs between, is the
# figure; the next span must agree within COUNT_AGREEMENT percent (software floating point takes
# data-dependent paths, so epochs differ a little).
EPOCHS_COUNTED=(10 110 210)
COUNT_AGREEMENT=3
# Iterations of the count build's known loop (two instructions each) for checking QEMU's count.
LOOP_ITERATIONS=(1000 2000)
# Precisions whose instructions per epoch are counted, each `name [firmware features]`: one count
# build per chip each, one figure each on the chip's line. The feature `f32` makes the count build
# train in single precision.
PRECISIONS=("f64" "f32 f32")
# Exit statuses the firmware uses for a HardFault (Cortex-M), a trap (RISC-V) and a panic.
EXIT_HARD_FAULT=3
EXIT_TRAP=3
EXIT_PANIC=101

# target, QEMU machine, chip
CHIPS=(
  "thumbv7em-none-eabihf mps2-an386  Cortex-M4F"
  "thumbv7m-none-eabi    lm3s6965evb Cortex-M3"
  "thumbv6m-none-eabi    microbit    Cortex-M0"
)

# target, QEMU CPU (on machine virt), name, label in the report. The imc build runs on a CPU
# without the A (atomics) extension, and without F and D, so that any atomic or floating-point
# instruction would trap.
RISCV_CHIPS=(
  "riscv32imac-unknown-none-elf rv32                          RV32IMAC (virt)"
  "riscv32imc-unknown-none-elf  rv32,a=false,f=false,d=false  RV32IMC  (virt, no A/F/D)"
)

die() { echo "embedded: $*" >&2; echo "embedded: 0 passed, 1 failed"; exit 1; }

# ---- Installs -------------------------------------------------------------------------------
for target in $(printf '%s\n' "${CHIPS[@]}" "${RISCV_CHIPS[@]}" | awk '{ print $1 }'); do
  if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target" || die "could not install the Rust target $target (rustup target add $target)"
  fi
done
# Each program (or, for avr-libc, a file) and the Debian package that has it; one apt-get for all
# that are missing. avr-libc's is the ATmega328P's start-up code, which avr-gcc links in.
APT_TOOLS=(
  "qemu-system-arm qemu-system-arm"
  "qemu-system-riscv32 qemu-system-misc"
  "qemu-system-avr qemu-system-misc"
  "avr-gcc gcc-avr"
  "avr-size binutils-avr"
  "/usr/lib/avr/lib/avr5/crtatmega328p.o avr-libc"
)
present() { if [[ $1 == /* ]]; then [ -e "$1" ]; else command -v "$1" >/dev/null; fi; }
missing=()
for tool in "${APT_TOOLS[@]}"; do
  read -r program package <<<"$tool"
  present "$program" || [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "embedded: installing ${missing[*]} with apt-get"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
    || die "could not install ${missing[*]} (apt-get install ${missing[*]})"
  for tool in "${APT_TOOLS[@]}"; do
    read -r program package <<<"$tool"
    present "$program" || die "$program is still missing after apt-get install $package"
  done
fi
# The dated nightly that builds the AVR firmware, with rust-src (AVR has no prebuilt core).
"$here/avr/toolchain.sh" >/dev/null || die "could not install the AVR firmware's toolchain (tests/embedded/avr/toolchain.sh)"
nm=$(command -v llvm-nm || true)
size=$(command -v llvm-size || true)
objdump=$(command -v llvm-objdump || true)
if [ -z "$nm" ] || [ -z "$size" ] || [ -z "$objdump" ]; then
  rustup component add llvm-tools >/dev/null 2>&1 || die "could not install llvm-tools (rustup component add llvm-tools)"
  tools="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin"
  nm="$tools/llvm-nm"
  size="$tools/llvm-size"
  objdump="$tools/llvm-objdump"
  [ -x "$nm" ] && [ -x "$size" ] && [ -x "$objdump" ] || die "llvm-nm, llvm-size and llvm-objdump not found in $tools"
fi

passed=0
failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# ---- The no_std proof on the host ---------------------------------------------------------------
cd "$here/host"
if cargo build --release -q 2>"$work/host.err" && ./target/release/stacknet-host-proof >"$work/host.out"; then
  sed 's/^/    /' "$work/host.out"
  pass "host: a no_std, no_main program with no allocator trains and learns XOR"
else
  cat "$work/host.err" "$work/host.out" 2>/dev/null | sed 's/^/    /'
  fail "host: the no_std program did not build, or did not learn XOR"
fi
# Each deliberate mistake must fail the build, for the reason it stands for.
if cargo build --release -q --features leak-std >/dev/null 2>"$work/leak-std.err"; then
  fail "host: a build that links std succeeded; the proof could not catch std"
elif grep -q "E0152" "$work/leak-std.err"; then
  pass "host: linking std fails the build (E0152, duplicate panic_impl)"
else
  sed 's/^/    /' "$work/leak-std.err"; fail "host: linking std failed, but not with E0152"
fi
if cargo build --release -q --features leak-alloc >/dev/null 2>"$work/leak-alloc.err"; then
  fail "host: a build that allocates succeeded; the proof could not catch allocations"
elif grep -q "no global memory allocator found" "$work/leak-alloc.err"; then
  pass "host: allocating fails the build (no global memory allocator found)"
else
  sed 's/^/    /' "$work/leak-alloc.err"; fail "host: allocating failed, but not for want of an allocator"
fi

# ---- What the PC computes, for the chips to match -----------------------------------------------
cd "$root"
cargo build --release -q 2>"$work/cli.err" || { cat "$work/cli.err"; die "could not build the stacknet command line"; }
pc_z=$(./target/release/stacknet --seed 1 --format json 2>/dev/null | sed -n 's/.*"Z": \(\[\[[^]]*\]\(, \[[^]]*\]\)*\]\).*/\1/p')
[ -n "$pc_z" ] || die "could not read Z from stacknet --seed 1 --format json"
# The PC's f32 run: the command line's `--dtype f32`, which must agree with the no_std host
# proof's own f32 run (it prints `Z exactly (f32): [[...]]` as the firmware does).
pc_z_f32=$(./target/release/stacknet --seed 1 --dtype f32 --format json 2>/dev/null | sed -n 's/.*"Z": \(\[\[[^]]*\]\(, \[[^]]*\]\)*\]\).*/\1/p')
[ -n "$pc_z_f32" ] || die "could not read Z from stacknet --seed 1 --dtype f32 --format json"
host_z_f32=$(sed -n 's/^Z exactly (f32): //p' "$work/host.out" 2>/dev/null)
if [ "$host_z_f32" = "$pc_z_f32" ]; then
  pass "PC: stacknet --dtype f32 and the no_std host proof train to the same f32 Z"
else
  fail "PC: stacknet --dtype f32 gives $pc_z_f32, the host proof ${host_z_f32:-nothing}"
fi

# ---- AVR, in the background ------------------------------------------------------------------------
# avr.sh needs the command line built above; it builds and runs its own firmware meanwhile.
NM="$nm" "$here/avr.sh" >"$work/avr.log" 2>&1 &
avr_job=$!

# ---- Firmware under QEMU --------------------------------------------------------------------------
# Runs firmware `$1` with the QEMU command line that follows (program, machine, CPU); leaves its
# output in $work/qemu.out, returns its status. (QEMU writes semihosting output to its stderr,
# hence both streams.)
run_qemu() {
  local elf=$1
  shift
  timeout "$QEMU_TIMEOUT" "$@" -nographic -monitor none \
    -semihosting-config enable=on,target=native -kernel "$elf" >"$work/qemu.out" 2>&1
}

# Flash used by each part of an image, by symbol: `stacknet` (its training and inference code and
# the exp table, with the firmware's `library_` functions, its calls into stacknet: `library_predict`
# and each precision's `<f64 as ...::Precision>::library_train`) and `stacknet fmt` (its numpy
# formatting and TextBuffer, used for printing). Symbols at the same address are counted once;
# zero-sized ones (labels, RISC-V's `$x` mapping symbols) not at all.
flash_of() {
  "$nm" -C --print-size --size-sort --radix=d "$1" | awk '
    NF >= 4 && $2 + 0 > 0 && !seen[$1]++ {
      size = $2 + 0; name = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", name)
      if (name ~ /stacknet_(qemu|riscv)(::|\.\.)experiment(::|\.\.).*library_/) lib += size
      else if (name ~ /stacknet/ && name !~ /stacknet_(qemu|riscv)/) {
        if (name ~ /numpy_format|Display|TextBuffer|stacknet::text/) fmt += size; else lib += size
      }
    }
    END { printf "%d %d\n", lib, fmt }'
}

# stacknet's flash (see flash_of) at opt-level `$2` in an image of the firmware of the current
# folder, `$1`, for $target, that does only `$3`: `f64` or `f32` (trains in that precision alone,
# and runs the baked-in network), or `predict-only` (runs the baked-in network alone). Each image
# in a target folder of its own, so that the firmware run stays as built; run.sh builds each once.
# Prints the figure, or nothing if the image did not build (leaving the errors in $work/build.err).
image_flash_of() {
  local binary=$1 opt=$2 image=$3
  local dir="target/opt-$opt-$image"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt cargo build --release -q --target "$target" \
    --target-dir "$dir" --features "$image" 2>"$work/build.err" || return 0
  flash_of "$dir/$target/release/$binary" | awk '{ print $1 }'
}

# Checks the run just made of firmware `$3` on chip `$1`, which ended with status `$4` after `$5`
# milliseconds, and adds a row for `$2` (the chip and its QEMU machine) to the report. Each
# precision's `Z` must be bit for bit the PC's, its training call within the stack budget, and
# stacknet's flash in an image that trains in that precision alone (opt-level "s", as the firmware
# run) within the flash budget.
declare -a report
check_run() {
  local name=$1 label=$2 elf=$3 status=$4 milliseconds=$5
  sed 's/^/    /' "$work/qemu.out"
  if [ "$status" -eq 0 ]; then
    pass "$name: trained 60000 epochs in f64 and in f32 and learnt XOR both times; the baked-in const network computes XOR too"
  else
    fail "$name: QEMU ended with status $status"; return
  fi

  local precision suffix chip_z expected stack flash stacks=() flashes=()
  for precision in f64 f32; do
    suffix=""; expected=$pc_z
    [ "$precision" = f32 ] && { suffix=" (f32)"; expected=$pc_z_f32; }
    chip_z=$(sed -n "s/^Z exactly$suffix: //p" "$work/qemu.out")
    if [ "$chip_z" = "$expected" ]; then
      pass "$name, $precision: Z is bit for bit the PC's"
    else
      fail "$name, $precision: Z differs from the PC's: $chip_z against $expected"
    fi
    stack=$(sed -n "s/^stack: training call$suffix \([0-9]*\) bytes$/\1/p" "$work/qemu.out")
    if [ "${stack:-99999}" -le "$STACK_BUDGET" ]; then
      pass "$name, $precision: training used $stack bytes of stack (budget $STACK_BUDGET)"
    else
      fail "$name, $precision: training used ${stack:-an unknown number of} bytes of stack, over $STACK_BUDGET"
    fi
    flash=$(image_flash_of "$(basename "$elf")" s "$precision")
    if [ "${flash:-0}" -gt 0 ] && [ "$flash" -le "$FLASH_BUDGET" ]; then
      pass "$name, $precision: stacknet's own code and tables take $flash bytes of flash in an image that trains in $precision alone (budget $FLASH_BUDGET)"
    else
      sed 's/^/    /' "$work/build.err"
      fail "$name, $precision: stacknet's own code takes ${flash:-an unknown number of} bytes of flash in an image that trains in $precision alone, outside 1..$FLASH_BUDGET"
    fi
    stacks+=("$stack"); flashes+=("$flash")
  done

  local whole_stack library_flash format_flash image_flash
  whole_stack=$(sed -n 's/^stack: whole program \([0-9]*\) bytes$/\1/p' "$work/qemu.out")
  read -r library_flash format_flash < <(flash_of "$elf")
  image_flash=$("$size" -A "$elf" 2>/dev/null | awk '$1 ~ /^\.(vectors|text|rodata|ARM\.exidx|data)$/ { total += $2 } END { print total }')
  report+=("$(printf '| %-26s | %3d.%d s | %5s B | %5s B | %5s B | %5s B | %5s B | %5s B | %5s B | %6s B |' "$label" \
    $((milliseconds / 1000)) $((milliseconds % 1000 / 100)) "${stacks[0]}" "${stacks[1]}" "$whole_stack" \
    "${flashes[0]}" "${flashes[1]}" "$library_flash" "$format_flash" "$image_flash")")
}

# Builds the firmware of the current folder for $target with the deliberate mistake `$2` (a
# feature), runs it (`$5`, with the QEMU command line that follows) and checks that QEMU ends with
# status `$4` and prints `$3`. `$1` names the chip.
check_mistake() {
  local name=$1 feature=$2 word=$3 expected=$4 elf=$5
  shift 5
  if ! cargo build --release -q --target "$target" --features "$feature" 2>"$work/build.err"; then
    sed 's/^/    /' "$work/build.err"; fail "$name, $feature: firmware did not build"; return
  fi
  run_qemu "$elf" "$@"; status=$?
  if [ "$status" -eq "$expected" ] && grep -q "$word" "$work/qemu.out"; then
    pass "$name, $feature: QEMU ends with status $status and says \"$(grep -m1 "$word" "$work/qemu.out")\""
  else
    sed 's/^/    /' "$work/qemu.out"; fail "$name, $feature: QEMU ended with status $status, expected $expected"
  fi
}

# Checks that the f32 training in firmware `$2` for chip `$1` computes on the FPU: the
# disassembly of the f32 training symbol and of every function it reaches by a branch holds
# each of FPU_INSTRUCTIONS, and no call to a software floating-point routine (ARM's `__aeabi_f*`
# and `__aeabi_d*`, compiler-builtins' `__addsf3` and the like). With `$3` = `soft`, checks the
# check instead: on a chip without an FPU it must find software floating point and no FPU.
FPU_INSTRUCTIONS=(vadd.f32 vmul.f32 vdiv.f32)
check_hard_float() {
  local name=$1 elf=$2 expected=${3:-fpu} found
  found=$("$objdump" -d -C --no-show-raw-insn "$elf" | awk '
    # A function starts at a line "ADDRESS <NAME>:"; "$t" and "$d" are mapping symbols within it.
    /^[0-9a-f]+ <[^$][^>]*>:$/ { function_name = substr($0, index($0, "<") + 1); sub(/>:$/, "", function_name); next }
    function_name != "" {
      body[function_name] = body[function_name] "\n" $0
      # A branch or call to another function: an instruction starting with b whose target is
      # <NAME> or <NAME+0x...>.
      if (match($0, /\tb[a-z.]*\t[^<]*<[^>]*>/)) {
        target = substr($0, RSTART, RLENGTH); sub(/^[^<]*</, "", target); sub(/(\+0x[0-9a-f]+)?>$/, "", target)
        if (target != function_name && target !~ /^\$/) callees[function_name] = callees[function_name] " " target
      }
    }
    END {
      for (f in body) if (f ~ /f32.*Precision.*library_train/) { queue[++queued] = f; seen[f] = 1 }
      for (i = 1; i <= queued; i++) {
        n = split(callees[queue[i]], targets, " ")
        for (j = 1; j <= n; j++) if (!seen[targets[j]]++) queue[++queued] = targets[j]
      }
      for (i = 1; i <= queued; i++) {
        f = queue[i]; reached = reached (i > 1 ? ", " : "") f
        if (f ~ /(^|::)__(aeabi_[fd]|(add|sub|mul|div|neg|cmp|eq|ne|lt|le|gt|ge|un)[sd]f[23]|extend|trunc|fix|float)/) soft = soft " " f
        n = split(body[f], lines, "\n")
        for (j = 1; j <= n; j++) if (match(lines[j], /\tv[a-z]+\.f32\t/)) count[substr(lines[j], RSTART + 1, RLENGTH - 2)]++
      }
      printf "%d|%s|%s|", queued, reached, soft
      for (instruction in count) printf " %s:%d", instruction, count[instruction]
      printf "\n"
    }')
  local functions reached soft counts instruction missing=""
  IFS='|' read -r functions reached soft counts <<<"$found"
  for instruction in "${FPU_INSTRUCTIONS[@]}"; do
    [[ " $counts " == *" $instruction:"* ]] || missing+=" $instruction"
  done
  # Function names without their hashes, for the report.
  reached=$(sed 's/::h[0-9a-f]\{16\}//g; s/_\$LT\$/</g; s/\$GT\$/>/g; s/\$u20\$/ /g; s/\.\./::/g' <<<"$reached")
  echo "    f32 training code: $reached"
  echo "    its FPU instructions:${counts:- none}"
  if [ "$expected" = soft ]; then
    if [ "${functions:-0}" -gt 0 ] && [ -z "$counts" ] && [ -n "$soft" ]; then
      pass "$name: the FPU check tells software floating point: it finds no FPU instruction and calls to$soft"
    else
      fail "$name: the FPU check did not find software floating point where there is no FPU"
    fi
  elif [ "${functions:-0}" -gt 0 ] && [ -z "$missing" ] && [ -z "$soft" ]; then
    pass "$name: the f32 training code ($functions functions) computes on the FPU (${FPU_INSTRUCTIONS[*]}) and calls no software floating point"
  else
    fail "$name: the f32 training code (${functions:-0} functions) lacks${missing:- nothing} and calls software floating point:${soft:- none}"
  fi
}

# Cortex-M.
cd "$here/qemu"
for chip in "${CHIPS[@]}"; do
  read -r target machine name <<<"$chip"
  elf="target/$target/release/stacknet-qemu"
  if ! STACKNET_CHIP="$name ($machine)" cargo build --release -q --target "$target" 2>"$work/build.err"; then
    sed 's/^/    /' "$work/build.err"; fail "$name: firmware did not build for $target"; continue
  fi
  started=$(date +%s%N)
  run_qemu "$elf" qemu-system-arm -machine "$machine"; status=$?
  check_run "$name" "$name ($machine)" "$elf" "$status" $(( ($(date +%s%N) - started) / 1000000 ))
  # The chip with an FPU: its f32 training must use it; and on the next one, without, the same
  # check must see software floating point.
  case $target in
    thumbv7em-none-eabihf) check_hard_float "$name" "$elf" ;;
    thumbv7m-none-eabi) check_hard_float "$name" "$elf" soft ;;
  esac
done
# Failures must show as failures: a HardFault and a panic, on the first chip.
read -r target machine name <<<"${CHIPS[0]}"
for mistake in "deliberate-fault HardFault $EXIT_HARD_FAULT" "deliberate-panic panic $EXIT_PANIC"; do
  read -r feature word expected <<<"$mistake"
  check_mistake "$name" "$feature" "$word" "$expected" "target/$target/release/stacknet-qemu" \
    qemu-system-arm -machine "$machine"
done
# Leave the normal firmware built, so that target/ holds what the figures describe.
STACKNET_CHIP="$name ($machine)" cargo build --release -q --target "$target" 2>/dev/null

# ---- Firmware as its authors write it ---------------------------------------------------------------
# examples/firmware: cortex-m-rt, panic-semihosting and cortex-m-semihosting on the Cortex-M4F, run
# by its own `cargo run` (its .cargo/config.toml's runner is QEMU). Its const network must be what
# the command line exports today, and its own training the PC's f32 run.
cd "$root/examples/firmware"
expected_network=$("$root/target/release/stacknet" --seed 1 --dtype f32 --format rust 2>/dev/null)
if [ -n "$expected_network" ] && [ "$expected_network" = "$(cat src/trained.rs)" ]; then
  pass "examples/firmware: src/trained.rs is what stacknet --seed 1 --dtype f32 --format rust writes"
else
  fail "examples/firmware: src/trained.rs differs from stacknet --seed 1 --dtype f32 --format rust (rewrite it with that command)"
fi
if ! cargo build --release -q 2>"$work/build.err"; then
  sed 's/^/    /' "$work/build.err"; fail "examples/firmware: did not build"
else
  timeout "$QEMU_TIMEOUT" cargo run --release -q >"$work/qemu.out" 2>&1; status=$?
  sed 's/^/    /' "$work/qemu.out"
  if [ "$status" -eq 0 ] && grep -q "^computes XOR: const network true, trained here true$" "$work/qemu.out"; then
    pass "examples/firmware: cargo run --release under QEMU ends with status 0; the const network and the one trained on the chip compute XOR"
  else
    fail "examples/firmware: cargo run --release ended with status $status"
  fi
  firmware_z=$(sed -n 's/^Z exactly (f32): //p' "$work/qemu.out")
  if [ "$firmware_z" = "$pc_z_f32" ]; then
    pass "examples/firmware: Z is bit for bit the PC's f32 run"
  else
    fail "examples/firmware: Z differs from the PC's f32 run: ${firmware_z:-nothing} against $pc_z_f32"
  fi
fi

# RISC-V, on QEMU's virt machine.
cd "$here/riscv"
for chip in "${RISCV_CHIPS[@]}"; do
  read -r target cpu name label <<<"$chip"
  elf="target/$target/release/stacknet-riscv"
  if ! STACKNET_CHIP="$name (virt, -cpu $cpu)" cargo build --release -q --target "$target" 2>"$work/build.err"; then
    sed 's/^/    /' "$work/build.err"; fail "$name: firmware did not build for $target"; continue
  fi
  started=$(date +%s%N)
  run_qemu "$elf" qemu-system-riscv32 -M virt -cpu "$cpu" -bios none; status=$?
  check_run "$name" "$name $label" "$elf" "$status" $(( ($(date +%s%N) - started) / 1000000 ))
done
# A trap (an illegal instruction) and a panic, on the last chip, the one without atomics.
read -r target cpu name label <<<"${RISCV_CHIPS[-1]}"
for mistake in "deliberate-fault trap: $EXIT_TRAP" "deliberate-panic panic $EXIT_PANIC"; do
  read -r feature word expected <<<"$mistake"
  check_mistake "$name" "$feature" "$word" "$expected" "target/$target/release/stacknet-riscv" \
    qemu-system-riscv32 -M virt -cpu "$cpu" -bios none
done
STACKNET_CHIP="$name (virt, -cpu $cpu)" cargo build --release -q --target "$target" 2>/dev/null

# ---- Flash at three optimisation levels ----------------------------------------------------------
# stacknet's flash in three images per chip: the training firmware above made to train in f64
# alone, and in f32 alone (sigmoid only: every network in it is `Network<2, 3, 1, Sigmoid,
# Sigmoid, _>`; each runs the baked-in f64 network too), and the predict-only one, which runs the
# baked-in network and nothing else. Each at opt-level "s", "z" and 3, each in a target folder of
# its own (see image_flash_of; those at "s" were built for the checks above). The predict-only
# image is run once, to show it computes XOR.
declare -a flash_report
flash_check() {
  local name=$1 target=$2 binary=$3 budgeted_levels=$4
  local figures="" over="" unbudgeted=""
  for opt in s z 3; do
    for image in f64 f32 predict-only; do
      local library_flash
      library_flash=$(image_flash_of "$binary" "$opt" "$image")
      if [ -z "$library_flash" ]; then
        sed 's/^/    /' "$work/build.err"; fail "$name: the $image image did not build at opt-level $opt"; return
      fi
      figures+=" $library_flash"
      if [ "$library_flash" -le 0 ]; then
        over+=" $image at $opt: no stacknet symbols found;"
      elif [ "$library_flash" -gt "$FLASH_BUDGET" ]; then
        if [[ " $budgeted_levels " == *" $opt "* ]]; then
          over+=" $image at $opt: $library_flash B;"
        else
          unbudgeted+=" $image at $opt: $library_flash B;"
        fi
      fi
    done
  done
  if [ -z "$over" ]; then
    pass "$name: stacknet's flash within $FLASH_BUDGET B at opt-level ${budgeted_levels// /, }, training in f64, in f32, and predict-only:$figures"
    [ -n "$unbudgeted" ] && echo "    over $FLASH_BUDGET B where no budget is set:$unbudgeted"
  else
    fail "$name: stacknet's flash over $FLASH_BUDGET B:$over"
  fi
  read -r s_f64 s_f32 s_predict z_f64 z_f32 z_predict o3_f64 o3_f32 o3_predict <<<"$figures"
  flash_report+=("$(printf '| %-26s | %5s B | %5s B | %5s B | %5s B | %5s B | %5s B | %5s B | %5s B | %5s B |' \
    "$name" "$s_f64" "$z_f64" "$o3_f64" "$s_f32" "$z_f32" "$o3_f32" "$s_predict" "$z_predict" "$o3_predict")")
}
cd "$here/qemu"
for chip in "${CHIPS[@]}"; do
  read -r target machine name <<<"$chip"
  flash_check "$name" "$target" stacknet-qemu "s z 3"
done
read -r target machine name <<<"${CHIPS[0]}"
run_qemu "target/opt-s-predict-only/$target/release/stacknet-qemu" qemu-system-arm -machine "$machine"; status=$?
if [ "$status" -eq 0 ] && grep -q "computes XOR: baked-in yes" "$work/qemu.out"; then
  pass "$name: the predict-only image runs the baked-in network, which computes XOR"
else
  sed 's/^/    /' "$work/qemu.out"; fail "$name: the predict-only image ended with status $status"
fi
cd "$here/riscv"
# RV32IMAC has no floating point at all: at opt-level 3 the unrolled loop is some two hundred
# calls of software f64 routines, about 10 KB, so the budget holds it to "s" and "z" (the levels
# firmware is built with) and reports 3.
read -r target cpu name label <<<"${RISCV_CHIPS[0]}"
flash_check "$name" "$target" stacknet-riscv "s z"

# ---- Instructions per epoch ----------------------------------------------------------------------
# Counted exactly: QEMU runs the firmware with the plugin of count/, which adds one to a counter
# before every guest instruction it executes (the same numbers, on every chip, as counting the
# lines of `-singlestep -d exec,nochain`, one per instruction, which takes a thousand times
# longer). The count build (feature `count`) does only what its semihosting command line says:
# `train EPOCHS`, or `loop ITERATIONS` of a two-instruction loop; it prints nothing.
cd "$here/count"
plugin="$here/count/target/release/libqemu_instruction_count.so"
if ! cargo build --release -q 2>"$work/build.err"; then
  sed 's/^/    /' "$work/build.err"; fail "the instruction-counting plugin in count/ did not build"; plugin=""
fi

# Instructions QEMU executes running the count build `$1` with the command line `$2 $3`, with the
# QEMU command line that follows (program, machine, CPU). Prints the number; fails, leaving QEMU's
# output in $work/qemu.out, if QEMU did not end with status 0.
instructions_of() {
  local elf=$1 what=$2 number=$3
  shift 3
  rm -f "$work/count"
  timeout "$QEMU_TIMEOUT" "$@" -nographic -monitor none \
    -semihosting-config "enable=on,target=native,arg=stacknet,arg=$what,arg=$number" \
    -kernel "$elf" -plugin "$plugin,output=$work/count" >"$work/qemu.out" 2>&1 && cat "$work/count"
}

# Counts instructions per epoch on chip `$1` in precision `$2` (built with the firmware features
# `$3`; `$4` is the firmware's binary, for $target) with the QEMU command line that follows; leaves
# the figure in $per_epoch, or fails and leaves it empty.
per_epoch=""
count_epochs() {
  local name=$1 precision=$2 features=$3 binary=$4
  shift 4
  per_epoch=""
  local dir="target/count-$precision"
  if ! cargo build --release -q --target "$target" --target-dir "$dir" --features "count $features" \
      2>"$work/build.err"; then
    sed 's/^/    /' "$work/build.err"; fail "$name, $precision: the count firmware did not build"; return
  fi
  local elf="$dir/$target/release/$binary" loops=() counts=() number count
  for number in "${LOOP_ITERATIONS[@]}"; do
    count=$(instructions_of "$elf" loop "$number" "$@") \
      || { sed 's/^/    /' "$work/qemu.out"; fail "$name, $precision: QEMU failed on the count firmware's known loop"; return; }
    loops+=("$count")
  done
  local loop_expected=$((2 * (LOOP_ITERATIONS[1] - LOOP_ITERATIONS[0])))
  if [ $((loops[1] - loops[0])) -ne "$loop_expected" ]; then
    fail "$name, $precision: QEMU counted $((loops[1] - loops[0])) instructions for a loop of $loop_expected"
    return
  fi
  for number in "${EPOCHS_COUNTED[@]}"; do
    count=$(instructions_of "$elf" train "$number" "$@") \
      || { sed 's/^/    /' "$work/qemu.out"; fail "$name, $precision: QEMU failed on the count firmware's training for $number epochs"; return; }
    counts+=("$count")
  done
  local first_span=$((EPOCHS_COUNTED[1] - EPOCHS_COUNTED[0])) second_span=$((EPOCHS_COUNTED[2] - EPOCHS_COUNTED[1]))
  # Instructions per epoch in each span, rounded to the nearest.
  local first=$(( ((counts[1] - counts[0]) * 2 + first_span) / (2 * first_span) ))
  local second=$(( ((counts[2] - counts[1]) * 2 + second_span) / (2 * second_span) ))
  local apart=$((first > second ? first - second : second - first))
  local spans="epochs ${EPOCHS_COUNTED[0]} to ${EPOCHS_COUNTED[1]}: $first; ${EPOCHS_COUNTED[1]} to ${EPOCHS_COUNTED[2]}: $second"
  if [ "$first" -gt 0 ] && [ $((apart * 100)) -le $((COUNT_AGREEMENT * first)) ]; then
    per_epoch=$first
    pass "$name, $precision: $per_epoch instructions per epoch ($spans, within $COUNT_AGREEMENT %; a loop of $loop_expected instructions counted exactly)"
  else
    fail "$name, $precision: instructions per epoch not positive, or the spans more than $COUNT_AGREEMENT % apart ($spans)"
  fi
}

# Counts every precision on the chip of $target; adds the report's line for chip `$1`.
declare -a count_report
count_chip() {
  local name=$1 binary=$2
  shift 2
  local figures=() entry precision features
  for entry in "${PRECISIONS[@]}"; do
    read -r precision features <<<"$entry"
    count_epochs "$name" "$precision" "$features" "$binary" "$@"
    figures+=("$precision ${per_epoch:-failed}")
  done
  local joined
  joined=$(printf ', %s' "${figures[@]}")
  count_report+=("instructions per epoch on $name: ${joined:2}")
}
if [ -n "$plugin" ]; then
  cd "$here/qemu"
  for chip in "${CHIPS[@]}"; do
    read -r target machine name <<<"$chip"
    count_chip "$name" stacknet-qemu qemu-system-arm -machine "$machine"
  done
  cd "$here/riscv"
  read -r target cpu name label <<<"${RISCV_CHIPS[0]}"
  count_chip "$name" stacknet-riscv qemu-system-riscv32 -M virt -cpu "$cpu" -bios none
fi

echo
echo "Measured under QEMU, firmware built with opt-level \"s\" (tests/embedded/{qemu,riscv}/Cargo.toml),"
echo "training in f64 and in f32; stacknet's flash per precision in an image that trains in it alone:"
printf '| %-26s | %7s | %7s | %7s | %7s | %7s | %7s | %7s | %7s | %8s |\n' "chip (QEMU machine)" "run" \
  "training stack f64" "training stack f32" "whole stack" "stacknet flash f64" "stacknet flash f32" \
  "stacknet flash, both" "its numpy format" "whole image"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for line in "${report[@]}"; do echo "$line"; done
echo
echo "stacknet's flash (its code and exp tables) by optimisation level, in images that train in f64 alone,"
echo "in f32 alone (both also run the baked-in f64 network), and predict-only:"
printf '| %-26s | %7s | %7s | %7s | %7s | %7s | %7s | %7s | %7s | %7s |\n' "chip" "f64 s" "f64 z" "f64 3" \
  "f32 s" "f32 z" "f32 3" "predict s" "predict z" "predict 3"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for line in "${flash_report[@]}"; do echo "$line"; done
echo
echo "Instructions per epoch of training (the classic loop, opt-level \"s\"), counted exactly by QEMU:"
for line in "${count_report[@]}"; do echo "$line"; done
echo

# ---- AVR's results ------------------------------------------------------------------------------------
echo "AVR (tests/embedded/avr.sh, run in the background since the start):"
wait "$avr_job"
avr_job=""
sed 's/^/  /' "$work/avr.log"
read -r avr_passed avr_failed < <(sed -n 's/^avr: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/avr.log")
if [ -n "${avr_passed:-}" ]; then
  passed=$((passed + avr_passed))
  failed=$((failed + avr_failed))
else
  fail "avr.sh ended without its summary line"
fi
echo
echo "embedded: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
