// A static file server on 127.0.0.1 for the browser cases. It serves .wasm as
// application/wasm, which WebAssembly.instantiateStreaming requires.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Returns the file under `root` that the URL path names, or null if it leaves `root`. */
function fileOf(root, urlPath) {
  let relative;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (relative.endsWith('/')) {
    relative += 'index.html';
  }
  const file = path.resolve(root, `.${relative}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/**
 * Serves the files under `root` on a free port of 127.0.0.1. Resolves to
 * `{ url, requests, close }`, where `requests` lists `"STATUS /path"` of every request.
 */
export async function startStaticServer(root) {
  const absoluteRoot = path.resolve(root);
  const requests = [];

  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://127.0.0.1');
    const file = fileOf(absoluteRoot, pathname);
    const info = file === null ? null : await stat(file).catch(() => null);

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      requests.push(`405 ${pathname}`);
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (info === null || !info.isFile()) {
      requests.push(`404 ${pathname}`);
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}\n`);
    } else {
      requests.push(`200 ${pathname}`);
      const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': contentType, 'content-length': info.size, 'cache-control': 'no-store' });
      if (request.method === 'HEAD') {
        response.end();
      } else {
        createReadStream(file).pipe(response);
      }
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
