// Demo server of the partner cabinet: the page in www/, the built package in pkg/ and
// the package's partner gateway, all on one port of 127.0.0.1. A browser may open it as
// http://127.0.0.1:PORT or as http://localhost:PORT, and the gateway accepts both origins.
//
//   node www/server.mjs --emulator http://127.0.0.1:8090 [--port 0] [--quiet]
//
// The gateway signs in to OKsoft (here the emulator) with the integration account
// demo/demo, which stays on this server: the browser gets only the gateway's JSON and
// its HttpOnly session cookie. The first line on standard output is always
// "Partner cabinet on http://127.0.0.1:PORT", so a parent process can read the port.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const WWW_DIR = path.dirname(fileURLToPath(import.meta.url));
const PKG_DIR = path.resolve(WWW_DIR, '..', 'pkg');
const GATEWAY_PATH = '/api/oksoft';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// Server-side sources that the static route must not hand out.
const HIDDEN_FILES = new Set([path.join(WWW_DIR, 'server.mjs')]);

const USAGE = 'usage: node www/server.mjs --emulator URL [--port N] [--quiet]';

function parseOptions() {
  const { values } = parseArgs({
    options: {
      emulator: { type: 'string' },
      port: { type: 'string', default: '0' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (!values.emulator) {
    throw new Error(`missing option --emulator (the OKsoft or emulator base URL)\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid --port ${JSON.stringify(values.port)}: expected an integer from 0 to 65535\n${USAGE}`);
  }
  return { emulator: values.emulator, port, quiet: values.quiet };
}

/** Loads the package's Node entry and checks that it has the partner gateway. */
async function loadPackage() {
  const oksoft = await import(path.join(PKG_DIR, 'index.mjs'));
  for (const name of ['OksoftClient', 'createPartnerGateway', 'toNodeHandler']) {
    if (typeof oksoft[name] !== 'function') {
      throw new Error(`pkg/index.mjs does not export ${name}; rebuild the package with scripts/build-package.sh`);
    }
  }
  return oksoft;
}

/**
 * Returns the CSP source of the page's inline import map. CSP treats an inline
 * import map as an inline script, so the policy allows exactly this one by its hash.
 */
async function importMapHashSource() {
  const html = await readFile(path.join(WWW_DIR, 'index.html'), 'utf8');
  const match = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html);
  if (match === null) {
    throw new Error('www/index.html has no <script type="importmap"> element');
  }
  const digest = createHash('sha256').update(match[1], 'utf8').digest('base64');
  return `'sha256-${digest}'`;
}

/** Returns the file under `root` that `relativePath` names, or null when it leaves `root`. */
function resolveInside(root, relativePath) {
  let decoded;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return null;
  }
  if (decoded === '' || decoded.endsWith('/')) {
    decoded += 'index.html';
  }
  const file = path.resolve(root, `.${path.posix.sep}${decoded}`);
  if (!file.startsWith(root + path.sep) || HIDDEN_FILES.has(file)) {
    return null;
  }
  return file;
}

/** Sends one static file, or 404/405. `headers` are added to a 200 response. */
async function serveStatic(request, response, root, relativePath, headers) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    response.end('method not allowed: static files accept GET and HEAD\n');
    return;
  }
  const file = resolveInside(root, relativePath);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found\n');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-store',
    ...headers,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

async function main() {
  const options = parseOptions();
  const oksoft = await loadPackage();
  const scriptHash = await importMapHashSource();

  // 'wasm-unsafe-eval' lets the page compile the client's WebAssembly module.
  const pageHeaders = {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' 'wasm-unsafe-eval' ${scriptHash}`,
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };

  // The gateway needs the server's own origin, which is known only after listen().
  let gatewayHandler = null;

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://127.0.0.1');
    response.on('finish', () => {
      if (!options.quiet) {
        console.error(`${request.method} ${pathname} ${response.statusCode}`);
      }
    });

    let work;
    if (pathname === GATEWAY_PATH || pathname.startsWith(`${GATEWAY_PATH}/`)) {
      work = Promise.resolve(gatewayHandler(request, response));
    } else if (pathname.startsWith('/pkg/')) {
      work = serveStatic(request, response, PKG_DIR, pathname.slice('/pkg'.length), pageHeaders);
    } else {
      work = serveStatic(request, response, WWW_DIR, pathname, pageHeaders);
    }
    work.catch((error) => {
      console.error(`${request.method} ${pathname} failed: ${error.stack ?? error}`);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      response.end();
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  // The origins are listed rather than taken from each request's Host header, because a
  // page of another site whose name resolves to 127.0.0.1 would pass a Host-based check.
  const allowedOrigins = [origin, `http://localhost:${port}`];

  const client = new oksoft.OksoftClient({ baseUrl: options.emulator, login: 'demo', password: 'demo' });
  const gateway = oksoft.createPartnerGateway({ client, allowedOrigins, basePath: GATEWAY_PATH });
  gatewayHandler = oksoft.toNodeHandler(gateway);

  console.log(`Partner cabinet on ${origin}`);
  console.log(`OKsoft API: ${options.emulator}`);

  const stop = (signal) => {
    console.error(`received ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(`partner cabinet server failed to start: ${error.message}`);
  process.exit(1);
});
