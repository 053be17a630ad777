// The partner gateway's origin check (origin.js), in the packed package's ES module and
// CommonJS copies.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import { loadPackage } from './support/package.mjs';

const { projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');

const copies = {
  ESM: (await import(pathToFileURL(path.join(installedDir, 'origin.js')).href)).isAllowedOrigin,
  CJS: createRequire(import.meta.url)(path.join(installedDir, 'origin.cjs')).isAllowedOrigin,
};

const ALLOWED = ['https://shop.example.ru', 'http://127.0.0.1:8080/'];

for (const [copy, isAllowedOrigin] of Object.entries(copies)) {
  describe(`origin check (${copy})`, () => {
    test('origins compared exactly', () => {
      assert.equal(isAllowedOrigin('https://shop.example.ru', ALLOWED), true);
      assert.equal(isAllowedOrigin('HTTPS://SHOP.EXAMPLE.RU/', ALLOWED), true);
      assert.equal(isAllowedOrigin('http://127.0.0.1:8080', ALLOWED), true);
      const refused = [undefined, null, '', 'null', 'https://evil.example', 'https://shop.example.ru.evil.example', 'http://shop.example.ru'];
      for (const origin of refused) {
        assert.equal(isAllowedOrigin(origin, ALLOWED), false, JSON.stringify(origin));
      }
    });

    test('null and blank origins refused in any spelling', () => {
      for (const origin of ['NULL', 'null/', ' ', '/', ' // ']) {
        assert.equal(isAllowedOrigin(origin, [...ALLOWED, 'null', '']), false, JSON.stringify(origin));
      }
    });

    test('trailing slashes and Unicode white space trimmed', () => {
      assert.equal(isAllowedOrigin(' https://shop.example.ru//\t', ALLOWED), true);
      assert.equal(isAllowedOrigin('\u0085https://shop.example.ru\u3000', ALLOWED), true);
      assert.equal(isAllowedOrigin('https://shop.example.ru', ['\u00a0https://shop.example.ru/\u2028']), true);
      // U+FEFF is no White_Space, although String.prototype.trim removes it.
      assert.equal(isAllowedOrigin('\ufeffhttps://shop.example.ru', ALLOWED), false);
      // Slashes are trimmed after white space, once.
      assert.equal(isAllowedOrigin('https://shop.example.ru/ /', ALLOWED), false);
    });

    test('only ASCII letters compared without case', () => {
      // U+212A KELVIN SIGN is "k" in String.prototype.toLowerCase, not in an ASCII comparison.
      assert.equal(isAllowedOrigin('https://\u212Aassa.example', ['https://kassa.example']), false);
      assert.equal(isAllowedOrigin('https://KASSA.example', ['https://kassa.EXAMPLE']), true);
    });
  });
}
