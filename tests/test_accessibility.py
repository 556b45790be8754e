"""Accessibility of the built real site: WCAG 2.1 A/AA (GB/T 37668-2019).

- axe-core (tests/axe.py) over every kind of page at 1280 px and 390 px, after the page's own
  scripts have run and, where a page has a browser-side view, after a reader used it; any
  serious or critical violation fails.
- Keyboard only: the comparison sort headers, filters and glossary tooltips are reached with Tab
  and operated with Enter, Space and the arrow keys, with a visible focus.
- Zoom and large text: no page scrolls sideways at 200 % zoom or with the browser's default
  font size doubled; the SVG timelines have a name and point to their table.

Run one kind: `.venv/bin/python -m pytest tests/test_accessibility.py -k region`; one URL of a
built site: `.venv/bin/python scripts/a11y.py URL`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from swkb.catalog.labels import PHASE_ZH

from .axe import axe_violations, describe
from .conftest import StaticServer

WIDTHS = (1280, 390)


# --------------------------------------------------------------------------------------------
# What a reader does on a page before it is checked
# --------------------------------------------------------------------------------------------

# A sort control of a comparison table: the header cell itself (tabindex) or a button inside it.
SORT_CONTROL = "table th.swkb-sortable, table th .swkb-sort-button"
SORT_STATE = "(e) => e.closest('th').getAttribute('aria-sort')"
VISIBLE_ROWS = """() => [...document.querySelectorAll('table tbody tr')]
  .filter(r => r.closest('table').querySelector('th.swkb-sortable, th .swkb-sort-button') && r.offsetParent !== null).length"""


def sort_and_filter(page: Any) -> None:
    """Sort the first comparison table by its second column, then pick the first province."""
    control = page.locator(SORT_CONTROL).nth(1)
    control.click()
    assert control.evaluate(SORT_STATE) == "ascending"
    province = page.locator('.swkb-filter [data-filter="province"]')
    if province.count():
        before = page.evaluate(VISIBLE_ROWS)
        province.select_option(index=1)
        assert 0 < page.evaluate(VISIBLE_ROWS) <= before


def sort_first_table(page: Any) -> None:
    control = page.locator(SORT_CONTROL).first
    control.click()
    assert control.evaluate(SORT_STATE) == "ascending"


def use_overview(page: Any) -> None:
    """全国概览 with its tiles switched to documents and its table sorted."""
    page.locator('input[name="swkb-ov-show"][value="documents"]').check()
    sort_first_table(page)


def open_search(page: Any, query: str = "低保") -> None:
    """Material's search box open with results listed."""
    page.keyboard.press("s")
    page.locator("input.md-search__input").fill(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=30000)


def show_tooltip(page: Any) -> None:
    """A glossary tooltip shown (the keyboard test below opens one with Tab)."""
    page.locator(".md-content abbr").first.hover()
    page.wait_for_selector(".md-tooltip2--active", timeout=5000)


def open_details(page: Any) -> None:
    for summary in page.locator(".md-content details:not([open]) > summary").all():
        summary.click()


@dataclass(frozen=True)
class PageKind:
    """One kind of page: where a sample of it is, and what to do there before checking."""

    name: str
    url: str
    action: Callable[[Any], None] | None = None


PAGE_KINDS = [
    PageKind("home", ""),
    PageKind("search-results", "", open_search),
    PageKind("region-index", "regions/"),
    PageKind("region-province", "regions/guangdong/"),
    PageKind("region-city", "regions/shenzhen/"),
    PageKind("region-county", "regions/zhuolu/"),
    PageKind("service-index", "services/"),
    PageKind("service", "services/ziyuan-lianjie/"),
    PageKind("role-index", "roles/"),
    PageKind("role", "roles/zhanzhang/"),
    PageKind("document-index", "documents/"),
    PageKind("document", "documents/changshu-2021-101/"),
    PageKind("glossary", "glossary/", show_tooltip),
    PageKind("compare-index", "compare/"),
    PageKind("compare-overview", "compare/overview/", use_overview),
    PageKind("compare-stations", "compare/stations/", sort_and_filter),
    PageKind("compare-staffing", "compare/staffing/", sort_and_filter),
    PageKind("compare-funding", "compare/funding/", sort_and_filter),
    PageKind("compare-governance", "compare/governance/", sort_and_filter),
    PageKind("compare-services", "compare/services/", sort_first_table),
    PageKind("compare-timelines", "compare/timelines/", sort_first_table),
    PageKind("compare-regions", "compare/regions/?ids=changshu,zhuolu,yuanzhou"),
    PageKind("cards-index", "cards/"),
    PageKind("card", "cards/zhuolu/zhuzhan-shegong/"),
    PageKind("changes", "changes/"),
    PageKind("changes-history", "changes/history/"),
    PageKind("guides-index", "guides/"),
    PageKind("guide-what-is-a-station", "guides/what-is-a-station/"),
    PageKind("guide-my-role", "guides/my-role/"),
    PageKind("guide-first-month", "guides/first-month/"),
    PageKind("guide-annual-cycle", "guides/annual-cycle/"),
    PageKind("guide-services-howto", "guides/services-howto/", open_details),
    PageKind("guide-not-our-work", "guides/not-our-work/"),
    PageKind("guide-project-plan", "guides/project-plan-example/"),
    PageKind("faq", "faq/", open_details),
    PageKind("developer-index", "developer/"),
    PageKind("developer-api", "developer/api/"),
    PageKind("developer-fields", "developer/fields/"),
    PageKind("developer-accessibility", "developer/accessibility/"),
    PageKind("developer-coverage", "developer/coverage/"),
    PageKind("build-info", "build-info/"),
    PageKind("not-found", "404.html"),
]


# --------------------------------------------------------------------------------------------
# Fixtures: one server over the real site, one browser context per width
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    with StaticServer(real_site) as server:
        yield server.url


@pytest.fixture(scope="module")
def pages_by_width(browser: Any) -> Iterator[dict[int, Any]]:
    contexts = {width: browser.new_context(viewport={"width": width, "height": 900}) for width in WIDTHS}
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()


def open_page(page: Any, site_url: str, url: str) -> None:
    page.goto(site_url + url)
    page.wait_for_load_state("load")


# --------------------------------------------------------------------------------------------
# axe-core over every kind of page
# --------------------------------------------------------------------------------------------


def test_every_page_kind_is_listed(real_site: Path) -> None:
    """Each top-level section and each comparison page of the built site has a sample above."""
    urls = {kind.url for kind in PAGE_KINDS}
    sections = {p.name for p in real_site.iterdir() if p.is_dir() and (p / "index.html").exists()}
    for section in sections:
        assert any(url.startswith(section + "/") for url in urls), f"no page of {section}/ is checked"
    for compare in (real_site / "compare").iterdir():
        if (compare / "index.html").exists():
            assert any(url.startswith(f"compare/{compare.name}/") for url in urls), f"compare/{compare.name}/ is not checked"
    for guide in (real_site / "guides").iterdir():
        if (guide / "index.html").exists():
            assert any(url.startswith(f"guides/{guide.name}") for url in urls), f"guides/{guide.name}/ is not checked"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS, ids=[k.name for k in PAGE_KINDS])
def test_no_serious_or_critical_violations(kind: PageKind, width: int, site_url: str, pages_by_width: dict[int, Any]) -> None:
    page = pages_by_width[width]
    open_page(page, site_url, kind.url)
    if kind.action is not None:
        kind.action(page)
    violations = axe_violations(page)
    assert not violations, f"{kind.url or '/'} 在 {width}px:\n{describe(violations)}"


def test_axe_finds_what_it_should(site_url: str, pages_by_width: dict[int, Any]) -> None:
    """The check is live: a grey-on-grey line, an unlabelled box and a bare link in text are caught."""
    page = pages_by_width[1280]
    open_page(page, site_url, "")
    page.evaluate("""() => {
      const p = document.createElement("p");
      p.innerHTML = '<span style="color:#ccc">浅灰文字</span> 正文里 <a href="#x" style="text-decoration:none;color:#333">一个链接</a> 正文';
      const box = document.createElement("input");
      box.type = "checkbox";
      document.querySelector(".md-content article").append(p, box);
    }""")
    rules = {v.rule for v in axe_violations(page)}
    assert {"color-contrast", "label", "link-in-text-block"} <= rules


# --------------------------------------------------------------------------------------------
# Keyboard only
# --------------------------------------------------------------------------------------------

FOCUSED = "() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 120) : ''; }"


def tab_to(page: Any, selector: str, limit: int = 400) -> int:
    """Press Tab until the focused element matches `selector`; return how many presses it took.
    Fails if it is never reached: the control cannot be reached from the keyboard."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} 按 {limit} 次 Tab 仍未获得焦点(最后在 {page.evaluate(FOCUSED)})")


FOCUS_PROBLEM = """() => {
  const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return 'no ring: ' + s.outline;
  const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
  if (!hit || !(e === hit || e.contains(hit))) return 'covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
  return null;
}"""


def focus_problem(page: Any) -> str | None:
    """What is wrong with how the focused element shows, or None."""
    problem: str | None = page.evaluate(FOCUS_PROBLEM)
    if problem is not None:
        # Material's search overlay stays full-screen for its 250 ms fade after the search field
        # loses focus; what is still covered once that fade is over is a real problem.
        page.wait_for_timeout(400)
        problem = page.evaluate(FOCUS_PROBLEM)
    return problem


def assert_focus_visible(page: Any) -> None:
    """The focused element draws a ring of 2 px or more and is not hidden under another element
    (Material's fixed header)."""
    problem = focus_problem(page)
    assert problem is None, f"{page.evaluate(FOCUSED)}: {problem}"


COLUMN = """([control, column]) => [...document.querySelector(control).closest('table').tBodies[0].rows]
  .filter(r => r.offsetParent !== null).map(r => r.cells[column].textContent.trim())"""
SORTED = "(names) => names.slice().sort((a, b) => a.localeCompare(b, 'zh-CN'))"


@pytest.fixture
def keyboard_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_keyboard_sorts_and_filters_a_comparison(site_url: str, keyboard_page: Any) -> None:
    page = keyboard_page
    open_page(page, site_url, "compare/staffing/")
    tab_to(page, ".swkb-filter select[data-filter=province]")
    assert_focus_visible(page)
    before = page.evaluate(VISIBLE_ROWS)
    page.keyboard.press("ArrowDown")  # the first province
    assert 0 < page.evaluate(VISIBLE_ROWS) < before
    assert "显示" in page.locator(".swkb-filter-count").text_content()
    page.keyboard.press("ArrowUp")  # 全部 again
    assert page.evaluate(VISIBLE_ROWS) == before

    # The second column (the first holds one region per table on some pages): Tab to the first
    # sort control, one more Tab to the next, Enter sorts up, Space sorts down.
    second = page.locator(SORT_CONTROL).nth(1)
    tab_to(page, SORT_CONTROL)
    page.keyboard.press("Tab")
    assert page.evaluate("(s) => document.activeElement.matches(s)", SORT_CONTROL)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert second.evaluate(SORT_STATE) == "ascending"
    texts = page.evaluate(COLUMN, [SORT_CONTROL, 1])
    assert len(set(texts)) > 1 and texts == page.evaluate(SORTED, texts)
    page.keyboard.press(" ")
    assert second.evaluate(SORT_STATE) == "descending"
    assert page.evaluate(COLUMN, [SORT_CONTROL, 1]) == list(reversed(texts))


def test_keyboard_sorts_numbers_by_value(site_url: str, keyboard_page: Any) -> None:
    """The stations table's floor-area column sorts by its lower bound, reached and pressed from the keyboard."""
    page = keyboard_page
    open_page(page, site_url, "compare/stations/")
    tab_to(page, "button.swkb-sort-button[data-mode='lo']")
    assert_focus_visible(page)
    column = page.evaluate(
        "() => [...document.activeElement.closest('tr').children].indexOf(document.activeElement.closest('th'))"
    )
    read = """(i) => [...document.querySelector('button.swkb-sort-button').closest('table').tBodies[0].rows]
      .filter(r => !r.hidden).map(r => r.children[i] && r.children[i].dataset.lo).filter(v => v !== undefined).map(Number)"""
    page.keyboard.press("Enter")
    keys = page.evaluate(read, column)
    assert len(keys) >= 3 and keys == sorted(keys)
    page.keyboard.press("Enter")
    keys = page.evaluate(read, column)
    assert keys == sorted(keys, reverse=True)


def test_keyboard_switches_and_opens_an_overview_tile(site_url: str, keyboard_page: Any) -> None:
    """全国概览: the 各格显示 switch is radio buttons (arrow keys), each collected province's tile
    is a Tab stop with a visible ring and a name that says its figures, Enter opens its regions."""
    page = keyboard_page
    open_page(page, site_url, "compare/overview/")
    tab_to(page, 'input[name="swkb-ov-show"]')
    assert_focus_visible(page)
    page.keyboard.press("ArrowRight")
    assert page.locator('input[name="swkb-ov-show"][value="documents"]').is_checked()
    shown = "() => getComputedStyle(document.querySelector('a.swkb-tile.v-documents')).display"
    assert page.evaluate(shown) != "none"
    tab_to(page, "a.swkb-tile")
    assert_focus_visible(page)
    assert page.evaluate("document.activeElement.matches('.v-documents')")  # the hidden modes are no Tab stops
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert re.search(r"收集 \d+ 个地区，\d+ 份政策文件", name), name
    # An SVG link's href is an SVGAnimatedString: read the attribute, resolved against the page.
    target = page.evaluate("new URL(document.activeElement.getAttribute('href'), location.href).href")
    assert "compare/regions/?ids=" in target
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.wait_for_selector("table.swkb-side-table")


def test_glossary_tooltip_opens_from_the_keyboard(site_url: str, keyboard_page: Any) -> None:
    page = keyboard_page
    open_page(page, site_url, "guides/first-month/")
    definition = page.evaluate("document.querySelector('.md-content abbr').title")
    assert "：" in definition
    tab_to(page, ".md-content abbr")
    assert_focus_visible(page)
    page.locator(".md-tooltip2--active").wait_for(timeout=5000)
    described = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    assert described.strip() == definition
    page.keyboard.press("Escape")
    assert page.locator(".md-tooltip2--active").count() == 0


def test_glossary_tooltip_opens_with_a_tap(site_url: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        open_page(page, site_url, "guides/first-month/")
        page.locator(".md-content abbr").first.tap()
        page.locator(".md-tooltip2--active").wait_for(timeout=5000)
        assert "：" in page.locator(".md-tooltip2--active").text_content()
    finally:
        context.close()


def test_keyboard_searches_and_opens_a_result(site_url: str, keyboard_page: Any) -> None:
    page = keyboard_page
    open_page(page, site_url, "compare/")
    tab_to(page, "input.md-search__input")
    assert_focus_visible(page)
    page.keyboard.type("涿鹿")
    # An input method commits Chinese text with a key release, which Material reads the query on;
    # Playwright's type() inserts the text without one (see tests/test_publish.py search()).
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('a.md-search-result__link')")
    assert_focus_visible(page)
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "zhuolu" in page.url


def test_every_link_and_control_shows_focus(site_url: str, keyboard_page: Any) -> None:
    """Tab through the first 80 stops of a region page (header, nav, content): each focused
    element draws a ring and is not under the fixed header."""
    page = keyboard_page
    open_page(page, site_url, "regions/zhuolu/")
    problems = []
    for _ in range(80):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.checkVisibility()"):
            continue  # Material's skip link and hidden drawer toggles
        problem = focus_problem(page)
        if problem:
            problems.append((page.evaluate(FOCUSED), problem))
    assert not problems, problems


# --------------------------------------------------------------------------------------------
# Zoom, large text, charts and tables
# --------------------------------------------------------------------------------------------

ZOOM_PAGES = [
    "",
    "regions/zhuolu/",
    "compare/staffing/",
    "compare/timelines/",
    "compare/overview/",
    "glossary/",
    "guides/first-month/",
    "faq/",
]

OVERFLOW = """() => {
  const doc = document.documentElement;
  const clipped = [...document.querySelectorAll('.md-content *')].filter(e => {
    const s = getComputedStyle(e);
    return (s.overflowX === 'hidden' || s.overflowX === 'clip') && e.scrollWidth > e.clientWidth + 1
      && e.textContent.trim() !== '';
  }).map(e => e.outerHTML.slice(0, 100));
  return { page: doc.scrollWidth - doc.clientWidth, clipped };
}"""


@pytest.mark.parametrize("url", ZOOM_PAGES)
def test_usable_at_200_percent_zoom(url: str, site_url: str, browser: Any) -> None:
    """1280 px at 200 % zoom is a 640 px layout drawn at twice the density."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    try:
        page = context.new_page()
        open_page(page, site_url, url)
        found = page.evaluate(OVERFLOW)
        assert found["page"] <= 0 and not found["clipped"], found
    finally:
        context.close()


@pytest.mark.parametrize("url", ZOOM_PAGES)
def test_usable_with_large_text(url: str, site_url: str, browser: Any) -> None:
    """The browser's default font size set to 32 px (the reader's large-text setting)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Page.enable")
        session.send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
        open_page(page, site_url, url)
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)")
        assert size >= 25, size  # the setting took effect (Material's body text is .8rem at 125 %)
        found = page.evaluate(OVERFLOW)
        assert found["page"] <= 0 and not found["clipped"], found
    finally:
        context.close()


def test_overflow_check_sees_what_it_should(site_url: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 640, "height": 450})
    try:
        page = context.new_page()
        open_page(page, site_url, "")
        page.evaluate("""() => {
          const article = document.querySelector('.md-content article');
          const wide = document.createElement('div');
          wide.style.width = '1500px';
          wide.textContent = '很宽';
          const cut = document.createElement('p');
          cut.style.cssText = 'width: 40px; overflow: hidden; white-space: nowrap';
          cut.textContent = '一行被截断的长文字';
          article.append(wide, cut);
        }""")
        found = page.evaluate(OVERFLOW)
        assert found["page"] > 0 and len(found["clipped"]) == 1, found
    finally:
        context.close()


CHARTS = """() => [...document.querySelectorAll('.swkb-timeline')].map(chart => {
  const text = (id) => (document.getElementById(id) || {}).textContent || '';
  const name = (e) => (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '')
    .split(' ').map(text).join(' ')).trim();
  const named = [chart, ...chart.querySelectorAll('*')]
    .filter(e => ['img', 'group', 'region', 'figure'].includes(e.getAttribute('role')) && name(e));
  return {
    name: named.length ? name(named[0]) : '',
    marks: [...chart.querySelectorAll('.mark > title')].map(t => t.textContent.trim()),
    legend: [...document.querySelectorAll('.swkb-legend span')].map(s => s.textContent.trim()),
  };
})"""
TABLE_ROWS = "() => [...document.querySelectorAll('table tbody tr')].map(r => r.textContent)"


@pytest.mark.parametrize("url", ["compare/timelines/", "regions/zhuolu/"])
def test_timelines_have_a_name_and_a_table(url: str, site_url: str, pages_by_width: dict[int, Any]) -> None:
    """Each SVG timeline has an accessible name, and every mark on it (its date, phase and event,
    shown by colour and position) is also a row of a table on the same page."""
    page = pages_by_width[1280]
    open_page(page, site_url, url)
    charts = page.evaluate(CHARTS)
    rows = page.evaluate(TABLE_ROWS)
    assert charts and rows
    phases = sorted(PHASE_ZH.values(), key=len, reverse=True)
    for chart in charts:
        assert chart["name"], chart
        assert chart["marks"], chart
        for mark in chart["marks"]:
            when, _, rest = mark.partition(" ")
            event = next((rest[len(p) + 1 :] for p in phases if rest.startswith(p + " ")), rest)
            assert any(when in row and event in row for row in rows), (chart["name"], mark)
    if url.startswith("compare/"):
        legend = charts[0]["legend"]
        assert set(legend) >= set(PHASE_ZH.values()), legend  # each colour is named in words


def test_table_headers_have_scope(real_site: Path) -> None:
    for url in (
        "compare/staffing/",
        "regions/zhuolu/",
        "compare/timelines/",
        "guides/my-role/",
        "compare/services/",
        "developer/scale/",
        "guides/project-plan-example/",
    ):
        page_html = (real_site / url / "index.html").read_text(encoding="utf-8")
        headers = re.findall(r"<th(?=[\s>])[^>]*>", page_html)
        assert headers, url
        assert all("scope=" in h for h in headers), (url, [h for h in headers if "scope=" not in h][:3])


def test_checklist_boxes_are_named_by_their_text(site_url: str, pages_by_width: dict[int, Any]) -> None:
    """Each box of the first-month checklist (the guide and every card print it) is named by the
    words of its item: a <label for> or aria-labelledby, as a screen reader computes it."""
    page = pages_by_width[1280]
    for url in ("guides/first-month/", "cards/zhuolu/zhuzhan-shegong/"):
        open_page(page, site_url, url)
        boxes = page.evaluate("""() => [...document.querySelectorAll('.md-content input[type=checkbox]')].map(box => {
          const ids = (box.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
          const named = ids.map(id => document.getElementById(id)?.textContent || '').join(' ').trim();
          const label = box.labels && box.labels.length ? box.labels[0].textContent.trim() : '';
          return { name: named || label, item: box.closest('li').textContent.trim() };
        })""")
        assert len(boxes) >= 20, url
        for box in boxes:
            assert box["name"] and box["item"].startswith(box["name"][:20]), (url, box)
