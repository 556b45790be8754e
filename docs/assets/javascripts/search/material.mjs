/* The adapter to Material for MkDocs' search box: its worker messages (SETUP 0 → READY 1,
 * QUERY 2 → RESULT 3) and its result shape (groups of {location, title, text, score, terms},
 * title and text as HTML). This is the only file that knows Material; the search itself is in
 * the other modules. Every text is escaped here; the only markup added is ours (<mark>, the kind
 * badge, the context line). The kind buttons (swkb-search-ui.js) talk to us over a
 * BroadcastChannel: they send the chosen kind, we send the counts per kind. */

import { addShard, needlesOf, prepare, search } from "./rank.mjs";
import { warmIntents } from "./intent.mjs";
import { pieces, snippetWindow, textSpans } from "./highlight.mjs";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const SNIPPET = 140;
// Highlights are looked for in the opening of a text only: a match further down a long section
// is still found by the search, and the snippet then shows the opening.
const HIGHLIGHT_WITHIN = 600;
let state = null;
let lastQuery = null;
let facet = "";
const channel = typeof BroadcastChannel === "function" && typeof postMessage === "function" ? new BroadcastChannel("swkb-search") : null;

export function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function marked(list) {
  return list.map((p) => (p.mark ? "<mark>" + escapeHTML(p.text) + "</mark>" : escapeHTML(p.text))).join("");
}

// Groups after these get their snippets without highlights: Material draws the first results
// at once and later ones only as the reader scrolls, and marking every section of a hundred
// groups at national scale took half of a keystroke's time.
const MARKED_GROUPS = 20;

function snippet(doc, needles, t2s) {
  if (!doc.text) return "";
  const spans = needles.length ? textSpans(doc.text.slice(0, HIGHLIGHT_WITHIN), needles, t2s) : [];
  const { start, end } = snippetWindow(doc.text, spans, SNIPPET);
  return (start > 0 ? "…" : "") + marked(pieces(doc.text, spans, start, end)) + (end < doc.text.length ? "…" : "");
}

/* One Material result item. Material shows no text under a group's head when that head is a
 * section (a term, a comparison row), so there the context and snippet go into the title. */
export function materialItem(doc, kind, score, terms, needles, st, isHead) {
  const t2s = st.vocab.t2s;
  const label = Object.prototype.hasOwnProperty.call(st.kinds, kind) ? st.kinds[kind] : "";
  const title = marked(pieces(doc.title, textSpans(doc.title, needles, t2s), 0, doc.title.length));
  const context = doc.context ? '<span class="swkb-result-context">' + escapeHTML(doc.context) + "</span>" : "";
  const text = snippet(doc, needles, t2s);
  const badge = isHead && label ? '<span class="swkb-result-kind" data-kind="' + escapeHTML(kind) + '">' + escapeHTML(label) + "</span> " : "";
  if (isHead && !doc.isPage) {
    return { location: doc.location, score, terms,
      title: badge + title + context + (text ? '<span class="swkb-result-text">' + text + "</span>" : ""), text: "" };
  }
  return { location: doc.location, score, terms, title: badge + title,
    text: (isHead && context ? '<p class="swkb-result-context">' + escapeHTML(doc.context) + "</p>" : "") + (text ? "<p>" + text + "</p>" : "") };
}

// Values shown in an answer box; the comparison it links to has them all.
const ANSWER_VALUES = 6;

/* The direct answer as markup: each region's value with its citation, named regions first. */
export function answerHTML(st, found) {
  const { answer, values, named, missing, regionCount } = found;
  const regions = st.intent.regions;
  const parts = ['<div class="swkb-answer" data-swkb-answer="' + escapeHTML(answer.id) + '">'];
  let lead;
  if (!values.length) lead = missing.length ? missing.join("、") + "：本站收录的文件里没有规定" + answer.t + "；其他地区也都没有。"
    : "本站收录的地区都没有规定" + answer.t + "。";
  else {
    lead = (missing.length ? missing.join("、") + "：本站收录的文件里没有规定" + answer.t + "。" : "") +
      (named && !missing.length ? "" : regionCount + " 个地区有规定：");
  }
  if (lead) parts.push('<p class="swkb-answer__lead">' + escapeHTML(lead) + "</p>");
  if (values.length) {
    parts.push('<ul class="swkb-answer__list">');
    values.slice(0, Math.max(ANSWER_VALUES, named)).forEach((v) => {
      const where = v[1] || (regions[v[0]] || ["", ""])[1];
      parts.push("<li>" + '<span class="swkb-answer__where">' + escapeHTML(where) + "</span>：" +
        '<span class="swkb-answer__value">' + escapeHTML(v[2]) + "</span>" +
        (v[3] ? '<span class="swkb-answer__note">（' + escapeHTML(v[3]) + "）</span>" : "") +
        '<span class="swkb-answer__cite">出处：' + escapeHTML(v[4]) + "</span></li>");
    });
    parts.push("</ul>");
  }
  const shown = Math.min(values.length, Math.max(ANSWER_VALUES, named));
  parts.push('<p class="swkb-answer__more">' + escapeHTML((values.length > shown ? "另有 " + (values.length - shown) + " 条，" : "") +
    "打开比较表看全部地区") + "</p></div>");
  return parts.join("");
}

function pinnedItem(st, g, needles) {
  const label = g.answer ? "直接回答" : (Object.prototype.hasOwnProperty.call(st.kinds, g.kind) ? st.kinds[g.kind] : "");
  const badge = '<span class="swkb-result-kind" data-kind="' + escapeHTML(g.answer ? "answer" : g.kind) + '">' + escapeHTML(label) + "</span> ";
  if (g.answer) return { location: g.location, score: g.score, terms: g.terms, title: badge + escapeHTML(g.head.title), text: answerHTML(st, g.answer) };
  return { location: g.location, score: g.score, terms: g.terms, title: badge + escapeHTML(g.head.title),
    text: "<p>" + escapeHTML(g.head.text) + "</p>" };
}

export function materialResult(st, raw, chosen) {
  const found = search(st, raw, chosen);
  const needles = needlesOf(found.query);
  const top = found.groups.reduce((m, g) => Math.max(m, g.score || 0), 0);
  found.groups.forEach((g, i) => { if (g.answer || g.side || g.fresh) g.score = top + found.groups.length - i; });
  // Material shows a group's sections that score as high as its head and folds the others away;
  // when the page itself matched nothing of the query, its best section is what to show.
  const items = found.groups.map((g, at) => {
    if (g.answer || g.side) return [pinnedItem(st, g, needles)];
    const sectionNeedles = at < MARKED_GROUPS ? needles : [];
    const headMatched = g.sections.length === 0 || g.headMatched;
    return [materialItem(g.head, g.kind, g.score, g.terms, needles, st, true)]
      .concat(g.sections.map((s, i) => materialItem(s.doc, g.kind, !headMatched && i === 0 ? g.score : Math.min(s.score, g.score - 1),
        g.terms, sectionNeedles, st, false)));
  });
  return { result: { items }, counts: found.counts, notes: found.notes || [] };
}

function answer() {
  let out;
  try {
    out = state && lastQuery !== null ? materialResult(state, lastQuery, facet) : { result: { items: [] }, counts: {}, notes: [] };
  } catch (err) {
    console.warn("search failed", err);
    out = { result: { items: [] }, counts: {}, notes: [] };
  }
  postMessage({ type: RESULT, data: out.result });
  if (channel) channel.postMessage({ type: "counts", query: lastQuery, counts: out.counts, facet, kinds: state ? state.kinds : {},
    notes: out.notes || [] });
}

/* A large index comes as a head plus shards, loaded after the first results; the current query
 * is answered again as each one arrives. */
function loadShards(paths) {
  const root = new URL("../../", self.location.href);
  paths.reduce((previous, path) => previous.then(() => fetch(new URL(path, root))
    .then((r) => r.json()).then((shard) => { addShard(state, shard); if (lastQuery) answer(); })), Promise.resolve())
    .catch((err) => console.warn("search shard failed", err));
}

if (channel) {
  channel.addEventListener("message", (ev) => {
    if (ev.data && ev.data.type === "facet") { facet = ev.data.kind || ""; if (lastQuery !== null) answer(); }
  });
}

// Only inside a worker (or Material's iframe stand-in for one); the unit tests import the functions.
if (typeof self !== "undefined" && typeof self.addEventListener === "function" && typeof postMessage === "function") self.addEventListener("message", (ev) => {
  const message = ev.data;
  if (message.type === SETUP) {
    state = prepare(message.data);
    postMessage({ type: READY });
    // The vocabulary's sounds (a tenth of a second at national scale) once the reader has had the
    // first results; a correction needing them sooner makes them itself.
    setTimeout(() => warmIntents(state), 3000);
    const shards = ((message.data.config || {}).swkb || {}).shards || [];
    if (shards.length) loadShards(shards);
  } else if (message.type === QUERY) {
    lastQuery = message.data;
    answer();
  }
});
