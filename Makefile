# stacknet: `make run` trains the article's network, `make test` checks everything, `make bench`
# measures speed. A fresh machine needs only a Rust toolchain (rustup): whatever else the checks
# use, rustup components and targets, is installed here when missing.

CARGO ?= cargo
# The oldest supported Rust, read from Cargo.toml's rust-version so that it is written once.
MSRV := $(shell sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml)
# Bare-metal targets the library must build for: Cortex-M4F (hard float) and Cortex-M0.
THUMB_TARGETS := thumbv7em-none-eabihf thumbv6m-none-eabi

.PHONY: run test bench embedded tools targets fmt-check clippy unit-tests slow-tests doc thumb-builds msrv

# The bare-metal crates: each its own workspace, outside the root package's build.
EMBEDDED_HOST := tests/embedded/host/Cargo.toml
EMBEDDED_QEMU := tests/embedded/qemu/Cargo.toml
EMBEDDED_RISCV := tests/embedded/riscv/Cargo.toml
# The QEMU plugin that counts the firmware's instructions per epoch.
EMBEDDED_COUNT := tests/embedded/count/Cargo.toml
# AVR firmware (built with the dated nightly of its rust-toolchain.toml), and the test crate that
# checks stacknet's exp without a table (feature table-free-f64-exp) against std's.
EMBEDDED_AVR := tests/embedded/avr/Cargo.toml
EMBEDDED_TABLE_FREE_EXP := tests/embedded/table-free-exp/Cargo.toml
# The example firmware built with cortex-m-rt and semihosting crates, for the Cortex-M4F.
FIRMWARE_EXAMPLE := examples/firmware/Cargo.toml
# RISC-V targets that `make embedded` builds the firmware for; `make clippy` lints it for the last.
RISCV_TARGETS := riscv32imac-unknown-none-elf riscv32imc-unknown-none-elf

## run: train the classic 2-3-1 network from a fresh seed and print Z as numpy would
run:
	$(CARGO) run --release

## test: formatting, lints, all tests (slow ones optimised), docs, the no_std builds, the
## bare-metal runs under QEMU, the oldest supported Rust, and the WebAssembly module and page;
## a failure ends with the name of the check and the last lines of its output
CHECKS := fmt-check clippy unit-tests slow-tests doc thumb-builds embedded msrv wasm browser
test:
	@MAKE="$(MAKE)" tests/run_checks.sh $(CHECKS)

## bench: time per epoch of the library and of the release binary, beside the fastest yardsticks
## of the same work from the same starting weights: C (cc -O3 -march=native, glibc exp) and
## nalgebra's SMatrix (examples/bench/nalgebra, its own crate), and numpy when present
bench:
	$(CARGO) build --release
	$(CARGO) run --release --example bench

## embedded: no_std proof on the host, then training on emulated Cortex-M4F, M3, M0, RISC-V and
## AVR (ATmega328P, ATmega2560), and the example firmware (installs the thumb and RISC-V targets,
## the AVR nightly, qemu-system-arm, qemu-system-misc and the AVR toolchain when missing)
embedded:
	tests/embedded/run.sh

# rustfmt and clippy ship with rustup's default profile, but not with every install.
tools:
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt \
		|| { echo "make: could not install rustfmt (rustup component add rustfmt)" >&2; exit 1; }
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy \
		|| { echo "make: could not install clippy (rustup component add clippy)" >&2; exit 1; }

targets:
	@for target in $(THUMB_TARGETS) $(RISCV_TARGETS); do \
		rustup target list --installed | grep -qx "$$target" || rustup target add "$$target" \
			|| { echo "make: could not install the Rust target $$target (rustup target add $$target)" >&2; exit 1; }; \
	done

fmt-check: tools
	$(CARGO) fmt --all -- --check
	$(CARGO) fmt --manifest-path $(EMBEDDED_HOST) -- --check
	$(CARGO) fmt --manifest-path $(EMBEDDED_QEMU) -- --check
	$(CARGO) fmt --manifest-path $(EMBEDDED_RISCV) -- --check
	$(CARGO) fmt --manifest-path $(EMBEDDED_COUNT) -- --check
	$(CARGO) fmt --manifest-path $(EMBEDDED_AVR) -- --check
	$(CARGO) fmt --manifest-path $(EMBEDDED_TABLE_FREE_EXP) -- --check
	$(CARGO) fmt --manifest-path $(FIRMWARE_EXAMPLE) -- --check
	rustfmt --edition 2021 --check examples/bench/nalgebra/src/main.rs

clippy: tools targets
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_HOST) -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_QEMU) --target thumbv7em-none-eabihf -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_RISCV) --target $(lastword $(RISCV_TARGETS)) -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_QEMU) --target thumbv7em-none-eabihf --features count -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_RISCV) --target $(lastword $(RISCV_TARGETS)) --features count -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_COUNT) -- -D warnings
	$(CARGO) clippy --release --manifest-path $(EMBEDDED_TABLE_FREE_EXP) --all-targets -- -D warnings
	$(CARGO) clippy --release --manifest-path $(FIRMWARE_EXAMPLE) --target thumbv7em-none-eabihf -- -D warnings
	@toolchain=$$(tests/embedded/avr/toolchain.sh clippy) || exit 1; \
	for features in "" f64,table-free-f64-exp count; do \
		echo "$(CARGO) +$$toolchain clippy --release --manifest-path $(EMBEDDED_AVR) --features \"$$features\""; \
		(cd tests/embedded/avr && $(CARGO) +$$toolchain clippy --release --features "$$features" -- -D warnings) || exit 1; \
	done

# Everything but the long sweeps, unoptimised, with overflow checks on.
unit-tests:
	$(CARGO) test

# The long tests, optimised: exp over ten million points and exp in f32 over all 2^32 inputs,
# convergence over a thousand seeds in f64 and f32, parity with numpy's float32 runs, the
# printed runs of the README and the pages, the experiments' cross-check, and sine's stated error.
slow-tests:
	$(CARGO) test --release --test '*' -- --ignored

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps

# The oldest supported Rust type-checks everything (lib, bin, tests, examples) and passes the
# library's unit tests; its own target directory keeps it from rebuilding the main one. Checking,
# not building, keeps it quick; the slower tests and doctests are left to the current toolchain
# (they passed on the MSRV when it was chosen).
msrv:
	@test -n "$(MSRV)" || { echo "make: no rust-version in Cargo.toml" >&2; exit 1; }
	@rustup toolchain list | grep -q '^$(MSRV)-' || rustup toolchain install $(MSRV) --profile minimal \
		|| { echo "make: could not install Rust $(MSRV) (rustup toolchain install $(MSRV) --profile minimal)" >&2; exit 1; }
	$(CARGO) +$(MSRV) check --all-targets --target-dir target/msrv
	$(CARGO) +$(MSRV) test --lib --target-dir target/msrv

thumb-builds: targets
	@for target in $(THUMB_TARGETS); do \
		echo "$(CARGO) build --lib --release --target $$target"; \
		$(CARGO) build --lib --release --target "$$target" || exit 1; \
	done

# The playground: stacknet compiled to WebAssembly (examples/playground/module, its own
# workspace), checked against the PC in node, assembled into one HTML page, and tested in
# headless Chromium (tests/wasm/).
PLAYGROUND_MODULE := examples/playground/module/Cargo.toml
WASM_REFERENCE := tests/wasm/pc-reference/Cargo.toml

.PHONY: wasm playground browser playground-screenshot playground-fmt-check playground-clippy
fmt-check: playground-fmt-check
clippy: playground-clippy

## wasm: build the module for wasm32-unknown-unknown at opt-level "s" and 3, report their sizes,
## and check in node that both train as the PC does, bit for bit
wasm:
	tests/wasm/run.sh

## playground: write target/playground/stacknet-playground.html, one file that works offline
playground:
	examples/playground/assemble.sh

## browser: open the page in headless Chromium (installed when missing) and check what it shows
browser: playground
	tests/wasm/browser.sh

## playground-screenshot: the page after some training, as examples/playground/playground.png
playground-screenshot: playground
	tests/wasm/browser.sh --screenshot examples/playground/playground.png

playground-fmt-check: tools
	$(CARGO) fmt --all --manifest-path $(PLAYGROUND_MODULE) -- --check
	$(CARGO) fmt --all --manifest-path $(WASM_REFERENCE) -- --check

playground-clippy: tools
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown \
		|| { echo "make: could not install the Rust target wasm32-unknown-unknown" >&2; exit 1; }
	$(CARGO) clippy --release --manifest-path $(PLAYGROUND_MODULE) --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --release --manifest-path $(WASM_REFERENCE) -- -D warnings
