"""Comparison views: one table over all regions whose cells equal the catalog, numbers that keep
their meaning (floors, ceilings, ranges, per-units), quotes with citations, the data corrections
of issue 14, and in Chromium sorting by lower and upper bound, filtering and citation links."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from swkb.catalog.labels import NOT_COLLECTED, NOT_STATED
from swkb.catalog.load import load_catalog
from swkb.catalog.models import Milestone
from swkb.views.compare import COMPARISON_BY_ID, build_table, coverage_summary, milestone_rows

from .conftest import MINI, ROOT, StaticServer, project_without_guides, run_mkdocs_build
from .htmltables import tables

# Extra counties whose floor areas sort differently as text and as numbers, and a ceiling that
# must never rank among the floors.
AREAS = {
    "county-a": "min: 9",
    "county-b": "min: 80",
    "county-c": "min: 12",
    "county-d": "min: 100",
    "county-f": "max: 50",
    "county-g": "min: 20, max: 60",
}


def write_compare_catalog(target: Path) -> Path:
    shutil.copytree(MINI, target)
    for rid, bound in AREAS.items():
        (target / f"regions/{rid}.yml").write_text(
            f"id: {rid}\nname: 测试{rid[-1].upper()}县\nlevel: county\nparent: prov\n"
            f"station:\n  floor_area: {{{bound}, unit: ㎡, source: doc-one, clause: 四、(一)2}}\n",
            encoding="utf-8",
        )
    (target / "regions/prov2.yml").write_text("id: prov2\nname: 另一省\nlevel: province\n", encoding="utf-8")
    (target / "regions/county-e.yml").write_text(
        "id: county-e\nname: 另一县\nlevel: county\nparent: prov2\n"
        "station:\n  floor_area: {status: not_stated, source: doc-one}\n",
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("compare")
    catalog = write_compare_catalog(base / "catalog")
    result = run_mkdocs_build(base / "site", catalog, project=project_without_guides(base))
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "catalog")


def page_rows(site: Path, comparison_id: str) -> dict[str, list]:
    """Rows of a built comparison page by row anchor: [地区, 省份, columns …]."""
    html = (site / "compare" / comparison_id / "index.html").read_text(encoding="utf-8")
    out = {}
    for table in tables(html):
        for row in table[1:]:
            if row and row[0].ids:
                out[row[0].ids[0]] = row
    return out


@pytest.mark.parametrize("comparison_id", ["stations", "staffing", "funding", "governance", "services", "timelines"])
def test_one_table_over_all_regions_equal_to_the_catalog(real_site: Path, catalog, comparison_id: str) -> None:
    table = build_table(COMPARISON_BY_ID[comparison_id], catalog)
    rows = page_rows(real_site, comparison_id)
    assert list(rows) == [r.anchor for r in table.rows]  # every region, in one table
    for row, cells, province in zip(table.rows, table.cells, table.provinces):
        shown = rows[row.anchor]
        assert shown[1].text == catalog.regions[province].name  # the province column
        for column, cell, td in zip(table.columns, cells, shown[2:]):
            value = column.get(row.subject)
            assert td.attrs.get("data-state") == cell.state, (row.anchor, column.title)
            if cell.state == "not_collected":
                assert value is None or value == []
                assert td.text == NOT_COLLECTED
            elif cell.state == "not_stated":
                assert NOT_STATED in td.text and any(f"/documents/{value.source}/" in h for h in td.hrefs)
            elif cell.state == "stated":
                for figure in cell.figures:
                    assert figure.text in td.text and figure.citation.text in td.text
                    assert any(f"/documents/{figure.citation.doc_id}/" in h for h in td.hrefs)
                assert td.quotes == [cell.quote]
            if column.numeric:
                assert (td.lo, td.hi) == (cell.floor, cell.ceiling), (row.anchor, column.title)


def test_bounds_keep_their_meaning(real_site: Path) -> None:
    funding = page_rows(real_site, "funding")
    share = 3  # 社会救助资金比例: 原州 ≥3%, 涿鹿 ≤3%, 河南 ≤2%
    assert (funding["yuanzhou"][share].lo, funding["yuanzhou"][share].hi) == (3, None)
    assert (funding["zhuolu"][share].lo, funding["zhuolu"][share].hi) == (None, 3)
    assert (funding["henan"][share].lo, funding["henan"][share].hi) == (None, 2)
    staffing = page_rows(real_site, "staffing")
    zhuolu_station = next(r for a, r in staffing.items() if a.startswith("zhuolu") and r[3].text == "社工站")
    assert (zhuolu_station[4].lo, zhuolu_station[4].hi) == (2, 5)  # 2–5 名
    changshu_room = next(r for a, r in staffing.items() if a.startswith("changshu") and "每2个村" in r[4].text)
    assert changshu_room[4].lo == 0.5  # 每2个村(社区)不少于1名: one per two villages
    assert "每2个村(社区) 不少于 1 名" in changshu_room[4].text
    stations = page_rows(real_site, "stations")
    assert stations["changshu"][2].lo == 80 and stations["henan"][2].lo == 12
    assert "常政办发〔2021〕101号 四、(一)2" in stations["changshu"][2].text


def test_quotes_carry_value_and_citation(real_site: Path) -> None:
    stations = page_rows(real_site, "stations")
    assert stations["changshu"][2].quotes == ["常熟市·社工站面积：不少于80㎡（常政办发〔2021〕101号 四、(一)2）"]
    staffing = page_rows(real_site, "staffing")
    henan = staffing["henan"]
    # 地区·项目：值（限定语）（文号 条款）: the note travels with the value
    assert (
        henan[5]
        .quotes[0]
        .startswith(
            "河南省·驻站社工（社工站）年龄：不超过45岁（原文为“45岁以下”）（河南省乡镇(街道)社会工作服务站项目实施方案（本站拟题，来源未载文号）"
        )
    )


def test_documents_without_number_say_so(real_site: Path, catalog) -> None:
    for did, doc in catalog.documents.items():
        label = catalog.document_label(did)
        if doc.number:
            assert label == doc.number
        elif doc.title_official:
            assert label == f"《{doc.title}》（来源未载文号）"
        else:  # our own descriptive title: never set in 《》 as if it were official
            assert "《" not in label and label.endswith("（本站拟题，来源未载文号）")
    stations = page_rows(real_site, "stations")
    assert "涿鹿县乡镇(社区)社会工作服务站(室)建设实施方案（本站拟题，来源未载文号）" in stations["zhuolu"][4].text
    assert "《原州区乡镇(街道)社会工作服务站建设实施方案(试行)》（来源未载文号）" in stations["yuanzhou"][4].text


def test_data_corrections(catalog) -> None:
    """The corrections of issue 14, each checked against its source (see the catalog's clauses)."""
    changshu = catalog.regions["changshu"]
    resident = next(r for r in changshu.staffing if r.role == "zhuzhan-shegong" and r.post == "station")
    assert resident.count.min == 4 and resident.count.clause == "四、(一)3"
    shaanxi = catalog.regions["shaanxi-county"].purchase.contract_term_max
    assert shaanxi.max == 1 and shaanxi.unit == "年" and "三年" in shaanxi.note and "实施步骤·(三)签订合同" in shaanxi.clause
    funding = build_table(COMPARISON_BY_ID["funding"], catalog)
    column = [c.id for c in funding.columns].index("contract-term-max")
    row = [r.region_id for r in funding.rows].index("shaanxi-county")
    assert funding.cells[row][column].ceiling == 1 and funding.cells[row][column].floor is None
    yuanzhou = next(r for r in catalog.regions["yuanzhou"].staffing if r.role == "zhuzhan-shegong")
    assert yuanzhou.count is not None and yuanzhou.count.status == "not_stated"
    for rule in catalog.regions["zhuolu"].staffing:  # the 35-year, 大专 and certificate rule covers all 76
        assert rule.age_max.max == 35 and rule.education.text == "大专及以上学历", (rule.role, rule.post)
        assert rule.certificate is not None and rule.certificate_deadline.value == 2
    for did in ["guangzhou-cishan-jijin-zhiyin", "guangzhou-cishan-juanzeng-zhandian-zhiyin"]:
        assert catalog.documents[did].doc_type == "guideline"
    henan = catalog.regions["henan"].staffing[0].certificate
    assert henan.reading and "本站理解" in henan.display() and "原文也可读作" in henan.display()


def test_henan_reading_is_marked_on_pages(real_site: Path) -> None:
    staffing = page_rows(real_site, "staffing")
    assert "本站理解；原文也可读作" in staffing["henan"][7].text
    assert "本站理解" in staffing["henan"][7].quotes[0]
    assert "本站理解；原文也可读作" in (real_site / "regions/henan/index.html").read_text(encoding="utf-8")


def test_timeline_order_respects_before_dates(catalog) -> None:
    yuanzhou = [m.zh() for m in catalog.milestones("yuanzhou")]
    assert yuanzhou.index("2021年8月15日前") < yuanzhou.index("2021年8月20日前") < yuanzhou.index("2021年8月底前")
    assert yuanzhou.index("2021年8月底前") < yuanzhou.index("2021年9月")
    changshu = [m.zh() for m in catalog.milestones("changshu")]
    assert changshu.index("2021年6月底前") < changshu.index("2021年") < changshu.index("2022年")
    ordered = [m.order_key() for _, m, _ in milestone_rows(catalog)]
    assert ordered == sorted(ordered)


def test_coverage_summary_orders_regions_by_full_coverage(real_site: Path, catalog) -> None:
    lines = coverage_summary(catalog)
    dated = [line for line in lines if line.milestones]
    assert [line.milestones[0].order_key() for line in dated] == sorted(line.milestones[0].order_key() for line in dated)
    assert all(m.phase == "full_coverage" for line in dated for m in line.milestones)
    assert lines.index(dated[-1]) < len(lines) and all(not line.milestones for line in lines[len(dated) :])
    # On the page: one item per province, its own date first, its cities and counties under it
    # with their level (a county's date never reads as its province's).
    page = (real_site / "compare/timelines/index.html").read_text(encoding="utf-8")
    listing = page.split('<ol class="swkb-coverage">', 1)[1].split("</ol>", 1)[0]
    items = [re.sub(r"<[^>]+>", "", item) for item in listing.split("<li><p>")[1:]]
    assert len(items) == len(catalog.children[None])
    hebei = next(item for item in items if item.startswith("河北省"))
    assert hebei.startswith("河北省(省级)：未收集") and "涿鹿县(县级)：2021年9月底前" in hebei
    for line in lines:
        province = catalog.regions[catalog.province_of(line.region_id)].name
        item = next(item for item in items if item.startswith(province + "(省级)"))
        assert catalog.regions[line.region_id].name in item
    assert "《陕西省乡镇(街道)社会工作站建设实施方案(试行)》" in next(item for item in items if item.startswith("陕西省"))


def test_timeline_marks_link_to_their_rows(real_site: Path) -> None:
    """Details of a mark open by click, tap or keyboard: each mark is a link to its row."""
    page = (real_site / "compare/timelines/index.html").read_text(encoding="utf-8")
    svg = page.split('class="swkb-timeline"', 1)[1].split("</div>\n</div>", 1)[0]
    assert "script" not in svg
    rows = page_rows(real_site, "timelines")
    import re

    targets = re.findall(r'<a href="#([^"]+)" aria-label="', svg)
    assert len(targets) >= 20 and set(targets) <= set(rows)


def test_region_page_links_into_the_comparisons(real_site: Path) -> None:
    page = (real_site / "regions/henan/index.html").read_text(encoding="utf-8")
    assert 'href="../../compare/regions/?ids=henan"' in page
    for target in [
        "compare/stations/#henan",
        "compare/staffing/#henan",
        "compare/funding/#henan",
        "compare/services/#henan",
        "compare/timelines/#henan",
    ]:
        assert f'href="../../{target}"' in page, target


def test_service_matrix_names_services_in_its_header(real_site: Path, catalog) -> None:
    html = (real_site / "compare/services/index.html").read_text(encoding="utf-8")
    header = [c.text for c in tables(html)[0][0]]
    assert header[:2] == ["地区", "省份"]
    assert header[2:-1] == [f"{s.number}. {s.name}" for s in catalog.services.values()] and header[-1] == "本地特有服务"
    rows = page_rows(real_site, "services")
    # 涿鹿's 基层司法 includes 社区矫正, which item 15 names (司法矫正): mapped there, not 本地特有.
    assert "参与基层司法工作" in rows["zhuolu"][header.index("15. 其他领域社会服务")].text
    assert "参与基层司法工作" not in rows["zhuolu"][-1].text
    assert "参与社会救助服务" in rows["zhuolu"][header.index("4. 社会救助服务")].text
    assert rows["zhuolu"][header.index("1. 政策宣传")].text == "—"  # collected, nothing maps here


# --------------------------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------------------------


def bounds_in_order(page, header: str, key: str) -> list[float | None]:
    return page.evaluate(
        """([header, key]) => {
      const table = document.querySelector('table.swkb-compare');
      const index = [...table.tHead.rows[0].cells].findIndex(th => th.textContent.includes(header));
      return [...table.tBodies[0].rows].filter(r => !r.hidden).map(r => {
        const v = r.cells[index].getAttribute('data-' + key); return v === null ? null : parseFloat(v); });
    }""",
        [header, key],
    )


def test_sorting_by_lower_and_upper_bound(small_site: Path, browser) -> None:
    with StaticServer(small_site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/stations/")
        head = page.locator("th", has_text="站·面积")
        head.get_by_role("button", name="按下限排序：站·面积(㎡)").click()
        # text order would be 100, 12, 20, 80 …; the ceiling-only county (≤50) is not a floor: last
        assert bounds_in_order(page, "站·面积", "lo") == [9, 12, 20, 80, 80, 100, None, None]
        assert bounds_in_order(page, "站·面积", "hi")[-2:] == [50, None]  # 来源未规定 stays last of all
        assert head.get_attribute("aria-sort") == "ascending"
        head.get_by_role("button", name="按下限排序：站·面积(㎡)").click()
        assert bounds_in_order(page, "站·面积", "lo") == [100, 80, 80, 20, 12, 9, None, None]
        assert head.get_attribute("aria-sort") == "descending"
        head.get_by_role("button", name="按上限排序：站·面积(㎡)").press("Enter")  # keyboard works too
        assert bounds_in_order(page, "站·面积", "hi")[:2] == [50, 60]
        assert "sort=" in page.url  # the order is in the URL, to share
        page.close()


def test_filter_by_province_and_level_is_kept_in_the_url(small_site: Path, browser) -> None:
    with StaticServer(small_site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/stations/")
        assert page.locator("tbody tr:visible").count() == 8
        page.select_option('[data-filter="province"]', "prov2")
        assert page.locator("tbody tr:visible").count() == 1
        assert "显示 1 行" in page.locator(".swkb-filter-count").inner_text()
        assert "province=prov2" in page.url
        page.goto(server.url + "compare/stations/?level=province")
        assert page.locator("tbody tr:visible").count() == 0
        assert page.locator('[data-filter="level"]').input_value() == "province"
        page.close()


def test_citation_link_lands_on_cited_document(small_site: Path, browser) -> None:
    with StaticServer(small_site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/stations/")
        page.locator("#county-b").locator("xpath=ancestor::tr").locator(".swkb-cite a").first.click()
        page.wait_for_url("**/documents/doc-one/#*")
        assert page.locator("h1").inner_text().rstrip("¶") == "测试县社工站建设实施方案"
        # The link lands on the cited clause's row in the document's list of cited clauses.
        assert page.locator(":target td").first.inner_text() == "四、(一)2"
        page.close()


def test_milestone_kinds_are_plain_data() -> None:
    m = Milestone(event="x", date="2021-08", before=True, source="d", clause="c")
    assert m.order_key()[0].isoformat() == "2021-08-31"


# A clause's path: the part name we gave (`实施步骤·`), then its own enumerators in order.
_ENUMERATOR = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是|第\d+段|\d+[.、]?|附件"
)


def clause_path(clause: str) -> str:
    """Empty for a clause named by words alone (“总体目标段”): only numbers can collide."""
    part, dot, rest = clause.partition("·")
    head = part + "·" if dot and not _ENUMERATOR.search(part) else ""
    numbers = "".join(_ENUMERATOR.findall(rest if head else clause))
    return head + numbers if numbers else ""


def test_clause_paths_are_unambiguous_within_a_document(catalog) -> None:
    """Two different clauses of one document never share a path: where the source lost its part
    headings (涿鹿 has four different “(五)”), clauses carry the part name we gave them."""
    from swkb.catalog.store import iter_facts

    clauses: dict[str, set[str]] = {}
    for entry in catalog.entries:
        for fact in iter_facts(entry.model):
            if fact.clause:
                clauses.setdefault(fact.source, set()).add(fact.clause)
    ambiguous = {}
    for doc, found in clauses.items():
        paths: dict[str, set[str]] = {}
        for clause in found:
            for piece in re.split(r"、(?=[^、]*·)", clause):  # a fact may cite two clauses
                paths.setdefault(clause_path(piece), set()).add(piece)
        ambiguous.update({f"{doc} {path}": sorted(texts) for path, texts in paths.items() if path and len(texts) > 1})
    assert ambiguous == {}, "给条款加上部分名(如“实施步骤·(五)绩效评估”)，让同一文件里的条款编号不重复"
    zhuolu = {c for c in clauses["zhuolu-sgz-plan"] if "(五)" in c}
    assert zhuolu == {"服务内容·(五)参与社会事务服务", "购买方式·(五)社工站项目建设经费及使用", "实施步骤·(五)绩效评估"}
