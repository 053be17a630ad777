// Load test: many calls from one Node process at a fixed concurrency against a fresh
// emulator, with faults armed for a share of them, then a ledger check.
//
//   node scripts/load-test.mjs [--calls N] [--concurrency C] [--fault-share F]
//
// The mix is half reads (PartnersGet, CountriesListGet, AccountsListGet), a tenth
// registrations (PartnersCreate) and the rest FinInCome/FinOutCome transactions, each
// with a unique comment. At the end every transaction the client reported done must be
// in the emulator's ledger exactly once, every one it reported failed must be absent,
// none may appear twice, and the partner account's balance must equal the seed plus the
// ledger's movements. The wasm memory must not grow after the first tenth of the calls.
// Prints calls per second, outcome counts and memory figures; exits 1 when a check fails.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { OksoftClient, OksoftError, wasmMemorySize } = await import(path.join(repoRoot, 'pkg', 'index.mjs'));

const settings = { calls: 10_000, concurrency: 200, faultShare: 0.1 };
const argv = process.argv.slice(2);
for (let index = 0; index < argv.length; index += 2) {
  const [flag, value] = [argv[index], Number(argv[index + 1])];
  const key = { '--calls': 'calls', '--concurrency': 'concurrency', '--fault-share': 'faultShare' }[flag];
  if (key === undefined || !Number.isFinite(value) || value < 0) {
    console.error(`load-test: invalid option ${flag} ${argv[index + 1] ?? ''}; see the header of this file`);
    process.exit(2);
  }
  settings[key] = value;
}

const PARTNER_ACCOUNT = 15162;
const CASH_DESK = 100;
const CURRENCY = 1;
const runId = `${process.pid}-${Date.now()}`;

/** Faults armed for a share of calls: per operation, the specs drawn from. */
const FAULTS = {
  FinInCome: ['drop-after', 'drop-before', 'status=503', 'latency=1500', 'truncate'],
  FinOutCome: ['drop-after', 'status=502', 'latency=1500', 'empty'],
  PartnersCreate: ['status=503', 'drop-after'],
  PartnersGet: ['status=503', 'drop-before', 'rate-limit=0', 'bom', 'wrap=d'],
  CountriesListGet: ['status=504', 'latency=1500', 'html'],
  AccountsListGet: ['drop-before', 'status=502'],
};

async function startEmulator() {
  const binary = process.env.OKSOFT_EMULATOR_BIN ?? path.join(repoRoot, 'target', 'debug', 'oksoft-emulator');
  const child = spawn(binary, ['--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [firstLine] = await once(lines, 'line');
  const url = firstLine.replace('OKsoft emulator listening on ', '');
  lines.on('line', () => {});
  return { url, stop: () => child.kill('SIGTERM') };
}

async function inspect(emulator, route, init) {
  const response = await fetch(`${emulator.url}/_emulator/${route}`, init);
  if (!response.ok) {
    throw new Error(`emulator ${route} returned HTTP ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

function armFault(emulator, operation) {
  const specs = FAULTS[operation];
  const spec = specs[Math.floor(Math.random() * specs.length)];
  return inspect(emulator, 'faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ spec, operation, count: 1 }),
  });
}

function balanceOf(ledger, accountCode) {
  const account = ledger.accounts.find((entry) => entry.code === accountCode);
  return Math.round(Number(account.balances[String(CURRENCY)]) * 100);
}

/** Picks the call for step `index` and runs it; returns what to record. */
async function runStep(client, index) {
  const draw = (index * 7919) % 100;
  if (draw < 50) {
    const read = index % 3;
    if (read === 0) {
      await client.partnersGet({ partnersCode: 24 });
      return { operation: 'PartnersGet' };
    }
    if (read === 1) {
      await client.countriesListGet();
      return { operation: 'CountriesListGet' };
    }
    await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: 24, currencyCode: CURRENCY });
    return { operation: 'AccountsListGet' };
  }
  if (draw < 60) {
    await client.partnersCreate({
      name: 'Нагрузочный',
      firstName: 'Тест',
      email: `load.${runId}.${index}@example.ru`,
      birthday: '1990-01-01',
    });
    return { operation: 'PartnersCreate' };
  }
  const operation = draw < 80 ? 'FinInCome' : 'FinOutCome';
  const amountMinor = 100 + (index % 900);
  const transfer = {
    validationTransaction: 'transaction',
    accountsRsCode: PARTNER_ACCOUNT,
    accountsKsCode: CASH_DESK,
    amount: (amountMinor / 100).toFixed(2),
    currencyCode: CURRENCY,
    comment: `load-${runId}-${index}`,
  };
  const method = operation === 'FinInCome' ? 'finInCome' : 'finOutCome';
  const transaction = { operation, comment: transfer.comment, amountMinor };
  try {
    const result = await client[method](transfer);
    return { ...transaction, outcome: 'done', number: result.transactionNumber };
  } catch (error) {
    if (error instanceof OksoftError && error.kind === 'outcome_unknown') {
      return { ...transaction, outcome: 'unknown' };
    }
    throw Object.assign(error, { transaction: { ...transaction, outcome: 'failed' } });
  }
}

const emulator = await startEmulator();
let exitCode = 0;
try {
  const client = new OksoftClient({ baseUrl: emulator.url, login: 'demo', password: 'demo', timeoutMs: 1000, locale: 'en' });
  const ledgerBefore = await inspect(emulator, 'ledger');
  const balanceBefore = balanceOf(ledgerBefore, PARTNER_ACCOUNT);

  const counts = new Map();
  const transactions = [];
  const count = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const warmUpCalls = Math.max(1, Math.floor(settings.calls / 10));
  let memoryAfterWarmUp = null;
  let heapAfterWarmUp = null;
  let next = 0;
  let finished = 0;

  const started = performance.now();
  async function worker() {
    while (next < settings.calls) {
      const index = next++;
      if (Math.random() < settings.faultShare) {
        const operations = Object.keys(FAULTS);
        await armFault(emulator, operations[index % operations.length]);
      }
      try {
        const record = await runStep(client, index);
        count(`${record.operation} ${record.outcome ?? 'ok'}`);
        if (record.comment) {
          transactions.push(record);
        }
      } catch (error) {
        const kind = error instanceof OksoftError ? `${error.kind}/${error.code}` : `unexpected ${error}`;
        const operation = error.transaction?.operation ?? error.method ?? 'call';
        count(`${operation} ${kind}`);
        if (error.transaction) {
          transactions.push(error.transaction);
        }
        if (!(error instanceof OksoftError)) {
          exitCode = 1;
        }
      }
      finished += 1;
      if (finished === warmUpCalls) {
        memoryAfterWarmUp = wasmMemorySize();
        heapAfterWarmUp = process.memoryUsage().heapUsed;
      }
    }
  }
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const memoryAtEnd = wasmMemorySize();

  // Let calls the server still runs after a client timeout finish before reading the ledger.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const ledger = await inspect(emulator, 'ledger');
  const ours = ledger.transactions.filter((entry) => entry.comment?.startsWith(`load-${runId}-`));
  const appliedByComment = new Map();
  const problems = [];
  for (const entry of ours) {
    if (appliedByComment.has(entry.comment)) {
      problems.push(`applied twice: ${entry.comment}`);
    }
    appliedByComment.set(entry.comment, entry);
  }
  let expectedDelta = 0;
  for (const transaction of transactions) {
    const applied = appliedByComment.get(transaction.comment);
    if (transaction.outcome === 'done' && applied?.number !== transaction.number) {
      problems.push(`reported done but not in the ledger as ${transaction.number}: ${transaction.comment}`);
    }
    if (transaction.outcome === 'failed' && applied) {
      problems.push(`reported failed but applied: ${transaction.comment}`);
    }
    if (applied) {
      expectedDelta += transaction.operation === 'FinInCome' ? transaction.amountMinor : -transaction.amountMinor;
    }
  }
  if (ours.length !== appliedByComment.size || appliedByComment.size > transactions.length) {
    problems.push(`ledger has ${ours.length} of our transactions for ${transactions.length} sent`);
  }
  const balanceDelta = balanceOf(ledger, PARTNER_ACCOUNT) - balanceBefore;
  if (balanceDelta !== expectedDelta) {
    problems.push(`partner balance moved by ${balanceDelta} minor units, the ledger says ${expectedDelta}`);
  }
  if (memoryAtEnd !== memoryAfterWarmUp) {
    problems.push(`wasm memory grew after warm-up: ${memoryAfterWarmUp} -> ${memoryAtEnd} bytes`);
  }

  const unknown = transactions.filter((transaction) => transaction.outcome === 'unknown');
  const unknownApplied = unknown.filter((transaction) => appliedByComment.has(transaction.comment)).length;
  console.log(`[load] ${settings.calls} calls at concurrency ${settings.concurrency}, fault share ${settings.faultShare}`);
  console.log(`[load] ${seconds.toFixed(2)} s, ${(settings.calls / seconds).toFixed(0)} calls/s`);
  for (const [key, value] of [...counts].sort()) {
    console.log(`[load]   ${String(value).padStart(6)}  ${key}`);
  }
  console.log(`[load] transactions: ${transactions.length} sent, ${ours.length} applied, ${unknown.length} outcome_unknown (${unknownApplied} of them applied)`);
  console.log(`[load] wasm memory: ${memoryAfterWarmUp} bytes after warm-up, ${memoryAtEnd} at the end`);
  console.log(`[load] JS heap: ${(heapAfterWarmUp / 1e6).toFixed(1)} MB after warm-up, ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB at the end`);
  if (problems.length > 0) {
    exitCode = 1;
    console.log(`[load] ledger check FAILED:\n${problems.slice(0, 20).map((problem) => `  ${problem}`).join('\n')}`);
  } else {
    console.log('[load] ledger check passed: 1 passed, 0 failed');
  }
} finally {
  emulator.stop();
}
process.exit(exitCode);
