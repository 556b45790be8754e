"""What search reads of the generated pages, as protocols.

The page tree is made in swkb.site (swkb.site.pagetree), which sits above search: search may
not import it, so it says here what it needs, and the site's classes (GeneratedPage, Heading,
PageTree, Renderer) fit these shapes without naming them. All members are read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from swkb.views.site import SiteViews
from swkb.views.urls import PageKind


class PageHeading(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str:
        """The heading text as HTML (escaped)."""
        ...


class Page(Protocol):
    """A generated page (swkb.site.pages.GeneratedPage)."""

    @property
    def src_uri(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def content(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def kind(self) -> PageKind: ...

    @property
    def entry_id(self) -> str | None: ...

    @property
    def headings(self) -> Sequence[PageHeading]: ...


class SiteLinks(Protocol):
    """Where pages and rows are, and the build's views (swkb.site.render.Renderer)."""

    @property
    def views(self) -> SiteViews: ...

    @property
    def url_of(self) -> Callable[[str], str]: ...

    def compare_target(self, base: str, region_id: str) -> str: ...


class Pages(Protocol):
    """The page tree of one build (swkb.site.pagetree.PageTree)."""

    @property
    def pages(self) -> Mapping[str, Page]: ...

    @property
    def renderer(self) -> SiteLinks: ...
