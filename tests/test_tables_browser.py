"""Every table on every kind of page, in headless Chromium at 390 px and 1280 px: it fits its box,
or its box scrolls sideways while the table's first column stays in view (sticky) and takes no
more than 45 % of the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import StaticServer

# A sample of each kind of page, with the widest tables of the real catalog (regions/changshu/,
# zhuolu/ and henan/ have nine-column staffing tables).
PAGES = [
    "",
    "regions/",
    "regions/henan/",
    "regions/suzhou/",
    "regions/changshu/",
    "regions/zhuolu/",
    "regions/shaanxi-county/",
    "documents/",
    "documents/changshu-2021-101/",
    "documents/zhuolu-sgz-plan/",
    "roles/",
    "roles/zhuzhan-shegong/",
    "roles/zhanzhang/",
    "services/",
    "services/ertong-guanai/",
    "services/shehui-jiuzhu/",
    "cards/",
    "cards/zhuolu/zhuzhan-shegong/",
    "cards/changshu/zhuzhan-shegong/",
    "glossary/",
    "build-info/",
    "changes/",
    "compare/",
    "compare/overview/",
    "compare/stations/",
    "compare/staffing/",
    "compare/funding/",
    "compare/governance/",
    "compare/services/",
    "compare/timelines/",
    "compare/regions/?ids=changshu,zhuolu,yuanzhou",
]

MEASURE = """() => {
  const width = window.innerWidth, out = [];
  const tables = [...document.querySelectorAll('article table')].filter(t => t.getClientRects().length);
  for (const table of tables) {
    const name = (table.querySelector('th, td') || {}).textContent || '';
    let box = table.parentElement;
    while (box && box.tagName !== 'ARTICLE' && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const rect = table.getBoundingClientRect();
    if (!box || box.tagName === 'ARTICLE') {
      if (rect.right > width + 1) out.push(name + ': wider than the screen, in no scroll box');
      continue;
    }
    if (table.scrollWidth <= box.clientWidth + 1) continue;  // fits its box
    const firsts = [...table.rows].map(r => r.cells[0]).filter(c => c && c.colSpan === 1);
    const loose = firsts.filter(c => getComputedStyle(c).position !== 'sticky');
    if (loose.length) { out.push(name + ': first column not sticky (' + loose[0].textContent.slice(0, 20) + ')'); continue; }
    const widest = Math.max(...firsts.map(c => c.getBoundingClientRect().width));
    if (widest > 0.45 * width) out.push(name + ': first column ' + Math.round(widest) + ' px of ' + width);
    // Scrolled to its right end, the first column is still whole inside the box (a sticky cell
    // may move by the box's padding before it sticks, never out of view).
    const probe = firsts[firsts.length - 1], left = box.getBoundingClientRect().left;
    box.scrollLeft = box.scrollWidth;
    const after = probe.getBoundingClientRect();
    if (box.scrollLeft < table.scrollWidth - box.clientWidth - 2) out.push(name + ': box does not scroll');
    if (after.left < left - 1 || after.left > left + 20) out.push(name + ': first column left the box (' + Math.round(after.left - left) + ' px)');
    box.scrollLeft = 0;
  }
  return {tables: tables.length, problems: out};
}"""


@pytest.fixture(scope="module")
def server(real_site: Path):
    with StaticServer(real_site) as running:
        yield running


@pytest.mark.parametrize("width", [390, 1280])
def test_every_table_fits_or_keeps_its_first_column(server, browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems, measured = {}, 0
    for path in PAGES:
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        if "ids=" in path:
            page.wait_for_selector("table.swkb-side-table")
        report = page.evaluate(MEASURE)
        measured += report["tables"]
        if report["problems"]:
            problems[path] = report["problems"]
    context.close()
    assert measured > 60  # the pages do have tables, and they were measured
    assert problems == {}, problems
