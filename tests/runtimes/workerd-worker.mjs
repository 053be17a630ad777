// A partner gateway in a Cloudflare Workers module, for workerd.test.mjs. The test
// bundles it with esbuild under the conditions wrangler uses (workerd, worker, browser)
// and gives workerd the .wasm file as a Wasm module, as wrangler does for a .wasm import.
//
// Each first path segment `/g/PRESET-N/` gets a gateway of its own, created on first
// use with the options of that preset. EMULATOR_URL is a text binding.

import { createPartnerGateway, initSync, OksoftClient } from 'oksoft-client';
import wasmModule from 'oksoft-client/oksoft_client_bg.wasm';

import { mountedGateways } from './gateway-presets.mjs';

// A worker cannot fetch its own .wasm file, so the module is instantiated from the import.
initSync({ module: wasmModule });

/** The integration client, created on the first request: bindings arrive with requests. */
let client = null;
const gatewayNamed = mountedGateways(createPartnerGateway, () => client);

export default {
  async fetch(request, env) {
    // Workers cancel a request that waits for another request's I/O, so each call that
    // finds no ticket logs in itself.
    client ??= new OksoftClient({ baseUrl: env.EMULATOR_URL, login: 'demo', password: 'demo', locale: 'en', shareLogin: false });
    const [, mount, name] = new URL(request.url).pathname.split('/');
    const gateway = mount === 'g' && name !== undefined ? gatewayNamed(name) : null;
    if (gateway === null) {
      return new Response('no gateway at this path; expected /g/PRESET-N/ROUTE', { status: 404 });
    }
    // Cloudflare sets CF-Connecting-IP; workerd alone does not, so all requests share a limit here.
    return gateway.handle(request, { clientAddress: request.headers.get('CF-Connecting-IP') ?? undefined });
  },
};
