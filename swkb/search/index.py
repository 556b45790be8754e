"""Chinese search: a domain dictionary for jieba, and the index our search worker reads.

Material's search plugin still extracts the text of every page and section (its sectioning
is good). After it has written `search/search_index.json`, `enrich_index` rewrites that file
for our worker (docs/assets/javascripts/swkb-search-worker.js):

- text without the U+200B marks jieba put between words (they leaked into titles and copies);
- for pages and glossary entries that *are* about something, their names: official name,
  short name (常熟 for 常熟市), aliases, abbreviations and synonyms, so they rank first;
- pinyin of titles and names (changshu, yanglao), so queries typed without an input method work;
- the query vocabulary (jieba's words over our pages, plus the domain dictionary), synonym
  groups from the glossary, and a Traditional → Simplified table for the characters we use.

`SWKB_SEARCH_ENGINE=material` leaves Material's search untouched (the stock configuration,
used by the benchmark for comparison).
"""

from __future__ import annotations

import html
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from swkb.catalog.store import Catalog

ENGINE_ENV = "SWKB_SEARCH_ENGINE"
ZWSP = "\u200b"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# Suffixes stripped to get the name people say: 常熟市 → 常熟, 社会救助服务 → 社会救助.
_PLACE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "藏族羌族自治州", "自治区", "自治州", "地区", "省", "市", "县", "区")
_SERVICE_SUFFIXES = ("服务", "领域")


def engine() -> str:
    """'swkb' (ours, the default) or 'material' (the stock configuration)."""
    return "material" if os.environ.get(ENGINE_ENV, "").strip().lower() == "material" else "swkb"


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
        names[("service", sid)] = [service.name, *short_names(service.name, _SERVICE_SUFFIXES)]
    for rid, role in catalog.roles.items():
        names[("role", rid)] = [role.name, *role.aliases]
    for did, doc in catalog.documents.items():
        names[("document", did)] = [n for n in (doc.number, doc.title if doc.title_official else None) if n]
    for tid, term in catalog.terms.items():
        names[("term", tid)] = [term.term, *term.abbreviations, *term.synonyms]
    for cid, category in catalog.categories.items():
        names[("category", cid)] = [category.name]
    return {key: _unique(v) for key, v in names.items()}


def synonym_groups(catalog: Catalog) -> list[list[str]]:
    """Glossary terms with their abbreviations and synonyms: typing any one finds all."""
    return [_unique([t.term, *t.abbreviations, *t.synonyms]) for t in catalog.terms.values()
            if t.abbreviations or t.synonyms]


def domain_dictionary(catalog: Catalog) -> list[str]:
    """Words jieba must keep whole: every name in the catalog, service activities' key terms."""
    words: list[str] = []
    for group in entity_names(catalog).values():
        words += [w for w in group if _HAN.search(w) and 2 <= len(w) <= 20]
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


def add_to_jieba(words: Iterable[str]) -> None:
    import jieba

    for word in words:
        jieba.add_word(word, freq=20000)


# --------------------------------------------------------------------------------------------
# Text normalisation shared with the worker
# --------------------------------------------------------------------------------------------


def plain_text(fragment: str) -> str:
    """Search text from Material's index: no tags, no U+200B, entities decoded, spaces collapsed."""
    text = html.unescape(_TAGS.sub(" ", fragment.replace(ZWSP, "")))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


@lru_cache(maxsize=200_000)  # kept across `mkdocs serve` rebuilds: titles rarely change
def pinyin_of(text: str) -> str:
    """Toneless pinyin of the Han characters in `text`, joined: 常熟市 → changshushi."""
    from pypinyin import lazy_pinyin

    han = "".join(_HAN.findall(text))
    return "".join(lazy_pinyin(han)) if han else ""


@lru_cache(maxsize=1)
def _ts_table() -> dict[str, str]:
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    table: dict[str, str] = {}
    for name in ("TSCharacters.txt", "HKVariantsRev.txt", "TWVariantsRev.txt"):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" not in line:
                continue
            trad, simp = line.split("\t", 1)
            if len(trad) == 1:
                table.setdefault(trad, simp.split()[0])
    return table


def traditional_table(chars: set[str]) -> dict[str, str]:
    """Traditional → Simplified, for the Simplified characters that occur in our pages."""
    return {t: s for t, s in _ts_table().items() if s in chars and t != s}


# --------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------


# Query words come from titles, names and the opening of each section: enough to split what
# people type (原州资金拨付 → 原州 / 资金 / 拨付) without running jieba over every page.
VOCABULARY_TEXT_CHARS = 60


def query_vocabulary(catalog: Catalog, texts: Iterable[str]) -> set[str]:
    """Words the worker may split a query into: the domain dictionary plus jieba's words."""

    domain = domain_dictionary(catalog)
    add_to_jieba(domain)  # jieba keeps the catalog's names whole when it splits the texts below
    words = set(domain)
    for text in texts:
        words.update(words_of(text))
    return words


@lru_cache(maxsize=200_000)  # kept across `mkdocs serve` rebuilds: most texts do not change
def words_of(text: str) -> tuple[str, ...]:
    import jieba

    return tuple(w for w in jieba.cut(text, HMM=False)
                 if 2 <= len(w) <= 12 and _HAN.search(w) and not re.search(r"\s", w))


@dataclass(frozen=True)
class Entity:
    """A page (or glossary section) that is about one catalog entry."""

    location: str
    kind: str
    id: str


def enrich_index(index: dict[str, Any], catalog: Catalog, entities: list[Entity]) -> dict[str, Any]:
    """Rewrite Material's search index (in place semantics: returns the new dict) for our worker."""
    names = entity_names(catalog)
    about = {e.location: names.get((e.kind, e.id), []) for e in entities}
    docs_out = []
    chars: set[str] = set()
    openings: set[str] = set()
    for doc in index["docs"]:
        title, text = plain_text(doc.get("title", "")), plain_text(doc.get("text", ""))
        openings.update((title, text[:VOCABULARY_TEXT_CHARS]))
        chars.update(_HAN.findall(title + text))
        entry: dict[str, Any] = {"location": doc["location"], "title": title, "text": text}
        doc_names = about.get(doc["location"])
        if doc_names:
            entry["names"] = doc_names
        pinyins = _unique(p for p in (pinyin_of(n) for n in [title, *(doc_names or [])]) if p)
        if pinyins:
            entry["py"] = pinyins
        docs_out.append(entry)
    vocabulary = query_vocabulary(catalog, openings)
    return {
        "config": {
            **index.get("config", {}),
            "swkb": {
                "version": 1,
                "words": sorted(vocabulary),
                "synonyms": [[plain_text(w) for w in group] for group in synonym_groups(catalog)],
                "t2s": traditional_table(chars),
            },
        },
        "docs": docs_out,
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
SHARD_ENV = "SWKB_SEARCH_SHARD_ABOVE"  # tests set a small value to exercise sharding on a small site


def _size(docs: list[dict[str, Any]]) -> int:
    return len(json.dumps(docs, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def split_index(index: dict[str, Any], shard_dir: str = "search") -> tuple[dict[str, Any], dict[str, Any]]:
    """(head index, {path: shard}) for a large index; (index, {}) for a small one.

    The head keeps every page (location, title, names, pinyin, no text) so the first result
    comes from titles and names; shards carry the page texts and all sections."""
    limit = int(os.environ.get(SHARD_ENV) or SHARD_ABOVE_BYTES)
    if _size(index["docs"]) <= limit:
        return index, {}
    head_docs, rest = [], []
    for doc in index["docs"]:
        if "#" in doc["location"]:
            rest.append(doc)
        else:
            head_docs.append({k: v for k, v in doc.items() if k != "text"})
            rest.append({"location": doc["location"], "text": doc["text"]})
    shards: dict[str, Any] = {}
    batch: list[dict[str, Any]] = []
    size = 0
    shard_bytes = min(SHARD_BYTES, max(limit, 10_000))
    for doc in rest:
        batch.append(doc)
        size += len(doc.get("text", "")) * 3 + 80
        if size >= shard_bytes:
            shards[f"{shard_dir}/swkb-shard-{len(shards) + 1}.json"] = {"docs": batch}
            batch, size = [], 0
    if batch:
        shards[f"{shard_dir}/swkb-shard-{len(shards) + 1}.json"] = {"docs": batch}
    head = {"config": {**index["config"], "swkb": {**index["config"]["swkb"], "shards": list(shards)}}, "docs": head_docs}
    return head, shards
