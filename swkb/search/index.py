"""Chinese search: names, the query vocabulary, pinyin and the Traditional table (from swkb.text), and the index
file our worker reads (docs/assets/javascripts/search/).

The index is written whole by us (`build_index`): documents of generated pages come from the
catalog (swkb.search.documents), hand-written pages from their HTML (swkb.search.handwritten).
Text is kept exactly as written; the worker derives its match keys (Traditional → Simplified,
NFKC, case, unit forms) and maps highlights back onto the original text. Besides the documents
the index carries:

- for pages that *are* about an entry, its names: official name, short name (常熟 for 常熟市),
  aliases, abbreviations and synonyms, so they rank first; pinyin of titles and names;
- the query vocabulary (jieba's words over titles and section openings, plus the domain
  dictionary), synonym groups from the glossary, everyday words for catalog words (钱 → 资金),
  the question words a query may drop, and a Traditional → Simplified table;
- the concept graph (swkb.search.concepts) and the kinds' Chinese labels.

`SWKB_SEARCH_ENGINE=material` leaves Material's search untouched (the stock configuration,
used by the benchmark for comparison).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from swkb.catalog.store import Catalog
from swkb.search.concepts import concept_graph
from swkb.search.documents import SearchDoc
from swkb.search.figures import compact
from swkb.search.sounds import sound_tables
from swkb.search.vocabulary import VocabularyCache
from swkb.text import HAN, syllables_of, traditional_table
from swkb.views.pagination import is_large

# Suffixes stripped to get the name people say: 常熟市 → 常熟, 社会救助服务 → 社会救助.
_PLACE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "藏族羌族自治州",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "县",
    "区",
)
_SERVICE_SUFFIXES = ("服务", "领域")


# --------------------------------------------------------------------------------------------
# Names and the domain dictionary
# --------------------------------------------------------------------------------------------


def short_names(name: str, suffixes: Iterable[str]) -> list[str]:
    out = []
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            out.append(name[: -len(suffix)])
            break
    return out


def entity_names(catalog: Catalog) -> dict[tuple[str, str], list[str]]:
    """(kind, id) → the names a reader may type for that entry, most official first."""
    names: dict[tuple[str, str], list[str]] = {}
    for rid, region in catalog.regions.items():
        names[("region", rid)] = [region.name, *short_names(region.name, _PLACE_SUFFIXES)]
    for sid, service in catalog.services.items():
        names[("service", sid)] = [service.name, *short_names(service.name, _SERVICE_SUFFIXES), *service.aliases]
    for rid, role in catalog.roles.items():
        names[("role", rid)] = [role.name, *role.aliases]
    for did, doc in catalog.documents.items():
        names[("document", did)] = [n for n in (doc.number, doc.title if doc.title_official else None) if n]
    for tid, term in catalog.terms.items():
        names[("term", tid)] = [term.term, *term.abbreviations, *term.synonyms, *term.aliases]
    for cid, category in catalog.categories.items():
        names[("category", cid)] = [category.name]
    return {key: _unique(v) for key, v in names.items()}


def synonym_groups(catalog: Catalog) -> list[list[str]]:
    """Glossary terms with their abbreviations and synonyms: typing any one finds all."""
    return [_unique([t.term, *t.abbreviations, *t.synonyms]) for t in catalog.terms.values() if t.abbreviations or t.synonyms]


def alias_forms(catalog: Catalog) -> dict[str, list[str]]:
    """Everyday word → the words the documents use for it, one way: 五保户 also looks for 特困人员
    and 特困, but 特困 does not look for 五保户 (no page says it, and every form a common word
    brings costs a pass over the pages at national scale)."""
    out: dict[str, list[str]] = {}
    for term in catalog.terms.values():
        for alias in term.aliases:
            out.setdefault(alias, [alias]).extend([term.term, *term.abbreviations])
    for service in catalog.services.values():
        for alias in service.aliases:
            out.setdefault(alias, [alias]).extend([service.name, *short_names(service.name, _SERVICE_SUFFIXES)])
    return {alias: _unique(forms) for alias, forms in out.items()}


def domain_dictionary(catalog: Catalog) -> list[str]:
    """Words jieba must keep whole: every name in the catalog, service activities' key terms."""
    words: list[str] = []
    for group in entity_names(catalog).values():
        words += [w for w in group if HAN.search(w) and 2 <= len(w) <= 20]
    for domain_list in (r.services for r in catalog.regions.values()):
        words += [d.name for d in domain_list if 2 <= len(d.name) <= 20]
    for service in catalog.services.values():
        words += [r for r in service.recipients if 2 <= len(r) <= 12]
    return _unique(w for w in words if not re.search(r"[\s,，、()（）]", w))


def disable_material_segmentation() -> None:
    """Material's search plugin runs jieba over every page whenever jieba can be imported,
    whatever its `lang` says. Our worker does its own Chinese matching, so that pass (a quarter
    of the build at 300 regions) is switched off; the stock configuration keeps it."""
    from material.plugins.search import plugin as material_search

    material_search.jieba = None


_ADDED_TO_JIEBA: set[str] = set()  # jieba keeps its dictionary for the whole `mkdocs serve` session


def add_to_jieba(words: Iterable[str]) -> None:
    import jieba

    for word in words:
        if word not in _ADDED_TO_JIEBA:
            jieba.add_word(word, freq=20000)
            _ADDED_TO_JIEBA.add(word)


# --------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------


# Query words come from titles, names and the opening of each section: enough to split what
# people type (原州资金拨付 → 原州 / 资金 / 拨付) without running jieba over every page.
VOCABULARY_TEXT_CHARS = 60


def query_vocabulary(catalog: Catalog, texts: Iterable[str], cache: VocabularyCache | None = None) -> set[str]:
    """Words the worker may split a query into: the domain dictionary plus jieba's words.
    With a cache, a build whose dictionary and texts were seen before does not load jieba."""

    domain = domain_dictionary(catalog)
    texts = list(texts)

    def make() -> set[str]:
        add_to_jieba(domain)  # jieba keeps the catalog's names whole when it splits the texts below
        words = set(domain)
        for text in texts:
            words.update(words_of(text))
        return words

    if cache is None:
        return make()
    # Stored only when jieba held no other words when it split them: an earlier build of the
    # same `mkdocs serve` session may have added names since removed from the catalog, or split
    # a text (words_of keeps it) before some of these were added.
    fresh = not _ADDED_TO_JIEBA or set(domain) == _ADDED_TO_JIEBA
    key = cache.key(sorted(set(domain)), texts, [Path(__file__)])
    return cache.get_or_make(key, make, store=fresh)


@lru_cache(maxsize=200_000)  # kept across `mkdocs serve` rebuilds: most texts do not change
def words_of(text: str) -> tuple[str, ...]:
    import jieba

    return tuple(w for w in jieba.cut(text, HMM=False) if 2 <= len(w) <= 12 and HAN.search(w) and not re.search(r"\s", w))


# Question words and particles: a query need not match them (社工站面积多少 = 社工站 面积).
# Bound words go too: 不少于80㎡ looks for the figure 80㎡, whatever the bound.
QUESTION_WORDS = [
    "是什么",
    "什么是",
    "干什么",
    "做什么",
    "干啥",
    "做啥",
    "干嘛",
    "啥",
    "咋办",
    "咋",
    "什么",
    "多少",
    "多大",
    "多久",
    "多长",
    "怎么样",
    "怎么办",
    "怎么",
    "怎样",
    "如何",
    "哪些",
    "哪里",
    "哪儿",
    "哪个",
    "哪",
    "几年",
    "几个",
    "几名",
    "几人",
    "多少年",
    "多少个",
    "多少人",
    "为什么",
    "有没有",
    "是不是",
    "能不能",
    "可不可以",
    "请问",
    "一下",
    "吗",
    "呢",
    "吧",
    "啊",
    "的",
    "了",
    "是",
    "有",
    "几",
    "要",
    "需要",
    "从",
    "来",
    "在",
    "和",
    "与",
    "及",
    "对",
    "给",
    "我",
    "我们",
    "该",
    "都",
    "还",
    "可以",
    "能",
    "谁",
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "至少",
    "最多",
    "以上",
    "以下",
    "以内",
    "超过",
    "低于",
    "大于",
    "小于",
    "达到",
]
# Words that say what a query wants rather than what it is about: the worker reads intents from
# them (docs/assets/javascripts/search/intent.mjs); here they only keep the query splitter from
# cutting them apart.
INTENT_WORDS = [
    "入职",
    "上岗",
    "卡片",
    "第一天",
    "报到",
    "比较",
    "对比",
    "相比",
    "区别",
    "不同",
    "差别",
    "各地",
    "哪些地方",
    "哪些地区",
    "什么时候",
    "何时",
    "哪一年",
    "哪年",
]
# Everyday words for what the catalog calls otherwise; a query word matches any of its forms.
EVERYDAY_WORDS: dict[str, list[str]] = {
    "钱": ["资金", "经费", "补助", "金额"],
    "经费": ["经费", "资金", "补助"],
    "工资": ["薪酬", "工资"],
    "待遇": ["薪酬", "待遇"],
    "年纪": ["年龄"],
    "岁数": ["年龄"],
    "多大岁数": ["年龄"],
    "几个人": ["人数"],
    "证书": ["证书", "资格证书", "资质"],
    "考证": ["资格证书", "取证"],
    "合同": ["合同", "签约"],
    "考核": ["评估", "考核"],
    "培训": ["培训", "学时", "继续教育"],
    "场地": ["场地", "面积", "用房"],
    "地方": ["场地", "选址"],
    "房子": ["用房", "场地"],
    "老人": ["老人", "老年人"],
    "残疾": ["残疾", "残疾人"],
    "时间表": ["时间节点"],
    "什么时候": ["时间节点"],
    "谁出钱": ["购买主体", "资金来源"],
    "谁管": ["购买主体", "工作体系"],
}


# Kinds whose names are compared by sound and by pinyin initials (原洲 → 原州, lf → 临汾).
SOUND_KINDS = ("region", "service", "role", "term")


def build_index(
    catalog: Catalog,
    docs: list[SearchDoc],
    material_config: dict[str, Any],
    kinds: dict[str, str],
    intents: dict[str, Any] | None = None,
    vocabulary_cache: VocabularyCache | None = None,
) -> dict[str, Any]:
    """The whole index file: Material's config (its page highlighter reads it) and ours.

    Each doc is {"l": location, "t": title, "k": kind, "x": text, "c": context, "n": names,
    "p": pinyin, "u": figures [[dimension, low, high]…], "a": 1 for a result of its own}."""
    names = entity_names(catalog)
    chars: set[str] = set()
    openings: set[str] = set()
    out: list[dict[str, Any]] = []
    large = is_large(catalog)
    for doc in docs:
        # Pages and results of their own name what people type; a national catalog's thousands of
        # section titles and openings ("X市 · 资金") only repeat the same words at great cost.
        if not large or "#" not in doc.location or doc.kind == "term":
            openings.update((doc.title, doc.text[:VOCABULARY_TEXT_CHARS]))
        chars.update(HAN.findall(doc.title + doc.text + doc.context))
        entry: dict[str, Any] = {"l": doc.location, "t": doc.title, "k": doc.kind}
        if doc.text:
            entry["x"] = doc.text
        if doc.context:
            entry["c"] = doc.context
        if doc.names:
            entry["n"] = list(doc.names)
        # Pinyin of what pages and terms are called (changshu, dibao): their names, else their
        # title, syllables spaced and one per name, in the names' order (the worker compares
        # each name's sound with a typed word's). Sections and rows share their page's; nobody
        # types a document's title in pinyin.
        spoken = (
            (list(doc.names) or [doc.title]) if ("#" not in doc.location or doc.kind == "term") and doc.kind != "document" else []
        )
        pinyins = [syllables_of(n) for n in spoken]
        if any(pinyins):
            entry["p"] = pinyins
        if doc.figures:
            entry["u"] = compact(list(doc.figures))
        if doc.alone:
            entry["a"] = 1
        out.append(entry)
    vocabulary = (
        query_vocabulary(catalog, openings, vocabulary_cache) | set(QUESTION_WORDS) | set(EVERYDAY_WORDS) | set(INTENT_WORDS)
    )
    for group in names.values():
        vocabulary.update(group)
    return {
        "config": {
            **material_config,
            "swkb": {
                "version": 2,
                "words": sorted(vocabulary),
                "synonyms": synonym_groups(catalog),
                "everyday": {**alias_forms(catalog), **EVERYDAY_WORDS},
                "question": QUESTION_WORDS,
                "t2s": traditional_table(chars),
                "kinds": kinds,
                "concepts": concept_graph(catalog, docs),
                **dict(zip(("sounds", "sounds2"), sound_tables(n for d in docs if d.kind in SOUND_KINDS for n in d.names))),
                **(intents or {}),
            },
        },
        "docs": out,
    }


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


# --------------------------------------------------------------------------------------------
# Splitting a large index
# --------------------------------------------------------------------------------------------

# Above this size the index is split: a head with what the first result needs, and shards the
# worker loads afterwards. The real catalog stays one file.
SHARD_ABOVE_BYTES = 1_500_000
SHARD_BYTES = 1_000_000
ANSWER_KEYS = ("answers", "regions")
"""Config keys a split index moves from its head into the first shard."""


def _size(docs: list[dict[str, Any]]) -> int:
    return len(json.dumps(docs, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def split_index(
    index: dict[str, Any], shard_dir: str = "search", limit: int = SHARD_ABOVE_BYTES
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(head index, {path: shard}) for a large index; (index, {}) for a small one.

    The head keeps every page (location, title, names, pinyin, no text) so the first result
    comes from titles and names; shards carry the page texts, all sections and results of
    their own."""
    if _size(index["docs"]) <= limit:
        return index, {}
    head_docs, rest = [], []
    for doc in index["docs"]:
        if "#" in doc["l"]:
            rest.append(doc)
        else:
            head_docs.append({k: v for k, v in doc.items() if k != "x"})
            if doc.get("x"):
                rest.append({"l": doc["l"], "x": doc["x"]})
    shards: dict[str, Any] = {}
    batch: list[dict[str, Any]] = []
    size = 0
    shard_bytes = min(SHARD_BYTES, max(limit, 10_000))
    for doc in rest:
        batch.append(doc)
        size += len(doc.get("x", "")) * 3 + 80
        if size >= shard_bytes:
            shards[f"{shard_dir}/swkb-shard-{len(shards) + 1}.json"] = {"docs": batch}
            batch, size = [], 0
    if batch:
        shards[f"{shard_dir}/swkb-shard-{len(shards) + 1}.json"] = {"docs": batch}
    # The direct answers (every region's figures and milestones) come with the first shard: they
    # are for questions, which a reader has not finished typing when the first result is due.
    config = dict(index["config"]["swkb"])
    answers = {key: config.pop(key) for key in ANSWER_KEYS if key in config}
    if answers and shards:
        first = next(iter(shards))
        shards[first] = {**answers, **shards[first]}
    elif answers:
        config.update(answers)
    head = {"config": {**index["config"], "swkb": {**config, "shards": list(shards)}}, "docs": head_docs}
    return head, shards
