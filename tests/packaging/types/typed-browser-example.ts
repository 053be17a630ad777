// Compiled with `tsc --strict --noEmit` with a bundler's module resolution, never run:
// init() and initSync() of the package's browser and worker entry, a partner gateway in
// a Workers module that imports the .wasm file as a compiled module, and a page that
// calls such a gateway in gateway mode.

import init, { createPartnerGateway, initSync, md5Hex, OksoftClient, OksoftError } from 'oksoft-client';
import type {
  GatewayClient,
  GatewayLoginResult,
  GatewayRequestOptions,
  GatewaySession,
  Partner,
  PartnerGateway,
  PartnerGatewayContext,
} from 'oksoft-client';

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

/** A visitor's page: every gateway-mode method, with the call options it takes. */
export async function visitorPage(fetchForTests: typeof fetch): Promise<string> {
  const visitor: GatewayClient = new OksoftClient({ gatewayUrl: '/api/oksoft', locale: 'en', fetch: fetchForTests });
  const locale: 'ru' | 'en' = visitor.locale;
  const controller = new AbortController();
  const callOptions: GatewayRequestOptions = { timeoutMs: 5_000, signal: controller.signal };

  const existing: GatewaySession | null = await visitor.session();
  const login: GatewayLoginResult = await visitor.partnersLogin({ login: '5518', password: 'demo' }, callOptions);
  const resultText: string | null = login.resultText;

  const me: Partner = await visitor.partnersGet({});
  await visitor.partnersGet();
  await visitor.partnersGet({ partnersCode: login.partnersCode }, { timeoutMs: 1_000 });
  const accounts = await visitor.accountsListGet({ accountsShortName: 'PLA', currencyCode: 1 }, { signal: controller.signal });
  const stock: string | null = accounts[0]?.stock ?? null;

  const countries = await visitor.countriesListGet(undefined, { timeoutMs: 2_000 });
  const sexes = await visitor.sexListGet();
  const phoneTypes = await visitor.phoneTypesListGet({});
  const languages = await visitor.languagesListGet();
  const groups = await visitor.partnersGroupsListGet();
  const currencies = await visitor.currenciesList();
  await visitor.partnersPasswordResetCreate({ email: 'antonina@bk.ru' });
  const created = await visitor.partnersCreate({ name: 'Петрова', firstName: 'Мария', email: 'maria@example.ru', birthday: new Date(1985, 2, 14) });

  try {
    await visitor.logout({ timeoutMs: 3_000 });
  } catch (error) {
    if (error instanceof OksoftError && (error.code === 'network_error' || error.kind === 'timeout')) {
      return error.message;
    }
    throw error;
  }
  const afterLogout: GatewaySession | null = await visitor.session({ signal: controller.signal });
  visitor.free();
  return JSON.stringify({
    locale, existing, resultText, me: me.fio, stock, countries, sexes, phoneTypes, languages, groups, currencies,
    created: created.partnersCode, afterLogout,
  });
}
