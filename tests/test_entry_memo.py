"""Values worked out from one entry are kept while loads hand out the same entry
(swkb.catalog.memo): a reload after one edit works them out only for the edited entry, and gives
what a fresh load gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from swkb.catalog.load import LoadCache, load_catalog
from swkb.catalog.memo import EntryMemo
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
    second = load_catalog(catalog_dir, cache=cache)
    rows = coverage(second)
    citations = dict(second.citations_of_document)
    # One region (and its one file's entries) worked out again, every other one taken.
    assert cache.memo.misses == 2 and cache.memo.hits >= 2 * (regions - 1)

    fresh = load_catalog(catalog_dir)
    assert rows == coverage(fresh) and citations == dict(fresh.citations_of_document)
    assert rows_before != rows or citations_before != citations  # the edit shows
