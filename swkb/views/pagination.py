"""Paging of large catalogs: when listings are split by province, and into pages of what size."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from swkb.catalog.store import Catalog

LARGE_CATALOG = 100
# In a large catalog each province's comparison is cut into pages of at most this many regions,
# so that no page passes about 150 KB however many regions a province has.
REGIONS_PER_PAGE = 40


def is_large(catalog: Catalog) -> bool:
    """Past LARGE_CATALOG regions, listings are split by province so no page grows with the catalog."""
    return len(catalog.regions) > LARGE_CATALOG


@dataclass
class ProvincePart:
    """One page of a province's rows of a comparison (a large catalog)."""

    uri: str
    province: str
    items: list[Any]
    """Rows of a comparison table, or region ids (coverage, timelines)."""
    regions: list[str]
    siblings: list[tuple[str, str]] = field(default_factory=list)
    """(label, src_uri) of every page of this province, this one included."""

    @classmethod
    def split(cls, base: str, province: str, items: list[Any]) -> list[ProvincePart]:
        """Cut a province's items into pages of at most REGIONS_PER_PAGE regions; a region's rows
        stay on one page. The first page is `base/<province>.md`, then `base/<province>-2.md` …"""
        chunks: list[tuple[list[Any], list[str]]] = []
        for item in items:
            region = getattr(item, "region_id", item)
            if not chunks or (region not in chunks[-1][1] and len(chunks[-1][1]) >= REGIONS_PER_PAGE):
                chunks.append(([], []))
            chunk_items, chunk_regions = chunks[-1]
            chunk_items.append(item)
            if region not in chunk_regions:
                chunk_regions.append(region)
        parts = [cls(f"{base}/{province}{'' if i == 0 else f'-{i + 1}'}.md", province, chunk_items, chunk_regions)
                 for i, (chunk_items, chunk_regions) in enumerate(chunks)]
        siblings = [(f"第 {i + 1} 页", part.uri) for i, part in enumerate(parts)] if len(parts) > 1 else []
        for part in parts:
            part.siblings = siblings
        return parts

    def title(self, comparison: str, catalog: Catalog) -> str:
        page = next((label for label, uri in self.siblings if uri == self.uri), "")
        return f"{comparison}：{catalog.regions[self.province].name}" + (f"（{page}）" if page else "")


