"""Data completeness, for maintainers: per region and topic, how many fields are stated, not
stated by the source, or not collected yet; the gaps (not collected) name their field and its
entry in the field reference, largest gaps first.

The generated page (pages/coverage.html.j2) and `swkb coverage` both print `coverage(catalog)`, so
they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from swkb.catalog.labels import FIELD_ZH, POST_ZH
from swkb.catalog.models import Funding, Governance, Purchase, SiteRules, StaffingRule, Workforce
from swkb.catalog.store import Catalog, field_names
from swkb.catalog.values import Fact, StrictModel

FieldState = Literal["stated", "not_stated", "not_collected"]
STATE_ZH: dict[str, str] = {"stated": "有规定", "not_stated": "来源未规定", "not_collected": "未收集"}
FIELD_REFERENCE = "developer/fields.md"
"""The hand-written page whose mkdocstrings anchors (`swkb.catalog.models.SiteRules.staff`) each gap links to."""

# Topic id, its name, the part of a region it reads, the model of that part. Staffing is read
# rule by rule; 其他 holds the region's own lists.
SECTIONS: list[tuple[str, str, str, type[StrictModel]]] = [
    ("station", "社工站", "station", SiteRules),
    ("room", "社工室", "room", SiteRules),
    ("staffing", "人员配备", "staffing", StaffingRule),
    ("funding", "资金", "funding", Funding),
    ("purchase", "政府购买服务", "purchase", Purchase),
    ("governance", "工作体系", "governance", Governance),
    ("workforce", "培训、督导和考核", "workforce", Workforce),
]
REGION_LISTS = ("services", "recipients", "timeline", "exclusions", "practices")
OTHER_TOPIC = ("other", "服务与其他")
SKIPPED_FIELDS: dict[type[StrictModel], tuple[str, ...]] = {StaffingRule: ("role", "post")}


@dataclass(frozen=True)
class Gap:
    """A field not collected for a region."""

    path: str
    """Where it goes in the region file: `room.staff`, `staffing[2].age_max`."""
    label: str
    anchor: str
    """Its entry in the field reference (`swkb.catalog.models.SiteRules.staff`)."""
    about: str = ""
    """What the field belongs to, when a topic has several (a post: `站长（社工站）`)."""
    name: str = ""
    """The field's own label (`用人单位`); `label` is `about·name`."""


@dataclass(frozen=True)
class TopicCoverage:
    region_id: str
    region: str
    topic: str
    topic_name: str
    stated: int
    not_stated: int
    gaps: tuple[Gap, ...]

    @property
    def gap_groups(self) -> list[tuple[str, list[Gap]]]:
        """The gaps by what they belong to, in order (one group per post of a staffing topic)."""
        groups: list[tuple[str, list[Gap]]] = []
        for gap in self.gaps:
            if not groups or groups[-1][0] != gap.about:
                groups.append((gap.about, []))
            groups[-1][1].append(gap)
        return groups

    @property
    def not_collected(self) -> int:
        return len(self.gaps)

    @property
    def total(self) -> int:
        return self.stated + self.not_stated + self.not_collected


def state_of(value: Any) -> FieldState:
    """A field's state: absent or empty is not collected; facts all `not_stated` are not stated."""
    if value is None or value == []:
        return "not_collected"
    facts = value if isinstance(value, list) else [value]
    if all(isinstance(f, Fact) and f.status == "not_stated" for f in facts):
        return "not_stated"
    return "stated"


@cache
def _fields(model: type[StrictModel]) -> tuple[str, ...]:
    skipped = SKIPPED_FIELDS.get(model, ())
    return tuple(name for name in field_names(model) if name not in skipped)


@cache
def _anchor(model: type[StrictModel], name: str) -> str:
    return f"{model.__module__}.{model.__name__}.{name}"


def _count(parts: list[tuple[str, str, Any]], model: type[StrictModel]) -> tuple[int, int, list[Gap]]:
    """Counts over `parts` (path prefix, label prefix, the part or None when absent)."""
    stated = not_stated = 0
    gaps = []
    for prefix, about, part in parts:
        for name in _fields(model):
            state = state_of(getattr(part, name) if part is not None else None)
            if state == "stated":
                stated += 1
            elif state == "not_stated":
                not_stated += 1
            else:
                label = FIELD_ZH.get(name, name)
                gaps.append(Gap(f"{prefix}.{name}", f"{about}·{label}" if about else label, _anchor(model, name), about, label))
    return stated, not_stated, gaps


def region_coverage(catalog: Catalog, region_id: str) -> Iterator[TopicCoverage]:
    region = catalog.regions[region_id]
    for topic, name, attr, model in SECTIONS:
        value = getattr(region, attr)
        if attr == "staffing":
            # Each rule is a post with its own fields; a region without rules lacks one whole rule.
            parts: list[tuple[str, str, Any]] = [
                (f"staffing[{i}]", f"{catalog.roles[rule.role].name}（{POST_ZH[rule.post]}）", rule)
                for i, rule in enumerate(value)
            ] or [("staffing[0]", "任一岗位", None)]
        else:
            parts = [(attr, "", value)]
        stated, not_stated, gaps = _count(parts, model)
        yield TopicCoverage(region_id, region.name, topic, name, stated, not_stated, tuple(gaps))
    stated = not_stated = 0
    gaps = []
    for attr in REGION_LISTS:
        state = state_of(getattr(region, attr))
        if state == "stated":
            stated += 1
        elif state == "not_stated":
            not_stated += 1
        else:
            gaps.append(Gap(attr, FIELD_ZH.get(attr, attr), f"swkb.catalog.models.Region.{attr}", "", FIELD_ZH.get(attr, attr)))
    yield TopicCoverage(region_id, region.name, *OTHER_TOPIC, stated, not_stated, tuple(gaps))


def _region_rows(catalog: Catalog, region_id: str) -> tuple[TopicCoverage, ...]:
    """`region_coverage`, kept for the region's model (swkb.catalog.memo): besides the region it
    reads only the names of the roles its staffing rules name."""
    region = catalog.regions[region_id]
    roles = tuple(catalog.roles[rule.role].name for rule in region.staffing)
    return catalog.memo.get("coverage", region, lambda: tuple(region_coverage(catalog, region_id)), depends=(region_id, roles))


def coverage(catalog: Catalog) -> list[TopicCoverage]:
    """Every region × topic, largest gaps first (then the region's and topic's catalog order)."""
    rows = [row for rid in catalog.regions for row in _region_rows(catalog, rid)]
    order = {rid: i for i, rid in enumerate(catalog.regions)}
    topics = {t: i for i, t in enumerate([s[0] for s in SECTIONS] + [OTHER_TOPIC[0]])}
    return sorted(rows, key=lambda r: (-r.not_collected, order[r.region_id], topics[r.topic]))


def totals(rows: list[TopicCoverage], key: str) -> list[tuple[str, int, int, int]]:
    """(name, stated, not stated, not collected) summed by `key` ("region" or "topic_name"),
    largest gaps first."""
    sums: dict[str, list[int]] = {}
    for row in rows:
        line = sums.setdefault(getattr(row, key), [0, 0, 0])
        line[0] += row.stated
        line[1] += row.not_stated
        line[2] += row.not_collected
    return sorted(((name, c[0], c[1], c[2]) for name, c in sums.items()), key=lambda t: -t[3])


def sums(rows: list[TopicCoverage]) -> tuple[int, int, int]:
    """(stated, not stated, not collected) over every row."""
    return (sum(r.stated for r in rows), sum(r.not_stated for r in rows), sum(r.not_collected for r in rows))


def format_text(rows: list[TopicCoverage]) -> str:
    """What `swkb coverage` prints: the same rows as the page, one line each, gaps by field path."""
    lines = [
        f"数据完整度：{len({r.region_id for r in rows})} 个地区，"
        f"有规定 {sum(r.stated for r in rows)}，来源未规定 {sum(r.not_stated for r in rows)}，"
        f"未收集 {sum(r.not_collected for r in rows)}(缺口大的在前)",
        "",
    ]
    lines.append("地区\t主题\t有规定\t来源未规定\t未收集\t未收集的字段")
    for r in rows:
        gaps = "、".join(g.path for g in r.gaps) or "—"
        lines.append(f"{r.region}\t{r.topic_name}\t{r.stated}\t{r.not_stated}\t{r.not_collected}\t{gaps}")
    return "\n".join(lines)
