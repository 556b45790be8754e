"""Rendered pages against golden files, and YAML text that must stay text."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

from swkb.catalog.load import load_catalog
from swkb.site.render import Renderer, md_text

from .conftest import MINI, edit

GOLDEN = Path(__file__).parent / "golden"
# Regenerate after an intended change: UPDATE_GOLDEN=1 pytest tests/test_render.py, then review the diff.
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SITE_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.escapeall"]


def golden_name(src_uri: str) -> str:
    return src_uri.removesuffix(".md").replace("/", "__") + ".html"


def rendered_pages() -> dict[str, str]:
    return {p.src_uri: p.content for p in Renderer(load_catalog(MINI)).pages()}


@pytest.mark.parametrize("src_uri", sorted(rendered_pages()))
def test_page_matches_golden(src_uri: str) -> None:
    content = rendered_pages()[src_uri]
    golden = GOLDEN / golden_name(src_uri)
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(content, encoding="utf-8")
    assert golden.exists(), f"no golden file for {src_uri}; run with UPDATE_GOLDEN=1"
    assert content == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_still_produced() -> None:
    produced = {golden_name(uri) for uri in rendered_pages()}
    assert {p.name for p in GOLDEN.glob("*")} == produced


def test_page_set_and_relative_links() -> None:
    pages = rendered_pages()
    assert set(pages) == {
        "services/policy-talk.md",
        "services/needs.md",
        "services/index.md",
        "roles/worker.md",
        "roles/index.md",
        "regions/prov/index.md",
        "regions/county/index.md",
        "regions/index.md",
        "documents/doc-one.md",
        "documents/index.md",
        "glossary.md",
        "compare/index.md",
        "compare/overview.md",
        "compare/regions.md",
        "compare/stations.md",
        "compare/staffing.md",
        "compare/funding.md",
        "compare/governance.md",
        "compare/services.md",
        "compare/timelines.md",
        "changes/index.md",
        "changes/history.md",
        "cards/index.md",
        "cards/county/worker.md",
        "developer/coverage.md",
    }
    # Links are final URLs relative to the page, as MkDocs writes them (directory URLs here).
    assert 'href="../../roles/worker/"' in pages["services/policy-talk.md"]
    assert 'href="../../regions/county/"' in pages["services/policy-talk.md"]
    assert 'href="../../services/policy-talk/"' in pages["regions/county/index.md"]
    assert 'href="../../documents/doc-one/"' in pages["regions/county/index.md"]
    assert 'href="policy-talk/"' in pages["services/index.md"]


def test_links_follow_the_url_scheme() -> None:
    """The file:// bundle uses .html URLs; every generated link must follow."""
    pages = {p.src_uri: p.content for p in Renderer(load_catalog(MINI), directory_urls=False).pages()}
    assert 'href="../roles/worker.html"' in pages["services/policy-talk.md"]
    assert 'href="../../services/policy-talk.html"' in pages["regions/county/index.md"]
    assert 'href="../prov/index.html"' in pages["regions/county/index.md"]
    assert 'href="policy-talk.html"' in pages["services/index.md"]


@pytest.mark.parametrize(
    "uri",
    ["index.md", "glossary.md", "regions/x/index.md", "regions/index.md", "compare/staffing/zj.md", "downloads/stations.csv"],
)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_url_is_mkdocs_url(uri: str, directory_urls: bool) -> None:
    from mkdocs.structure.files import File

    from swkb.views.urls import page_url

    assert page_url(uri, directory_urls) == File(uri, "/docs", "/site", directory_urls).url


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("regions/x/", "regions/y/"),
        ("index.html", "compare/a.html"),
        ("./", "a/b/"),
        ("compare/x/", "compare/x/"),
        ("a/b/c.csv", "a/index.html"),
        ("x/", "./"),
    ],
)
def test_relative_url_is_mkdocs_relative_url(url: str, other: str) -> None:
    from mkdocs.utils import get_relative_url

    from swkb.views.urls import relative_url

    assert relative_url(url, other) == get_relative_url(url, other)


def test_three_states_render_differently() -> None:
    page = rendered_pages()["regions/county/index.md"]
    assert "不少于 80㎡" in page
    assert 'class="swkb-not-stated"' in page  # room floor area: not stated in the source
    assert 'class="swkb-not-collected"' in page  # room head count: not collected


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[点我](javascript:alert(3))",
    "{{ 7*7 }} {% if true %}x{% endif %}",
    "**粗体** _斜体_ `代码` # 标题 | 竖线 |",
    "graph TD; A-->B",
    '--8<-- "/etc/passwd"',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_renders_as_literal_text(text: str) -> None:
    html = markdown.markdown(
        md_text(text), extensions=SITE_EXTENSIONS, extension_configs={"pymdownx.escapeall": {"hardbreak": False, "nbsp": False}}
    )
    visible = re.sub(r"^<p>|</p>$", "", html)
    assert "<script" not in visible and "<img" not in visible and "<a " not in visible
    assert "<strong>" not in visible and "<code>" not in visible
    import html as html_lib

    assert html_lib.unescape(visible) == " ".join(text.split())


def test_hostile_yaml_text_in_every_kind_of_page(mini: Path) -> None:
    payload = "<script>alert(1)</script>{{ 7*7 }}"
    edit(mini / "regions/county.yml", "summary: 测试用的县。", f"summary: '{payload}'")
    edit(mini / "services/needs.yml", "name: 需求评估", f"name: '{payload}'")
    edit(mini / "documents/doc-one.yml", "title: 测试县社工站建设实施方案", f"title: '{payload}'")
    pages = Renderer(load_catalog(mini)).pages()
    seen = 0
    for page in pages:
        assert "<script" not in page.content, page.src_uri
        # Jinja syntax was not evaluated (the completeness page is all counts, 49 among them)
        assert "49" not in page.content or "{{" in page.content or page.src_uri == "developer/coverage.md", page.src_uri
        seen += "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in page.content
    assert seen >= 3  # the payload is shown, as text, on the pages of all three entries


def test_large_catalog_pages_stay_small_and_every_region_row_is_linked(large_catalog: Path) -> None:
    """Above LARGE_CATALOG regions each comparison is still one page over all regions, holding
    its first STATIC_ROWS rows; the browser loads the rest from the table's data file. Region
    pages link to their rows as the table filtered to them (`?region=`)."""
    from swkb.publish.browserdata import browser_data
    from swkb.views.compare import COMPARISONS, build_table
    from swkb.views.pagination import STATIC_ROWS

    catalog_dir = large_catalog  # 150 regions (conftest.py)
    renderer = Renderer(load_catalog(catalog_dir))
    assert renderer.large
    pages = {p.src_uri: p.content for p in renderer.pages()}
    assert not [uri for uri in pages if re.fullmatch(r"compare/[^/]+/[^/]+\.md", uri)]  # no per-province parts
    tables = {c.id: build_table(c, renderer.catalog) for c in COMPARISONS}
    data = browser_data(renderer.catalog, tables)
    for c in COMPARISONS:
        page = pages[f"compare/{c.id}.md"]
        assert page.count('class="swkb-row"') == min(STATIC_ROWS, len(tables[c.id].rows)), c.id
        assert f'data-src="../../data/compare/{c.id}.js"' in page and f'data-total="{len(tables[c.id].rows)}"' in page
        assert f"data/compare/{c.id}.js" in data  # every row, for the browser
    for rid in renderer.catalog.regions:
        for _, target in renderer.comparison_rows(rid):
            assert target.endswith(f".md?region={rid}") and target.removesuffix(f"?region={rid}") in pages, (rid, target)
        assert "compare/regions/?ids=" + rid in pages[f"regions/{rid}/index.md"]
    assert pages["roles/index.md"].count('href="../regions/') == 0


def test_aliases_show_on_the_glossary_and_the_service_page_as_text(mini: Path) -> None:
    edit(mini / "glossary.yml", "    abbreviations: [低保]", "    abbreviations: [低保]\n    aliases: [低保金, '<b>吃低保</b>']")
    edit(mini / "services/needs.yml", "summary: 了解居民需要什么。", "summary: 了解居民需要什么。\naliases: [入户摸底]")
    pages = {p.src_uri: p.content for p in Renderer(load_catalog(mini)).pages()}
    assert "<li>口头说法：低保金、&lt;b&gt;吃低保&lt;/b&gt;</li>" in pages["glossary.md"]
    assert "<p>口头说法：入户摸底(文件里不这么写，搜索这些说法也能找到本项)</p>" in pages["services/needs.md"]
    assert "口头说法" not in pages["services/policy-talk.md"]  # none written: no line
