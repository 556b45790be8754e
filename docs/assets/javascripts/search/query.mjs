/* Understanding a query: figures, Chinese words (segmented against the index's vocabulary, the
 * last word included), latin letters (pinyin), question words that need not match, and the forms
 * each word matches (glossary synonyms, everyday words such as 钱 → 资金). */

import { normalizeKey } from "./normalize.mjs";
import { queryFigures } from "./figures.mjs";

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const SPLIT = /[\s,，。.、；;:：!！?？"“”'‘’()（）\[\]【】<>《》·—_\/|~`]+/;
const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z]+|\d+(?:\.\d+)?|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]+/g;

/* Split a run of Han characters into words: fewest pieces, known words preferred. A stray
 * character joins the word next to it when `corpusHas` finds the joined string (督导 + 员);
 * a stray question particle (的, 吗) is dropped. */
export function segmentHan(run, vocab, corpusHas) {
  const n = run.length, words = vocab.words;
  const cost = new Array(n + 1), step = new Array(n);
  cost[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    cost[i] = cost[i + 1] + 3; step[i] = -1;
    for (let len = Math.min(vocab.maxWord, n - i); len >= 2; len--) {
      if (words.has(run.substr(i, len)) && cost[i + len] + 1 < cost[i]) { cost[i] = cost[i + len] + 1; step[i] = len; }
    }
  }
  const pieces = [];
  let pending = "";
  const flush = () => { if (pending) { pieces.push({ text: pending, known: false }); pending = ""; } };
  for (let j = 0; j < n;) {
    if (step[j] > 0) { flush(); pieces.push({ text: run.substr(j, step[j]), known: true }); j += step[j]; }
    else if (vocab.question.has(run[j])) { flush(); pieces.push({ text: run[j], known: true }); j += 1; }
    else { pending += run[j]; j += 1; }
  }
  flush();
  for (let k = 0; k < pieces.length; k++) {
    if (pieces[k].known || pieces[k].text.length !== 1) continue;
    const prev = pieces[k - 1], next = pieces[k + 1];
    if (prev && !vocab.question.has(prev.text) && corpusHas(prev.text + pieces[k].text)) {
      prev.text += pieces[k].text; pieces.splice(k, 1); k--;
    } else if (next && !vocab.question.has(next.text) && corpusHas(pieces[k].text + next.text)) {
      next.text = pieces[k].text + next.text; pieces.splice(k, 1); k--;
    }
  }
  return pieces.map((p) => p.text);
}

/* {segments: [{text, latin, forms}], figures, whole, wholeForms, dropped} */
export function parseQuery(raw, vocab, corpusHas) {
  const key = normalizeKey(raw, vocab.t2s).trim();
  // A bare number (2021, 101) is matched as text, as in 文号; only a number with a unit is a figure.
  const all = queryFigures(key);
  const figures = all.filter((f) => !f.bare);
  let rest = key;
  figures.forEach((f) => { rest = rest.replace(f.token, " "); });
  let segments = [];
  rest.split(SPLIT).filter(Boolean).forEach((chunk) => {
    (chunk.match(RUNS) || []).forEach((run) => {
      if (HAN.test(run)) segmentHan(run, vocab, corpusHas).forEach((p) => segments.push({ text: p, latin: false }));
      else if (/^[a-z]+$/.test(run)) segments.push({ text: run, latin: true });
      else if (/^\d/.test(run)) segments.push({ text: run, latin: false });
    });
  });
  const seen = new Set();
  segments = segments.filter((s) => { if (seen.has(s.text)) return false; seen.add(s.text); return true; });
  const content = segments.filter((s) => !vocab.question.has(s.text));
  const dropped = segments.filter((s) => vocab.question.has(s.text)).map((s) => s.text);
  // A query of question words only (什么) is taken as typed.
  if (content.length || figures.length) segments = content;
  segments.forEach((s) => { s.forms = s.latin ? [s.text] : formsOf(s.text, vocab); });
  const whole = segments.map((s) => s.text).join("");
  const wholeForms = formsOf(whole, vocab);
  if (!dropped.length && key !== whole && key.length > 1) wholeForms.push(key);  // 常政办发〔2021〕101号 as typed
  return { segments, figures, whole, wholeForms, dropped: content.length || figures.length ? dropped : [] };
}

export function formsOf(word, vocab) {
  const forms = [word];
  (vocab.synonyms.get(word) || []).forEach((f) => { if (!forms.includes(f)) forms.push(f); });
  (vocab.everyday.get(word) || []).forEach((f) => { if (!forms.includes(f)) forms.push(f); });
  return forms;
}

/* The query vocabulary from the index's config (see swkb/search/index.py). */
export function makeVocabulary(cfg) {
  const t2s = cfg.t2s || {};
  const key = (w) => normalizeKey(w, t2s);
  const words = new Set((cfg.words || []).map(key));
  const synonyms = new Map();
  (cfg.synonyms || []).forEach((group) => {
    const normal = group.map(key);
    normal.forEach((w) => { words.add(w); synonyms.set(w, normal); });
  });
  // A Map: words come from the query, and a plain object would answer "constructor" itself.
  const everyday = new Map();
  Object.entries(cfg.everyday || {}).forEach(([w, forms]) => { everyday.set(key(w), forms.map(key)); words.add(key(w)); });
  const question = new Set((cfg.question || []).map(key));
  question.forEach((w) => words.add(w));
  let maxWord = 2;
  words.forEach((w) => { if (w.length > maxWord) maxWord = Math.min(w.length, 16); });
  return { t2s, words, synonyms, everyday, question, maxWord };
}
