import { test } from "node:test";
import assert from "node:assert/strict";
import { makeVocabulary, parseQuery, segmentHan } from "../../docs/assets/javascripts/search/query.mjs";
import { figureCount, figureMatch, queryFigures } from "../../docs/assets/javascripts/search/figures.mjs";

const vocab = makeVocabulary({
  words: ["社工站", "面积", "常熟", "养老", "驻站社工", "年龄", "督导"],
  synonyms: [["最低生活保障", "低保"]],
  everyday: { "钱": ["资金", "经费"] },
  question: ["多少", "是什么", "什么是", "哪里", "的", "从", "来", "不少于"],
  t2s: { "養": "养" },
});
const corpus = ["项目督导员", "社工站面积"];
const corpusHas = (s) => corpus.some((c) => c.includes(s));

test("a query typed without spaces is split into words, the last one too", () => {
  assert.deepEqual(segmentHan("常熟养老", vocab, corpusHas), ["常熟", "养老"]);
  assert.deepEqual(segmentHan("督导员", vocab, corpusHas), ["督导员"]);
});

test("question words and particles are dropped", () => {
  assert.deepEqual(parseQuery("社工站面积多少", vocab, corpusHas).segments.map((s) => s.text), ["社工站", "面积"]);
  const q = parseQuery("社工站的钱从哪里来", vocab, corpusHas);
  assert.deepEqual(q.segments.map((s) => s.text), ["社工站", "钱"]);
  assert.deepEqual(q.segments[1].forms, ["钱", "资金", "经费"]);
  assert.deepEqual(parseQuery("什么是低保", vocab, corpusHas).segments[0].forms, ["低保", "最低生活保障"]);
});

test("a query of question words only is kept", () => {
  assert.deepEqual(parseQuery("多少", vocab, corpusHas).segments.map((s) => s.text), ["多少"]);
});

test("figures with units are figures; bare numbers are text (文号)", () => {
  const q = parseQuery("不少于80平方米", vocab, corpusHas);
  assert.deepEqual(q.figures.map((f) => [f.dim, f.value]), [["area", 80]]);
  assert.equal(q.segments.length, 0);
  const n = parseQuery("2021 101号", vocab, corpusHas);
  assert.equal(n.figures.length, 0);
  assert.deepEqual(n.segments.map((s) => s.text).slice(0, 2), ["2021", "101"]);
  assert.deepEqual(parseQuery("5万元", vocab, corpusHas).figures.map((f) => [f.dim, f.value]), [["money", 50000]]);
});

test("a figure matches the facts that state it, bounds and ranges included", () => {
  const [area] = queryFigures("80㎡");
  assert.equal(figureMatch([["area", 80, null]], area), 2);   // 不少于 80㎡
  assert.equal(figureMatch([["area", 60, 100]], area), 1);    // 60–100㎡
  assert.equal(figureMatch([["people", 80, 80]], area), 0);   // another dimension
  assert.equal(figureMatch([["area", 180, null]], area), 0);
  assert.equal(figureCount("面积不少于 80㎡，另有180㎡", area), 1);  // not the tail of 180㎡
});
