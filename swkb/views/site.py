"""The views of one build, computed once and handed to every output: the pages
(swkb.site.render), the search index (swkb.search.documents) and the downloads
(swkb.publish.downloads). A comparison table over 3,000 regions is costly; it used to be built
once for each of those three."""

from __future__ import annotations

from functools import cached_property

from swkb.catalog.store import Catalog
from swkb.views.cards import CardSet
from swkb.views.compare import (
    COMPARISONS,
    CoverageLine,
    ProvinceCoverage,
    Table,
    build_table,
    coverage_by_province,
    coverage_summary,
)
from swkb.views.overview import ProvinceFigures, national_overview


class SiteViews:
    """Each view is made the first time it is asked for, then kept for the build."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Every comparison table, by comparison id."""
        return {comparison.id: build_table(comparison, self.catalog) for comparison in COMPARISONS}

    @cached_property
    def cards(self) -> CardSet:
        return CardSet(self.catalog)

    @cached_property
    def coverage(self) -> list[CoverageLine]:
        return coverage_summary(self.catalog)

    @cached_property
    def coverage_by_province(self) -> list[ProvinceCoverage]:
        return coverage_by_province(self.catalog, self.coverage)

    @cached_property
    def overview(self) -> list[ProvinceFigures]:
        """The national overview's figures, one per province (swkb.views.overview)."""
        return national_overview(self.catalog)
