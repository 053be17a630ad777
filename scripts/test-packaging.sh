#!/usr/bin/env bash
# Tests the npm package in pkg/ the way its users consume it. It packs pkg/ with
# npm pack and installs the tarball into a throwaway project per case. The cases:
#   node-require, node-import: the package in Node through require() and import.
#   node-bundle: a script bundled with the package by esbuild for Node, run without node_modules.
#   vite, webpack: a production build of a test page, run in headless Chromium.
#   plain-module-script: the same page without a bundler, through an import map.
#   publint, attw: lints of package.json and of the types in each resolution mode.
#   types-valid, types-wrong: tsc --strict on valid calls and on calls that must not compile.
# Each case prints `passed NAME`, or `FAILED NAME` followed by its output, and the run
# ends with `N passed, M failed`. The output of every case and a screenshot of each
# browser case go to test-output/packaging/.
#
# Needs a built pkg/ (scripts/build-package.sh) or the package folder named by
# $OKSOFT_PACKAGE_DIR, and the emulator binary: $OKSOFT_EMULATOR_BIN, or else the debug
# build in $CARGO_TARGET_DIR. The test tools are installed once from the npm registry
# into $cache_dir/packaging-tools. The browser is Debian's /usr/bin/chromium (or
# $CHROMIUM_BIN) rather than one that Playwright downloads.
set -euo pipefail

source "$(dirname "$0")/common.sh"
cd "$repo_root"

package_dir=${OKSOFT_PACKAGE_DIR:-$repo_root/pkg}
tests_dir="$repo_root/tests/packaging"
output_dir="$repo_root/test-output/packaging"
tools_dir="$cache_dir/packaging-tools"
tools_bin="$tools_dir/node_modules/.bin"

# Exact versions, checked with `npm view`. webpack-cli 6 is the release line whose
# peer dependency is webpack ^5.82.
tool_specs=(
  vite@7.3.8
  webpack@5.113.0
  webpack-cli@6.0.1
  playwright-core@1.65.2
  publint@0.3.25
  @arethetypeswrong/cli@0.18.5
  typescript@7.0.2
)

if [ ! -f "$package_dir/package.json" ]; then
  echo "test-packaging.sh: $package_dir/package.json not found; run scripts/build-package.sh first" >&2
  exit 1
fi
if [ ! -x "$OKSOFT_EMULATOR_BIN" ]; then
  echo "test-packaging.sh: emulator binary not found at $OKSOFT_EMULATOR_BIN;" \
    "run cargo build -p oksoft-emulator or set OKSOFT_EMULATOR_BIN" >&2
  exit 1
fi
if [ ! -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ]; then
  echo "test-packaging.sh: Chromium not found at ${CHROMIUM_BIN:-/usr/bin/chromium};" \
    "run scripts/setup.sh --browser or set CHROMIUM_BIN" >&2
  exit 1
fi

# Installs the pinned tools unless the stamp file records the same list.
install_tools() {
  local stamp="$tools_dir/installed-versions.txt"
  local wanted
  wanted=$(printf '%s\n' "${tool_specs[@]}")
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "[packaging] test tools present in $tools_dir"
    return 0
  fi

  echo "[packaging] installing test tools into $tools_dir: ${tool_specs[*]}"
  rm -rf "$tools_dir"
  mkdir -p "$tools_dir"
  echo '{ "name": "oksoft-packaging-tools", "private": true }' > "$tools_dir/package.json"
  # --ignore-scripts skips the only install script, esbuild's (for Vite), which checks
  # its platform binary. esbuild finds @esbuild/linux-x64 without it.
  (cd "$tools_dir" && npm install --no-audit --no-fund --ignore-scripts --save-exact \
    --loglevel=error "${tool_specs[@]}")
  echo "$wanted" > "$stamp"
}

install_tools
export OKSOFT_PACKAGING_TOOLS=$tools_dir

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/oksoft-packaging.XXXXXX")
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT

rm -rf "$output_dir"
mkdir -p "$output_dir" "$work_dir/logs"

tarball_name=$(npm pack "$package_dir" --pack-destination "$work_dir" --silent | tail -n 1)
tarball="$work_dir/$tarball_name"
echo "[packaging] packed $tarball_name"

start_emulator "$output_dir/emulator.log"
echo "[packaging] emulator at $emulator_url"

# Creates an ES module project in $work_dir/$1 with the packed package installed and
# the shared test modules copied in.
new_project() {
  local project="$work_dir/$1"
  mkdir -p "$project"
  echo "{ \"name\": \"packaging-$1\", \"private\": true, \"type\": \"module\" }" > "$project/package.json"
  (cd "$project" && npm install --no-audit --no-fund --ignore-scripts --prefer-offline \
    --loglevel=error "$tarball")
  cp "$tests_dir/scenario.mjs" "$tests_dir/expectations.mjs" "$project/"
}

# Opens $1/index.html in headless Chromium and checks the page. $2 names the screenshot.
check_page() {
  node "$tests_dir/browser-check.mjs" --root "$1" --emulator "$emulator_url" \
    --screenshot "$output_dir/$2.png"
}

case_node_require() {
  new_project node-require
  cp "$tests_dir/node/require-check.cjs" "$work_dir/node-require/"
  cd "$work_dir/node-require"
  node require-check.cjs "$emulator_url"
}

case_node_bundle() {
  new_project node-bundle
  cp "$tests_dir/node/bundle-check.cjs" "$work_dir/node-bundle/"
  cd "$work_dir/node-bundle"
  "$tools_bin/esbuild" bundle-check.cjs --bundle --platform=node --outfile=dist/bundle.cjs
  cp node_modules/oksoft-client/node/oksoft_client_bg.wasm dist/
  # Without node_modules, the bundle can only use what esbuild put in it.
  rm -rf node_modules
  node dist/bundle.cjs "$emulator_url"
}

case_node_import() {
  new_project node-import
  cp "$tests_dir/node/import-check.mjs" "$work_dir/node-import/"
  cd "$work_dir/node-import"
  node import-check.mjs "$emulator_url"
}

case_vite() {
  new_project vite
  cd "$work_dir/vite"
  cp "$tests_dir/web/page.js" .
  cp "$tests_dir/web/index.vite.html" index.html
  # No config file: Vite's defaults must be enough.
  "$tools_bin/vite" build --logLevel warn
  ls -l dist/assets
  check_page "$work_dir/vite/dist" vite
}

case_webpack() {
  new_project webpack
  cd "$work_dir/webpack"
  mkdir -p src dist
  cp "$tests_dir/web/page.js" src/index.js
  mv scenario.mjs src/
  # No config file: webpack's defaults (src/index.js to dist/main.js) must be enough.
  "$tools_bin/webpack" build --mode production --stats errors-warnings
  cp "$tests_dir/web/index.webpack.html" dist/index.html
  ls -l dist
  check_page "$work_dir/webpack/dist" webpack
}

case_plain_module_script() {
  new_project plain
  cd "$work_dir/plain"
  cp "$tests_dir/web/page.js" .
  cp "$tests_dir/web/index.plain.html" index.html
  check_page "$work_dir/plain" plain-module-script
}

case_publint() {
  # --strict: warnings fail the check too.
  "$tools_bin/publint" --strict "$package_dir"
}

case_attw() {
  # The .wasm subpath has no types by design, so attw skips that entry point. It
  # checks "." and "./package.json" in every resolution mode.
  "$tools_bin/attw" "$tarball" --no-color --exclude-entrypoints ./oksoft_client_bg.wasm
}

# Runs `tsc --strict --noEmit` on files in the project $1 with the module resolution
# $2: `node` is Node's (nodenext: .ts files are ES modules there, .cts files CommonJS)
# and `bundler` that of Vite or webpack.
run_tsc() {
  local project="$work_dir/$1" resolution=$2
  shift 2
  local module_options
  case "$resolution" in
    node) module_options=(--module nodenext --moduleResolution nodenext) ;;
    bundler) module_options=(--module preserve --moduleResolution bundler) ;;
    *) echo "run_tsc: unknown module resolution '$resolution'" >&2; return 2 ;;
  esac
  echo "tsc ($resolution resolution): $*"
  (cd "$project" && "$tools_bin/tsc" --strict --noEmit "${module_options[@]}" --target es2022 --lib es2022,dom "$@")
}

case_types_valid() {
  new_project types-valid
  cd "$work_dir/types-valid"
  cp "$tests_dir/types/typed-example.ts" "$tests_dir/types/typed-browser-example.ts" .
  # The same code as a CommonJS module, whose imports resolve through the require condition.
  cp typed-example.ts typed-example-commonjs.cts
  "$tools_bin/tsc" --version
  run_tsc types-valid node typed-example.ts
  run_tsc types-valid node typed-example-commonjs.cts
  run_tsc types-valid bundler typed-example.ts typed-browser-example.ts
}

case_types_wrong() {
  # Every wrong call carries `@ts-expect-error`, so tsc passes only if each one is an error.
  new_project types-wrong
  cd "$work_dir/types-wrong"
  cp "$tests_dir/types/wrong-example.ts" .
  run_tsc types-wrong node wrong-example.ts
  run_tsc types-wrong bundler wrong-example.ts
}

cases=(
  node-require
  node-import
  node-bundle
  vite
  webpack
  plain-module-script
  publint
  attw
  types-valid
  types-wrong
)

passed=0
failed=0
for name in "${cases[@]}"; do
  log="$work_dir/logs/$name.log"
  # A subshell with errexit, outside any `if`, so the first failing command ends the case.
  set +e
  (
    set -e
    "case_${name//-/_}"
  ) > "$log" 2>&1
  status=$?
  set -e

  if [ "$status" -eq 0 ]; then
    echo "passed $name"
    passed=$((passed + 1))
  else
    echo "FAILED $name (exit status $status); its output:"
    sed 's/^/    /' "$log"
    failed=$((failed + 1))
  fi
  cp "$log" "$output_dir/"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
