#!/usr/bin/env bash
# Builds the npm package in pkg/: three release builds of the wasm, for Node (CommonJS,
# loads the wasm synchronously), for browsers and for workers (both ES modules), plus the
# entry files and package.json from pkg-template/. Prints the size of each shipped .wasm
# and glue file, with the runtimes that load it.
set -euo pipefail

source "$(dirname "$0")/common.sh"
cd "$repo_root"

# Each build: its folder in pkg/, the wasm-pack target and the cargo features. Only the
# runtimes that run the partner gateway get its exports (the gateway-exports feature),
# because browsers never run it. The browser build comes first, so the two builds with
# the feature follow each other and cargo compiles the crate twice per run, not three times.
builds=(
  "web web"
  "node nodejs gateway-exports"
  "worker web gateway-exports"
)

build_dir="$CARGO_TARGET_DIR/wasm-pack"
for build in "${builds[@]}"; do
  read -r folder target features <<< "$build"
  echo "[build] wasm-pack build --release --target $target${features:+ --features $features} (pkg/$folder)"
  # wasm-pack leaves files of earlier builds in its output folder, such as the JS
  # snippets of an older crate version, and everything in it ships.
  rm -rf "${build_dir:?}/$folder"
  wasm-pack --quiet build --release --target "$target" --no-pack \
    --out-dir "$build_dir/$folder" --out-name oksoft_client ${features:+-- --features "$features"} 2>&1 \
    | grep -v -e '^\[INFO\]' -e '^$' || true
  test -f "$build_dir/$folder/oksoft_client_bg.wasm" || { echo "[build] wasm-pack produced no wasm for pkg/$folder" >&2; exit 1; }
done

# Assemble pkg/ afresh so no file of an older build ships.
rm -rf pkg
# Each build ships with its JS snippets, and with the short wasm import and export
# names that minify-wasm-names.mjs gives it. The worker build's declarations stay
# behind: index.d.ts imports the browser build's, which declare the same public API.
for build in "${builds[@]}"; do
  read -r folder _ <<< "$build"
  mkdir -p "pkg/$folder"
  cp "$build_dir/$folder"/oksoft_client{.js,_bg.wasm} "pkg/$folder/"
  cp -r "$build_dir/$folder/snippets" "pkg/$folder/"
  declarations=()
  if [ "$folder" != worker ]; then
    cp "$build_dir/$folder/oksoft_client.d.ts" "pkg/$folder/"
    declarations=("pkg/$folder/oksoft_client.d.ts")
  fi
  node "$repo_root/scripts/minify-wasm-names.mjs" "pkg/$folder/oksoft_client_bg.wasm" "pkg/$folder/oksoft_client.js" \
    "${declarations[@]}"
done

# The Node build requires its JS snippets, which wasm-bindgen copies as ES modules;
# Node before 20.19 cannot require those, so the Node copy gets CommonJS exports.
find pkg/node/snippets -name '*.js' | while read -r snippet; do
  names=$(sed -n 's/^export \(async \)\{0,1\}function \([A-Za-z_$][A-Za-z0-9_$]*\).*/\2/p' "$snippet" | paste -sd, - | sed "s/,/, /g")
  sed -i 's/^export \(async \)\{0,1\}function /\1function /' "$snippet"
  echo "module.exports = { $names };" >> "$snippet"
done
# Bundlers such as esbuild follow require('...') but not the glue's require(String.raw`...`).
sed -i 's/require(String\.raw`\(\.\/snippets\/[^`]*\)`)/require("\1")/' pkg/node/oksoft_client.js
if grep -q 'String\.raw' pkg/node/oksoft_client.js; then
  echo "[build] pkg/node/oksoft_client.js still requires a snippet through String.raw, which bundlers do not follow" >&2
  exit 1
fi
cp pkg-template/package.json pkg-template/index.cjs pkg-template/index.mjs pkg-template/browser.js pkg-template/worker.js \
   pkg-template/web-entry.js pkg-template/gateway.js pkg-template/origin.js pkg-template/rate-limiter.js pkg-template/gateway-client.js pkg-template/node-handler.cjs pkg-template/oksoft-error.js pkg-template/option-names.js \
   pkg-template/messages.js pkg-template/index.d.ts pkg/
# The message texts of src/protocol/messages.json, which the wasm names by number.
node "$repo_root/scripts/write-message-templates.mjs" pkg
cp README.md README.ru.md pkg/ 2>/dev/null || true

# CommonJS callers need declarations of their own that point at the nodejs build, or
# TypeScript reads the ESM types for a CommonJS file.
sed "s#'./web/oksoft_client.js'#'./node/oksoft_client.js'#g" pkg-template/index.d.ts > pkg/index.d.cts

# wasm-bindgen declares [Symbol.dispose], which needs TypeScript's esnext.disposable lib;
# without the line, projects on older lib settings compile, and the method still exists.
sed -i '/\[Symbol\.dispose\]()/d' pkg/node/oksoft_client.d.ts pkg/web/oksoft_client.d.ts

# The package is "type": "module"; the nodejs build of wasm-bindgen is CommonJS.
echo '{ "type": "commonjs" }' > pkg/node/package.json

# The Node entry is CommonJS, so it needs CommonJS copies of the ES modules it shares
# with the browser and worker entries: the error class, the option-name suggestions, the
# message renderer, the partner gateway, and the gateway's origin check and rate limiter.
# The gateway's one source serves Node, Deno and workers. Each module exports one
# declaration, and its imports of the others become requires of their copies.
commonjs_copy() {
  local module=$1 exported=$2
  {
    echo "'use strict';"
    sed -e "s/^export \(class\|function\) $exported/\1 $exported/" \
      -e "s#^import { \([A-Za-z]*\) } from './\([a-z-]*\)\.js';#const { \1 } = require('./\2.cjs');#" \
      "pkg-template/$module.js"
    echo "module.exports = { $exported };"
  } > "pkg/$module.cjs"
}
commonjs_copy oksoft-error OksoftError
commonjs_copy option-names closestKnownName
commonjs_copy messages renderMessage
commonjs_copy origin isAllowedOrigin
commonjs_copy rate-limiter RateLimiter
commonjs_copy gateway createPartnerGateway
for derived in pkg/oksoft-error.cjs pkg/option-names.cjs pkg/messages.cjs pkg/origin.cjs pkg/rate-limiter.cjs pkg/gateway.cjs $(find pkg/node/snippets -name '*.js'); do
  if grep -qE '^(import|export) ' "$derived"; then
    echo "[build] $derived still has an import or export line; the CommonJS conversion above expects one exported declaration and imports of the package's own modules only" >&2
    exit 1
  fi
done

node "$repo_root/scripts/print-sizes.mjs" \
  "pkg/web/oksoft_client_bg.wasm=browsers and bundlers (default condition)" \
  "pkg/worker/oksoft_client_bg.wasm=workers and edge runtimes (workerd, worker, edge-light)" \
  "pkg/node/oksoft_client_bg.wasm=Node and Deno (node condition)" \
  pkg/web/oksoft_client.js pkg/worker/oksoft_client.js pkg/node/oksoft_client.js \
  $(find pkg/web pkg/worker pkg/node -path '*/snippets/*' -name '*.js' | sort) pkg/message-templates.js
echo "[build] package ready in $repo_root/pkg"
