/* Figures in queries: a number with (or without) a unit, matched against the figures the index
 * gives each fact ([dimension, low, high] in base units, see swkb/search/figures.py) and against
 * the figure's key form in texts. */

const DIMENSION = { "㎡": "area", "元": "money", "岁": "age", "学时": "hours", "名": "people", "%": "percent",
  "年": "years", "月": "months", "日": "days", "工作日": "workdays", "个": "count", "次": "times", "人次": "visits",
  "户": "households" };
const QUERY_FIGURE = /(\d+(?:\.\d+)?)(工作日|人次|学时|㎡|元|岁|名|%|年|月|日|个|次|户)?/g;

/* Figures in a query key (see normalize.mjs): [{token, dim, value}]; dim "*" for a bare number. */
export function queryFigures(key) {
  const out = [];
  QUERY_FIGURE.lastIndex = 0;
  for (let m = QUERY_FIGURE.exec(key); m; m = QUERY_FIGURE.exec(key)) {
    const before = key[m.index - 1];
    if (before && /[\d.]/.test(before)) continue;
    out.push({ token: m[0], dim: m[2] ? DIMENSION[m[2]] : "*", value: parseFloat(m[1]), bare: !m[2] });
  }
  return out;
}

/* 2 when a fact states exactly this figure (as its value or one of its bounds), 1 when the
 * figure falls inside a stated range, 0 otherwise. */
export function figureMatch(docFigures, figure) {
  let best = 0;
  for (const [dim, low, high] of docFigures || []) {
    if (figure.dim !== "*" && dim !== figure.dim) continue;
    if (low === figure.value || high === figure.value) return 2;
    if (low !== null && high !== null && low <= figure.value && figure.value <= high) best = 1;
  }
  return best;
}

/* How often the figure's key form occurs in a key, not as the tail of a longer number. */
export function figureCount(key, figure) {
  let n = 0, at = key.indexOf(figure.token);
  while (at >= 0 && n < 5) {
    const before = key[at - 1], after = key[at + figure.token.length];
    if (!(before && /[\d.]/.test(before)) && !(figure.bare && after && /[\d.]/.test(after))) n++;
    at = key.indexOf(figure.token, at + 1);
  }
  return n;
}
