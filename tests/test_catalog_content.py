"""The real catalog: every source region present, 15 services exact, every value cited, and the
figures traced back to the source documents' text."""

from __future__ import annotations

import os

import pytest
from markupsafe import escape

from swkb.catalog.load import load_catalog
from swkb.catalog.models import Milestone, Quantity
from swkb.catalog.store import iter_facts
from swkb.site.helpers import PageHelpers
from swkb.site.render import Renderer

from .conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"

# Every region and system the sources describe (issue 3).
SOURCE_REGIONS = ["shanghai", "jingan", "huangpu", "changshu", "quanzhou", "nanning", "kashi", "shenzhen",
                  "kangbashi", "guangxi", "tengxian", "guangzhou", "yuanzhou", "shaanxi-county", "henan",
                  "zhuolu", "linfen", "lixian"]

# 常熟市基层社会工作站(室)专业服务清单: number → official name, and the 4 categories by number range.
CHANGSHU_SERVICES = {1: "政策宣传", 2: "需求评估", 3: "资源评估", 4: "社会救助服务", 5: "养老为老服务",
                     6: "儿童关爱保护", 7: "扶残助残服务", 8: "婚姻家庭服务", 9: "社区治理服务", 10: "社区慈善服务",
                     11: "社区志愿服务", 12: "社区社会组织培育服务", 13: "社工人才培育服务", 14: "社区资源链接服务",
                     15: "其他领域社会服务"}
CATEGORY_OF = {**{n: "基础服务" for n in (1, 2, 3)}, **{n: "基本民生保障服务" for n in range(4, 9)},
               **{n: "社区发展治理服务" for n in range(9, 15)}, 15: "其他服务"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "catalog")


@pytest.fixture(scope="module")
def seed_text():
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"source documents not found at {SEEDS}")
        pytest.skip("source documents (../shared/seeds) are not on this machine")
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


def test_every_source_region_is_in_the_catalog(catalog) -> None:
    missing = [r for r in SOURCE_REGIONS if r not in catalog.regions]
    assert not missing
    for region_id in SOURCE_REGIONS:
        region = catalog.regions[region_id]
        assert catalog.documents_of_region.get(region_id) or region_id == "shenzhen" or \
            any(f.source for f in iter_facts(region)), region_id
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
    for name in ["站长", "常务副站长", "副站长", "主管社工", "专业社工", "驻站社工", "项目社工", "项目专职督导员",
                 "社会工作联络员"]:
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


def test_every_cited_document_says_where_in_our_sources_it_is(catalog) -> None:
    for did, doc in catalog.documents.items():
        assert doc.seed_file, did
        assert doc.seed_file.split("(")[0] in {p for p in (
            "000_2f04896ac0d3b436.txt", "001_1e2b46d1d28f289c.txt", "002_3fca032d97a82b0a.txt",
            "003_cd13bfc11ac91457.txt", "004_480974a17e011854.txt")}, did


def _number_forms(n: float, unit: str | None) -> set[str]:
    forms = {f"{n:g}"}
    small = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
    if n == int(n) and int(n) in small:
        forms |= {small[int(n)], "二" if n == 2 else small[int(n)]}
    if unit == "万元" and n >= 10000:
        forms.add(f"{n / 10000:g}亿")  # the catalog normalises 亿元 to 万元
    return forms


def test_every_figure_appears_in_its_source_document(catalog, seed_text) -> None:
    """Each number in the catalog can be found in the text of the source its document came from."""
    checked, missing = 0, []
    for entry in catalog.entries:
        for fact in iter_facts(entry.model):
            if not isinstance(fact, Quantity) or fact.status != "stated":
                continue
            text = seed_text[catalog.documents[fact.source].seed_file.split("(")[0]]
            for name in ("value", "min", "max"):
                number = getattr(fact, name)
                if number is None:
                    continue
                checked += 1
                if not any(form in text for form in _number_forms(number, fact.unit)):
                    missing.append((entry.file, name, number, fact.unit))
    assert checked >= 80
    assert not missing


@pytest.mark.parametrize("region_id, path, expected, phrase", [
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
])
def test_spot_checked_figures_against_source_text(catalog, seed_text, region_id, path, expected, phrase) -> None:
    value = catalog.regions[region_id]
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    assert value == expected
    assert any(phrase in text for text in seed_text.values()), phrase


def test_zhuolu_budget_adds_up(catalog) -> None:
    amounts = {m.label: m.value for m in catalog.regions["zhuolu"].funding.amounts}
    assert amounts["合计"] == pytest.approx(amounts["乡镇社工站项目购买经费"] + amounts["县级社工站项目指导服务平台购买经费"])
    shares = [s.value for s in catalog.regions["zhuolu"].funding.cost_shares]
    assert sum(shares) == 100


def test_every_figure_and_milestone_is_shown_on_its_region_page(catalog) -> None:
    pages = {p.src_uri: p.content for p in Renderer(catalog).pages()}
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
            assert f'href="../../documents/{fact.source}/"' in page


def test_timelines_have_iso_dates_and_precision(catalog) -> None:
    precisions = set()
    for region in catalog.regions.values():
        for m in region.timeline:
            precisions.add(m.precision)
            assert m.sort_date() is not None
    assert {"year", "month", "before", "range"} <= precisions
