"""Readers apart from maintainers: reader pages show citations, never catalog file paths or
source-archive file names; edit and repository links only when a repository is configured;
maintainer pages last in the nav."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog

from .conftest import MINI, ROOT, project_without_guides, run_mkdocs_build

# Pages for maintainers: they may name files (field reference, API, scale, build info, architecture).
MAINTAINER_PAGES = ("developer/", "build-info/")
CATALOG_PATH = re.compile(r"catalog/[\w./-]*\.ya?ml")
ARCHIVE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def reader_pages(site: Path) -> dict[str, str]:
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    return {url: text for url, text in pages.items() if not url.startswith(MAINTAINER_PAGES)}


def test_no_reader_page_names_a_catalog_file_or_an_archive_file(real_site: Path) -> None:
    catalog = load_catalog(ROOT / "catalog")
    archive_names = {d.seed_file for d in catalog.documents.values() if d.seed_file}
    assert archive_names, "the real catalog names its source texts"
    pages = reader_pages(real_site)
    assert len(pages) > 100 and "regions/changshu/index.html" in pages and "documents/henan-sgz-plan/index.html" in pages
    found = {
        url: CATALOG_PATH.findall(text) + ARCHIVE_NAME.findall(text) + [n for n in archive_names if n in text]
        for url, text in pages.items()
    }
    assert {url: hits for url, hits in found.items() if hits} == {}
    # The scan can fail: maintainer pages do name catalog files.
    assert CATALOG_PATH.search((real_site / "developer/index.html").read_text(encoding="utf-8"))
    assert ARCHIVE_NAME.search((real_site / "developer/fields-other/index.html").read_text(encoding="utf-8"))


def test_reader_pages_cite_documents_instead(real_site: Path) -> None:
    page = (real_site / "regions/changshu/index.html").read_text(encoding="utf-8")
    assert "数据来源" not in page and "常政办发〔2021〕101号 四、(一)2" in page
    document = (real_site / "documents/henan-sgz-plan/index.html").read_text(encoding="utf-8")
    assert "来源材料" not in document and "豫民" in document


def test_maintainer_pages_come_after_every_reader_topic(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    titles = [t.strip() for t in re.findall(r'class="md-nav__(?:link|item)[^>]*>\s*(?:<[^>]+>\s*)*([^<\s][^<]*)', nav)]
    first = {title: titles.index(title) for title in reversed(titles)}
    readers = ["入门指南", "服务清单", "地区", "地区比较", "政策文件", "术语表", "本次更新", "更新记录"]
    maintainers = ["维护者", "架构", "构建信息", "规模", "目录字段：地区", "程序接口：目录"]
    assert max(first[t] for t in readers) < min(first[t] for t in maintainers)


@pytest.fixture(scope="module")
def mini_site_with_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("repo-links")
    project = project_without_guides(base)
    shutil.copytree(MINI, project / "catalog")
    site = base / "site"
    result = run_mkdocs_build(
        site, project / "catalog", project=project, env_extra={"SWKB_REPO_URL": "https://git.intranet.example/swkb/kb"}
    )
    assert result.returncode == 0, result.stderr
    return site


def test_with_a_repository_pages_edit_their_yaml_source(mini_site_with_repository: Path) -> None:
    page = (mini_site_with_repository / "regions/county/index.html").read_text(encoding="utf-8")
    edit = re.findall(r'href="([^"]+)"[^>]*class="md-content__button', page) + re.findall(
        r'class="md-content__button[^"]*"[^>]*href="([^"]+)"', page
    )
    assert edit == ["https://git.intranet.example/swkb/kb/edit/main/catalog/regions/county.yml"]
    assert 'href="https://git.intranet.example/swkb/kb"' in page and "md-source" in page
