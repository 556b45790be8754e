"""Comparison views: table values equal the catalog, downloads round-trip, and in Chromium numeric
sorting, filtering and citation links work."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from swkb.catalog.load import load_catalog
from swkb.publish.downloads import CITE_SUFFIX, NOT_COLLECTED, NOT_STATED, NUMBER_SUFFIX, records
from swkb.views.compare import COMPARISON_BY_ID, build_table, sort_key

from .conftest import MINI, ROOT, StaticServer, project_without_guides, run_mkdocs_build
from .htmltables import tables

# Extra counties with floor areas whose text order differs from their numeric order.
AREAS = {"county-a": 9, "county-b": 80, "county-c": 12, "county-d": 100}


def write_compare_catalog(target: Path) -> Path:
    shutil.copytree(MINI, target)
    for rid, area in AREAS.items():
        (target / f"regions/{rid}.yml").write_text(
            f"id: {rid}\nname: 测试{rid[-1].upper()}县\nlevel: county\nparent: prov\n"
            f"station:\n  floor_area: {{min: {area}, unit: ㎡, source: doc-one, clause: 四、(一)2}}\n", encoding="utf-8")
    (target / "regions/prov2.yml").write_text("id: prov2\nname: 另一省\nlevel: province\n", encoding="utf-8")
    (target / "regions/county-e.yml").write_text(
        "id: county-e\nname: 另一县\nlevel: county\nparent: prov2\n"
        "station:\n  floor_area: {status: not_stated, source: doc-one}\n", encoding="utf-8")
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
    """Rows of a built comparison page by row anchor, across all province groups."""
    html = (site / "compare" / comparison_id / "index.html").read_text(encoding="utf-8")
    out = {}
    for table in tables(html):
        for row in table[1:]:
            anchors = [i for i in row[0].ids]
            if anchors:
                out[anchors[0]] = row
    return out


@pytest.mark.parametrize("comparison_id", ["stations", "staffing", "funding", "governance"])
def test_table_values_equal_the_catalog(real_site: Path, catalog, comparison_id: str) -> None:
    comparison = COMPARISON_BY_ID[comparison_id]
    table = build_table(comparison, catalog)
    rows = page_rows(real_site, comparison_id)
    assert set(rows) == {r.anchor for r in table.rows}
    for row in table.rows:
        cells = rows[row.anchor][1:]
        for column, cell in zip(comparison.columns, cells):
            value = column.get(row.subject)
            if value is None or value == []:
                assert "swkb-not-collected" in cell.classes and cell.text == NOT_COLLECTED
            elif getattr(value, "status", None) == "not_stated":
                assert "swkb-not-stated" in cell.classes and NOT_STATED in cell.text
                assert any(f"/documents/{value.source}/" in h for h in cell.hrefs)
            elif column.numeric:
                assert cell.sort == sort_key(value, column), (row.anchor, column.title)
                assert value.display().split("（")[0] in cell.text
                assert any(f"/documents/{value.source}/" in h for h in cell.hrefs)


def test_known_figures_in_tables(real_site: Path) -> None:
    staffing = page_rows(real_site, "staffing")
    assert staffing["henan"][4].sort == 45 and staffing["henan"][8].sort == 60  # 年龄上限, 每年培训
    stations = page_rows(real_site, "stations")
    assert stations["changshu"][1].sort == 80 and stations["henan"][1].sort == 12
    assert "常政办发〔2021〕101号 四、(一)2" in stations["changshu"][1].text
    funding = page_rows(real_site, "funding")
    assert funding["henan"][2].sort == 2 and funding["yuanzhou"][2].sort == 3


@pytest.mark.parametrize("comparison_id", ["stations", "staffing", "funding", "governance"])
def test_downloads_round_trip(real_site: Path, catalog, comparison_id: str) -> None:
    expected = records(build_table(COMPARISON_BY_ID[comparison_id], catalog), catalog)
    raw = (real_site / "downloads" / f"{comparison_id}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    from_csv = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(real_site / "downloads" / f"{comparison_id}.xlsx").active
    from_xlsx = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert from_csv[0] == expected[0] == from_xlsx[0]
    for want, got_csv, got_xlsx in zip(expected[1:], from_csv[1:], from_xlsx[1:], strict=True):
        for header, w, c, x in zip(expected[0], want, got_csv, got_xlsx, strict=True):
            if header.endswith(NUMBER_SUFFIX):
                assert (float(c) if c else None) == w == x, header
            else:
                assert c == w == (x or ""), header


def test_downloaded_figures_match_catalog(real_site: Path, catalog) -> None:
    rows = list(csv.DictReader(io.StringIO((real_site / "downloads/stations.csv").read_text(encoding="utf-8-sig"))))
    by_name = {r["地区"]: r for r in rows}
    assert float(by_name["常熟市"]["站·面积(㎡)" + NUMBER_SUFFIX]) == catalog.regions["changshu"].station.floor_area.min
    assert by_name["常熟市"]["站·面积" + CITE_SUFFIX] == "常政办发〔2021〕101号 四、(一)2"
    assert by_name["常熟市"]["室·面积(㎡)"] == NOT_STATED
    sheet = openpyxl.load_workbook(real_site / "downloads/staffing.xlsx").active
    header = [c.value for c in sheet[1]]
    henan = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "河南省")
    assert henan[header.index("年龄上限(岁)" + NUMBER_SUFFIX)] == 45
    data = json.loads((real_site / "downloads/catalog.json").read_text(encoding="utf-8"))
    assert data["counts"]["service"] == 15
    assert data["regions"]["henan"]["staffing"][0]["age_max"]["max"] == 45


def test_region_page_links_to_its_rows(real_site: Path) -> None:
    page = (real_site / "regions/henan/index.html").read_text(encoding="utf-8")
    for target in ["compare/stations/#henan", "compare/staffing/#henan", "compare/funding/#henan",
                   "compare/services/#henan", "compare/timelines/#henan"]:
        assert f'href="../../{target}"' in page, target


def test_coverage_matrix_shows_local_services(real_site: Path) -> None:
    rows = page_rows(real_site, "services")
    zhuolu = rows["zhuolu"]
    assert "参与基层司法工作" in zhuolu[-1].text  # a local service, no match among the 15
    assert "社会救助" in zhuolu[4].text  # column 4 = 社会救助服务


def test_timelines_are_inline_svg(real_site: Path) -> None:
    page = (real_site / "compare/timelines/index.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 10 and "script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


# --------------------------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------------------------


def column_sort_values(page, header: str) -> list[float | None]:
    return page.evaluate("""(header) => {
      const table = [...document.querySelectorAll('table')].find(t => [...t.querySelectorAll('thead th')].some(th => th.textContent.includes(header)));
      const index = [...table.querySelectorAll('thead th')].findIndex(th => th.textContent.includes(header));
      return [...table.tBodies[0].rows].map(r => { const m = r.cells[index].querySelector('.swkb-sort'); return m ? parseFloat(m.dataset.sort) : null; });
    }""", header)


def test_sorting_a_numeric_column_orders_it_numerically(small_site: Path, browser) -> None:
    with StaticServer(small_site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/stations/")
        header = page.locator("table").first.locator("th", has_text="站·面积")
        header.click()
        ascending = column_sort_values(page, "站·面积")
        assert ascending == [9, 12, 80, 80, 100]  # text order would be 100, 12, 80, 80, 9
        assert header.get_attribute("aria-sort") == "ascending"
        header.click()
        assert column_sort_values(page, "站·面积") == [100, 80, 80, 12, 9]
        page.close()


def test_filter_by_province_and_level(small_site: Path, browser) -> None:
    with StaticServer(small_site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/stations/")
        assert page.locator(".swkb-group:visible").count() == 2
        page.select_option('[data-filter="province"]', "prov2")
        assert page.locator(".swkb-group:visible").count() == 1
        assert page.locator("tbody tr:visible").count() == 1
        assert "显示 1 行" in page.locator(".swkb-filter-count").inner_text()
        page.select_option('[data-filter="province"]', "")
        page.select_option('[data-filter="level"]', "province")
        assert page.locator("tbody tr:visible").count() == 0
        page.close()


def test_citation_link_lands_on_cited_document(small_site: Path, browser) -> None:
    with StaticServer(small_site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/stations/")
        page.locator("#county-b").locator("xpath=ancestor::tr").locator(".swkb-cite a").first.click()
        page.wait_for_url("**/documents/doc-one/")
        assert page.locator("h1").inner_text().rstrip("¶") == "测试县社工站建设实施方案"
        assert "四、(一)2" in page.locator("article").inner_text()  # the cited clause is listed there
        page.close()
