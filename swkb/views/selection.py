"""The side-by-side view: any chosen regions in columns, one row per item, grouped by topic.

Which regions are chosen is known only in the browser (the URL says `?ids=changshu,zhuolu`), so
this module gives every region's cells by row key, and the canonical order of all row keys; the
page shows the rows at least one chosen region has something for (swkb.publish.browserdata writes
them as data, docs/javascripts/compare-regions.js lays them out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from swkb.catalog.labels import PHASE_ZH, POST_ZH
from swkb.catalog.models import Region, StaffingRule
from swkb.catalog.store import Catalog
from swkb.views.cells import Cell, make_cell

TOPICS: list[tuple[str, str]] = [
    ("stations", "站点与场地"),
    ("staffing", "人员配备(按岗位)"),
    ("funding", "资金"),
    ("purchase", "政府购买服务"),
    ("governance", "工作体系"),
    ("services", "服务(对照 15 项服务清单)"),
    ("timeline", "时间节点"),
]


@dataclass(frozen=True)
class FieldRow:
    """One row of the side-by-side table."""

    key: str
    topic: str
    title: str
    unit: str | None = None


@dataclass(frozen=True)
class _Spec:
    key: str
    topic: str
    title: str
    get: Callable[[Region], Any]
    unit: str | None = None
    phrase: str | None = None


def _part(section: str, name: str) -> Callable[[Region], Any]:
    def get(region: Region) -> Any:
        part = getattr(region, section)
        return getattr(part, name) if part is not None else None

    return get


def _site_specs(key: str, zh: str) -> list[_Spec]:
    return [
        _Spec(f"{key}.coverage", "stations", f"{zh}·建设数量", _part(key, "coverage"), phrase=f"{zh}建设数量"),
        _Spec(f"{key}.signage", "stations", f"{zh}·名称标识", _part(key, "signage"), phrase=f"{zh}名称标识"),
        _Spec(f"{key}.floor_area", "stations", f"{zh}·面积", _part(key, "floor_area"), "㎡", f"{zh}面积"),
        _Spec(f"{key}.staff", "stations", f"{zh}·人数", _part(key, "staff"), "名", f"{zh}人数"),
        _Spec(f"{key}.location", "stations", f"{zh}·选址", _part(key, "location"), phrase=f"{zh}选址"),
    ]


SPECS: list[_Spec] = [
    *_site_specs("station", "社工站"),
    *_site_specs("room", "社工室"),
    _Spec("funding.sources", "funding", "资金来源", _part("funding", "sources")),
    _Spec(
        "funding.social_assistance_share",
        "funding",
        "社会救助资金比例",
        _part("funding", "social_assistance_share"),
        "%",
        "从社会救助资金中安排的比例",
    ),
    _Spec("funding.per_station", "funding", "每站经费或补助", _part("funding", "per_station"), "万元"),
    _Spec("funding.amounts", "funding", "金额", _part("funding", "amounts")),
    _Spec("funding.cost_shares", "funding", "经费结构", _part("funding", "cost_shares")),
    _Spec("funding.payment_schedule", "funding", "拨付安排", _part("funding", "payment_schedule")),
    _Spec("funding.awards", "funding", "奖补", _part("funding", "awards")),
    _Spec("funding.salary", "funding", "薪酬标准", _part("funding", "salary")),
    _Spec("purchase.buyer", "purchase", "购买主体", _part("purchase", "buyer")),
    _Spec("purchase.operator", "purchase", "承接主体", _part("purchase", "operator")),
    _Spec("purchase.operator_requirements", "purchase", "承接主体条件", _part("purchase", "operator_requirements")),
    _Spec("purchase.contract_cycle", "purchase", "服务周期", _part("purchase", "contract_cycle"), "年", "政府购买服务周期"),
    _Spec("purchase.contract_signing", "purchase", "签约方式", _part("purchase", "contract_signing")),
    _Spec(
        "purchase.contract_term_max", "purchase", "合同期限上限", _part("purchase", "contract_term_max"), "年", "购买服务合同期限"
    ),
    _Spec("purchase.contract_terms", "purchase", "合同条款", _part("purchase", "contract_terms")),
    _Spec("purchase.renewal", "purchase", "续签", _part("purchase", "renewal")),
    _Spec("purchase.evaluation", "purchase", "评估", _part("purchase", "evaluation")),
    _Spec("purchase.reporting", "purchase", "报告要求", _part("purchase", "reporting")),
    _Spec("governance.levels", "governance", "层级体系", _part("governance", "levels")),
    _Spec("governance.guidance_center", "governance", "指导中心", _part("governance", "guidance_center")),
    _Spec("governance.linkage_model", "governance", "联动模式", _part("governance", "linkage_model")),
    _Spec("governance.goal", "governance", "总体目标", _part("governance", "goal")),
    _Spec("governance.responsibilities", "governance", "各方职责", _part("governance", "responsibilities")),
]
STAFFING_ATTRS: list[tuple[str, str, str | None]] = [
    ("count", "人数", "名"),
    ("held_by", "由谁担任", None),
    ("employer", "用人单位", None),
    ("age_max", "年龄上限", "岁"),
    ("education", "学历", None),
    ("certificate", "资格证书", None),
    ("certificate_deadline", "取证期限", "年"),
    ("training_hours", "每年培训", "学时"),
]
POST_ORDER = list(POST_ZH)


def _staffing_keys(catalog: Catalog, region: Region) -> list[tuple[str, str, StaffingRule]]:
    """(key prefix, title prefix, rule) per rule; a second rule for the same role and post gets `#2`."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for rule in region.staffing:
        n = seen[(rule.role, rule.post)] = seen.get((rule.role, rule.post), 0) + 1
        suffix = "" if n == 1 else f"#{n}"
        title = f"{catalog.roles[rule.role].name}（{POST_ZH[rule.post]}）{'' if n == 1 else f'其{n}'}"
        out.append((f"staffing.{rule.role}.{rule.post}{suffix}", title, rule))
    return out


def region_cells(catalog: Catalog, region_id: str) -> dict[str, tuple[FieldRow, Cell]]:
    """Every row the region has something for (stated or not stated), by row key. Kept for the
    region's model while no name it reads changes (`Catalog.names_version`): a serve save made
    them for every region again. The dictionary is shared from one load to the next; callers
    only read it."""
    region = catalog.regions[region_id]
    return catalog.memo.get(
        "region_cells", region, lambda: _region_cells(catalog, region_id), depends=(region_id, catalog.names_version)
    )


def _region_cells(catalog: Catalog, region_id: str) -> dict[str, tuple[FieldRow, Cell]]:
    region = catalog.regions[region_id]
    name = region.name
    out: dict[str, tuple[FieldRow, Cell]] = {}

    def put(row: FieldRow, value: Any, phrase: str) -> None:
        if value is None or value == []:
            return
        out[row.key] = (row, make_cell(catalog, value, row.unit, name, phrase))

    for spec in SPECS:
        put(FieldRow(spec.key, spec.topic, spec.title, spec.unit), spec.get(region), spec.phrase or spec.title)
    for prefix, title, rule in _staffing_keys(catalog, region):
        for attr, label, unit in STAFFING_ATTRS:
            put(
                FieldRow(f"{prefix}.{attr}", "staffing", f"{title}·{label}", unit),
                getattr(rule, attr),
                f"{title}{label.removesuffix('上限')}",
            )
    for sid, service in catalog.services.items():
        domains = [d for d in region.services if sid in d.maps_to]
        put(
            FieldRow(f"services.{sid}", "services", f"{service.number}. {service.name}"),
            domains,
            f"对应“{service.name}”的服务领域",
        )
    put(FieldRow("services.local", "services", "本地特有服务"), [d for d in region.services if d.is_local], "本地特有服务")
    milestones = catalog.milestones(region_id)
    for phase, label in [*PHASE_ZH.items(), ("", "其他节点")]:
        put(
            FieldRow(f"timeline.{phase or 'other'}", "timeline", label),
            [m for m in milestones if (m.phase or "") == phase],
            f"{label}时间",
        )
    return out


def row_order(catalog: Catalog, cells: dict[str, dict[str, tuple[FieldRow, Cell]]]) -> list[FieldRow]:
    """Every row key any region has (`cells`: region_cells by region), in the order the page
    shows them: topic by topic; staffing by role (catalog order) and post; services by their
    number; timeline phases in order."""
    rows: dict[str, FieldRow] = {}
    for by_key in cells.values():
        for key, (row, _) in by_key.items():
            rows.setdefault(key, row)
    topic_rank = {topic: i for i, (topic, _) in enumerate(TOPICS)}
    spec_rank = {spec.key: i for i, spec in enumerate(SPECS)}
    role_rank = {rid: i for i, rid in enumerate(catalog.roles)}
    service_rank = {f"services.{sid}": i for i, sid in enumerate(catalog.services)}
    attr_rank = {attr: i for i, (attr, _, _) in enumerate(STAFFING_ATTRS)}
    phase_rank = {f"timeline.{p}": i for i, p in enumerate([*PHASE_ZH, "other"])}

    def rank(row: FieldRow) -> tuple[Any, ...]:
        if row.topic == "staffing":
            _, role, post, attr = row.key.split(".")
            post_name, _, n = post.partition("#")
            return topic_rank[row.topic], role_rank.get(role, 99), POST_ORDER.index(post_name), int(n or 1), attr_rank[attr]
        if row.topic == "services":
            return topic_rank[row.topic], service_rank.get(row.key, 999)
        if row.topic == "timeline":
            return topic_rank[row.topic], phase_rank[row.key]
        return topic_rank[row.topic], spec_rank[row.key]

    return sorted(rows.values(), key=rank)
