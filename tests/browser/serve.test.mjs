// `hoshin serve` in headless Chromium: an edit reloads the open page, a bad edit shows
// the build errors as an accessible overlay over the last good page, and fixing the
// file takes the overlay away and shows the fixed page, without a restart.
//
// Runs the release binary (HOSHIN_BIN, default target/release/hoshin) on a temporary
// copy of the bundled site; SITE_DIR is not used. Fails (never skips) when the binary,
// Chromium or playwright-core is missing.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { AXE_PATH, REPO_ROOT, fail, launchBrowser } from './lib.mjs';

const HOSHIN = process.env.HOSHIN_BIN || path.join(REPO_ROOT, 'target', 'release', 'hoshin');
const DIRECTIVE = 'content/1/1-2.md';
const PAGE = '/directives/1-2.html';
const OVERLAY = '#hoshin-build-errors';
/** How long a rebuild may take to reach the browser. */
const DEADLINE_MS = 15_000;

/** Starts `hoshin serve --port 0` on `root`; resolves with the base URL. */
function startServe(root) {
  if (!existsSync(HOSHIN)) {
    fail(`${HOSHIN} does not exist: build it first (cargo build --release) or set HOSHIN_BIN`);
  }
  // In Japanese, as the office runs it: the overlay's words follow the language.
  const child = spawn(HOSHIN, ['serve', '--port', '0', '--root', root, '--lang', 'ja'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hoshin serve did not start in time; stderr:\n${stderr}`)),
      DEADLINE_MS,
    );
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = stderr.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`hoshin serve exited (${code}); stderr:\n${stderr}`)));
  });
  return { child, started, stderr: () => stderr };
}

describe('hoshin serve in the browser', () => {
  let browser;
  let server;
  let base;
  let root;
  let page;

  const edit = (from, to) => {
    const file = path.join(root, DIRECTIVE);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${DIRECTIVE} holds ${JSON.stringify(from)}`);
    writeFileSync(file, text.replace(from, to));
  };
  /** Waits for a navigation of `page` (a live reload) caused by `action`. */
  const reloadAfter = async (action) => {
    const loaded = page.waitForEvent('load', { timeout: DEADLINE_MS });
    await action();
    await loaded;
    await page.waitForFunction(() => window.__hoshinLive === true, null, { timeout: DEADLINE_MS });
  };

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'hoshin-serve-'));
    for (const item of ['hoshin.yaml', 'content', 'themes']) {
      cpSync(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
    }
    server = startServe(root);
    base = await server.started;
    browser = await launchBrowser();
    page = await browser.newPage();
    // Marks each page load once its event stream is open, so that a test knows the
    // next rebuild will reach it.
    await page.addInitScript(() => {
      const Original = window.EventSource;
      window.EventSource = class extends Original {
        constructor(...args) {
          super(...args);
          this.addEventListener('open', () => { window.__hoshinLive = true; });
        }
      };
    });
    await page.goto(base + PAGE);
    await page.waitForFunction(() => window.__hoshinLive === true, null, { timeout: DEADLINE_MS });
  });

  after(async () => {
    await browser?.close();
    server?.child.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('an edit of the text reloads the open page with the new text', async () => {
    assert.equal(await page.locator('main').getByText('ブラウザで見える一文').count(), 0);
    await reloadAfter(() => edit('①BPRの推進', 'ブラウザで見える一文。\n\n①BPRの推進'));
    await page.locator('main').getByText('ブラウザで見える一文').waitFor({ timeout: DEADLINE_MS });
  });

  test('a bad edit shows every error with path:line:col over the last good page', async () => {
    edit('chapter: 1', 'chapter: [1');
    const overlay = page.locator(OVERLAY);
    await overlay.waitFor({ timeout: DEADLINE_MS });
    assert.equal(await overlay.getAttribute('role'), 'alertdialog');
    const title = await overlay.locator('h2').textContent();
    assert.match(title, /^ビルドエラー（[1-9]\d*件）$/);
    const errors = await overlay.locator('li pre').allTextContents();
    assert.ok(errors.length >= 1, 'errors are listed');
    assert.ok(
      errors.some((e) => e.includes('content/1/1-2.md:3:')),
      `an error points at the file, line and column:\n${errors.join('\n')}`,
    );
    // The page under it is the last good one, still holding the edit.
    assert.equal(await page.locator('main').getByText('ブラウザで見える一文').count(), 1);
    // Focus is in the dialog, on its close button.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '閉じる');
    // The overlay passes axe (WCAG 2.2 AA), like every page of the site.
    await page.addScriptTag({ path: AXE_PATH });
    const result = await page.evaluate(async (selector) => window.axe.run(selector, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }), OVERLAY);
    assert.deepEqual(
      result.violations.map((v) => `${v.id}: ${v.help}`),
      [],
      'no accessibility violations in the overlay',
    );
  });

  test('Escape closes the overlay and gives focus back', async () => {
    await page.keyboard.press('Escape');
    await page.locator(OVERLAY).waitFor({ state: 'detached', timeout: DEADLINE_MS });
    assert.notEqual(await page.evaluate(() => document.activeElement?.textContent), '閉じる');
  });

  test('a page opened while the site is broken shows the errors at once', async () => {
    const late = await browser.newPage();
    try {
      await late.goto(base + '/index.html');
      await late.locator(OVERLAY).waitFor({ timeout: DEADLINE_MS });
      assert.match(await late.locator(OVERLAY).textContent(), /content\/1\/1-2\.md:3:/);
    } finally {
      await late.close();
    }
  });

  test('fixing the file reloads the page without the overlay', async () => {
    await reloadAfter(() => {
      edit('chapter: [1', 'chapter: 1');
      edit('ブラウザで見える一文。', '直した一文。');
    });
    await page.locator('main').getByText('直した一文').waitFor({ timeout: DEADLINE_MS });
    assert.equal(await page.locator(OVERLAY).count(), 0, 'no overlay after the fix');
    assert.ok(!server.stderr().includes('panicked'), server.stderr());
  });
});
