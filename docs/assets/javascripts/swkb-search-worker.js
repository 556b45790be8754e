/* 社工站政策知识库 search worker.
 *
 * Replaces Material's lunr worker behind Material's own search box: same message protocol
 * (SETUP 0 → READY 1, QUERY 2 → RESULT 3), same result shape, so the look, the keyboard
 * behaviour and the result list stay Material's. What changes is how a query is understood:
 *
 * - Traditional characters are mapped to Simplified, letters lower-cased;
 * - Chinese is segmented against our vocabulary (jieba's words over our pages plus the domain
 *   dictionary), so every word of a query typed without spaces counts, the last one included;
 * - each word matches anywhere inside longer words (救助 finds 社会救助服务), and its glossary
 *   synonyms count as the same word (低保 finds 最低生活保障);
 * - latin letters match the pinyin of titles and names (changshu, yanglao);
 * - a page whose name *is* the query ranks above pages that only mention it.
 *
 * Every text returned is HTML-escaped here; the only markup added is <mark> around matches.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_GROUPS = 100;
var state = null;
var lastQuery = null;

/* ---------------------------------------------------------------------------------------- */
/* Normalisation                                                                            */
/* ---------------------------------------------------------------------------------------- */

var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
var SPLIT = /[\s,，。.、；;:：!！?？"“”'‘’()（）\[\]【】<>《》·—_\/|~`]+/;

function normalize(text, t2s) {
  var out = "";
  var s = (text || "").normalize("NFKC").toLowerCase();
  for (var i = 0; i < s.length; i++) {
    var c = s[i];
    out += t2s[c] || c;
  }
  return out;
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* ---------------------------------------------------------------------------------------- */
/* Setup                                                                                    */
/* ---------------------------------------------------------------------------------------- */

function prepareDoc(d, t2s) {
  var names = (d.names || []).map(function (n) { return normalize(n, t2s); });
  return {
    location: d.location,
    page: d.location.split("#")[0],
    isPage: d.location.indexOf("#") < 0,
    title: d.title || "",
    text: d.text || "",
    titleN: normalize(d.title, t2s),
    textN: normalize(d.text, t2s),
    names: names,
    py: (d.py || []).map(function (p) { return p.toLowerCase(); })
  };
}

/* A large index comes as a head (every page's title and names) plus shards (texts and sections),
 * loaded after the first results; the current query is answered again as each one arrives. */
function loadShards(paths) {
  var root = new URL("../../", self.location.href);
  paths.reduce(function (previous, path) {
    return previous.then(function () {
      return fetch(new URL(path, root)).then(function (r) { return r.json(); }).then(function (shard) {
        shard.docs.forEach(function (d) {
          var existing = state.pages.get(d.location);
          if (existing && d.location.indexOf("#") < 0) {
            existing.text = d.text || ""; existing.textN = normalize(d.text, state.t2s);
          } else {
            state.docs.push(prepareDoc(d, state.t2s));
          }
        });
        if (lastQuery) postMessage({ type: RESULT, data: search(lastQuery) });
      });
    });
  }, Promise.resolve()).catch(function (err) { console.warn("search shard failed", err); });
}

function setup(data) {
  var cfg = (data.config && data.config.swkb) || {};
  var t2s = cfg.t2s || {};
  var words = new Set();
  var maxWord = 2;
  (cfg.words || []).forEach(function (w) { words.add(normalize(w, t2s)); });
  var synonyms = new Map();
  (cfg.synonyms || []).forEach(function (group) {
    var normal = group.map(function (w) { return normalize(w, t2s); });
    normal.forEach(function (w) { words.add(w); synonyms.set(w, normal); });
  });
  var docs = data.docs.map(function (d) {
    var doc = prepareDoc(d, t2s);
    doc.names.forEach(function (n) { words.add(n); });
    return doc;
  });
  words.forEach(function (w) { if (w.length > maxWord) maxWord = Math.min(w.length, 16); });
  state = { t2s: t2s, words: words, maxWord: maxWord, synonyms: synonyms, docs: docs,
            pages: new Map(docs.filter(function (d) { return d.isPage; }).map(function (d) { return [d.location, d]; })) };
}

/* ---------------------------------------------------------------------------------------- */
/* Query parsing                                                                            */
/* ---------------------------------------------------------------------------------------- */

/* Split a run of Han characters into words: fewest pieces, known words preferred; characters
 * no word covers stay together as one piece, matched as a substring. */
function segmentHan(run) {
  var n = run.length, words = state.words;
  var cost = new Array(n + 1), step = new Array(n);
  cost[n] = 0;
  for (var i = n - 1; i >= 0; i--) {
    cost[i] = cost[i + 1] + 3; step[i] = -1;  // unknown character
    for (var len = Math.min(state.maxWord, n - i); len >= 2; len--) {
      if (words.has(run.substr(i, len)) && cost[i + len] + 1 < cost[i]) {
        cost[i] = cost[i + len] + 1; step[i] = len;
      }
    }
  }
  var pieces = [], pending = "";
  for (var j = 0; j < n;) {
    if (step[j] > 0) {
      if (pending) { pieces.push({ text: pending, known: false }); pending = ""; }
      pieces.push({ text: run.substr(j, step[j]), known: true }); j += step[j];
    } else { pending += run[j]; j += 1; }
  }
  if (pending) pieces.push({ text: pending, known: false });
  // A stray character next to a word usually belongs to it (督导 + 员 = 督导员): join them
  // whenever the joined string occurs in our pages.
  for (var k = 0; k < pieces.length; k++) {
    if (pieces[k].known || pieces[k].text.length !== 1) continue;
    var prev = pieces[k - 1], next = pieces[k + 1];
    if (prev && corpusHas(prev.text + pieces[k].text)) {
      prev.text += pieces[k].text; pieces.splice(k, 1); k--;
    } else if (next && corpusHas(pieces[k].text + next.text)) {
      next.text = pieces[k].text + next.text; pieces.splice(k, 1); k--;
    }
  }
  return pieces.map(function (p) { return p.text; });
}

function corpusHas(text) {
  return state.docs.some(function (d) { return d.titleN.indexOf(text) >= 0 || d.textN.indexOf(text) >= 0; });
}

function parseQuery(raw) {
  var query = normalize(raw, state.t2s).trim();
  var segments = [];
  query.split(SPLIT).filter(Boolean).forEach(function (chunk) {
    (chunk.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z]+|[0-9]+(?:\.[0-9]+)?|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]+/g) || [])
      .forEach(function (run) {
        if (HAN.test(run)) segmentHan(run).forEach(function (p) { segments.push({ text: p, latin: false }); });
        else segments.push({ text: run, latin: /^[a-z]+$/.test(run) });
      });
  });
  // The same word twice counts once.
  var seen = new Set();
  segments = segments.filter(function (s) { if (seen.has(s.text)) return false; seen.add(s.text); return true; });
  segments.forEach(function (s) { s.forms = s.latin ? [s.text] : (state.synonyms.get(s.text) || [s.text]); });
  var whole = segments.map(function (s) { return s.text; }).join("");
  return { segments: segments, whole: whole, wholeForms: state.synonyms.get(whole) || [whole] };
}

/* ---------------------------------------------------------------------------------------- */
/* Matching and ranking                                                                     */
/* ---------------------------------------------------------------------------------------- */

function count(haystack, needle) {
  var n = 0, at = haystack.indexOf(needle);
  while (at >= 0 && n < 5) { n++; at = haystack.indexOf(needle, at + needle.length); }
  return n;
}

/* How well one doc matches one query word: 0 when it does not. */
function scoreSegment(doc, seg) {
  var best = 0;
  seg.forms.forEach(function (form) {
    var s = 0;
    if (seg.latin) {
      doc.py.forEach(function (p, i) {
        if (p === form) s = Math.max(s, i > 0 ? 60 : 40);      // the pinyin of a name, e.g. changshu
        else if (p.indexOf(form) === 0) s = Math.max(s, 18);
        else if (form.length >= 4 && p.indexOf(form) > 0) s = Math.max(s, 10);
      });
    }
    // A piece of a name or title counts more the more of it the query covers: 救助 is most of
    // 社会救助 and only a sliver of a thirty-character document title.
    doc.names.forEach(function (name) {
      if (name === form) s = Math.max(s, 60);
      else if (name.indexOf(form) >= 0) s = Math.max(s, 12 + 20 * form.length / name.length);
    });
    if (doc.titleN === form) s = Math.max(s, 30);
    else if (doc.titleN.indexOf(form) >= 0) s = Math.max(s, 8 + 10 * form.length / doc.titleN.length);
    var c = count(doc.textN, form);
    if (c) s = Math.max(s, 2 + 0.6 * c);
    best = Math.max(best, s);
  });
  return best;
}

function wholeBonus(doc, q) {
  var bonus = 0;
  q.wholeForms.forEach(function (form) {
    if (doc.names.indexOf(form) >= 0) bonus += 120;
    if (doc.titleN === form) bonus += 40;
    else if (doc.titleN.indexOf(form) >= 0) bonus += 12;
    if (q.segments.length > 1 && doc.textN.indexOf(form) >= 0) bonus += 4;
  });
  return bonus;
}

/* A page matches a word when the page or any of its sections does: "every word counts" is
 * judged per page, so a title word and a word further down the same page both count. */
function search(raw) {
  var q = parseQuery(raw);
  if (!q.segments.length) return { items: [] };
  var n = q.segments.length;
  var pages = new Map();
  state.docs.forEach(function (doc) {
    var scores = q.segments.map(function (seg) { return scoreSegment(doc, seg); });
    var own = 0, any = false;
    scores.forEach(function (s) { own += s; if (s > 0) any = true; });
    if (!any) return;
    var page = pages.get(doc.page);
    if (!page) { page = { best: new Array(n).fill(0), bonus: 0, hits: [] }; pages.set(doc.page, page); }
    scores.forEach(function (s, k) { if (s > page.best[k]) page.best[k] = s; });
    page.bonus = Math.max(page.bonus, wholeBonus(doc, q) + (doc.isPage ? 1 : 0));
    page.hits.push({ doc: doc, score: own + wholeBonus(doc, q) });
  });

  var ranked = [];
  var mostMatched = 0;
  pages.forEach(function (page, location) {
    var matched = 0, total = page.bonus, terms = {};
    page.best.forEach(function (s, k) { terms[q.segments[k].text] = s > 0; if (s > 0) { matched++; total += s; } });
    mostMatched = Math.max(mostMatched, matched);
    ranked.push({ location: location, page: page, matched: matched, score: total, terms: terms });
  });
  // Every word counts: only pages with the most words found (all of them, whenever any page has all).
  ranked = ranked.filter(function (r) { return r.matched === mostMatched; });
  ranked.sort(function (a, b) { return b.score - a.score || a.location.localeCompare(b.location); });

  var needles = [];
  q.segments.forEach(function (s) { if (!s.latin) s.forms.forEach(function (f) { needles.push(f); }); });
  q.wholeForms.forEach(function (f) { needles.push(f); });

  var items = ranked.slice(0, MAX_GROUPS).map(function (r) {
    var pageDoc = state.pages.get(r.location);
    var sections = r.page.hits.filter(function (h) { return !h.doc.isPage; })
      .sort(function (a, b) { return b.score - a.score; })
      .map(function (h) { return item(h.doc, h.score, r.terms, needles); });
    var head = pageDoc ? [item(pageDoc, r.score, r.terms, needles)] : [];
    return head.concat(sections);
  });
  return { items: items };
}

/* ---------------------------------------------------------------------------------------- */
/* Display                                                                                  */
/* ---------------------------------------------------------------------------------------- */

function ranges(normalized, needles) {
  var found = [];
  needles.forEach(function (n) {
    if (!n) return;
    var at = normalized.indexOf(n);
    while (at >= 0) { found.push([at, at + n.length]); at = normalized.indexOf(n, at + n.length); }
  });
  found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var merged = [];
  found.forEach(function (r) {
    var last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  });
  return merged;
}

/* Escape `text` and wrap the matched ranges in <mark>, within [from, to). */
function highlight(text, spans, from, to) {
  var out = "", at = from;
  spans.forEach(function (r) {
    if (r[1] <= from || r[0] >= to) return;
    var a = Math.max(r[0], from), b = Math.min(r[1], to);
    out += escapeHTML(text.slice(at, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>";
    at = b;
  });
  return out + escapeHTML(text.slice(at, to));
}

function item(doc, score, terms, needles) {
  var titleSpans = ranges(doc.titleN, needles);
  var textSpans = ranges(doc.textN, needles);
  var start = 0, end = Math.min(doc.text.length, 160);
  if (textSpans.length && textSpans[0][0] > 60) {        // show the text around the first match
    start = textSpans[0][0] - 30;
    end = Math.min(doc.text.length, start + 160);
  }
  var text = highlight(doc.text, textSpans, start, end);
  return {
    location: doc.location,
    title: highlight(doc.title, titleSpans, 0, doc.title.length),
    text: doc.text ? "<p>" + (start > 0 ? "…" : "") + text + (end < doc.text.length ? "…" : "") + "</p>" : "",
    score: score,
    terms: terms
  };
}

/* ---------------------------------------------------------------------------------------- */
/* Protocol                                                                                 */
/* ---------------------------------------------------------------------------------------- */

self.addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    setup(message.data);
    postMessage({ type: READY });
    var shards = (message.data.config.swkb || {}).shards || [];
    if (shards.length) loadShards(shards);
  } else if (message.type === QUERY) {
    var result;
    lastQuery = message.data;
    try {
      result = state ? search(message.data) : { items: [] };
    } catch (err) {
      console.warn("search failed", err);
      result = { items: [] };
    }
    postMessage({ type: RESULT, data: result });
  }
});
