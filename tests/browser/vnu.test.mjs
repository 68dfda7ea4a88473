// Nu Html Checker (vnu.jar from the vnu-jar npm package) on every page of
// SITE_DIR, in as few JVMs as possible (one, unless the command line would get
// too long). Any error fails; warnings are not reported (--errors-only).

import { spawn } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import { fail, javaPath, requirePages, siteDir, truncate, vnuJarPath } from './lib.mjs';

const MAX_ARG_BYTES = 1_000_000; // well below Linux ARG_MAX (2 MiB)

function runVnu(java, jar, files) {
  return new Promise((resolve, reject) => {
    const child = spawn(java, ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function batches(files) {
  const out = [[]];
  let size = 0;
  for (const f of files) {
    if (size + f.length + 1 > MAX_ARG_BYTES && out.at(-1).length) {
      out.push([]);
      size = 0;
    }
    out.at(-1).push(f);
    size += f.length + 1;
  }
  return out;
}

test('Nu Html Checker: no errors on any page', { timeout: 600_000 }, async (t) => {
  const root = siteDir();
  const pages = requirePages(root);
  const java = javaPath();
  const jar = vnuJarPath();
  const files = pages.map((rel) => path.join(root, ...rel.split('/')));

  const started = Date.now();
  const messages = [];
  for (const batch of batches(files)) {
    const { code, out, err } = await runVnu(java, jar, batch);
    // --format json writes {"messages":[...]} to stderr.
    let parsed;
    try {
      parsed = JSON.parse(err.trim() || out.trim());
    } catch {
      fail(`vnu exited ${code} without JSON output:\n${truncate(err || out, 2000)}`);
    }
    messages.push(...parsed.messages);
    if (code !== 0 && parsed.messages.length === 0) fail(`vnu exited ${code} but reported nothing:\n${truncate(err, 2000)}`);
  }
  const note = `vnu checked ${files.length} file(s) in ${((Date.now() - started) / 1000).toFixed(1)}s`;
  console.log(note);
  t.diagnostic(note);

  const problems = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : (a.lastLine ?? 0) - (b.lastLine ?? 0)));
  if (problems.length) {
    const lines = problems.slice(0, 200).map((m) => {
      let file = m.url || '?';
      try {
        file = path.relative(root, fileURLToPath(file));
      } catch { /* keep URL */ }
      const where = m.lastLine ? `:${m.firstLine && m.firstLine !== m.lastLine ? `${m.firstLine}-` : ''}${m.lastLine}` +
        `${m.lastColumn ? `:${m.lastColumn}` : ''}` : '';
      const extract = m.extract ? `\n      ${truncate(m.extract, 160)}` : '';
      return `  ${file}${where}: ${m.subType ? `[${m.subType}] ` : ''}${m.message}${extract}`;
    });
    if (problems.length > 200) lines.push(`  … and ${problems.length - 200} more`);
    fail(`Nu Html Checker found ${problems.length} error(s) in ` +
      `${new Set(problems.map((m) => m.url)).size} file(s):\n${lines.join('\n')}`);
  }
});
