"""The theme's compiled templates survive from one `mkdocs serve` build to the next (MkDocs makes
a new template environment per build), and an edited template is compiled again."""

from __future__ import annotations

from pathlib import Path

import jinja2

from swkb.site.adapter import TemplateCodeCache


def environment(folder: Path, cache: TemplateCodeCache, compiled: list[str]) -> jinja2.Environment:
    class Counting(jinja2.Environment):
        def _compile(self, source: str, filename: str):  # type: ignore[no-untyped-def,override]
            compiled.append(filename)
            return super()._compile(source, filename)

    return Counting(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)


def test_a_new_environment_reuses_the_compiled_template(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    cache, compiled = TemplateCodeCache(), []
    assert environment(tmp_path, cache, compiled).get_template("page.html").render(title="一") == "<p>一</p>"
    assert len(compiled) == 1
    assert environment(tmp_path, cache, compiled).get_template("page.html").render(title="二") == "<p>二</p>"
    assert len(compiled) == 1  # the second build's environment did not compile it again
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert environment(tmp_path, cache, compiled).get_template("page.html").render(title="三") == "<h1>三</h1>"
    assert len(compiled) == 2  # edited: compiled afresh


def test_the_next_build_reads_compiled_templates_from_the_folder(tmp_path: Path) -> None:
    """A fresh process (a new cache object) finds the compiled template on disk; an edited
    template is compiled again and replaces it."""
    templates, store = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    compiled: list[str] = []
    assert environment(templates, TemplateCodeCache(store), compiled).get_template("page.html").render(title="一") == "<p>一</p>"
    assert len(compiled) == 1 and len(list(store.glob("*.jinja"))) == 1
    assert environment(templates, TemplateCodeCache(store), compiled).get_template("page.html").render(title="二") == "<p>二</p>"
    assert len(compiled) == 1  # read from the folder, not compiled
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert (
        environment(templates, TemplateCodeCache(store), compiled).get_template("page.html").render(title="三") == "<h1>三</h1>"
    )
    assert len(compiled) == 2
    assert (
        environment(templates, TemplateCodeCache(store), compiled).get_template("page.html").render(title="四") == "<h1>四</h1>"
    )
    assert len(compiled) == 2  # the recompiled code replaced the old one on disk
    assert not list(store.glob("*.tmp"))


def test_a_folder_that_cannot_be_written_only_costs_the_compile(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")  # a folder cannot be made where a file is
    compiled: list[str] = []
    cache = TemplateCodeCache(blocked / "templates")
    assert environment(tmp_path, cache, compiled).get_template("page.html").render(title="一") == "<p>一</p>"
    assert environment(tmp_path, cache, compiled).get_template("page.html").render(title="二") == "<p>二</p>"
    assert len(compiled) == 1  # still kept in memory
