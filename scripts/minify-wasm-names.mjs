// Shortens the import and export names of a wasm-bindgen build and rewrites its JS glue
// to match, then drops the producers and target-features sections.
//
// wasm-bindgen names each import after its JS function plus a 16-digit hash, in a
// module called "./<name>_bg.js". With the export names, that is about 6 KB of the
// .wasm, and the hashes barely compress. wasm-opt renames them all to one or two
// letters and prints the mapping, which this script applies to the glue file.
//
// usage: node scripts/minify-wasm-names.mjs <wasm file> <glue js file> [<glue d.ts file>]
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath, declarationsPath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/minify-wasm-names.mjs <wasm file> <glue js file> [<glue d.ts file>]');
  process.exit(2);
}

// Rename in wasm-opt; its standard output is the mapping as JSON.
const minifiedPath = `${wasmPath}.minified`;
const mappingText = execFileSync(
  'wasm-opt',
  [wasmPath, '--minify-imports-and-exports-and-modules', '--strip-producers', '--strip-target-features', '-o', minifiedPath],
  { encoding: 'utf8' },
);
const mapping = JSON.parse(mappingText.slice(mappingText.indexOf('{')));
const newModules = importModuleNames(readFileSync(minifiedPath));
if (newModules.size !== 1) {
  fail(`expected the minified imports to share one module name, found ${[...newModules].join(', ') || 'none'}`);
}
const [newModule] = newModules;

let glue = readFileSync(gluePath, 'utf8');

// The import object: one key for the module, one property per imported function.
const oldModules = new Set(mapping.imports.map(([module]) => module));
for (const oldModule of oldModules) {
  glue = replaceExactlyOnce(glue, `${JSON.stringify(oldModule)}: import0`, `${JSON.stringify(newModule)}: import0`);
}
for (const [, oldName, newName] of mapping.imports) {
  glue = replaceExactlyOnce(glue, new RegExp(`(\\n\\s+)${escapeRegExp(oldName)}(: function)`), `$1${JSON.stringify(newName)}$2`);
}

// The exports, which the glue reads only as `wasm.<name>`.
for (const [oldName, newName] of mapping.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escapeRegExp(oldName)}\\b`, 'g'), `wasm[${JSON.stringify(newName)}]`);
}
const stale = [...glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map((match) => match[1]);
if (stale.length > 0) {
  fail(`the glue still reads exports the mapping does not rename: ${[...new Set(stale)].join(', ')}`);
}

// The declarations of the web build list the raw exports in `InitOutput`.
if (declarationsPath) {
  let declarations = readFileSync(declarationsPath, 'utf8');
  for (const [oldName, newName] of mapping.exports) {
    declarations = declarations.replace(new RegExp(`(\\n\\s+readonly )${escapeRegExp(oldName)}:`), `$1${JSON.stringify(newName)}:`);
  }
  writeFileSync(declarationsPath, declarations);
}

writeFileSync(gluePath, glue);
renameSync(minifiedPath, wasmPath);

function replaceExactlyOnce(text, pattern, replacement) {
  const count = typeof pattern === 'string' ? text.split(pattern).length - 1 : (text.match(new RegExp(pattern, 'g')) || []).length;
  if (count !== 1) {
    fail(`expected ${pattern} once in ${gluePath}, found it ${count} times; the wasm-bindgen glue changed shape`);
  }
  return text.replace(pattern, replacement);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(message) {
  console.error(`[minify] ${message}`);
  process.exit(1);
}

// Module names of every import in a .wasm file, read from its import section.
function importModuleNames(bytes) {
  let offset = 8;
  const readUnsigned = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  const readName = () => {
    const length = readUnsigned();
    const name = new TextDecoder().decode(bytes.subarray(offset, offset + length));
    offset += length;
    return name;
  };
  const skipLimits = () => {
    const flags = readUnsigned();
    readUnsigned();
    if (flags & 1) readUnsigned();
  };

  const modules = new Set();
  while (offset < bytes.length) {
    const sectionId = bytes[offset++];
    const sectionSize = readUnsigned();
    const sectionEnd = offset + sectionSize;
    if (sectionId === 2) {
      const count = readUnsigned();
      for (let index = 0; index < count; index++) {
        modules.add(readName());
        readName();
        const kind = bytes[offset++];
        if (kind === 0) readUnsigned(); // function: type index
        else if (kind === 1) { offset++; skipLimits(); } // table: element type, limits
        else if (kind === 2) skipLimits(); // memory
        else if (kind === 3) offset += 2; // global: value type, mutability
        else fail(`import kind ${kind} is not one this script reads`);
      }
    }
    offset = sectionEnd;
  }
  return modules;
}
