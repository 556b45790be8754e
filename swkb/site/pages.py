"""The generated pages as data: a page with its URL, title, headings and HTML body, and a place
in the navigation. Nothing here renders; swkb.site.render makes these, swkb.site.nav places
them and swkb.site.pagetree gathers them into the page tree, so this module imports none of
them (it is what they share, which keeps the imports among them one-way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from swkb.views.urls import PageKind


@dataclass(frozen=True)
class Heading:
    """A heading of a generated page, for its table of contents."""

    level: int
    id: str
    name: str
    """The heading text as HTML (escaped), as MkDocs' toc items carry it."""


@dataclass(frozen=True)
class GeneratedPage:
    """One page compiled from the catalog, held in memory only."""

    src_uri: str
    """Path the page pretends to have inside docs/ (e.g. `regions/changshu/index.md`)."""
    url: str
    """Its URL relative to the site root, as MkDocs gives it (e.g. `regions/changshu/`)."""
    content: str
    """The HTML body."""
    title: str
    kind: PageKind
    entry_id: str | None = None
    source_file: str | None = None
    """YAML file it was compiled from, relative to the project root (for the edit link)."""
    source_line: int = 0
    headings: tuple[Heading, ...] = ()
    """Headings in page order (the page's table of contents)."""
    anchor_links: frozenset[str] = frozenset()
    """Links from this page to anchors, as `path.md#id` (checked against the target's anchors)."""
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Page options from the template's front matter (as MkDocs' page.meta), e.g. `hide`."""
    in_nav: bool = True
    """False for pages reached only from other pages (documents, per-province parts, counties
    of a large catalog)."""
    anchors: frozenset[str] = frozenset()
    """Every id on the page (what links to it may point at), recorded as the templates print them."""
    placeholder: bool = False
    """Not rendered by this process: the other half of a two-process render fills it in."""


@dataclass
class NavEntry:
    """A place in the navigation: a page (uri) or a section (children, its index page first)."""

    title: str | None
    uri: str | None = None
    children: list[NavEntry] = field(default_factory=list)


@dataclass(frozen=True)
class RenderMemo:
    """What one build's pages were rendered from, so that the next build of a `mkdocs serve`
    session hands back, unrendered, each page whose inputs are equal (swkb.site.render).

    A page takes part when its renderer names its inputs: the values its template reads about
    the entry it shows (an onboarding card: its card view, which already holds the other
    regions' rules it quotes). Everything else a template may look up in the whole catalog
    (names, titles, the hierarchy, services, roles, the glossary, the checklist, the layout)
    is the `signature`: when that differs, no page is reused."""

    signature: tuple[Any, ...]
    keys: dict[str, tuple[Any, ...]]
    """By src_uri: the template, the page's place and title, its source line and its inputs."""
    pages: dict[str, GeneratedPage]
