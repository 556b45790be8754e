"""Hostile content in any text field is shown as text: no script runs in any page, nothing
becomes a link, Jinja or Markdown, and no spreadsheet cell becomes a formula."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from .conftest import MINI, StaticServer, project_without_guides, run_mkdocs_build

SCRIPT = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><svg onload="window.__pwned=3">'
LINK = '[点我](javascript:window.__pwned=4) <a href="javascript:window.__pwned=5">x</a>'
TEMPLATE = "{{ 7*7 }} {% raw %}x{% endraw %} **粗** `码` # 题 | 竖"
MERMAID = "graph TD; A-->B; click A call alert(1)"
FORMULA = '=HYPERLINK("http://evil.example","x")'
TEXT_KEYS = {"name", "title", "summary", "text", "note", "label", "event", "definition", "issuer", "number", "clause", "term"}
LIST_KEYS = {"recipients", "activities", "aliases", "abbreviations", "synonyms"}


def poison(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) if not isinstance(v, str) or key in LIST_KEYS else v for v in value]
    if isinstance(value, str) and (key in TEXT_KEYS or key in LIST_KEYS):
        if key == "label" or key == "text":
            return f"{FORMULA}{value}{SCRIPT}"
        return f"{value}{SCRIPT}{LINK}{TEMPLATE}{MERMAID}"
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    catalog = base / "catalog"
    shutil.copytree(MINI, catalog)
    for path in catalog.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs_build(base / "site", catalog, project=project_without_guides(base))
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_no_script_runs_on_any_page(hostile_site: Path, browser) -> None:
    pages = sorted(
        p.relative_to(hostile_site).as_posix()
        for p in hostile_site.rglob("index.html")
        if not p.relative_to(hostile_site).as_posix().startswith("developer/")
    )
    assert len(pages) >= 15
    with StaticServer(hostile_site) as server:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
            injected = page.evaluate("""() => document.querySelectorAll(
                'article script, article img[src="x"], article svg[onload], article a[href^="javascript:"]').length""")
            assert injected == 0, path
        page.close()
    assert dialogs == []


def test_hostile_text_is_visible_as_text(hostile_site: Path, browser) -> None:
    with StaticServer(hostile_site) as server:
        page = browser.new_page()
        page.goto(server.url + "regions/county/")
        text = page.locator("article").inner_text()
        assert "<script>window.__pwned=1</script>" in text
        assert "{{ 7*7 }}" in text and "49" not in text.split("{{ 7*7 }}")[0][-5:]
        assert "[点我](javascript:window.__pwned=4)" in text
        assert "graph TD; A-->B" in text
        assert "**粗**" in text  # Markdown syntax shown, not applied
        page.goto(server.url + "compare/timelines/")
        assert page.locator("svg").count() > 0
        assert "<script>" in page.locator(".swkb-timeline svg").last.text_content()
        assert page.evaluate("window.__pwned") is None
        page.close()


def test_downloads_do_not_turn_text_into_formulas(hostile_site: Path) -> None:
    rows = list(csv.reader(io.StringIO((hostile_site / "downloads/funding.csv").read_text(encoding="utf-8-sig"))))
    cells = [c for row in rows for c in row]
    assert any("HYPERLINK" in c for c in cells)
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    book = openpyxl.load_workbook(hostile_site / "downloads/funding.xlsx")
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value


def test_side_by_side_page_keeps_catalog_text_as_text(hostile_site: Path, browser) -> None:
    """compare/regions/ builds its table in the browser from data files: every hostile text
    arrives there as text (textContent), in cells, headers, citations and 复制引用 quotes."""
    ids = ",".join(sorted(p.stem for p in (hostile_site.parent / "catalog" / "regions").glob("*.yml")))
    with StaticServer(hostile_site) as server:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(server.url + f"compare/regions/?ids={ids}")
        page.wait_for_selector("table.swkb-side-table")
        page.get_by_label("按名称或拼音查找").fill("测试")  # the picker's results show region names too
        assert page.evaluate("window.__pwned") is None
        injected = page.evaluate("""() => document.querySelectorAll(
            'article script, article img[src="x"], article svg[onload], article a[href^="javascript:"]').length""")
        assert injected == 0
        # Markdown and markup in catalog text are not applied either (**粗** stays asterisks).
        assert page.locator("#swkb-side strong, #swkb-side code, #swkb-pick-results strong").count() == 0
        table = page.locator("table.swkb-side-table").inner_text()
        assert "<script>window.__pwned=1</script>" in table and "{{ 7*7 }}" in table and "**粗**" in table
        assert '=HYPERLINK("http://evil.example","x")' in table
        quotes = page.locator("table.swkb-side-table .swkb-copy").evaluate_all("bs => bs.map(b => b.dataset.quote)")
        assert any("<script>" in q for q in quotes)
        assert "<script>" in page.locator("#swkb-pick-results").inner_text()
        assert page.evaluate("window.__pwned") is None and dialogs == []
        page.close()
