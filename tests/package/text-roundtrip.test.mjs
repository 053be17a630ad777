// Text with quotes, backslashes, control characters and non-ASCII letters survives the
// trip to the emulator and back into result objects unchanged.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, uniqueSuffix } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm } = await loadPackage();
const emulator = await startEmulator();
const client = new esm.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD });

// The emulator trims leading and trailing white space, so the text has none there.
test('awkward text round-trips', async () => {
  const info = 'кавычки " и \\ обратная черта\tтаб\nстрока\u0001\u001f \u2028 конец 😀';
  const created = await client.partnersCreate({
    name: 'Проверка',
    firstName: 'Текста',
    email: `text.${uniqueSuffix()}@example.ru`,
    birthday: '1990-01-01',
    info,
  });
  const partner = await client.partnersGet({ partnersCode: created.partnersCode });
  assert.equal(partner.info, info);
});
