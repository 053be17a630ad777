'use strict';
// The node:http adapter of the partner gateway, for the package's Node entry only: the
// gateway itself (gateway.js) uses Web APIs alone and runs in Deno and workers too.

const { Readable } = require('node:stream');

/** Adapts a gateway to `node:http`: `http.createServer(toNodeHandler(gateway))`. */
function toNodeHandler(gateway) {
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
      const response = await gateway.handle(request, { clientAddress: req.socket.remoteAddress });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { kind: 'network', code: 'gateway_failed', message: 'the gateway failed', status: 500 } }));
    }
  };
}

module.exports = { toNodeHandler };
