#!/usr/bin/env bash
# Installs the dated nightly that the AVR firmware builds with (the channel of rust-toolchain.toml
# beside this file) with rust-src, and any components named as arguments; prints the toolchain's
# name. Used by tests/embedded/run.sh and by make clippy (with `clippy`). Fails loudly if rustup
# cannot install it.
#
#   tests/embedded/avr/toolchain.sh [COMPONENT...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
toolchain=$(sed -n 's/^channel *= *"\(.*\)"$/\1/p' "$here/rust-toolchain.toml")
if [ -z "$toolchain" ]; then
  echo "toolchain.sh: no channel in $here/rust-toolchain.toml" >&2
  exit 1
fi
for component in rust-src "$@"; do
  if ! rustup component list --toolchain "$toolchain" --installed 2>/dev/null | grep -q "^$component"; then
    rustup toolchain install "$toolchain" --profile minimal --component "$component" >&2 || {
      echo "toolchain.sh: could not install $toolchain with $component (rustup toolchain install $toolchain --profile minimal --component $component)" >&2
      exit 1
    }
  fi
done
echo "$toolchain"
