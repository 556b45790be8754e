"""The API pages' rendered objects are kept on disk (swkb.site.apidocs): a build that takes them
from there makes the same site as one that renders them, and an edited docstring is rendered
afresh."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from xml.etree.ElementTree import Element

import pytest
from markupsafe import Markup

from swkb.site.apidocs import RenderingCache, Uncollected, remember_api_rendering

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
    first = cache.key("pkg.inner", {"a": 1})
    assert first == RenderingCache(tmp_path / "cache", lambda: "versions", [tmp_path / "code"]).key("pkg.inner", {"a": 1})
    assert first != cache.key("pkg", {"a": 1})
    assert first != cache.key("pkg.inner", {"a": 2})
    assert first != RenderingCache(tmp_path / "cache", lambda: "other versions", [tmp_path / "code"]).key("pkg.inner", {"a": 1})
    (package / "inner.py").write_text("X = 2\n", encoding="utf-8")  # any module of the package
    assert first != RenderingCache(tmp_path / "cache", lambda: "versions", [tmp_path / "code"]).key("pkg.inner", {"a": 1})


def test_the_cache_keeps_its_newest_entries_within_its_limit(tmp_path: Path) -> None:
    cache = RenderingCache(tmp_path / "api", lambda: "versions", [tmp_path], limit=6)
    for number in range(7):
        cache.store(f"key{number}", {"html": f"<p>{number}</p>", "headings": [], "aliases": {}})
        os.utime(tmp_path / "api" / f"key{number}.json", ns=(number * 10**9, number * 10**9))
    assert sorted(p.stem for p in (tmp_path / "api").iterdir()) == ["key3", "key4", "key5", "key6"]
    assert cache.load("key6") == {"html": "<p>6</p>", "headings": [], "aliases": {}}


def test_an_unreadable_or_unwritable_cache_is_passed_over(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = RenderingCache(blocker / "api", lambda: "versions", [tmp_path])
    cache.store("key", {"html": "<p>x</p>", "headings": [], "aliases": {}})  # cannot make the folder: no error
    assert cache.load("key") is None
    good = RenderingCache(tmp_path / "api", lambda: "versions", [tmp_path])
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "broken.json").write_text("{half", encoding="utf-8")
    assert good.load("broken") is None
    good.store("key", {"html": "<p>x</p>", "headings": [], "aliases": {}})
    assert good.load("key") == {"html": "<p>x</p>", "headings": [], "aliases": {}}
    assert [p.name for p in (tmp_path / "api").iterdir() if p.suffix == ".tmp"] == []


class RecordingHandler:
    """The parts of a mkdocstrings handler the cache wraps, recording what reached griffe."""

    def __init__(self) -> None:
        self.collected: list[str] = []
        self.asked_aliases: list[str] = []
        self._headings: list[Element] = []

    def collect(self, identifier: str, options: Any) -> Any:
        self.collected.append(identifier)
        return SimpleNamespace(path=identifier)

    def render(self, data: Any, options: Any, locale: str | None = None) -> str:
        self.do_heading(Markup(f"<code>{data.path}</code>"), 2, id=data.path, role="module", toc_label=data.path)
        return f"<div>{data.path} {locale}</div>"

    def do_heading(
        self,
        content: Markup,
        level: int,
        *,
        role: str | None = None,
        hidden: bool = False,
        toc_label: str | None = None,
        skip_inventory: bool = False,
        **attributes: str,
    ) -> Markup:
        element = Element(f"h{level}", {**attributes, "data-toc-label": toc_label or "", "data-role": role or ""})
        element.text = str(content)
        self._headings.append(element)
        return Markup("")

    def get_headings(self) -> list[Element]:  # mkdocstrings hands them over once
        headings, self._headings = self._headings, []
        return headings

    def get_aliases(self, identifier: str) -> tuple[str, ...]:
        self.asked_aliases.append(identifier)
        return (identifier, f"reexported.{identifier}")


def test_a_stored_object_is_not_collected_and_keeps_its_headings_and_aliases(tmp_path: Path) -> None:
    (tmp_path / "code" / "pkg").mkdir(parents=True)
    (tmp_path / "code" / "pkg" / "__init__.py").write_text('"""Pkg."""\n', encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\n", encoding="utf-8")

    def wrapped() -> RecordingHandler:
        handler = RecordingHandler()
        remember_api_rendering(handler, tmp_path / "api", config_file, [tmp_path / "code"])  # type: ignore[arg-type]
        return handler

    first = wrapped()
    html = first.render(first.collect("pkg.mod", {"o": 1}), {"o": 1}, "zh")
    assert first.collected == ["pkg.mod"]
    headings = [(h.tag, dict(h.attrib), h.text) for h in first.get_headings()]
    assert headings and first.get_aliases("pkg.mod") == ("pkg.mod", "reexported.pkg.mod")

    second = wrapped()
    data = second.collect("pkg.mod", {"o": 1})
    assert isinstance(data, Uncollected) and second.collected == []  # griffe never reads the code
    assert second.render(data, {"o": 1}, "zh") == html
    assert [(h.tag, dict(h.attrib), h.text) for h in second.get_headings()] == headings
    assert second.get_aliases("pkg.mod") == ("pkg.mod", "reexported.pkg.mod")
    assert second.asked_aliases == []

    # Another locale renders afresh, collecting for real; so does autorefs' fallback lookup
    # (empty options), which needs the package griffe did not read.
    third = wrapped()
    assert "en" in third.render(third.collect("pkg.mod", {"o": 1}), {"o": 1}, "en")
    assert third.collected == ["pkg.mod"]
    fourth = wrapped()
    fourth.collect("pkg.mod", {"o": 1})
    fourth.collect("pkg.mod.thing", {})
    assert fourth.collected == ["pkg", "pkg.mod.thing"]
