"""A large catalog (benchmarks/synth.py): each comparison page holds only its first rows, and in
Chromium the script loads every row, pages through them and ranks the whole country."""

from __future__ import annotations

from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog
from swkb.views.compare import COMPARISON_BY_ID, build_table
from swkb.views.pagination import ROWS_PER_PAGE, STATIC_ROWS

from .conftest import StaticServer


@pytest.fixture(scope="module")
def large(large_site: tuple[Path, Path]) -> tuple[Path, Path]:
    """The 150-region synthetic catalog and its site, built once per session (conftest.py)."""
    return large_site


def test_pages_hold_their_first_rows_only(large) -> None:
    site, _ = large
    for cid in ["stations", "staffing", "funding", "governance", "services", "timelines"]:
        html = (site / "compare" / cid / "index.html").read_text(encoding="utf-8")
        assert html.count('class="swkb-row"') <= STATIC_ROWS
        assert len(html.encode()) < 150_000, cid
        assert (site / "data" / "compare" / f"{cid}.js").exists()


def test_sorting_ranks_every_row_across_pages(large, browser) -> None:
    site, catalog_dir = large
    table = build_table(COMPARISON_BY_ID["funding"], load_catalog(catalog_dir))
    column = [c.id for c in table.columns].index("per-station")
    floors = sorted((row[column].floor for row in table.cells if row[column].floor is not None), reverse=True)
    with StaticServer(site) as server:
        page = browser.new_page()
        page.goto(server.url + "compare/funding/")
        count = page.locator(".swkb-filter-count")
        page.wait_for_function("document.querySelector('.swkb-filter-count').textContent.startsWith('共')")
        assert count.inner_text() == f"共 {len(table.rows)} 行（全部 {len(table.rows)} 行）"
        pages = -(-len(table.rows) // ROWS_PER_PAGE)
        assert page.locator(".swkb-page-label").inner_text() == f"第 1 / {pages} 页"
        assert page.locator("table.swkb-compare tbody tr").count() == ROWS_PER_PAGE
        button = page.get_by_role("button", name="按下限排序：每站经费或补助(万元)")
        button.click()
        button.click()  # descending
        index = 2 + column

        def shown() -> list[float]:
            return page.evaluate(f"""() => [...document.querySelectorAll('table.swkb-compare tbody tr')]
                .map(r => r.cells[{index}].getAttribute('data-lo')).filter(v => v !== null).map(parseFloat)""")

        seen = shown()
        for _ in range(pages - 1):
            page.get_by_role("button", name="下一页").click()
            seen += shown()
        assert seen == floors  # the whole country in order, page after page
        assert page.get_by_role("button", name="下一页").is_disabled()
        # Quotes and citations of rows drawn from the data file are the build's.
        quote = page.locator("table.swkb-compare tbody .swkb-copy").first.get_attribute("data-quote")
        assert quote in {cell.quote for row in table.cells for cell in row}
        page.close()


def test_region_link_filters_the_table_to_that_region(large, browser) -> None:
    site, catalog_dir = large
    catalog = load_catalog(catalog_dir)
    rid = next(r for r, region in sorted(catalog.regions.items()) if region.staffing and region.level == "county")
    html = (site / "regions" / rid / "index.html").read_text(encoding="utf-8")
    assert f'href="../../compare/staffing/?region={rid}"' in html
    with StaticServer(site) as server:
        page = browser.new_page()
        page.goto(server.url + f"compare/staffing/?region={rid}")
        page.wait_for_function("document.querySelector('.swkb-filter-count').textContent.startsWith('共')")
        regions = page.locator("table.swkb-compare tbody tr").evaluate_all("rows => rows.map(r => r.dataset.region)")
        assert regions and set(regions) == {rid}
        page.get_by_role("button", name="显示全部地区").click()
        assert "region=" not in page.url
        assert page.locator("table.swkb-compare tbody tr").count() == ROWS_PER_PAGE
        page.close()
