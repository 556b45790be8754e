"""What changed in the catalog between two versions, as plain data (对照).

A *snapshot* is the catalog reduced to what readers see: for every entry, each fact's text as
the pages show it and its citation, under a stable path (`staffing[zhuzhan-shegong@station].age_max`;
list items are keyed by what identifies them, not by position, so inserting one does not "change"
the rest). Snapshots are JSON, stored with every release (swkb.publish.changelog), and `diff`
compares two of them: facts added, changed (old → new, each with its citation) and removed,
grouped by region and by topic. Prose in our own words (summaries, definitions) and maintainer
fields (seed_file) are left out: they are not facts a reader quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from swkb.catalog import labels
from swkb.catalog.labels import FIELD_ZH, FIELD_ZH_OF_KIND, KIND_ZH, NOT_STATED, POST_ZH
from swkb.catalog.models import Fact, Milestone, ServiceDomain, StaffingRule, StrictModel
from swkb.catalog.store import Catalog

SNAPSHOT_FORMAT = 1
Change = Literal["added", "changed", "removed"]
CHANGE_ZH: dict[str, str] = {"added": "新增", "changed": "修改", "removed": "删除"}
# Our own words and maintainer fields: not facts a reader quotes.
_SKIPPED_FIELDS = {"id", "summary", "definition", "activities", "seed_file", "seed_section"}
_CODE_WORDS: dict[str, dict[str, str]] = {
    "level": labels.LEVEL_ZH,
    "status": labels.STATUS_ZH,
    "scope": labels.SCOPE_ZH,
    "doc_type": labels.DOC_TYPE_ZH,
    "post": POST_ZH,
}
# Sections of a region page, in page order, then the other kinds: the order of topics.
REGION_TOPICS = [
    "basic",
    "station",
    "room",
    "staffing",
    "services",
    "recipients",
    "funding",
    "purchase",
    "governance",
    "timeline",
    "practices",
    "statistics",
    "exclusions",
]
KIND_ORDER = ["region", "document", "service", "role", "category", "term"]
NO_REGION = "不分地区(服务清单、岗位、术语等)"


def topic_label(topic: str) -> str:
    if topic == "basic":
        return "地区基本信息"
    return FIELD_ZH.get(topic) or KIND_ZH.get(topic, topic)


def _topic_rank(topic: str) -> int:
    order = REGION_TOPICS + KIND_ORDER
    return order.index(topic) if topic in order else len(order)


# --------------------------------------------------------------------------------------------
# Snapshots
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One fact (or attribute) of an entry as readers see it."""

    path: str
    label: str
    """Where it is, in Chinese: `人员配备 · 驻站社工(社工站) · 年龄上限`."""
    topic: str
    text: str
    cite: str = ""
    """Document (文号 or title) and clause; empty for an entry's own attributes (name, level…)."""
    source: str | None = None
    obj: Any = field(default=None, compare=False, repr=False)
    """The Fact it came from (not stored): lets pages mark the facts that changed."""


def entry_name(catalog: Catalog, kind: str, model: Any) -> str:
    if kind == "document":
        return catalog.document_label(model.id)
    if kind == "service":
        return f"{model.number}. {model.name}"
    return str(getattr(model, "name", None) or getattr(model, "term", model.id))


def entry_items(catalog: Catalog, kind: str, model: StrictModel) -> Iterator[Item]:
    """Every fact and attribute of one entry, with its stable path."""
    yield from _walk(catalog, kind, model, "", "", None, set())


def _walk(
    catalog: Catalog, kind: str, model: StrictModel, prefix: str, label: str, topic: str | None, skip: set[str]
) -> Iterator[Item]:
    names = FIELD_ZH_OF_KIND.get(kind, {})
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in _SKIPPED_FIELDS or name in skip or value is None or value == []:
            continue
        path = f"{prefix}.{name}" if prefix else name
        here = " · ".join(p for p in (label, names.get(name) or FIELD_ZH.get(name, name)) if p)
        section = topic or (name if kind == "region" and name in REGION_TOPICS else "basic" if kind == "region" else kind)
        if isinstance(value, Fact):
            yield _fact_item(catalog, path, here, section, value)
        elif isinstance(value, StrictModel):
            yield from _walk(catalog, kind, value, path, here, section, set())
        elif isinstance(value, list) and value and isinstance(value[0], StrictModel):
            for key, item_label, item in _keyed(catalog, value):
                item_path, item_here = f"{path}[{key}]", f"{here} · {item_label}" if item_label else here
                if isinstance(item, Fact):
                    yield _fact_item(catalog, item_path, item_here, section, item)
                else:
                    yield from _walk(
                        catalog,
                        kind,
                        item,
                        item_path,
                        item_here,
                        section,
                        {"role", "post"} if isinstance(item, StaffingRule) else set(),
                    )
        else:
            yield Item(path, here, section, _attribute_text(catalog, name, value))


def _fact_item(catalog: Catalog, path: str, label: str, topic: str, fact: Fact) -> Item:
    cite = catalog.document_label(fact.source) + (f" {fact.clause}" if fact.clause else "")
    return Item(path, label, topic, fact_text(catalog, fact), cite, fact.source, fact)


def fact_text(catalog: Catalog, fact: Fact) -> str:
    """A fact's value as the pages show it (with its note)."""
    if fact.status == "not_stated":
        return NOT_STATED
    if isinstance(fact, ServiceDomain):
        mapped = (
            "、".join(f"{catalog.services[s].number}. {catalog.services[s].name}" for s in fact.maps_to if s in catalog.services)
            or "本地特有服务"
        )
        return f"{fact.name} → {mapped}" + (f"（{fact.note}）" if fact.note else "")
    if isinstance(fact, Milestone):
        return f"{fact.zh()}：{fact.event}" + (f"（{fact.note}）" if fact.note else "")
    return fact.display()


def _keyed(catalog: Catalog, items: list[Any]) -> list[tuple[str, str, Any]]:
    """(key, label, item) for list items: keyed by what identifies them, else by position."""
    if all(isinstance(i, StaffingRule) for i in items):
        pairs = [
            (
                f"{i.role}@{i.post}",
                f"{catalog.roles[i.role].name if i.role in catalog.roles else i.role}({POST_ZH.get(i.post, i.post)})",
            )
            for i in items
        ]
    elif all(isinstance(i, ServiceDomain) for i in items):
        pairs = [(i.name, i.name) for i in items]
    elif all(getattr(i, "label", None) for i in items):
        pairs = [(i.label, i.label) for i in items]
    elif all(isinstance(i, Milestone) for i in items):
        pairs = [(i.event, i.event) for i in items]
    elif all(isinstance(i, Fact) for i in items):
        # Unnamed items (场地与设施, 服务对象…) are known by their text: a new one is one
        # addition, not a shift of every later item; an edited one shows as removed and added.
        pairs = [(fact_text(catalog, i), "") for i in items]
    else:
        pairs = []
    if not pairs or len({k for k, _ in pairs}) < len(pairs):
        pairs = [(str(n), f"第 {n} 项") for n in range(1, len(items) + 1)]
    return [(key, label, item) for (key, label), item in zip(pairs, items)]


def _attribute_text(catalog: Catalog, name: str, value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_attribute_text(catalog, name, v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if name in _CODE_WORDS:
        return _CODE_WORDS[name].get(str(value), str(value))
    refs = {
        "parent": "region",
        "region": "region",
        "category": "category",
        "delivers": "service",
        "based_on": "document",
        "source": "document",
    }
    kind = refs.get(name)
    if kind == "document" and value in catalog.documents:
        return catalog.document_label(value)
    if kind is not None and value in catalog.ids(kind):
        return entry_name(catalog, kind, catalog.located(kind, value).model)
    return str(value)


def _group(catalog: Catalog, kind: str, model: Any) -> str:
    """The region an entry belongs to on the by-region list ("" for none)."""
    if kind == "region":
        return str(model.id)
    if kind == "document" and model.region:
        return str(model.region)
    return ""


def snapshot(catalog: Catalog, catalog_version: str = "") -> dict[str, Any]:
    """The catalog as readers see it, as JSON-ready data."""
    entries: dict[str, Any] = {}
    for entry in catalog.entries:
        group = _group(catalog, entry.kind, entry.model)
        chain = catalog.ancestors(group) + [group] if group else []
        entries[f"{entry.kind}:{entry.id}"] = {
            "kind": entry.kind,
            "id": entry.id,
            "name": entry_name(catalog, entry.kind, entry.model),
            "group": group,
            "group_path": "/".join(chain),
            "group_name": " › ".join(catalog.regions[r].name for r in chain) if chain else NO_REGION,
            "items": {
                i.path: [i.label, i.topic, i.text, i.cite, i.source] for i in entry_items(catalog, entry.kind, entry.model)
            },
        }
    return {"format": SNAPSHOT_FORMAT, "catalog_version": catalog_version, "entries": entries}


# --------------------------------------------------------------------------------------------
# Differences
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    text: str
    cite: str = ""
    source: str | None = None


@dataclass(frozen=True)
class FactChange:
    path: str
    label: str
    topic: str
    change: Change
    old: Value | None = None
    new: Value | None = None


@dataclass(frozen=True)
class EntryChange:
    key: str
    """`region:changshu`: the kind and ID."""
    kind: str
    id: str
    name: str
    group: str
    group_name: str
    group_path: str
    change: Change
    facts: tuple[FactChange, ...] = ()


@dataclass(frozen=True)
class ChangeSet:
    """Every difference between two snapshots, entries in region-tree order."""

    old_version: str
    new_version: str
    entries: tuple[EntryChange, ...] = ()

    def counts(self) -> dict[str, int]:
        """Facts added, changed and removed."""
        out = {"added": 0, "changed": 0, "removed": 0}
        for entry in self.entries:
            for fact in entry.facts:
                out[fact.change] += 1
        return out

    def is_empty(self) -> bool:
        return not self.entries

    def by_region(self) -> list[tuple[str, str, list[EntryChange]]]:
        """(region ID or "", the region's name chain, its changed entries), regions in tree order."""
        groups: dict[str, tuple[str, str, list[EntryChange]]] = {}
        for entry in self.entries:
            groups.setdefault(entry.group, (entry.group_path, entry.group_name, []))[2].append(entry)
        ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[1][0]))
        return [(group, name, items) for group, (_, name, items) in ordered]

    def by_topic(self) -> list[tuple[str, str, list[tuple[EntryChange, FactChange]]]]:
        """(topic, its label, every (entry, fact change) under it), topics in page order."""
        topics: dict[str, list[tuple[EntryChange, FactChange]]] = {}
        for entry in self.entries:
            for fact in entry.facts:
                topics.setdefault(fact.topic, []).append((entry, fact))
        return [(t, topic_label(t), topics[t]) for t in sorted(topics, key=_topic_rank)]

    def of_entry(self, kind: str, entry_id: str) -> EntryChange | None:
        return next((e for e in self.entries if e.kind == kind and e.id == entry_id), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChangeSet:
        def value(v: dict[str, Any] | None) -> Value | None:
            return Value(**v) if v else None

        entries = tuple(
            EntryChange(
                **{**e, "facts": tuple(FactChange(**{**f, "old": value(f["old"]), "new": value(f["new"])}) for f in e["facts"])}
            )
            for e in data["entries"]
        )
        return cls(data["old_version"], data["new_version"], entries)


def diff(old: dict[str, Any], new: dict[str, Any]) -> ChangeSet:
    """What changed from snapshot `old` to snapshot `new`."""
    before, after = old.get("entries", {}), new.get("entries", {})

    def order(key: str) -> tuple[bool, str, int, str]:
        e = after.get(key) or before[key]
        return (e["group"] == "", e["group_path"], KIND_ORDER.index(e["kind"]) if e["kind"] in KIND_ORDER else 99, e["id"])

    entries = []
    for key in sorted(set(before) | set(after), key=order):
        o, n = before.get(key), after.get(key)
        old_items, new_items = (o or {}).get("items", {}), (n or {}).get("items", {})
        facts = []
        for path in list(new_items) + [p for p in old_items if p not in new_items]:
            a, b = old_items.get(path), new_items.get(path)
            if a == b or (a is not None and b is not None and a[2:] == b[2:]):
                continue  # same value and citation (a moved label is not a change)
            label, topic = (b or a)[0], (b or a)[1]
            change: Change = "added" if a is None else "removed" if b is None else "changed"
            facts.append(FactChange(path, label, topic, change, _value(a), _value(b)))
        if not facts and o is not None and n is not None:
            continue
        entry = n or o
        assert entry is not None
        change_kind: Change = "added" if o is None else "removed" if n is None else "changed"
        entries.append(
            EntryChange(
                key,
                entry["kind"],
                entry["id"],
                entry["name"],
                entry["group"],
                entry["group_name"],
                entry["group_path"],
                change_kind,
                tuple(facts),
            )
        )
    return ChangeSet(old.get("catalog_version", ""), new.get("catalog_version", ""), tuple(entries))


def _value(item: list[Any] | None) -> Value | None:
    return Value(item[2], item[3], item[4]) if item is not None else None


@dataclass(frozen=True)
class Mark:
    """A fact of the current catalog that the release added or changed."""

    group: str
    """The region whose block on the change log lists it ("" for none)."""
    change: FactChange


def fact_marks(catalog: Catalog, changes: ChangeSet) -> dict[int, Mark]:
    """The facts of `catalog` that changed or were added, by object identity: pages mark them."""
    marks: dict[int, Mark] = {}
    for entry_change in changes.entries:
        if entry_change.id not in catalog.ids(entry_change.kind):
            continue
        paths = {f.path: f for f in entry_change.facts if f.change != "removed"}
        if not paths:
            continue
        model = catalog.located(entry_change.kind, entry_change.id).model
        for item in entry_items(catalog, entry_change.kind, model):
            if item.path in paths and item.obj is not None:
                marks[id(item.obj)] = Mark(entry_change.group, paths[item.path])
    return marks
