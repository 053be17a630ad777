#!/usr/bin/env bash
# Builds the package and the emulator, starts the emulator on a free loopback port and
# runs the Node example against it. The emulator keeps running afterwards, for the demo
# page and your own experiments; the script prints how to stop it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$repo_root"

"$repo_root/scripts/setup.sh"
"$repo_root/scripts/build-package.sh"
cargo build --quiet -p oksoft-emulator

log_file="$cache_dir/emulator-demo.log"
mkdir -p "$cache_dir"
start_emulator "$log_file"
echo
sed -n '1,5p' "$log_file"

echo
echo "[demo] installing the package into examples/node"
(cd examples/node && npm install --no-audit --no-fund --silent)
echo "[demo] node examples/node/partner-summary.mjs $emulator_url"
echo
node examples/node/partner-summary.mjs "$emulator_url"

echo
echo "[demo] the emulator is still running at $emulator_url (pid $emulator_pid, log $log_file)"
echo "[demo] stop it with: kill $emulator_pid"
