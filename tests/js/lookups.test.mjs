// Query words and keys from the index are looked up as data, never on an object's prototype:
// "constructor", "__proto__" and "toString" are words like any other (tests/test_url_ids.py has
// the browser side).
import { test } from "node:test";
import assert from "node:assert/strict";
import { formsOf, makeVocabulary } from "../../docs/assets/javascripts/search/query.mjs";
import { prepare } from "../../docs/assets/javascripts/search/rank.mjs";
import { materialResult } from "../../docs/assets/javascripts/search/material.mjs";

const PROTOTYPE = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
// The index config arrives as JSON, where "__proto__" is an ordinary key.
const CONFIG = JSON.parse('{"words": ["社工站"], "everyday": {"钱": ["资金"], "__proto__": ["原型"]}, "kinds": {"region": "地区"}}');

test("prototype names have no forms but their own, unless the index gives some", () => {
  const vocab = makeVocabulary(CONFIG);
  for (const word of PROTOTYPE.filter((w) => w !== "__proto__")) assert.deepEqual(formsOf(word.toLowerCase(), vocab), [word.toLowerCase()]);
  assert.deepEqual(formsOf("__proto__", vocab), ["__proto__", "原型"]);
  assert.deepEqual(formsOf("钱", vocab), ["钱", "资金"]);
});

test("searching for prototype names answers, and counts and terms are plain data", () => {
  const state = prepare({ config: { swkb: CONFIG }, docs: [
    { l: "regions/a/", t: "constructor 社工站", k: "region", x: "__proto__ toString" },
    { l: "regions/b/", t: "社工站", k: "constructor", x: "valueOf" },
  ] });
  for (const word of [...PROTOTYPE, "社工站", "constructor 社工站"]) {
    const out = materialResult(state, word, "");
    assert.ok(Array.isArray(out.result.items), word);
    for (const [kind, n] of Object.entries(out.counts)) assert.equal(typeof n, "number", word + " " + kind);
  }
  assert.equal(materialResult(state, "社工站", "").result.items.length, 2);
  const kinds = materialResult(state, "valueOf", "").counts;
  assert.equal(kinds.constructor, 1);  // a kind named constructor is counted, not Object
});
