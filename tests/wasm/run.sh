#!/bin/sh
# make wasm: builds the playground's module for wasm32-unknown-unknown at opt-level "s" (the one
# the page carries) and 3, reports their sizes, and checks in node that both train as the PC does,
# bit for bit (check_module.mjs against pc-reference's output). Installs the Rust target, and node
# through apt-get, when missing; fails loudly if it cannot; never skips.
set -eu
cd "$(dirname "$0")/../.."

die() {
    echo "tests/wasm/run.sh: $*" >&2
    exit 1
}

CARGO=${CARGO:-cargo}
TARGET=wasm32-unknown-unknown
MODULE_CRATE=examples/playground/module
MODULE_BUILD=$MODULE_CRATE/target/$TARGET
# Where the PC's reference runs go, for this check and the page's (tests/wasm/browser.sh).
OUT=target/wasm

rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET" \
    || die "could not install the Rust target $TARGET (rustup target add $TARGET)"
if ! command -v node >/dev/null 2>&1; then
    echo "tests/wasm/run.sh: installing node (apt-get install nodejs)"
    { apt-get update && apt-get install -y --no-install-recommends nodejs; } >/dev/null \
        || die "could not install node (apt-get install -y --no-install-recommends nodejs)"
fi

# "release" is opt-level "s", "speed" the same at 3; both stripped (examples/playground/module/Cargo.toml).
for profile in release speed; do
    $CARGO build --quiet --profile "$profile" --target "$TARGET" --manifest-path "$MODULE_CRATE/Cargo.toml" \
        || die "could not build the module ($profile profile)"
done
$CARGO build --quiet --release --manifest-path tests/wasm/pc-reference/Cargo.toml \
    || die "could not build tests/wasm/pc-reference"

mkdir -p "$OUT"
tests/wasm/pc-reference/target/release/stacknet-pc-reference >"$OUT/reference.json" \
    || die "the PC's reference runs failed"

for profile in release speed; do
    module=$MODULE_BUILD/$profile/stacknet_playground.wasm
    [ "$profile" = release ] && level='"s"' || level=3
    echo "module at opt-level $level: $(wc -c <"$module") bytes, $(gzip -9 <"$module" | wc -c) gzipped ($module)"
    node tests/wasm/check_module.mjs "$module" "$OUT/reference.json" \
        || die "the module at opt-level $level does not train as the PC does"
done
echo "tests/wasm/run.sh: the module trains as the PC does, bit for bit, at both opt-levels"
