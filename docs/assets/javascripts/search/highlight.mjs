/* Highlights: ranges found in a key, carried back to the text as written, and cut into pieces
 * {text, mark} for display (the adapter turns pieces into markup, escaping every piece). */

import { keyWithMap } from "./normalize.mjs";

export function keySpans(key, needles) {
  const found = [];
  needles.forEach((n) => {
    if (!n) return;
    let at = key.indexOf(n);
    while (at >= 0) { found.push([at, at + n.length]); at = key.indexOf(n, at + n.length); }
  });
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  found.forEach((r) => {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  });
  return merged;
}

/* Ranges of `text` (as written) whose keys contain any of the needles. */
export function textSpans(text, needles, t2s) {
  const mapped = keyWithMap(text, t2s);
  const spans = keySpans(mapped.key, needles).map(([a, b]) => [mapped.from[a], mapped.to[b - 1]]);
  const merged = [];
  spans.forEach((r) => {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  });
  return merged;
}

/* Pieces of text[from, to) with the spans marked. */
export function pieces(text, spans, from, to) {
  const out = [];
  let at = from;
  spans.forEach(([a, b]) => {
    if (b <= from || a >= to) return;
    a = Math.max(a, from); b = Math.min(b, to);
    if (a > at) out.push({ text: text.slice(at, a), mark: false });
    out.push({ text: text.slice(a, b), mark: true });
    at = b;
  });
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/* The window of a long text to show: its start, or around the first match. */
export function snippetWindow(text, spans, width) {
  let start = 0;
  if (spans.length && spans[0][0] > width * 0.4) start = Math.max(0, spans[0][0] - Math.floor(width * 0.2));
  return { start, end: Math.min(text.length, start + width) };
}
