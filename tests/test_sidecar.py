"""The sidecar process makes the downloads and the search index; the results must be the same as
when the main process makes them, and a sidecar that read other catalog files must be ignored."""

from __future__ import annotations

import json
from pathlib import Path

import swkb.search.index as search
from swkb.catalog.load import load_catalog
from swkb.publish.buildinfo import catalog_version
from swkb.publish.downloads import downloads
from swkb.search.sidecar import Sidecar

from .conftest import MINI, run_mkdocs_build


def _index_without_build_time(site: Path) -> list[dict[str, object]]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return [d for d in docs if not d["location"].startswith("build-info/")]


def test_sidecar_and_main_process_build_the_same_index_and_downloads(real_site: Path, tmp_path: Path) -> None:
    inline = tmp_path / "site"
    result = run_mkdocs_build(inline, env_extra={"SWKB_SIDECAR": "0"})
    assert result.returncode == 0, result.stderr
    assert _index_without_build_time(real_site) == _index_without_build_time(inline)
    assert len(_index_without_build_time(real_site)) > 500
    for path in (inline / "downloads").iterdir():
        assert (real_site / "downloads" / path.name).read_bytes() == path.read_bytes(), path.name


def test_results_of_a_sidecar_that_read_other_files_are_not_used(mini: Path) -> None:
    catalog = load_catalog(MINI)  # what this build validated
    (mini / "regions" / "county.yml").write_text(
        (mini / "regions" / "county.yml").read_text(encoding="utf-8").replace("测试县", "改过的县"), encoding="utf-8")
    sidecar = Sidecar(catalog, mini, catalog_version(MINI))  # the sidecar reads the edited copy
    try:
        sidecar.add_page("regions/county/", "测试县", '<h1 id="a">测试县</h1><p>正文</p>')
        sidecar.set_entities([search.Entity("regions/county/", "region", "county")])
        assert sidecar.downloads() == downloads(catalog)
        index = sidecar.search_index()
    finally:
        sidecar.close()
    assert [d["title"] for d in index["docs"]] == ["测试县"]
    assert "改过的县" not in json.dumps(index, ensure_ascii=False)


def test_sidecar_results_are_used_when_the_files_match(mini: Path) -> None:
    catalog = load_catalog(mini)
    sidecar = Sidecar(catalog, mini, catalog_version(mini))
    try:
        assert sidecar._process is not None  # two cores here: the work really happens over there
        sidecar.add_page("x/", "X", '<h1 id="x">X</h1><p>低保</p>')
        sidecar.set_entities([])
        assert sidecar.downloads() == downloads(catalog)
        index = sidecar.search_index()
        assert not sidecar._results and sidecar._process is None  # answered by the second process, now stopped
    finally:
        sidecar.close()
    assert index["docs"][0]["location"] == "x/" and "低保" in index["docs"][0]["text"]
