"""Comparison tables between regions, declared once and used for pages, CSV and Excel alike.

A `Comparison` is rows (one per region, or one per region × staffing rule) and columns (each a
getter returning a fact, a list of facts, a link or plain text). Pages, downloads and tests all
read the same `Table`, so what an official downloads is exactly what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from swkb.catalog.labels import POST_ZH
from swkb.catalog.models import Duration, Fact, Milestone, Quantity, Region, StaffingRule
from swkb.catalog.store import Catalog


@dataclass(frozen=True)
class Link:
    """A cell that names another entry (a role, a region)."""

    kind: str
    id: str
    text: str


Value = Fact | list[Fact] | Link | str | None


@dataclass(frozen=True)
class Column:
    title: str
    get: Callable[[Any], Value]
    unit: str | None = None
    """Normalised unit of a numeric column (shown in the header; sort keys use it)."""

    @property
    def numeric(self) -> bool:
        return self.unit is not None

    @property
    def header(self) -> str:
        return f"{self.title}({self.unit})" if self.unit else self.title


@dataclass(frozen=True)
class Row:
    region_id: str
    label: str
    anchor: str
    """HTML id of the row; the first row of a region uses the region ID itself."""
    subject: Any
    """What the column getters receive: a Region, or (Region, StaffingRule)."""


@dataclass(frozen=True)
class Comparison:
    id: str
    title: str
    summary: str
    columns: list[Column]
    rows: Callable[[Catalog], list[Row]]
    row_header: str = "地区"


@dataclass
class Table:
    comparison: Comparison
    rows: list[Row]
    groups: list[tuple[str, list[Row]]] = field(default_factory=list)
    """Rows grouped by province, provinces in pinyin order."""


# --------------------------------------------------------------------------------------------
# Helper functions
# --------------------------------------------------------------------------------------------

DURATION_IN_YEARS = {"年": 1.0, "月": 1 / 12, "日": 1 / 365, "工作日": 1 / 250}


def sort_key(value: Value, column: Column) -> float | None:
    """The number a numeric column sorts on, in the column's unit; None for no value."""
    if not isinstance(value, Quantity) or value.status != "stated":
        return None
    number = value.sort_key()
    if number is None:
        return None
    if isinstance(value, Duration) and column.unit == "年" and value.unit in DURATION_IN_YEARS:
        return round(number * DURATION_IN_YEARS[value.unit], 4)
    return number


def _regions_with(predicate: Callable[[Region], bool]) -> Callable[[Catalog], list[Row]]:
    def rows(catalog: Catalog) -> list[Row]:
        return [Row(rid, region.name, rid, region) for rid, region in sorted(catalog.regions.items()) if predicate(region)]
    return rows


def _staffing_rows(catalog: Catalog) -> list[Row]:
    out = []
    for rid, region in sorted(catalog.regions.items()):
        for i, rule in enumerate(region.staffing):
            anchor = rid if i == 0 else f"{rid}-{i + 1}"
            out.append(Row(rid, region.name, anchor, (region, rule)))
    return out


def _field(section: str, field_name: str) -> Callable[[Region], Value]:
    """Getter for `region.<section>.<field_name>`, None when the section is not collected."""
    def get(region: Region) -> Value:
        part = getattr(region, section)
        return getattr(part, field_name) if part is not None else None
    return get


def _rule(field_name: str) -> Callable[[tuple[Region, StaffingRule]], Value]:
    return lambda subject: getattr(subject[1], field_name)


# --------------------------------------------------------------------------------------------
# Data: the comparisons
# --------------------------------------------------------------------------------------------

COMPARISONS: list[Comparison] = [
    Comparison(
        id="stations",
        title="站点与场地",
        summary="各地对乡镇(街道)社工站和村(社区)社工室的面积、人数、标识和建设数量的规定。",
        rows=_regions_with(lambda r: r.station is not None or r.room is not None),
        columns=[
            Column("站·面积", _field("station", "floor_area"), "㎡"),
            Column("站·人数", _field("station", "staff"), "名"),
            Column("站·名称标识", _field("station", "signage")),
            Column("站·建设数量", _field("station", "coverage")),
            Column("室·面积", _field("room", "floor_area"), "㎡"),
            Column("室·人数", _field("room", "staff"), "名"),
            Column("室·名称标识", _field("room", "signage")),
        ],
    ),
    Comparison(
        id="staffing",
        title="人员配备与任职要求",
        summary="每个地区对每个岗位的人数、年龄、学历、证书及取证期限、每年培训学时和用人单位的要求。",
        rows=_staffing_rows,
        columns=[
            Column("岗位", lambda s: Link("role", s[1].role, "")),
            Column("所在", lambda s: POST_ZH[s[1].post]),
            Column("人数", _rule("count"), "名"),
            Column("年龄上限", _rule("age_max"), "岁"),
            Column("学历", _rule("education")),
            Column("资格证书", _rule("certificate")),
            Column("取证期限", _rule("certificate_deadline"), "年"),
            Column("每年培训", _rule("training_hours"), "学时"),
            Column("由谁担任", _rule("held_by")),
            Column("用人单位", _rule("employer")),
        ],
    ),
    Comparison(
        id="funding",
        title="资金与购买服务",
        summary="资金来源、从社会救助资金中安排的比例、金额、每站补助、拨付安排，以及合同周期、评估和续签。",
        rows=_regions_with(lambda r: r.funding is not None or r.purchase is not None),
        columns=[
            Column("资金来源", _field("funding", "sources")),
            Column("社会救助资金比例", _field("funding", "social_assistance_share"), "%"),
            Column("每站经费或补助", _field("funding", "per_station"), "万元"),
            Column("金额", _field("funding", "amounts")),
            Column("拨付安排", _field("funding", "payment_schedule")),
            Column("服务周期", _field("purchase", "contract_cycle"), "年"),
            Column("签约方式", _field("purchase", "contract_signing")),
            Column("评估", _field("purchase", "evaluation")),
            Column("续签", _field("purchase", "renewal")),
        ],
    ),
    Comparison(
        id="governance",
        title="工作体系与购买主体",
        summary="各地的层级体系、谁出钱购买服务、谁承接运营、指导中心和联动模式。",
        rows=_regions_with(lambda r: r.governance is not None or r.purchase is not None),
        columns=[
            Column("层级体系", _field("governance", "levels")),
            Column("购买主体", _field("purchase", "buyer")),
            Column("承接主体", _field("purchase", "operator")),
            Column("指导中心", _field("governance", "guidance_center")),
            Column("联动模式", _field("governance", "linkage_model")),
            Column("总体目标", _field("governance", "goal")),
        ],
    ),
]
COMPARISON_BY_ID: dict[str, Comparison] = {c.id: c for c in COMPARISONS}


def build_table(comparison: Comparison, catalog: Catalog) -> Table:
    rows = comparison.rows(catalog)
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(catalog.province_of(row.region_id), []).append(row)
    return Table(comparison, rows, sorted(groups.items()))


def milestone_rows(catalog: Catalog) -> list[tuple[str, Milestone]]:
    """Every milestone of every region, ordered by date."""
    out = [(rid, m) for rid in sorted(catalog.regions) for m in catalog.milestones(rid)]
    return sorted(out, key=lambda pair: (pair[1].sort_date() is None, pair[1].sort_date(), pair[0]))


def coverage_rows(catalog: Catalog) -> list[str]:
    """Regions that map their own service domains onto the 15 services."""
    return [rid for rid, region in sorted(catalog.regions.items()) if region.services]
