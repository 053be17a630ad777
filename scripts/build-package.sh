#!/usr/bin/env bash
# Builds the npm package in pkg/: the release wasm for Node (CommonJS, loads the wasm
# synchronously) and for browsers (ES module), plus the entry files and package.json
# from pkg-template/. Prints the size of each shipped .wasm and glue file.
set -euo pipefail

source "$(dirname "$0")/common.sh"
cd "$repo_root"

build_dir="$CARGO_TARGET_DIR/wasm-pack"
for target in nodejs web; do
  echo "[build] wasm-pack build --release --target $target"
  # wasm-pack leaves files of earlier builds in its output folder, such as the JS
  # snippets of an older crate version, and everything in it ships.
  rm -rf "$build_dir/$target"
  wasm-pack --quiet build --release --target "$target" --no-pack \
    --out-dir "$build_dir/$target" --out-name oksoft_client 2>&1 \
    | grep -v -e '^\[INFO\]' -e '^$' || true
  test -f "$build_dir/$target/oksoft_client_bg.wasm" || { echo "[build] wasm-pack produced no wasm for $target" >&2; exit 1; }
done

# Assemble pkg/ afresh so no file of an older build ships.
rm -rf pkg
mkdir -p pkg/node pkg/web
# Each build ships with its JS snippets, and with the short wasm import and export
# names that minify-wasm-names.mjs gives it.
for target in node web; do
  from="$build_dir/$target"
  [ "$target" = node ] && from="$build_dir/nodejs"
  cp "$from"/oksoft_client{.js,.d.ts,_bg.wasm} "pkg/$target/"
  cp -r "$from/snippets" "pkg/$target/"
  node "$repo_root/scripts/minify-wasm-names.mjs" "pkg/$target/oksoft_client_bg.wasm" "pkg/$target/oksoft_client.js" \
    "pkg/$target/oksoft_client.d.ts"
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
cp pkg-template/package.json pkg-template/index.cjs pkg-template/index.mjs pkg-template/browser.js pkg-template/gateway.js \
   pkg-template/gateway-client.js pkg-template/node-handler.cjs pkg-template/oksoft-error.js pkg-template/option-names.js \
   pkg-template/index.d.ts pkg/
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
# with the browser entry: the error class, the option-name suggestions, and the partner
# gateway, whose one source serves Node, Deno and workers. Each module exports one
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
commonjs_copy gateway createPartnerGateway
for derived in pkg/oksoft-error.cjs pkg/option-names.cjs pkg/gateway.cjs $(find pkg/node/snippets -name '*.js'); do
  if grep -qE '^(import|export) ' "$derived"; then
    echo "[build] $derived still has an import or export line; the CommonJS conversion above expects one exported declaration and imports of the package's own modules only" >&2
    exit 1
  fi
done

node "$repo_root/scripts/print-sizes.mjs" pkg/node/oksoft_client_bg.wasm pkg/web/oksoft_client_bg.wasm \
  pkg/node/oksoft_client.js pkg/web/oksoft_client.js
echo "[build] package ready in $repo_root/pkg"
