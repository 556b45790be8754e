"""Build the real site with `mkdocs build --strict` and check generated pages and cross-links."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog

from .conftest import ROOT, copy_project, edit, run_mkdocs_build


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "catalog")


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(page_html: str, page_url: str | None = "") -> set[str]:
    """Every href on the page; relative ones resolved against `page_url` to site paths like `/roles/x/`."""
    out = set()
    for href in re.findall(r'href="([^"#]+)', page_html):
        if page_url is not None and not re.match(r"^[a-z]+:", href):
            base = "/" + page_url.strip("/") + "/" if page_url.strip("/") else "/"
            href = posixpath.normpath(posixpath.join(base, href)) + ("/" if href.endswith("/") else "")
        out.add(href)
    return out


def test_one_page_per_entry_and_an_index_per_kind(site: Path, catalog) -> None:
    for kind, folder in [("service", "services"), ("role", "roles"), ("region", "regions"), ("document", "documents")]:
        ids = catalog.ids(kind)
        assert ids, kind
        for entry_id in ids:
            assert (site / folder / entry_id / "index.html").exists(), f"{folder}/{entry_id}"
        assert (site / folder / "index.html").exists()
    assert len(catalog.ids("service")) == 15
    assert (site / "glossary" / "index.html").exists()


def test_service_links_both_ways(site: Path, catalog) -> None:
    service = links(html(site, "services/shehui-jiuzhu"), "services/shehui-jiuzhu")
    # service → roles that deliver it → back
    assert catalog.roles_delivering["shehui-jiuzhu"]
    for role_id in catalog.roles_delivering["shehui-jiuzhu"]:
        assert f"/roles/{role_id}/" in service
        assert "/services/shehui-jiuzhu/" in links(html(site, f"roles/{role_id}"), f"roles/{role_id}")
    # service → regions that adopt it → back
    adopting = {rid for rid, _ in catalog.domains_adopting["shehui-jiuzhu"]}
    assert {"changshu", "henan"} <= adopting
    for region_id in adopting:
        assert f"/regions/{region_id}/" in service
        assert "/services/shehui-jiuzhu/" in links(html(site, f"regions/{region_id}"), f"regions/{region_id}")
    # service → the document that defines it → back
    assert "/documents/changshu-2021-101/" in service
    assert "/services/shehui-jiuzhu/" in links(html(site, "documents/changshu-2021-101"), "documents/changshu-2021-101")


def test_region_page_cites_and_nests(site: Path) -> None:
    page = html(site, "regions/changshu")
    assert "不少于 80㎡" in page and "常政办发〔2021〕101号 四、(一)2" in page
    assert {"/regions/suzhou/", "/regions/jiangsu/", "/documents/changshu-2021-101/"} <= links(page, "regions/changshu")
    assert "/regions/changshu/" in links(html(site, "regions/suzhou"), "regions/suzhou")  # child listed on parent
    # Nested nav: province section contains the prefecture section contains the county.
    nav = html(site, "regions")
    assert nav.index(">江苏省<") < nav.index(">苏州市<") < nav.index(">常熟市<")


def test_no_edit_or_repository_link_without_a_repository(site: Path) -> None:
    # With SWKB_REPO_URL set they point at the YAML source: tests/test_readers.py.
    page = html(site, "regions/changshu")
    assert not [h for h in links(page, None) if h.endswith(".yml")]
    assert "md-content__button" not in page and "md-source" not in page


def test_yaml_text_shows_without_escape_backslashes(site: Path) -> None:
    page = html(site, "services/ertong-guanai")
    text = re.sub(r"<[^>]+>", "", page)
    assert "困境儿童" in text and "\\(" not in text and "\\-" not in text


def test_markers_expand_in_hand_written_pages(site: Path, catalog) -> None:
    home = html(site, "")  # docs/index.md embeds <!-- swkb:counts -->
    assert "swkb:counts" not in home
    assert f">{len(catalog.ids('region'))}<" in home


def test_generated_pages_never_land_in_docs() -> None:
    for folder in ("services", "roles", "regions", "documents"):
        assert not (ROOT / "docs" / folder).exists()
    assert not (ROOT / "docs" / "glossary.md").exists()


def test_developer_reference_is_built_from_docstrings(site: Path) -> None:
    fields = html(site, "developer/fields")
    assert "StaffingRule" in fields and "取证的期限" in fields or "取得证书的期限" in fields
    other = html(site, "developer/fields-other")
    assert "PartialDate" in other and "Quantity" in other and "PartialDate" not in fields
    api, build, mkdocs = html(site, "developer/api"), html(site, "developer/api-build"), html(site, "developer/api-preview")
    assert "load_catalog" in api and "compile_site" in build and "CatalogSite" in mkdocs and "SitePage" in mkdocs


# --------------------------------------------------------------------------------------------
# A bad catalog stops the build, lists every error, and writes nothing.
# --------------------------------------------------------------------------------------------


def test_broken_catalog_stops_build_with_every_error(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    (catalog / "services/broken.yml").write_text("id: broken\nname: [未闭合\n", encoding="utf-8")  # syntax error
    edit(catalog / "regions/changshu.yml", "floor_area: {min: 80,", 'floor_area: {min: "80",')  # wrong type
    edit(catalog / "roles/zhanzhang.yml", "delivers: []", "delivers: [zhengce-xuanchuann]")  # dangling reference
    shutil.copy(catalog / "roles/zhanzhang.yml", catalog / "roles/zhanzhang-copy.yml")  # duplicate ID
    edit(catalog / "regions/henan.yml", "level: province\n", "level: province\nlevel: province\n")  # duplicate key
    site_dir = tmp_path / "site"
    result = run_mkdocs_build(site_dir, catalog)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    for where in [
        "catalog/services/broken.yml:2",
        "catalog/regions/changshu.yml:",
        "catalog/roles/zhanzhang.yml:",
        "catalog/roles/zhanzhang-copy.yml:2",
        "catalog/regions/henan.yml:5",
    ]:
        assert where in out, f"{where} missing from:\n{out}"
    assert "是不是 `zhengce-xuanchuan`" in out
    assert not site_dir.exists() or not any(site_dir.iterdir())


def test_validate_script_gives_same_errors_and_nonzero_exit(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    edit(catalog / "regions/changshu.yml", "floor_area: {min: 80,", 'floor_area: {min: "80",')
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), "--catalog", str(catalog)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "catalog/regions/changshu.yml:" in result.stderr and "station.floor_area.min" in result.stderr
    ok = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py")], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "检查通过" in ok.stdout


def test_unknown_marker_fails_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(project)
    (project / "docs" / "index.md").write_text("# 首页\n\n文字\n\n<!-- swkb:no-such-table -->\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "docs/index.md:5" in result.stderr and "swkb:no-such-table" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_items_stay_separate(site: Path, catalog) -> None:
    """Each related document is its own list item (a template slip once merged them into one line)."""
    page = html(site, "services/shehui-jiuzhu")
    related = page[page.index('id="相关文件"') :]
    related = related[: related.index("</ul>")]
    assert related.count("<li>") == len(catalog.documents_defining_service["shehui-jiuzhu"]) >= 3


def _nav_html(page_html: str) -> str:
    """The primary and secondary nav of a page, whitespace between tags ignored."""
    start = page_html.index('<nav class="md-nav md-nav--primary"')
    nav = page_html[start : page_html.index('<div class="md-content"', start)]
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", re.sub(r"\s+", " ", nav)))


def _page_html(page_html: str) -> str:
    """A whole page, whitespace between tags ignored."""
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", re.sub(r"\s+", " ", page_html)))


def test_light_nav_partial_prints_what_materials_prints(real_site: Path, tmp_path: Path) -> None:
    """overrides/partials/nav-item.html is Material's partial with fewer macro calls, and
    overrides/main.html renders the sidebar, the header, the styles, the config data and the scripts once
    for pages that share them (ChromeMemo); without both (Material's own partial and blocks,
    everything rendered for every page) the same pages must come out the same."""
    project = tmp_path / "project"
    copy_project(project)
    (project / "overrides" / "partials" / "nav-item.html").unlink()
    main = project / "overrides" / "main.html"
    ours = main.read_text(encoding="utf-8")
    without_memo = re.sub(r"\{% block site_nav %\}.*?\{% endblock %\}", "", ours, flags=re.S)
    without_memo = re.sub(r"\{%-? (?:call swkb_chrome_memo\(.*?\)|endcall) -?%\}", "", without_memo)
    assert ours.count("call swkb_chrome_memo(") == 5 and "swkb_chrome_memo(" not in without_memo
    main.write_text(without_memo, encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(site, project=project)
    assert result.returncode == 0, result.stderr
    pages = [
        "",
        "regions/changshu",
        "regions/jiangsu",
        "regions",
        "compare",
        "compare/stations",
        "guides/my-role",
        "documents/changshu-2021-101",
        "documents/henan-sgz-plan",
        "cards/changshu/zhuzhan-shegong",
        "cards/changshu/zhanzhang",
        "cards/linfen/zhuzhan-shegong",
        "services/shehui-jiuzhu",
        "developer/api",
    ]
    for url in pages:
        ours, materials = _nav_html(html(real_site, url)), _nav_html(html(site, url))
        assert ours == materials, url
        if url != "developer/api":  # its API reference is rendered from the code of the copy
            assert _page_html(html(real_site, url)) == _page_html(html(site, url)), url
    # The pruned region tree and the page's own table of contents are both in what was compared.
    assert "md-nav__item--pruned" in _nav_html(html(real_site, "regions/changshu"))
    assert 'href="#人员配备"' in _nav_html(html(real_site, "regions/changshu"))


def test_large_catalog_builds_strictly_with_a_nav_that_stops_at_cities(large_site: tuple[Path, Path]) -> None:
    """Past LARGE_CATALOG regions the nav lists provinces and cities; a county page is reached
    from its city's page and links back up, and its sidebar does not carry its neighbours.
    (150 regions, built strictly once per session: conftest.py's large_site.)"""
    site, catalog_dir = large_site
    catalog = load_catalog(catalog_dir)
    county = next(
        rid
        for rid, r in catalog.regions.items()
        if r.level == "county" and r.parent and len(catalog.children.get(r.parent, [])) > 1
    )
    city = catalog.regions[county].parent
    neighbour = next(k for k in catalog.children[city] if k != county)
    county_html, city_html = html(site, f"regions/{county}"), html(site, f"regions/{city}")
    assert f"/regions/{neighbour}/" not in links(_nav_html(county_html), f"regions/{county}")
    assert f"/regions/{city}/" in links(county_html, f"regions/{county}")  # up, from the page itself
    assert f"/regions/{county}/" in links(city_html.split("<article", 1)[1], f"regions/{city}")  # down
    assert f"/regions/{county}/" not in links(_nav_html(city_html), f"regions/{city}")


def test_large_catalog_guide_counts_cards_per_province(large_site: tuple[Path, Path]) -> None:
    """The role guide of a national catalog does not link every region's card (at 3,000 regions
    that was a 300 KB page): it counts a post's cards per province and links each province's
    list, and those counts add up to every card of the post."""
    site, _ = large_site
    page = html(site, "guides/my-role")
    assert len(page.encode("utf-8")) < 150_000
    rows = re.findall(r'<tr><td><a href="\.\./\.\./cards/in/([^/]+)/">[^<]+</a></td><td>(\d+)</td></tr>', page)
    assert rows, "no per-province card counts on the guide"
    posts = re.findall(r"(\d+) 个地区有([^<]+?)的入职卡片", page)
    assert sum(int(n) for n, _ in posts) == sum(int(n) for _, n in rows)
    for province, _ in rows:
        assert (site / "cards/in" / province / "index.html").is_file()
    assert not re.search(r'href="\.\./\.\./cards/p\d', page)  # no per-region card links left
