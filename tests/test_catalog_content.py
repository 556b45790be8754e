"""The real catalog: every source region present, 15 services exact, every value cited, and the
figures traced back to the source documents' text.

The source texts are in the maintainer's source archive ($SWKB_SOURCE_ARCHIVE; `bash
scripts/test.sh` points it at ../shared/seeds when that folder exists). The provenance tests
run the same check as `swkb validate` (swkb.catalog.provenance); whatever it could not check,
for want of an archive or of a document's `seed_file`, is reported as a ProvenanceSkipped
warning in the test summary, never passed over in silence.
"""

from __future__ import annotations

import re
import warnings

import pytest
from markupsafe import escape

from swkb.catalog.load import load_catalog
from swkb.catalog.models import Milestone, Quantity
from swkb.catalog.provenance import ProvenanceReport, archive_from_env, check_provenance
from swkb.catalog.store import iter_facts
from swkb.site.helpers import PageHelpers
from swkb.site.render import Renderer
from swkb.views.cells import clause_anchor

from .conftest import ROOT

# Every region and system the sources describe (issue 3).
SOURCE_REGIONS = [
    "shanghai",
    "jingan",
    "huangpu",
    "changshu",
    "quanzhou",
    "nanning",
    "kashi",
    "shenzhen",
    "kangbashi",
    "guangxi",
    "tengxian",
    "guangzhou",
    "yuanzhou",
    "shaanxi-county",
    "henan",
    "zhuolu",
    "linfen",
    "lixian",
]

# 常熟市基层社会工作站(室)专业服务清单: number → official name, and the 4 categories by number range.
CHANGSHU_SERVICES = {
    1: "政策宣传",
    2: "需求评估",
    3: "资源评估",
    4: "社会救助服务",
    5: "养老为老服务",
    6: "儿童关爱保护",
    7: "扶残助残服务",
    8: "婚姻家庭服务",
    9: "社区治理服务",
    10: "社区慈善服务",
    11: "社区志愿服务",
    12: "社区社会组织培育服务",
    13: "社工人才培育服务",
    14: "社区资源链接服务",
    15: "其他领域社会服务",
}
CATEGORY_OF = {
    **{n: "基础服务" for n in (1, 2, 3)},
    **{n: "基本民生保障服务" for n in range(4, 9)},
    **{n: "社区发展治理服务" for n in range(9, 15)},
    15: "其他服务",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "catalog")


class ProvenanceSkipped(UserWarning):
    """Part of the provenance check could not run (no source archive, or no seed_file)."""


@pytest.fixture(scope="module")
def provenance(catalog) -> ProvenanceReport:
    return check_provenance(catalog, archive_from_env(), ROOT / "catalog")


def report_skipped(report: ProvenanceReport) -> None:
    for note in report.skipped:
        warnings.warn(ProvenanceSkipped(note), stacklevel=2)


@pytest.fixture(scope="module")
def seed_text(provenance) -> dict[str, str] | None:
    """The archive's texts by file name; None when no archive is configured."""
    if provenance.archive is None:
        return None
    return {p.name: p.read_text(encoding="utf-8") for p in provenance.archive.glob("*.txt")}


def test_every_source_region_is_in_the_catalog(catalog) -> None:
    missing = [r for r in SOURCE_REGIONS if r not in catalog.regions]
    assert not missing
    for region_id in SOURCE_REGIONS:
        region = catalog.regions[region_id]
        assert (
            catalog.documents_of_region.get(region_id) or region_id == "shenzhen" or any(f.source for f in iter_facts(region))
        ), region_id
    # Regions nest up to a province.
    for region_id in catalog.regions:
        top = catalog.province_of(region_id)
        assert catalog.regions[top].level == "province", region_id


def test_fifteen_services_with_exact_names_and_categories(catalog) -> None:
    services = list(catalog.services.values())
    assert {s.number: s.name for s in services} == CHANGSHU_SERVICES
    for s in services:
        assert catalog.categories[s.category].name == CATEGORY_OF[s.number]
        assert s.source == "changshu-2021-101" and s.clause.startswith("附件")
    assert [c.name for c in catalog.categories.values()] == ["基础服务", "基本民生保障服务", "社区发展治理服务", "其他服务"]


def test_every_role_referenced_exists_and_is_used(catalog) -> None:
    referenced = {rule.role for region in catalog.regions.values() for rule in region.staffing}
    assert referenced <= set(catalog.roles)
    unused = set(catalog.roles) - referenced
    assert not unused, f"roles no region defines: {unused}"
    for name in [
        "站长",
        "常务副站长",
        "副站长",
        "主管社工",
        "专业社工",
        "驻站社工",
        "项目社工",
        "项目专职督导员",
        "社会工作联络员",
    ]:
        assert name in {r.name for r in catalog.roles.values()}, name


def test_every_value_is_cited(catalog) -> None:
    count = 0
    for entry in catalog.entries:
        for fact in iter_facts(entry.model):
            count += 1
            assert fact.source in catalog.documents
            if fact.status == "stated":
                assert fact.clause, (entry.file, fact)
    assert count > 500


def test_every_seed_file_named_is_in_the_source_archive(provenance) -> None:
    """A document that names its source text names a file the archive has (seed_file itself is
    optional: a new region's sources may not be in the archive yet)."""
    report_skipped(provenance)
    assert [str(e) for e in provenance.errors if e.field == "seed_file"] == []


def test_every_figure_appears_in_its_source_document(catalog, provenance) -> None:
    """Each number in the catalog can be found in the text of the source its document came from."""
    report_skipped(provenance)
    assert [str(e) for e in provenance.errors] == []
    if provenance.archive is None:
        assert provenance.checked == 0 and provenance.skipped  # said so, in the warning summary
        return
    # The documents of the source regions all have their text in the archive.
    with_text = {did for did, doc in catalog.documents.items() if doc.seed_file}
    assert {"changshu-2021-101", "henan-sgz-plan", "yuanzhou-sgz-2021", "zhuolu-sgz-plan"} <= with_text
    assert provenance.checked >= 80


@pytest.mark.parametrize(
    ("region_id", "path", "expected", "phrase"),
    [
        ("changshu", "station.floor_area.min", 80, "面积不少于80平方米"),
        ("changshu", "station.staff.min", 4, "驻站社工不少于4名"),
        ("henan", "station.floor_area.min", 12, "不少于12㎡的办公用房"),
        ("henan", "staffing.0.age_max.max", 45, "年龄45岁以下"),
        ("henan", "staffing.0.training_hours.min", 60, "累计不得少于60学时"),
        ("henan", "funding.social_assistance_share.max", 2, "不高于2%"),
        ("henan", "funding.per_station.min", 5, "不少于5万元"),
        ("henan", "purchase.contract_cycle.value", 3, "以3年为一个周期"),
        ("zhuolu", "staffing.2.age_max.max", 35, "35周岁以下"),
        ("yuanzhou", "funding.social_assistance_share.min", 3, "不低于当年社会救助专项资金支出总量的3%"),
        ("yuanzhou", "funding.payment_schedule.0.value", 50, "拨付项目总资金的50%"),
        ("yuanzhou", "purchase.contract_cycle.value", 2, "项目服务周期设置为2年"),
    ],
)
def test_spot_checked_figures_against_source_text(catalog, seed_text, region_id, path, expected, phrase) -> None:
    value = catalog.regions[region_id]
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    assert value == expected
    if seed_text is None:
        warnings.warn(ProvenanceSkipped(f"未配置来源档案：没有在原文中找“{phrase}”"), stacklevel=1)
        return
    assert any(phrase in text for text in seed_text.values()), phrase


def test_zhuolu_budget_adds_up(catalog) -> None:
    amounts = {m.label: m.value for m in catalog.regions["zhuolu"].funding.amounts}
    assert amounts["合计"] == pytest.approx(amounts["乡镇社工站项目购买经费"] + amounts["县级社工站项目指导服务平台购买经费"])
    shares = [s.value for s in catalog.regions["zhuolu"].funding.cost_shares]
    assert sum(shares) == 100


def test_every_figure_and_milestone_is_shown_on_its_region_page(catalog) -> None:
    # Glossary tooltips (<abbr>) may sit inside a value; the value reads the same without them.
    pages = {p.src_uri: re.sub(r"</?abbr[^>]*>", "", p.content) for p in Renderer(catalog).pages()}
    for region_id, region in catalog.regions.items():
        page = pages[f"regions/{region_id}/index.md"]
        for fact in iter_facts(region):
            if fact.status != "stated":
                continue
            if isinstance(fact, Quantity):
                shown = [PageHelpers.plain(fact)]
            elif isinstance(fact, Milestone):
                shown = [fact.zh(), fact.event]
            else:
                continue
            for text in shown:
                assert str(escape(text)) in page, (region_id, text)
            # The citation links to the document, to its clause when the fact names one.
            target = f'href="../../documents/{fact.source}/' + (f'#{clause_anchor(fact.clause)}"' if fact.clause else '"')
            assert target in page, (region_id, target)


def test_timelines_have_iso_dates_and_precision(catalog) -> None:
    precisions = set()
    for region in catalog.regions.values():
        for m in region.timeline:
            precisions.add(m.precision)
            assert m.sort_date() is not None
    assert {"year", "month", "before", "range"} <= precisions
