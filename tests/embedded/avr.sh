#!/usr/bin/env bash
# The AVR part of make embedded: stacknet on the Arduino Uno's ATmega328P and on the ATmega2560,
# under qemu-system-avr. run.sh runs it in the background, beside the other chips, and adds its
# results to its own; it can also run alone (its figures are then undisturbed by the other checks).
#
#   tests/embedded/avr.sh                      (6000 epochs a run)
#   AVR_EPOCHS=60000 tests/embedded/avr.sh     (the article's 60000, some minutes of QEMU)
#
# Needs what run.sh installs: the dated nightly of avr/rust-toolchain.toml with rust-src,
# avr-gcc with avr-libc, qemu-system-avr and llvm-nm; and the command line built
# (target/release/stacknet). It checks, each as one line PASS or FAIL:
#   - the PC's side: the host proof (host/), built to train for AVR_EPOCHS, trains as
#     `stacknet --epochs AVR_EPOCHS` does in f32 and in f64; built with stacknet's feature
#     `table-free-f64-exp`, it gives
#     the f64 run of the ATmega328P's firmware; that exp without a table is within 1 ulp of std's
#     on ten million points (table-free-exp/, which compiles tests/exp_sweep.rs with the feature);
#   - a RAM budget checked by the linker before anything runs: each image is linked with the data
#     region shortened by its stack budget (--defsym=__DATA_REGION_LENGTH__), so that its statics
#     (data, which on AVR includes every constant table, and bss) and the stack budget together fit
#     the chip's RAM, or the link fails; two deliberate images must fail it: f64 on the ATmega328P
#     with exp's 1.5 KiB of tables, and the f32 image with 768 bytes of extra statics, which
#     avr-gcc's own check (statics within RAM) would pass;
#   - avr/: firmware for the ATmega328P (arduino-uno) trains in f32, for the ATmega2560
#     (mega2560) in f64 and for the ATmega328P in f64 with the exp without a table, each for
#     AVR_EPOCHS (the article's 60000 would take minutes under QEMU); each Z bit for bit the PC's, the
#     const network exported by `stacknet --format rust` computes XOR, the training call within the
#     stack budget of the other chips, the whole program's stack within the image's budget (so
#     that statics and stack fit the RAM), and the image within the flash an Arduino sketch gets;
#   - instructions per epoch, counted exactly by QEMU with count/'s plugin between two addresses
#     (AVR cannot make QEMU exit), trusted when a known loop is counted exactly and two spans of
#     epochs agree; and clock cycles per epoch, the executed instructions timed by the datasheets'
#     cycle counts (the plugin's avr_cycles.rs; the known loop's cycles must come out exact too),
#     from which the table estimates the time of 60000 epochs on a real chip at 16 MHz.
# QEMU cannot stop an AVR, so each firmware prints an end marker with its exit status; this script
# stops QEMU when the marker appears, and fails a run that has not printed it within AVR_TIMEOUT.
# It ends with the figures' table and the line `avr: N passed, N failed`; exits non-zero if any
# failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
# A QEMU still running when this script stops (run.sh stops it if it fails first) is stopped too.
qemu=""
trap '[ -n "$qemu" ] && kill "$qemu" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 143' TERM INT

# Epochs of every run: a tenth of the article's 60000, which would take minutes of QEMU (20 s in
# f32 and over a minute in f64 on a quiet machine, several times that on a busy one); both sides
# of each comparison train this many. The network has learnt XOR by then (by about 2000 epochs
# from seed 1). What 60000 epochs cost is in the table, estimated from the cycles per epoch. To
# run the article's 60000 once: AVR_EPOCHS=60000 tests/embedded/avr.sh.
AVR_EPOCHS=${AVR_EPOCHS:-6000}
[[ "$AVR_EPOCHS" =~ ^[1-9][0-9]{0,6}$ ]] \
  || { echo "avr.sh: AVR_EPOCHS must be a whole number from 1 to 9999999, not '$AVR_EPOCHS'" >&2; exit 2; }
# A run that has not printed its end marker after this many seconds has hung. The slowest, f64
# without exp's table, takes about 12 s for 6000 epochs on a busy machine; longer runs get
# proportionally longer.
AVR_TIMEOUT=$(( AVR_EPOCHS > 6000 ? 120 * AVR_EPOCHS / 6000 : 120 ))
# Budgets: the training call's stack, as on every other chip (run.sh's STACK_BUDGET); stacknet's
# own code and tables within 12 KiB, three eighths of the Uno's flash (run.sh's FLASH_BUDGET is
# 8 KiB on 32-bit chips, but AVR's 8-bit instructions take 1.5 to 2.5 times the bytes of Thumb's
# for the same 32- and 64-bit arithmetic).
TRAINING_STACK_BUDGET=1024
LIBRARY_FLASH_BUDGET=12288
# The whole program's stack, per precision: the training call and what main, printing and the
# start-up add around it (about 130 bytes). The linker keeps this much RAM free of statics.
declare -A STACK_BUDGET=([f32]=1024 [f64]=1280)
# Instructions per epoch, as run.sh counts them: two spans of epochs that must agree within
# COUNT_AGREEMENT percent, and a known loop of two instructions per iteration.
EPOCHS_COUNTED=(10 110 210)
COUNT_AGREEMENT=3
LOOP_ITERATIONS=(1000 2000)
# The clock of the Uno and the Mega 2560, for the time 60000 epochs would take on the real chip,
# estimated from the cycles the counted epochs take (see the counting below).
CLOCK_HZ=16000000

# Each chip: RAM in bytes, flash in bytes that an Arduino sketch may use (the board's bootloader
# keeps the rest: 512 B of the Uno's 32 KiB, 8 KiB of the Mega 2560's 256 KiB), and its name.
declare -A RAM=([atmega328p]=2048 [atmega2560]=8192)
declare -A SKETCH_FLASH=([atmega328p]=32256 [atmega2560]=253952)
declare -A CHIP_NAME=([atmega328p]="ATmega328P" [atmega2560]="ATmega2560")
declare -A MACHINE=([atmega328p]=arduino-uno [atmega2560]=mega2560)
# The AVR core, for the plugin's cycle timings: the ATmega2560's calls and returns push and pop a
# 3-byte program counter, a cycle more each.
declare -A CORE=([atmega328p]=avr5 [atmega2560]=avr6)

# The images that run: label, chip, firmware features (comma-separated; - for none), and the
# PC's run they must match: one of the host proof's builds below. Each trains for AVR_EPOCHS.
IMAGES=(
  "uno-f32  atmega328p -                      pc"
  "mega-f64 atmega2560 f64                    pc"
  "uno-f64  atmega328p f64,table-free-f64-exp pc-table-free"
)
# The end marker's first words; the firmware prints the exit status after them.
END_MARKER="end of run, exit status"

die() { echo "avr: $*" >&2; echo "avr: 0 passed, 1 failed"; exit 1; }
passed=0
failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# ---- Tools ----------------------------------------------------------------------------------------
for tool in avr-gcc avr-size qemu-system-avr; do
  command -v "$tool" >/dev/null || die "$tool is missing: run tests/embedded/run.sh, which installs it"
done
nm=${NM:-$(command -v llvm-nm || true)}
[ -n "$nm" ] || die "llvm-nm is missing: run tests/embedded/run.sh, which installs it"
toolchain=$("$here/avr/toolchain.sh") || die "the AVR toolchain is missing"
stacknet="$root/target/release/stacknet"
[ -x "$stacknet" ] || die "the command line is not built (cargo build --release)"

# ---- What the PC computes ---------------------------------------------------------------------------
# Z from `stacknet ... --format json`, as written there.
cli_z() {
  "$stacknet" --seed 1 "$@" --format json 2>/dev/null | sed -n 's/.*"Z": \(\[\[[^]]*\]\(, \[[^]]*\]\)*\]\).*/\1/p'
}

# Builds and runs the host proof with STACKNET_EPOCHS=`$2` and the features `$3`, in a target
# folder of its own, `$1`; leaves its output in $work/$1.out. Its lines `Z exactly...` print each
# element in shortest round-trip form and `Z bits...` its bit pattern, which the AVR firmware
# prints too (it has no room for core's float formatting).
host_run() {
  local name=$1 epochs=$2 features=$3
  (cd "$here/host" && STACKNET_EPOCHS=$epochs cargo build --release -q --target-dir "target/$name" \
    ${features:+--features "$features"}) 2>"$work/build.err" \
    && "$here/host/target/$name/release/stacknet-host-proof" >"$work/$name.out"
}
host_run pc "$AVR_EPOCHS" "" || { cat "$work/build.err"; fail "PC: the host proof for $AVR_EPOCHS epochs did not build or learn XOR"; }
host_run pc-table-free "$AVR_EPOCHS" table-free-f64-exp \
  || { cat "$work/build.err"; fail "PC: the host proof with the exp without a table did not build or learn XOR"; }
# The host proof is the PC's run: it must train as the command line does.
for comparison in "f32 --dtype f32 --epochs $AVR_EPOCHS" "f64 --epochs $AVR_EPOCHS"; do
  read -r precision options <<<"$comparison"
  read -r -a args <<<"$options"
  suffix=""
  [ "$precision" = f32 ] && suffix=" (f32)"
  expected=$(cli_z "${args[@]}")
  host_z=$(sed -n "s/^Z exactly$suffix: //p" "$work/pc.out" 2>/dev/null)
  if [ -n "$expected" ] && [ "$host_z" = "$expected" ]; then
    pass "PC: stacknet ${args[*]} and the host proof train to the same $precision Z: $host_z"
  else
    fail "PC: stacknet ${args[*]} gives ${expected:-nothing}, the host proof ${host_z:-nothing}"
  fi
done
# The exp without a table, against std's, on the PC.
if (cd "$here/table-free-exp" && cargo test --release -q -- --include-ignored --nocapture) >"$work/sweep.out" 2>&1; then
  pass "PC: exp without a table (feature table-free-f64-exp) within 1 ulp of std's: $(grep -o '[0-9]* points: .*' "$work/sweep.out")"
else
  sed 's/^/    /' "$work/sweep.out"; fail "PC: exp without a table strays from std's (tests/exp_sweep.rs with the feature on)"
fi

# ---- Building, with the RAM budget checked by the linker ----------------------------------------------
# Builds the firmware for chip `$2` with the features `$3` (comma-separated, or -) for `$4` epochs,
# with the data region shortened by `$5` bytes of stack budget, and copies it to $work/$1.elf.
# One target folder per chip, so that `core` is built once for each; the budget goes to the final
# link alone (cargo rustc), so changing it rebuilds nothing else. Returns cargo's status, with the
# errors in $work/build.err.
build_image() {
  local label=$1 chip=$2 features=$3 epochs=$4 stack_budget=$5
  [ "$features" = - ] && features=""
  (cd "$here/avr" && STACKNET_CHIP="${CHIP_NAME[$chip]} (${MACHINE[$chip]})" STACKNET_EPOCHS=$epochs \
    RUSTFLAGS="-C target-cpu=$chip" cargo "+$toolchain" rustc --release -q --target-dir "target/$chip" \
    ${features:+--features "$features"} -- \
    -C "link-arg=-Wl,--defsym=__DATA_REGION_LENGTH__=$((RAM[$chip] - stack_budget))") 2>"$work/build.err" \
    && cp "$here/avr/target/$chip/avr-none/release/stacknet-avr.elf" "$work/$label.elf"
}

# Bytes of the sections named `$2...` in image `$1`.
section_bytes() {
  local elf=$1
  shift
  avr-size -A "$elf" | awk -v names=" $* " 'index(names, " " $1 " ") { total += $2 } END { print total + 0 }'
}

# The precision an image with the features `$1` trains in.
precision_of() { if [[ ",$1," == *,f64,* ]]; then echo f64; else echo f32; fi; }
# How the report names an image: chip `$1`, features `$2`.
name_of() {
  local name="${CHIP_NAME[$1]}, $(precision_of "$2")"
  [[ "$2" == *table-free* ]] && name+=" (exp without a table)"
  echo "$name"
}

declare -a built
for image in "${IMAGES[@]}"; do
  read -r label chip features reference <<<"$image"
  precision=$(precision_of "$features")
  budget=${STACK_BUDGET[$precision]}
  if build_image "$label" "$chip" "$features" "$AVR_EPOCHS" "$budget"; then
    statics=$(section_bytes "$work/$label.elf" .data .bss .noinit)
    pass "$(name_of "$chip" "$features"): statics $statics B and a stack budget of $budget B within ${RAM[$chip]} B of RAM (checked by the linker)"
    built+=("$image")
  else
    grep -v "no-pie" "$work/build.err" | sed 's/^/    /'
    fail "$(name_of "$chip" "$features"): the image did not build or link within ${RAM[$chip]} B of RAM less a stack budget of $budget B"
  fi
done

# The deliberate mistakes: images whose statics leave the stack less than its budget must not link.
# `region` is what the linker's complaint names; the f32 image's statics plus its 768 bytes would
# still fit in the RAM, so only the budget refuses it.
for mistake in "atmega328p f64 f64 exp's tables (f64 on the ATmega328P without table-free-f64-exp)" \
  "atmega328p f32 deliberate-statics 768 bytes of extra statics"; do
  read -r chip precision features what <<<"$mistake"
  budget=${STACK_BUDGET[$precision]}
  if build_image "mistake" "$chip" "$features" "$AVR_EPOCHS" "$budget"; then
    fail "${CHIP_NAME[$chip]}, $precision with $what: linked, though its statics leave less than $budget B for the stack"
  elif grep -q "not within region .data.\|region .data. overflowed" "$work/build.err"; then
    pass "${CHIP_NAME[$chip]}, $precision with $what: the linker refuses it before it can run ($(grep -m1 -o "section .\.[a-z]*. is not within region .data.\|region .data. overflowed by [0-9]* bytes" "$work/build.err"))"
  else
    grep -v "no-pie" "$work/build.err" | sed 's/^/    /'
    fail "${CHIP_NAME[$chip]}, $precision with $what: the build failed, but not for want of RAM"
  fi
done

# ---- Running under QEMU -------------------------------------------------------------------------------
# Runs image `$1` on QEMU machine `$2` until it prints the end marker, with the serial port's input
# from `$3` and QEMU's further arguments after it; leaves the output in $work/qemu.out and the
# milliseconds taken in $milliseconds. Returns 0 when the marker appeared; otherwise (QEMU stopped,
# or AVR_TIMEOUT passed) says so and returns 1.
milliseconds=0
run_avr() {
  local elf=$1 machine=$2 input=$3
  shift 3
  local started
  # Emptied first, so that the loop below cannot see an earlier run's marker.
  : >"$work/qemu.out"
  started=$(date +%s%N)
  timeout "$AVR_TIMEOUT" qemu-system-avr -M "$machine" -bios "$elf" -nographic -monitor none \
    -serial stdio "$@" <"$input" >"$work/qemu.out" 2>&1 &
  qemu=$!   # (global: the trap above stops it)
  until grep -q "^$END_MARKER" "$work/qemu.out"; do
    if ! kill -0 "$qemu" 2>/dev/null; then
      wait "$qemu"
      local status=$?
      qemu=""
      milliseconds=$((($(date +%s%N) - started) / 1000000))
      if [ "$status" -eq 124 ]; then
        echo "    no end marker within $AVR_TIMEOUT s: QEMU stopped"
      else
        echo "    QEMU ended with status $status before the end marker"
      fi
      return 1
    fi
    sleep 0.1
  done
  milliseconds=$((($(date +%s%N) - started) / 1000000))
  kill "$qemu" 2>/dev/null
  wait "$qemu" 2>/dev/null
  qemu=""
  return 0
}

# stacknet's flash in image `$1`: its symbols (the library's code and tables), with the firmware's
# `library_` functions, its calls into stacknet, in which the training is inlined.
library_flash() {
  "$nm" -C --print-size --size-sort --radix=d "$1" | awk '
    NF >= 4 && $2 + 0 > 0 && !seen[$1]++ {
      name = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", name)
      if (name ~ /^stacknet_avr::library_/ || (name ~ /stacknet/ && name !~ /^stacknet_avr/)) total += $2
    }
    END { print total + 0 }'
}

declare -a report
for image in "${built[@]}"; do
  read -r label chip features reference <<<"$image"
  precision=$(precision_of "$features")
  suffix=" (f32)"
  [ "$precision" = f64 ] && suffix=""
  name=$(name_of "$chip" "$features")
  if ! run_avr "$work/$label.elf" "${MACHINE[$chip]}" /dev/null; then
    sed 's/^/    /' "$work/qemu.out"; fail "$name: no end marker"; continue
  fi
  sed 's/^/    /' "$work/qemu.out" | grep -v "terminating on signal"
  status=$(sed -n "s/^$END_MARKER \([0-9]*\)$/\1/p" "$work/qemu.out")
  if [ "$status" = 0 ]; then
    pass "$name: trained $AVR_EPOCHS epochs and learnt XOR; the baked-in const network computes XOR too"
  else
    fail "$name: the firmware ended with status ${status:-unknown}"
  fi
  chip_z=$(sed -n "s/^Z bits$suffix: //p" "$work/qemu.out")
  expected=$(sed -n "s/^Z bits$suffix: //p" "$work/$reference.out" 2>/dev/null)
  if [ -n "$expected" ] && [ "$chip_z" = "$expected" ]; then
    pass "$name: Z is bit for bit the PC's ($reference): $chip_z"
  else
    fail "$name: Z differs from the PC's ($reference): ${chip_z:-nothing} against ${expected:-nothing}"
  fi
  training_stack=$(sed -n "s/^stack: training call$suffix \([0-9]*\) bytes$/\1/p" "$work/qemu.out")
  if [ "${training_stack:-99999}" -le "$TRAINING_STACK_BUDGET" ]; then
    pass "$name: training used $training_stack bytes of stack (budget $TRAINING_STACK_BUDGET)"
  else
    fail "$name: training used ${training_stack:-an unknown number of} bytes of stack, over $TRAINING_STACK_BUDGET"
  fi
  # The linker kept the stack budget free of statics; the stack must have stayed within it.
  whole_stack=$(sed -n 's/^stack: whole program \([0-9]*\) bytes.*$/\1/p' "$work/qemu.out")
  data=$(section_bytes "$work/$label.elf" .data)
  bss=$(section_bytes "$work/$label.elf" .bss .noinit)
  budget=${STACK_BUDGET[$precision]}
  if [ "${whole_stack:-99999}" -le "$budget" ]; then
    pass "$name: the whole program used $whole_stack bytes of stack (budget $budget): RAM data $data + bss $bss + stack $whole_stack = $((data + bss + whole_stack)) of ${RAM[$chip]} B"
  else
    fail "$name: the whole program used ${whole_stack:-an unknown number of} bytes of stack, over its budget of $budget"
  fi
  text=$(section_bytes "$work/$label.elf" .text)
  flash=$((text + data))
  library=$(library_flash "$work/$label.elf")
  if [ "$library" -gt 0 ] && [ "$library" -le "$LIBRARY_FLASH_BUDGET" ] && [ "$flash" -le "${SKETCH_FLASH[$chip]}" ]; then
    pass "$name: flash $flash B (text and data), within the ${SKETCH_FLASH[$chip]} B a sketch gets; stacknet's own code and tables $library B (budget $LIBRARY_FLASH_BUDGET)"
  else
    fail "$name: flash $flash B of ${SKETCH_FLASH[$chip]} B, stacknet's own $library B (budget 1..$LIBRARY_FLASH_BUDGET)"
  fi
  report+=("$label|$name|${MACHINE[$chip]}|$AVR_EPOCHS|$flash|$library|$data|$bss|$training_stack|$whole_stack|${RAM[$chip]}|$milliseconds")
done

# ---- Instructions and cycles per epoch ----------------------------------------------------------------
# The count build of each image reads its work from the serial port; the plugin counts from the
# first instruction of `counted` to the first of `count_end` (their addresses from the symbol
# table), and writes the count when it gets there: instructions, and clock cycles by the
# datasheet's timing of each instruction executed (an AVR has no cache and no wait states, so
# they are what the chip would take; `cycles=` reads the instructions from the flash image).
(cd "$here/count" && cargo build --release -q) 2>"$work/build.err" \
  || { cat "$work/build.err"; die "the instruction-counting plugin in count/ did not build"; }
plugin="$here/count/target/release/libqemu_instruction_count.so"

# Instructions and cycles from `counted` to `count_end` in the count image `$1` on chip `$2`,
# asked to do `$3`: prints `INSTRUCTIONS CYCLES`.
instructions_of() {
  local elf=$1 chip=$2 work_line=$3 from to
  from=$("$nm" "$elf" | awk '$3 == "counted" { print $1 }')
  to=$("$nm" "$elf" | awk '$3 == "count_end" { print $1 }')
  printf '%s\n' "$work_line" >"$work/input"
  rm -f "$work/count"
  run_avr "$elf" "${MACHINE[$chip]}" "$work/input" \
    -plugin "$plugin,output=$work/count,from=0x$from,to=0x$to,cycles=${CORE[$chip]},code=${elf%.elf}.bin" \
    && grep -q "^$END_MARKER 0$" "$work/qemu.out" && cat "$work/count"
}

# Per epoch, rounded, from the counts `$1` and `$2` of two trainings `$3` epochs apart.
per_epoch_of() { echo $((($2 - $1) * 2 / $3 + 1 >> 1)); }

declare -A per_epoch cycles_per_epoch
for image in "${built[@]}"; do
  read -r label chip features reference <<<"$image"
  [ "$features" = - ] && features=""
  name=$(name_of "$chip" "$features")
  if ! build_image "$label-count" "$chip" "${features:+$features,}count" 0 0; then
    grep -v "no-pie" "$work/build.err" | sed 's/^/    /'; fail "$name: the count firmware did not build"; continue
  fi
  elf="$work/$label-count.elf"
  avr-objcopy -O binary -j .text "$elf" "${elf%.elf}.bin"
  # Each count: instructions and cycles.
  loops=()
  for number in "${LOOP_ITERATIONS[@]}"; do
    loops+=("$(instructions_of "$elf" "$chip" "loop $number")")
  done
  read -r loop_instructions_0 loop_cycles_0 <<<"${loops[0]}"
  read -r loop_instructions_1 loop_cycles_1 <<<"${loops[1]}"
  # Two instructions per iteration, sbiw (2 cycles) and a taken brne (2 cycles).
  loop_span=$((LOOP_ITERATIONS[1] - LOOP_ITERATIONS[0]))
  if [ -z "${loop_cycles_0:-}" ] || [ -z "${loop_cycles_1:-}" ] \
    || [ $((loop_instructions_1 - loop_instructions_0)) -ne $((2 * loop_span)) ] \
    || [ $((loop_cycles_1 - loop_cycles_0)) -ne $((4 * loop_span)) ]; then
    sed 's/^/    /' "$work/qemu.out"
    fail "$name: QEMU counted ${loops[*]:-nothing} (instructions and cycles) for loops that differ by $((2 * loop_span)) instructions and $((4 * loop_span)) cycles"
    continue
  fi
  instructions=()
  cycles=()
  for number in "${EPOCHS_COUNTED[@]}"; do
    read -r counted_instructions counted_cycles <<<"$(instructions_of "$elf" "$chip" "train $number")"
    instructions+=("${counted_instructions:-}")
    cycles+=("${counted_cycles:-}")
  done
  if [ -z "${cycles[0]}" ] || [ -z "${cycles[1]}" ] || [ -z "${cycles[2]}" ]; then
    sed 's/^/    /' "$work/qemu.out"; fail "$name: QEMU did not count the training"; continue
  fi
  first_span=$((EPOCHS_COUNTED[1] - EPOCHS_COUNTED[0]))
  second_span=$((EPOCHS_COUNTED[2] - EPOCHS_COUNTED[1]))
  first=$(per_epoch_of "${instructions[0]}" "${instructions[1]}" "$first_span")
  second=$(per_epoch_of "${instructions[1]}" "${instructions[2]}" "$second_span")
  apart=$((first > second ? first - second : second - first))
  spans="epochs ${EPOCHS_COUNTED[0]} to ${EPOCHS_COUNTED[1]}: $first; ${EPOCHS_COUNTED[1]} to ${EPOCHS_COUNTED[2]}: $second"
  if [ "$first" -gt 0 ] && [ $((apart * 100)) -le $((COUNT_AGREEMENT * first)) ]; then
    per_epoch[$label]=$first
    cycles_per_epoch[$label]=$(per_epoch_of "${cycles[0]}" "${cycles[1]}" "$first_span")
    pass "$name: $first instructions and ${cycles_per_epoch[$label]} cycles per epoch ($spans, within $COUNT_AGREEMENT %; a loop of $((2 * loop_span)) instructions and $((4 * loop_span)) cycles counted exactly)"
  else
    fail "$name: instructions per epoch not positive, or the spans more than $COUNT_AGREEMENT % apart ($spans)"
  fi
done

# ---- Figures ----------------------------------------------------------------------------------------------
echo
echo "AVR, measured under qemu-system-avr, firmware built with opt-level \"s\" (tests/embedded/avr/). The last"
echo "column is an estimate: the cycles of epochs ${EPOCHS_COUNTED[0]} to ${EPOCHS_COUNTED[1]} (by the datasheet's timings) times 60000, at 16 MHz:"
printf '| %-38s | %-11s | %6s | %8s | %8s | %8s | %-32s | %8s | %11s | %11s | %10s |\n' "chip, precision" "QEMU machine" \
  "epochs" "run" "flash" "stacknet flash" "RAM: data + bss + stack" "training stack" \
  "instructions per epoch" "cycles per epoch" "60000 epochs at 16 MHz (estimate)"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for line in "${report[@]}"; do
  IFS='|' read -r label name machine epochs flash library data bss training_stack whole_stack ram ms <<<"$line"
  cycles=${cycles_per_epoch[$label]:-}
  estimate="-"
  [ -n "$cycles" ] && estimate=$(awk -v c="$cycles" -v hz="$CLOCK_HZ" 'BEGIN { printf "%.0f min", c * 60000 / hz / 60 }')
  printf '| %-38s | %-11s | %6s | %4d.%d s | %6s B | %6s B | %-32s | %6s B | %11s | %11s | %10s |\n' "$name" "$machine" "$epochs" \
    $((ms / 1000)) $((ms % 1000 / 100)) "$flash" "$library" \
    "$data + $bss + $whole_stack = $((data + bss + whole_stack)) of $ram B" "$training_stack" \
    "${per_epoch[$label]:-failed}" "${cycles:-failed}" "$estimate"
done
echo
echo "avr: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
