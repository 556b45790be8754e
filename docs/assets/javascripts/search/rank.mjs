/* Finding and ranking results. A result is a page with its matching sections, or a result of
 * its own (a glossary term, a comparison row). Every word of the query counts; names rank above
 * mentions; a figure stated by a fact ranks above the same digits in running text; a concept
 * query brings its own entry first, then its services and posts, then regions and documents. */

import { normalizeKey } from "./normalize.mjs";
import { figureCount, figureMatch } from "./figures.mjs";
import { makeVocabulary, parseQuery } from "./query.mjs";

export const MAX_RESULTS = 100;
const CONCEPT_BONUS = [1000, 500, 300, 100];  // own entry, services, posts, regions and documents

export function prepareDoc(d, t2s) {
  const location = d.l;
  const page = location.split("#")[0];
  return {
    location, page, isPage: location.indexOf("#") < 0, alone: !!d.a, kind: d.k || "page",
    group: d.a ? location : page,
    title: d.t || "", text: d.x || "", context: d.c || "",
    titleN: normalizeKey(d.t, t2s), textN: normalizeKey(d.x, t2s),
    names: (d.n || []).map((n) => normalizeKey(n, t2s)),
    py: (d.p || []).map((p) => p.toLowerCase()),
    figures: d.u || [],
  };
}

export function prepare(data) {
  const cfg = (data.config && data.config.swkb) || {};
  const vocab = makeVocabulary(cfg);
  const docs = data.docs.map((d) => prepareDoc(d, vocab.t2s));
  docs.forEach((doc) => doc.names.forEach((n) => vocab.words.add(n)));
  vocab.words.forEach((w) => { if (w.length > vocab.maxWord) vocab.maxWord = Math.min(w.length, 16); });
  const concepts = (cfg.concepts || []).map((c) => ({
    forms: c.n.map((f) => normalizeKey(f, vocab.t2s)), family: !!c.f, related: c.r,
  }));
  const names = new Set();
  docs.forEach((d) => d.names.forEach((n) => names.add(n)));
  const state = { vocab, docs, concepts, names, kinds: cfg.kinds || {}, byLocation: new Map() };
  docs.forEach((d) => state.byLocation.set(d.location, d));
  return state;
}

/* A shard: texts of pages already loaded, and further sections and results. */
export function addShard(state, shard) {
  shard.docs.forEach((d) => {
    const existing = state.byLocation.get(d.l);
    if (existing && existing.isPage) {
      existing.text = d.x || ""; existing.textN = normalizeKey(d.x, state.vocab.t2s);
    } else {
      const doc = prepareDoc(d, state.vocab.t2s);
      state.docs.push(doc); state.byLocation.set(doc.location, doc);
    }
  });
}

function corpusHas(state) {
  return (text) => state.docs.some((d) => d.titleN.indexOf(text) >= 0 || d.textN.indexOf(text) >= 0);
}

function count(haystack, needle) {
  let n = 0, at = haystack.indexOf(needle);
  while (at >= 0 && n < 5) { n++; at = haystack.indexOf(needle, at + needle.length); }
  return n;
}

/* How well one doc matches one query word: 0 when it does not. */
export function scoreSegment(doc, seg) {
  let best = 0;
  seg.forms.forEach((form) => {
    let s = 0;
    if (seg.latin) {
      doc.py.forEach((p, i) => {
        if (p === form) s = Math.max(s, i > 0 ? 60 : 40);
        else if (p.indexOf(form) === 0) s = Math.max(s, 18);
        else if (form.length >= 4 && p.indexOf(form) > 0) s = Math.max(s, 10);
      });
    }
    // A piece of a name or title counts more the more of it the query covers.
    doc.names.forEach((name) => {
      if (name === form) s = Math.max(s, 60);
      else if (name.indexOf(form) >= 0) s = Math.max(s, 12 + 20 * form.length / name.length);
    });
    if (doc.titleN === form) s = Math.max(s, 30);
    else if (doc.titleN.indexOf(form) >= 0) s = Math.max(s, 8 + 10 * form.length / doc.titleN.length);
    const c = count(doc.textN, form);
    if (c) s = Math.max(s, 2 + 0.6 * c);
    best = Math.max(best, s);
  });
  return best;
}

/* A figure: stated by one of the doc's facts (70, or 35 inside a stated range), else its digits
 * and unit in the text. */
export function scoreFigure(doc, figure) {
  const stated = figureMatch(doc.figures, figure);
  if (stated === 2) return 70;
  if (stated === 1) return 35;
  const c = figureCount(doc.titleN, figure) + figureCount(doc.textN, figure);
  return c ? 6 + 0.5 * Math.min(c, 4) : 0;
}

function wholeBonus(doc, q) {
  let bonus = 0;
  q.wholeForms.forEach((form) => {
    if (!form) return;
    if (doc.names.indexOf(form) >= 0) bonus += 120;
    if (doc.titleN === form) bonus += 40;
    else if (doc.titleN.indexOf(form) >= 0) bonus += 12;
    if (q.segments.length > 1 && doc.textN.indexOf(form) >= 0) bonus += 4;
  });
  return bonus;
}

/* The concept the query is about: location → tier (0 own, 1 services, 2 posts, 3 regions, documents). */
export function conceptTiers(state, q) {
  const tiers = new Map();
  if (!q.whole || q.figures.length) return tiers;
  const wholes = new Set(q.wholeForms);
  // A family of people (老人, 残疾人 …) is meant when the query ends with one of its words and
  // names nothing else: 空巢老人, 重度残疾人, but not 广州慈善.
  const namesOther = q.segments.some((s) => state.names.has(s.text) && !state.concepts.some((c) => c.family && c.forms.indexOf(s.text) >= 0));
  state.concepts.forEach((c) => {
    const hit = c.forms.some((f) => wholes.has(f)) ||
      (c.family && !namesOther && q.whole.length <= 8 && c.forms.some((f) => f.length >= 2 && q.whole.endsWith(f)));
    if (!hit) return;
    c.related.forEach(([location, tier]) => {
      if (!tiers.has(location) || tiers.get(location) > tier) tiers.set(location, tier);
    });
  });
  return tiers;
}

/* Results for a query: {groups: [{location, kind, score, head, sections, terms}], counts, query}.
 * `facet` (a kind, or "") narrows the groups; counts are per kind before narrowing. */
export function search(state, raw, facet) {
  const q = parseQuery(raw, state.vocab, corpusHas(state));
  const units = q.segments.length + q.figures.length;
  if (!units) return { groups: [], counts: {}, query: q };
  const groups = new Map();
  const groupOf = (doc) => {
    let g = groups.get(doc.group);
    if (!g) {
      g = { location: doc.group, kind: doc.kind, best: new Array(units).fill(0), bonus: 0, hits: [] };
      groups.set(doc.group, g);
    }
    return g;
  };
  state.docs.forEach((doc) => {
    const scores = q.segments.map((seg) => scoreSegment(doc, seg)).concat(q.figures.map((f) => scoreFigure(doc, f)));
    let own = 0, any = false;
    scores.forEach((s) => { own += s; if (s > 0) any = true; });
    if (!any) return;
    const g = groupOf(doc);
    scores.forEach((s, k) => { if (s > g.best[k]) g.best[k] = s; });
    const bonus = wholeBonus(doc, q);
    g.bonus = Math.max(g.bonus, bonus + (doc.isPage || doc.alone ? 1 : 0));
    g.hits.push({ doc, score: own + bonus });
  });
  const tiers = conceptTiers(state, q);
  tiers.forEach((tier, location) => {
    const doc = state.byLocation.get(location);
    if (!doc) return;
    const g = groupOf(doc);
    g.concept = CONCEPT_BONUS[tier];
    g.best = g.best.map((s) => Math.max(s, 1));  // belongs to the concept: counts as matching
  });
  let ranked = [];
  let most = 0;
  groups.forEach((g) => {
    let matched = 0, total = g.bonus + (g.concept || 0);
    const terms = {};
    g.best.forEach((s, k) => {
      if (k < q.segments.length) terms[q.segments[k].text] = s > 0;
      if (s > 0) { matched++; total += s; }
    });
    most = Math.max(most, matched);
    ranked.push({ g, matched, score: total, terms });
  });
  ranked = ranked.filter((r) => r.matched === most);
  ranked.sort((a, b) => b.score - a.score || a.g.location.localeCompare(b.g.location));
  const counts = {};
  ranked.forEach((r) => { counts[r.g.kind] = (counts[r.g.kind] || 0) + 1; });
  if (facet) ranked = ranked.filter((r) => r.g.kind === facet);
  const out = ranked.slice(0, MAX_RESULTS).map((r) => {
    const head = state.byLocation.get(r.g.location) || r.g.hits[0].doc;
    const sections = r.g.hits.filter((h) => h.doc !== head && !h.doc.isPage)
      .sort((a, b) => b.score - a.score).map((h) => ({ doc: h.doc, score: h.score }));
    const headMatched = r.g.hits.some((h) => h.doc === head);
    return { location: r.g.location, kind: r.g.kind, score: r.score, head, headMatched, sections, terms: r.terms };
  });
  return { groups: out, counts, query: q };
}

/* What to mark in results: every form of every word, the whole query, the figures' key forms. */
export function needlesOf(q) {
  const needles = [];
  q.segments.forEach((s) => { if (!s.latin) s.forms.forEach((f) => needles.push(f)); });
  q.wholeForms.forEach((f) => { if (f) needles.push(f); });
  q.figures.forEach((f) => { if (!f.bare) needles.push(f.token); });
  return needles;
}
