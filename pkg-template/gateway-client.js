// The gateway mode of OksoftClient in browsers: `new OksoftClient({ gatewayUrl })` calls
// the storefront's partner gateway instead of OKsoft, so the page never has the
// integration account. Options are checked with the library's own rules first.

import { OksoftError } from './oksoft-error.js';

/** Methods a partner gateway serves, with the direct client's names. */
export const GATEWAY_METHODS = [
  'partnersLogin',
  'partnersPasswordResetCreate',
  'partnersCreate',
  'countriesListGet',
  'sexListGet',
  'phoneTypesListGet',
  'languagesListGet',
  'partnersGroupsListGet',
  'currenciesList',
  'partnersGet',
  'accountsListGet',
];

const GATEWAY_OPTION_NAMES = ['gatewayUrl', 'locale', 'fetch'];

/** Methods that read the logged-in partner's own data; the gateway fills in partnersCode. */
const OWN_DATA_METHODS = new Set(['partnersGet', 'accountsListGet']);

/** Partner code put in for the check alone when the caller leaves it to the gateway. */
const CHECK_ONLY_PARTNERS_CODE = 1;

function optionsError(message, field) {
  return new OksoftError(message, {
    kind: 'validation',
    code: 'invalid_option',
    method: null,
    resultNumber: null,
    resultText: null,
    status: null,
    field,
    problems: [{ field, code: 'invalid_option', message }],
    notSent: true,
    requestParams: null,
  });
}

/** Formats a Date as `YYYY-MM-DD` in the local time zone, as the direct client reads one. */
function localDate(date) {
  const pad = (number) => String(number).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Writes the options as JSON, with Dates as local calendar dates rather than UTC times. */
function optionsJson(callOptions) {
  const plain = Object.fromEntries(
    Object.entries(callOptions ?? {}).map(([name, value]) => [
      name,
      value instanceof Date && !Number.isNaN(value.getTime()) ? localDate(value) : value,
    ]),
  );
  return JSON.stringify({ options: plain });
}

/** Turns a gateway's error body into the OksoftError the direct client would reject with. */
function errorFrom(body, status) {
  const fields = body?.error ?? {};
  return new OksoftError(fields.message ?? `the gateway returned HTTP ${status}`, {
    kind: fields.kind ?? 'http',
    code: fields.code ?? 'http_error',
    method: fields.method ?? null,
    resultNumber: fields.resultNumber ?? null,
    resultText: fields.resultText ?? null,
    status: fields.status ?? status,
    field: fields.field ?? null,
    problems: fields.problems ?? [],
    notSent: fields.notSent ?? false,
    requestParams: null,
  });
}

/**
 * Creates the gateway client. `ensureLoaded` loads the wasm module and `validate` checks a
 * method's options, throwing the OksoftError the direct client would.
 */
export function createGatewayClient(options, { ensureLoaded, validate }) {
  const unknown = Object.keys(options).find((name) => !GATEWAY_OPTION_NAMES.includes(name));
  if (unknown !== undefined) {
    throw optionsError(`${unknown}: not an option of the gateway mode; it takes gatewayUrl, locale and fetch`, unknown);
  }
  if (typeof options.gatewayUrl !== 'string' || options.gatewayUrl.trim() === '') {
    throw optionsError('gatewayUrl: expected the URL of the partner gateway, such as /api/oksoft', 'gatewayUrl');
  }
  const locale = options.locale === 'en' ? 'en' : 'ru';
  const base = options.gatewayUrl.replace(/\/+$/, '');
  const fetchFunction = options.fetch ?? ((...args) => globalThis.fetch(...args));

  async function send(route, init) {
    let response;
    try {
      response = await fetchFunction(`${base}/${route}`, { credentials: 'same-origin', ...init });
    } catch (cause) {
      throw errorFrom({ error: { kind: 'network', code: 'network_error', message: String(cause?.message ?? cause) } }, 0);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || body === null || !('result' in body)) {
      throw errorFrom(body, response.status);
    }
    return body.result;
  }

  const client = {
    locale,
    /** Ends the visitor's session on the gateway. */
    logout: () => send('logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    /** The visitor's session, `{ partnersCode, fio }`, or null. */
    session: () => send('session', { method: 'GET' }),
    free() {},
  };
  for (const name of GATEWAY_METHODS) {
    client[name] = async (callOptions) => {
      await ensureLoaded();
      const leftToGateway = OWN_DATA_METHODS.has(name) && callOptions?.partnersCode === undefined && callOptions?.id === undefined;
      validate(name, leftToGateway ? { ...callOptions, partnersCode: CHECK_ONLY_PARTNERS_CODE } : callOptions, locale);
      const result = await send(name, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: optionsJson(callOptions),
      });
      if (result !== null && typeof result.createDate === 'string') {
        result.createDate = new Date(result.createDate);
      }
      return result;
    };
  }
  return client;
}
