// Site search for search.html. Everything runs in the browser from script files that
// hoshin builds (src/search.rs): search/index.js (sizes), search/s<N>.js (postings
// shards) and search/d<N>.js (directive text for snippets). They are loaded on demand
// with <script> tags, never fetched, so search works from file:// and over HTTP alike.
(function () {
  "use strict";

  var PAGE = 20;
  var BASE = 45;
  var DIGITS = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{}";
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < DIGITS.length; d++) { DIGIT[DIGITS.charCodeAt(d)] = d; }

  var WORD = 1, CJK = 2, SEP = 3, SPACE = 4;
  var JOINER = /[\p{M}\uFF9E\uFF9F]/u;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  // White_Space, as Rust's char::is_whitespace (\s differs: U+0085, U+FEFF).
  var WHITE = /^\p{White_Space}$/u;

  var app = document.getElementById("search-app");
  var root = app ? app.getAttribute("data-root") : "";
  var state = { meta: null, shards: {}, chunks: {}, pending: {}, themes: null, words: null };
  var MAX_EXPANSIONS = 30;

  // ---- Normalisation: the same function as `search::normalize` in Rust. ----

  function enclosedNumber(cp) { return cp >= 0x2460 && cp <= 0x24FF; }

  var classCache = new Map();
  function classOf(c) {
    var k = classCache.get(c);
    if (k === undefined) {
      var cp = c.codePointAt(0);
      if (WHITE.test(c)) { k = SPACE; } else if (enclosedNumber(cp)) { k = SEP; } else if (ALNUM.test(c)) { k = cp < 0x2E80 ? WORD : CJK; } else { k = SEP; }
      classCache.set(c, k);
    }
    return k;
  }

  // Characters that NFKC and lower-casing leave as they are, unless a combining mark
  // follows: kanji, hiragana, katakana (not 「・」), lower-case ASCII letters and digits.
  function isStable(cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096) ||
      (cp >= 0x30A1 && cp <= 0x30FA) || cp === 0x30FC ||
      (cp >= 0x61 && cp <= 0x7A) || (cp >= 0x30 && cp <= 0x39);
  }

  // Rounds of NFKC and lower case after the first, at most (MAX_FOLDS in Rust).
  var MAX_FOLDS = 4;

  function nfkcLower(s) {
    return Array.from(s.normalize("NFKC")).map(function (c) { return c.toLowerCase(); }).join("");
  }

  // NFKC, then lower case per character, repeated until that changes nothing (lower
  // case can undo NFKC: İ + U+3099).
  var foldCache = new Map();
  function fold(cluster) {
    var out = foldCache.get(cluster);
    if (out === undefined) {
      out = nfkcLower(cluster);
      for (var n = 0; n < MAX_FOLDS; n++) {
        var next = nfkcLower(out);
        if (next === out) { break; }
        out = next;
      }
      foldCache.set(cluster, out);
    }
    return out;
  }

  // Returns the normalised characters and, for each, the UTF-16 range of the original
  // text it came from. Idempotent, like the Rust function: a combining mark whose base
  // character is dropped (「・」, a space, or none at all) goes with it.
  function normalize(text) {
    var raw = [], rawFrom = [], rawTo = [];
    var i = 0;
    while (i < text.length) {
      var start = i;
      var cp = text.codePointAt(i);
      i += cp > 0xFFFF ? 2 : 1;
      while (i < text.length) {
        var ncp = text.codePointAt(i);
        if (ncp < 0x300 || isStable(ncp) || !JOINER.test(String.fromCodePoint(ncp))) { break; }
        i += ncp > 0xFFFF ? 2 : 1;
      }
      if (i - start === 1 && isStable(cp)) {
        raw.push(text[start]);
        rawFrom.push(start);
        rawTo.push(i);
        continue;
      }
      var first = String.fromCodePoint(cp);
      var out = enclosedNumber(cp) ? first : fold(text.slice(start, i));
      var base = false;
      for (var c of out) {
        if (JOINER.test(c)) {
          if (!base) { continue; }
        } else if (c === "・") {
          base = false;
          continue;
        } else if (WHITE.test(c)) {
          c = " ";
          base = false;
        } else {
          base = true;
        }
        raw.push(c);
        rawFrom.push(start);
        rawTo.push(i);
      }
    }
    var chars = [], from = [], to = [];
    for (var k = 0; k < raw.length; k++) {
      if (raw[k] === " ") {
        var before = chars.length ? classOf(chars[chars.length - 1]) : 0;
        var after = 0;
        for (var m = k + 1; m < raw.length; m++) {
          if (raw[m] !== " ") { after = classOf(raw[m]); break; }
        }
        if (before !== WORD || after !== WORD) { continue; }
      }
      chars.push(raw[k]);
      from.push(rawFrom[k]);
      to.push(rawTo[k]);
    }
    return { chars: chars, from: from, to: to };
  }

  // The query's terms: split at spaces (half- or full-width) and at punctuation; all
  // must match (AND). Each term is an array of normalised characters. The parts go
  // through normalize() as they are, as directive text does in Rust: NFKC of the whole
  // query first would compose across the clusters that normalize() keeps apart.
  function queryTerms(q) {
    var terms = [], seen = {};
    q.split(/\p{White_Space}+/u).forEach(function (part) {
      var term = [];
      var flush = function () {
        var key = term.join("");
        if (key && !seen[key]) { seen[key] = true; terms.push(term); }
        term = [];
      };
      normalize(part).chars.forEach(function (c) {
        var k = classOf(c);
        if (k === WORD || k === CJK) { term.push(c); } else { flush(); }
      });
      flush();
    });
    return terms;
  }

  // The tokens whose positions, chained, prove an exact occurrence of the term: whole
  // Latin words, and bigrams covering every Japanese character. A lone Japanese
  // character is looked up as a unigram.
  function cover(t) {
    if (t.length === 1 && classOf(t[0]) === CJK) { return [{ key: t[0], off: 0, uni: true }]; }
    var parts = [], covered = [];
    var i;
    for (i = 0; i < t.length; i++) {
      if (classOf(t[i]) === WORD && (i === 0 || classOf(t[i - 1]) !== WORD)) {
        var j = i;
        while (j < t.length && classOf(t[j]) === WORD) { j++; }
        parts.push({ key: t.slice(i, j).join(""), off: i });
      }
    }
    for (i = 0; i < t.length; i++) {
      if (classOf(t[i]) === CJK && !covered[i]) {
        var s = i + 1 < t.length ? i : i - 1;
        parts.push({ key: t[s] + t[s + 1], off: s });
        covered[s] = covered[s + 1] = true;
      }
    }
    return parts;
  }

  // ---- Index files ----

  function shardOf(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % state.meta.shards;
  }

  function loadScript(name, isLoaded) {
    if (isLoaded()) { return Promise.resolve(); }
    if (!state.pending[name]) {
      state.pending[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "search/" + name + ".js";
        s.onload = function () { isLoaded() ? resolve() : reject(new Error(name)); };
        s.onerror = function () { delete state.pending[name]; reject(new Error(name)); };
        document.head.appendChild(s);
      });
    }
    return state.pending[name];
  }

  function loadShard(n) { return loadScript("s" + n, function () { return !!state.shards[n]; }); }
  function loadChunk(n) { return loadScript("d" + n, function () { return !!state.chunks[n]; }); }

  function decode(s) {
    var out = new Int32Array(s.length), n = 0, v = 0, mul = 1;
    for (var i = 0; i < s.length; i++) {
      var dg = DIGIT[s.charCodeAt(i)];
      if (dg >= BASE) { v += (dg - BASE) * mul; mul *= BASE; } else { out[n++] = v + dg * mul; v = 0; mul = 1; }
    }
    return out.subarray(0, n);
  }

  function lookup(key) {
    var shard = state.shards[shardOf(key)];
    return (shard && shard.get(key)) || null;
  }

  // Per doc: delta × 2 + (count > 1), [count], positions (first, then deltas).
  // Decoded into flat arrays: docs[k] has positions pos[start[k] .. start[k + 1]).
  function positional(enc) {
    var nums = decode(enc);
    var docs = new Int32Array(nums.length), start = new Int32Array(nums.length + 1);
    var pos = new Int32Array(nums.length);
    var nd = 0, np = 0, doc = 0, i = 0;
    while (i < nums.length) {
      doc += nums[i] >> 1;
      var n = 1;
      if (nums[i] & 1) { i++; n = nums[i]; }
      docs[nd] = doc;
      start[nd] = np;
      nd++;
      var p = 0;
      for (var k = 1; k <= n; k++) { p += nums[i + k]; pos[np++] = p; }
      i += 1 + n;
    }
    start[nd] = np;
    return { n: nd, docs: docs, start: start, pos: pos };
  }

  function hasPosition(pos, lo, hi, p) {
    hi--;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (pos[mid] === p) { return true; }
      if (pos[mid] < p) { lo = mid + 1; } else { hi = mid - 1; }
    }
    return false;
  }

  // doc → { n: occurrences, title: matched in the caption }
  function evalTerm(parts) {
    var result = new Map();
    if (parts[0].uni) {
      var enc = lookup(parts[0].key);
      if (enc === null) { return result; }
      var nums = decode(enc), doc = 0;
      for (var i = 0; i < nums.length; i += 2) {
        doc += nums[i];
        result.set(doc, { n: nums[i + 1] >> 1, title: (nums[i + 1] & 1) === 1 });
      }
      return result;
    }
    var lists = [];
    for (var p = 0; p < parts.length; p++) {
      var e = lookup(parts[p].key);
      if (e === null) { return result; }
      lists.push({ off: parts[p].off, l: positional(e), at: 0 });
    }
    lists.sort(function (a, b) { return a.l.n - b.l.n; });
    var span = state.meta.titleSpan, first = lists[0].l;
    outer: for (var k = 0; k < first.n; k++) {
      var docId = first.docs[k];
      for (var j = 1; j < lists.length; j++) {
        var o = lists[j], l = o.l;
        while (o.at < l.n && l.docs[o.at] < docId) { o.at++; }
        if (o.at >= l.n) { break outer; }
        if (l.docs[o.at] !== docId) { continue outer; }
      }
      var n = 0, title = false;
      for (var s = first.start[k]; s < first.start[k + 1]; s++) {
        var base = first.pos[s] - lists[0].off, ok = true;
        for (var m = 1; m < lists.length && ok; m++) {
          var lm = lists[m].l, at = lists[m].at;
          ok = hasPosition(lm.pos, lm.start[at], lm.start[at + 1], base + lists[m].off);
        }
        if (ok) { n++; if (base < span) { title = true; } }
      }
      if (n > 0) { result.set(docId, { n: n, title: title }); }
    }
    return result;
  }

  // A term of Latin letters and digits only matches words that start with it: each such
  // word is looked up (at most MAX_EXPANSIONS of them) and the results are merged.
  function expansions(t) {
    var word = t.join("");
    if (!t.every(function (c) { return classOf(c) === WORD; })) { return null; }
    var out = [], words = state.words || [];
    var lo = 0, hi = words.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < word) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < words.length && out.length < MAX_EXPANSIONS && words[i].startsWith(word); i++) {
      out.push(words[i]);
    }
    return out;
  }

  function evalPlan(plan) {
    if (!plan.words) { return evalTerm(plan.parts); }
    var result = new Map();
    plan.words.forEach(function (w) {
      evalTerm([{ key: w, off: 0 }]).forEach(function (r, doc) {
        var have = result.get(doc);
        if (have) { have.n += r.n; have.title = have.title || r.title; } else { result.set(doc, r); }
      });
    });
    return result;
  }

  // Directives whose テーマ name contains the term count one occurrence per テーマ.
  function addThemes(result, term) {
    var needle = term.join("");
    (state.themes || []).forEach(function (t) {
      if (t.norm.indexOf(needle) < 0) { return; }
      t.docs.forEach(function (doc) {
        var r = result.get(doc);
        if (r) { r.n++; } else { result.set(doc, { n: 1, title: false }); }
      });
    });
    return result;
  }

  // Ranking: caption matches first, then occurrences, then policy order.
  function rank(termResults) {
    termResults.sort(function (a, b) { return a.size - b.size; });
    var hits = [];
    termResults[0].forEach(function (_, docId) {
      var titles = 0, n = 0;
      for (var i = 0; i < termResults.length; i++) {
        var r = termResults[i].get(docId);
        if (!r) { return; }
        n += r.n;
        if (r.title) { titles++; }
      }
      hits.push({ doc: docId, titles: titles, n: n });
    });
    hits.sort(function (a, b) { return b.titles - a.titles || b.n - a.n || a.doc - b.doc; });
    return hits;
  }

  // ---- Snippets ----

  // UTF-16 ranges of the original text where any term occurs (normalised match).
  function matchRanges(text, terms) {
    var norm = normalize(text), uFrom = [], uTo = [];
    norm.chars.forEach(function (c, i) {
      for (var u = 0; u < c.length; u++) { uFrom.push(norm.from[i]); uTo.push(norm.to[i]); }
    });
    var hay = norm.chars.join(""), ranges = [];
    terms.forEach(function (t) {
      var needle = t.join("");
      for (var at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
        ranges.push([uFrom[at], uTo[at + needle.length - 1]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push([r[0], r[1]]); }
    });
    return merged;
  }

  function appendMarked(parent, text, from, to, ranges) {
    var at = from;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], from), e = Math.min(r[1], to);
      if (e <= s) { return; }
      if (s > at) { parent.appendChild(document.createTextNode(text.slice(at, s))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      parent.appendChild(mark);
      at = e;
    });
    if (at < to) { parent.appendChild(document.createTextNode(text.slice(at, to))); }
  }

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  // rec: [id, citation, title, body, [[offset, number], …]]
  function renderHit(doc, rec, terms) {
    var id = rec[0], citation = rec[1], title = rec[2];
    var body = rec[3], subs = rec[4];
    var themes = state.themes.filter(function (t) { return t.docs.has(doc); })
      .map(function (t) { return t.name; }).join("、");
    var url = state.meta.directiveUrl.replace("{id}", id);
    var li = el("li", "search-hit");
    var bodyRanges = matchRanges(body, terms);
    var anchor = "", cite = citation;
    if (bodyRanges.length) {
      var first = bodyRanges[0][0];
      subs.forEach(function (s) {
        if (s[0] <= first && body.slice(s[0], first).indexOf("\n") < 0) {
          anchor = "#" + id + "-" + s[1];
          cite = citation + String.fromCharCode(0x245F + s[1]);
        }
      });
    }
    var h = el("h2", "search-hit-title");
    var a = el("a");
    a.href = root + url + anchor;
    a.appendChild(el("span", "num", cite));
    a.appendChild(document.createTextNode(" "));
    appendMarked(a, title, 0, title.length, matchRanges(title, terms));
    h.appendChild(a);
    li.appendChild(h);
    var p = el("p", "search-snippet");
    if (bodyRanges.length || !themes) {
      var center = bodyRanges.length ? bodyRanges[0][0] : 0;
      var start = Math.max(0, center - 40);
      var paragraph = body.lastIndexOf("\n", center - 1) + 1;
      if (paragraph > start) { start = paragraph; }
      var end = Math.min(body.length, start + 120);
      if (start > 0) { p.appendChild(document.createTextNode("…")); }
      appendMarked(p, body, start, end, bodyRanges);
      if (end < body.length) { p.appendChild(document.createTextNode("…")); }
    } else {
      p.appendChild(document.createTextNode("テーマ："));
      appendMarked(p, themes, 0, themes.length, matchRanges(themes, terms));
    }
    li.appendChild(p);
    return li;
  }

  // ---- The page ----

  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var current = null;
  // Milliseconds spent once the index files were loaded (read by the benchmark).
  var timing = { rank: 0, render: 0 };

  function say(text) { status.textContent = text; }

  function showMore() {
    var q = current, meta = state.meta;
    var slice = q.hits.slice(q.shown, q.shown + PAGE);
    var chunks = {};
    slice.forEach(function (h) { chunks[Math.floor(h.doc / meta.docsPerChunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return loadChunk(+c); })).then(function () {
      var t0 = performance.now();
      slice.forEach(function (h) {
        var rec = state.chunks[Math.floor(h.doc / meta.docsPerChunk)][h.doc % meta.docsPerChunk];
        list.appendChild(renderHit(h.doc, rec, q.terms));
      });
      timing.render = performance.now() - t0;
      q.shown += slice.length;
      more.hidden = q.shown >= q.hits.length;
    });
  }

  function run(query) {
    var terms = queryTerms(query);
    list.textContent = "";
    more.hidden = true;
    if (!terms.length) {
      say("検索する語を入力してください。");
      return Promise.resolve();
    }
    say("検索しています…");
    var plans;
    return Promise.all([
      loadScript("t", function () { return !!state.themes; }),
      loadScript("w", function () { return !!state.words; }),
    ]).then(function () {
      var shards = {};
      plans = terms.map(function (t) {
        var plan = { parts: cover(t), words: expansions(t) };
        (plan.words || plan.parts.map(function (p) { return p.key; })).forEach(function (k) { shards[shardOf(k)] = true; });
        return plan;
      });
      return Promise.all(Object.keys(shards).map(function (s) { return loadShard(+s); }));
    }).then(function () {
      var t0 = performance.now();
      var hits = rank(plans.map(function (plan, i) { return addThemes(evalPlan(plan), terms[i]); }));
      timing.rank = performance.now() - t0;
      current = { terms: terms, hits: hits, shown: 0 };
      if (!hits.length) {
        say("「" + query + "」に一致する方針は見つかりませんでした。別の語句で検索するか、テーマ別索引からお探しください。");
        return;
      }
      return showMore().then(function () {
        say("「" + query + "」に一致する方針は" + hits.length + "件です。" +
          (hits.length > current.shown ? "上位" + current.shown + "件を表示しています。" : ""));
      });
    }).catch(function () {
      say("検索索引を読み込めませんでした。ページを再読み込みしてください。");
    });
  }

  window.hoshinSearch = {
    init: function (meta) {
      state.meta = meta;
      var q = new URLSearchParams(window.location.search).get("q") || "";
      var input = document.getElementById("site-search-q");
      if (input) { input.value = q; }
      if (q.trim()) { document.title = "「" + q.trim() + "」の検索結果｜" + document.title; }
      window.hoshinSearch.done = run(q.trim());
    },
    // See `shard_text` in src/search.rs: "~" CJK character + unigram postings,
    // "|" character + bigram postings (first character from the entry before),
    // " " token " " postings.
    shard: function (n, text) {
      var map = new Map(), i = 0, lead = "";
      while (i < text.length) {
        var marker = text[i++], key;
        if (marker === " ") {
          var sp = text.indexOf(" ", i);
          key = text.slice(i, sp);
          i = sp + 1;
          lead = String.fromCodePoint(key.codePointAt(0));
        } else {
          var c = String.fromCodePoint(text.codePointAt(i));
          i += c.length;
          if (marker === "~") { lead = c; key = c; } else { key = lead + c; }
        }
        var end = i;
        while (end < text.length) {
          var ch = text.charCodeAt(end);
          if (ch === 32 || ch === 124 || ch === 126) { break; }
          end++;
        }
        map.set(key, text.slice(i, end));
        i = end;
      }
      state.shards[n] = map;
    },
    // [[name, directives (delta-encoded)], …]
    words: function (list) { state.words = list ? list.split(" ") : []; },
    themes: function (list) {
      state.themes = list.map(function (t) {
        var docs = new Set(), doc = 0;
        decode(t[1]).forEach(function (d) { doc += d; docs.add(doc); });
        return { name: t[0], norm: normalize(t[0]).chars.join(""), docs: docs };
      });
    },
    docs: function (n, records) { state.chunks[n] = records; },
    // For tests and benchmarks: the same functions the page uses.
    normalize: function (text) { return normalize(text).chars.join(""); },
    search: run,
    timing: timing,
  };

  if (more) {
    more.addEventListener("click", function () {
      var next = list.children.length;
      showMore().then(function () {
        var link = list.children[next] && list.children[next].querySelector("a");
        if (link) { link.focus(); }
      });
    });
  }
})();
