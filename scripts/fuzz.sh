#!/usr/bin/env bash
# Fuzzes the response decoders and the text parsers with libFuzzer through cargo fuzz.
#
# Usage: scripts/fuzz.sh [SECONDS]
#   SECONDS  total fuzzing time, split evenly between the targets and run one target
#            after the other (default 600). Building the targets comes on top of it.
#
# Environment:
#   FUZZ_SANITIZER  cargo fuzz sanitizer: none (default) or address. The library has no
#                   unsafe code, and with AddressSanitizer the decoders target ran 2,443
#                   inputs per second against 22,647 without it (one 20-second run each
#                   on a 2-core x86_64 machine), so it is off unless requested. It needs
#                   nightly compiler flags, which this script enables on the stable
#                   toolchain with RUSTC_BOOTSTRAP=1.
#
# Installs cargo-fuzz into ~/.cargo/bin when it is missing. Seeds come from
# fuzz/corpus/<target>/, and the inputs libFuzzer adds go to a cache folder, so a later
# run starts from the coverage this one reached. Crash inputs go to
# fuzz/artifacts/<target>/. Prints the executions and crashes of each target and exits
# with 1 when any target crashed or failed to run.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$repo_root"

readonly cargo_fuzz_version=0.13.2
readonly targets=(decoders text_parsers)
# Room for every seed (the largest is 1,204 bytes) and for nesting far beyond the
# 127 levels that the JSON parser accepts.
readonly max_input_bytes=4096
# An input that takes this long is reported as a hang (a timeout-* artifact).
readonly input_timeout_seconds=10

total_seconds=${1:-600}
if ! [[ $total_seconds =~ ^[0-9]+$ ]] || [ "$total_seconds" -lt "${#targets[@]}" ]; then
  echo "usage: scripts/fuzz.sh [SECONDS]" >&2
  echo "SECONDS must be a whole number of at least ${#targets[@]}; got '$total_seconds'" >&2
  exit 2
fi
seconds_per_target=$((total_seconds / ${#targets[@]}))

sanitizer=${FUZZ_SANITIZER:-none}
if [ "$sanitizer" != none ]; then
  export RUSTC_BOOTSTRAP=1
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz not found; installing cargo-fuzz $cargo_fuzz_version from crates.io"
  cargo install --locked "cargo-fuzz@$cargo_fuzz_version"
fi

fuzz_target_dir="$cache_dir/fuzz-target"
working_corpus_dir="$cache_dir/fuzz-corpus"
log_dir="$repo_root/test-output"
mkdir -p "$log_dir"

build_flags=(--sanitizer "$sanitizer" --target-dir "$fuzz_target_dir")
for target in "${targets[@]}"; do
  echo "=== building $target (sanitizer: $sanitizer)"
  cargo fuzz build "${build_flags[@]}" "$target"
done

# Prints the number of inputs a libFuzzer log reports as run: the final statistics
# when present, else the last status line (`#N DONE`, `#N pulse`, `#N NEW` …).
executions_in_log() {
  local log_file=$1
  local count
  count=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log_file" | tail -n 1)
  if [ -z "$count" ]; then
    count=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log_file" | tail -n 1)
  fi
  echo "${count:-0}"
}

summary=()
failed=0
for target in "${targets[@]}"; do
  log_file="$log_dir/fuzz-$target.log"
  artifact_dir="$repo_root/fuzz/artifacts/$target"
  mkdir -p "$working_corpus_dir/$target" "$artifact_dir"
  started_marker=$(mktemp)

  echo
  echo "=== fuzzing $target for $seconds_per_target s (log: $log_file)"
  status=0
  started_at=$SECONDS
  cargo fuzz run "${build_flags[@]}" "$target" \
    "$working_corpus_dir/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds_per_target" \
    -max_len="$max_input_bytes" \
    -timeout="$input_timeout_seconds" \
    -dict="fuzz/$target.dict" \
    -print_final_stats=1 \
    > "$log_file" 2>&1 || status=$?
  elapsed=$((SECONDS - started_at))

  executions=$(executions_in_log "$log_file")
  crash_files=()
  while IFS= read -r crash_file; do
    crash_files+=("$crash_file")
  done < <(find "$artifact_dir" -type f -newer "$started_marker" \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
  rm -f "$started_marker"

  line=$(printf '%-14s ran %4s of %4s s  %12s executions  %s crashes' \
    "$target" "$elapsed" "$seconds_per_target" "$executions" "${#crash_files[@]}")
  if [ "${#crash_files[@]}" -gt 0 ]; then
    failed=1
    for crash_file in "${crash_files[@]}"; do
      line+=$'\n'"    $crash_file"
      line+=$'\n'"    reproduce: cargo fuzz run ${build_flags[*]} $target $crash_file"
      line+=$'\n'"    minimize:  cargo fuzz tmin ${build_flags[*]} $target $crash_file"
    done
    echo "libFuzzer stopped at a crash in $target:"
    grep -a -m 1 -A 2 'panicked at' "$log_file" || true
    grep -a -e 'ERROR: libFuzzer' -e 'Test unit written to' "$log_file" || true
  elif [ "$status" -ne 0 ]; then
    failed=1
    line+="  (cargo fuzz failed with exit status $status; see $log_file)"
    tail -n 20 "$log_file"
  fi
  summary+=("$line")
done

echo
echo "=== fuzzing summary (sanitizer: $sanitizer)"
printf '%s\n' "${summary[@]}"
exit "$failed"
