#!/usr/bin/env node
// Installs what Paperasse needs on this machine, and nothing when it is all there.
// Node built-ins only: it runs before node_modules exists (prestart / pretest).
//
//   node scripts/setup.mjs --runtime   what `npm start` needs: npm packages + Chromium
//   node scripts/setup.mjs --test      runtime + pdftotext/pdffonts/pdftoppm/pdfinfo + qpdf
//                                      + redis-server (the jobs' Redis tests)
//   node scripts/setup.mjs             everything (same as --test today)
//
// Chromium: $CHROMIUM_PATH if executable, else /usr/bin/chromium-headless-shell
// (preferred, ~2x faster printing), else /usr/bin/chromium, else the same names on
// PATH. Missing system tools are installed with one apt-get call when we are root;
// otherwise the script exits 1 saying what to install. Fonts are NOT installed:
// they ship in fonts/.
//
// Testing hooks (not for normal use):
//   PAPERASSE_SETUP_CHROMIUM_CANDIDATES=/a:/b  replaces the fixed Chromium paths
//   PAPERASSE_SETUP_DRY_RUN=1                  prints commands instead of running them
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!['--runtime', '--test'].includes(a))
    fail(`unknown option ${a} (use --runtime, --test or nothing)`);
}
const wantTest = args.has('--test') || !args.has('--runtime');
const DRY = process.env.PAPERASSE_SETUP_DRY_RUN === '1';
const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const started = Date.now();

function log(msg) {
  console.log(`setup: ${msg}`);
}
function fail(msg) {
  console.error(`setup: ERROR: ${msg}`);
  process.exit(1);
}
function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}
function run(cmd, argv, extraEnv = {}) {
  log(`running: ${cmd} ${argv.join(' ')}`);
  if (DRY) return true;
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  if (r.error) console.error(`setup: ${cmd}: ${r.error.message}`);
  return r.status === 0;
}

// ---------------------------------------------------------------- system tools

let warnedChromiumPath = false;
function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (isExecutable(env)) return env;
    if (!warnedChromiumPath)
      log(`warning: CHROMIUM_PATH=${env} is not an executable file, ignoring it`);
    warnedChromiumPath = true;
  }
  const fixed = (
    process.env.PAPERASSE_SETUP_CHROMIUM_CANDIDATES ??
    '/usr/bin/chromium-headless-shell:/usr/bin/chromium'
  )
    .split(':')
    .filter(Boolean);
  for (const p of fixed) if (isExecutable(p)) return p;
  if (process.env.PAPERASSE_SETUP_CHROMIUM_CANDIDATES === undefined) {
    return which('chromium-headless-shell') ?? which('chromium');
  }
  return null;
}

// Debian package -> commands it provides. Chromium is checked separately.
const TEST_TOOLS = {
  'poppler-utils': ['pdftotext', 'pdffonts', 'pdftoppm', 'pdfinfo'],
  qpdf: ['qpdf'],
  // The jobs' Redis backend is tested against a real Redis the tests start (test/helpers/redis.ts).
  'redis-server': ['redis-server'],
};

function missingPackages() {
  const missing = [];
  if (!findChromium()) missing.push('chromium-headless-shell');
  if (wantTest) {
    for (const [pkg, cmds] of Object.entries(TEST_TOOLS)) {
      if (cmds.some((c) => !which(c))) missing.push(pkg);
    }
  }
  return missing;
}

function ensureSystemPackages() {
  const missing = missingPackages();
  if (missing.length === 0) return;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = process.platform === 'linux' ? which('apt-get') : null;
  const hint =
    `install the Debian package(s) ${missing.join(' ')}` +
    (aptGet ? ` with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}` : '') +
    (missing.includes('chromium-headless-shell')
      ? ' (for Chromium you may instead set CHROMIUM_PATH to a Chromium/Chrome executable)'
      : '');

  if (!aptGet) {
    fail(
      `missing ${missing.join(', ')} and apt-get is not available here, so setup cannot install them. ` +
        `Please ${hint}${process.platform === 'darwin' ? ' (macOS: brew install poppler qpdf, and a Chrome for CHROMIUM_PATH)' : ''}.` +
        (CI ? ' This CI image cannot install them: add them to the image.' : ''),
    );
  }
  if (!isRoot) {
    fail(
      `missing ${missing.join(', ')}; setup installs them only when run as root. Please ${hint}.` +
        (CI ? ' This CI runner is not root: add them to the image.' : ''),
    );
  }

  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian package(s): ${missing.join(' ')}`);
  if (!run(aptGet, ['update'], env)) {
    fail(`apt-get update failed (no network or apt mirror?). Please ${hint}.`);
  }
  if (!run(aptGet, ['install', '-y', '--no-install-recommends', ...missing], env)) {
    fail(`apt-get install ${missing.join(' ')} failed. Please ${hint}.`);
  }
  if (DRY) return;
  const still = missingPackages();
  if (still.length)
    fail(`still missing after apt-get install: ${still.join(', ')}. Please ${hint}.`);
}

// ---------------------------------------------------------------- npm packages

function platformMatches(list, value) {
  if (!Array.isArray(list) || list.length === 0) return true;
  const neg = list.filter((x) => x.startsWith('!')).map((x) => x.slice(1));
  const pos = list.filter((x) => !x.startsWith('!'));
  if (neg.includes(value)) return false;
  return pos.length === 0 || pos.includes(value);
}

/** Why node_modules must be (re)installed, or null when it matches package-lock.json. */
function npmStaleReason() {
  let lock;
  try {
    lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  } catch (e) {
    fail(`cannot read package-lock.json (${e.message}); run npm install once and commit it`);
  }
  let hidden;
  try {
    hidden = JSON.parse(readFileSync(join(ROOT, 'node_modules', '.package-lock.json'), 'utf8'));
  } catch {
    return 'node_modules missing';
  }
  const have = hidden.packages ?? {};
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key === '' || entry.link || !key.startsWith('node_modules/')) continue;
    const got = have[key];
    if (!got) {
      // Optional platform packages (esbuild, rollup, fsevents...) are absent off-platform, and
      // an optional package without a platform of its own (@emnapi/runtime) is there only for
      // another one (sharp's wasm32 build) that npm skipped.
      if (entry.optional) {
        const mine =
          platformMatches(entry.os, process.platform) && platformMatches(entry.cpu, process.arch);
        if (!mine || entry.libc || (!entry.os && !entry.cpu)) continue;
      }
      return `${key.slice(13)} not installed`;
    }
    if (got.version !== entry.version)
      return `${key.slice(13)} is ${got.version}, lock wants ${entry.version}`;
    // The hidden lockfile may survive a deleted folder: check the folder too.
    try {
      statSync(join(ROOT, key, 'package.json'));
    } catch {
      return `${key.slice(13)} folder missing`;
    }
  }
  return null;
}

function npm(argv, opts = {}) {
  const npmCli = process.env.npm_execpath; // set when run from an npm script
  const [cmd, pre] =
    npmCli && /npm-cli\.js$/.test(npmCli)
      ? [process.execPath, [npmCli]]
      : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  log(`running: npm ${argv.join(' ')}`);
  if (DRY) return { status: 0, stderr: '' };
  const r = spawnSync(cmd, [...pre, ...argv], { cwd: ROOT, encoding: 'utf8', ...opts });
  if (r.error) console.error(`setup: npm: ${r.error.message}`);
  return r;
}

function ensureNpmPackages() {
  const reason = npmStaleReason();
  if (!reason) return;
  log(`node_modules out of date (${reason})`);
  // --include=dev: `npm start` builds with tsc and `npm test` needs vitest, even when
  // NODE_ENV=production would otherwise make npm omit devDependencies.
  const ci = npm(['ci', '--no-audit', '--no-fund', '--include=dev'], { stdio: 'inherit' });
  if (ci.status !== 0) {
    fail(
      'npm ci failed (see above). If it says package.json and package-lock.json are not in sync, ' +
        'run npm install and commit the updated package-lock.json',
    );
  }
  if (DRY) return;
  const still = npmStaleReason();
  if (still) fail(`node_modules still out of date after npm ci (${still})`);
}

// ---------------------------------------------------------------- main

ensureSystemPackages();
ensureNpmPackages();
const chromium = findChromium();
log(
  `ok in ${Date.now() - started} ms (${wantTest ? 'runtime+test' : 'runtime'}; chromium: ${chromium ?? '(dry run)'})`,
);
