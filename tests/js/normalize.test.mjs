import { test } from "node:test";
import assert from "node:assert/strict";
import { keyWithMap, normalizeKey } from "../../docs/assets/javascripts/search/normalize.mjs";

const T2S = { "會": "会", "廣": "广" };

test("every written form of a figure has one key", () => {
  for (const form of ["80平方米", "80㎡", "80 m2", "80平米", "80m²", "８０平方米"]) assert.equal(normalizeKey(form, {}), "80㎡", form);
  assert.equal(normalizeKey("5万元", {}), "50000元");
  assert.equal(normalizeKey("5.5万元", {}), "55000元");
  assert.equal(normalizeKey("45周岁", {}), normalizeKey("45岁", {}));
  assert.equal(normalizeKey("60课时", {}), "60学时");
  assert.equal(normalizeKey("2人", {}), "2名");
  assert.equal(normalizeKey("3人次", {}), "3人次");
});

test("keys are Simplified, half-width and lower case", () => {
  assert.equal(normalizeKey("社會工作站ＡＢ", T2S), "社会工作站ab");
  assert.equal(normalizeKey("廣州", T2S), "广州");
});

test("the map points every key character back at the text as written", () => {
  const text = "面积不少于 80平方米（办公）";
  const { key, from, to } = keyWithMap(text, {});
  assert.equal(key, "面积不少于 80㎡(办公)");
  const at = key.indexOf("80㎡");
  assert.equal(text.slice(from[at], to[at + 2]), "80平方米");
  const paren = key.indexOf("(");
  assert.equal(text.slice(from[paren], to[paren]), "（");
});

test("a character outside the BMP keeps its place", () => {
  const text = "𠀀社工";
  const { key, from, to } = keyWithMap(text, {});
  const at = key.indexOf("社工");
  assert.equal(text.slice(from[at], to[at + 1]), "社工");
});
