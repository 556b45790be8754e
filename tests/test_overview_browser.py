"""The national overview (compare/overview/) and the timelines page in headless Chromium on the
real site: all 31 provinces with the same figures on the tile map and in the table at 390 px and
1280 px, Enter on a tile opens that province's regions side by side, the table sorts, the map
downloads as SVG, the page prints on one A4 sheet; and no timeline mark hides another."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from swkb.views.overview import DIVISIONS

from .conftest import StaticServer
from .pdftext import pdf_sheets

OVERVIEW = "compare/overview/"


@pytest.fixture(scope="module")
def server(real_site: Path):
    with StaticServer(real_site) as running:
        yield running


TILES = """() => [...document.querySelectorAll('svg.swkb-tilemap .swkb-tile')].filter(t => getComputedStyle(t).display !== 'none').map(t => ({
  label: t.querySelector('title').textContent,
  name: t.getAttribute('aria-label'),
  link: t.tagName.toLowerCase() === 'a',
  shown: [[...t.querySelectorAll('text')].map(x => x.textContent.trim()).join(' ')],
  box: (r => [r.left, r.right, r.width])(t.getBoundingClientRect()),
}))"""
TABLE = """() => [...document.querySelectorAll('table.swkb-ov-table tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))"""


def figures(text: str) -> str:
    """`3 个` / `3个` / `1 份` → the number (未收集 stays)."""
    found = re.search(r"(\d+)\s*[个份]", text)
    return found.group(1) if found else text.split()[-1]


@pytest.mark.parametrize("width", [390, 1280])
def test_overview_shows_every_province_on_map_and_table(server, browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url + OVERVIEW)
    tiles = page.evaluate(TILES)
    rows = {row[0]: row for row in page.evaluate(TABLE)}
    assert len(tiles) == 31 and len(rows) == 31
    assert {t["label"].split("：")[0] for t in tiles} == {d.name for d in DIVISIONS} == set(rows)
    for tile in tiles:  # every tile whole on the screen, big enough to read, named by what it shows first
        left, right, size = tile["box"]
        assert tile["name"].startswith(tile["shown"][0]) if tile["link"] else tile["name"] == tile["label"]
        assert left >= 0 and right <= width and size >= 36, tile
    by_name = {t["label"].split("：")[0]: t for t in tiles}
    # 河北: three regions (省, 张家口, 涿鹿), 涿鹿's plan, the earliest date a county's (2021).
    hebei = by_name["河北省"]
    assert hebei["link"] and "2021年" in hebei["shown"][0] and "县级" in hebei["shown"][0]
    assert "3 个地区" in hebei["label"] and "1 份政策文件" in hebei["label"]
    assert rows["河北省"][1] == "3 个" and rows["河北省"][2] == "1 份" and "2021年9月底前" in rows["河北省"][4]
    assert "2023年" in by_name["河南省"]["shown"][0] and "省级" in by_name["河南省"]["shown"][0]
    assert not by_name["西藏自治区"]["link"] and by_name["西藏自治区"]["shown"] == ["西藏 未收集"]
    assert rows["西藏自治区"][1] == "未收集" and rows["西藏自治区"][5] == "没有可对照的地区"
    # The switch: each mode's figure on every tile is the table's figure for that province.
    for mode, column in (("documents", 2), ("regions", 1)):
        page.locator(f'input[name="swkb-ov-show"][value="{mode}"]').check()
        for tile in page.evaluate(TILES):
            name = tile["label"].split("：")[0]
            assert len(tile["shown"]) == 1
            assert figures(tile["shown"][0]) == figures(rows[name][column]), (mode, name, tile["shown"], rows[name])
    page.locator('input[name="swkb-ov-show"][value="coverage"]').check()

    # Tab to 河北's tile, press Enter: its regions side by side, 涿鹿县 among them.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => (document.activeElement.getAttribute('aria-label') || '').includes('。河北省：')"):
            break
    else:
        raise AssertionError("河北's tile is never reached with Tab")
    assert page.evaluate("() => document.activeElement.matches('a.swkb-tile')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"compare/regions/\?ids="))
    page.wait_for_selector("table.swkb-side-table")
    heads = page.locator("table.swkb-side-table thead th").all_inner_texts()
    assert any(h.startswith("涿鹿县") for h in heads) and any(h.startswith("河北省") for h in heads)
    context.close()


def test_overview_table_sorts_and_map_downloads(server, browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + OVERVIEW)
    column = "(i) => [...document.querySelectorAll('table.swkb-ov-table tbody tr')].map(r => r.cells[i].textContent.trim())"
    button = page.locator("table.swkb-ov-table th").nth(2).locator("button.swkb-sort-button")
    button.click()
    docs = [int(figures(t)) for t in page.evaluate(column, 2) if t != "未收集"]
    assert len(docs) >= 10 and docs == sorted(docs) and docs[-1] > docs[0]
    assert page.evaluate(column, 2)[-1] == "未收集"  # not collected stays last
    button.click()
    assert [int(figures(t)) for t in page.evaluate(column, 2) if t != "未收集"] == sorted(docs, reverse=True)
    assert page.locator("table.swkb-ov-table th").nth(2).get_attribute("aria-sort") == "descending"

    page.locator('input[name="swkb-ov-show"][value="documents"]').check()
    with page.expect_download() as info:
        page.locator("button.swkb-ov-download").click()
    download = info.value
    assert download.suggested_filename.endswith(".svg") and "政策文件数" in download.suggested_filename
    target = tmp_path / "map.svg"
    download.save_as(target)
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert svg.count("v v-documents") == 31 and "v-coverage" not in svg and "v-regions" not in svg
    assert "河北" in svg and "<script" not in svg
    page.close()


def test_overview_prints_on_one_a4_page(server, browser) -> None:
    page = browser.new_page()
    page.goto(server.url + OVERVIEW)
    page.emulate_media(media="print")
    sheets = pdf_sheets(page.pdf(format="A4", print_background=True))
    assert len(sheets) == 1
    text = sheets[0]
    assert "河北省 3 个 1 份" in text and "海南省 未收集" in text  # the table's first and last rows
    assert "下载这张图" not in text  # screen-only controls are left off
    page.close()


MARKS = """() => {
  const out = [];
  let marks = 0;
  for (const svg of document.querySelectorAll('.swkb-timeline svg[aria-label]')) {
    const box = svg.closest('.swkb-tl-scroll'), label = svg.parentElement.querySelector('.swkb-tl-label');
    const shapes = [...svg.querySelectorAll('.mark')];
    const rects = shapes.map(m => m.getBoundingClientRect());
    for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
        out.push(svg.getAttribute('aria-label') + ': ' + shapes[i].textContent + ' / ' + shapes[j].textContent);
    }
    // Each mark, scrolled into the part of its strip beside the sticky label, is what is under its centre.
    for (const mark of shapes) {
      marks++;
      const r0 = mark.getBoundingClientRect(), lane = box.getBoundingClientRect();
      box.scrollLeft += (r0.left + r0.width / 2) - (lane.left + label.offsetWidth + (lane.width - label.offsetWidth) / 2);
      mark.closest('.swkb-tl-row').scrollIntoView({block: 'center'});
      const r = mark.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit !== mark && !mark.contains(hit)) out.push(svg.getAttribute('aria-label') + ': ' + mark.textContent + ' under ' + (hit ? hit.outerHTML.slice(0, 60) : 'nothing'));
    }
  }
  return {marks, out};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_no_timeline_mark_hides_another(server, browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server.url + "compare/timelines/")
    found = page.evaluate(MARKS)
    assert found["marks"] > 50 and found["out"] == [], found["out"][:5]
    # 涿鹿's 全覆盖 deadline and its 试点 year, 临汾's 试点 and 全覆盖 years: all drawn and visible.
    lane = page.locator('.swkb-timeline svg[aria-label="涿鹿县"]').first
    assert lane.locator(".mark").count() >= 2
    page.close()


def test_coverage_list_fits_a_phone(server, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(server.url + "compare/timelines/")
    items = page.evaluate("""() => [...document.querySelectorAll('ol.swkb-coverage > li')].map(li => ({
      text: li.textContent.replace(/\\s+/g, ' '), right: li.getBoundingClientRect().right}))""")
    assert items and all(item["right"] <= 390 for item in items)
    by_province = {item["text"].split("(")[0]: item["text"] for item in items}
    assert "涿鹿县(县级)：2021年9月底前" in by_province["河北省"] and "河北省(省级)：未收集" in by_province["河北省"]
    assert "陕西省乡镇(街道)社会工作站建设实施方案(试行)" in by_province["陕西省"]
    assert "河南省(省级)：2023年" in by_province["河南省"]
    page.close()
