"""The preview's parts without a server (swkb.site.preview, swkb.catalog.load.LoadCache); the
real `mkdocs serve` in a browser is tests/test_serve.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import LoadCache, load_catalog
from swkb.site.preview import LivePreview, code_spans, fill_shell, render_status, status_json

from .conftest import ROOT, edit, run_mkdocs_build


def test_load_cache_rereads_only_changed_files_and_gives_the_same_catalog(mini: Path) -> None:
    cache = LoadCache()
    first = load_catalog(mini, cache=cache)
    again = load_catalog(mini, cache=cache)
    assert again.regions["prov"] is first.regions["prov"]  # unchanged file: not read again
    assert again.counts() == load_catalog(mini).counts()
    edit(mini / "regions/county.yml", "level: county", "level: district")
    with pytest.raises(CatalogErrors) as info:
        load_catalog(mini, cache=cache)
    (error,) = info.value.errors
    assert error.field == "level" and "`county`" in error.suggestion
    edit(mini / "regions/county.yml", "level: district", "level: county")
    fixed = load_catalog(mini, cache=cache)
    assert fixed.regions["county"].level == "county" and fixed.regions["prov"] is first.regions["prov"]


def test_check_keeps_the_catalog_for_the_build_only_while_files_are_unchanged(mini: Path) -> None:
    preview = LivePreview(serving=True, catalog_dir=mini, display_base=mini.parent)
    assert preview.check() is None
    assert preview.take_checked(mini) is not None
    assert preview.take_checked(mini) is None  # taken once
    assert preview.check() is None
    (mini / "regions/prov.yml").write_text("id: prov\nname: 测试省\nlevel: province\nsummary: 改了。\n", encoding="utf-8")
    assert preview.take_checked(mini) is None  # changed since the check: the build loads it afresh


def test_status_page_lists_every_error_and_escapes_catalog_text(mini: Path) -> None:
    edit(mini / "regions/county.yml", "name: 测试县", "name: 测试县\nlevel: <b>district</b>")
    with pytest.raises(CatalogErrors) as info:
        load_catalog(mini, display_base=mini.parent)
    body = render_status(info.value)
    assert "<b>district</b>" not in body and "&lt;b&gt;district&lt;/b&gt;" in body
    assert 'data-swkb-preview-status="errors"' in body and "catalog/regions/county.yml:3" in body
    assert "<dt>应为</dt>" in body and "<dt>实际为</dt>" in body
    status = json.loads(status_json(info.value, "catalog-check/"))
    assert status["ok"] is False and status["count"] == len(status["errors"]) >= 1
    assert {"where", "field", "message", "expected", "found", "suggestion"} <= set(status["errors"][0])
    assert "检查通过" in render_status(None) and json.loads(status_json(None, "catalog-check/"))["ok"] is True


def test_the_check_page_is_refilled_between_its_markers() -> None:
    shell = "<html><main>" + render_status(None) + "</main><footer>x</footer></html>"
    errors = CatalogErrors([])
    from swkb.catalog.errors import CatalogError

    errors.errors.append(CatalogError("catalog/regions/a.yml", 3, "level", "取值不在允许范围内", "county", "district"))
    filled = fill_shell(shell, render_status(errors))
    assert filled.startswith("<html><main>") and filled.endswith("</main><footer>x</footer></html>")
    assert "检查通过" not in filled and "catalog/regions/a.yml:3" in filled


def test_code_spans_marks_names_and_escapes_the_rest() -> None:
    assert str(code_spans("是不是 `a<b`？<i>")) == "是不是 <code>a&lt;b</code>？&lt;i&gt;"
    assert str(code_spans("一个 ` 落单")) == "一个 ` 落单"


def test_mkdocs_build_still_stops_on_a_bad_catalog_with_nothing_written(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    edit(catalog / "regions/jingan.yml", "level: county", "level: district")
    site = tmp_path / "site"
    result = run_mkdocs_build(site, catalog)
    assert result.returncode == 1
    assert "jingan.yml:4" in result.stderr and "`county`" in result.stderr
    assert not site.exists() or not any(site.iterdir())
