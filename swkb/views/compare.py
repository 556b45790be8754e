"""Comparison tables between regions, declared once and used for pages, CSV, Excel, Word and the
browser's data alike.

A `Comparison` is rows (one per region, one per region × staffing rule, or one per milestone) and
columns (each a getter returning a fact, a list of facts, a link or plain text). Each comparison
is ONE table over all regions, with the province as a column, so every numeric column ranks the
whole country. `build_table` turns it into `Cell`s (swkb.views.cells), each made once; pages, downloads and
tests all read that same `Table`, so what an official downloads is exactly what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from swkb.catalog.labels import PHASE_ZH, POST_ZH, PRECISION_ZH
from swkb.catalog.models import Milestone, Quantity, Region, StaffingRule
from swkb.catalog.store import Catalog, milestone_order
from swkb.views.cells import Cell, Link, make_cell

__all__ = [
    "COMPARISONS",
    "COMPARISON_BY_ID",
    "Cell",
    "Column",
    "Comparison",
    "Link",
    "Row",
    "Table",
    "build_table",
    "cell_of",
    "coverage_by_province",
    "coverage_summary",
    "milestone_rows",
]

Value = Any
"""What a column getter returns: a Fact, a list of Facts, a Link, text or None (not collected)."""


@dataclass(frozen=True)
class Column:
    title: str
    get: Callable[[Any], Value]
    unit: str | None = None
    """Normalised unit of a numeric column (shown in the header; sort keys use it)."""
    phrase: str | None = None
    """How a quote names the item (`社工站面积`); defaults to the title."""
    phrase_of: Callable[[Any, Catalog], str] | None = None
    """A phrase that depends on the row (staffing: the role and its post)."""
    id: str = ""
    """Stable key of the column in the browser's data and the Word export."""
    empty: str | None = None
    """What an empty list means in this column when it is not “未收集” (the service matrix: the
    region's services are collected, none of them maps here: “—”)."""
    total_unit: str | None = None
    """A column of several labelled amounts (金额) sorts by their total in this unit: the item
    labelled 合计 when the source gives one (it may list the parts too), else the sum. The header
    names the rule, so nobody takes the order for that of the first amount."""
    text_sort: bool = False
    """Whether the column sorts as text: names and dates do; a column of statements does not
    (an order of sentences by their first character tells an official nothing)."""

    @property
    def numeric(self) -> bool:
        return self.unit is not None or self.total_unit is not None

    @property
    def header(self) -> str:
        unit = self.unit or self.total_unit
        return f"{self.title}({unit})" if unit else self.title

    @property
    def page_header(self) -> str:
        """The header on the page, where its sort buttons are: a total column names its rule."""
        return f"{self.title}({self.total_unit}，按合计排序)" if self.total_unit else self.header

    def quote_phrase(self, subject: Any, catalog: Catalog) -> str:
        if self.phrase_of is not None:
            return self.phrase_of(subject, catalog)
        return self.phrase or self.title


@dataclass(frozen=True)
class Row:
    region_id: str
    label: str
    anchor: str
    """HTML id of the row; the first row of a region uses the region ID itself."""
    subject: Any
    """What the column getters receive: a Region, (Region, StaffingRule) or (Region, Milestone)."""


@dataclass(frozen=True)
class Comparison:
    id: str
    title: str
    summary: str
    columns: list[Column] | Callable[[Catalog], list[Column]]
    rows: Callable[[Catalog], list[Row]]
    row_header: str = "地区"
    template: str = "pages/compare_table.html.j2"

    def columns_for(self, catalog: Catalog) -> list[Column]:
        return self.columns(catalog) if callable(self.columns) else self.columns


@dataclass
class Table:
    comparison: Comparison
    columns: list[Column]
    rows: list[Row]
    provinces: list[str] = field(default_factory=list)
    """Province of each row (region ID)."""
    catalog: Catalog | None = None
    _cells: dict[int, list[Cell]] = field(default_factory=dict, repr=False)

    def row_cells(self, i: int) -> list[Cell]:
        """The cells of row i, in column order, made when first asked for: a large catalog's
        page shows only its first rows, the downloads need them all. They are kept for the row's
        region model (swkb.catalog.memo) while the row, the columns and every name the cells read
        stay the same (`Catalog.names_version`), so a serve save makes the edited region's rows
        again and hands the same lists for the others to the downloads, which keep what they
        made from them. The lists are shared from one load to the next; callers only read them."""
        cells = self._cells.get(i)
        if cells is None:
            catalog = self.catalog
            assert catalog is not None
            row = self.rows[i]
            cells = self._cells[i] = catalog.memo.get(
                f"cells:{self.comparison.id}:{row.anchor}",
                catalog.regions[row.region_id],
                lambda: [cell_of(catalog, column, row) for column in self.columns],
                depends=(row.label, self.columns_key, catalog.names_version),
            )
        return cells

    @cached_property
    def columns_key(self) -> tuple[tuple[str, str, str | None], ...]:
        """What tells this table's columns apart from another load's (the columns' code is the same)."""
        return tuple((c.id, c.header, c.empty) for c in self.columns)

    @property
    def cells(self) -> list[list[Cell]]:
        """Every row's cells."""
        return [self.row_cells(i) for i in range(len(self.rows))]

    @property
    def province_ids(self) -> list[str]:
        """The provinces that have rows, in pinyin order."""
        return sorted(set(self.provinces))


# --------------------------------------------------------------------------------------------
# Helper functions
# --------------------------------------------------------------------------------------------


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


def _milestone_rows(catalog: Catalog) -> list[Row]:
    return [
        Row(rid, catalog.regions[rid].name, f"{rid}-m{i + 1}", (catalog.regions[rid], m)) for rid, m, i in milestone_rows(catalog)
    ]


def _field(section: str, field_name: str) -> Callable[[Region], Value]:
    """Getter for `region.<section>.<field_name>`, None when the section is not collected."""

    def get(region: Region) -> Value:
        part = getattr(region, section)
        return getattr(part, field_name) if part is not None else None

    return get


def _rule(field_name: str) -> Callable[[tuple[Region, StaffingRule]], Value]:
    return lambda subject: getattr(subject[1], field_name)


def _post_phrase(title: str) -> Callable[[tuple[Region, StaffingRule], Catalog], str]:
    def phrase(subject: tuple[Region, StaffingRule], catalog: Catalog) -> str:
        rule = subject[1]
        return f"{catalog.roles[rule.role].name}（{POST_ZH[rule.post]}）{title}"

    return phrase


def _staffing_column(title: str, name: str, unit: str | None = None, phrase: str | None = None) -> Column:
    return Column(title, _rule(name), unit, phrase_of=_post_phrase(phrase or title), id=name)


def _service_columns(catalog: Catalog) -> list[Column]:
    """One column per service of the list, then the region's own services that match none."""

    def mapped_to(sid: str) -> Callable[[Region], Value]:
        return lambda region: [d for d in region.services if sid in d.maps_to]

    columns = [
        Column(f"{s.number}. {s.name}", mapped_to(sid), phrase=f"对应“{s.name}”的服务领域", id=sid, empty="—")
        for sid, s in catalog.services.items()
    ]
    columns.append(Column("本地特有服务", lambda region: [d for d in region.services if d.is_local], id="local", empty="—"))
    return columns


def _iso(point: Any) -> str:
    return str(point) if point is not None else ""


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
            Column("站·面积", _field("station", "floor_area"), "㎡", "社工站面积", id="station-area"),
            Column("站·人数", _field("station", "staff"), "名", "社工站人数", id="station-staff"),
            Column("站·名称标识", _field("station", "signage"), phrase="社工站名称标识", id="station-signage"),
            Column("站·建设数量", _field("station", "coverage"), phrase="社工站建设数量", id="station-coverage"),
            Column("室·面积", _field("room", "floor_area"), "㎡", "社工室面积", id="room-area"),
            Column("室·人数", _field("room", "staff"), "名", "社工室人数", id="room-staff"),
            Column("室·名称标识", _field("room", "signage"), phrase="社工室名称标识", id="room-signage"),
        ],
    ),
    Comparison(
        id="staffing",
        title="人员配备与任职要求",
        summary="每个地区对每个岗位的人数、年龄、学历、证书及取证期限、每年培训学时和用人单位的要求。",
        rows=_staffing_rows,
        columns=[
            Column("岗位", lambda s: Link("role", s[1].role, ""), id="role", text_sort=True),
            Column("所在", lambda s: POST_ZH[s[1].post], id="post", text_sort=True),
            _staffing_column("人数", "count", "名"),
            _staffing_column("年龄上限", "age_max", "岁", "年龄"),
            _staffing_column("学历", "education"),
            _staffing_column("资格证书", "certificate"),
            _staffing_column("取证期限", "certificate_deadline", "年"),
            _staffing_column("每年培训", "training_hours", "学时"),
            _staffing_column("由谁担任", "held_by"),
            _staffing_column("用人单位", "employer"),
        ],
    ),
    Comparison(
        id="funding",
        title="资金与购买服务",
        summary="资金来源、从社会救助资金中安排的比例、金额、每站补助、拨付安排，以及服务周期、合同期限、评估和续签。",
        rows=_regions_with(lambda r: r.funding is not None or r.purchase is not None),
        columns=[
            Column("资金来源", _field("funding", "sources"), id="sources"),
            Column(
                "社会救助资金比例",
                _field("funding", "social_assistance_share"),
                "%",
                "从社会救助资金中安排的比例",
                id="social-assistance-share",
            ),
            Column("每站经费或补助", _field("funding", "per_station"), "万元", id="per-station"),
            Column("金额", _field("funding", "amounts"), id="amounts", total_unit="万元"),
            Column("拨付安排", _field("funding", "payment_schedule"), id="payment-schedule"),
            Column("服务周期", _field("purchase", "contract_cycle"), "年", "政府购买服务周期", id="contract-cycle"),
            Column("合同期限上限", _field("purchase", "contract_term_max"), "年", "购买服务合同期限", id="contract-term-max"),
            Column("签约方式", _field("purchase", "contract_signing"), id="contract-signing"),
            Column("评估", _field("purchase", "evaluation"), id="evaluation"),
            Column("续签", _field("purchase", "renewal"), id="renewal"),
        ],
    ),
    Comparison(
        id="governance",
        title="工作体系与购买主体",
        summary="各地的层级体系、谁出钱购买服务、谁承接运营、指导中心和联动模式。",
        rows=_regions_with(lambda r: r.governance is not None or r.purchase is not None),
        columns=[
            Column("层级体系", _field("governance", "levels"), id="levels"),
            Column("购买主体", _field("purchase", "buyer"), id="buyer"),
            Column("承接主体", _field("purchase", "operator"), id="operator"),
            Column("指导中心", _field("governance", "guidance_center"), id="guidance-center"),
            Column("联动模式", _field("governance", "linkage_model"), id="linkage-model"),
            Column("总体目标", _field("governance", "goal"), id="goal"),
        ],
    ),
    Comparison(
        id="services",
        title="服务覆盖",
        summary="各地的服务领域与 15 项服务清单的对应，以及对不上任何一项的本地特有服务。",
        rows=_regions_with(lambda r: bool(r.services)),
        columns=_service_columns,
    ),
    Comparison(
        id="timelines",
        title="时间节点",
        summary="各地推进社工站建设的全部时间节点，按时间先后排列；“……前”按截止日排序。",
        rows=_milestone_rows,
        row_header="地区",
        template="pages/compare_timelines.html.j2",
        columns=[
            Column("节点", lambda s: s[1], phrase="", id="milestone"),
            Column("阶段", lambda s: PHASE_ZH.get(s[1].phase or "", ""), id="phase", text_sort=True),
            Column("精度", lambda s: PRECISION_ZH.get(s[1].precision, ""), id="precision", text_sort=True),
            Column("起", lambda s: _iso(s[1].start or s[1].date), id="from", text_sort=True),
            Column("止", lambda s: _iso(s[1].end or s[1].date), id="to", text_sort=True),
            Column("“前”", lambda s: "前" if s[1].before else "", id="before", text_sort=True),
        ],
    ),
]
COMPARISON_BY_ID: dict[str, Comparison] = {c.id: c for c in COMPARISONS}


def build_table(comparison: Comparison, catalog: Catalog) -> Table:
    rows = comparison.rows(catalog)
    columns = comparison.columns_for(catalog)
    return Table(comparison, columns, rows, [catalog.province_of(row.region_id) for row in rows], catalog)


def cell_of(catalog: Catalog, column: Column, row: Row) -> Cell:
    value = column.get(row.subject)
    if value == [] and column.empty is not None:
        return Cell("text", text=column.empty)
    cell = make_cell(catalog, value, column.unit, row.label, column.quote_phrase(row.subject, catalog))
    if column.total_unit and isinstance(value, list):
        floor, ceiling = total_bounds(value, column.total_unit)
        cell = replace(cell, floor=floor, ceiling=ceiling)
    return cell


# Amounts in other units, in the unit of a total column.
_AMOUNT_SCALE = {("元", "万元"): 1e-4, ("万元", "万元"): 1.0, ("亿元", "万元"): 1e4}


def total_bounds(facts: list[Any], unit: str) -> tuple[float | None, float | None]:
    """(floor, ceiling) of the total of several amounts: the one labelled 合计 if there is one,
    else the sum; None where any amount lacks that bound or is in a unit that does not convert."""
    amounts = [f for f in facts if isinstance(f, Quantity) and f.status == "stated"]
    totals = [f for f in amounts if f.label and "合计" in f.label]
    chosen = totals[:1] or amounts
    if not chosen:
        return None, None
    floors: list[float] = []
    ceilings: list[float] = []
    for fact in chosen:
        scale = _AMOUNT_SCALE.get((fact.unit or "", unit))
        if scale is None:
            return None, None
        low, high = fact.floor(), fact.ceiling()
        if low is not None:
            floors.append(low * scale)
        if high is not None:
            ceilings.append(high * scale)
    floor = round(sum(floors), 6) if len(floors) == len(chosen) else None
    ceiling = round(sum(ceilings), 6) if len(ceilings) == len(chosen) else None
    return floor, ceiling


def milestone_rows(catalog: Catalog) -> list[tuple[str, Milestone, int]]:
    """Every milestone of every region, chronologically (“8月15日前” before “8月底前”), with its
    position among its region's milestones."""
    out = [(rid, m, i) for rid in sorted(catalog.regions) for i, m in enumerate(catalog.milestones(rid))]
    return sorted(out, key=lambda t: (*milestone_order(t[1]), t[0]))


@dataclass(frozen=True)
class CoverageLine:
    """When one region says it reaches full coverage (站 and/or 室), as its timeline states it."""

    region_id: str
    milestones: list[Milestone]
    """Its full-coverage milestones, earliest first; empty when its timeline names none."""


def coverage_summary(catalog: Catalog) -> list[CoverageLine]:
    """Every region with a timeline, ordered by when it first reaches full coverage; regions
    whose timeline names no full-coverage date come last."""
    lines = []
    for rid in sorted(catalog.regions):
        timeline = catalog.milestones(rid)
        if timeline:
            lines.append(CoverageLine(rid, [m for m in timeline if m.phase == "full_coverage"]))
    return sorted(
        lines,
        key=lambda line: (
            not line.milestones,
            milestone_order(line.milestones[0]) if line.milestones else (False, None),
            line.region_id,
        ),
    )


@dataclass(frozen=True)
class ProvinceCoverage:
    """A national catalog's coverage summary for one province: its own plan's line, and how many
    regions under it name a date, with the earliest and the latest (the full list would be one
    row per county, 3,000 rows on one page)."""

    province_id: str
    own: CoverageLine | None
    dated: list[CoverageLine]
    """Regions under the province whose timeline names a full-coverage date, earliest first."""
    undated: int
    """Regions under it with a timeline but no full-coverage date."""


def coverage_by_province(catalog: Catalog, lines: list[CoverageLine]) -> list[ProvinceCoverage]:
    """`lines` (coverage_summary's order) grouped by province, provinces in id order."""
    groups: dict[str, list[CoverageLine]] = {}
    for line in lines:
        groups.setdefault(catalog.province_of(line.region_id), []).append(line)
    out = []
    for pid in sorted(groups):
        own = next((line for line in groups[pid] if line.region_id == pid), None)
        others = [line for line in groups[pid] if line.region_id != pid]
        out.append(
            ProvinceCoverage(
                pid, own, [line for line in others if line.milestones], sum(1 for line in others if not line.milestones)
            )
        )
    return out
