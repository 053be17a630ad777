// A partner gateway served by Deno.serve, for deno.test.mjs. It runs inside a project
// with the packed package installed, so `oksoft-client` resolves as in a user's project:
//
//   deno run --allow-net=127.0.0.1 --allow-read=node_modules/oksoft-client deno-server.mjs EMULATOR_URL
//
// Each first path segment `/g/PRESET-N/` gets a gateway of its own, created on first
// use with the options of that preset. The first output line names the file that
// `oksoft-client` resolved to; the second is "gateway listening on http://127.0.0.1:PORT".

import { createPartnerGateway, OksoftClient } from 'oksoft-client';

import { mountedGateways } from './gateway-presets.mjs';

const [emulatorUrl] = Deno.args;
if (emulatorUrl === undefined) {
  console.error('usage: deno run --allow-net=127.0.0.1 --allow-read=node_modules/oksoft-client deno-server.mjs EMULATOR_URL');
  Deno.exit(2);
}

const client = new OksoftClient({ baseUrl: emulatorUrl, login: 'demo', password: 'demo', locale: 'en' });
const gatewayNamed = mountedGateways(createPartnerGateway, () => client);

function onListen({ hostname, port }) {
  console.log(`oksoft-client resolved to ${import.meta.resolve('oksoft-client')}`);
  console.log(`gateway listening on http://${hostname}:${port}`);
}

Deno.serve({ hostname: '127.0.0.1', port: 0, onListen }, (request, info) => {
  const [, mount, name] = new URL(request.url).pathname.split('/');
  const gateway = mount === 'g' && name !== undefined ? gatewayNamed(name) : null;
  if (gateway === null) {
    return new Response('no gateway at this path; expected /g/PRESET-N/ROUTE', { status: 404 });
  }
  return gateway.handle(request, { clientAddress: info.remoteAddr.hostname });
});
