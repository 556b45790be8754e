"""What the MkDocs hooks do, kept in the package so it is typed, tested and documented.

Flow per build (and per `mkdocs serve` rebuild): `CatalogSite.from_config` loads and checks
the catalog (a bad catalog stops the build with the full error list) and starts the sidecar
process; `add_files` renders the generated pages as HTML, adds them to MkDocs' file collection
in memory and expands the nav placeholders; `adopt` lets those pages skip the Markdown step;
`expand_page_markdown` fills `<!-- swkb:NAME -->` markers and `[[kind:id]]` links in
hand-written pages; every rendered page gets glossary tooltips and goes to the sidecar for
search; at the end `write_downloads` and `enrich_search_index` write what the sidecar made.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from markdown.extensions.toc import nest_toc_tokens

from . import buildinfo, search
from .catalog import Catalog
from .errors import CatalogErrors
from .load import load_catalog
from .sidecar import Sidecar
from .tooltips import Tooltips
from .buildinfo import BuildInfo
from .render import COMPARE_INDEX, INDEX_URI, GeneratedPage, MarkerError, Renderer, is_large

SEARCH_WORKER = "assets/javascripts/swkb-search-worker.js"
TIMINGS_ENV = "SWKB_TIMINGS"
STOCK_ENV = "SWKB_STOCK"
MARKER_RE = re.compile(r"<!--\s*swkb:([A-Za-z0-9_-]+)(?:\s+([^\s>][^>]*?))?\s*-->")
CODE_RE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|(`+)[^`\n]+?\2", re.M | re.S)
# [[service:shehui-jiuzhu]] or [[region:changshu|常熟]]: a link into the catalog, checked at build time.
LINK_RE = re.compile(r"\[\[([a-z]+):([^\]|]*)(?:\|([^\]]+))?\]\]")
CATALOG_DIR_ENV = "SWKB_CATALOG"
_ID_ATTR = re.compile(r'\bid="([^"]+)"')


class CatalogPage(Page):
    """A page compiled from the catalog. Its body is already HTML (see swkb.render), so the
    Markdown conversion of `Page.render` is skipped; afterwards the page carries what MkDocs and
    Material expect from a rendered page: content, table of contents, title and anchor ids.

    MkDocs creates its Page objects itself (the nav holds them), so `CatalogSite.adopt` turns
    the generated ones into this class before they are rendered."""

    generated: GeneratedPage

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self.content = self.markdown  # read_source has taken the front matter off
        headings = self.generated.headings
        self.toc = get_toc(nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.name} for h in headings]))
        self._title_from_render = next((h.name for h in headings if h.level == 1), None)
        # Every id on the page, so that links from hand-written pages to its anchors are checked.
        self.present_anchor_ids = set(_ID_ATTR.findall(self.content))


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
    so text from YAML is HTML-escaped here; the page <title> strips tags and entities anyway."""
    return html.escape(text, quote=False)


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
    renderer: Renderer | None = None
    """Made in `add_files`, once the URL scheme is final (the offline plugin changes it)."""
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    """The generated pages by src_uri."""
    generated_files: dict[str, File] = field(default_factory=dict)
    """The File of each generated page by src_uri; their URLs are known once MkDocs has them."""
    _tooltips: Tooltips | None = None

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> "CatalogSite":
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
        """Add every generated page as an in-memory file and put it in the nav."""
        docs_dir = Path(config.docs_dir).resolve()
        self.renderer = Renderer(self.catalog, self.build_info, directory_urls=config.use_directory_urls)
        if self.stock:
            self.renderer.large = False
        self.pages = {page.src_uri: page for page in self.renderer.pages()}
        for page in self.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"docs/{page.src_uri} 与目录生成的页面同名；生成的页面不能写进 docs/，请删除该文件。")
            # Document pages and per-province listings are deliberately left out of the nav (see _expand_nav).
            in_nav = not (page.kind == "document" or page.src_uri.startswith("compare/") and page.src_uri.count("/") > 1
                          or page.kind == "region" and page.entry_id is not None and not self._region_in_nav(page.entry_id))
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            self.generated_files[page.src_uri] = generated
            # The edit button opens the YAML the page came from, not a docs/ file that doesn't exist.
            generated.edit_uri = (
                os.path.relpath(self.project_root / page.source_file, docs_dir).replace(os.sep, "/")
                if page.source_file else None
            )
            files.append(generated)
        if config.nav:
            config.nav = self._expand_nav(config.nav)
        self.sidecar.set_entities(self._search_entities())
        return files

    def _search_entities(self) -> list[search.Entity]:
        """The pages (and glossary sections) that are about one catalog entry."""
        entities = [search.Entity(self.generated_files[page.src_uri].url, page.kind, page.entry_id)
                    for page in self.pages.values() if page.entry_id is not None]
        glossary = self.generated_files.get(INDEX_URI["term"])
        if glossary is not None:
            entities += [search.Entity(f"{glossary.url}#{tid}", "term", tid) for tid in self.catalog.terms]
        return entities

    def _ready(self) -> Renderer:
        if self.renderer is None:
            raise RuntimeError("CatalogSite.add_files has not run yet")
        return self.renderer

    def adopt(self, page: Page) -> Page:
        """Make a generated page a CatalogPage (its HTML is ready; no Markdown step)."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and page.file.generated_by is not None:
            page.__class__ = CatalogPage
            assert isinstance(page, CatalogPage)
            page.generated = generated
        return page

    def expand_page_markdown(self, markdown: str, page: Page) -> str:
        """Hand-written pages: fill markers and catalog links; an unknown one stops the build."""
        if page.file.generated_by is None:
            where = f"docs/{page.file.src_uri}"
            # Code (fenced blocks, `inline`) shows the syntax itself and is left as written.
            code: list[str] = []

            def hide(match: re.Match[str]) -> str:
                code.append(match.group(0))
                return f"\x00{len(code) - 1}\x00"

            markdown = CODE_RE.sub(hide, markdown)
            markdown = self._expand_markers(markdown, page.file.src_uri, where)
            markdown = self._expand_links(markdown, page.file.src_uri, where)
            markdown = re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))], markdown)
        return markdown

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
            self._tooltips = Tooltips(self._ready().tooltip_table(), protected=names)
        return self._tooltips.add(page_html)

    def _expand_markers(self, markdown: str, page_uri: str, where: str) -> str:
        def replace(match: re.Match[str]) -> str:
            name, argument = match.group(1), (match.group(2) or "").strip() or None
            line = markdown.count("\n", 0, match.start()) + 1
            try:
                # Blank lines around: a raw HTML block, which Markdown passes through as it is.
                return f"\n\n{self._ready().marker(name, page_uri, argument)}\n\n"
            except MarkerError as exc:
                raise PluginError(f"{where}:{line}：{exc}") from None

        return MARKER_RE.sub(replace, markdown)

    def _expand_links(self, markdown: str, page_uri: str, where: str) -> str:
        def replace(match: re.Match[str]) -> str:
            kind, entry_id, label = match.group(1), match.group(2), match.group(3)
            line = markdown.count("\n", 0, match.start()) + 1
            try:
                return self._ready().entry_link(kind, entry_id, label, page_uri)
            except MarkerError as exc:
                raise PluginError(f"{where}:{line}：{exc}") from None

        return LINK_RE.sub(replace, markdown)

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

    # ----- navigation -----

    def _expand_nav(self, nav: list[Any]) -> list[Any]:
        """Replace each kind's index entry in the configured nav by a section of its pages."""
        sections = {
            INDEX_URI["service"]: self._service_nav(),
            INDEX_URI["role"]: [INDEX_URI["role"]] + [{nav_title(r.name): f"roles/{rid}.md"} for rid, r in self.catalog.roles.items()],
            INDEX_URI["region"]: [INDEX_URI["region"]] + [self._region_nav(rid) for rid in self.catalog.children.get(None, [])],
            # Documents are reached from their region pages and the documents index, not the nav:
            # thousands of entries there would only slow every page down.
            INDEX_URI["document"]: INDEX_URI["document"],
            # Only the comparisons themselves; their per-province pages are linked from each one.
            COMPARE_INDEX: [COMPARE_INDEX] + [p.src_uri for p in self.pages.values() if p.kind == "compare"
                                              and p.src_uri != COMPARE_INDEX and p.src_uri.count("/") == 1],
        }

        def walk(items: list[Any]) -> list[Any]:
            out: list[Any] = []
            for item in items:
                if isinstance(item, dict):
                    (title, value), = item.items()
                    if isinstance(value, str) and value in sections:
                        out.append({title: sections[value]})
                    elif isinstance(value, list):
                        out.append({title: walk(value)})
                    else:
                        out.append(item)
                elif isinstance(item, str) and item in sections:
                    out.append(sections[item])
                else:
                    out.append(item)
            return out

        return walk(nav)

    def _service_nav(self) -> list[Any]:
        items: list[Any] = [INDEX_URI["service"]]
        for cid, category in self.catalog.categories.items():
            items.append({nav_title(category.name): [
                {nav_title(f"{self.catalog.services[sid].number}. {self.catalog.services[sid].name}"): f"services/{sid}.md"}
                for sid in self.catalog.services_of_category.get(cid, [])
            ]})
        return items

    def _region_in_nav(self, region_id: str) -> bool:
        """In a large catalog the nav stops at cities: a county page would otherwise carry its
        province's cities and its city's counties in its sidebar. Counties are listed on their
        city's page, and each region page links its province and city at the top."""
        return not (self._ready().large and self.catalog.regions[region_id].level == "county")

    def _region_nav(self, region_id: str) -> Any:
        region = self.catalog.regions[region_id]
        own = f"regions/{region_id}/index.md"
        kids = [kid for kid in self.catalog.children.get(region_id, []) if self._region_in_nav(kid)]
        if not kids:
            return {nav_title(region.name): own}
        return {nav_title(region.name): [own] + [self._region_nav(kid) for kid in kids]}
