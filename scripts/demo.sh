#!/usr/bin/env bash
# Builds the package and the emulator, starts the emulator on a free loopback port,
# runs the Node example against it, and starts the partner cabinet demo (www/ with the
# package's partner gateway). Both servers keep running afterwards; the script prints
# the cabinet's address and how to stop them.
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

# The partner cabinet: the page in www/ with the package's partner gateway.
cabinet_log="$cache_dir/cabinet-demo.log"
node www/server.mjs --emulator "$emulator_url" --port "${OKSOFT_CABINET_PORT:-0}" > "$cabinet_log" 2>&1 &
cabinet_pid=$!
cabinet_url=""
for _ in $(seq 1 100); do
  cabinet_url=$(sed -n '1s/^Partner cabinet on //p' "$cabinet_log" 2>/dev/null)
  [ -n "$cabinet_url" ] && break
  sleep 0.1
done

echo
echo "[demo] the emulator is still running at $emulator_url (pid $emulator_pid, log $log_file)"
if [ -n "$cabinet_url" ]; then
  echo "[demo] partner cabinet: open $cabinet_url and sign in as 5518 / demo (pid $cabinet_pid)"
else
  echo "[demo] the partner cabinet did not start; its log: $cabinet_log" >&2
fi
echo "[demo] stop both with: kill $emulator_pid $cabinet_pid"
