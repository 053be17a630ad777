// The calls every runtime case of the packaging tests makes through the installed
// package: Node with require() and import, and the browser pages. It runs in browsers
// too, so it uses no Node API.
//
// NOTE: a real browser page must never contain the integration credentials, because
// anyone who opens the page can read them. These tests only prove that the package
// loads and works in each environment, against a local emulator seeded with demo/demo.

export const INTEGRATION_LOGIN = 'demo';
export const INTEGRATION_PASSWORD = 'demo';
export const PARTNER_LOGIN = '5518';
export const PARTNER_PASSWORD = 'demo';

/** Resolves to the error that `promise` rejects with, or null if it resolves. */
async function rejectionOf(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return null;
}

/** Copies the fields of a rejection into plain data that survives JSON and the DOM. */
function describeError(error, OksoftError) {
  if (error === null) {
    return null;
  }
  return {
    isOksoftError: error instanceof OksoftError,
    isError: error instanceof Error,
    name: error.name,
    kind: error.kind,
    code: error.code,
    method: error.method,
    field: error.field,
    message: error.message,
  };
}

/**
 * Logs partner 24 in, reads the partner and provokes two rejections: a wrong partner
 * password, which the server rejects, and a partner code that is not a number, which
 * the client rejects before sending anything. `api` is the package's module namespace.
 */
export async function runScenario(api, baseUrl) {
  const { OksoftClient, OksoftError, md5Hex } = api;
  const client = new OksoftClient({ baseUrl, login: INTEGRATION_LOGIN, password: INTEGRATION_PASSWORD });
  try {
    const session = await client.partnersLogin({ login: PARTNER_LOGIN, password: PARTNER_PASSWORD });
    const partner = await client.partnersGet({ partnersCode: session.partnersCode });
    const wrongPassword = await rejectionOf(client.partnersLogin({ login: PARTNER_LOGIN, password: 'wrong' }));
    const invalidCode = await rejectionOf(client.partnersGet({ partnersCode: 'not-a-number' }));
    return {
      partnersCode: session.partnersCode,
      fio: partner.fio,
      md5OfDemo: md5Hex('demo'),
      wrongPassword: describeError(wrongPassword, OksoftError),
      invalidCode: describeError(invalidCode, OksoftError),
    };
  } finally {
    client.free();
  }
}
