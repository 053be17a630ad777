// Prints raw, gzip and brotli sizes of the files named on the command line. An argument
// `PATH=LABEL` adds LABEL after the figures, such as the runtimes that load the file.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const rows = process.argv.slice(2).map((argument) => {
  const [path, label = ''] = argument.split(/=(.*)/s);
  const bytes = readFileSync(path);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file: path, raw: bytes.length, gzip, brotli, label };
});

const fileWidth = Math.max(36, ...rows.map((row) => row.file.length + 2));
console.log(`[size] ${'file'.padEnd(fileWidth)}${['raw', 'gzip', 'brotli'].map((name) => name.padStart(9)).join(' ')}  loaded by`);
for (const row of rows) {
  const cells = [row.raw, row.gzip, row.brotli].map((n) => String(n).padStart(9));
  console.log(`[size] ${row.file.padEnd(fileWidth)}${cells.join(' ')}  ${row.label}`.trimEnd());
}
