import { test } from "node:test";
import assert from "node:assert/strict";
import { prepare, search } from "../../docs/assets/javascripts/search/rank.mjs";
import { materialResult } from "../../docs/assets/javascripts/search/material.mjs";
import { correctQuery, initialKeys, makeSounds, soundKeys } from "../../docs/assets/javascripts/search/intent.mjs";

// Readings as the build writes them (swkb/search/sounds.py): {syllable: characters}.
const SOUNDS = { yuan: "原园元", zhou: "州洲周", lin: "临林", fen: "汾分", chang: "常", zhang: "长张", shu: "熟书",
  she: "社", gong: "工", zhan: "站占", zhu: "驻住", mian: "面", ji: "积几", duo: "多", da: "大", dui: "对", bi: "比",
  he: "和", ru: "入", zhi: "职", ge: "各", di: "地", qu: "区", shi: "市", jiu: "救", jin: "金" };
const ANSWERS = [
  { id: "stations/station-area", t: "社工站面积", w: ["面积", "多大"], ww: ["多大"], s: "站", l: "compare/stations/",
    v: [[0, "常熟市", "不少于 80㎡", "", "常政办发〔2021〕101号 四、(一)2", "compare/stations/#changshu", "", ""],
        [2, "<b>临汾市</b>", "不少于 60㎡", "注<img src=x>", "临政〔2020〕1号 三、", "compare/stations/#linfen", "", ""]] },
  { id: "stations/room-area", t: "社工室面积", w: ["面积"], s: "室", l: "compare/stations/", v: [] },
];
const INDEX = {
  config: { swkb: {
    words: ["面积", "社工站", "入职", "对比", "多大", "救济金"], synonyms: [], everyday: {}, question: ["多大", "和", "的"],
    t2s: {}, kinds: { region: "地区", compare: "比较", card: "卡片", role: "岗位", service: "服务" }, concepts: [],
    sounds: SOUNDS, answers: ANSWERS, regions: [["changshu", "常熟市"], ["yuanzhou", "原州区"], ["linfen", "临汾市"]],
    topics: [{ id: "stations", l: "compare/stations/", t: "站点与场地", w: ["面积", "社工站面积"] }],
    sideBySide: "compare/regions/", aliases: { "救济金": ["社会救助服务"] },
  } },
  docs: [
    { l: "regions/changshu/", t: "常熟市", k: "region", n: ["常熟市", "常熟"], p: ["chang shu shi", "chang shu"], x: "县级市。" },
    { l: "regions/yuanzhou/", t: "原州区", k: "region", n: ["原州区", "原州"], p: ["yuan zhou qu", "yuan zhou"], x: "市辖区。" },
    { l: "regions/linfen/", t: "临汾市", k: "region", n: ["临汾市", "临汾"], p: ["lin fen shi", "lin fen"], x: "地级市。" },
    { l: "roles/zhuzhan-shegong/", t: "驻站社工", k: "role", n: ["驻站社工"], p: ["zhu zhan she gong"], x: "驻站。" },
    { l: "cards/linfen/zhuzhan-shegong/", t: "临汾市 · 驻站社工", k: "card", n: ["临汾市 · 驻站社工"] },
    { l: "compare/stations/", t: "站点与场地", k: "compare", n: ["站点与场地"], x: "社工站面积" },
    { l: "compare/regions/", t: "地区并排对照", k: "compare", n: ["地区并排对照"] },
    { l: "services/jiuzhu/", t: "4. 社会救助服务", k: "service", n: ["社会救助服务", "救济金"], p: ["she hui jiu zhu fu wu", "jiu ji jin"] },
  ],
};
const state = prepare(INDEX);
const top = (q) => search(state, q, "").groups.map((g) => g.location);

test("sound keys cover every reading; initials take each syllable's first letter", () => {
  const sounds = makeSounds(SOUNDS, { chang: "长" });
  assert.deepEqual(soundKeys("原洲", sounds), ["yuan zhou"]);
  assert.deepEqual(soundKeys("长", makeSounds(SOUNDS)), ["zhang"]);  // typed: its first reading only
  assert.deepEqual(soundKeys("长", sounds).sort(), ["chang", "zhang"]);
  assert.deepEqual(initialKeys("长", sounds).sort(), ["c", "z"]);
  assert.deepEqual(soundKeys("原x", sounds), []);  // a character without a reading: no sound
});

test("a same-sound typo is corrected, and said; a word typed right is left alone", () => {
  assert.deepEqual(correctQuery(state, "原洲").fixes, [["原洲", "原州"]]);
  const found = search(state, "原洲", "");
  assert.equal(found.groups[0].location, "regions/yuanzhou/");
  assert.ok(found.notes[0].startsWith("你是不是要找：原州"));
  assert.equal(correctQuery(state, "原州"), null);
  assert.equal(correctQuery(state, "临汾"), null);
  assert.equal(top("驻占社工")[0], "roles/zhuzhan-shegong/");
});

test("initials find names, ranked below full pinyin and said", () => {
  assert.equal(top("lf")[0], "regions/linfen/");
  assert.equal(top("yz")[0], "regions/yuanzhou/");
  assert.ok(search(state, "lf", "").notes.some((n) => n.includes("拼音首字母")));
  assert.equal(top("linfen")[0], "regions/linfen/");
  assert.ok(!search(state, "linfen", "").notes.length);
});

test("intents: the card, the side-by-side view and the topic's comparison come first", () => {
  assert.equal(top("临汾驻站社工入职")[0], "cards/linfen/zhuzhan-shegong/");
  assert.equal(top("原州和临汾对比")[0], "compare/regions/?ids=yuanzhou,linfen");
  assert.equal(top("各地面积对比")[0], "compare/stations/");
});

test("a figure question gets the answer box: named region first, citations, text escaped", () => {
  const { result } = materialResult(state, "临汾社工站面积多大", "");
  const box = result.items[0][0];
  assert.equal(box.location, "compare/stations/");
  assert.match(box.text, /data-swkb-answer="stations\/station-area"/);
  const items = box.text.split("<li>").slice(1);
  assert.match(items[0], /&lt;b&gt;临汾市&lt;\/b&gt;/);  // markup from the catalog stays text
  assert.ok(!/<img|<b>/.test(box.text));
  assert.match(items[1], /常熟市.*不少于 80㎡.*出处：常政办发〔2021〕101号 四、\(一\)2/);
  assert.equal(result.items.filter((g) => g[0].location === "compare/stations/").length, 1);  // replaces the page's own result
});

test("no region states the figure: the answer says so", () => {
  const { result } = materialResult(state, "社工室面积多大", "");
  assert.match(result.items[0][0].text, /本站收录的地区都没有规定社工室面积/);
  const named = materialResult(state, "原州社工站面积多大", "").result.items[0][0].text;
  assert.match(named, /原州区：本站收录的文件里没有规定社工站面积/);
});

test("an everyday word says what the documents call it; nothing found falls back to a piece", () => {
  const found = search(state, "救济金", "");
  assert.equal(found.groups[0].location, "services/jiuzhu/");
  assert.ok(found.notes.some((n) => n.includes("文件里叫：社会救助服务")));
  assert.equal(search(state, "州区民", "").groups.length > 0, true);
  const fallback = search(state, "州区民", "");
  assert.equal(fallback.groups[0].location, "regions/yuanzhou/");
  assert.ok(fallback.notes.some((n) => n.includes("下面是“州区”的结果")), fallback.notes.join());
});
