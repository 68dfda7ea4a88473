// Shared helpers for the browser tests (node --test tests/browser/).
//
// - SITE_DIR (env, default "dist"): the built site to check.
// - CHROMIUM_BIN (env, default /usr/bin/chromium): the Debian chromium binary.
//   No browser is ever downloaded: playwright-core drives the system one.
// - JAVA_BIN (env, default "java" on PATH): for the Nu Html Checker.
//
// Every missing prerequisite is a hard failure, never a skip.

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));

export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'artifacts');
export const SCREENS_DIR = path.join(ARTIFACTS_DIR, 'screens');

/** Sites larger than this are sampled (see selectPages). */
export const SAMPLE_THRESHOLD = 300;
/** In a sampled run, every Nth page under directives/ is checked. */
export const SAMPLE_EVERY = 20;
/** Pages checked in parallel (the machines have 2 cores). */
export const PAGE_CONCURRENCY = 2;

/** Error whose printed form is just the message (no stack noise). */
export class CheckFailure extends Error {
  constructor(message) {
    super(message);
    this.stack = message; // what the reporter prints
  }
}

export function fail(message) {
  throw new CheckFailure(message);
}

// ---------------------------------------------------------------- site dir

/** Absolute, symlink-resolved SITE_DIR. Fails if it does not exist. */
export function siteDir() {
  const dir = path.resolve(process.env.SITE_DIR || 'dist');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    fail(`SITE_DIR ${dir} does not exist or is not a directory ` +
      '(build the site first, e.g. target/release/hoshin build --out dist, or run scripts/test.sh)');
  }
  return realpathSync(dir);
}

/** All *.html files under root, as sorted POSIX-style relative paths. */
export function listPages(root) {
  const out = [];
  const walk = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(abs);
      else if (ent.isFile() && ent.name.toLowerCase().endsWith('.html')) {
        out.push(path.relative(root, abs).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  // Plain code-unit order: deterministic regardless of locale.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Like listPages, but fails when the site has no pages. */
export function requirePages(root) {
  const pages = listPages(root);
  if (pages.length === 0) fail(`SITE_DIR ${root} contains no *.html pages`);
  return pages;
}

export const isDirectivePage = (rel) => rel.startsWith('directives/');

/**
 * Pages for the (slow) browser checks. Up to SAMPLE_THRESHOLD pages: all.
 * Above: all non-directive pages + every SAMPLE_EVERY-th directive page
 * (in sorted order, starting with the first), so runs are deterministic.
 */
export function selectPages(pages) {
  if (pages.length <= SAMPLE_THRESHOLD) {
    return { pages, sampled: false, note: `checking all ${pages.length} pages` };
  }
  let i = 0;
  const picked = pages.filter((p) => !isDirectivePage(p) || i++ % SAMPLE_EVERY === 0);
  const nDir = pages.filter(isDirectivePage).length;
  return {
    pages: picked,
    sampled: true,
    note: `site has ${pages.length} pages (> ${SAMPLE_THRESHOLD}): SAMPLED run, checking ${picked.length} pages ` +
      `(all ${pages.length - nDir} non-directive pages + every ${SAMPLE_EVERY}th of ${nDir} directive pages)`,
  };
}

/** Is abs (already resolved) inside root (or root itself)? */
export function isInside(root, abs) {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function fileUrlOf(root, rel) {
  return pathToFileURL(path.join(root, ...rel.split('/'))).href;
}

export function httpPathOf(rel) {
  return '/' + rel.split('/').map(encodeURIComponent).join('/');
}

// ---------------------------------------------------------------- chromium

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Added to CHROMIUM_ARGS: resolve no host name but 127.0.0.1, so a page that
 * references another host fails fast and nothing leaves the machine (the
 * tests still see and report the attempted request).
 */
export const ISOLATION_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

export function chromiumPath() {
  const bin = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  if (!existsSync(bin)) {
    fail(`Chromium not found at ${bin}. Install it with "apt-get install -y chromium" ` +
      '(scripts/test.sh does this), or set CHROMIUM_BIN. Never download a browser.');
  }
  return bin;
}

/** One headless Chromium; playwright gives it a fresh user data dir. */
export async function launchBrowser() {
  const executablePath = chromiumPath();
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    fail(`playwright-core is not installed (run "npm ci --ignore-scripts"): ${e.message}`);
  }
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...ISOLATION_ARGS], timeout: 60_000 });
}

export const AXE_PATH = require.resolve('axe-core/axe.min.js');

// ---------------------------------------------------------------- java / vnu

export function vnuJarPath() {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  if (!existsSync(jar)) fail(`vnu.jar not found at ${jar} (run "npm ci --ignore-scripts")`);
  return jar;
}

export function javaPath() {
  const bin = process.env.JAVA_BIN || 'java';
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    fail(`Java not usable ("${bin} -version" failed: ${r.error ? r.error.message : r.stderr}). ` +
      'Install it with "apt-get install -y default-jre-headless" or set JAVA_BIN.');
  }
  return bin;
}

// ---------------------------------------------------------------- http server

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/**
 * Static file server for root on 127.0.0.1, ephemeral port.
 * GET/HEAD only; directories serve index.html (redirecting "/dir" to "/dir/");
 * 404 for anything missing or outside root. Resolves to
 * { origin, url(relPath), close() }.
 */
export async function startServer(root) {
  root = realpathSync(root);
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(res, 400, 'bad request\n');
    }
    if (pathname.includes('\0')) return send(res, 400, 'bad request\n');
    let abs = path.join(root, ...pathname.split('/').filter(Boolean));
    try {
      abs = realpathSync(abs);
    } catch {
      return send(res, 404, 'not found\n');
    }
    if (!isInside(root, abs)) return send(res, 404, 'not found\n');
    let st = statSync(abs);
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const u = new URL(req.url, 'http://x');
        return send(res, 301, 'moved\n', { Location: u.pathname + '/' + u.search });
      }
      abs = path.join(abs, 'index.html');
      if (!existsSync(abs)) return send(res, 404, 'not found\n');
      st = statSync(abs);
    }
    if (!st.isFile()) return send(res, 404, 'not found\n');
    const type = CONTENT_TYPES[path.extname(abs).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(abs).on('error', () => res.destroy()).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (rel) => origin + httpPathOf(rel),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// ---------------------------------------------------------------- misc

/** Ids (and a[name]s) declared in an HTML file, cached. Regex-based: good enough for generated HTML. */
const idCache = new Map();
export function idsInFile(abs) {
  let ids = idCache.get(abs);
  if (!ids) {
    ids = new Set();
    const html = readFileSync(abs, 'utf8');
    const val = `\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`;
    const res = [new RegExp(`<[a-zA-Z][^>]*?\\sid${val}`, 'g'), new RegExp(`<a\\s[^>]*?\\bname${val}`, 'gi')];
    for (const re of res) for (const m of html.matchAll(re)) ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
    idCache.set(abs, ids);
  }
  return ids;
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
  });
}

export function truncate(s, n = 200) {
  s = String(s).replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
