'use strict';
// The node:http adapter of the partner gateway, for the package's Node entry only: the
// gateway itself (gateway.js) uses Web APIs alone and runs in Deno and workers too.

const { Readable } = require('node:stream');
const { OksoftError } = require('./oksoft-error.cjs');

const HANDLER_OPTION_NAMES = ['trustProxy', 'clientAddress'];

function optionError(field, message) {
  const fullMessage = `toNodeHandler: ${field}: ${message}`;
  return new OksoftError(fullMessage, {
    kind: 'validation',
    code: 'invalid_option',
    method: null,
    resultNumber: null,
    resultText: null,
    status: null,
    field,
    problems: [{ field, code: 'invalid_option', message: `${field}: ${message}` }],
    notSent: true,
    requestParams: null,
  });
}

function socketAddress(req) {
  return req.socket.remoteAddress;
}

/**
 * Returns the last address of `X-Forwarded-For`: the one the nearest proxy added. The
 * addresses before it come from the client or from proxies further out, and anyone can
 * send them.
 */
function lastForwardedAddress(req) {
  const header = req.headers['x-forwarded-for'];
  const values = Array.isArray(header) ? header : [header ?? ''];
  const addresses = values.flatMap((value) => value.split(',')).map((address) => address.trim()).filter((address) => address !== '');
  return addresses.at(-1);
}

/** Checks the options of toNodeHandler and returns the function that reads a request's client address. */
function clientAddressReader(options) {
  if (options === undefined || options === null) {
    return socketAddress;
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw optionError('options', `expected an object such as { trustProxy: true }, got ${Array.isArray(options) ? 'an array' : `a value of type ${typeof options}`}`);
  }
  const unknown = Object.keys(options).find((name) => !HANDLER_OPTION_NAMES.includes(name));
  if (unknown !== undefined) {
    throw optionError(unknown, 'unknown option; toNodeHandler takes trustProxy and clientAddress');
  }
  const { trustProxy = false, clientAddress } = options;
  if (typeof trustProxy !== 'boolean') {
    throw optionError('trustProxy', `expected true or false, got a value of type ${typeof trustProxy}`);
  }
  if (clientAddress !== undefined && typeof clientAddress !== 'function') {
    throw optionError('clientAddress', `expected a function (req) => address, got a value of type ${typeof clientAddress}`);
  }
  if (trustProxy && clientAddress !== undefined) {
    throw optionError('clientAddress', 'set either clientAddress or trustProxy, not both');
  }

  const readAddress = clientAddress ?? (trustProxy ? lastForwardedAddress : socketAddress);
  // A request without the proxy's header, such as one sent to the server directly, is
  // counted by the address it came from.
  return (req) => {
    const address = readAddress(req);
    return typeof address === 'string' && address.trim() !== '' ? address.trim() : socketAddress(req);
  };
}

/**
 * Adapts a gateway to `node:http`: `http.createServer(toNodeHandler(gateway, options))`.
 * The rate limit counts by the socket's address unless `options.trustProxy` takes the
 * last `X-Forwarded-For` address, or `options.clientAddress(req)` returns the address.
 */
function toNodeHandler(gateway, options) {
  const addressOf = clientAddressReader(options);
  return async (req, res) => {
    try {
      const host = req.headers.host ?? '127.0.0.1';
      const protocol = req.socket.encrypted ? 'https' : 'http';
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`${protocol}://${host}${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([name, value]) =>
          Array.isArray(value) ? value.map((item) => [name, item]) : [[name, value]],
        ),
        // The body stays a stream, so the gateway refuses an oversized or cross-site
        // request before reading it, and stops reading at its size limit.
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: 'half',
      });
      const response = await gateway.handle(request, { clientAddress: addressOf(req) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { kind: 'network', code: 'gateway_failed', message: 'the gateway failed', status: 500 } }));
    }
  };
}

module.exports = { toNodeHandler };
