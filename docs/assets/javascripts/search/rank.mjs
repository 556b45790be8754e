/* Finding and ranking results. A result is a page with its matching sections, or a result of
 * its own (a glossary term, a comparison row). Every word of the query counts; names rank above
 * mentions; a figure stated by a fact ranks above the same digits in running text; a concept
 * query brings its own entry first, then its services and posts, then regions and documents. */

import { normalizeKey } from "./normalize.mjs";
import { figureCount, figureMatch } from "./figures.mjs";
import { makeVocabulary, parseQuery } from "./query.mjs";
import { INITIALS_SCORE, initialsPart, addIntentDoc, addIntentShard, bestWord, correctQuery, prepareIntents, readIntent } from "./intent.mjs";

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
    // Each name's pinyin, syllables spaced ("yuan zhou"): joined for full pinyin, kept for sounds.
    syllables: (d.p || []).map((p) => p.toLowerCase()),
    py: (d.p || []).filter(Boolean).map((p) => p.toLowerCase().replace(/ /g, "")),
    figures: d.u || [],
    all: "",
  };
}

// Title and names in one short string: with the text, two indexOf calls reject most docs.
function indexed(doc) {
  doc.all = doc.names.length ? doc.titleN + "\u0001" + doc.names.join("\u0001") : doc.titleN;
  return doc;
}

export function prepare(data) {
  const cfg = (data.config && data.config.swkb) || {};
  const vocab = makeVocabulary(cfg);
  const docs = data.docs.map((d) => indexed(prepareDoc(d, vocab.t2s)));
  docs.forEach((doc) => doc.names.forEach((n) => vocab.words.add(n)));
  vocab.words.forEach((w) => { if (w.length > vocab.maxWord) vocab.maxWord = Math.min(w.length, 16); });
  const concepts = (cfg.concepts || []).map((c) => ({
    forms: c.n.map((f) => normalizeKey(f, vocab.t2s)), family: !!c.f, related: c.r,
  }));
  const names = new Set();
  docs.forEach((d) => d.names.forEach((n) => names.add(n)));
  const state = { vocab, docs, concepts, names, kinds: cfg.kinds || {}, byLocation: new Map(), scoreCache: new Map(),
    postings: new Map(), seen: new Map(), spoken: [] };
  state.groupIds = new Map(); state.groupKeys = []; state.groupKinds = [];
  docs.forEach((d, i) => { d.index = i; state.byLocation.set(d.location, d); post(state, d, i); groupOf(state, d); });
  state.figured = [];
  docs.forEach((d, i) => { if (d.figures.length) state.figured.push(i); });
  prepareIntents(state, cfg);
  return state;
}

/* Each result group (a page with its sections, or a result of its own) gets a number. */
function groupOf(state, doc) {
  let gid = state.groupIds.get(doc.group);
  if (gid === undefined) {
    gid = state.groupKeys.length;
    state.groupIds.set(doc.group, gid); state.groupKeys.push(doc.group); state.groupKinds.push(doc.kind);
  }
  doc.gid = gid;
}

/* Which docs hold each character (in title, names or text): a query word is looked for only in
 * the docs that hold its rarest character, not in every doc of a national catalog. */
function post(state, doc, i) {
  const { postings, seen } = state;
  const add = (key) => {
    for (let k = 0; k < key.length; k++) {
      const c = key[k];
      if (seen.get(c) === i) continue;
      seen.set(c, i);
      const list = postings.get(c);
      if (list) list.push(i); else postings.set(c, [i]);
    }
  };
  add(doc.all);
  add(doc.textN);
  if (doc.py.length && state.spoken[state.spoken.length - 1] !== i) state.spoken.push(i);
}

/* Indices of the docs that may match any of the query's words or figures, ascending. */
function rarestList(state, form) {
  let best = null;
  for (const c of form) {
    const list = state.postings.get(c) || [];
    if (best === null || list.length < best.length) best = list;
    if (!list.length) break;
  }
  return best || [];
}

export function candidates(state, q) {
  const lists = [];
  const rarest = (form) => rarestList(state, form);
  q.segments.forEach((seg) => {
    if (seg.latin) lists.push(state.spoken);
    seg.forms.forEach((f) => lists.push(rarest(f)));
  });
  q.figures.forEach((f) => {
    lists.push(rarest(f.token));
    lists.push(state.figured);
  });
  const mark = new Uint8Array(state.docs.length);
  lists.forEach((list) => { for (let k = 0; k < list.length; k++) mark[list[k]] = 1; });
  const out = [];
  for (let i = 0; i < mark.length; i++) if (mark[i]) out.push(i);
  return out;
}

/* Each doc's group number in one typed array (kept until a shard adds docs). */
function groupNumbers(state) {
  if (!state.gids || state.gids.length !== state.docs.length) state.gids = Int32Array.from(state.docs, (d) => d.gid);
  return state.gids;
}

const SCORE_CACHE = 24;  // words whose scores are kept: a query being typed and the words of the last few

/* {docs, scores} of one query word (or figure) over every doc that it matches. */
function unitScores(state, seg, figure) {
  const key = seg ? (seg.latin ? "a" : "h") + seg.forms.join("\u0001") : "f" + figure.dim + "\u0001" + figure.value + "\u0001" + figure.token;
  const cache = state.scoreCache;
  const kept = cache.get(key);
  if (kept) { cache.delete(key); cache.set(key, kept); return kept; }  // most recently used last
  const hitDocs = [], hitScores = [];
  const pool = candidates(state, seg ? { segments: [seg], figures: [] } : { segments: [], figures: [figure] });
  for (let p = 0; p < pool.length; p++) {
    const doc = state.docs[pool[p]];
    const v = seg ? scoreSegment(doc, seg) : scoreFigure(doc, figure);
    if (v > 0) { hitDocs.push(pool[p]); hitScores.push(v); }
  }
  const out = { docs: Int32Array.from(hitDocs), scores: Float64Array.from(hitScores) };
  cache.set(key, out);
  if (cache.size > SCORE_CACHE) cache.delete(cache.keys().next().value);
  return out;
}

/* A shard: texts of pages already loaded, and further sections and results. */
export function addShard(state, shard) {
  state.scoreCache.clear();  // the texts changed: every score may
  if (state.intent) addIntentShard(state, shard);
  (shard.docs || []).forEach((d) => {
    const existing = state.byLocation.get(d.l);
    if (existing && existing.isPage) {
      existing.text = d.x || ""; existing.textN = normalizeKey(d.x, state.vocab.t2s);
      indexed(existing);
      post(state, existing, existing.index);
    } else {
      const doc = indexed(prepareDoc(d, state.vocab.t2s));
      doc.index = state.docs.length;
      state.docs.push(doc); state.byLocation.set(doc.location, doc);
      post(state, doc, doc.index);
      groupOf(state, doc);
      addIntentDoc(state, doc);
      if (doc.figures.length) state.figured.push(state.docs.length - 1);
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
  for (let f = 0; f < seg.forms.length; f++) {
    const s = scoreForm(doc, seg.forms[f], seg.latin);
    if (s > best) best = s;
  }
  return best;
}

/* How well one doc matches one form of a query word. */
export function scoreForm(doc, form, latin) {
  let s = 0;
  if (latin) {
    for (let i = 0; i < doc.py.length; i++) {
      const p = doc.py[i];
      if (p === form) s = Math.max(s, i > 0 ? 60 : 40);
      else if (p.indexOf(form) === 0) s = Math.max(s, 18);
      else if (form.length >= 4 && p.indexOf(form) > 0) s = Math.max(s, 10);
    }
    if (doc.ini && doc.ini.size) s = Math.max(s, doc.ini.has(form) ? INITIALS_SCORE : initialsPart(doc.ini, form));
  }
  const c = count(doc.textN, form);
  if (c || doc.all.indexOf(form) >= 0) {
    // A piece of a name or title counts more the more of it the query covers.
    for (let i = 0; i < doc.names.length; i++) {
      const name = doc.names[i];
      if (name === form) s = Math.max(s, 60);
      else if (name.indexOf(form) >= 0) s = Math.max(s, 12 + 20 * form.length / name.length);
    }
    if (doc.titleN === form) s = Math.max(s, 30);
    else if (doc.titleN.indexOf(form) >= 0) s = Math.max(s, 8 + 10 * form.length / doc.titleN.length);
    if (c) s = Math.max(s, 2 + 0.6 * c);
  }
  return s;
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

/* Results for a query, forgiving and reading intent: {groups, counts, query, notes}.
 *
 * A same-sound typo is corrected first (原洲 → 原州: only stretches found nowhere, so an exact
 * match always wins); a query that still finds nothing falls back to its longest piece found
 * anywhere. Then what the query wants goes first: the direct answer to a figure question, the
 * onboarding card, the side-by-side view of the regions named, the topic's comparison. Each
 * such step says what it did in `notes`, shown above the results. */
export function search(state, raw, facet) {
  const notes = [];
  let text = raw;
  const fixed = correctQuery(state, raw);
  if (fixed) { text = fixed.text; notes.push("你是不是要找：" + fixed.fixes.map((f) => f[1]).join("、") + "（已按读音改正“" + fixed.fixes.map((f) => f[0]).join("、") + "”）"); }
  let found = rank(state, text, facet);
  const key = normalizeKey(text, state.vocab.t2s);
  if (!found.groups.length && found.query.segments.length) {
    const word = bestWord(state, key);
    if (word) {
      found = rank(state, word, facet);
      if (found.groups.length) notes.push("没有找到与“" + raw.trim() + "”完全相符的结果，下面是“" + word + "”的结果");
    }
  }
  const intent = readIntent(state, found.query, key);
  if (intent) pin(state, found, intent, facet);
  aliasNotes(state, found.query).forEach((n) => notes.push(n));
  const initials = initialsNote(state, found);
  if (initials) notes.push(initials);
  found.notes = notes;
  found.intent = intent;
  return found;
}

/* "救济金" is what people say; the documents say 社会救助服务. */
function aliasNotes(state, q) {
  const out = [];
  const it = state.intent;
  if (!it) return out;
  const words = q.segments.map((s) => s.text);
  if (q.whole && words.indexOf(q.whole) < 0) words.push(q.whole);
  words.forEach((w) => {
    const official = it.aliases.get(w);
    if (official) out.push("“" + w + "”是口头说法，文件里叫：" + official.join("、"));
  });
  return out.slice(0, 2);
}

/* A latin query found by its initials only (lf → 临汾市) says so. */
function initialsNote(state, found) {
  const q = found.query;
  if (!found.groups.length || !q.segments.length || !q.segments.every((s) => s.latin)) return "";
  const head = found.groups[0].head;
  if (!head || !head.ini) return "";
  const byInitials = q.segments.every((s) => (head.ini.has(s.text) || initialsPart(head.ini, s.text) > 0) &&
    !head.py.some((p) => p.indexOf(s.text) === 0));
  return byInitials ? "按拼音首字母“" + q.segments.map((s) => s.text).join(" ") + "”找到" : "";
}

/* Puts what the query wants first: the answer (in place of its comparison's own result), the
 * cards, the side-by-side view, the comparison; each once. */
function pin(state, found, intent, facet) {
  const pinned = [];
  const take = (location) => {
    const at = found.groups.findIndex((g) => g.location === location);
    return at >= 0 ? found.groups.splice(at, 1)[0] : null;
  };
  const add = (group) => { if (!facet || group.kind === facet) pinned.push(group); };
  const own = (doc) => take(doc.location) || { location: doc.location, kind: doc.kind, score: 0, head: doc, headMatched: true, sections: [], terms: {}, fresh: true };
  if (intent.answer) {
    const a = intent.answer.answer;
    const base = take(a.l) || { location: a.l, kind: "compare", score: 0, sections: [], terms: {}, headMatched: true, fresh: true };
    const head = { location: a.l, title: a.t, text: "", context: "", isPage: true, kind: "compare" };
    add({ ...base, head, sections: [], answer: intent.answer });
  }
  intent.card.forEach((doc) => add(own(doc)));
  if (intent.side) {
    const ids = intent.side.map((r) => r.id);
    const location = state.intent.sideBySide + "?ids=" + ids.join(",");
    const title = "并排对照：" + intent.side.map((r) => r.name).join("、");
    add({ location, kind: "compare", score: 0, sections: [], terms: {}, headMatched: true, side: intent.side, fresh: true,
      head: { location, title, isPage: true, kind: "compare", context: "",
        text: "把这几个地区的站室、人员配备、资金、购买服务和时间节点放在一张表里，一地一列，逐项对照。" } });
  }
  if (intent.topic && !(intent.answer && intent.answer.answer.l === intent.topic.l)) {
    const doc = state.byLocation.get(intent.topic.l);
    if (doc) add(own(doc));
  }
  if (!pinned.length) return;
  pinned.forEach((g) => { if (g.fresh) found.counts[g.kind] = (found.counts[g.kind] || 0) + 1; });
  found.groups = pinned.concat(found.groups).slice(0, MAX_RESULTS);
}

/* Results for the query as typed: {groups: [{location, kind, score, head, sections, terms}], counts, query}.
 * `facet` (a kind, or "") narrows the groups; counts are per kind before narrowing. */
export function rank(state, raw, facet) {
  const q = parseQuery(raw, state.vocab, corpusHas(state));
  const units = q.segments.length + q.figures.length;
  if (!units) return { groups: [], counts: {}, query: q };
  // Per-group figures in flat typed arrays, by group number: this runs on every keystroke over
  // tens of thousands of docs, and objects per doc would keep the garbage collector busy.
  const G = state.groupKeys.length;
  const best = new Float64Array(G * units), bonus = new Float64Array(G), concept = new Float64Array(G);
  const touched = new Uint8Array(G), touchedList = [];
  const hitDoc = [], hitScore = [];
  const touch = (gid) => { if (!touched[gid]) { touched[gid] = 1; touchedList.push(gid); } };
  const segs = q.segments, figs = q.figures, ns = segs.length, docs = state.docs;
  // Each word's scores over the docs, sparse, from the cache or made now: typing 社工站的钱从哪里来
  // key by key asks for 社工站 and 钱 again at every key. Summed straight into per-doc and
  // per-group arrays: no array per word as long as the docs.
  const own = new Float64Array(docs.length), hit = new Uint8Array(docs.length);
  const gids = groupNumbers(state);
  for (let k = 0; k < units; k++) {
    const found = unitScores(state, k < ns ? segs[k] : null, k < ns ? null : figs[k - ns]);
    const list = found.docs, values = found.scores;
    for (let j = 0; j < list.length; j++) {
      const i = list[j], v = values[j];
      own[i] += v;
      hit[i] = 1;
      const at = gids[i] * units + k;
      if (v > best[at]) best[at] = v;
    }
  }
  for (let i = 0; i < hit.length; i++) {
    if (!hit[i]) continue;
    const doc = docs[i];
    const gid = doc.gid;
    touch(gid);
    const whole = wholeBonus(doc, q);
    const b = whole + (doc.isPage || doc.alone ? 1 : 0);
    if (b > bonus[gid]) bonus[gid] = b;
    hitDoc.push(doc); hitScore.push(own[i] + whole);
  }
  conceptTiers(state, q).forEach((tier, location) => {
    const doc = state.byLocation.get(location);
    if (!doc) return;
    const gid = doc.gid, base = gid * units;
    touch(gid);
    concept[gid] = CONCEPT_BONUS[tier];
    for (let k = 0; k < units; k++) if (best[base + k] < 1) best[base + k] = 1;  // belongs to the concept: counts as matching
  });
  let ranked = [];
  let most = 0;
  for (const gid of touchedList) {
    let matched = 0, total = bonus[gid] + concept[gid];
    for (let k = 0; k < units; k++) { const v = best[gid * units + k]; if (v > 0) { matched++; total += v; } }
    if (matched > most) most = matched;
    ranked.push({ gid, matched, score: total });
  }
  ranked = ranked.filter((r) => r.matched === most);
  const keys = state.groupKeys;
  ranked.sort((a, b) => b.score - a.score || (keys[a.gid] < keys[b.gid] ? -1 : keys[a.gid] > keys[b.gid] ? 1 : 0));
  // Counted in a Map and handed on as a plain object made by Object.fromEntries, which writes
  // every key as an own property: a key "__proto__" (from data or the query) stays a key.
  const byKind = new Map();
  ranked.forEach((r) => { const kind = state.groupKinds[r.gid]; byKind.set(kind, (byKind.get(kind) || 0) + 1); });
  const counts = Object.fromEntries(byKind);
  if (facet) ranked = ranked.filter((r) => state.groupKinds[r.gid] === facet);
  ranked = ranked.slice(0, MAX_RESULTS);
  const shown = new Map(ranked.map((r) => [r.gid, []]));
  for (let h = 0; h < hitDoc.length; h++) {
    const list = shown.get(hitDoc[h].gid);
    if (list) list.push({ doc: hitDoc[h], score: hitScore[h] });
  }
  const out = ranked.map((r) => {
    const location = keys[r.gid], hits = shown.get(r.gid);
    const head = state.byLocation.get(location) || hits[0].doc;
    const sections = hits.filter((h) => h.doc !== head && !h.doc.isPage).sort((a, b) => b.score - a.score);
    const terms = Object.fromEntries(segs.map((seg, k) => [seg.text, best[r.gid * units + k] > 0]));
    return { location, kind: state.groupKinds[r.gid], score: r.score, head, headMatched: hits.some((h) => h.doc === head),
      sections, terms };
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
