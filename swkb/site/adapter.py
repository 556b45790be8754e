"""The MkDocs adapter: the only module that imports MkDocs or Material.

Everything else in swkb works without them: the catalog is loaded and checked (swkb.catalog),
views computed (swkb.views), pages compiled into a page tree (swkb.site.pagetree). This module
hands that tree to MkDocs, in the documented way:

- `CatalogSite.from_config` (on_config) loads the catalog; a bad catalog stops the build with
  the full error list.
- `add_files` (on_files) adds each generated page as an in-memory `File` with a `SitePage`
  attached, as Material's blog plugin attaches its posts, and expands the nav placeholders.
- `expand_page_markdown` (on_page_markdown) fills markers and catalog links of hand-written pages.
- `add_tooltips` and `index_for_search` (on_page_content) work on every rendered page.
- `write_downloads` and `enrich_search_index` (on_post_build) write the downloads and the index.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import swkb.publish.buildinfo as buildinfo
import swkb.search.index as search
from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import load_catalog
from swkb.catalog.store import Catalog
from swkb.publish.buildinfo import BuildInfo
from swkb.search.sidecar import Sidecar
from swkb.site.markers import MarkerError, expand_markdown
from swkb.site.pagetree import GeneratedPage, NavEntry, PageTree, compile_site
from swkb.site.tooltips import Tooltips
from swkb.site.urls import INDEX_URI
from swkb.views.pagination import is_large

SEARCH_WORKER = "assets/javascripts/swkb-search-worker.js"
TIMINGS_ENV = "SWKB_TIMINGS"
STOCK_ENV = "SWKB_STOCK"
CATALOG_DIR_ENV = "SWKB_CATALOG"


class SitePage(Page):
    """A page of the page tree, as MkDocs sees it. Its body is HTML already, so reading and
    rendering only hand over what the tree holds: body, table of contents and anchors, and the
    links to anchors in other pages, which MkDocs then checks like those of any page."""

    def __init__(self, generated: GeneratedPage, file: File, config: MkDocsConfig, nav_title: str | None = None) -> None:
        # The title its nav entry gives, else its first heading (as MkDocs takes a page's title).
        # Material prints titles unescaped in the nav and breadcrumbs: text from YAML is escaped
        # (heading names are escaped already; the <title> strips tags and entities anyway).
        h1 = next((h.name for h in generated.headings if h.level == 1), None)
        title = html.escape(nav_title, quote=False) if nav_title else h1 or html.escape(generated.title, quote=False)
        super().__init__(title, file, config)
        self.generated = generated

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = self.generated.content, dict(self.generated.meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.generated.content
        headings = self.generated.headings
        self.toc = get_toc(nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.name} for h in headings]))
        self.present_anchor_ids = set(self.generated.anchors)
        links: dict[File, dict[str, str]] = {}
        for link in self.generated.anchor_links:
            path, _, anchor = link.partition("#")
            target = files.get_file_from_path(path)
            if target is not None:
                links.setdefault(target, {})[anchor] = link
        self.links_to_anchors = links


class HookTimer:
    """Seconds spent in each of our hooks during one build; written as JSON to the file named by
    $SWKB_TIMINGS (the performance benchmark reads it), otherwise only kept in memory."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def report(self) -> None:
        target = os.environ.get(TIMINGS_ENV)
        if target:
            Path(target).write_text(json.dumps({**self.seconds, "total": sum(self.seconds.values())}), encoding="utf-8")


def nav_title(text: str) -> str:
    """A nav title from the catalog. Material prints nav titles unescaped (nav, breadcrumbs),
    so text from YAML is HTML-escaped here."""
    return html.escape(text, quote=False)


def _walk_nav(entries: list[NavEntry]) -> Iterator[NavEntry]:
    for entry in entries:
        yield entry
        yield from _walk_nav(entry.children)


def expand_nav(nav: list[Any], sections: dict[str, list[NavEntry]]) -> list[Any]:
    """Replace each kind's index entry in the configured nav by the section the page tree gives."""

    def entry(item: NavEntry) -> Any:
        if item.children:
            return {nav_title(item.title or ""): [entry(child) for child in item.children]}
        return {nav_title(item.title): item.uri} if item.title else item.uri

    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, dict):
                ((title, value),) = item.items()
                if isinstance(value, str) and value in sections:
                    out.append({title: [entry(e) for e in sections[value]]})
                elif isinstance(value, list):
                    out.append({title: walk(value)})
                else:
                    out.append(item)
            elif isinstance(item, str) and item in sections:
                out.append([entry(e) for e in sections[item]])
            else:
                out.append(item)
        return out

    return walk(nav)


@dataclass
class CatalogSite:
    """The catalog of one build and the pages compiled from it."""

    project_root: Path
    catalog_dir: Path
    catalog: Catalog
    build_info: BuildInfo
    sidecar: Sidecar
    """Makes the downloads and the search index beside the page loop."""
    stock: bool = False
    """The benchmark's baseline configuration (see `from_config`)."""
    tree: PageTree | None = None
    """Compiled in `add_files`, once the URL scheme is final (the offline plugin changes it)."""
    _tooltips: Tooltips | None = None

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> CatalogSite:
        """Load the catalog next to mkdocs.yml (or at $SWKB_CATALOG); stop the build on any error."""
        project_root = Path(config.config_file_path).resolve().parent
        catalog_dir = Path(os.environ.get(CATALOG_DIR_ENV) or project_root / "catalog")
        try:
            catalog = load_catalog(catalog_dir, display_base=project_root)
        except CatalogErrors as exc:
            raise PluginError(str(exc)) from None
        # `mkdocs serve` rebuilds when the catalog changes, wherever it lives.
        if str(catalog_dir) not in config.watch:
            config.watch.append(str(catalog_dir))
        stock = bool(os.environ.get(STOCK_ENV))
        if is_large(catalog) and not stock:
            # A national catalog: top-level sections fold away unless the reader is in them, so a
            # policy document's page does not carry every province and guide in its sidebar.
            config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.sections"]
        if stock:
            # The benchmark's baseline: the same pages with Material's defaults (whole nav on
            # every page, one page per comparison); search is switched by SWKB_SEARCH_ENGINE.
            config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.prune"]
        if search.engine() == "swkb":
            config.extra["swkb_search_worker"] = SEARCH_WORKER  # pages ask for our search worker
            search.disable_material_segmentation()
        info = buildinfo.collect(project_root, catalog_dir, catalog)
        return cls(project_root, catalog_dir, catalog, info, Sidecar(catalog, catalog_dir, info.catalog_version), stock)

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Compile the page tree, add each page to MkDocs' files as an in-memory file with its
        SitePage attached (as Material's blog plugin adds its posts), and put them in the nav."""
        docs_dir = Path(config.docs_dir).resolve()
        self.tree = compile_site(self.catalog, self.build_info, directory_urls=config.use_directory_urls,
                                 large=False if self.stock else None)
        nav_titles = {entry.uri: entry.title for entries in self.tree.sections.values()
                      for entry in _walk_nav(entries) if entry.uri and entry.title}
        for page in self.tree.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"docs/{page.src_uri} 与目录生成的页面同名；生成的页面不能写进 docs/，请删除该文件。")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            # The edit button opens the YAML the page came from, not a docs/ file that doesn't exist.
            generated.edit_uri = (
                os.path.relpath(self.project_root / page.source_file, docs_dir).replace(os.sep, "/")
                if page.source_file else None
            )
            files.append(generated)
            SitePage(page, generated, config, nav_titles.get(page.src_uri))
        if config.nav:
            config.nav = expand_nav(config.nav, self.tree.sections)
        self.sidecar.set_entities(self._search_entities())
        return files

    def _search_entities(self) -> list[search.Entity]:
        """The pages (and glossary sections) that are about one catalog entry."""
        pages = self._tree().pages
        entities = [search.Entity(page.url, page.kind, page.entry_id) for page in pages.values() if page.entry_id is not None]
        glossary = pages.get(INDEX_URI["term"])
        if glossary is not None:
            entities += [search.Entity(f"{glossary.url}#{tid}", "term", tid) for tid in self.catalog.terms]
        return entities

    def _tree(self) -> PageTree:
        if self.tree is None:
            raise RuntimeError("CatalogSite.add_files has not run yet")
        return self.tree

    def expand_page_markdown(self, markdown: str, page: Page) -> str:
        """Hand-written pages: fill markers and catalog links; an unknown one stops the build."""
        if isinstance(page, SitePage):
            return markdown
        try:
            return expand_markdown(markdown, page.file.src_uri, self._tree().renderer)
        except MarkerError as exc:
            raise PluginError(str(exc)) from None

    def index_for_search(self, page_html: str, page: Page) -> None:
        """Hand the page to the sidecar, which cuts it into search sections (swkb.sections), and
        tell Material's search plugin to skip it: its html.parser pass was a quarter of a large
        build. Material's own `search: exclude` front matter is honoured. The stock
        configuration keeps Material's indexing."""
        if search.engine() != "swkb":
            return
        meta = page.meta.get("search") or {}
        if not meta.get("exclude"):
            self.sidecar.add_page(page.url, str(page.meta.get("title", page.title)), page_html)
        page.meta["search"] = {**meta, "exclude": True}

    def add_tooltips(self, page_html: str) -> str:
        """Glossary tooltips on every page, for the first use of each glossary word."""
        if self._tooltips is None:
            names = [n for group in search.entity_names(self.catalog).values() for n in group]
            self._tooltips = Tooltips(self._tree().renderer.tooltip_table(), protected=names)
        return self._tooltips.add(page_html)

    def write_downloads(self, config: MkDocsConfig) -> None:
        """CSV, Excel and JSON downloads, into the built site."""
        for uri, content in self.sidecar.downloads().items():
            target = Path(config.site_dir) / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def enrich_search_index(self, config: MkDocsConfig) -> None:
        """Rewrite Material's search index for our worker (after Material wrote it)."""
        if search.engine() != "swkb":
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.exists():
            return
        material = json.loads(path.read_text(encoding="utf-8"))  # its docs are empty: pages went to the sidecar
        ours = self.sidecar.search_index()
        index = {"config": {**material.get("config", {}), **ours["config"]}, "docs": ours["docs"]}
        offline = config.plugins.get("material/offline")
        if offline is None or not offline.config.enabled:  # file:// cannot fetch shards: one file there
            index, shards = search.split_index(index)
            for shard_path, shard in shards.items():
                (Path(config.site_dir) / shard_path).write_text(
                    json.dumps(shard, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
