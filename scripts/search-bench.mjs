#!/usr/bin/env node
// Search at scale: bytes of index loaded per query and query time in headless
// Chromium, on the 10,000-directive synthetic corpus. Not part of the test run.
//
//   node scripts/search-bench.mjs [SITE_DIR]
//
// Without SITE_DIR (or env SITE_DIR), generates the corpus into /tmp/hoshin-c10k and
// builds it with target/release/hoshin (build that first: cargo build --release).
// Each query runs on a fresh page over HTTP (127.0.0.1), so nothing is cached.
// Prints one line per query and the index's total size; exits non-zero when a query
// loads more than 1 MB of index or takes 100 ms or more once its files are loaded.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser, startServer } from '../tests/browser/lib.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUERIES = [
  '個人情報', '課', '職員', '生成AI', 'デジタル 人材', 'ハラスメント', 'LINE', 'ＢＰＲ',
  '業務の効率化', '取り組むこと', '事務執行上のミスの防止', 'ぬぽぽんがらふ',
];
const MAX_BYTES = 1024 * 1024;
const MAX_MS = 100;
const os = await import('node:os');

function siteDir() {
  const given = process.argv[2] || process.env.SITE_DIR;
  if (given) return path.resolve(given);
  const corpus = '/tmp/hoshin-c10k';
  const out = '/tmp/hoshin-c10k-out';
  if (!existsSync(corpus)) {
    execFileSync('cargo', ['run', '--release', '--example', 'gen_corpus', '--', '10000', corpus],
      { cwd: REPO, stdio: 'inherit' });
  }
  if (!existsSync(path.join(out, 'search', 'index.js'))) {
    execFileSync(path.join(REPO, 'target/release/hoshin'), ['build', '--root', corpus, '--out', out],
      { cwd: REPO, stdio: 'inherit' });
  }
  return out;
}

function dirBytes(dir) {
  let total = 0, files = 0;
  for (const e of readdirSync(dir)) {
    total += statSync(path.join(dir, e)).size;
    files++;
  }
  return { total, files };
}

const root = siteDir();
const { total, files } = dirBytes(path.join(root, 'search'));
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
console.log(`index: ${files} files, ${(total / 1048576).toFixed(1)} MiB in ${root}/search`);

const server = await startServer(root);
const browser = await launchBrowser();
let failed = false;
try {
  for (const q of QUERIES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const loaded = { postings: 0, text: 0, other: 0 };
    page.on('response', async (res) => {
      const m = /\/search\/(s|d|t|index)\d*\.js$/.exec(new URL(res.url()).pathname);
      if (!m) return;
      const n = (await res.body()).length;
      if (m[1] === 'd') loaded.text += n; else if (m[1] === 's') loaded.postings += n; else loaded.other += n;
    });
    await page.goto(`${server.url('search.html')}?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => window.hoshinSearch && window.hoshinSearch.done);
    await page.evaluate(() => window.hoshinSearch.done);
    const first = await page.evaluate(() => ({ ...window.hoshinSearch.timing }));
    // The same query again with its files loaded: the time a user waits once the
    // index is in the page (median of 5).
    const runs = [];
    for (let i = 0; i < 5; i++) {
      runs.push(await page.evaluate(async (query) => {
        await window.hoshinSearch.search(query);
        return window.hoshinSearch.timing.rank + window.hoshinSearch.timing.render;
      }, q));
    }
    runs.sort((a, b) => a - b);
    const timing = { first: first.rank + first.render, median: runs[2] };
    const status = await page.locator('#search-status').textContent();
    await page.waitForTimeout(50); // let the last response bodies be counted
    const index = loaded.postings + loaded.other;
    const all = index + loaded.text;
    const ms = timing.median;
    const bad = all > MAX_BYTES || ms >= MAX_MS;
    failed ||= bad;
    console.log(`${bad ? 'FAIL' : 'ok  '} ${q.padEnd(12, '　')} ` +
      `postings ${(loaded.postings / 1024).toFixed(0).padStart(4)} KiB, ` +
      `text ${(loaded.text / 1024).toFixed(0).padStart(4)} KiB, ` +
      `total ${(all / 1024).toFixed(0).padStart(4)} KiB; ` +
      `${timing.median.toFixed(1)} ms (first run ${timing.first.toFixed(1)} ms) — ${status}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
