"""Where generated pages go in the navigation.

The configured nav (mkdocs.yml) names each kind's index page; each of those entries becomes a
section listing that kind's pages. Large catalogs keep the nav short: documents, per-province
comparison parts and counties are reached from other pages, not from the sidebar.
"""

from __future__ import annotations

from swkb.catalog.store import Catalog
from swkb.site.pages import GeneratedPage, NavEntry
from swkb.views.cards import CARDS_INDEX
from swkb.views.urls import COMPARE_INDEX, INDEX_URI


def in_nav(page: GeneratedPage, catalog: Catalog, large: bool) -> bool:
    """Whether the page has a place in the sidebar."""
    if page.kind == "document":
        # Reached from region pages and the documents index: thousands of entries in the nav
        # would only slow every page down.
        return False
    if page.kind == "card":
        return page.src_uri == CARDS_INDEX  # the cards are reached from their index and the chooser
    if page.src_uri.startswith("compare/") and page.src_uri.count("/") > 1:
        return False  # per-province parts, linked from their comparison
    if page.kind == "region" and page.entry_id is not None:
        return region_in_nav(catalog, page.entry_id, large)
    return True


def region_in_nav(catalog: Catalog, region_id: str, large: bool) -> bool:
    """In a large catalog the nav stops at cities: a county page would otherwise carry its
    province's cities and its city's counties in its sidebar. Counties are listed on their
    city's page, and each region page links its province and city at the top."""
    return not (large and catalog.regions[region_id].level == "county")


def nav_sections(catalog: Catalog, pages: dict[str, GeneratedPage], large: bool) -> dict[str, list[NavEntry]]:
    """Nav entries that replace each kind's index entry in the configured nav."""
    return {
        INDEX_URI["service"]: _service_nav(catalog),
        INDEX_URI["role"]: [NavEntry(None, INDEX_URI["role"])]
        + [NavEntry(r.name, f"roles/{rid}.md") for rid, r in catalog.roles.items()],
        INDEX_URI["region"]: [NavEntry(None, INDEX_URI["region"])]
        + [_region_nav(catalog, rid, large) for rid in catalog.children.get(None, [])],
        # Only the comparisons themselves; their per-province pages are linked from each one.
        COMPARE_INDEX: [NavEntry(None, COMPARE_INDEX)]
        + [
            NavEntry(None, p.src_uri)
            for p in pages.values()
            if p.kind == "compare" and p.src_uri != COMPARE_INDEX and p.src_uri.count("/") == 1
        ],
    }


def _service_nav(catalog: Catalog) -> list[NavEntry]:
    items = [NavEntry(None, INDEX_URI["service"])]
    for cid, category in catalog.categories.items():
        items.append(
            NavEntry(
                category.name,
                children=[
                    NavEntry(f"{catalog.services[sid].number}. {catalog.services[sid].name}", f"services/{sid}.md")
                    for sid in catalog.services_of_category.get(cid, [])
                ],
            )
        )
    return items


def _region_nav(catalog: Catalog, region_id: str, large: bool) -> NavEntry:
    region = catalog.regions[region_id]
    own = f"regions/{region_id}/index.md"
    kids = [kid for kid in catalog.children.get(region_id, []) if region_in_nav(catalog, kid, large)]
    if not kids:
        return NavEntry(region.name, own)
    return NavEntry(region.name, children=[NavEntry(None, own)] + [_region_nav(catalog, kid, large) for kid in kids])
