// Compiled with `tsc --strict --noEmit` with a bundler's module resolution, never run:
// the browser-only exports init() and initSync() of the package's browser entry.

import init, { initSync, md5Hex, OksoftClient } from 'oksoft-client';

export async function loadFromUrl(): Promise<string> {
  await init();
  await init(new URL('https://static.example.ru/oksoft_client_bg.wasm'));
  return md5Hex('demo', 'lower');
}

export function loadFromBytes(wasmBytes: Uint8Array<ArrayBuffer>): OksoftClient {
  initSync(wasmBytes);
  return new OksoftClient({ baseUrl: 'http://127.0.0.1:8080', login: 'demo', password: 'demo' });
}
