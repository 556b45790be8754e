"""Page titles from the catalog are text everywhere a page prints them: the <title> element, the
header, the breadcrumbs, the nav, the previous/next links and the search results. A region name
or document title that closes <title> and opens a script runs nothing and reads as written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import MINI, StaticServer, project_without_guides, run_mkdocs_build
from .test_publish import search

CLOSE = "</title><script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=2">'
REGION = "测试县" + CLOSE + IMAGE
PROVINCE = "测试省" + CLOSE + IMAGE
DOCUMENT = "测试县社工站建设实施方案" + CLOSE + IMAGE


def _rewrite(path: Path, key: str, value: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def title_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("titles")
    catalog = base / "catalog"
    shutil.copytree(MINI, catalog)
    _rewrite(catalog / "regions/county.yml", "name", REGION)
    _rewrite(catalog / "regions/prov.yml", "name", PROVINCE)  # a nav section: in the breadcrumbs
    _rewrite(catalog / "documents/doc-one.yml", "title", DOCUMENT)
    result = run_mkdocs_build(base / "site", catalog, project=project_without_guides(base))
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_hostile_titles_run_nothing_on_any_page_and_read_as_written(title_site: Path, browser) -> None:
    pages = sorted(p.relative_to(title_site).as_posix().removesuffix("index.html") for p in title_site.rglob("index.html"))
    assert "regions/county/" in pages and any(p.startswith("cards/county/") for p in pages)
    with StaticServer(title_site) as server:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        titled = 0
        for path in pages:
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
            # Nothing of the title became an element anywhere, head or body.
            assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0, path
            if path in ("regions/county/", "regions/prov/", "documents/doc-one/") or path.startswith("cards/county/"):
                # The whole name is in the tab's title, as text: the <title> was not closed early.
                assert CLOSE + IMAGE in page.title(), (path, page.title())
                assert page.evaluate("document.head.querySelectorAll('title').length") == 1, path
                titled += 1
        assert titled >= 3

        page.goto(server.url + "regions/county/")
        assert "</title><script>" in page.locator(".md-header__topic").last.inner_text()
        assert "测试省</title><script>" in page.locator(".md-path").inner_text()  # breadcrumbs
        assert "测试县</title><script>" in page.locator(".md-sidebar--primary").inner_text()  # nav
        assert "测试县</title><script>" in page.locator("article h1").inner_text()

        # The search results show the names too (Material puts result titles in as markup).
        page.goto(server.url)
        assert search(page, "测试县") > 0
        results = page.locator(".md-search-result").inner_text()
        assert "</title><script>" in results
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        page.close()
    assert dialogs == []


def test_the_title_element_holds_the_name_escaped_once(title_site: Path) -> None:
    html = (title_site / "regions/county/index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<title>测试县&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in head
    assert "<script>window.__pwned" not in html
