"""The API pages' rendered objects are kept on disk (swkb.site.apidocs): a build that takes them
from there makes the same site as one that renders them, and an edited docstring is rendered
afresh."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from swkb.site.apidocs import RenderingCache

from .conftest import MINI, edit, project_without_guides, run_mkdocs_build, tree_differences

EPOCH = "1767225600"  # the build-info page shows the build time


@pytest.mark.build
def test_api_pages_from_the_cache_equal_rendered_ones_and_follow_the_code(tmp_path: Path) -> None:
    project = project_without_guides(tmp_path)
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    cache = tmp_path / "api-cache"

    def build(name: str, api_cache: str) -> Path:
        site = tmp_path / name
        result = run_mkdocs_build(
            site, catalog, env_extra={"SWKB_API_CACHE": api_cache, "SOURCE_DATE_EPOCH": EPOCH}, project=project
        )
        assert result.returncode == 0, result.stderr
        return site

    rendered = build("rendered", "")  # no cache: mkdocstrings renders every object
    assert not cache.exists()
    filled = build("filled", str(cache))  # renders and stores each object
    stored = sorted(p.name for p in cache.iterdir())
    assert len(stored) == sum(
        line.startswith("::: ")
        for page in (project / "docs").rglob("*.md")
        for line in page.read_text(encoding="utf-8").splitlines()
    )
    record = json.loads((cache / stored[0]).read_text(encoding="utf-8"))
    assert record["html"] and record["headings"]  # the object and its table-of-contents headings
    taken = build("taken", str(cache))  # every object from the cache
    assert sorted(p.name for p in cache.iterdir()) == stored  # nothing rendered anew
    # The whole site is the same: pages, their tables of contents, anchors, search index, downloads.
    assert tree_differences(rendered, filled) == []
    assert tree_differences(rendered, taken) == []

    # A docstring of the documented code (swkb/ beside mkdocs.yml, which griffe reads) changes:
    # every object is rendered again (one module's docstrings can show on another's page).
    edit(project / "swkb/publish/browserdata.py", '"""', '"""A sentence added by the cache test. ')
    edited = build("edited", str(cache))
    page = (edited / "developer/api-publish/index.html").read_text(encoding="utf-8")
    assert "A sentence added by the cache test." in page
    assert "A sentence added by the cache test." not in (taken / "developer/api-publish/index.html").read_text(encoding="utf-8")
    assert len(list(cache.iterdir())) == 2 * len(stored)


def test_the_key_follows_the_package_griffe_reads_and_the_options(tmp_path: Path) -> None:
    package = tmp_path / "code" / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""One."""\n', encoding="utf-8")
    (package / "inner.py").write_text("X = 1\n", encoding="utf-8")
    cache = RenderingCache(tmp_path / "cache", lambda: "versions", [tmp_path / "elsewhere", tmp_path / "code"])
    first = cache.key("pkg.inner", {"a": 1}, None)
    assert first == RenderingCache(tmp_path / "cache", lambda: "versions", [tmp_path / "code"]).key("pkg.inner", {"a": 1}, None)
    assert first != cache.key("pkg", {"a": 1}, None)
    assert first != cache.key("pkg.inner", {"a": 2}, None)
    assert first != cache.key("pkg.inner", {"a": 1}, "zh")
    assert first != RenderingCache(tmp_path / "cache", lambda: "other versions", [tmp_path / "code"]).key(
        "pkg.inner", {"a": 1}, None
    )
    (package / "inner.py").write_text("X = 2\n", encoding="utf-8")  # any module of the package
    assert first != RenderingCache(tmp_path / "cache", lambda: "versions", [tmp_path / "code"]).key("pkg.inner", {"a": 1}, None)


def test_the_cache_keeps_its_newest_entries_within_its_limit(tmp_path: Path) -> None:
    cache = RenderingCache(tmp_path / "api", lambda: "versions", [tmp_path], limit=6)
    for number in range(7):
        cache.store(f"key{number}", {"html": f"<p>{number}</p>", "headings": []})
        os.utime(tmp_path / "api" / f"key{number}.json", ns=(number * 10**9, number * 10**9))
    assert sorted(p.stem for p in (tmp_path / "api").iterdir()) == ["key3", "key4", "key5", "key6"]
    assert cache.load("key6") == {"html": "<p>6</p>", "headings": []}


def test_an_unreadable_or_unwritable_cache_is_passed_over(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = RenderingCache(blocker / "api", lambda: "versions", [tmp_path])
    cache.store("key", {"html": "<p>x</p>", "headings": []})  # cannot make the folder: no error
    assert cache.load("key") is None
    good = RenderingCache(tmp_path / "api", lambda: "versions", [tmp_path])
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "broken.json").write_text("{half", encoding="utf-8")
    assert good.load("broken") is None
    good.store("key", {"html": "<p>x</p>", "headings": []})
    assert good.load("key") == {"html": "<p>x</p>", "headings": []}
    assert [p.name for p in (tmp_path / "api").iterdir() if p.suffix == ".tmp"] == []
