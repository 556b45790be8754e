"""What search needs to understand intent and to answer a question with the figure itself.

- **Direct answers.** For every numeric column of a comparison (社工站面积, 年龄上限, 服务周期 …)
  each row that states a value: its region, the value, its citation (文号 + 条款) and the row's
  location; and every milestone of the timelines, with its phase. The worker shows these in an
  answer box when a query asks 多少 / 几 / 多大 / 多长 / 什么时候 about one of them.
- **Topics of the comparisons.** The words that name each comparison's columns, so that
  比较 / 各地 + 合同期限 brings up the comparison that holds 合同期限.
- **Where the side-by-side view and the cards are**, so that intents can link to them.

The words people use for each answer (几个人 for 人数, 岁数 for 年龄) are listed here, next to
the columns they mean; the values come from the catalog through the comparison views, so the
answer and the comparison table always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from swkb.catalog.models import Fact
from swkb.catalog.store import Catalog
from swkb.search.documents import SearchDoc, column_names
from swkb.search.pages import SiteLinks
from swkb.views.compare import COMPARISONS, Link
from swkb.views.urls import REGIONS_URI, page_url

STAFF_WORDS = ("人数", "几个人", "几名", "多少人", "几人", "配几个", "几个社工", "几名社工", "多少社工", "多少名", "几位", "配备")
# (comparison id, column id) → how the answer is titled, the words that ask for it, and its
# scope: "站" or "室" for a station or room figure (社工站人数 vs 社工室人数), "岗" for a figure
# of a post (the staffing rows, one per region and role), "" for a region's figure.
ANSWER_TOPICS: dict[tuple[str, str], tuple[str, tuple[str, ...], str]] = {
    ("stations", "station-area"): ("社工站面积", ("面积", "场地", "用房", "平方米", "平米", "平方", "多大"), "站"),
    ("stations", "room-area"): ("社工室面积", ("面积", "场地", "用房", "平方米", "平米", "平方", "多大"), "室"),
    ("stations", "station-staff"): ("社工站人数", STAFF_WORDS, "站"),
    ("stations", "room-staff"): ("社工室人数", STAFF_WORDS, "室"),
    ("staffing", "count"): ("岗位人数", STAFF_WORDS, "岗"),
    ("staffing", "age_max"): ("年龄上限", ("年龄上限", "年龄", "岁数", "年纪", "多少岁", "几岁", "周岁"), ""),
    ("staffing", "certificate_deadline"): (
        "取证期限",
        ("取证期限", "取证", "考证", "拿证", "持证", "考出", "证书", "社工证", "资格证"),
        "",
    ),
    ("staffing", "training_hours"): ("每年培训学时", ("培训学时", "学时", "培训", "继续教育", "课时", "小时"), ""),
    ("funding", "social-assistance-share"): (
        "从社会救助资金中安排的比例",
        ("社会救助资金比例", "救助资金比例", "救助资金", "比例", "百分之"),
        "",
    ),
    ("funding", "per-station"): ("每站经费或补助", ("每站经费", "每个站", "每站", "经费", "补助", "多少钱", "钱"), ""),
    ("funding", "contract-cycle"): ("政府购买服务周期", ("服务周期", "购买周期", "周期", "几年一签", "几年一轮"), ""),
    ("funding", "contract-term-max"): ("购买服务合同期限上限", ("合同期限", "合同多长", "合同", "签几年", "签多久"), ""),
}
WEAK_WORDS = ("多大", "钱", "多少钱", "小时", "证书")
"""Words that say less than their length: 多大 asks the size of a station only when nothing
else (年龄, 年纪) says what is asked."""
TIMELINE_ANSWER = "timelines"
# What a 什么时候 question may ask about, by phase (swkb.catalog.models.Phase).
PHASE_WORDS: dict[str, tuple[str, ...]] = {
    "pilot": ("试点",),
    "rollout": ("推开", "铺开", "推广", "全面推进"),
    "full_coverage": ("全覆盖", "覆盖", "建成", "建完"),
    "standardised": ("规范", "规范化", "标准化"),
    "upgrade": ("提升", "提质"),
    "preparation": ("准备", "筹备", "启动"),
    "procurement": ("采购", "招标", "招投标"),
    "contract": ("签合同", "签约", "合同"),
    "service": ("开展服务", "入驻"),
    "payment": ("拨付", "付款", "拨款"),
    "evaluation": ("评估", "考核", "验收"),
    "goal": ("目标",),
}
# Words for the comparisons that their column titles do not say.
TOPIC_EXTRA: dict[str, tuple[str, ...]] = {
    "stations": ("站点", "场地", "面积", "标识", "牌子", "用房"),
    "staffing": ("人员", "岗位", "任职要求", "任职条件", "年龄", "证书", "学历", "培训", "人员配备"),
    "funding": ("资金", "经费", "钱", "补助", "合同", "合同期限", "服务周期", "拨付", "评估", "续签"),
    "governance": ("工作体系", "购买主体", "承接主体", "联动", "联动模式", "指导中心", "层级"),
    "services": ("服务领域", "服务覆盖", "服务项目", "服务清单", "服务内容"),
    "timelines": ("时间节点", "时间表", "进度", "时间安排", "节点", "全覆盖", "试点"),
}


def _value(fact: Fact) -> tuple[str, str]:
    """(the value as the table shows it, without the note; the note and any second reading)."""
    value = fact.value_text()
    if fact.label:
        value = f"{fact.label} {value}"
    notes = [n for n in (fact.note, fact.reading_text()) if n]
    return value, "；".join(notes)


def _citation(catalog: Catalog, fact: Fact) -> str:
    label = catalog.document_label(fact.source)
    return f"{label} {fact.clause}" if fact.clause else label


def _location_of(docs: Iterable[SearchDoc], src_uri: str) -> str:
    wanted = {page_url(src_uri, True), page_url(src_uri, False)}
    return next((d.location for d in docs if d.location in wanted), "")


def search_intents(catalog: Catalog, renderer: SiteLinks, docs: list[SearchDoc]) -> dict[str, Any]:
    """{"answers": [...], "topics": [...], "sideBySide": location, "regions": [[id, name], …]}.

    An answer is {"id", "t" title, "w" words, "s" scope, "l" comparison location, "v": values};
    a value is [region index, row label, value, note, citation, row location, role id, phase]."""
    region_ids = sorted(catalog.regions)
    region_index = {rid: i for i, rid in enumerate(region_ids)}
    answers: list[dict[str, Any]] = []
    topics: list[dict[str, Any]] = []
    for comparison in COMPARISONS:
        base = f"compare/{comparison.id}"
        location = _location_of(docs, f"{base}.md")
        if not location:
            continue
        columns = comparison.columns_for(catalog)
        words = [comparison.title, *column_names(comparison, catalog), *TOPIC_EXTRA.get(comparison.id, ())]
        words += [c.title.split("·")[-1] for c in columns if len(c.title.split("·")[-1]) >= 2]
        topics.append(
            {"id": comparison.id, "l": location, "t": comparison.title, "w": list(dict.fromkeys(w for w in words if len(w) >= 1))}
        )
        table = renderer.views.tables[comparison.id]
        by_column: dict[str, list[list[Any]]] = {}
        for row in table.rows:
            target = renderer.compare_target(base, row.region_id).partition("#")[0]
            row_location = f"{renderer.url_of(target)}#{row.anchor}"
            subject_role = post = ""
            for column in columns:
                got = column.get(row.subject)
                if isinstance(got, Link) and got.kind == "role":
                    subject_role = got.id
                elif column.id == "post" and isinstance(got, str):
                    post = got  # a region's rules for one role differ by post (站, 室, 县级总站)
            for column in columns:
                key = (comparison.id, column.id)
                if comparison.id == TIMELINE_ANSWER and column.id == "milestone":
                    milestone = column.get(row.subject)
                    if isinstance(milestone, Fact) and milestone.status == "stated":
                        by_column.setdefault(TIMELINE_ANSWER, []).append(
                            [
                                region_index[row.region_id],
                                row.label,
                                f"{milestone.value_text()} {getattr(milestone, 'event', '')}".strip(),
                                "",
                                _citation(catalog, milestone),
                                row_location,
                                "",
                                getattr(milestone, "phase", None) or "",
                            ]
                        )
                    continue
                if key not in ANSWER_TOPICS:
                    continue
                fact = column.get(row.subject)
                if not isinstance(fact, Fact) or fact.status != "stated":
                    continue
                value, note = _value(fact)
                label = (
                    row.label
                    + (f" · {catalog.roles[subject_role].name}" if subject_role else "")
                    + (f"（{post}）" if post else "")
                )
                by_column.setdefault(column.id, []).append(
                    [region_index[row.region_id], label, value, note, _citation(catalog, fact), row_location, subject_role, ""]
                )
        for (cid, column_id), (title, asked, scope) in ANSWER_TOPICS.items():
            if cid == comparison.id:
                answers.append(
                    {
                        "id": f"{cid}/{column_id}",
                        "t": title,
                        "w": list(asked),
                        "s": scope,
                        "l": location,
                        "ww": [w for w in asked if w in WEAK_WORDS],
                        "v": by_column.get(column_id, []),
                    }
                )
        if comparison.id == TIMELINE_ANSWER:
            answers.append(
                {
                    "id": TIMELINE_ANSWER,
                    "t": "时间节点",
                    "w": [],
                    "s": "",
                    "l": location,
                    "v": by_column.get(TIMELINE_ANSWER, []),
                    "phases": {k: list(v) for k, v in PHASE_WORDS.items()},
                }
            )
    return {
        "answers": answers,
        "topics": topics,
        "sideBySide": _location_of(docs, REGIONS_URI),
        "regions": [[rid, catalog.regions[rid].name] for rid in region_ids],
        "aliases": _aliases(catalog),
    }


def _aliases(catalog: Catalog) -> dict[str, list[str]]:
    """Everyday word → the names the catalog uses for it, for saying "文件里叫 …"."""
    out: dict[str, list[str]] = {}
    for term in catalog.terms.values():
        for alias in term.aliases:
            out.setdefault(alias, []).append(term.term)
    for service in catalog.services.values():
        for alias in service.aliases:
            out.setdefault(alias, []).append(service.name)
    return out
