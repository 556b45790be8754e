/* Match keys: what a query and a text are compared on. The text shown stays as written; a key is
 * Traditional → Simplified, NFKC (full-width → half-width), lower case, and figures in one form
 * per unit (80平方米 = 80 m2 = 80㎡ → "80㎡", 5万元 → "50000元", 45周岁 → "45岁", 2人 → "2名").
 * `keyWithMap` also says where each key character came from, so highlights land on the text. */

// A number and the unit written after it; NFKC has already made ㎡ and m² into "m2".
const UNIT_FORMS = /(\d+(?:\.\d+)?)\s*(万元|元|平方米|平米|平方|m2|㎡|周岁|岁|课时|学时|名|人(?!次))/g;
const CANONICAL_UNIT = { "元": "元", "平方米": "㎡", "平米": "㎡", "平方": "㎡", "m2": "㎡", "㎡": "㎡", "周岁": "岁",
  "岁": "岁", "课时": "学时", "学时": "学时", "名": "名", "人": "名" };

export function canonicalFigure(number, unit) {
  if (unit === "万元") {
    const value = Math.round(parseFloat(number) * 10000 * 1e6) / 1e6;
    return String(value) + "元";
  }
  return number + CANONICAL_UNIT[unit];
}

// One pattern per table, of the Traditional characters it maps: the other characters (almost
// all of a Simplified text) are not touched one by one.
const PATTERNS = new WeakMap();
function simplify(s, t2s) {
  let pattern = PATTERNS.get(t2s);
  if (pattern === undefined) {
    const keys = Object.keys(t2s).filter((c) => c.length === 1 && c !== t2s[c]);
    pattern = keys.length ? new RegExp("[" + keys.join("").replace(/[\]\\^-]/g, "\\$&") + "]", "gu") : null;
    PATTERNS.set(t2s, pattern);
  }
  return pattern ? s.replace(pattern, (c) => t2s[c]) : s;
}

/* The key of `text` (fast: used on every text at setup). */
export function normalizeKey(text, t2s) {
  const s = simplify((text || "").normalize("NFKC").toLowerCase(), t2s || {});
  return s.replace(UNIT_FORMS, (m, number, unit) => canonicalFigure(number, unit));
}

/* The key of `text` with, for each key position i, the original range [from[i], to[i]). */
export function keyWithMap(text, t2s) {
  text = text || "";
  t2s = t2s || {};
  let key = "";
  const from = [], to = [];
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    // Common CJK ideographs and plain ASCII: NFKC leaves them alone (most of every text).
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x20 && code < 0x7f)) {
      const ch = code < 0x7f ? text[i].toLowerCase() : text[i];
      const out = t2s[ch] || ch;
      for (let k = 0; k < out.length; k++) { key += out[k]; from.push(i); to.push(i + 1); }
      i += 1;
      continue;
    }
    const c = String.fromCodePoint(text.codePointAt(i));
    const n = c.length;
    for (const ch of c.normalize("NFKC").toLowerCase()) {
      const out = t2s[ch] || ch;
      for (let k = 0; k < out.length; k++) { key += out[k]; from.push(i); to.push(i + n); }
    }
    i += n;
  }
  let outKey = "";
  const outFrom = [], outTo = [];
  let at = 0;
  UNIT_FORMS.lastIndex = 0;
  for (let m = UNIT_FORMS.exec(key); m; m = UNIT_FORMS.exec(key)) {
    for (let k = at; k < m.index; k++) { outKey += key[k]; outFrom.push(from[k]); outTo.push(to[k]); }
    const figure = canonicalFigure(m[1], m[2]);
    const start = from[m.index], end = to[m.index + m[0].length - 1];
    for (let k = 0; k < figure.length; k++) { outKey += figure[k]; outFrom.push(start); outTo.push(end); }
    at = m.index + m[0].length;
  }
  for (let k = at; k < key.length; k++) { outKey += key[k]; outFrom.push(from[k]); outTo.push(to[k]); }
  return { key: outKey, from: outFrom, to: outTo };
}
