"""Values worked out from one entry are kept while loads hand out the same entry
(swkb.catalog.memo): a reload after one edit works them out only for the edited entry, and gives
what a fresh load gives."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import LoadCache, load_catalog
from swkb.catalog.memo import EntryMemo
from swkb.catalog.store import Catalog
from swkb.publish.browserdata import table_script
from swkb.publish.downloads import catalog_json, downloads, records
from swkb.search.concepts import MAX_RELATED, _EntriesWith
from swkb.views.compare import COMPARISONS, build_table
from swkb.views.coverage import coverage

from .conftest import MINI, edit


def test_a_value_is_kept_only_for_the_same_object_and_equal_depends() -> None:
    memo = EntryMemo()
    model, other = object(), object()
    made: list[str] = []

    def make(tag: str) -> str:
        made.append(tag)
        return tag

    assert memo.get("n", model, lambda: make("a")) == "a"
    assert memo.get("n", model, lambda: make("b")) == "a"
    assert memo.get("n", other, lambda: make("c")) == "c"  # another object, even if equal
    assert memo.get("n", model, lambda: make("d"), depends=("renamed",)) == "d"
    assert memo.get("m", model, lambda: make("e")) == "e"  # another value of the same model
    assert made == ["a", "c", "d", "e"]
    memo.next_load()
    memo.next_load()  # two loads without using it: dropped
    assert memo.get("m", model, lambda: make("f")) == "f"


def test_a_reload_after_one_edit_works_out_only_the_edited_region(tmp_path: Path) -> None:
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(MINI, catalog_dir)
    cache = LoadCache()
    first = load_catalog(catalog_dir, cache=cache)
    rows_before = coverage(first)
    citations_before = dict(first.citations_of_document)
    regions = len(first.regions)

    edit(catalog_dir / "regions" / "county.yml", "floor_area: {min: 80,", "floor_area: {min: 180,")
    cache.memo.hits = cache.memo.misses = 0
    cache.memo.made.clear()
    second = load_catalog(catalog_dir, cache=cache)
    rows = coverage(second)
    citations = dict(second.citations_of_document)
    # One region (and its one file's entries) worked out again, every other one taken; the
    # load itself walks only the edited file's references.
    made = cache.memo.made
    assert made["facts"] == made["coverage"] == made["references"] == 1 and sum(made.values()) == 3
    assert cache.memo.hits >= 2 * (regions - 1)

    fresh = load_catalog(catalog_dir)
    assert rows == coverage(fresh) and citations == dict(fresh.citations_of_document)
    assert rows_before != rows or citations_before != citations  # the edit shows


def _outputs(catalog: Catalog) -> tuple[dict[str, bytes], dict[str, object]]:
    """The downloads and browser data, and each table's rows as the files and as a national
    catalog's browser data hold them."""
    tables = {c.id: build_table(c, catalog) for c in COMPARISONS}
    rows = {cid: (records(table, catalog), table_script(table, catalog)) for cid, table in tables.items()}
    return downloads(catalog, tables, large=True), rows


def test_a_reload_after_one_value_edit_makes_the_edited_regions_downloads_only(tmp_path: Path) -> None:
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(MINI, catalog_dir)
    cache = LoadCache()
    before, _ = _outputs(load_catalog(catalog_dir, cache=cache))

    edit(catalog_dir / "regions" / "county.yml", "floor_area: {min: 80,", "floor_area: {min: 180,")
    cache.memo.made.clear()
    second = load_catalog(catalog_dir, cache=cache)
    after, rows = _outputs(second)
    fresh, fresh_rows = _outputs(load_catalog(catalog_dir))
    assert after == fresh and rows == fresh_rows  # byte for byte what a fresh load makes
    assert after != before
    county_rows = sum(1 for c in COMPARISONS for row in build_table(c, second).rows if row.region_id == "county")
    made = cache.memo.made
    assert county_rows > 0
    assert made["region_cells"] == made["picker"] == made["region_script"] == made["json"] == 1
    assert made["cells"] == made["records"] == made["row_json"] == county_rows


def test_a_new_document_number_makes_every_region_that_could_cite_it_again(tmp_path: Path) -> None:
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(MINI, catalog_dir)
    cache = LoadCache()
    first = load_catalog(catalog_dir, cache=cache)
    before, _ = _outputs(first)
    version = first.names_version

    edit(catalog_dir / "documents" / "doc-one.yml", "number: 测政办发〔2021〕1号", "number: 测政办发〔2021〕2号")
    cache.memo.made.clear()
    second = load_catalog(catalog_dir, cache=cache)
    after, rows = _outputs(second)
    fresh, fresh_rows = _outputs(load_catalog(catalog_dir))
    assert second.names_version != version
    assert after == fresh and rows == fresh_rows
    assert b"2021\xe3\x80\x952\xe5\x8f\xb7" in after["downloads/catalog.json"]
    assert any("测政办发〔2021〕2号" in (v.decode() if isinstance(v, bytes) else "") for v in after.values() if v)
    assert made_all(cache.memo.made, len(second.regions))


def made_all(made: Counter[str], regions: int) -> bool:
    """Every region's cells were made again (the number they cite changed under them)."""
    return made["region_cells"] == regions and made["region_script"] == regions


def test_catalog_json_is_the_text_json_dumps_prints() -> None:
    catalog = load_catalog(MINI)
    data: dict[str, object] = {"counts": catalog.counts()}
    for kind in ("regions", "documents", "services", "roles", "categories", "terms"):
        entries = getattr(catalog, kind)
        data[kind] = {eid: m.model_dump(mode="json", exclude_defaults=True) for eid, m in entries.items()}
    expected = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert catalog_json(catalog).decode("utf-8") == expected
    assert catalog_json(load_catalog(MINI)) == catalog_json(catalog)  # and the same from a fresh load


def test_concept_search_looks_again_only_in_the_texts_that_changed() -> None:
    catalog = load_catalog(MINI)
    regions = catalog.regions
    a, b = sorted(regions)
    forms = ("老人", "儿童", "残疾人")
    first = _EntriesWith(catalog, "region", regions, {a: "空巢老人探访", b: "儿童与老人"}, forms)
    assert first.first(["老人"]) == [a, b] and first.first(["儿童", "残疾人"]) == [b]
    catalog.memo.made.clear()
    again = _EntriesWith(catalog, "region", regions, {a: "空巢老人探访", b: "儿童关爱"}, forms)
    assert catalog.memo.made["concepts"] == 1  # only b's text changed
    assert again.first(["老人"]) == [a] and again.first(["儿童", "老人"]) == [a, b]
    with pytest.raises(ValueError, match="孤儿"):
        again.first(["孤儿"])  # a form the index was not made for is a mistake, not "no region"
    many = {f"r{i:03d}": "老人" for i in range(MAX_RELATED + 5)}
    models = {rid: object() for rid in many}
    assert _EntriesWith(catalog, "x", models, many, forms).first(["老人", "老人"]) == sorted(many)[:MAX_RELATED]


def test_an_unchanged_files_references_are_checked_again_against_the_new_ids(tmp_path: Path) -> None:
    # Only the walk over a file's references is kept; whether they resolve is checked every load.
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(MINI, catalog_dir)
    cache = LoadCache()
    load_catalog(catalog_dir, cache=cache)
    edit(catalog_dir / "documents" / "doc-one.yml", "id: doc-one", "id: doc-two")
    with pytest.raises(CatalogErrors) as caught:
        load_catalog(catalog_dir, cache=cache)
    assert any("regions/county.yml" in e.file and "doc-one" in e.message for e in caught.value.errors)
