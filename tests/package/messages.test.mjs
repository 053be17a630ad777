// The message texts live once, in src/protocol/messages.json: the wasm describes each
// message by template number and args, and the package's JS puts it into words. These
// tests compare the JS renderer, in its ES module and CommonJS copies, with the native
// Rust renderer on every template and on a corpus of errors. They also check that
// neither the shipped wasm nor the gateway-mode client carries message texts of its own.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { loadPackage } from './support/package.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');

const esmRenderer = await import(pathToFileURL(path.join(installedDir, 'messages.js')).href);
const cjsRenderer = createRequire(import.meta.url)(path.join(installedDir, 'messages.cjs'));
const { messageTemplates } = await import(pathToFileURL(path.join(installedDir, 'message-templates.js')).href);
const table = JSON.parse(readFileSync(path.join(repoRoot, 'src/protocol/messages.json'), 'utf8'));

/** The native renderings of examples/message_renderings.rs: `{ templates, errors }`. */
const native = JSON.parse(
  execFileSync('cargo', ['run', '--quiet', '--example', 'message_renderings'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }),
);

/** Asserts that both JS copies render `rendering.description` as Rust did, in both locales. */
function assertSameRendering(rendering, label) {
  for (const locale of ['ru', 'en']) {
    for (const [copy, renderer] of [['ESM', esmRenderer], ['CJS', cjsRenderer]]) {
      assert.equal(renderer.renderMessage(locale, rendering.description), rendering[locale], `${label} ${locale} ${copy}`);
    }
  }
}

test('package templates are messages.json in order', () => {
  assert.deepEqual(
    messageTemplates,
    table.map(({ id, ru, en }) => [id, ru, en]),
  );
});

test('every template renders as in Rust', () => {
  assert.equal(native.templates.length, table.length, 'Rust renders every template of messages.json');
  for (const rendering of native.templates) {
    const [number] = rendering.description;
    assertSameRendering(rendering, `template ${number} (${table[number].id})`);
  }
});

test('every error of the corpus renders as in Rust', () => {
  for (const [index, { error, problems }] of native.errors.entries()) {
    assertSameRendering(error, `error ${index}`);
    for (const [problemIndex, problem] of problems.entries()) {
      assertSameRendering(problem, `error ${index}, problem ${problemIndex}`);
    }
  }
});

test('ids by name and unknown ids', () => {
  assert.equal(esmRenderer.renderMessage('en', ['problem.missing', 'login']), 'login: required field is missing');
  assert.equal(esmRenderer.renderMessage('ru', ['range', '1', ['expected.integer']]), '1 до целое число');
  assert.equal(esmRenderer.renderMessage('en', ['gateway.refusal.no_such_code', 'x']), null);
  assert.equal(esmRenderer.renderMessage('en', [table.length]), null);
});

/** Returns whether `bytes[index]` starts a Russian letter in UTF-8: А to я, Ё or ё. */
function isRussianLetterAt(bytes, index) {
  const [lead, next] = [bytes[index], bytes[index + 1]];
  const isLetterOfD0 = lead === 0xd0 && ((next >= 0x90 && next <= 0xbf) || next === 0x81);
  const isLetterOfD1 = lead === 0xd1 && ((next >= 0x80 && next <= 0x8f) || next === 0x91);
  return isLetterOfD0 || isLetterOfD1;
}

/**
 * Returns the Russian words in `bytes`: runs of three or more Russian letters in UTF-8,
 * which binary code is most unlikely to contain by chance.
 */
function russianWordsIn(bytes) {
  const words = [];
  let index = 0;
  while (index + 1 < bytes.length) {
    let end = index;
    while (end + 1 < bytes.length && isRussianLetterAt(bytes, end)) {
      end += 2;
    }
    if (end - index >= 6) {
      words.push(bytes.subarray(index, end).toString('utf8'));
    }
    index = end > index ? end : index + 1;
  }
  return words;
}

test('the wasm carries no Russian message text', () => {
  // The only Russian the wasm needs: the phrases decode.rs looks for in OKsoft's own
  // ResultText to tell its refusals apart.
  const decodeSource = readFileSync(path.join(repoRoot, 'src/protocol/decode.rs'), 'utf8');
  const serverPhrases = [...decodeSource.matchAll(/contains\(&text, "([^"]+)"\)/g)]
    .map((match) => match[1])
    .filter((phrase) => russianWordsIn(Buffer.from(phrase)).length > 0);
  assert.ok(serverPhrases.length > 0, 'decode.rs phrases found');

  for (const build of ['node', 'web']) {
    let text = readFileSync(path.join(installedDir, build, 'oksoft_client_bg.wasm')).toString('latin1');
    for (const phrase of serverPhrases) {
      text = text.replaceAll(Buffer.from(phrase).toString('latin1'), '');
    }
    assert.deepEqual(russianWordsIn(Buffer.from(text, 'latin1')), [], `${build}: Russian in the wasm besides OKsoft's phrases`);
  }
});

test('gateway client words messages from the same table', () => {
  const source = readFileSync(path.join(installedDir, 'gateway-client.js'), 'utf8');
  assert.match(source, /^import \{ renderMessage \} from '\.\/messages\.js';$/m);
  assert.deepEqual(russianWordsIn(Buffer.from(source)), [], 'gateway-client.js has no Russian text of its own');

  // Every id it names in full, and every id prefix it completes with a code, is in the table.
  const ids = new Set(table.map(({ id }) => id));
  const named = [...source.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((match) => match[1]);
  assert.ok(named.length > 10, `ids found in gateway-client.js: ${named}`);
  for (const id of named) {
    assert.ok(ids.has(id), `gateway-client.js names ${id}, which messages.json lacks`);
  }
  for (const [, prefix] of source.matchAll(/`([a-z_.]+\.)\$\{/g)) {
    assert.ok([...ids].some((id) => id.startsWith(prefix)), `no template starts with ${prefix}`);
  }
});
