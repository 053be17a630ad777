#!/usr/bin/env bash
# Benchmarks oksoft-client against the hand-written JavaScript client in bench/baseline/
# in Node and headless Chromium, and prints one Markdown table (see BENCHMARKS.md).
# Builds the package and the emulator first, and installs bench/package.json's tools
# into bench/node_modules when that folder is missing. Took about two minutes on the
# 2-CPU machine of BENCHMARKS.md.
#
#   scripts/bench.sh [--skip-browser]
set -euo pipefail

source "$(dirname "$0")/common.sh"
cd "$repo_root"

chromium_bin=${CHROMIUM_BIN:-/usr/bin/chromium}
if [ "${1:-}" != "--skip-browser" ] && [ ! -x "$chromium_bin" ]; then
  echo "bench.sh: Chromium not found at $chromium_bin; run scripts/setup.sh --browser," \
    "set CHROMIUM_BIN, or pass --skip-browser" >&2
  exit 1
fi

bash scripts/build-package.sh
echo "[bench] cargo build -p oksoft-emulator"
cargo build --quiet -p oksoft-emulator

if [ ! -d bench/node_modules ]; then
  echo "[bench] npm install in bench/"
  (cd bench && npm install --no-audit --no-fund)
fi

export OKSOFT_EMULATOR_BIN CHROMIUM_BIN="$chromium_bin"
node bench/run.mjs "$@"
