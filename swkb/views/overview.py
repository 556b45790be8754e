"""The national picture: one tile per provincial-level division with what the catalog holds for
it (regions, documents, the year its plan sets for full coverage), and who reaches full
coverage when, one province at a time.

The catalog holds only the provinces someone has collected, so the 31 divisions and their
places on the tile map are a fixed table here: a tile map needs no map data (and no map data
licence), only a rough west-to-east, north-to-south grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from swkb.catalog.models import Milestone
from swkb.catalog.store import Catalog, milestone_order
from swkb.views.compare import CoverageLine


@dataclass(frozen=True)
class Division:
    """A provincial-level division: its short name (on the tile), its full name (as the catalog
    names its region) and its tile's column and row on the map."""

    short: str
    name: str
    col: int
    row: int


# Mainland China's 31 provincial-level divisions; columns run west to east, rows north to south.
DIVISIONS: tuple[Division, ...] = (
    Division("黑龙江", "黑龙江省", 7, 0),
    Division("内蒙古", "内蒙古自治区", 4, 1),
    Division("北京", "北京市", 5, 1),
    Division("辽宁", "辽宁省", 6, 1),
    Division("吉林", "吉林省", 7, 1),
    Division("新疆", "新疆维吾尔自治区", 0, 2),
    Division("甘肃", "甘肃省", 2, 2),
    Division("宁夏", "宁夏回族自治区", 3, 2),
    Division("山西", "山西省", 4, 2),
    Division("河北", "河北省", 5, 2),
    Division("天津", "天津市", 6, 2),
    Division("西藏", "西藏自治区", 0, 3),
    Division("青海", "青海省", 1, 3),
    Division("四川", "四川省", 2, 3),
    Division("陕西", "陕西省", 3, 3),
    Division("河南", "河南省", 4, 3),
    Division("山东", "山东省", 5, 3),
    Division("江苏", "江苏省", 6, 3),
    Division("云南", "云南省", 1, 4),
    Division("贵州", "贵州省", 2, 4),
    Division("重庆", "重庆市", 3, 4),
    Division("湖北", "湖北省", 4, 4),
    Division("安徽", "安徽省", 5, 4),
    Division("上海", "上海市", 6, 4),
    Division("广西", "广西壮族自治区", 2, 5),
    Division("湖南", "湖南省", 3, 5),
    Division("江西", "江西省", 4, 5),
    Division("浙江", "浙江省", 5, 5),
    Division("广东", "广东省", 3, 6),
    Division("福建", "福建省", 4, 6),
    Division("海南", "海南省", 2, 7),
)
GRID_COLUMNS = 1 + max(d.col for d in DIVISIONS)
GRID_ROWS = 1 + max(d.row for d in DIVISIONS)
SIDE_BY_SIDE_MAX = 12
"""How many regions the side-by-side page shows at once (MAX in docs/javascripts/compare-regions.js)."""


@dataclass(frozen=True)
class ProvinceFigures:
    """What the catalog holds for one province (a division, or a catalog province the fixed
    table does not know, which then has no tile)."""

    name: str
    short: str
    division: Division | None
    province_id: str | None
    """Its region ID in the catalog; None when nothing of it is collected."""
    region_ids: tuple[str, ...]
    """The province and every region under it: the province first, then cities, then counties."""
    documents: int
    own: tuple[Milestone, ...]
    """Full-coverage milestones of the province's own plan, earliest first."""
    earliest_local: tuple[str, Milestone] | None
    """(region ID, milestone) of the earliest full-coverage date of a region under it."""

    @property
    def collected(self) -> bool:
        return self.province_id is not None

    @property
    def coverage_year(self) -> int | None:
        """The year its own plan sets for full coverage."""
        return _year(self.own[0]) if self.own else None

    @property
    def local_year(self) -> int | None:
        return _year(self.earliest_local[1]) if self.earliest_local else None

    @property
    def side_by_side_ids(self) -> tuple[str, ...]:
        return self.region_ids[:SIDE_BY_SIDE_MAX]


def _year(m: Milestone) -> int | None:
    day = m.sort_date()
    return day.year if day is not None else None


_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


def national_overview(catalog: Catalog) -> list[ProvinceFigures]:
    """The 31 divisions in map order (north to south, west to east), then catalog provinces the
    fixed table does not name (a test or synthetic catalog), in ID order."""
    by_name = {r.name: rid for rid, r in catalog.regions.items() if r.parent is None}
    under: dict[str, list[str]] = {}
    for rid in catalog.regions:
        under.setdefault(catalog.province_of(rid), []).append(rid)
    documents: dict[str, int] = {}
    for doc in catalog.documents.values():
        if doc.region is not None and doc.region in catalog.regions:
            pid = catalog.province_of(doc.region)
            documents[pid] = documents.get(pid, 0) + 1

    def figures(name: str, short: str, division: Division | None, pid: str | None) -> ProvinceFigures:
        if pid is None:
            return ProvinceFigures(name, short, division, None, (), 0, (), None)
        rids = sorted(under.get(pid, [pid]), key=lambda r: (_LEVEL_ORDER[catalog.regions[r].level], r))
        own = tuple(m for m in catalog.milestones(pid) if m.phase == "full_coverage" and m.sort_date() is not None)
        local = sorted(
            (
                (rid, m)
                for rid in rids
                if rid != pid
                for m in catalog.milestones(rid)
                if m.phase == "full_coverage" and m.sort_date() is not None
            ),
            key=lambda t: (*milestone_order(t[1]), t[0]),
        )
        return ProvinceFigures(name, short, division, pid, tuple(rids), documents.get(pid, 0), own, local[0] if local else None)

    known = {d.name for d in DIVISIONS}
    out = [figures(d.name, d.short, d, by_name.get(d.name)) for d in sorted(DIVISIONS, key=lambda d: (d.row, d.col))]
    out += [
        figures(catalog.regions[pid].name, catalog.regions[pid].name, None, pid)
        for pid in sorted(by_name.values())
        if catalog.regions[pid].name not in known
    ]
    return out


@dataclass(frozen=True)
class ProvincePlan:
    """Who reaches full coverage when, for one catalog province: its own plan's date(s), its
    own plans when they name none, and each region under it with the date(s) its plan names."""

    province_id: str
    own: CoverageLine | None
    """The province's own timeline line (None when its timeline is not collected)."""
    plans: tuple[str, ...]
    """IDs of the province's own plan documents (doc_type plan), named when no date is."""
    local: tuple[CoverageLine, ...]
    """Regions under it with a timeline, earliest full-coverage date first, undated last."""


def coverage_by_province_plan(catalog: Catalog, lines: list[CoverageLine]) -> list[ProvincePlan]:
    """Every catalog province, in ID order, with the coverage lines of `lines`
    (coverage_summary's order) under it."""
    groups: dict[str, list[CoverageLine]] = {}
    for line in lines:
        groups.setdefault(catalog.province_of(line.region_id), []).append(line)
    out = []
    for pid in catalog.children.get(None, []):
        group = groups.get(pid, [])
        own = next((line for line in group if line.region_id == pid), None)
        plans = tuple(
            did
            for did, doc in sorted(catalog.documents.items())
            if doc.region == pid and doc.level == "province" and doc.doc_type == "plan"
        )
        out.append(ProvincePlan(pid, own, plans, tuple(line for line in group if line.region_id != pid)))
    return out
