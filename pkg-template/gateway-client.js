// The gateway mode of OksoftClient in browsers: `new OksoftClient({ gatewayUrl })` calls
// the storefront's partner gateway instead of OKsoft, so the page never has the
// integration account. Options are checked with the library's own rules first, and every
// failure is an OksoftError with its message in the client's locale.

import { OksoftError } from './oksoft-error.js';
import { renderMessage } from './messages.js';
import { closestKnownName } from './option-names.js';

/** Methods a partner gateway serves, by the direct client's name, with the OKsoft wire name. */
const GATEWAY_METHODS = {
  partnersLogin: 'PartnersLogin',
  partnersPasswordResetCreate: 'PartnersPasswordResetCreate',
  partnersCreate: 'PartnersCreate',
  countriesListGet: 'CountriesListGet',
  sexListGet: 'SexListGet',
  phoneTypesListGet: 'PhoneTypesListGet',
  languagesListGet: 'LanguagesListGet',
  partnersGroupsListGet: 'PartnersGroupsListGet',
  currenciesList: 'CurrenciesList',
  partnersGet: 'PartnersGet',
  accountsListGet: 'AccountsListGet',
};

/**
 * Methods whose effect is unknown when they fail after the request may have left: a
 * repeat could register a partner or send a reset e-mail twice.
 */
const SENT_ONCE_METHODS = new Set(['partnersCreate', 'partnersPasswordResetCreate']);

/** Methods that read the logged-in partner's own data; the gateway fills in partnersCode. */
const OWN_DATA_METHODS = new Set(['partnersGet', 'accountsListGet']);

/** Partner code put in for the check alone when the caller leaves it to the gateway. */
const CHECK_ONLY_PARTNERS_CODE = 1;

const GATEWAY_OPTION_NAMES = ['gatewayUrl', 'locale', 'fetch'];

/** Options of the direct client that have no meaning in gateway mode. */
const DIRECT_OPTION_NAMES = [
  'baseUrl',
  'login',
  'password',
  'passwordMd5',
  'servicePath',
  'timeoutMs',
  'maxRetries',
  'md5Case',
  'dateFormat',
  'sendFormatJson',
  'shareLogin',
];

const CALL_OPTION_NAMES = ['timeoutMs', 'signal'];

/** Maximum per-call timeout in milliseconds (ten minutes), the direct client's limit. */
const MAX_TIMEOUT_MS = 600_000;

/** Maximum length of a caller's value quoted in a message, in characters. */
const MAX_QUOTED_CHARS = 60;

/** Maximum length of OKsoft's resultText quoted in a message, in characters, as in the direct client. */
const MAX_SERVER_TEXT_CHARS = 500;

/**
 * Codes of the refusals the gateway sends before it calls OKsoft, so the request never
 * reached OKsoft. `gateway_failed` is missing because the gateway may fail after the call.
 */
const REFUSED_BEFORE_OKSOFT = new Set([
  'origin_rejected',
  'operation_not_allowed',
  'login_required',
  'foreign_partner',
  'forbidden_value',
  'rate_limited',
  'method_not_allowed',
  'body_too_large',
  'invalid_body',
]);

/** Node's error codes for a connection that was refused or a host that was not found. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

// ---------------------------------------------------------------------------
// Messages

/**
 * Returns the message `id` of src/protocol/messages.json in `locale`, the direct client's
 * table, filled with `args`: texts, or `[id, ...args]` arrays for nested messages.
 */
function messageText(locale, id, ...args) {
  return renderMessage(locale, [id, ...args]);
}

/** Quotes a caller's value, cut to MAX_QUOTED_CHARS so one huge input cannot flood logs. */
function quote(value) {
  const characters = [...value];
  return characters.length > MAX_QUOTED_CHARS ? `"${characters.slice(0, MAX_QUOTED_CHARS).join('')}…"` : `"${value}"`;
}

/** Returns the JS type name of a value as messages show it: `typeof`, refined for arrays, maps and null. */
function typeName(value) {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value instanceof Map) {
    return 'Map';
  }
  return typeof value;
}

// ---------------------------------------------------------------------------
// Validation

/**
 * Collects the problems of one options object in `locale`, each `{ field, code, message }`,
 * as the direct client lists them.
 */
function problemList(locale) {
  const problems = [];
  const add = (field, code, id, ...args) => {
    problems.push({ field, code, message: messageText(locale, id, field, ...args) });
  };
  return {
    problems,
    missing: (field) => add(field, 'missing_field', 'problem.missing'),
    unknown(field, knownNames) {
      const suggestion = closestKnownName(field, knownNames);
      if (suggestion === null) {
        add(field, 'unknown_field', 'problem.unknown');
      } else {
        add(field, 'unknown_field', 'problem.unknown_suggested', suggestion);
      }
    },
    notInGatewayMode: (field, id) => add(field, 'invalid_option', id),
    wrongType: (field, expected, value) => add(field, 'invalid_type', 'problem.wrong_type', [`expected.${expected}`], typeName(value)),
    notOneOf: (field, value, allowed) => add(field, 'invalid_choice', 'problem.not_one_of', quote(value), allowed.join(', ')),
    outOfRange: (field, value, min, max) =>
      add(field, 'invalid_integer', 'problem.out_of_range', quote(String(value)), ['range', String(min), String(max)]),
    unreadable: (field) => add(field, 'invalid_type', 'problem.unreadable'),
    invalidGatewayUrl: (field, value) => add(field, 'invalid_url', 'gateway.invalid_url', quote(value)),
    crossOriginGatewayUrl: (field, value, pageOrigin) => add(field, 'invalid_url', 'gateway.cross_origin_url', quote(value), pageOrigin),
  };
}

/** Builds the validation OksoftError of `method` (null for client options), with the first problem's code. */
function validationError(locale, method, problems) {
  const details = problems.map((problem) => problem.message).join('; ');
  return new OksoftError(messageText(locale, 'invalid_input', method ?? ['client_options'], details), {
    kind: 'validation',
    code: problems[0].code,
    method,
    resultNumber: null,
    resultText: null,
    status: null,
    field: problems[0].field,
    problems,
    notSent: true,
    requestParams: null,
  });
}

/**
 * Reads the own enumerable properties of an options object into `[name, value]` pairs,
 * reporting a getter or Proxy trap that throws. Returns null after reporting a value
 * that is not an object; `undefined` and `null` mean no options.
 */
function readEntries(options, list) {
  if (options === undefined || options === null) {
    return [];
  }
  if (typeof options !== 'object' || Array.isArray(options) || options instanceof Map) {
    list.wrongType('options', 'object', options);
    return null;
  }
  let names;
  try {
    names = Object.keys(options);
  } catch {
    list.unreadable('options');
    return null;
  }
  const entries = [];
  for (const name of names) {
    try {
      entries.push([name, options[name]]);
    } catch {
      list.unreadable(name);
    }
  }
  return entries;
}

/** Returns the locale the options request when it is valid, else the default `ru`. */
function requestedLocale(options) {
  try {
    return typeof options.locale === 'string' && options.locale.trim().toLowerCase() === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

/** Returns the page's origin when the client runs in a page served over http(s), else null. */
function pageOrigin() {
  try {
    const origin = globalThis.location?.origin;
    return typeof origin === 'string' && /^https?:\/\//.test(origin) ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Returns null for a gateway URL that can take route names after a slash, else `'invalid'`
 * or `'cross-origin'`. A usable URL is http(s) without a query, fragment or credentials.
 * A relative value must stay on the page's origin, so `//host` and `/\host` are invalid.
 * In a page, an absolute URL must be on the page's origin too, because requests carry
 * the session cookie only there (`credentials: 'same-origin'`).
 */
function gatewayUrlProblem(gatewayUrl, origin) {
  if (/[?#\s]/.test(gatewayUrl)) {
    return 'invalid';
  }
  const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(gatewayUrl);
  // Without a page, relative URLs are resolved against a placeholder origin.
  const base = origin ?? 'http://page.invalid';
  let parsed;
  try {
    parsed = new URL(gatewayUrl, `${base}/`);
  } catch {
    return 'invalid';
  }
  const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  if (!isHttp || parsed.username !== '' || parsed.password !== '') {
    return 'invalid';
  }
  if (!isAbsolute && parsed.origin !== base) {
    return 'invalid';
  }
  if (isAbsolute && origin !== null && parsed.origin !== origin) {
    return 'cross-origin';
  }
  return null;
}

/**
 * Checks the constructor's options in gateway mode and returns `{ displayUrl, base,
 * locale, fetchFunction }`. Throws a validation OksoftError listing every invalid option.
 */
function readGatewayOptions(options) {
  const locale = requestedLocale(options);
  const list = problemList(locale);
  const values = {};
  for (const [name, value] of readEntries(options, list) ?? []) {
    if (name === 'maxRetries') {
      list.notInGatewayMode(name, 'gateway.retries_on_server');
    } else if (DIRECT_OPTION_NAMES.includes(name)) {
      list.notInGatewayMode(name, 'gateway.direct_option');
    } else if (!GATEWAY_OPTION_NAMES.includes(name)) {
      list.unknown(name, GATEWAY_OPTION_NAMES);
    } else {
      values[name] = value;
    }
  }

  const { gatewayUrl, locale: localeOption, fetch: fetchOption } = values;
  if (gatewayUrl === undefined || gatewayUrl === null || (typeof gatewayUrl === 'string' && gatewayUrl.trim() === '')) {
    list.missing('gatewayUrl');
  } else if (typeof gatewayUrl !== 'string') {
    list.wrongType('gatewayUrl', 'text', gatewayUrl);
  } else {
    const origin = pageOrigin();
    const problem = gatewayUrlProblem(gatewayUrl.trim(), origin);
    if (problem === 'invalid') {
      list.invalidGatewayUrl('gatewayUrl', gatewayUrl);
    } else if (problem === 'cross-origin') {
      list.crossOriginGatewayUrl('gatewayUrl', gatewayUrl, origin);
    }
  }
  if (typeof localeOption === 'string') {
    if (localeOption.trim() !== '' && !['ru', 'en'].includes(localeOption.trim().toLowerCase())) {
      list.notOneOf('locale', localeOption, ['ru', 'en']);
    }
  } else if (localeOption !== undefined && localeOption !== null) {
    list.wrongType('locale', 'text', localeOption);
  }
  if (fetchOption !== undefined && fetchOption !== null && typeof fetchOption !== 'function') {
    list.wrongType('fetch', 'function', fetchOption);
  }

  if (list.problems.length > 0) {
    throw validationError(locale, null, list.problems);
  }
  return {
    displayUrl: gatewayUrl.trim(),
    base: gatewayUrl.trim().replace(/\/+$/, ''),
    locale,
    fetchFunction: fetchOption ?? ((...args) => globalThis.fetch(...args)),
  };
}

/**
 * Reads a method's second argument in gateway mode: `timeoutMs` and `signal`. Throws the
 * validation OksoftError of `method` for anything else, or for a wrongly typed value.
 */
function readCallSettings(locale, method, requestOptions) {
  const list = problemList(locale);
  const settings = { timeoutMs: null, signal: null };
  for (const [name, value] of readEntries(requestOptions, list) ?? []) {
    if (name === 'maxRetries') {
      list.notInGatewayMode(name, 'gateway.retries_on_server');
    } else if (!CALL_OPTION_NAMES.includes(name)) {
      list.unknown(name, CALL_OPTION_NAMES);
    } else if (value === undefined || value === null) {
      // Absent, as in the direct client.
    } else if (name === 'timeoutMs') {
      if (typeof value !== 'number') {
        list.wrongType(name, 'integer', value);
      } else if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
        list.outOfRange(name, value, 1, MAX_TIMEOUT_MS);
      } else {
        settings.timeoutMs = value;
      }
    } else if (typeof AbortSignal === 'function' && value instanceof AbortSignal) {
      settings.signal = value;
    } else {
      list.wrongType(name, 'abort_signal', value);
    }
  }
  if (list.problems.length > 0) {
    throw validationError(locale, method, list.problems);
  }
  return settings;
}

// ---------------------------------------------------------------------------
// Requests

/**
 * Describes a failed fetch as `{ kind, detail, notSent }`: an AbortError is an abort,
 * anything else a network failure named by its name, message and Node's `cause.code`.
 */
function describeFetchFailure(error, thrownBeforeSend) {
  if (error?.name === 'AbortError') {
    return { kind: 'aborted', detail: '', notSent: thrownBeforeSend };
  }
  const message = typeof error?.message === 'string' ? error.message : String(error);
  const cause = error?.cause !== null && typeof error?.cause === 'object' ? error.cause : null;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const causeMessage = typeof cause?.message === 'string' && cause.message !== message ? cause.message : null;

  let detail = typeof error?.name === 'string' ? `${error.name}: ${message}` : message;
  if (code !== null || causeMessage !== null) {
    detail += ` (${code ?? causeMessage})`;
  }
  return { kind: 'network', detail, notSent: thrownBeforeSend || NOT_SENT_CODES.includes(code) };
}

/**
 * Sends one request and reads its body as text. Resolves to `{ status, ok, text,
 * retryAfter }`, the last being the Retry-After header or null, or
 * rejects with `{ kind, detail, notSent }` when `settings.timeoutMs` passed, the caller's
 * signal fired or fetch failed. The timer and the signal decide even when an injected
 * fetch ignores the signal it was given.
 */
async function exchange(fetchFunction, url, init, settings) {
  const { timeoutMs, signal } = settings;
  if (signal?.aborted) {
    throw { kind: 'aborted', detail: '', notSent: true };
  }

  const controller = new AbortController();
  let stopReason = null;
  let rejectStopped;
  const stopped = new Promise((_resolve, reject) => {
    rejectStopped = reject;
  });
  // Without a handler, the rejection of a request that already ended would be unhandled.
  stopped.catch(() => {});
  const stop = (reason) => {
    if (stopReason === null) {
      stopReason = reason;
      controller.abort();
      rejectStopped(new Error(reason));
    }
  };
  const timer = timeoutMs === null ? null : setTimeout(() => stop('timeout'), timeoutMs);
  const onAbort = () => stop('aborted');
  signal?.addEventListener('abort', onAbort);

  try {
    let pending;
    try {
      pending = fetchFunction(url, { credentials: 'same-origin', ...init, signal: controller.signal });
    } catch (error) {
      throw describeFetchFailure(error, true);
    }
    const response = await Promise.race([pending, stopped]);
    const text = await Promise.race([response.text(), stopped]);
    return { status: response.status, ok: response.ok, text, retryAfter: response.headers?.get?.('retry-after') ?? null };
  } catch (failure) {
    if (stopReason === 'aborted') {
      throw { kind: 'aborted', detail: '', notSent: false };
    }
    if (stopReason === 'timeout') {
      throw { kind: 'timeout', detail: String(timeoutMs), notSent: false };
    }
    if (failure?.kind !== undefined && failure.notSent !== undefined) {
      throw failure;
    }
    throw describeFetchFailure(failure, false);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Builds the OksoftError of a call that got no usable response from the gateway. A call in
 * SENT_ONCE_METHODS that may have reached the gateway becomes `outcome_unknown` and keeps
 * its `code`, as in the direct client.
 */
function callError(locale, { kind, code, method, message, status = null, notSent, sentOnce }) {
  const outcomeUnknown = sentOnce && !notSent;
  return new OksoftError(withOutcome(locale, message, { outcomeUnknown, notSent }), {
    kind: outcomeUnknown ? 'outcome_unknown' : kind,
    code,
    method,
    resultNumber: null,
    resultText: null,
    status,
    field: null,
    problems: [],
    notSent,
    requestParams: null,
  });
}

/** Appends to `message` that the call is safe to repeat, or that its outcome is unknown. */
function withOutcome(locale, message, { outcomeUnknown, notSent }) {
  if (outcomeUnknown) {
    return messageText(locale, 'outcome_unknown', message, ['outcome_check.operation']);
  }
  return notSent ? messageText(locale, 'gateway.not_sent', message) : message;
}

/** Builds the error of a failed exchange: network, timeout or aborted. */
function transportError(locale, displayUrl, method, sentOnce, failure) {
  const messages = {
    network: () => messageText(locale, 'gateway.network', method, displayUrl, failure.detail),
    timeout: () => messageText(locale, 'timeout', method, failure.detail),
    aborted: () => messageText(locale, 'aborted', method),
  };
  const code = failure.kind === 'network' ? 'network_error' : failure.kind;
  return callError(locale, { kind: failure.kind, code, method, message: messages[failure.kind](), notSent: failure.notSent, sentOnce });
}

/**
 * Builds the error of an HTTP status without the gateway's error body, such as a proxy's page.
 * Like the direct client, it counts 429 as unsent and 5xx as maybe applied.
 */
function statusError(locale, displayUrl, method, sentOnce, status) {
  let hint = 'gateway.http.check_address';
  if (status === 429) {
    hint = 'gateway.http.rate_limited';
  } else if (status >= 500) {
    hint = 'http.server_failed_retry';
  }
  const message = messageText(locale, 'joined', ['gateway.http', method, displayUrl, String(status)], [hint]);
  const maybeApplied = status >= 500 && status <= 599;
  return callError(locale, { kind: 'http', code: 'http_error', method, message, status, notSent: status === 429, sentOnce: sentOnce && maybeApplied });
}

/** Builds the error of a 2xx response whose body is not the gateway's `{ "result": ... }`. */
function decodeError(locale, displayUrl, method, sentOnce, text, status) {
  let code = 'unexpected_response';
  if (text.trim() === '') {
    code = 'empty_response';
  } else if (text.trimStart().startsWith('<')) {
    code = 'html_response';
  } else if (parseJson(text) === undefined) {
    code = 'invalid_json';
  }
  const message = messageText(locale, 'gateway.decode', method, [`decode.${code}`], displayUrl);
  return callError(locale, { kind: 'decode', code, method, message, status, notSent: false, sentOnce });
}

/** Parses JSON text, or returns undefined when it is not JSON. */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Quotes OKsoft's resultText and ResultNumber after `lead`, as the direct client does. */
function withServerText(locale, lead, resultText, resultNumber) {
  const characters = [...(typeof resultText === 'string' ? resultText.trim() : '')];
  let quoted = characters.slice(0, MAX_SERVER_TEXT_CHARS).join('');
  if (characters.length > MAX_SERVER_TEXT_CHARS) {
    quoted += '…';
  }
  const number = Number.isInteger(resultNumber) ? String(resultNumber) : null;
  if (quoted === '') {
    return number === null ? lead : messageText(locale, 'server_text.number_only', lead, number);
  }
  if (number === null) {
    return messageText(locale, 'server_text', lead, quoted);
  }
  return messageText(locale, 'server_text.numbered', lead, quoted, number);
}

/**
 * Words the gateway's error in the client's locale from its fields, or returns null for
 * a code and kind this client does not know. The gateway's server-side client wrote the
 * message in its own locale, and the gateway words its refusals in English.
 */
function relayedMessage(locale, fields, method, notSent, retryAfter) {
  const { code, kind } = fields;
  const seconds = Number(retryAfter);
  if (code === 'rate_limited' && retryAfter !== null && Number.isInteger(seconds) && seconds > 0) {
    return messageText(locale, 'gateway.rate_limited_for', method, String(seconds));
  }
  // Each refusal code has a template of its own, and for any other code the lookup gives null.
  const refusal = messageText(locale, `gateway.refusal.${code}`, method, typeof fields.field === 'string' ? fields.field : 'options');
  if (refusal !== null) {
    return refusal;
  }
  // The gateway words two of OKsoft's refusals for its own integration account.
  const hint = messageText(locale, `gateway.hint.${code}`) ?? messageText(locale, `hint.${code}`);
  if ((kind === 'api' || kind === 'auth') && hint !== null) {
    return withServerText(locale, messageText(locale, 'method_detail', method, hint), fields.resultText, fields.resultNumber);
  }
  if (kind === 'validation') {
    const problems = Array.isArray(fields.problems) ? fields.problems : [];
    const names = problems.map((problem) => `${problem?.field}: ${problem?.code}`).join(', ');
    return messageText(locale, 'gateway.relayed_invalid_input', method, names === '' ? String(code) : names);
  }
  if (['network', 'timeout', 'aborted', 'http', 'decode', 'outcome_unknown'].includes(kind)) {
    const detail = Number.isInteger(fields.status) ? `${code}, HTTP ${fields.status}` : String(code);
    const message = messageText(locale, 'gateway.relayed_failure', method, detail);
    return withOutcome(locale, message, { outcomeUnknown: kind === 'outcome_unknown', notSent });
  }
  return null;
}

/**
 * Turns the gateway's error body into the OksoftError the direct client would reject with.
 * The message is worded again in `locale` where the code is known; otherwise the gateway's
 * message is kept, and `fallbackMessage` serves a body without one. OKsoft's resultText
 * is kept unchanged.
 */
function errorFrom(locale, fields, { method, status, retryAfter, fallbackMessage }) {
  const named = typeof fields.method === 'string' ? fields.method : method;
  const notSent = REFUSED_BEFORE_OKSOFT.has(fields.code) || fields.notSent === true;
  const gatewayMessage = typeof fields.message === 'string' ? fields.message : fallbackMessage;
  return new OksoftError(relayedMessage(locale, fields, named, notSent, retryAfter) ?? gatewayMessage, {
    kind: fields.kind ?? 'http',
    code: fields.code ?? 'http_error',
    method: named,
    resultNumber: fields.resultNumber ?? null,
    resultText: fields.resultText ?? null,
    status: fields.status ?? status,
    field: fields.field ?? null,
    problems: fields.problems ?? [],
    notSent,
    requestParams: null,
  });
}

// ---------------------------------------------------------------------------
// The client

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

/**
 * Returns whether options of an own-data method leave the partner to the gateway: they
 * are absent, or an object without `partnersCode` and `id`. Anything else goes to the
 * check as it is.
 */
function leavesPartnerToGateway(callOptions) {
  if (callOptions === undefined || callOptions === null) {
    return true;
  }
  if (typeof callOptions !== 'object' || Array.isArray(callOptions) || callOptions instanceof Map) {
    return false;
  }
  try {
    return callOptions.partnersCode === undefined && callOptions.id === undefined;
  } catch {
    return false;
  }
}

/**
 * Returns the caller's options with CHECK_ONLY_PARTNERS_CODE added, for the check of an
 * own-data method. Each field is a getter over the caller's, so a getter that throws
 * becomes that field's validation problem. Options whose keys cannot be listed are
 * returned unchanged for the check to report.
 */
function withCheckOnlyPartner(callOptions) {
  let names;
  try {
    names = Object.keys(callOptions ?? {});
  } catch {
    return callOptions;
  }
  const copy = {};
  for (const name of names) {
    Object.defineProperty(copy, name, { enumerable: true, configurable: true, get: () => callOptions[name] });
  }
  copy.partnersCode = CHECK_ONLY_PARTNERS_CODE;
  return copy;
}

/**
 * Creates the gateway client. `ensureLoaded` loads the wasm module and `validate` checks a
 * method's options, throwing the OksoftError the direct client would. Throws a validation
 * OksoftError when `options` are invalid.
 */
export function createGatewayClient(options, { ensureLoaded, validate }) {
  const { displayUrl, base, locale, fetchFunction } = readGatewayOptions(options);

  /**
   * Sends one call to the gateway route `route` and returns the `result` of its response.
   * `method` names the call in errors: the OKsoft wire name, or the gateway's route.
   */
  async function send(method, route, init, settings, sentOnce) {
    let response;
    try {
      response = await exchange(fetchFunction, `${base}/${route}`, init, settings);
    } catch (failure) {
      throw transportError(locale, displayUrl, method, sentOnce, failure);
    }
    const body = parseJson(response.text);
    if (response.ok && body !== null && typeof body === 'object' && 'result' in body) {
      return body.result;
    }
    if (body?.error !== null && typeof body?.error === 'object') {
      const fallbackMessage = statusError(locale, displayUrl, method, false, response.status).message;
      throw errorFrom(locale, body.error, { method, status: response.status, retryAfter: response.retryAfter, fallbackMessage });
    }
    if (!response.ok) {
      throw statusError(locale, displayUrl, method, sentOnce, response.status);
    }
    throw decodeError(locale, displayUrl, method, sentOnce, response.text, response.status);
  }

  const client = {
    locale,
    /** Ends the visitor's session on the gateway. */
    async logout(requestOptions) {
      const settings = readCallSettings(locale, 'logout', requestOptions);
      await send('logout', 'logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }, settings, false);
    },
    /** Returns the visitor's session, `{ partnersCode, fio }`, or null. */
    async session(requestOptions) {
      const settings = readCallSettings(locale, 'session', requestOptions);
      return send('session', 'session', { method: 'GET' }, settings, false);
    },
    free() {},
  };
  for (const [name, wireName] of Object.entries(GATEWAY_METHODS)) {
    client[name] = async (callOptions, requestOptions) => {
      await ensureLoaded();
      const leftToGateway = OWN_DATA_METHODS.has(name) && leavesPartnerToGateway(callOptions);
      validate(name, leftToGateway ? withCheckOnlyPartner(callOptions) : callOptions, locale);
      const settings = readCallSettings(locale, wireName, requestOptions);
      const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: optionsJson(callOptions) };
      const result = await send(wireName, name, init, settings, SENT_ONCE_METHODS.has(name));
      if (result !== null && typeof result.createDate === 'string') {
        result.createDate = new Date(result.createDate);
      }
      return result;
    };
  }
  return client;
}
