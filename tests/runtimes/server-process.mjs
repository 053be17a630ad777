// Starts a test server in a child process (Deno, workerd), waits for the line that
// carries its address, and stops it when the test file's tests are done.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after } from 'node:test';

/** Maximum wait for the server's address line. */
const START_TIMEOUT_MS = 30_000;

/**
 * Spawns `command` with `args` in `cwd` and resolves to `{ url, output }` once
 * `urlFrom(line)` returns a URL for a line the server prints on standard output,
 * standard error or file descriptor 3 (workerd's --control-fd). `output` collects every
 * such line, for messages and later checks.
 */
export async function startServer({ name, command, args, cwd, env = process.env, urlFrom }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const output = [];
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
  };
  after(stop);

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${name} printed no address within ${START_TIMEOUT_MS} ms; its output:\n${output.join('\n')}`));
    }, START_TIMEOUT_MS);
    for (const stream of [child.stdout, child.stderr, child.stdio[3]]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const url = urlFrom(line);
        if (url !== null) {
          clearTimeout(timer);
          resolve(url);
        }
      });
    }
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${name} (${command}): ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening (code ${code}, signal ${signal}); its output:\n${output.join('\n')}`));
    });
  });
  return { url, output };
}
