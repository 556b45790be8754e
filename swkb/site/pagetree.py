"""The page tree: every generated page with its URL, title, headings, HTML body, place in the nav
and source file. It is made without MkDocs (`compile_site`), so tests can build and inspect it;
swkb.site.adapter hands it to MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from swkb.catalog.store import Catalog
from swkb.publish.buildinfo import BuildInfo
from swkb.site.background import Background
from swkb.site.nav import in_nav, nav_sections
from swkb.site.pages import GeneratedPage, NavEntry, RenderMemo
from swkb.site.render import Renderer


@dataclass
class PageTree:
    """All generated pages of one build, and the nav sections that list them."""

    pages: dict[str, GeneratedPage]
    """By src_uri."""
    sections: dict[str, list[NavEntry]]
    """Nav entries that replace each kind's index entry in the configured nav (by index uri)."""
    renderer: Renderer
    """Fills markers and catalog links in hand-written pages, with the same catalog and URLs."""

    @property
    def memo(self) -> RenderMemo:
        """What the pages were rendered from, for the next build of a serve session."""
        return self.renderer.memo(self.pages)

    @property
    def large(self) -> bool:
        return self.renderer.large

    def with_build_info(self, info: BuildInfo) -> PageTree:
        """The same tree for a build that differs from this one's only in its time and commit
        (`mkdocs serve` after an edit outside the catalog): only the build-info page shows those.
        The caller vouches that everything else the pages are made from is the same."""
        renderer = self.renderer
        renderer.build_info = info
        pages = dict(self.pages)
        page = renderer.build_info_page(info)
        before = pages.get(page.src_uri)
        pages[page.src_uri] = page if before is None else replace(page, in_nav=before.in_nav)
        return PageTree(pages, self.sections, renderer)

    def broken_anchor_links(self) -> list[str]:
        """`page → target#anchor` for every link between generated pages whose anchor is missing."""
        broken = []
        for page in self.pages.values():
            for link in sorted(page.anchor_links):
                path, _, anchor = link.partition("#")
                target = self.pages.get(path)
                if target is not None and anchor not in target.anchors:
                    broken.append(f"{page.src_uri} → {link}")
        return broken


def compile_site(
    catalog: Catalog,
    build_info: BuildInfo | None = None,
    *,
    directory_urls: bool = True,
    large: bool | None = None,
    parallel: bool = False,
    reuse: RenderMemo | None = None,
    remember: bool = False,
) -> PageTree:
    """Render every generated page and its nav place. `large` overrides the size rule (the
    benchmark's stock configuration renders a large catalog as a small one). `parallel` renders
    a national catalog's pages in two processes (the same pages, in the same order). `reuse`:
    the previous tree's memo (same templates and code), whose pages with equal inputs are kept;
    `remember`: record what the pages are made from, for a next build to reuse (`memo`)."""
    renderer = Renderer(catalog, build_info, directory_urls=directory_urls, reuse=reuse, remember=remember)
    if large is not None:
        renderer.large = large
    rendered = render_in_two(renderer) if parallel and renderer.large else renderer.pages()
    pages: dict[str, GeneratedPage] = {}
    for page in rendered:
        place = in_nav(page, catalog, renderer.large)
        pages[page.src_uri] = page if page.in_nav == place else replace(page, in_nav=place)
    return PageTree(pages, nav_sections(catalog, pages, renderer.large), renderer)


def render_in_two(renderer: Renderer) -> list[GeneratedPage]:
    """`renderer.pages()`, every other page rendered by a forked child (swkb.site.background):
    at 3,000 regions rendering took 20 s of one core. Both processes walk the same pages in the
    same order; each renders its half and leaves placeholders for the other's."""

    def other_half() -> dict[str, GeneratedPage]:
        renderer.share = (1, 2)
        return {p.src_uri: p for p in renderer.pages() if not p.placeholder}

    child = Background(other_half)
    renderer.share = (0, 2)
    try:
        mine = renderer.pages()
    finally:
        renderer.share = None
    theirs = child.result()
    out = [theirs.pop(p.src_uri) if p.placeholder else p for p in mine]
    if theirs or any(p.placeholder for p in out):
        raise RuntimeError("两个进程渲染的页面对不上")  # the two walks must list the same pages
    return out
