// Shipped bytes of each client's browser build: raw, gzip (level 9) and brotli
// (quality 11) of every file, summed, since the files are fetched separately.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { build } from 'esbuild';

/** Bundles the baseline client and its md5 dependency for browsers into `outputFile`. */
export async function bundleBaseline(entryFile, outputFile) {
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(outputFile, result.outputFiles[0].contents);
  return outputFile;
}

/** Sizes of each file and their sum: `{ files: [{ file, raw, gzip, brotli }], total }`. */
export async function measureSizes(files, baseDir) {
  const rows = [];
  for (const file of files) {
    const bytes = await readFile(file);
    rows.push({
      file: path.relative(baseDir, file),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const row of rows) {
    total.raw += row.raw;
    total.gzip += row.gzip;
    total.brotli += row.brotli;
  }
  return { files: rows, total };
}
