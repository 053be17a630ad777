'use strict';
// The partner gateway: a handler over the Fetch API's Request and Response for a
// storefront's own server. It keeps the integration account's client and lets a
// visitor do only what a logged-in partner may do. The decisions (allowed operations,
// binding to the session's partner, rate limits, origins) come from the wasm module.

const { randomBytes } = require('node:crypto');

/** Methods whose attempts are rate-limited per client address and per login or e-mail. */
const LIMITED_METHODS = { partnersLogin: 'login', partnersPasswordResetCreate: 'email' };

/** HTTP status of a client error, by its kind. */
const STATUS_BY_KIND = {
  validation: 400,
  auth: 401,
  api: 422,
  aborted: 499,
};

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

/**
 * Creates a partner gateway.
 *
 * `client` is a direct OksoftClient with the integration account. `allowedOrigins`
 * lists the storefront's origins (default: the origin of each request's own URL).
 * Returns `{ handle(request, { clientAddress }) }`, which resolves to a Response.
 */
function createPartnerGateway(wasm, options) {
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

  async function readBody(request) {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) {
      return { tooLarge: true };
    }
    const text = await request.text();
    if (Buffer.byteLength(text) > maxBodyBytes) {
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

    const limitedField = LIMITED_METHODS[route];
    if (limitedField !== undefined) {
      const now = Date.now();
      const address = context.clientAddress ?? 'unknown';
      const name = String(body.options?.[limitedField] ?? '').trim().toLowerCase();
      const waitByAddress = limiterByAddress.attempt(`${route}:${address}`, now);
      const waitByName = waitByAddress > 0 ? 0 : limiterByName.attempt(`${route}:${name}`, now);
      const wait = Math.max(waitByAddress, waitByName);
      if (wait > 0) {
        return refusal(429, 'rate_limited', `too many attempts; retry in ${wait} s`, { headers: { 'Retry-After': String(wait) } });
      }
    }

    try {
      const result = await client[route](callOptions);
      if (route === 'partnersLogin') {
        const id = randomBytes(32).toString('base64url');
        sessions.set(id, {
          partnersCode: result.partnersCode,
          partnersTicket: result.partnersTicket,
          fio: result.fio,
          expiresAt: Date.now() + sessionTtlMs,
        });
        const visible = { partnersCode: result.partnersCode, fio: result.fio, resultText: result.resultText };
        return jsonResponse(200, { result: visible }, { 'Set-Cookie': cookie(id, Math.floor(sessionTtlMs / 1000), secure) });
      }
      return jsonResponse(200, { result });
    } catch (error) {
      if (error === null || typeof error !== 'object' || typeof error.kind !== 'string') {
        return refusal(500, 'gateway_failed', 'the gateway failed');
      }
      return jsonResponse(STATUS_BY_KIND[error.kind] ?? 502, { error: errorBody(error) });
    }
  }

  return { handle };
}

/** Adapts a gateway to `node:http`: `http.createServer(toNodeHandler(gateway))`. */
function toNodeHandler(gateway) {
  return async (req, res) => {
    try {
      const host = req.headers.host ?? '127.0.0.1';
      const protocol = req.socket.encrypted ? 'https' : 'http';
      const chunks = [];
      for await (const chunk of req) {
        chunks.push(chunk);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`${protocol}://${host}${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([name, value]) =>
          Array.isArray(value) ? value.map((item) => [name, item]) : [[name, value]],
        ),
        body: hasBody ? Buffer.concat(chunks) : undefined,
      });
      const response = await gateway.handle(request, { clientAddress: req.socket.remoteAddress });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { kind: 'network', code: 'gateway_failed', message: 'the gateway failed', status: 500 } }));
    }
  };
}

module.exports = { createPartnerGateway, toNodeHandler };
