"""The concept graph search answers concept queries with: glossary terms, services, posts and
the groups of people services serve, linked to each other and to the regions that use them.

- a recipient group (孤儿, 空巢老人, 重度残疾人 …) → the services that serve it;
- an abbreviation or synonym → its term;
- a term → the services whose names or recipients use it, and the regions whose rules do;
- a service → the posts that deliver it and the regions that map a domain onto it.

A concept query gets its own entry first (tier 0), then services (1) and posts (2), then
regions and documents (3). The worker reads the graph from the index (`concepts`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from itertools import islice

from swkb.catalog.store import Catalog
from swkb.search.documents import SearchDoc

# Families of the people services are for. A word of a family found in a service's name or
# recipients links the whole family to that service: 孤儿 and 困境儿童 to 儿童关爱保护. These are
# the everyday names of groups that policy documents use; the services come from the catalog.
RECIPIENT_FAMILIES: dict[str, tuple[str, ...]] = {
    "儿童": ("儿童", "孤儿", "未成年人", "困境儿童", "留守儿童", "事实无人抚养儿童", "青少年", "孩子"),
    "老年人": ("老年人", "老人", "空巢老人", "独居老人", "留守老人", "失能老人", "高龄老人", "养老"),
    "残疾人": ("残疾人", "残疾", "重度残疾人", "重残", "残障人士", "精神障碍患者"),
    "救助": ("救助", "低保", "最低生活保障", "特困", "特困人员", "困难群众", "临时救助", "流浪乞讨人员", "低收入", "困难家庭"),
    "志愿者": ("志愿者", "义工", "志愿服务", "社区志愿者"),
    "婚姻家庭": ("婚姻", "家庭暴力", "家暴"),
    "社会组织": ("社会组织", "社区社会组织"),
    "慈善": ("慈善", "公益慈善", "慈善资源"),
}

TIER_OWN, TIER_SERVICE, TIER_POST, TIER_REGION = 0, 1, 2, 3
MAX_RELATED = 60
"""Regions and documents listed per concept; more would only grow the index at national scale."""


def _members(family: tuple[str, ...], words: Iterable[str]) -> bool:
    return any(member in word for word in words for member in family)


class _EntriesWith:
    """Which entries' texts hold each form, in the order of the texts. Which forms an entry's text
    holds is kept for its model while its text and the forms stay the same (swkb.catalog.memo):
    at 3,000 regions every serve save looked for every concept in every region's text again."""

    def __init__(
        self, catalog: Catalog, kind: str, models: Mapping[str, object], texts: dict[str, str], forms: tuple[str, ...]
    ) -> None:
        version = catalog.memo.version(f"concept_forms:{kind}", forms)
        self.forms = frozenset(forms)
        self.ids = list(texts)
        self.positions: dict[str, list[int]] = {}
        for position, (eid, text) in enumerate(texts.items()):
            found = catalog.memo.get(
                f"concepts:{kind}", models[eid], partial(_forms_in, text, forms), depends=(eid, text, version)
            )
            for form in found:
                self.positions.setdefault(form, []).append(position)

    def first(self, forms: list[str]) -> list[str]:
        """The first MAX_RELATED entries whose text holds any of `forms`, in the texts' order."""
        unknown = [f for f in forms if f not in self.forms]
        if unknown:
            raise ValueError(f"概念图没有为这些说法建索引：{unknown}")  # every form asked about is indexed
        merged = heapq.merge(*(self.positions.get(f, []) for f in dict.fromkeys(forms)))
        return [self.ids[p] for p in islice(_distinct(merged), MAX_RELATED)]


def _forms_in(text: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in forms if f in text)


def _distinct(ordered: Iterable[int]) -> Iterator[int]:
    last = None
    for value in ordered:
        if value != last:
            yield value
            last = value


def concept_graph(catalog: Catalog, docs: list[SearchDoc]) -> list[dict[str, object]]:
    """[{"n": forms, "r": [[location, tier], …], "f": 1 if forms are a family}] for the index."""
    location = _Locations(docs)
    # A region's rules as its search documents say them (page and sections together).
    region_of = {d.location: d.entry for d in docs if d.kind == "region" and "#" not in d.location and d.entry}
    parts: dict[str, list[str]] = {}
    for d in docs:
        rid = region_of.get(d.location.partition("#")[0]) if d.kind == "region" else None
        if rid is not None:
            parts.setdefault(rid, []).append(d.text)
    region_text = {rid: " ".join(texts) for rid, texts in parts.items()}
    doc_text = {did: f"{d.title} {d.summary or ''}" for did, d in catalog.documents.items()}
    # The forms `related` is asked about, made once: the index of who says them is built from them.
    term_forms = {tid: _unique([t.term, *t.abbreviations, *t.synonyms, *t.aliases]) for tid, t in catalog.terms.items()}
    service_forms = {sid: _unique([s.name, *s.recipients]) for sid, s in catalog.services.items()}
    families = [list(family) for family in RECIPIENT_FAMILIES.values()]
    every_form = tuple(dict.fromkeys(f for forms in [*term_forms.values(), *service_forms.values(), *families] for f in forms))
    regions_with = _EntriesWith(catalog, "region", catalog.regions, region_text, every_form)
    documents_with = _EntriesWith(catalog, "document", catalog.documents, doc_text, every_form)

    def services_for(words: Iterable[str]) -> list[str]:
        words = list(words)
        out = []
        for sid, service in catalog.services.items():
            said = [service.name, *service.recipients]
            if any(w in s for w in words for s in said) or any(
                _members(f, words) and _members(f, said) for f in RECIPIENT_FAMILIES.values()
            ):
                out.append(sid)
        return out

    def related(forms: list[str], own: str | None, services: list[str]) -> list[list[object]]:
        out: dict[str, int] = {}
        if own:
            out[own] = TIER_OWN
        for sid in services:
            out.setdefault(location["service", sid], TIER_SERVICE)
            for role in catalog.roles_delivering.get(sid, []):
                out.setdefault(location["role", role], TIER_POST)
        for rid in regions_with.first(forms):
            out.setdefault(location["region", rid], TIER_REGION)
        for did in documents_with.first(forms):
            out.setdefault(location["document", did], TIER_REGION)
        return [[loc, tier] for loc, tier in out.items() if loc]

    graph: list[dict[str, object]] = []
    for tid, forms in term_forms.items():
        graph.append({"n": forms, "r": related(forms, location["term", tid], services_for(forms))})
    for sid, service in catalog.services.items():
        graph.append({"n": [service.name, *service.aliases], "r": related(service_forms[sid], location["service", sid], [])})
    for rid, role in catalog.roles.items():
        forms = _unique([role.name, *role.aliases])
        regions = [r for r, _ in catalog.staffing_of_role.get(rid, [])][:MAX_RELATED]
        rel: list[list[object]] = [[location["role", rid], TIER_OWN]]
        rel += [[location["service", s], TIER_SERVICE] for s in role.delivers]  # a post's services next
        rel += [[location["region", r], TIER_REGION] for r in regions]
        graph.append({"n": forms, "r": rel})
    for family in families:
        services = services_for(family)
        if services:
            graph.append({"n": family, "r": related(family, None, services), "f": 1})
    return graph


class _Locations:
    """(kind, id) → location of the entry's own result ('' when the build has no such page)."""

    def __init__(self, docs: list[SearchDoc]) -> None:
        self.by_key: dict[tuple[str, str], str] = {}
        for d in docs:
            if "#" in d.location and d.kind == "term":
                self.by_key["term", d.location.rpartition("#")[2]] = d.location
            elif "#" not in d.location and d.entry:
                self.by_key[d.kind, d.entry] = d.location

    def __getitem__(self, key: tuple[str, str]) -> str:
        return self.by_key.get(key, "")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
