// Installs the built package from pkg/ the way a user would: `npm pack`, then
// `npm install` of the tarball into a throwaway project under os.tmpdir().
//
// `node --test` runs every test file in its own process, so the install is shared
// through the file system. The first file of a run installs while the others wait on a
// lock directory, and then all of them load the same copy. A run is the `node --test`
// process, the parent of each test file. The next install deletes the project
// directories of runs that have ended.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built package directory, `pkg/` of this checkout unless OKSOFT_PACKAGE_DIR sets another. */
export const packageDir = process.env.OKSOFT_PACKAGE_DIR ?? path.join(repoRoot, 'pkg');

const installsRoot = path.join(os.tmpdir(), 'oksoft-client-package-tests');

/** Maximum wait for another test process to finish the install. */
const INSTALL_WAIT_MS = 180_000;

let loaded = null;

/**
 * Installs the package once per test run and loads it both ways.
 * Resolves to `{ esm, cjs, projectDir }`: `esm` from `import('oksoft-client')` and `cjs`
 * from `require('oksoft-client')`, both resolved from inside the throwaway project.
 */
export function loadPackage() {
  loaded ??= install().then(async (projectDir) => {
    const esm = await import(pathToFileURL(path.join(projectDir, 'entry.mjs')).href);
    const cjs = createRequire(path.join(projectDir, 'package.json'))('./entry.cjs');
    return { esm, cjs, projectDir };
  });
  return loaded;
}

async function install() {
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    throw new Error(`no built package in ${packageDir}; run scripts/build-package.sh first`);
  }
  mkdirSync(installsRoot, { recursive: true });

  const projectDir = path.join(installsRoot, `run-${process.ppid}-${packageFingerprint()}`);
  const readyMarker = path.join(projectDir, 'ready');
  const lockDir = `${projectDir}.lock`;
  if (existsSync(readyMarker)) {
    return projectDir;
  }

  const deadline = Date.now() + INSTALL_WAIT_MS;
  while (!tryLock(lockDir)) {
    if (existsSync(readyMarker)) {
      return projectDir;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for another test process to install the package into ${projectDir}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  try {
    if (!existsSync(readyMarker)) {
      removeEndedRuns();
      installInto(projectDir);
      writeFileSync(readyMarker, new Date().toISOString());
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
  return projectDir;
}

/** Takes the lock, or takes over one whose owner process has exited. */
function tryLock(lockDir) {
  try {
    mkdirSync(lockDir);
    writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') {
      throw error;
    }
  }
  const owner = Number.parseInt(readText(path.join(lockDir, 'pid')), 10);
  if (Number.isInteger(owner) && !isRunning(owner)) {
    rmSync(lockDir, { recursive: true, force: true });
  }
  return false;
}

function installInto(projectDir) {
  rmSync(projectDir, { recursive: true, force: true });
  mkdirSync(projectDir, { recursive: true });
  const packDir = path.join(projectDir, 'tarball');
  mkdirSync(packDir);

  const packed = npm(['pack', packageDir, '--pack-destination', packDir, '--json'], projectDir);
  const tarball = path.join(packDir, JSON.parse(packed)[0].filename);

  const manifest = { name: 'oksoft-client-package-test', version: '0.0.0', private: true };
  writeFileSync(path.join(projectDir, 'package.json'), JSON.stringify(manifest, null, 2));
  npm(['install', tarball, '--no-audit', '--no-fund', '--offline', '--no-save'], projectDir);

  // Entry files inside the project, so that `oksoft-client` resolves from there through
  // the package's own `exports`, exactly as in a user's project.
  writeFileSync(path.join(projectDir, 'entry.mjs'), "export * from 'oksoft-client';\n");
  writeFileSync(path.join(projectDir, 'entry.cjs'), "module.exports = require('oksoft-client');\n");
}

function npm(args, cwd) {
  try {
    return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`npm ${args[0]} failed in ${cwd}: ${error.stderr || error.message}`);
  }
}

/** Hashes every file name, size and modification time in pkg/, so a rebuild installs afresh. */
function packageFingerprint() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const stats = statSync(file);
      if (stats.isDirectory()) {
        visit(file);
      } else {
        hash.update(`${path.relative(packageDir, file)}\0${stats.size}\0${stats.mtimeMs}\n`);
      }
    }
  };
  visit(packageDir);
  hash.update(packageDir);
  return hash.digest('hex').slice(0, 16);
}

/** Deletes the project directories of earlier runs whose `node --test` process has exited. */
function removeEndedRuns() {
  for (const name of readdirSync(installsRoot)) {
    const match = /^run-(\d+)-[0-9a-f]+(\.lock)?$/.exec(name);
    if (match && Number(match[1]) !== process.ppid && !isRunning(Number(match[1]))) {
      rmSync(path.join(installsRoot, name), { recursive: true, force: true });
    }
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
