// The partner gateway: a handler over the Fetch API's Request and Response for a
// storefront's own server. It keeps the integration account's client and lets a
// visitor do only what a logged-in partner may do. The wasm module decides which
// operations a visitor may call and binds them to the session's partner. The rate limits
// and the origin check are in rate-limiter.js and origin.js.
//
// This file uses only Web APIs (Request, Response, Web Crypto, TextDecoder, btoa) and
// imports only the package's own modules below, so the same source serves Node, Deno
// and workers. The build derives the CommonJS copy for the Node entry from it and turns
// each import into a require of the module's CommonJS copy, which is why the file has
// one export.

import { OksoftError } from './oksoft-error.js';
import { closestKnownName } from './option-names.js';
import { isAllowedOrigin } from './origin.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * Methods whose calls are rate-limited per client address. `nameField` is the option also
 * counted per value (null for none). `keptOn` lists the outcomes after which a call still
 * counts: `succeeded`, `failed`, or `notSent` for a call that certainly never reached OKsoft.
 */
const LIMITED_METHODS = {
  partnersLogin: { nameField: 'login', keptOn: ['failed'] },
  partnersPasswordResetCreate: { nameField: 'email', keptOn: ['succeeded', 'failed'] },
  // OKsoft's refusal of a registration names a taken e-mail or login, so every call counts.
  partnersCreate: { nameField: null, keptOn: ['succeeded', 'failed', 'notSent'] },
};

/**
 * Successful logins allowed per client address within the attempt window, as a multiple
 * of `maxAttempts`. They have their own limit because each one is a PartnersLogin call on
 * the integration account and a new session in memory. It is larger than the limit of
 * failed logins so that visitors behind one proxy address can still log in.
 */
const SUCCESSFUL_LOGINS_PER_ATTEMPT = 10;


/** HTTP status of a client error, by its kind. */
const STATUS_BY_KIND = {
  validation: 400,
  auth: 401,
  api: 422,
  aborted: 499,
};

/** Bytes of randomness in a session id; 32 bytes make a 43-character base64url id. */
const SESSION_ID_BYTES = 32;

/**
 * The result of every password reset that OKsoft accepted or refused. OKsoft's response
 * differs between a registered and an unregistered e-mail, so a visitor who saw it could
 * test which e-mails belong to partners. The gateway returns this same result for both.
 */
const PASSWORD_RESET_RESULT = { resultNumber: 1, resultText: null };

function jsonResponse(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** Kind of each refusal, from the kinds OksoftError already has. */
const REFUSAL_KINDS = {
  origin_rejected: 'auth',
  operation_not_allowed: 'auth',
  login_required: 'auth',
  foreign_partner: 'auth',
  forbidden_value: 'auth',
  rate_limited: 'http',
  method_not_allowed: 'http',
  body_too_large: 'validation',
  invalid_body: 'validation',
  gateway_failed: 'network',
};

function refusal(status, code, message, extra = {}) {
  const error = { kind: REFUSAL_KINDS[code] ?? 'http', code, message, field: null, status, ...extra.error };
  return jsonResponse(status, { error }, extra.headers);
}

/** Copies the fields of an OksoftError into a plain object for the response body. */
function errorBody(error) {
  const fields = ['kind', 'code', 'message', 'method', 'resultNumber', 'resultText', 'status', 'field', 'problems', 'notSent'];
  return Object.fromEntries(fields.map((name) => [name, error[name] ?? null]));
}

function readCookie(request, name) {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return rest.join('=');
    }
  }
  return null;
}

/** Returns a new session id: random bytes from Web Crypto, encoded as base64url. */
function newSessionId(webCrypto) {
  const bytes = webCrypto.getRandomValues(new Uint8Array(SESSION_ID_BYTES));
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Reads the request body as UTF-8 text, or returns null as soon as it exceeds
 * `maxBytes`. A chunked body has no Content-Length, so the limit is applied while reading.
 */
async function readLimitedText(request, maxBytes) {
  if (request.body === null) {
    return '';
  }
  const reader = request.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }

  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Default of each option of createPartnerGateway except `client`, which is required. */
const DEFAULT_OPTIONS = {
  allowedOrigins: null,
  basePath: '',
  sessionTtlMs: 30 * 60 * 1000,
  maxBodyBytes: 16 * 1024,
  maxAttempts: 10,
  attemptWindowMs: 15 * 60 * 1000,
  cookieName: 'oksoft_session',
  // Estimate: a session takes about 350 bytes of Node's heap, so 100,000 take about 35 MB.
  maxSessions: 100_000,
};

const OPTION_NAMES = ['client', ...Object.keys(DEFAULT_OPTIONS)];

/**
 * Largest `maxAttempts`, 2^32 - 1. No window can hold that many attempts, so the option
 * check rejects a larger value as a mistake.
 */
const MAX_ATTEMPTS_LIMIT = 2 ** 32 - 1;

/** A cookie name: a token (RFC 6265, section 4.1.1), so visible ASCII without separators such as ; , = / and @. */
const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Describes the type of `value` for a message, such as "a value of type string". */
function typeOf(value) {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

/** Returns a problem with a whole number outside `min`..`max`, or null. */
function wholeNumberProblem(value, unit, min, max = Number.MAX_SAFE_INTEGER) {
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  if (typeof value !== 'number') {
    return { code: 'invalid_type', message: `expected a whole number of ${unit}, ${range}, got ${typeOf(value)}` };
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    return { code: 'invalid_integer', message: `expected a whole number of ${unit}, ${range}, got ${value}` };
  }
  return null;
}

/** Checks that `text` is an origin as browsers send it in `Origin`: scheme, host and port only. */
function isOrigin(text) {
  if (typeof text !== 'string') {
    return false;
  }
  let url;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
  return isHttp && url.origin.toLowerCase() === text.trim().replace(/\/$/, '').toLowerCase();
}

function allowedOriginsProblem(value) {
  if (!Array.isArray(value)) {
    return { code: 'invalid_type', message: `expected an array of origins such as ['https://shop.example.ru'], got ${typeOf(value)}` };
  }
  if (value.length === 0) {
    return { code: 'invalid_option', message: 'empty, so every request would be rejected; list the storefront\'s origins, or leave the option out to allow the origin of each request\'s own URL' };
  }
  const wildcardIndex = value.findIndex((origin) => typeof origin === 'string' && origin.includes('*'));
  if (wildcardIndex !== -1) {
    return { code: 'invalid_url', message: `item ${wildcardIndex}, ${JSON.stringify(value[wildcardIndex])}, has a wildcard, but origins are compared exactly; list each origin, such as https://shop.example.ru` };
  }
  const index = value.findIndex((origin) => !isOrigin(origin));
  if (index !== -1) {
    return { code: 'invalid_url', message: `item ${index}, ${JSON.stringify(value[index])}, is not an origin; expected scheme://host[:port] without a path, such as https://shop.example.ru` };
  }
  return null;
}

/** Returns the path of `path` resolved against a dummy origin, or null when it is no URL. */
function urlPathOf(path) {
  try {
    return new URL(path, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
}

/**
 * Returns a problem with a base path that no request URL's path can start with, or null.
 * A path matches only as URLs spell it: starting with /, percent-encoded, without . or ..
 */
function basePathProblem(value) {
  if (typeof value !== 'string') {
    return { code: 'invalid_type', message: `expected a path such as /api/oksoft, got ${typeOf(value)}` };
  }
  // A value such as // or / api makes the URL invalid or gives it a host, so it is no path.
  const isUrlPath = (path) => urlPathOf(path) === path;
  if (value === '' || isUrlPath(value)) {
    return null;
  }
  const hint = isUrlPath(`/${value}`) ? `did you mean /${value}?` : 'expected a path as URLs spell it, such as /api/oksoft';
  return { code: 'invalid_url', message: `${JSON.stringify(value)} is not a URL path; ${hint}` };
}

function cookieNameProblem(value) {
  if (typeof value !== 'string') {
    return { code: 'invalid_type', message: `expected a cookie name such as oksoft_session, got ${typeOf(value)}` };
  }
  if (!COOKIE_NAME_PATTERN.test(value)) {
    return { code: 'invalid_option', message: `${JSON.stringify(value)} is not a cookie name; use letters, digits and the characters !#$%&'*+-.^_\`|~` };
  }
  // Browsers accept these prefixes only on a Secure cookie, and __Host- only with Path=/
  // and no Domain. The gateway sets Secure only on https requests, so over http such a
  // cookie would be dropped and no visitor could stay logged in.
  const prefix = ['__Host-', '__Secure-'].find((name) => value.toLowerCase().startsWith(name.toLowerCase()));
  if (prefix !== undefined) {
    return { code: 'invalid_option', message: `${JSON.stringify(value)} starts with ${prefix}, which browsers refuse on a cookie set over http; use a name without it, such as oksoft_session` };
  }
  return null;
}

/** Check of each option but `client`: returns `{ code, message }` for an invalid value, or null. */
const OPTION_CHECKS = {
  allowedOrigins: allowedOriginsProblem,
  basePath: basePathProblem,
  // Max-Age is in whole seconds, so a shorter lifetime would give Max-Age=0.
  sessionTtlMs: (value) => wholeNumberProblem(value, 'milliseconds', 1000),
  maxBodyBytes: (value) => wholeNumberProblem(value, 'bytes', 1),
  maxAttempts: (value) => wholeNumberProblem(value, 'attempts', 1, MAX_ATTEMPTS_LIMIT),
  attemptWindowMs: (value) => wholeNumberProblem(value, 'milliseconds', 1),
  cookieName: cookieNameProblem,
  maxSessions: (value) => wholeNumberProblem(value, 'sessions', 1),
};

function optionsError(problems) {
  const messages = problems.map((problem) => problem.message).join('; ');
  return new OksoftError(`createPartnerGateway: invalid options, no gateway was created. ${messages}`, {
    kind: 'validation',
    code: problems[0].code,
    method: null,
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
 * Checks the options of createPartnerGateway and returns them with the defaults filled in.
 * An option that is undefined or null takes its default. Throws an OksoftError of kind
 * `validation` that lists every unknown or invalid option.
 */
function readOptions(options = {}) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const message = `options: expected an object such as { client, allowedOrigins }, got ${typeOf(options)}`;
    throw optionsError([{ field: 'options', code: 'invalid_type', message }]);
  }
  const problems = [];
  const report = (field, { code, message }) => problems.push({ field, code, message: `${field}: ${message}` });
  const unreadable = { code: 'invalid_type', message: 'reading the value threw (a getter or Proxy trap); pass a plain value' };

  let names;
  try {
    names = Object.keys(options);
  } catch {
    throw optionsError([{ field: 'options', ...unreadable, message: `options: ${unreadable.message}` }]);
  }
  // Only own properties count, so that a value added to Object.prototype elsewhere, such
  // as a polluted allowedOrigins, cannot change the gateway.
  const read = (name) => {
    try {
      return { value: Object.hasOwn(options, name) ? options[name] : undefined };
    } catch {
      report(name, unreadable);
      return null;
    }
  };

  for (const name of names.filter((key) => !OPTION_NAMES.includes(key))) {
    const suggestion = closestKnownName(name, OPTION_NAMES);
    const hint = suggestion === null ? `remove it or check the spelling (the options are ${OPTION_NAMES.join(', ')})` : `did you mean ${suggestion}?`;
    report(name, { code: 'unknown_field', message: `unknown option; ${hint}` });
  }

  const clientRead = read('client');
  const client = clientRead?.value;
  if (clientRead === null) {
    // read() has reported the value as unreadable.
  } else if (client === undefined || client === null) {
    report('client', { code: 'missing_field', message: 'missing; pass an OksoftClient with the integration account' });
  } else if (typeof client.partnersLogin !== 'function') {
    report('client', { code: 'invalid_type', message: `expected an OksoftClient with the integration account, got ${typeOf(client)}` });
  }

  const settings = { ...DEFAULT_OPTIONS, client };
  for (const [name, check] of Object.entries(OPTION_CHECKS)) {
    const value = read(name)?.value;
    if (value === undefined || value === null) {
      continue;
    }
    let problem;
    try {
      problem = check(value);
    } catch {
      // An item of an array option, such as an origin, can be a getter that throws.
      problem = unreadable;
    }
    if (problem === null) {
      settings[name] = value;
    } else {
      report(name, problem);
    }
  }

  if (problems.length > 0) {
    throw optionsError(problems);
  }
  return settings;
}

/**
 * Creates a partner gateway.
 *
 * `wasm` is the wasm module's exports (`__gatewayAuthorize`, `__gatewayLimitKey`),
 * already instantiated. `options.client` is a direct
 * OksoftClient with the integration account. `allowedOrigins` lists the storefront's
 * origins (default: the origin of each request's own URL); DEFAULT_OPTIONS has the other
 * options. `webCrypto` is a Web Crypto object; Node 18 has none on `globalThis`, so the
 * Node entry passes `node:crypto`'s.
 * Returns `{ handle(request, { clientAddress }) }`, which resolves to a Response.
 */
export function createPartnerGateway(wasm, options, webCrypto = globalThis.crypto) {
  const { client, allowedOrigins, basePath, sessionTtlMs, maxBodyBytes, maxAttempts, attemptWindowMs, cookieName, maxSessions } = readOptions(options);
  if (typeof webCrypto?.getRandomValues !== 'function') {
    throw new TypeError('createPartnerGateway: globalThis.crypto.getRandomValues is missing, and session ids need it; on Node 18 use the package\'s Node entry, elsewhere a runtime with the Web Crypto API');
  }

  // NOTE: sessions and attempt counts live in the memory of this process or isolate. A
  // deployment that spreads a visitor's requests over several (a Node cluster, Workers,
  // serverless functions) loses the session between them and counts attempts per copy.
  const sessions = new Map();
  const limiterByAddress = new RateLimiter(maxAttempts, attemptWindowMs);
  const limiterByName = new RateLimiter(maxAttempts, attemptWindowMs);
  const maxSuccessfulLogins = Math.min(maxAttempts * SUCCESSFUL_LOGINS_PER_ATTEMPT, MAX_ATTEMPTS_LIMIT);
  const limiterOfSuccessfulLogins = new RateLimiter(maxSuccessfulLogins, attemptWindowMs);
  const prefix = `${basePath.replace(/\/+$/, '')}/`;

  function sessionOf(request) {
    const id = readCookie(request, cookieName);
    const session = id === null ? undefined : sessions.get(id);
    if (session === undefined) {
      return null;
    }
    if (session.expiresAt <= Date.now()) {
      sessions.delete(id);
      return null;
    }
    return { id, ...session };
  }

  /**
   * Stores a new session. Every session lives `sessionTtlMs`, so the Map's insertion order
   * is the order of expiry: the expired ones are at its start, and each call removes them
   * there, at amortised constant cost. A full table loses its oldest session.
   */
  function addSession(id, session) {
    const now = Date.now();
    for (const [oldId, oldSession] of sessions) {
      if (oldSession.expiresAt > now && sessions.size < maxSessions) {
        break;
      }
      sessions.delete(oldId);
    }
    sessions.set(id, session);
  }

  function cookie(id, maxAgeSeconds, secure) {
    const flags = [`${cookieName}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
    if (secure) {
      flags.push('Secure');
    }
    return flags.join('; ');
  }

  /**
   * Records a call of a rate-limited method: by client address, by login or e-mail, and
   * for a login also among the address's successful logins. Returns `{ wait, settle }`:
   * the seconds until a call is allowed again (0 when this one is), and a function that
   * takes back the counts that the call's outcome does not keep (see LIMITED_METHODS).
   */
  // Trimmed and cut in wasm as the client trims what it sends, and lower-cased here, so
  // case variants of a login or e-mail share a count.
  function limitKey(value) {
    return wasm.__gatewayLimitKey(String(value)).toLowerCase();
  }

  function recordAttempt(route, options, clientAddress) {
    const limit = LIMITED_METHODS[route];
    if (limit === undefined) {
      return { wait: 0, settle() {} };
    }
    const now = Date.now();
    const addressKey = `${route}:${limitKey(clientAddress ?? 'unknown')}`;
    const counts = [{ limiter: limiterByAddress, key: addressKey, keptOn: limit.keptOn }];
    if (limit.nameField !== null) {
      const nameKey = `${route}:${limitKey(options?.[limit.nameField] ?? '')}`;
      counts.push({ limiter: limiterByName, key: nameKey, keptOn: limit.keptOn });
    }
    if (route === 'partnersLogin') {
      counts.push({ limiter: limiterOfSuccessfulLogins, key: addressKey, keptOn: ['succeeded'] });
    }

    const recorded = [];
    for (const count of counts) {
      const wait = count.limiter.attempt(count.key, now);
      if (wait > 0) {
        // A call refused here never reaches OKsoft, so it does not count anywhere.
        for (const done of recorded) {
          done.limiter.refund(done.key, now);
        }
        return { wait, settle() {} };
      }
      recorded.push(count);
    }
    return {
      wait: 0,
      settle(outcome) {
        for (const count of recorded) {
          if (!count.keptOn.includes(outcome)) {
            count.limiter.refund(count.key, now);
          }
        }
      },
    };
  }

  async function readBody(request) {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) {
      return { tooLarge: true };
    }
    const text = await readLimitedText(request, maxBodyBytes);
    if (text === null) {
      return { tooLarge: true };
    }
    if (text.trim() === '') {
      return { options: undefined };
    }
    try {
      const parsed = JSON.parse(text);
      return { options: parsed?.options };
    } catch {
      return { invalid: true };
    }
  }

  async function handle(request, context = {}) {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(prefix)) {
      return refusal(404, 'operation_not_allowed', 'not a gateway path');
    }
    const route = url.pathname.slice(prefix.length);
    const secure = url.protocol === 'https:';

    // Every call carries the visitor's cookie, so every call must come from our pages.
    // Browsers send no Origin on a same-origin GET; the session read changes nothing and
    // its answer is unreadable to other sites without CORS headers, so it may lack one.
    const origins = allowedOrigins ?? [url.origin];
    const origin = request.headers.get('origin') ?? undefined;
    const isSessionRead = route === 'session' && request.method === 'GET';
    if (!(isSessionRead && origin === undefined) && !isAllowedOrigin(origin, origins)) {
      return refusal(403, 'origin_rejected', 'the request does not come from an allowed origin');
    }

    const session = sessionOf(request);
    if (route === 'session' && request.method === 'GET') {
      return jsonResponse(200, { result: session === null ? null : { partnersCode: session.partnersCode, fio: session.fio } });
    }
    if (request.method !== 'POST') {
      return refusal(405, 'method_not_allowed', 'use POST', { headers: { Allow: 'POST' } });
    }
    if (route === 'logout') {
      if (session !== null) {
        sessions.delete(session.id);
      }
      return jsonResponse(200, { result: { loggedOut: true } }, { 'Set-Cookie': cookie('', 0, secure) });
    }

    const body = await readBody(request);
    if (body.tooLarge) {
      return refusal(413, 'body_too_large', `the request body is larger than ${maxBodyBytes} bytes`);
    }
    if (body.invalid) {
      return refusal(400, 'invalid_body', 'the request body is not JSON of the form {"options": {...}}');
    }

    const decision = wasm.__gatewayAuthorize(route, body.options, session?.partnersCode);
    if (!decision.allowed) {
      return refusal(decision.status, decision.code, `${route}: refused (${decision.code})`, { error: { field: decision.field } });
    }
    const callOptions = decision.partnersCode === null ? body.options : { ...(body.options ?? {}), partnersCode: decision.partnersCode };

    const attempt = recordAttempt(route, body.options, context.clientAddress);
    if (attempt.wait > 0) {
      return refusal(429, 'rate_limited', `too many attempts; retry in ${attempt.wait} s`, { headers: { 'Retry-After': String(attempt.wait) } });
    }

    try {
      const result = await client[route](callOptions);
      if (route === 'partnersLogin') {
        // Only failed logins count, so that a proxy's one address is not locked by its
        // visitors' correct logins. A login counts while it runs, so a burst of guesses
        // sent at once cannot pass the limit before the first of them fails.
        attempt.settle('succeeded');
        const id = newSessionId(webCrypto);
        addSession(id, {
          partnersCode: result.partnersCode,
          partnersTicket: result.partnersTicket,
          fio: result.fio,
          expiresAt: Date.now() + sessionTtlMs,
        });
        const visible = { partnersCode: result.partnersCode, fio: result.fio, resultText: result.resultText };
        return jsonResponse(200, { result: visible }, { 'Set-Cookie': cookie(id, Math.floor(sessionTtlMs / 1000), secure) });
      }
      attempt.settle('succeeded');
      if (route === 'partnersPasswordResetCreate') {
        return jsonResponse(200, { result: PASSWORD_RESET_RESULT });
      }
      return jsonResponse(200, { result });
    } catch (error) {
      if (error === null || typeof error !== 'object' || typeof error.kind !== 'string') {
        attempt.settle('failed');
        return refusal(500, 'gateway_failed', 'the gateway failed');
      }
      // A call that never reached OKsoft, such as one with invalid input, tested nothing.
      attempt.settle(error.notSent === true ? 'notSent' : 'failed');
      // This hides every refusal by OKsoft, not only `email_not_registered`, because that
      // code is inferred from OKsoft's wording and a reworded refusal would pass through.
      // Invalid input, network failures and the rate limit still reach the visitor.
      // NOTE: response times can still differ if OKsoft takes longer to send the e-mail.
      if (route === 'partnersPasswordResetCreate' && error.kind === 'api') {
        return jsonResponse(200, { result: PASSWORD_RESET_RESULT });
      }
      return jsonResponse(STATUS_BY_KIND[error.kind] ?? 502, { error: errorBody(error) });
    }
  }

  return { handle };
}
