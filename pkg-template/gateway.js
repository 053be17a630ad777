// The partner gateway: a handler over the Fetch API's Request and Response for a
// storefront's own server. It keeps the integration account's client and lets a
// visitor do only what a logged-in partner may do. The decisions (allowed operations,
// binding to the session's partner, rate limits, origins) come from the wasm module.
//
// This file uses only Web APIs (Request, Response, Web Crypto, TextDecoder, btoa) and
// imports nothing, so the same source serves Node, Deno and workers. The build derives
// the CommonJS copy for the Node entry from it, which is why it has one export.

/** Methods whose attempts are rate-limited per client address and per login or e-mail. */
const LIMITED_METHODS = { partnersLogin: 'login', partnersPasswordResetCreate: 'email' };

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

/**
 * Creates a partner gateway.
 *
 * `wasm` is the wasm module's exports (`__gatewayAuthorize`, `__gatewayOriginAllowed`,
 * `__GatewayRateLimiter`), already instantiated. `options.client` is a direct
 * OksoftClient with the integration account. `allowedOrigins` lists the storefront's
 * origins (default: the origin of each request's own URL). `webCrypto` is a Web Crypto
 * object; Node 18 has none on `globalThis`, so the Node entry passes `node:crypto`'s.
 * Returns `{ handle(request, { clientAddress }) }`, which resolves to a Response.
 */
export function createPartnerGateway(wasm, options, webCrypto = globalThis.crypto) {
  const {
    client,
    allowedOrigins = null,
    basePath = '',
    sessionTtlMs = 30 * 60 * 1000,
    maxBodyBytes = 16 * 1024,
    maxAttempts = 10,
    attemptWindowMs = 15 * 60 * 1000,
    cookieName = 'oksoft_session',
  } = options ?? {};
  if (client === undefined || client === null || typeof client.partnersLogin !== 'function') {
    throw new TypeError('createPartnerGateway: pass { client }, an OksoftClient with the integration account');
  }
  if (typeof webCrypto?.getRandomValues !== 'function') {
    throw new TypeError('createPartnerGateway: globalThis.crypto.getRandomValues is missing, and session ids need it; on Node 18 use the package\'s Node entry, elsewhere a runtime with the Web Crypto API');
  }

  // NOTE: sessions and attempt counts live in the memory of this process or isolate. A
  // deployment that spreads a visitor's requests over several (a Node cluster, Workers,
  // serverless functions) loses the session between them and counts attempts per copy.
  const sessions = new Map();
  const limiterByAddress = new wasm.__GatewayRateLimiter(maxAttempts, attemptWindowMs);
  const limiterByName = new wasm.__GatewayRateLimiter(maxAttempts, attemptWindowMs);
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

  function cookie(id, maxAgeSeconds, secure) {
    const flags = [`${cookieName}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
    if (secure) {
      flags.push('Secure');
    }
    return flags.join('; ');
  }

  /**
   * Records an attempt of a rate-limited call, by client address and by login or e-mail.
   * Returns `{ wait, refund }`: the seconds until an attempt is allowed again (0 when this
   * one is), and a function that takes this attempt back.
   */
  function recordAttempt(route, options, clientAddress) {
    const limitedField = LIMITED_METHODS[route];
    if (limitedField === undefined) {
      return { wait: 0, refund() {} };
    }
    const now = Date.now();
    const addressKey = `${route}:${clientAddress ?? 'unknown'}`;
    const nameKey = `${route}:${String(options?.[limitedField] ?? '').trim().toLowerCase()}`;

    const waitByAddress = limiterByAddress.attempt(addressKey, now);
    if (waitByAddress > 0) {
      return { wait: waitByAddress, refund() {} };
    }
    const waitByName = limiterByName.attempt(nameKey, now);
    if (waitByName > 0) {
      // A request refused here never reaches OKsoft, so it does not count against its address.
      limiterByAddress.refund(addressKey, now);
      return { wait: waitByName, refund() {} };
    }
    return {
      wait: 0,
      refund() {
        limiterByAddress.refund(addressKey, now);
        limiterByName.refund(nameKey, now);
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
    if (!(isSessionRead && origin === undefined) && !wasm.__gatewayOriginAllowed(origin, origins)) {
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
        attempt.refund();
        const id = newSessionId(webCrypto);
        sessions.set(id, {
          partnersCode: result.partnersCode,
          partnersTicket: result.partnersTicket,
          fio: result.fio,
          expiresAt: Date.now() + sessionTtlMs,
        });
        const visible = { partnersCode: result.partnersCode, fio: result.fio, resultText: result.resultText };
        return jsonResponse(200, { result: visible }, { 'Set-Cookie': cookie(id, Math.floor(sessionTtlMs / 1000), secure) });
      }
      if (route === 'partnersPasswordResetCreate') {
        return jsonResponse(200, { result: PASSWORD_RESET_RESULT });
      }
      return jsonResponse(200, { result });
    } catch (error) {
      if (error === null || typeof error !== 'object' || typeof error.kind !== 'string') {
        return refusal(500, 'gateway_failed', 'the gateway failed');
      }
      // A call that never reached OKsoft, such as one with invalid input, tested nothing.
      if (error.notSent === true) {
        attempt.refund();
      }
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
