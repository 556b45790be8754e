"""Keys from the address are looked up as data, never on a JavaScript object's prototype: region
ids such as constructor, __proto__ or toString in compare/regions/?ids= are unknown regions, and
the page says so in words; more than 12 ids are cut to 12 and the page says that too. The same
for ?region= of a comparison table (search queries: tests/js/lookups.test.mjs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, StaticServer

PROTOTYPE = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]


@pytest.fixture(scope="module")
def server(real_site: Path):
    with StaticServer(real_site) as running:
        yield running


def open_side(browser, url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("#swkb-chosen-count:not(:empty)")
    return page, errors


def test_prototype_names_are_unknown_regions_and_named_as_text(server, browser) -> None:
    page, errors = open_side(browser, server.url + "compare/regions/?ids=" + ",".join(PROTOTYPE))
    assert page.locator("#swkb-chosen-list li").count() == 0
    assert page.locator("#swkb-chosen-count").inner_text() == "还没有选"
    notice = page.locator("#swkb-url-notice").inner_text()
    assert "在目录里没有找到，已略过" in notice
    for name in PROTOTYPE:
        assert f"“{name}”" in notice
    assert "undefined" not in page.locator("article").inner_text()
    assert page.locator("table.swkb-side-table").count() == 0
    # Nothing to download: the Word button makes no file (it made one named "undefined").
    downloads: list[str] = []
    page.on("download", lambda d: downloads.append(d.suggested_filename))
    page.locator("#swkb-download-docx").click()
    page.wait_for_timeout(800)
    assert downloads == []
    assert errors == []
    page.close()


def test_known_ids_stay_and_the_unknown_ones_are_named(server, browser) -> None:
    ids = "changshu,constructor,zhuolu,%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,changshu"
    page, errors = open_side(browser, server.url + "compare/regions/?ids=" + ids)
    page.wait_for_selector("table.swkb-side-table")
    assert page.locator("#swkb-chosen-list li").all_inner_texts() == ["常熟市 移除", "涿鹿县 移除"]
    assert page.locator("#swkb-chosen-count").inner_text() == "共 2 个"
    notice = page.locator("#swkb-url-notice")
    assert notice.get_attribute("role") == "status"
    text = notice.inner_text()
    assert "“constructor”" in text and "“<img src=x onerror=alert(1)>”" in text  # shown as text
    assert page.locator("#swkb-url-notice img").count() == 0
    assert "undefined" not in page.locator("article").inner_text()
    assert errors == []
    page.close()


def test_more_than_twelve_ids_are_cut_to_twelve_and_the_page_says_so(server, browser) -> None:
    ids = sorted(p.stem for p in (ROOT / "catalog/regions").glob("*.yml"))[:15]
    page, errors = open_side(browser, server.url + "compare/regions/?ids=" + ",".join(ids))
    page.wait_for_selector("table.swkb-side-table")
    assert page.locator("#swkb-chosen-list li").count() == 12
    assert page.locator("table.swkb-side-table thead th").count() == 1 + 12  # 项目, then one column per region
    text = page.locator("#swkb-url-notice").inner_text()
    assert "网址中有 15 个地区，一次最多并排 12 个：只显示了前 12 个" in text and "没有显示的 3 个" in text
    assert "没有找到" not in text
    assert page.url.endswith("ids=" + ",".join(ids[:12]))  # the address now says what is shown
    assert errors == []
    page.close()


def test_a_table_filtered_to_a_prototype_name_shows_nothing_odd(server, browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "compare/staffing/?region=constructor")
    page.wait_for_selector(".swkb-region-only")
    assert page.locator(".swkb-region-only").inner_text().startswith("网址中的地区代码“constructor”不在这张表里，显示全部地区。")
    assert page.locator("table.swkb-compare tbody tr:not([hidden])").count() > 3  # every region, not none
    assert "undefined" not in page.locator("article").inner_text()
    assert errors == []
    page.close()
