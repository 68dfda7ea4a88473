// Site search (search.html + static/search.js + search/*.js) in headless Chromium,
// over file:// and over HTTP. Takes the built site from SITE_DIR.
// Fails (never skips) when Chromium or playwright-core is missing.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { AXE_PATH, REPO_ROOT, fileUrlOf, launchBrowser, siteDir, startServer } from './lib.mjs';

const QUERIES = {
  privacy: '個人情報',
  harassment: 'ハラスメント',
  line: 'ＬＩＮＥ',
  ai: '生成AI',
  and: 'デジタル 人材',
  nonsense: 'ぬぽぽんがらふ',
};

/** Normalisation cases with the Rust normaliser's output (src/search.rs keeps it current). */
const NORMALIZE_FIXTURE = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'search', 'normalize.json'), 'utf8'),
);

/** A sweep's input, as `sweep_input` in src/search.rs builds it. */
function sweepInput(from, to) {
  let s = '';
  for (let cp = from; cp <= to; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    s += `A${String.fromCodePoint(cp)}\u3099・`;
  }
  return s;
}

const hex = (n) => n.toString(16).toUpperCase().padStart(4, '0');

/** Where two strings first differ, by code point, for the failure message. */
function firstDifference(a, b) {
  const x = [...a], y = [...b];
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  const show = (c) => (c === undefined ? 'end' : `U+${hex(c.codePointAt(0))}`);
  return ` (first difference at character ${i}: ${show(x[i])} vs ${show(y[i])}, after ${JSON.stringify(x.slice(Math.max(0, i - 6), i).join(''))})`;
}

/** Opens search.html?q=… and waits for the search to finish; returns the hits. */
async function search(page, base, q) {
  await page.goto(`${base}?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => window.hoshinSearch && window.hoshinSearch.done);
  await page.evaluate(() => window.hoshinSearch.done);
  const status = await page.locator('#search-status').textContent();
  const hits = await page.$$eval('#search-results .search-hit', (items) => items.map((li) => {
    const a = li.querySelector('a');
    return {
      citation: a.querySelector('.num').textContent,
      href: a.getAttribute('href'),
      title: a.textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    };
  }));
  return { status, hits };
}

for (const mode of ['file', 'http']) {
  describe(`search over ${mode}://`, () => {
    let browser, page, server, base;
    const errors = [];

    before(async () => {
      const root = siteDir();
      if (mode === 'http') {
        server = await startServer(root);
        base = server.url('search.html');
      } else {
        base = fileUrlOf(root, 'search.html');
      }
      browser = await launchBrowser();
      page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      assert.deepEqual(errors, [], 'no script errors');
    });

    test('個人情報 finds 3(2) first', async () => {
      const { status, hits } = await search(page, base, QUERIES.privacy);
      assert.ok(hits.length >= 1, status);
      assert.equal(hits[0].citation, '3(2)');
      assert.match(hits[0].href, /(^|\/)directives\/3-2\.html$/);
      assert.ok(hits[0].marks.includes('個人情報'), JSON.stringify(hits[0]));
      assert.match(status, /件/);
    });

    test('ハラスメント finds 4(2)', async () => {
      const { hits } = await search(page, base, QUERIES.harassment);
      assert.ok(hits.some((h) => h.citation === '4(2)'), JSON.stringify(hits));
      assert.equal(hits[0].citation, '4(2)', 'caption match ranks first');
    });

    test('full-width ＬＩＮＥ finds 2(2)', async () => {
      const { hits } = await search(page, base, QUERIES.line);
      const hit = hits.find((h) => h.citation === '2(2)');
      assert.ok(hit, JSON.stringify(hits));
      assert.ok(hit.marks.includes('LINE'), JSON.stringify(hit));
    });

    test('Latin words match by prefix: lin finds 2(2), but ine does not', async () => {
      const { hits } = await search(page, base, 'lin');
      assert.ok(hits.some((h) => h.citation === '2(2)'), JSON.stringify(hits));
      assert.deepEqual((await search(page, base, 'ine')).hits, []);
    });

    test('生成AI finds 1(2) and links to the ① sub-item', async () => {
      const { hits } = await search(page, base, QUERIES.ai);
      const hit = hits.find((h) => h.citation.startsWith('1(2)'));
      assert.ok(hit, JSON.stringify(hits));
      assert.equal(hit.citation, '1(2)①');
      assert.match(hit.href, /(^|\/)directives\/1-2\.html#1-2-1$/);
      assert.ok(hit.marks.includes('生成AI'), JSON.stringify(hit));
    });

    test('two words separated by a space mean AND: デジタル 人材 finds 4(3)', async () => {
      const { hits } = await search(page, base, QUERIES.and);
      assert.ok(hits.some((h) => h.citation === '4(3)'), JSON.stringify(hits));
      // Full-width space works the same.
      const wide = await search(page, base, 'デジタル　人材');
      assert.deepEqual(wide.hits.map((h) => h.citation), hits.map((h) => h.citation));
      // Each hit has both words somewhere: 4(2) has 人材 but not デジタル.
      assert.ok(!hits.some((h) => h.citation === '4(2)'), JSON.stringify(hits));
    });

    test('a one-character query works: 課', async () => {
      const { hits } = await search(page, base, '課');
      assert.ok(hits.some((h) => h.citation === '4(3)'), JSON.stringify(hits));
    });

    test('bigram false hits are dropped', async () => {
      // 4(2) has both bigrams of 員の防 (職員の…, …の防止) but not the word itself.
      const { hits } = await search(page, base, '員の防');
      assert.deepEqual(hits, []);
      assert.ok((await search(page, base, 'の防止')).hits.some((h) => h.citation === '4(2)'));
    });

    test('the page normalises text exactly as src/search.rs does', async (ctx) => {
      await search(page, base, '課');
      // Expected values come from the Rust normaliser (its unit test
      // normalisation_matches_the_fixture_shared_with_search_js keeps them current).
      const { cases, sweeps } = NORMALIZE_FIXTURE;
      const inputs = [...cases.map((c) => c.input), ...sweeps.map((s) => sweepInput(s.from, s.to))];
      const got = await page.evaluate((texts) => texts.map((t) => {
        const once = window.hoshinSearch.normalize(t);
        return [once, window.hoshinSearch.normalize(once)];
      }), inputs);
      const expected = [...cases.map((c) => c.expected), ...sweeps.map((s) => s.expected)];
      const names = [...cases.map((c) => JSON.stringify(c.input)), ...sweeps.map((s) => `sweep U+${hex(s.from)}..U+${hex(s.to)}`)];
      // Characters unassigned in the browser's Unicode data, with the verdict.
      const unknown = await page.evaluate((texts) => texts.map((t) => /\p{Cn}/u.test(t)), inputs.slice(0, cases.length));
      const wrong = [];
      got.forEach(([once, twice], i) => {
        if (once !== expected[i]) {
          const why = `${names[i]}: search.js ${JSON.stringify(once)}, Rust ${JSON.stringify(expected[i])}${firstDifference(once, expected[i])}`;
          // A case with a character newer than the browser's Unicode data may differ.
          if (i < cases.length && unknown[i]) ctx.diagnostic(`Unicode versions differ on ${why}`);
          else wrong.push(why);
        }
        if (twice !== once) wrong.push(`${names[i]}: not idempotent: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`);
      });
      assert.ok(cases.length >= 80 && sweeps.length >= 40, 'fixture complete');
      assert.deepEqual(wrong, []);
    });

    test('a voiced mark left by a dropped 「・」 is dropped too: 個人・\u3099情報 finds 3(2)', async () => {
      const { hits } = await search(page, base, '個人・\u3099情報');
      assert.equal(hits[0]?.citation, '3(2)', JSON.stringify(hits));
      assert.ok(hits[0].marks.includes('個人情報'), JSON.stringify(hits[0]));
    });

    test('a nonsense word shows the no-match message', async () => {
      const { status, hits } = await search(page, base, QUERIES.nonsense);
      assert.deepEqual(hits, []);
      assert.match(status, /「ぬぽぽんがらふ」に一致する方針は見つかりませんでした。/);
      assert.equal(await page.getAttribute('#search-status', 'aria-live'), 'polite');
    });

    test('the results page passes axe-core WCAG 2.2 AA', async () => {
      for (const q of [QUERIES.ai, QUERIES.nonsense]) {
        await search(page, base, q);
        await page.addScriptTag({ path: AXE_PATH });
        const violations = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            resultTypes: ['violations'],
          });
          return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
        });
        assert.deepEqual(violations, [], `axe on search.html?q=${q}`);
        assert.equal(await page.locator('h1').count(), 1);
      }
    });

    test('the box is on every page and results are reachable by keyboard alone', async () => {
      const home = base.replace(/search\.html$/, 'index.html');
      await page.goto(home);
      const label = await page.locator('label[for="site-search-q"]').textContent();
      assert.ok(label.trim().length > 0);
      // Tab from the top of the page to the search box, type, submit with Enter.
      let focused = '';
      for (let i = 0; i < 30 && focused !== 'site-search-q'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.id || '');
      }
      assert.equal(focused, 'site-search-q', 'search box reachable with Tab');
      await page.keyboard.type(QUERIES.privacy);
      await Promise.all([page.waitForURL(/search\.html\?q=/), page.keyboard.press('Enter')]);
      await page.waitForFunction(() => window.hoshinSearch && window.hoshinSearch.done);
      await page.evaluate(() => window.hoshinSearch.done);
      // Tab onwards until the first result link has focus, then follow it with Enter.
      let onHit = false;
      for (let i = 0; i < 40 && !onHit; i++) {
        await page.keyboard.press('Tab');
        onHit = await page.evaluate(() => !!document.activeElement?.closest('#search-results a'));
      }
      assert.ok(onHit, 'a result link is reachable with Tab');
      await Promise.all([page.waitForURL(/directives\/3-2\.html/), page.keyboard.press('Enter')]);
    });
  });
}
