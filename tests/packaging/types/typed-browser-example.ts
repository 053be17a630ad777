// Compiled with `tsc --strict --noEmit` with a bundler's module resolution, never run:
// init() and initSync() of the package's browser and worker entry, and a partner
// gateway in a Workers module that imports the .wasm file as a compiled module.

import init, { createPartnerGateway, initSync, md5Hex, OksoftClient } from 'oksoft-client';
import type { PartnerGateway, PartnerGatewayContext } from 'oksoft-client';

export async function loadFromUrl(): Promise<string> {
  await init();
  await init(new URL('https://static.example.ru/oksoft_client_bg.wasm'));
  return md5Hex('demo', 'lower');
}

export function loadFromBytes(wasmBytes: Uint8Array<ArrayBuffer>): OksoftClient {
  initSync(wasmBytes);
  return new OksoftClient({ baseUrl: 'http://127.0.0.1:8080', login: 'demo', password: 'demo' });
}

export function workerGateway(wasmModule: WebAssembly.Module): (request: Request) => Promise<Response> {
  initSync({ module: wasmModule });
  const client = new OksoftClient({ baseUrl: 'http://127.0.0.1:8080', login: 'demo', password: 'demo' });
  const gateway: PartnerGateway = createPartnerGateway({ client, basePath: '/api/oksoft', allowedOrigins: ['https://shop.example.ru'] });
  return (request) => {
    const context: PartnerGatewayContext = { clientAddress: request.headers.get('CF-Connecting-IP') ?? undefined };
    return gateway.handle(request, context);
  };
}
