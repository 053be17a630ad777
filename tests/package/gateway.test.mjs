// The partner gateway in this process, through the packed package's Node entry: the
// shared security checks (support/gateway-checks.mjs) with requests passed straight to
// `handle`, and the browser entry's gateway mode against such a gateway.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { defineGatewayChecks } from './support/gateway-checks.mjs';
import { GATEWAY_PRESETS, ORIGIN } from './support/gateway-presets.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const { OksoftClient, createPartnerGateway } = esm;
const emulator = await startEmulator();

const serviceTickets = new Set();

/** The global fetch, recording every service Ticket that UsersLogin returns. */
async function recordingFetch(url, init) {
  const response = await fetch(url, init);
  if (String(url).includes('/UsersLogin')) {
    const body = await response.clone().json().catch(() => null);
    if (typeof body?.Ticket === 'string') {
      serviceTickets.add(body.Ticket);
    }
  }
  return response;
}

const serviceClient = new OksoftClient({
  baseUrl: emulator.baseUrl,
  login: DEMO_LOGIN,
  password: DEMO_PASSWORD,
  fetch: recordingFetch,
  locale: 'en',
});

/** Gateways created in this process, requests passed to `handle` as they are. */
const inProcessTarget = {
  https: true,
  setsClientAddress: true,
  serviceTickets: () => serviceTickets,
  open(preset) {
    const gateway = newGateway(GATEWAY_PRESETS[preset]);
    return {
      send: (route, init, clientAddress) => gateway.handle(new Request(`${ORIGIN}/${route}`, init), { clientAddress }),
    };
  },
};

function newGateway(settings = {}) {
  return createPartnerGateway({ client: serviceClient, allowedOrigins: [ORIGIN], ...settings });
}

defineGatewayChecks({ target: inProcessTarget, emulator });

test('browser gateway mode', async () => {
  const installed = path.join(projectDir, 'node_modules', 'oksoft-client');
  const browser = await import(pathToFileURL(path.join(installed, 'browser.js')).href);
  browser.initSync(readFileSync(path.join(installed, 'web', 'oksoft_client_bg.wasm')));
  const gateway = newGateway({ basePath: '/api/oksoft' });
  let cookie = '';
  const gatewayFetch = async (url, init) => {
    const headers = { ...(init.headers ?? {}), Origin: ORIGIN, Cookie: cookie };
    const response = await gateway.handle(new Request(`${ORIGIN}${url}`, { ...init, headers }), { clientAddress: '10.0.2.1' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      cookie = setCookie.split(';')[0];
    }
    return response;
  };
  const visitor = new browser.OksoftClient({ gatewayUrl: '/api/oksoft/', fetch: gatewayFetch, locale: 'en' });

  const session = await visitor.partnersLogin({ login: PARTNER.id, password: PARTNER.password });
  assert.equal(session.partnersCode, PARTNER.code);
  const partner = await visitor.partnersGet({});
  assert.equal(partner.fio, PARTNER.fio);
  const invalid = await visitor.partnersCreate({ name: 'A', firstName: 'B', email: 'nope', birthday: '1990-01-01' }).catch((error) => error);
  assert.ok(invalid instanceof browser.OksoftError);
  assert.equal(invalid.kind, 'validation');
  assert.equal(invalid.field, 'email');
  const refused = await visitor.partnersGet({ partnersCode: 3 }).catch((error) => error);
  assert.ok(refused instanceof browser.OksoftError);
  assert.equal(refused.code, 'foreign_partner');
  await visitor.logout();
  assert.equal(await visitor.session(), null);
});
