"""Parsed catalog files kept for the next build (swkb.catalog.load.LoadCache with a folder): a
file whose bytes were parsed before is not parsed again, and nothing else changes. The checks
still run on every load, a file with errors is never kept, and a damaged cache is passed over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from swkb.catalog import reader
from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import LoadCache, catalog_files, load_catalog

from .conftest import ROOT, edit


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", target)
    return target


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the files actually parsed (not taken from a cache)."""
    seen: list[str] = []
    parse = reader._parse

    def counting(raw: bytes, doc: reader.YamlDocument) -> None:
        seen.append(doc.path)
        parse(raw, doc)

    monkeypatch.setattr(reader, "_parse", counting)
    return seen


def test_a_second_build_parses_no_file_and_loads_the_same_catalog(catalog: Path, tmp_path: Path, parses: list[str]) -> None:
    plain = load_catalog(catalog)
    files = len(parses)
    assert files > 50
    parses.clear()
    first = load_catalog(catalog, cache=LoadCache(tmp_path / "cache"))
    assert len(parses) == files  # nothing kept yet
    stores = list((tmp_path / "cache").glob("parsed-*.pickle"))
    assert len(stores) == 1
    parses.clear()
    # A new process: a fresh cache object that has only the folder.
    second = load_catalog(catalog, cache=LoadCache(tmp_path / "cache"))
    assert parses == []
    for kind in ("regions", "documents", "services", "roles"):
        assert getattr(second, kind) == getattr(first, kind) == getattr(plain, kind), kind
    assert [(x.kind, x.id, x.file, x.line) for x in second.entries] == [(x.kind, x.id, x.file, x.line) for x in plain.entries]


def test_an_edited_file_is_parsed_again_and_shows_its_new_value(catalog: Path, tmp_path: Path, parses: list[str]) -> None:
    load_catalog(catalog, cache=LoadCache(tmp_path / "cache"))
    edit(catalog / "regions" / "changshu.yml", "floor_area: {min: 80,", "floor_area: {min: 95,")
    parses.clear()
    loaded = load_catalog(catalog, cache=LoadCache(tmp_path / "cache"))
    assert [Path(p).name for p in parses] == ["changshu.yml"]
    assert "95" in repr(loaded.regions["changshu"].station)


def test_a_file_with_errors_is_reported_on_every_load(catalog: Path, tmp_path: Path, parses: list[str]) -> None:
    path = catalog / "regions" / "changshu.yml"
    path.write_text(path.read_text(encoding="utf-8") + "name: 重复的键\n", encoding="utf-8")
    messages = []
    for _ in range(2):
        parses.clear()
        with pytest.raises(CatalogErrors) as caught:
            load_catalog(catalog, cache=LoadCache(tmp_path / "cache"))
        messages.append([(e.file, e.line, e.field, e.message) for e in caught.value.errors])
        assert any(p.endswith("changshu.yml") for p in parses)  # never taken from the cache
    assert messages[0] == messages[1] and any("重复" in m[3] for m in messages[0])


def test_a_damaged_or_foreign_cache_is_passed_over(catalog: Path, tmp_path: Path, parses: list[str]) -> None:
    load_catalog(catalog, cache=LoadCache(tmp_path / "cache"))
    (store,) = (tmp_path / "cache").glob("parsed-*.pickle")
    expected = load_catalog(catalog).regions
    for damage in (store.read_bytes()[:100], b"not a pickle", b"\x80\x05N."):  # truncated, garbage, None
        store.write_bytes(damage)
        parses.clear()
        assert load_catalog(catalog, cache=LoadCache(tmp_path / "cache")).regions == expected
        assert len(parses) > 50
    # A folder that cannot hold the cache: the load goes on without it.
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    assert load_catalog(catalog, cache=LoadCache(blocked)).regions == expected


def test_the_cache_keeps_only_what_the_last_load_read(catalog: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load_catalog(catalog, cache=LoadCache(cache_dir))
    (store,) = cache_dir.glob("parsed-*.pickle")
    before = store.stat().st_size
    (catalog / "regions" / "zhuolu.yml").unlink()
    with pytest.raises(CatalogErrors):
        load_catalog(catalog, cache=LoadCache(cache_dir))  # references to zhuolu now dangle
    assert store.stat().st_size < before
    # Another catalog folder keeps a file of its own: building one does not empty the other's.
    other = tmp_path / "other"
    shutil.copytree(ROOT / "catalog", other)
    load_catalog(other, cache=LoadCache(cache_dir))
    assert len(list(cache_dir.glob("parsed-*.pickle"))) == 2


def test_catalog_files_lists_what_a_recursive_glob_would_in_the_same_order(tmp_path: Path) -> None:
    # catalog_files walks with os.scandir; it must list exactly what the rglob it replaced did:
    # YAML files at any depth, in the order of their paths' parts, every link whatever its name,
    # never what is under a linked folder or the top-level schema folder.
    root = tmp_path / "catalog"
    for name in (
        "regions/x.yml",
        "regions/y.yaml",
        "regions/z.txt",
        "regions/.yml",
        "regions/.hidden.yml",
        "top.yml",
        "a-b/q.yml",
        "a/q.yml",
        "a/b/c.yml",
        "schema/s.yml",
        "deep/schema/k.yml",
        "regions/dir.yml/in.yml",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if not name.endswith("dir.yml"):
            (root / name).write_text("id: x\n", encoding="utf-8")
    (root / "regions" / "link.txt").symlink_to(tmp_path / "elsewhere.yml")
    (root / "linked").symlink_to(root / "a", target_is_directory=True)

    def by_glob(folder: Path) -> list[Path]:
        return sorted(
            p
            for p in folder.rglob("*")
            if (p.suffix in (".yml", ".yaml") or p.is_symlink()) and "schema" not in p.relative_to(folder).parts[:1]
        )

    listed = catalog_files(root)
    assert listed == by_glob(root)
    names = [p.relative_to(root).as_posix() for p in listed]
    assert names.index("a/b/c.yml") < names.index("a/q.yml") < names.index("a-b/q.yml")  # parts order, not string order
    assert "linked" in names and not any(n.startswith("linked/") for n in names)
    assert "regions/link.txt" in names and "deep/schema/k.yml" in names and "schema/s.yml" not in names
    assert catalog_files(tmp_path / "missing") == []
