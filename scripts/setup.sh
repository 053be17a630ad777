#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already there.
#
#   scripts/setup.sh            Rust wasm target, wasm-pack, wasm-bindgen CLI, wasm-opt
#   scripts/setup.sh --browser  the same, plus Debian's chromium and chromium-driver
#   scripts/setup.sh --test     the same as --browser, plus Deno, workerd and esbuild for
#                               the gateway's runtime tests
#
# Tools installed from npm live in $OKSOFT_TOOLS_DIR (default ~/.cache/oksoft-client),
# outside the checkout, so a fresh clone on a warm machine reuses them.
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
tools_dir=${OKSOFT_TOOLS_DIR:-$HOME/.cache/oksoft-client}
wasm_pack_version=0.15.1
binaryen_version=132.0.0
deno_version=2.9.6
workerd_version=1.20261123.1
esbuild_version=0.28.2
want_browser=no
want_runtimes=no

for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=yes ;;
    --test) want_browser=yes; want_runtimes=yes ;;
    *) echo "setup.sh: unknown option '$arg' (expected --browser or --test)" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "setup.sh: '$*' needs root; run it as root or install sudo" >&2
    exit 1
  fi
}

export PATH="$HOME/.cargo/bin:$PATH"

# Node 18 or newer: the client uses the global fetch.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  echo "setup.sh: Node.js 18 or newer is required (found '$(node --version 2>/dev/null || echo none)')" >&2
  exit 1
fi

# Rust target for WebAssembly.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-pack.
if wasm-pack --version 2>/dev/null | grep -q " ${wasm_pack_version}\$"; then
  say "wasm-pack ${wasm_pack_version}: present"
else
  say "installing wasm-pack ${wasm_pack_version} (about a minute)"
  cargo install -q wasm-pack --locked --version "$wasm_pack_version"
fi

# wasm-bindgen CLI, exactly the version Cargo.lock pins; wasm-pack would otherwise try
# to download one, which fails offline.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$repo_root/Cargo.lock")
if [ -z "$bindgen_version" ]; then
  echo "setup.sh: no wasm-bindgen entry in $repo_root/Cargo.lock; run 'cargo generate-lockfile'" >&2
  exit 1
fi
if wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen_version}\$"; then
  say "wasm-bindgen CLI ${bindgen_version}: present"
else
  say "installing wasm-bindgen CLI ${bindgen_version} (about two minutes)"
  # Its lock file may pin a dependency release the registry no longer serves; then the
  # resolver picks the newest compatible one instead.
  cargo install -q wasm-bindgen-cli --locked --version "$bindgen_version" --force \
    || cargo install -q wasm-bindgen-cli --version "$bindgen_version" --force
fi

# wasm-opt from the npm package binaryen; Debian's binaryen is too old for current rustc.
if [ -x "$tools_dir/node_modules/.bin/wasm-opt" ] \
   && grep -q "\"version\": \"${binaryen_version}\"" "$tools_dir/node_modules/binaryen/package.json"; then
  say "wasm-opt (binaryen ${binaryen_version}): present"
else
  say "installing wasm-opt (npm binaryen ${binaryen_version}) into $tools_dir"
  mkdir -p "$tools_dir"
  [ -f "$tools_dir/package.json" ] || echo '{ "private": true }' > "$tools_dir/package.json"
  npm install --prefix "$tools_dir" --no-audit --no-fund --save-exact "binaryen@${binaryen_version}"
fi

# Deno, workerd and esbuild run the gateway in other runtimes; only the tests need them.
if [ "$want_runtimes" = yes ]; then
  # Deno, from the npm package deno, whose platform package ships the binary.
  if "$tools_dir/node_modules/.bin/deno" --version 2>/dev/null | grep -q "^deno ${deno_version} "; then
    say "deno ${deno_version}: present"
  else
    say "installing deno ${deno_version} (npm deno) into $tools_dir"
    mkdir -p "$tools_dir"
    [ -f "$tools_dir/package.json" ] || echo '{ "private": true }' > "$tools_dir/package.json"
    npm install --prefix "$tools_dir" --no-audit --no-fund --save-exact "deno@${deno_version}"
  fi

  # Cloudflare's workerd, and esbuild to bundle a worker as wrangler does. Both npm packages
  # take their binaries from platform packages.
  if "$tools_dir/node_modules/.bin/workerd" --version 2>/dev/null | grep -q . \
     && grep -q "\"version\": \"${workerd_version}\"" "$tools_dir/node_modules/workerd/package.json" \
     && [ "$("$tools_dir/node_modules/.bin/esbuild" --version 2>/dev/null)" = "$esbuild_version" ]; then
    say "workerd ${workerd_version} and esbuild ${esbuild_version}: present"
  else
    say "installing workerd ${workerd_version} and esbuild ${esbuild_version} (npm) into $tools_dir"
    mkdir -p "$tools_dir"
    [ -f "$tools_dir/package.json" ] || echo '{ "private": true }' > "$tools_dir/package.json"
    npm install --prefix "$tools_dir" --no-audit --no-fund --save-exact "workerd@${workerd_version}" "esbuild@${esbuild_version}"
  fi
fi

# Headless Chromium and its WebDriver, from Debian's packages.
if [ "$want_browser" = yes ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium and chromedriver: present"
  else
    say "installing chromium and chromium-driver from Debian's packages"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  fi
fi

say "done; tools are in ~/.cargo/bin and $tools_dir/node_modules/.bin"
