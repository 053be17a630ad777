// One cold-start sample in a fresh browser context: import the client named by
// ?client=ours|baseline, initialise it (ours: init() fetches and compiles the wasm), and
// await its first call, PartnersGet with the in-memory fetch (UsersLogin runs first).
// The result goes to window.coldStart in milliseconds. The canned fetch is imported
// statically, so it is loaded before the clock starts.

import { clientOptions } from '/bench/lib/canned.mjs';

async function sample(clientName) {
  const started = performance.now();
  let Client;
  let init = async () => {};
  if (clientName === 'ours') {
    const module = await import('/pkg/browser.js');
    Client = module.OksoftClient;
    init = module.default;
  } else if (clientName === 'baseline') {
    const module = await import('/build/oksoft-baseline.bundle.js');
    Client = module.BaselineClient;
  } else {
    throw new Error(`unknown client ${JSON.stringify(clientName)}; use ?client=ours or ?client=baseline`);
  }
  const imported = performance.now();

  await init();
  const client = new Client(clientOptions());
  const initialised = performance.now();

  const partner = await client.partnersGet({ partnersCode: 24 });
  const resolved = performance.now();
  if (partner.code !== 24) {
    throw new Error(`unexpected PartnersGet result ${JSON.stringify(partner)}`);
  }
  return {
    importMs: imported - started,
    initMs: initialised - imported,
    firstCallMs: resolved - initialised,
    totalMs: resolved - started,
    sinceNavigationStartMs: resolved,
  };
}

sample(new URLSearchParams(location.search).get('client')).then(
  (result) => {
    window.coldStart = result;
  },
  (error) => {
    window.coldStart = { error: String(error?.stack ?? error) };
  },
);
