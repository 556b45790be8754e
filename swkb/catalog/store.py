"""The validated catalog and the links between its entries.

Only forward links are written in YAML (a role lists the services it delivers; a region maps
its domains to services; a fact cites a document). Every inverse link is computed here, once,
so no editor ever has to keep two files in step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from swkb.catalog.memo import EntryMemo
from swkb.catalog.models import (
    ChecklistItem,
    Document,
    Fact,
    Milestone,
    Region,
    Role,
    Service,
    ServiceCategory,
    ServiceDomain,
    StaffingRule,
    StrictModel,
    Term,
)


@dataclass(frozen=True)
class Located:
    """An entry together with where it was written."""

    kind: str
    id: str
    model: Any
    file: str
    """Path of its YAML file, relative to the project root."""
    line: int
    loc: tuple[str | int, ...] = ()
    """Path of the entry inside a list file (`terms[3]`); empty for one-entry files."""
    field_lines: dict[str, int] = field(default_factory=dict)
    """Line of each top-level field of the entry, for pointing errors and edit links at it."""

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


@dataclass
class Catalog:
    """All entries by kind, with computed inverse links. Built only by `load_catalog`."""

    entries: list[Located] = field(default_factory=list)
    memo: EntryMemo = field(default_factory=EntryMemo, compare=False, repr=False)
    """Values worked out from one entry, shared with the catalogs loaded before and after this one
    by the same `LoadCache` (swkb.catalog.memo): an unchanged entry's are not worked out again."""

    def facts_of(self, model: StrictModel) -> list[Fact]:
        """`iter_facts(model)`, kept for the model object (the memo)."""
        return self.memo.get("facts", model, lambda: iter_facts(model))

    def __post_init__(self) -> None:
        self._by_kind: dict[str, dict[str, Located]] = defaultdict(dict)
        self._ids: dict[str, frozenset[str]] = {}
        for entry in self.entries:
            self._by_kind[entry.kind].setdefault(entry.id, entry)

    # ----- lookups -----

    def ids(self, kind: str) -> set[str]:
        """IDs of one kind (the catalog never changes after loading, so the set is kept)."""
        if kind not in self._ids:
            self._ids[kind] = frozenset(self._by_kind[kind])
        return self._ids[kind]  # type: ignore[return-value]

    def located(self, kind: str, entry_id: str) -> Located:
        return self._by_kind[kind][entry_id]

    def _models(self, kind: str) -> dict[str, Any]:
        return {i: e.model for i, e in self._by_kind[kind].items()}

    @cached_property
    def documents(self) -> dict[str, Document]:
        return dict(sorted(self._models("document").items(), key=lambda kv: (str(kv[1].date or ""), kv[0])))

    @cached_property
    def regions(self) -> dict[str, Region]:
        return self._models("region")

    @cached_property
    def services(self) -> dict[str, Service]:
        return dict(sorted(self._models("service").items(), key=lambda kv: kv[1].number))

    @cached_property
    def roles(self) -> dict[str, Role]:
        return dict(sorted(self._models("role").items()))

    @cached_property
    def categories(self) -> dict[str, ServiceCategory]:
        return dict(sorted(self._models("category").items(), key=lambda kv: kv[1].number))

    @cached_property
    def terms(self) -> dict[str, Term]:
        return dict(sorted(self._models("term").items(), key=lambda kv: kv[1].term))

    @cached_property
    def checklist(self) -> list[ChecklistItem]:
        """The first-month checklist in file order (empty when catalog/checklist.yml is absent)."""
        return [e.model for e in self.entries if e.kind == "checklist"]

    @cached_property
    def names_version(self) -> int:
        """Stays the same from one load to the next while no entry's name, no document's citation
        label (文号 or title), no region's parent or level and no service's number changes:
        everything a region's comparison cells read besides the region itself. Values kept per
        region in the memo depend on it, so a save that edits one region's figures recomputes
        that region's cells only, and a renamed entry or re-numbered document recomputes all."""
        names = (
            tuple((e.kind, e.id, getattr(e.model, "name", None)) for e in self.entries),
            tuple((did, d.citation_label()) for did, d in self.documents.items()),
            tuple((rid, r.parent, r.level) for rid, r in self.regions.items()),
            tuple((sid, s.number) for sid, s in self.services.items()),
        )
        return self.memo.version("names", names)

    def counts(self) -> dict[str, int]:
        return {kind: len(self._by_kind[kind]) for kind in ("region", "document", "service", "role", "term", "category")}

    # ----- region tree -----

    @cached_property
    def children(self) -> dict[str | None, list[str]]:
        """Region ID → child region IDs (None → the top-level regions), in pinyin order.

        IDs are pinyin, so sorting by ID gives the dictionary order Chinese readers expect;
        sorting names would follow Unicode code points, which means nothing to them."""
        out: dict[str | None, list[str]] = defaultdict(list)
        for rid, region in sorted(self.regions.items()):
            out[region.parent].append(rid)
        return out

    def ancestors(self, region_id: str) -> list[str]:
        """From the top-level region down to the parent of `region_id`."""
        chain: list[str] = []
        current = self.regions[region_id].parent
        while current is not None and current not in chain:
            chain.insert(0, current)
            current = self.regions[current].parent
        return chain

    def province_of(self, region_id: str) -> str:
        chain = self.ancestors(region_id) + [region_id]
        return chain[0]

    def document_label(self, doc_id: str) -> str:
        """How a document is cited: its 文号, or its title saying that no 文号 was kept."""
        return self.documents[doc_id].citation_label()

    def province_counts(self, region_ids: Iterable[str]) -> list[tuple[str, int]]:
        """How many distinct regions of `region_ids` each province has, provinces in pinyin order."""
        counts: dict[str, int] = defaultdict(int)
        for rid in set(region_ids):
            counts[self.province_of(rid)] += 1
        return sorted(counts.items())

    # ----- inverse links -----

    @cached_property
    def documents_of_region(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for did, doc in self.documents.items():
            if doc.region:
                out[doc.region].append(did)
        return out

    @cached_property
    def documents_based_on(self) -> dict[str, list[str]]:
        """Document ID → documents that name it as their basis."""
        out: dict[str, list[str]] = defaultdict(list)
        for did, doc in self.documents.items():
            for parent in doc.based_on:
                out[parent].append(did)
        return out

    @cached_property
    def services_defined_by(self) -> dict[str, list[str]]:
        """Document ID → services whose definition it holds."""
        out: dict[str, list[str]] = defaultdict(list)
        for sid, service in self.services.items():
            out[service.source].append(sid)
        return out

    @cached_property
    def services_of_category(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for sid, service in self.services.items():
            out[service.category].append(sid)
        return out

    @cached_property
    def roles_delivering(self) -> dict[str, list[str]]:
        """Service ID → IDs of roles that deliver it."""
        out: dict[str, list[str]] = defaultdict(list)
        for rid, role in self.roles.items():
            for sid in role.delivers:
                out[sid].append(rid)
        return out

    @cached_property
    def domains_adopting(self) -> dict[str, list[tuple[str, ServiceDomain]]]:
        """Service ID → (region ID, the region's own domain) pairs mapped onto it."""
        out: dict[str, list[tuple[str, ServiceDomain]]] = defaultdict(list)
        for rid, region in self.regions.items():
            for domain in region.services:
                for sid in domain.maps_to:
                    out[sid].append((rid, domain))
        return out

    @cached_property
    def staffing_of_role(self) -> dict[str, list[tuple[str, StaffingRule]]]:
        """Role ID → (region ID, that region's rule) pairs."""
        out: dict[str, list[tuple[str, StaffingRule]]] = defaultdict(list)
        for rid, region in self.regions.items():
            for rule in region.staffing:
                out[rule.role].append((rid, rule))
        return out

    @cached_property
    def documents_defining_service(self) -> dict[str, list[str]]:
        """Service ID → documents that define it or a regional domain mapped onto it."""
        # Ordered sets (dicts): a list's `in` made this quadratic, 0.45 s at 3,000 regions.
        seen: dict[str, dict[str, None]] = defaultdict(dict)
        for sid, service in self.services.items():
            seen[sid][service.source] = None
        for sid, pairs in self.domains_adopting.items():
            for _, domain in pairs:
                seen[sid].setdefault(domain.source)
        out: dict[str, list[str]] = defaultdict(list)
        out.update((sid, list(sources)) for sid, sources in seen.items())
        return out

    @cached_property
    def citations_of_document(self) -> dict[str, list[tuple[str, str, Fact]]]:
        """Document ID → (kind, entry ID, fact) for every fact that cites it."""
        out: dict[str, list[tuple[str, str, Fact]]] = defaultdict(list)
        for entry in self.entries:
            for fact in self.facts_of(entry.model):
                out[fact.source].append((entry.kind, entry.id, fact))
        return out

    def clause_groups(self, doc_id: str) -> list[tuple[str | None, list[tuple[str, str, Fact]]]]:
        """The facts citing a document grouped by clause, clauses in the order first cited (the
        document page lists them so, one anchor per clause)."""
        groups: dict[str | None, list[tuple[str, str, Fact]]] = {}
        for kind, eid, fact in self.citations_of_document.get(doc_id, []):
            groups.setdefault(fact.clause, []).append((kind, eid, fact))
        return list(groups.items())

    @cached_property
    def clauses_linked(self) -> dict[str, list[str]]:
        """Document ID → every clause a page links to (facts, service definitions, glossary
        sources), in first-cited order: each one needs its anchor on the document's page."""
        out: dict[str, dict[str, None]] = defaultdict(dict)
        for doc_id, cited in self.citations_of_document.items():
            for _, _, fact in cited:
                if fact.clause:
                    out[doc_id][fact.clause] = None
        for service in self.services.values():
            if service.clause:
                out[service.source][service.clause] = None
        for term in self.terms.values():
            if term.source and term.clause:
                out[term.source][term.clause] = None
        return {doc_id: list(clauses) for doc_id, clauses in out.items()}

    def milestones(self, region_id: str) -> list[Milestone]:
        return sorted(self.regions[region_id].timeline, key=milestone_order)


def milestone_order(m: Milestone) -> tuple[bool, Any]:
    """Sort key: dated milestones in chronological order (Milestone.order_key), undated last."""
    key = m.order_key()
    return key is None, key


@cache
def field_names(model: type[StrictModel]) -> tuple[str, ...]:
    """A model class's field names. Pydantic answers `model_fields` through a descriptor that
    cost a microsecond a call: at 3,000 regions the walks over every fact made 1.8 million."""
    return tuple(model.model_fields)


def iter_facts(model: StrictModel) -> list[Fact]:
    """Every `Fact` nested anywhere inside `model`, in field order."""
    found: list[Fact] = []

    def visit(value: Any) -> None:
        if isinstance(value, Fact):
            found.append(value)
        if isinstance(value, StrictModel):
            for name in field_names(type(value)):
                item = getattr(value, name)
                if item is not None and not isinstance(item, str | int | float):
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(model)
    return found
