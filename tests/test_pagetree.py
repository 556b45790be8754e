"""The page tree is compiled without MkDocs: pages, URLs, headings, nav places and anchor links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from swkb.catalog.load import load_catalog
from swkb.site.pagetree import compile_site

from .conftest import ROOT, edit


def test_page_tree_is_built_and_inspected_without_mkdocs() -> None:
    # A fresh interpreter: importing the compiler must not import MkDocs or Material.
    code = (
        "import sys; from pathlib import Path; from swkb.catalog.load import load_catalog; "
        "from swkb.site.pagetree import compile_site; "
        f"tree = compile_site(load_catalog(Path({str(ROOT / 'catalog')!r}))); "
        "assert tree.pages; bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')]; "
        "print(len(tree.pages), bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(maxsplit=1)
    assert int(out[0]) > 50 and out[1].strip() == "[]"


def test_pages_carry_url_title_headings_nav_place_and_source() -> None:
    tree = compile_site(load_catalog(ROOT / "catalog"))
    page = tree.pages["regions/changshu/index.md"]
    assert page.url == "regions/changshu/" and page.title == "常熟市" and page.kind == "region"
    assert page.source_file == "catalog/regions/changshu.yml" and page.in_nav
    assert page.headings[0].level == 1 and page.headings[0].name == "常熟市"
    assert {h.id for h in page.headings} <= page.anchors
    assert not tree.pages["documents/changshu-2021-101.md"].in_nav  # documents are reached from pages, not the nav
    uris = {e.uri for entries in tree.sections.values() for e in _walk(entries)}
    assert "regions/changshu/index.md" in uris and "roles/zhuzhan-shegong.md" in uris


def test_anchor_links_between_generated_pages_resolve() -> None:
    tree = compile_site(load_catalog(ROOT / "catalog"))
    links = [link for page in tree.pages.values() for link in page.anchor_links]
    assert len(links) > 50  # region pages link to their comparison rows, pages to glossary entries …
    assert tree.broken_anchor_links() == []


def test_a_broken_anchor_link_is_reported() -> None:
    from dataclasses import replace

    tree = compile_site(load_catalog(ROOT / "catalog"))
    page = tree.pages["regions/changshu/index.md"]
    tree.pages[page.src_uri] = replace(page, anchor_links=page.anchor_links | {"compare/staffing.md#no-such-row"})
    assert tree.broken_anchor_links() == ["regions/changshu/index.md → compare/staffing.md#no-such-row"]


def _walk(entries):  # type: ignore[no-untyped-def]
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


def test_pages_taken_from_the_last_tree_are_the_pages_rendered_afresh(tmp_path: Path) -> None:
    # A serve session hands compile_site the last tree's memo (swkb.site.pages.RenderMemo): a page
    # whose inputs are equal is not rendered again. After each kind of edit, every page of the
    # tree made so must equal the page of a tree rendered from nothing.
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    regions = catalog / "regions"
    zhuolu = (regions / "zhuolu.yml").read_text(encoding="utf-8")

    def clause(name: str) -> None:  # a clause that a document's page lists and a card quotes
        path = regions / f"{name}.yml"
        text, count = re.subn(r"(clause: )([^\"'\s,}][^,}\n]*)", r"\1\2之一", path.read_text(encoding="utf-8"), count=1)
        assert count == 1, name
        path.write_text(text, encoding="utf-8")

    steps: list[tuple[str, Callable[[], None]]] = [
        ("value", lambda: edit(regions / "changshu.yml", "floor_area: {min: 80,", "floor_area: {min: 95,")),
        # On the region's cards, and on other regions' cards where they quote it as elsewhere.
        ("card", lambda: edit(regions / "zhuolu.yml", "age_max: {max: 35,", "age_max: {max: 36,")),
        ("held by", lambda: edit(regions / "changshu.yml", "原则上由镇(街道)民政分管领导兼任", "由镇(街道)民政分管领导兼任")),
        # A domain mapped onto another service: both service pages change.
        (
            "domain",
            lambda: edit(
                regions / "changshu.yml",
                "{name: 政策宣传, maps_to: [zhengce-xuanchuan]",
                "{name: 政策宣传, maps_to: [xuqiu-pinggu]",
            ),
        ),
        *[(f"clause of {name}", lambda name=name: clause(name)) for name in ("henan", "linfen", "quanzhou", "zhuolu")],  # type: ignore[misc]
        ("document date", lambda: edit(catalog / "documents" / "changshu-2021-101.yml", "date: 2021-10-18", "date: 2021-10-19")),
        ("glossary", lambda: edit(catalog / "glossary.yml", "通常由政府购买服务", "多由政府购买服务")),
        (
            "added",
            lambda: (regions / "zhuolu-copy.yml").write_text(
                zhuolu.replace("id: zhuolu", "id: zhuolu-copy", 1).replace("name: 涿鹿县", "name: 涿鹿新县", 1), encoding="utf-8"
            ),
        ),
        ("deleted", lambda: (regions / "zhuolu-copy.yml").unlink()),
        ("rename", lambda: edit(regions / "changshu.yml", "name: 常熟市", "name: 常熟县级市")),
    ]
    tree = compile_site(load_catalog(catalog), remember=True)
    assert not compile_site(load_catalog(catalog)).renderer.memo_keys  # a full build records nothing
    reused = {}
    for label, step in steps:
        step()
        edited = load_catalog(catalog)
        again, fresh = compile_site(edited, reuse=tree.memo), compile_site(edited)
        assert again.pages.keys() == fresh.pages.keys(), label
        differ = [u for u, page in fresh.pages.items() if again.pages[u] != page or again.pages[u].meta != page.meta]
        assert differ == [], (label, differ)
        reused[label] = again.renderer.reused
        if label == "value":  # a figure no service page shows: the service pages are taken as they were
            services = [u for u in fresh.pages if u.startswith("services/") and u != "services/index.md"]
            assert services and all(again.pages[u] is tree.pages[u] for u in services)
        tree = again
    # Most pages come from the memo after a value edit (the other regions, their cards and
    # documents); none after a new name, which other pages print.
    assert reused["value"] > len(tree.pages) // 2, reused
    assert reused["rename"] == 0 and reused["glossary"] == 0, reused


def test_a_national_trees_province_lists_are_taken_or_rendered_afresh_as_their_documents_say(tmp_path: Path) -> None:
    # The large layout's pages that list documents by province are kept when their documents
    # are; a document's new date renders its province's list again and no other.
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    tree = compile_site(load_catalog(catalog), large=True, remember=True)
    lists = [u for u in tree.pages if u.startswith("documents/in/")]
    assert len(lists) > 2
    for label, step in [
        ("value", lambda: edit(catalog / "regions" / "changshu.yml", "floor_area: {min: 80,", "floor_area: {min: 95,")),
        ("document date", lambda: edit(catalog / "documents" / "changshu-2021-101.yml", "date: 2021-10-18", "date: 2021-10-19")),
    ]:
        step()
        edited = load_catalog(catalog)
        again, fresh = compile_site(edited, large=True, reuse=tree.memo), compile_site(edited, large=True)
        assert [u for u, page in fresh.pages.items() if again.pages[u] != page] == [], label
        taken = {u for u in lists if again.pages[u] is tree.pages[u]}
        assert taken == (set(lists) if label == "value" else set(lists) - {"documents/in/jiangsu.md"}), label
        tree = again
