"""The page tree is compiled without MkDocs: pages, URLs, headings, nav places and anchor links."""

from __future__ import annotations

import subprocess
import sys

from swkb.catalog.load import load_catalog
from swkb.site.pagetree import compile_site

from .conftest import ROOT


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
