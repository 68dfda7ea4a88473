// Accessibility, offline and keyboard checks of every page in SITE_DIR,
// in headless Chromium (the Debian package, driven by playwright-core).
//
// Per page (see README-style notes in tests/browser/README.md):
//   http   : axe-core WCAG 2.x A/AA at 1280x800 and 375x812; <html lang="ja">,
//            one h1, no skipped heading levels, landmarks; skip link; visible
//            focus on every Tab stop; Tab reaches the search box and a link in
//            main; no horizontal scroll at 375, 320 and 1280@200% (=640) px;
//            every request same-origin, no failed loads, no console errors.
//   file://: every request stays inside SITE_DIR, no failed loads, no console
//            errors; every link/form action resolves to an existing file (not
//            a directory) inside SITE_DIR, and its #fragment exists.

import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  AXE_PATH, PAGE_CONCURRENCY, SCREENS_DIR, fail, fileUrlOf, idsInFile, isDirectivePage, isInside,
  launchBrowser, requirePages, selectPages, siteDir, startServer, truncate,
} from './lib.mjs';

const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 812 };
const ZOOM200 = { width: 640, height: 400 }; // 1280x800 at 200% zoom
const REFLOW = { width: 320, height: 256 }; // WCAG 1.4.10: 1280x1024 at 400% zoom
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MAX_TABS = 40;
const MIN_TABS = 15; // focus visibility is checked on at least this many stops (if the page has them)
const SEARCH_QUERY = '市民';

// ------------------------------------------------------------------ helpers

function screenshotTargets(pages) {
  const out = new Set();
  if (pages.includes('index.html')) out.add('index.html');
  const dirs = pages.filter(isDirectivePage);
  const first = dirs.find((p) => !p.endsWith('/index.html') && p !== 'directives/index.html') ?? dirs[0];
  if (first) out.add(first);
  return out;
}

const shotName = (rel, tag) => `${rel.replace(/\.html$/, '').replaceAll('/', '__')}-${tag}.png`;

const emptyLog = () => ({ foreign: [], failed: [], bad: [], console: [], errors: [] });

/** Records into tab.log everything tab.page does on the network and in its console. */
function attachRecorder(tab) {
  const { page } = tab;
  page.on('request', (r) => {
    if (!tab.allowed(r.url())) tab.log.foreign.push(`${r.resourceType()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (tab.allowed(r.url())) tab.log.failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) tab.log.bad.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location();
    // The browser's own /favicon.ico probe (the page declared no icon) is not the page's doing.
    if (/\/favicon\.ico$/.test(loc?.url || '') && m.text().startsWith('Failed to load resource')) return;
    tab.log.console.push(`${truncate(m.text(), 300)}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (e) => tab.log.errors.push(truncate(e.stack || e.message, 400)));
}

function reportLog(log, what) {
  const parts = [];
  const add = (title, items) => {
    if (items.length) parts.push(`${title}:\n${[...new Set(items)].map((s) => `    ${s}`).join('\n')}`);
  };
  add(`requests leaving ${what}`, log.foreign);
  add('failed loads', log.failed);
  add('HTTP error responses', log.bad);
  add('console errors', log.console);
  add('uncaught page errors', log.errors);
  return parts;
}

async function load(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    const nodes = (v) => v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
      html: n.html,
      summary: n.failureSummary,
    }));
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: nodes(v) })),
      incomplete: r.incomplete.map((v) => v.id),
    };
  }, AXE_TAGS);
}

function formatAxe(rel, vp, violations) {
  const lines = [`${violations.length} axe-core violation(s) on ${rel} at ${vp.width}x${vp.height}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`    - target: ${n.target}`, `      html:   ${truncate(n.html, 240)}`);
      if (n.summary) lines.push(`      why:    ${truncate(n.summary, 400)}`);
    }
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more element(s)`);
  }
  return lines.join('\n');
}

// In-page: document structure problems.
function structureProblems() {
  const problems = [];
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
    return `<${el.localName}${id}${cls}> "${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
  };
  const exposed = (el) => !el.closest('[hidden],[aria-hidden="true"]') && el.checkVisibility();

  const lang = document.documentElement.getAttribute('lang');
  if (lang !== 'ja') problems.push(`<html lang> is ${lang === null ? 'missing' : JSON.stringify(lang)}, expected "ja"`);

  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role="heading"]')].filter(exposed).map((h) => ({
    level: h.getAttribute('role') === 'heading' ? Number(h.getAttribute('aria-level') || 2) : Number(h.localName[1]),
    desc: describe(h),
  }));
  const h1s = headings.filter((h) => h.level === 1);
  if (h1s.length !== 1) {
    problems.push(`expected exactly one h1, found ${h1s.length}${h1s.length ? ': ' + h1s.map((h) => h.desc).join(', ') : ''}`);
  }
  let prev = 1; // the first heading may be h1 or h2
  for (const h of headings) {
    if (h.level > prev + 1) problems.push(`heading level skipped: h${prev} → h${h.level} at ${h.desc}`);
    prev = h.level;
  }

  const SECTIONING = 'article,aside,main,nav,section,[role="article"],[role="complementary"],[role="main"],[role="navigation"],[role="region"]';
  const landmark = (role, tag) => [...document.querySelectorAll(`[role="${role}"]${tag ? `,${tag}` : ''}`)]
    .filter(exposed)
    .filter((el) => el.getAttribute('role') === role || !el.hasAttribute('role'))
    .filter((el) => !(tag === 'header' || tag === 'footer') || el.getAttribute('role') === role ||
      !el.parentElement?.closest(SECTIONING));
  const banner = landmark('banner', 'header');
  const nav = landmark('navigation', 'nav');
  const main = landmark('main', 'main');
  const contentinfo = landmark('contentinfo', 'footer');
  if (banner.length === 0) problems.push('no header landmark (page-level <header> or role="banner")');
  // Print documents (print.html, print/topics/*) are one self-contained document by
  // design: no site navigation, every link stays inside them.
  const printDoc = document.body.classList.contains('print-doc');
  if (nav.length === 0 && !printDoc) problems.push('no nav landmark (<nav> or role="navigation")');
  if (main.length !== 1) problems.push(`expected exactly one main landmark (<main> or role="main"), found ${main.length}`);
  if (contentinfo.length === 0) problems.push('no footer landmark (page-level <footer> or role="contentinfo")');
  return problems;
}

// In-page: horizontal overflow at the current viewport width.
function overflowProblem() {
  const de = document.documentElement;
  const cw = de.clientWidth;
  const clippedByAncestor = (el) => {
    for (let p = el.parentElement; p && p !== document.body && p !== de; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && r.right > cw + 1 && el.checkVisibility({ visibilityProperty: true }) &&
      !clippedByAncestor(el)) {
      wide.push([el, r]);
      if (wide.length > 400) break;
    }
  }
  const leaves = wide.filter(([el]) => !wide.some(([o]) => o !== el && el.contains(o)));
  const culprits = leaves.slice(0, 6).map(([el, r]) => {
    const html = el.outerHTML.replace(/\s+/g, ' ');
    return `${html.length > 160 ? html.slice(0, 159) + '…' : html}  (right edge at ${Math.round(r.right)}px, width ${Math.round(r.width)}px)`;
  });
  if (de.scrollWidth > cw) {
    return { msg: `horizontal scrolling: document scrollWidth ${de.scrollWidth}px > clientWidth ${cw}px`, culprits };
  }
  if (culprits.length) {
    return { msg: `content extends past the right edge (${cw}px) and is cut off (overflow-x hidden on html/body?)`, culprits };
  }
  return null;
}

// In-page: what is focused now, and is the focus visible?
function focusProbe() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  window.__hoshinFirstStop ??= el; // for the skip link test
  const ids = (window.__hoshinIds ??= new WeakMap()); // element identity across probes
  if (!ids.has(el)) ids.set(el, (window.__hoshinNextId = (window.__hoshinNextId ?? 0) + 1));
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = !!cs.boxShadow && cs.boxShadow !== 'none';
  let onScreen = false;
  let coveredBy = null;
  for (const [fx, fy] of [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]]) {
    const x = r.left + r.width * fx;
    const y = r.top + r.height * fy;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && (hit === el || el.contains(hit) || hit.contains(el))) { onScreen = true; break; }
    if (hit) coveredBy = hit.outerHTML.replace(/\s+/g, ' ').slice(0, 100);
  }
  const html = el.outerHTML.replace(/\s+/g, ' ');
  const main = document.querySelector('main,[role="main"]');
  let skipTarget;
  const href = el.getAttribute('href');
  if (el.localName === 'a' && href && href.startsWith('#') && href.length > 1) {
    const id = decodeURIComponent(href.slice(1));
    const t = document.getElementById(id) || document.getElementsByName(id)[0];
    skipTarget = t ? { id, exists: true } : { id, exists: false };
  }
  return {
    key: ids.get(el),
    html: html.length > 160 ? html.slice(0, 159) + '…' : html,
    isLink: el.localName === 'a' && el.hasAttribute('href'),
    isSearch: el.matches('input[type="search"]'),
    inMain: !!main && main.contains(el),
    indicator: outline || shadow,
    style: `outline: ${cs.outlineStyle} ${cs.outlineWidth}; box-shadow: ${cs.boxShadow}`,
    size: r.width > 1 && r.height > 1,
    onScreen,
    coveredBy,
    skipTarget,
  };
}

function pageFacts() {
  const visible = (el) => !!el && el.checkVisibility({ visibilityProperty: true });
  const main = document.querySelector('main,[role="main"]');
  return {
    search: [...document.querySelectorAll('input[type="search"]')].some(visible),
    mainLinks: !!main && [...main.querySelectorAll('a[href]')].some(visible),
  };
}

// In-page: links, areas and form actions with their resolved URLs, plus this page's ids.
function linkFacts() {
  const items = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    items.push({ url: a.href, raw: a.getAttribute('href'), html: a.outerHTML.replace(/\s+/g, ' ').slice(0, 140) });
  }
  for (const f of document.querySelectorAll('form[action]')) {
    items.push({ url: f.action, raw: f.getAttribute('action'), html: `<form action="${f.getAttribute('action')}">`, form: true });
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
    .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));
  return { items, ids };
}

function linkProblems(root, pageUrl, facts) {
  const problems = [];
  const here = new URL(pageUrl);
  const ownIds = new Set(facts.ids);
  for (const it of facts.items) {
    let u;
    try {
      u = new URL(it.url);
    } catch {
      problems.push(`unparsable URL ${JSON.stringify(it.raw)}: ${it.html}`);
      continue;
    }
    if (u.protocol !== 'file:') continue; // http(s)/mailto/tel links are links, not loads
    const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
    const samePage = u.pathname === here.pathname;
    if (samePage) {
      if (frag && frag !== 'top' && !ownIds.has(frag)) problems.push(`#${frag} does not exist on this page: ${it.html}`);
      continue;
    }
    const abs = path.resolve(fileURLToPath(new URL(u.pathname, 'file://')));
    if (!isInside(root, abs)) {
      problems.push(`${JSON.stringify(it.raw)} points outside the site (${abs}); use a relative URL: ${it.html}`);
      continue;
    }
    let st;
    try {
      st = statSync(abs);
    } catch {
      problems.push(`${JSON.stringify(it.raw)} → missing file ${path.relative(root, abs)}: ${it.html}`);
      continue;
    }
    if (st.isDirectory()) {
      problems.push(`${JSON.stringify(it.raw)} → a directory; from file:// that opens a directory listing, ` +
        `link to ${JSON.stringify((it.raw.split(/[?#]/)[0].replace(/\/?$/, '/')) + 'index.html')} instead: ${it.html}`);
      continue;
    }
    if (frag && frag !== 'top' && /\.html?$/i.test(abs) && !idsInFile(abs).has(frag)) {
      problems.push(`${JSON.stringify(it.raw)}: no id "${frag}" in ${path.relative(root, abs)}: ${it.html}`);
    }
  }
  return problems;
}

/** Focus the search box, type, submit; whatever happens must not error (checked by the recorder). */
async function searchSmoke(page) {
  const box = page.locator('input[type="search"]:visible').first();
  if ((await box.count()) === 0) return false;
  await box.focus();
  await page.keyboard.type(SEARCH_QUERY, { delay: 20 });
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
  await page.waitForLoadState('load', { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(300);
  return true;
}

// ------------------------------------------------------------------ workers

/**
 * One parallel slot: a context with two long-lived tabs, one for http:// and
 * one for file:// (so navigations stay same-site and reuse their renderer).
 * Requests to other hosts never leave the machine: the browser resolves no
 * host name but 127.0.0.1 (see lib.mjs); the recorder flags them.
 */
async function newWorker(browser, server, root) {
  const context = await browser.newContext({
    viewport: DESKTOP, locale: 'ja-JP', bypassCSP: true, serviceWorkers: 'block',
  });
  const tab = async (allowed) => {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const t = { page, allowed, log: emptyLog() };
    attachRecorder(t);
    return t;
  };
  const http = await tab((u) => u.startsWith(server.origin + '/') || /^(data|blob|about):/.test(u));
  const file = await tab((u) => {
    if (/^(data|blob|about):/.test(u)) return true;
    if (!u.startsWith('file:')) return false;
    try {
      return isInside(root, path.resolve(fileURLToPath(new URL(new URL(u).pathname, 'file://'))));
    } catch {
      return false;
    }
  });
  return { context, http, file };
}

function pool(size, create) {
  const free = [];
  const waiting = [];
  let created = 0;
  return {
    async acquire() {
      if (free.length) return free.pop();
      if (created < size) {
        created++;
        return create();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    async release(worker, healthy) {
      if (!healthy) {
        // A failed check may leave the page in any state: start afresh.
        await worker.context.close().catch(() => {});
        worker = await create();
      }
      const next = waiting.shift();
      if (next) next(worker);
      else free.push(worker);
    },
    async close() {
      await Promise.all(free.map((w) => w.context.close().catch(() => {})));
    },
  };
}

// ------------------------------------------------------------------ per page

async function checkPage(t, env) {
  const { worker, server, root, rel, screenshot, incomplete } = env;
  const step = (name, fn) => t.test(name, fn);

  // ---------------- over http://127.0.0.1:<port>/
  const { page } = worker.http;
  const shoot = (tag) => screenshot &&
    page.screenshot({ path: path.join(SCREENS_DIR, shotName(rel, tag)), fullPage: true, animations: 'disabled' });
  worker.http.log = emptyLog();
  await page.setViewportSize(DESKTOP);
  await load(page, server.url(rel));
  await shoot('1280');
  await page.addScriptTag({ path: AXE_PATH });

  await step('structure: lang=ja, one h1, heading levels, landmarks', async () => {
    const problems = await page.evaluate(structureProblems);
    if (problems.length) fail(`${rel}:\n  - ${problems.join('\n  - ')}`);
  });

  for (const vp of [DESKTOP, MOBILE]) {
    await step(`axe-core WCAG 2.2 AA @${vp.width}x${vp.height}`, async () => {
      if (vp !== DESKTOP) {
        await page.setViewportSize(vp);
        await shoot(String(vp.width));
      }
      const r = await runAxe(page);
      for (const id of r.incomplete) {
        if (!incomplete.has(id)) incomplete.set(id, new Set());
        incomplete.get(id).add(rel);
      }
      if (r.violations.length) fail(formatAxe(rel, vp, r.violations));
    });
  }

  for (const [vp, label] of [[MOBILE, '375px wide'], [REFLOW, '320px wide (WCAG 1.4.10 reflow)'],
    [ZOOM200, '1280px at 200% zoom (640 CSS px)']]) {
    await step(`no horizontal scroll at ${label}`, async () => {
      await page.setViewportSize(vp);
      const p = await page.evaluate(overflowProblem);
      if (p) fail(`${rel} at ${vp.width}x${vp.height}: ${p.msg}\n  widest elements:\n${p.culprits.map((c) => `    ${c}`).join('\n')}`);
    });
  }

  await step('keyboard: skip link, visible focus on every Tab stop, Tab reaches search box and a link in main', async () => {
    await page.setViewportSize(DESKTOP);
    await page.evaluate(() => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
    const facts = await page.evaluate(pageFacts);
    const problems = [];
    const stopIssues = [];

    // Walk up to MAX_TABS stops; stop early once everything sought was reached.
    let first = null;
    let reachedSearch = false;
    let reachedMainLink = false;
    const seen = new Set();
    for (let i = 1; i <= MAX_TABS; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focusProbe);
      if (!f) { if (seen.size) break; continue; }
      if (seen.has(f.key)) break; // wrapped around
      seen.add(f.key);
      first ??= f;
      if (!f.indicator) stopIssues.push(`Tab stop ${i} ${f.html}: no visible focus indicator (${f.style})`);
      if (!f.size) stopIssues.push(`Tab stop ${i} ${f.html}: focused element has no size (still visually hidden when focused?)`);
      else if (!f.onScreen) stopIssues.push(`Tab stop ${i} ${f.html}: focused element is off-screen or covered${f.coveredBy ? ` by ${f.coveredBy}` : ''}`);
      reachedSearch ||= f.isSearch;
      reachedMainLink ||= f.isLink && f.inMain;
      if (i >= MIN_TABS && (reachedSearch || !facts.search) && (reachedMainLink || !facts.mainLinks)) break;
    }
    if (facts.search && !reachedSearch) {
      problems.push(`the search box (input[type=search]) is not reached within ${MAX_TABS} Tab presses`);
    }
    if (facts.mainLinks && !reachedMainLink) {
      problems.push(`no link inside main is reached within ${MAX_TABS} Tab presses (${seen.size} stops seen)`);
    }

    // The first Tab stop is a skip link whose target exists, and it works.
    if (!first) {
      problems.unshift('Tab focuses nothing: the page has no focusable element');
    } else if (!first.skipTarget) {
      problems.unshift(`first Tab stop is not a skip link (a[href^="#"]): ${first.html}`);
    } else if (!first.skipTarget.exists) {
      problems.unshift(`skip link target #${first.skipTarget.id} does not exist: ${first.html}`);
    } else {
      const id = first.skipTarget.id;
      const hasTabbable = await page.evaluate((id) => {
        const t = document.getElementById(id) || document.getElementsByName(id)[0];
        const sel = 'a[href],button,input:not([type="hidden"]),select,textarea,[tabindex]:not([tabindex="-1"])';
        return [...t.querySelectorAll(sel)].some((e) => e.checkVisibility({ visibilityProperty: true }));
      }, id);
      if (hasTabbable) {
        await page.evaluate(() => { window.scrollTo(0, 0); window.__hoshinFirstStop.focus(); });
        const onSkip = await page.evaluate(focusProbe);
        if (onSkip?.key === first.key) {
          await page.keyboard.press('Enter');
          await page.waitForTimeout(50);
          await page.keyboard.press('Tab');
          const inside = await page.evaluate((id) => {
            const t = document.getElementById(id) || document.getElementsByName(id)[0];
            return t.contains(document.activeElement);
          }, id);
          if (!inside) {
            const now = await page.evaluate(focusProbe);
            problems.unshift(`skip link does not work: Enter on it, then Tab, focuses ${now ? now.html : 'nothing'} ` +
              `instead of something inside #${id}`);
          }
        }
      }
    }
    problems.push(...stopIssues.slice(0, 10));
    if (stopIssues.length > 10) problems.push(`… and ${stopIssues.length - 10} more Tab stop problem(s)`);
    if (problems.length) fail(`${rel}:\n  - ${problems.join('\n  - ')}`);
  });

  if (screenshot && await searchSmoke(page)) await shoot('search-1280');

  await step('http: every request same-origin, no failed loads, no console errors', async () => {
    const foreignHints = await page.evaluate((origin) =>
      [...document.querySelectorAll('link[rel~="preconnect"],link[rel~="dns-prefetch"],link[rel~="prefetch"],link[rel~="preload"],link[rel~="modulepreload"]')]
        .map((l) => l.href).filter((h) => h && !h.startsWith(origin + '/')), server.origin).catch(() => []);
    const parts = reportLog(worker.http.log, server.origin);
    if (foreignHints.length) parts.push(`resource hints to other origins:\n${foreignHints.map((h) => `    ${h}`).join('\n')}`);
    if (parts.length) fail(`${rel} over HTTP:\n  ${parts.join('\n  ')}`);
  });

  // ---------------- over file://
  const fpage = worker.file.page;
  worker.file.log = emptyLog();
  await load(fpage, fileUrlOf(root, rel));

  await step('file://: links and form actions resolve to files inside SITE_DIR', async () => {
    const facts = await fpage.evaluate(linkFacts);
    const problems = linkProblems(root, fpage.url(), facts);
    if (problems.length) fail(`${rel} opened from file://:\n  - ${problems.join('\n  - ')}`);
  });

  if (screenshot) await searchSmoke(fpage);

  await step('file://: no request outside SITE_DIR, no failed loads, no console errors', async () => {
    const parts = reportLog(worker.file.log, 'SITE_DIR');
    if (parts.length) fail(`${rel} opened from file://:\n  ${parts.join('\n  ')}`);
  });
}

// ------------------------------------------------------------------ the test

test('browser checks of every page (axe-core, structure, keyboard, reflow, offline)', {
  concurrency: PAGE_CONCURRENCY,
}, async (t) => {
  const root = siteDir();
  const all = requirePages(root);
  const sel = selectPages(all);
  console.log(`SITE_DIR=${root}: ${sel.note}`);
  t.diagnostic(sel.note);

  const shots = screenshotTargets(all);
  rmSync(SCREENS_DIR, { recursive: true, force: true });
  mkdirSync(SCREENS_DIR, { recursive: true });

  const browser = await launchBrowser();
  const server = await startServer(root);
  const workers = pool(PAGE_CONCURRENCY, () => newWorker(browser, server, root));
  const incomplete = new Map();
  const started = Date.now();
  const targets = [...new Set([...sel.pages, ...shots])];
  try {
    await Promise.all(targets.map((rel) => t.test(rel, { timeout: 180_000 }, async (pt) => {
      const worker = await workers.acquire();
      let healthy = false;
      try {
        await checkPage(pt, { worker, server, root, rel, screenshot: shots.has(rel), incomplete });
        healthy = true;
      } finally {
        await workers.release(worker, healthy);
      }
    })));
  } finally {
    await workers.close();
    await server.close();
    await browser.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const msgs = [`checked ${targets.length} page(s) in ${secs}s${sel.sampled ? ' (SAMPLED, see above)' : ''}`,
    `screenshots: ${[...shots].join(', ') || 'none'} → ${path.relative(process.cwd(), SCREENS_DIR) || SCREENS_DIR}`];
  for (const [id, pages] of [...incomplete].sort()) {
    msgs.push(`axe "needs review" (not a failure): ${id} on ${pages.size} page(s), e.g. ${[...pages].slice(0, 3).join(', ')}`);
  }
  for (const m of msgs) {
    console.log(m);
    t.diagnostic(m);
  }
});
