#!/usr/bin/env bash
# Runs every test: installs missing tools, then native Rust tests and lints, the wasm
# suite in Node and in headless Chromium against a live emulator, and the tests of the
# assembled npm package, its partner gateway in Deno and workerd included. Prints a
# summary line per step and the package sizes.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$repo_root"

output_dir="$repo_root/test-output"
mkdir -p "$output_dir"
results=()
failed=0

# Runs one named step, recording pass or fail; later steps still run.
step() {
  local name=$1
  shift
  local started=$SECONDS
  echo
  echo "=== $name"
  if "$@"; then
    results+=("passed  $name ($((SECONDS - started)) s)")
  else
    results+=("FAILED  $name ($((SECONDS - started)) s)")
    failed=$((failed + 1))
  fi
}

"$repo_root/scripts/setup.sh" --test

step "native tests (cargo test)" cargo test --workspace --quiet
# wasm32 twice: the browsers' build, and the Node and worker builds with the gateway's exports.
step "lints (clippy, native and wasm32)" bash -c '
  cargo clippy --quiet --workspace --all-targets -- -D warnings &&
  cargo clippy --quiet -p oksoft-client --lib --target wasm32-unknown-unknown -- -D warnings &&
  cargo clippy --quiet -p oksoft-client --lib --target wasm32-unknown-unknown --features gateway-exports -- -D warnings'

cargo build --quiet -p oksoft-emulator
start_emulator "$output_dir/emulator.log"
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
export OKSOFT_EMULATOR_URL="$emulator_url"
echo "emulator for the wasm suites: $OKSOFT_EMULATOR_URL"

step "wasm suite in Node (wasm-pack test --node)" wasm-pack test --node
step "wasm suite in headless Chromium (wasm-pack test --chrome)" \
  env CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome

step "npm package build and sizes" "$repo_root/scripts/build-package.sh"
step "npm package tests (node --test)" node --test tests/package/
step "partner gateway in Deno and workerd (node --test tests/runtimes/)" node --test tests/runtimes/
step "load test, short form (1000 calls at concurrency 50, faults on a tenth)" \
  node scripts/load-test.mjs --calls 1000 --concurrency 50
step "packaging matrix (Node CJS/ESM and bundle, Vite, webpack, plain module, publint, attw, tsc)" \
  "$repo_root/scripts/test-packaging.sh"
# The packaging step installs playwright-core, which the cabinet tests drive Chromium with.
step "partner cabinet end to end in headless Chromium, and its visitor texts (node --test tests/e2e/)" \
  env OKSOFT_PACKAGING_TOOLS="$cache_dir/packaging-tools" node --test tests/e2e/

echo
echo "=== summary"
printf '%s\n' "${results[@]}"
passed=$(( ${#results[@]} - failed ))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
