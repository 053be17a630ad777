'use strict';
// The node:http adapter of the partner gateway, for the package's Node entry only: the
// gateway itself (gateway.js) uses Web APIs alone and runs in Deno and workers too.

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

module.exports = { toNodeHandler };
