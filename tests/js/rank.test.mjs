import { test } from "node:test";
import assert from "node:assert/strict";
import { prepare, search } from "../../docs/assets/javascripts/search/rank.mjs";
import { materialResult, escapeHTML } from "../../docs/assets/javascripts/search/material.mjs";
import { pieces, textSpans } from "../../docs/assets/javascripts/search/highlight.mjs";

const INDEX = {
  config: { swkb: {
    words: ["常熟", "面积", "社工站", "孤儿"], synonyms: [["最低生活保障", "低保"]], everyday: {}, question: ["多少", "的", "不少于"],
    t2s: { "熟": "熟" }, kinds: { service: "服务", region: "地区", term: "术语", compare: "比较", guide: "指南" },
    concepts: [
      { n: ["最低生活保障", "低保"], r: [["glossary/#dibao", 0], ["services/jiuzhu/", 1], ["regions/henan/", 3]] },
      { n: ["儿童", "孤儿"], f: 1, r: [["services/ertong/", 1]] },
    ],
  } },
  docs: [
    { l: "regions/changshu/", t: "常熟市", k: "region", n: ["常熟市", "常熟"], c: "江苏省 › 苏州市 › 县级", x: "县级市。" },
    { l: "regions/changshu/#station", t: "常熟市 · 社工站", k: "region", x: "面积：不少于 80㎡", u: [["area", 80, null]] },
    { l: "compare/stations/#changshu", t: "常熟市 · 站点与场地", k: "compare", a: 1, x: "站·面积：不少于 80㎡", u: [["area", 80, null]] },
    { l: "guides/x/", t: "指南", k: "guide", x: "一间 80 平方米的房间" },
    { l: "guides/y/", t: "另一篇", k: "guide", x: "编号 1080㎡" },
    { l: "glossary/#dibao", t: "最低生活保障", k: "term", a: 1, n: ["最低生活保障", "低保"], x: "按月发放补助。" },
    { l: "services/jiuzhu/", t: "4. 社会救助服务", k: "service", x: "困难群众" },
    { l: "services/ertong/", t: "6. 儿童关爱保护", k: "service", x: "困境儿童" },
    { l: "regions/henan/", t: "河南省", k: "region", x: "最低生活保障对象" },
    { l: "regions/evil/", t: "<img src=x onerror=alert(1)>", k: "region", x: "毒药词<script>alert(2)</script>" },
  ],
};
const state = prepare(INDEX);
const locations = (q, facet) => search(state, q, facet).groups.map((g) => g.location);

test("a stated figure ranks above the same digits in text; no match inside a longer number", () => {
  for (const q of ["80平方米", "80㎡", "80 m2", "不少于80平米"]) {
    const found = locations(q);
    assert.deepEqual(found.slice(0, 2).sort(), ["compare/stations/#changshu", "regions/changshu/"], q);
    assert.equal(found[2], "guides/x/", q + " " + found.join(","));
    assert.ok(!found.includes("guides/y/"), q);
  }
});

test("a concept query brings its own entry first, then services, then regions", () => {
  assert.deepEqual(locations("低保").slice(0, 3), ["glossary/#dibao", "services/jiuzhu/", "regions/henan/"]);
  assert.deepEqual(locations("孤儿").slice(0, 1), ["services/ertong/"]);
});

test("facets narrow by kind and counts are per kind before narrowing", () => {
  const all = search(state, "80㎡", "");
  assert.deepEqual(all.counts, { region: 1, compare: 1, guide: 1 });
  assert.deepEqual(locations("80㎡", "compare"), ["compare/stations/#changshu"]);
});

test("question words need not match", () => {
  assert.deepEqual(locations("常熟的面积多少").slice(0, 1), ["regions/changshu/"]);
});

test("highlights land on the text as written", () => {
  const text = "一间 80 平方米的房间";
  const spans = textSpans(text, ["80㎡"], {});
  assert.deepEqual(pieces(text, spans, 0, text.length).filter((p) => p.mark).map((p) => p.text), ["80 平方米"]);
});

test("Material items: kind and context shown, catalog text escaped, text kept as written", () => {
  const { result } = materialResult(state, "80平方米", "");
  const row = result.items.find((group) => group[0].location === "compare/stations/#changshu")[0];
  assert.match(row.title, /swkb-result-kind[^>]*>比较</);
  assert.match(row.title, /<mark>80㎡<\/mark>/);
  const region = result.items.find((group) => group[0].location === "regions/changshu/")[0];
  assert.match(region.text, /江苏省 › 苏州市 › 县级/);
  const evil = materialResult(state, "毒药词", "").result.items[0][0];
  assert.ok(!/<img|<script/.test(evil.title + evil.text));
  assert.ok(evil.title.includes(escapeHTML("<img src=x onerror=alert(1)>")));
});
