/* Forgiving and understanding a query: sounds (原洲 → 原州), pinyin initials (lf → 临汾), and
 * what the query wants — a post's onboarding card (入职 / 上岗 …), a topic's comparison
 * (比较 / 各地 …), the side-by-side view of the regions it names, or a figure (多少 / 几 / 多大 …,
 * 什么时候), answered from the catalog's values with their citations.
 *
 * Sounds come from the index's tables {syllable: characters} (swkb/search/sounds.py): the
 * characters of the names compared by sound plus the common characters of the language, by
 * first reading and by other readings. A character outside them has no sound, so a word with it
 * is never "corrected". */

import { normalizeKey } from "./normalize.mjs";
import { segmentHan } from "./query.mjs";

const MAX_COMBOS = 16;
const SOUND_KINDS = new Set(["region", "service", "role", "term"]);
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const ALL_HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8}$/;
export const INITIALS_SCORE = 25;  // below a full pinyin match (40, 60) and below any name match
const INITIALS_PART_SCORE = 15;  // the start or end of a name's initials: etga for 儿童关爱保护, lly for 社会工作联络员

/* A score for initials that begin or end a name's (three letters at least), else 0. */
export function initialsPart(initials, typed) {
  if (typed.length < 3) return 0;
  for (const ini of initials) if (ini.length > typed.length && (ini.startsWith(typed) || ini.endsWith(typed))) return INITIALS_PART_SCORE;
  return 0;
}

const CARD_WORDS = /入职|上岗|卡片|第一天|报到|刚来|新来|新人|到岗/;
const COMPARE_WORDS = /比较|对比|相比|比一比|区别|不同|差别|差异|异同|各地|哪些地方|哪些地区|哪些省|各省|哪个地方|哪里有|全国/;
const SIDE_WORDS = /比较|对比|相比|比一比|区别|不同|差别|差异|异同|vs|pk/;
const FIGURE_WORDS = /多少|几|多大|多长|多久|多高|什么时候|何时|哪一?年|啥时候|最大|最高|最多|最少|至少|最长|最短|上限|下限/;
const WHEN_WORDS = /什么时候|何时|哪一?年|啥时候|几月|几号|时间节点|截止/;

/* char → its readings, from tables {syllable: characters} (first readings, then others). */
export function makeSounds(...tables) {
  const of = new Map();
  tables.forEach((table) => Object.entries(table || {}).forEach(([syllable, chars]) => {
    for (const ch of chars) { const list = of.get(ch); if (list) { if (list.indexOf(syllable) < 0) list.push(syllable); } else of.set(ch, [syllable]); }
  }));
  return of;
}

function combos(text, sounds, pick) {
  let keys = [""];
  for (const ch of text) {
    const readings = sounds.get(ch);
    if (!readings) return [];
    const next = new Set();
    for (const k of keys) for (const r of readings) if (next.size < MAX_COMBOS) next.add(k ? k + " " + pick(r) : pick(r));
    keys = [...next];
  }
  return keys;
}

/* Every reading of `text` as syllables joined by spaces ("yuan zhou"); [] when a character has none. */
export function soundKeys(text, sounds) { return combos(text, sounds, (r) => r); }

/* Every string of initials of `text` ("yz"); the first letter of each syllable, as input methods take it. */
export function initialKeys(text, sounds) { return combos(text, sounds, (r) => r[0]).map((k) => k.replace(/ /g, "")); }


/* Sound and initials indexes over the names of regions, services, posts and terms; the named
 * entities (regions, posts) and the cards, by id. Called once the docs are prepared. */
export function prepareIntents(state, cfg) {
  // A typed character is read its first way only; a name's characters every way (sounds.py).
  state.intent = { sounds: makeSounds(cfg.sounds), nameSounds: makeSounds(cfg.sounds, cfg.sounds2), bySound: new Map(), regionByName: new Map(), roleByName: new Map(),
    cards: new Map(), cardsOf: new Map(), cardIndex: null, wordSounds: null,
    answers: cfg.answers || [], topics: cfg.topics || [], sideBySide: cfg.sideBySide || "", regions: cfg.regions || [],
    aliases: new Map(Object.entries(cfg.aliases || {}).map(([k, v]) => [normalizeKey(k, state.vocab.t2s), v])) };
  state.docs.forEach((doc) => indexDoc(state.intent, doc));
}

/* The sounds of the vocabulary, for correcting words that are not names: made when the worker
 * is idle after setup (warmIntents), or on first need. */
export function warmIntents(state) {
  if (state.intent && state.intent.wordSounds === null) prepareWordSounds(state);
}

/* A shard of a large index: its answers, and its docs (glossary terms come in shards). */
export function addIntentShard(state, shard) {
  if (shard.answers) state.intent.answers = shard.answers;
  if (shard.regions) state.intent.regions = shard.regions;
}

export function addIntentDoc(state, doc) {
  if (state.intent) indexDoc(state.intent, doc);
}

function idOf(location, prefix) {
  const path = location.split("#")[0].replace(/(?:index)?\.html$/, "").replace(/\/$/, "");
  const parts = path.split("/");
  return parts[0] === prefix ? parts.slice(1) : null;
}

function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

// How far down the region tree a region is: its context line lists its parents (江苏省 › 苏州市 › 县级).
const depth = (doc) => doc.context.split("›").length;

function indexDoc(it, doc) {
  if (doc.kind === "card" && doc.isPage) {
    const ids = idOf(doc.location, "cards");
    if (ids && ids.length === 0) it.cardIndex = doc;
    if (ids && ids.length === 2) {
      it.cards.set(ids[0] + "/" + ids[1], doc);
      push(it.cardsOf, ids[0], doc);
      push(it.cardsOf, "role:" + ids[1], doc);
    }
    return;
  }
  if (!SOUND_KINDS.has(doc.kind) || !(doc.isPage || doc.alone) || !doc.names.length) return;
  const entity = doc.kind === "region" || doc.kind === "role" ? idOf(doc.location, doc.kind + "s") : null;
  doc.ini = new Set();
  // The name's own reading, from the build (长安 is chang'an): one key per name. The names
  // follow the index's order; a doc without names of its own has its title's pinyin only.
  doc.names.forEach((name, i) => {
    if (entity && entity.length >= 1) {
      // A name two regions share (山西 for 山西省 and for a county 山西县) means the one it is
      // the official name of, else the higher one.
      const map = doc.kind === "region" ? it.regionByName : it.roleByName;
      const hit = { id: entity[entity.length - 1], name: doc.title, doc, official: i === 0 };
      const old = map.get(name);
      if (!old || (hit.official && !old.official) || (hit.official === old.official && depth(doc) < depth(old.doc))) map.set(name, hit);
    }
    const key = doc.syllables[i] || "";
    if (!ALL_HAN.test(name) || key.split(" ").length !== name.length) return;
    // Sounds: the name's reading and every other reading of its characters (the build reads
    // 康巴什 as kang ba shen, as in 什么; people type shi). Initials: the name's reading only,
    // or rare readings (广 as yan) would make 广州 answer yz.
    new Set([key, ...soundKeys(name, it.nameSounds)]).forEach((k) => push(it.bySound, k, { name, doc }));
    doc.ini.add(key.split(" ").map((s) => s[0]).join(""));
  });
}

/* Whether `text` occurs in any title, name or text. */
export function occurs(state, text) {
  let best = null;
  for (const c of text) {
    const list = state.postings.get(c);
    if (!list) return false;
    if (best === null || list.length < best.length) best = list;
  }
  if (!best) return false;
  for (let k = 0; k < best.length; k++) {
    const d = state.docs[best[k]];
    if (d.all.indexOf(text) >= 0 || d.textN.indexOf(text) >= 0) return true;
  }
  return false;
}

/* A query with its same-sound typos corrected: each stretch of Chinese that occurs nowhere but
 * sounds like a name becomes that name (longest stretch first). {text, fixes: [[typed, name]]}
 * or null when nothing needed correcting. */
export function correctQuery(state, raw) {
  const it = state.intent;
  if (!it || !it.bySound.size) return null;
  const key = normalizeKey(raw, state.vocab.t2s);
  const corpusHas = (text) => occurs(state, text);
  const known = (piece) => (state.vocab.words.has(piece) || state.vocab.question.has(piece)) && (state.vocab.question.has(piece) || occurs(state, piece));
  const fixes = [];
  let out = "", at = 0;
  HAN_RUN.lastIndex = 0;
  for (let m = HAN_RUN.exec(key); m; m = HAN_RUN.exec(key)) {
    const run = m[0];
    out += key.slice(at, m.index);
    at = m.index + run.length;
    // Stretches of whole pieces as the query splits, each holding a piece found nowhere: a
    // typo never reaches into the words around it that are right (临汾什么时候 stays).
    const pieces = segmentHan(run, state.vocab, corpusHas);
    const unknown = pieces.map((p) => !known(p));
    let i = 0;
    while (i < pieces.length) {
      let done = 0;
      for (let j = pieces.length; j > i && !done; j--) {
        const typed = pieces.slice(i, j).join("");
        if (typed.length < 2 || typed.length > 8 || !unknown.slice(i, j).some(Boolean)) continue;
        for (const k of soundKeys(typed, it.sounds)) {
          const hits = it.bySound.get(k);
          if (!hits || hits.some((h) => h.name === typed)) continue;
          fixes.push([typed, hits[0].name]); out += hits[0].name; done = j - i; break;
        }
        // Not a name: a word of the query vocabulary with that sound that the pages use (养劳 → 养老).
        if (!done && typed.length <= 4) {
          const word = soundWord(state, typed);
          if (word) { fixes.push([typed, word]); out += word; done = j - i; }
        }
      }
      if (done) i += done; else { out += pieces[i]; i += 1; }
    }
  }
  out += key.slice(at);
  return fixes.length ? { text: out, fixes } : null;
}

/* The vocabulary word (2–4 characters) that sounds like `typed` and occurs in the pages. */
function soundWord(state, typed) {
  const it = state.intent;
  warmIntents(state);
  for (const k of soundKeys(typed, it.sounds)) {
    const word = it.wordSounds.get(k);
    if (word && word !== typed && occurs(state, word)) return word;
  }
  return "";
}

function prepareWordSounds(state) {
  const it = state.intent;
  it.wordSounds = new Map();
  state.vocab.words.forEach((w) => {
    if (w.length < 2 || w.length > 4 || !ALL_HAN.test(w) || state.vocab.question.has(w)) return;
    const keys = soundKeys(w, it.sounds);
    if (keys.length === 1 && !it.wordSounds.has(keys[0])) it.wordSounds.set(keys[0], w);
  });
}

/* The longest piece of the query (two characters or more) found anywhere: what to show when
 * the query as a whole finds nothing. */
export function bestWord(state, key) {
  let best = "";
  HAN_RUN.lastIndex = 0;
  for (let m = HAN_RUN.exec(key); m; m = HAN_RUN.exec(key)) {
    const run = m[0];
    for (let len = Math.min(12, run.length - 1); len >= 2 && len > best.length; len--) {
      for (let i = 0; i + len <= run.length; i++) {
        const piece = run.substr(i, len);
        if (!state.vocab.question.has(piece) && occurs(state, piece)) { best = piece; break; }
      }
    }
  }
  return best;
}

function named(map, segments) {
  const out = [], seen = new Set();
  segments.forEach((s) => {
    if (s.latin) return;
    const hit = map.get(s.text);
    if (hit && !seen.has(hit.id)) { seen.add(hit.id); out.push(hit); }
  });
  return out;
}

function longestWord(key, words) {
  let best = "";
  for (const w of words) if (w.length > best.length && key.indexOf(w) >= 0) best = w;
  return best;
}

/* What the query wants, from its key and its words. */
export function readIntent(state, q, key) {
  const it = state.intent;
  if (!it) return null;
  const regions = named(it.regionByName, q.segments), roles = named(it.roleByName, q.segments);
  const out = { regions, roles, card: [], side: null, topic: null, answer: null };
  if (CARD_WORDS.test(key) && (regions.length || roles.length)) out.card = cardsFor(it, regions, roles);
  const compare = COMPARE_WORDS.test(key);
  // Regions named with a comparison word, or regions named and nothing else (原州 临汾).
  const onlyRegions = q.segments.every((s) => !s.latin && it.regionByName.has(s.text));
  if ((SIDE_WORDS.test(key) || onlyRegions) && regions.length >= 2 && it.sideBySide) out.side = regions;
  if (compare) out.topic = topicOf(it, key, roles.length > 0);
  if (FIGURE_WORDS.test(key)) out.answer = answerFor(it, key, regions, roles);
  return out;
}

function cardsFor(it, regions, roles) {
  const out = [];
  const add = (doc) => { if (doc && out.indexOf(doc) < 0 && out.length < 3) out.push(doc); };
  regions.forEach((r) => roles.forEach((p) => add(it.cards.get(r.id + "/" + p.id))));
  if (!out.length) {
    regions.forEach((r) => (it.cardsOf.get(r.id) || []).forEach(add));
    // A post named alone has a card in every region that staffs it: up to three, else the
    // chooser of all cards.
    roles.forEach((p) => {
      const cards = it.cardsOf.get("role:" + p.id) || [];
      if (cards.length <= 3) cards.forEach(add); else if (it.cardIndex) add(it.cardIndex);
    });
  }
  return out;
}

function topicOf(it, key, roleNamed) {
  let best = null, bestLen = 0;
  it.topics.forEach((t) => {
    const w = longestWord(key, t.w);
    const len = w.length + (roleNamed && t.id === "staffing" ? 0.5 : 0);
    if (w && len > bestLen) { best = t; bestLen = len; }
  });
  return best;
}

/* The answer a figure question asks for: {answer, values (named regions first), missing (named
 * regions that state none)}, or null when the query names no figure the catalog holds. */
export function answerFor(it, key, regions, roles) {
  if (!it.answers.length) return null;
  if (WHEN_WORDS.test(key)) {
    const when = timelineAnswer(it, key, regions);
    if (when) return when;
  }
  const room = /社工室|工作室|活动室|室/.test(key);
  let best = null, bestScore = 0;
  it.answers.forEach((a) => {
    if (!a.w.length) return;
    const w = longestWord(key, a.w);
    if (!w) return;
    let score = w.length * 10 - (a.ww && a.ww.indexOf(w) >= 0 ? 5 : 0);
    if (a.s === "室") score += room ? 5 : -100;
    else if (a.s === "站") score += room ? -100 : roles.length ? -1 : 2;
    else if (a.s === "岗") score += roles.length ? 3 : 0;
    if (score > bestScore) { best = a; bestScore = score; }
  });
  if (!best) return null;
  let values = best.v;
  const roleIds = new Set(roles.map((r) => r.id));
  if (roleIds.size && values.some((v) => roleIds.has(v[6]))) values = values.filter((v) => roleIds.has(v[6]));
  return ordered(it, best, values, regions);
}

function timelineAnswer(it, key, regions) {
  const a = it.answers.find((x) => x.id === "timelines");
  if (!a) return null;
  const phases = Object.entries(a.phases || {}).filter(([, words]) => words.some((w) => key.indexOf(w) >= 0)).map(([p]) => p);
  if (!regions.length && !phases.length && !/时间节点|时间表/.test(key)) return null;
  let values = a.v;
  if (phases.length) {
    const phased = values.filter((v) => phases.indexOf(v[7]) >= 0);
    if (phased.length || !regions.length) values = phased;
  }
  if (regions.length) {
    const ids = new Set(regions.map((r) => r.id));
    const own = values.filter((v) => ids.has((it.regions[v[0]] || [])[0]));
    values = own.length ? own : values;
  }
  return ordered(it, a, values, regions);
}

function ordered(it, answer, values, regions) {
  const rank = new Map(regions.map((r, i) => [r.id, i]));
  const regionId = (v) => (it.regions[v[0]] || [""])[0];
  const first = values.filter((v) => rank.has(regionId(v))).sort((x, y) => rank.get(regionId(x)) - rank.get(regionId(y)));
  const rest = values.filter((v) => !rank.has(regionId(v)));
  const stated = new Set(first.map(regionId));
  const missing = regions.filter((r) => !stated.has(r.id)).map((r) => r.name);
  const regionCount = new Set(values.map(regionId)).size;
  return { answer, values: first.concat(rest), named: first.length, missing, regionCount };
}
