"""Paging of large catalogs: when listings are summarised, and how much of a comparison table a
page holds itself."""

from __future__ import annotations

from swkb.catalog.store import Catalog

LARGE_CATALOG = 100
# In a large catalog a comparison page holds only its first rows; the browser loads all rows
# from the table's data file and pages, filters and sorts them (so sorting still ranks every
# region), and a page stays well under 150 KB however many regions there are.
STATIC_ROWS = 20
# Rows the browser shows per page of a large table.
ROWS_PER_PAGE = 50


def is_large(catalog: Catalog) -> bool:
    """Past LARGE_CATALOG regions, listings are summarised and comparison tables paged in the browser."""
    return len(catalog.regions) > LARGE_CATALOG
