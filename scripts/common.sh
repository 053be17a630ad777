# Shared settings of the build, demo and test scripts; sourced, not run.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache_dir=${OKSOFT_CACHE_DIR:-$HOME/.cache/oksoft-client}
export OKSOFT_TOOLS_DIR=${OKSOFT_TOOLS_DIR:-$cache_dir}

# Build outputs live outside the checkout, so a fresh clone on a warm machine reuses them.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$cache_dir/target}
export PATH="$OKSOFT_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export OKSOFT_EMULATOR_BIN=${OKSOFT_EMULATOR_BIN:-$CARGO_TARGET_DIR/debug/oksoft-emulator}

# Starts the emulator on a free loopback port; sets emulator_pid and emulator_url.
# Its log goes to the file named by $1.
start_emulator() {
  local log_file=$1
  "$OKSOFT_EMULATOR_BIN" --port 0 > "$log_file" 2>&1 &
  emulator_pid=$!
  emulator_url=""
  for _ in $(seq 1 100); do
    emulator_url=$(sed -n '1s/^OKsoft emulator listening on //p' "$log_file" 2>/dev/null)
    [ -n "$emulator_url" ] && return 0
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the emulator did not start; its log ($log_file):" >&2
  cat "$log_file" >&2
  return 1
}
