"""The MkDocs adapter: the only module that imports MkDocs or Material.

Everything else in swkb works without them: the catalog is loaded and checked (swkb.catalog),
views computed (swkb.views), pages compiled into a page tree (swkb.site.pagetree). This module
hands that tree to MkDocs, in the documented way:

- `CatalogSite.from_config` (on_config) loads the catalog; a bad catalog stops the build with
  the full error list. Settings come from the plugin's options (swkb.site.plugin), never from
  the environment.
- `add_files` (on_files) adds each generated page as an in-memory `File` with a `SitePage`
  attached, as Material's blog plugin attaches its posts, and expands the nav placeholders.
- `expand_page_markdown` (on_page_markdown) fills markers and catalog links of hand-written pages.
- `page_content` (on_page_content) adds tooltips to hand-written pages and indexes them for search.
- `write_outputs` (on_post_build) writes the downloads and our search index (the worker and the
  whole index file; Material's own index is overwritten, never read).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
import jinja2.bccache
from markdown.extensions.toc import nest_toc_tokens
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import swkb.publish.buildinfo as buildinfo
import swkb.search.index as search
from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import load_catalog
from swkb.catalog.store import Catalog
from swkb.log import log
from swkb.publish.buildinfo import BuildInfo
from swkb.publish.downloads import DownloadsCache, downloads
from swkb.search.build import DocsCache, SearchBuild
from swkb.search.documents import SearchDoc
from swkb.search.vocabulary import VocabularyCache
from swkb.search.worker import WORKER_PATH, WORKER_SOURCES, worker_script
from swkb.site import apidocs
from swkb.site.background import Background, BackgroundError
from swkb.site.markers import MarkerError, expand_markdown
from swkb.site.pages import GeneratedPage, NavEntry
from swkb.site.pagetree import PageTree, compile_site
from swkb.site.preview import BANNER_SCRIPT, STATUS_URI, LivePreview, render_status
from swkb.site.render import TEMPLATE_DIR

__all__ = ["CatalogErrorSite", "CatalogSite", "HookTimer", "LivePreview", "SiteSettings"]
from swkb.views.pagination import is_large
from swkb.views.urls import page_url

SEARCH_WORKER = WORKER_PATH
SEARCH_UI = "assets/javascripts/swkb-search-ui.js"


@dataclass(frozen=True)
class SiteSettings:
    """What one build is configured with: the plugin's options, paths made absolute."""

    project_root: Path
    """The folder of mkdocs.yml."""
    catalog_dir: Path
    docs_dir: Path
    source_archive: Path | None = None
    search_engine: str = "swkb"
    search_shard_above: int = search.SHARD_ABOVE_BYTES
    small_layout: bool = False
    """Lay out any catalog as a small one (the benchmark's stock baseline)."""
    release_notes: Path | None = None
    build_date: int | None = None
    timings: Path | None = None
    catalog_cache: Path | None = None
    """Where parsed catalog files outlast the build (swkb.catalog.load.LoadCache)."""
    vocabulary_cache: Path | None = None
    """Where the search index's query vocabulary outlasts the build (swkb.search.vocabulary)."""
    parallel: bool = False
    """Write the downloads in a forked child while MkDocs renders the pages (swkb.site.background)."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


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


class GeneratedFile(File):
    """A page compiled from the catalog. In a dirty build (`mkdocs serve --dirty`, which
    scripts/serve.sh runs) MkDocs renders only the files that say they are modified; this one
    says so when its page or the nav changed since the last build of the session."""

    modified: bool = True

    def is_modified(self) -> bool:
        return self.modified


class HandwrittenFile(File):
    """A page of docs/. Besides its own edits (MkDocs compares the file's time with its output's),
    it is modified when what its catalog markers and links expand to changed, or the nav did."""

    forced: bool = True

    def is_modified(self) -> bool:
        return self.forced or super().is_modified()


@dataclass
class BuildMemory:
    """What one build leaves for the next one in the same `mkdocs serve --dirty` session (the
    plugin keeps it): enough to tell which pages changed, and which outputs are stale."""

    layout_key: tuple[Any, ...] | None = None
    """The nav, the page titles, the theme files and mkdocs.yml: when it changes, every page does."""
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    expanded: dict[str, str] = field(default_factory=dict)
    """Hand-written pages: their Markdown after markers and links were filled."""
    outputs: set[Path] = field(default_factory=set)
    """Every page and data file the last build wrote (stale ones are removed)."""
    search_docs: dict[str, Any] = field(default_factory=dict)
    """Hand-written pages' search documents, by src_uri (a page not rebuilt keeps its own)."""
    downloads: DownloadsCache = field(default_factory=dict)
    """Each comparison table's download files and what they were made from."""
    code_key: tuple[tuple[str, int], ...] = ()
    """Each Python file of swkb/ and its modification time: the API pages document them."""
    page_heads: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)
    """Title and front matter of every page: the nav of the pages that are rendered shows those
    of the pages that are not (MkDocs reads neither for a page it skips)."""
    tree: PageTree | None = None
    """The page tree, for the next build to take over when nothing it is made from changed."""
    tree_key: tuple[tuple[Any, ...], tuple[Any, ...]] | None = None
    """What the page tree was made from (_tree_key)."""


def _code_key() -> tuple[tuple[str, int], ...]:
    """The Python files of the swkb package with their modification times."""
    package = Path(__file__).resolve().parent.parent
    return tuple((p.as_posix(), p.stat().st_mtime_ns) for p in sorted(package.rglob("*.py")))


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates (the theme's and ours), kept in memory for a whole `mkdocs serve`
    session and, given a folder, on disk for the next build. MkDocs makes a new template
    environment for every build, so each save compiled Material's templates again (0.4 s of a
    1 s save); compiling every template took about 0.4 s of each fresh build of the real catalog.
    Jinja keys each entry by template name and stores a checksum of its source (and its own and
    Python's version), so an edited template is compiled afresh. The disk copy is only a
    shortcut: a folder that cannot be written is passed over and the build goes on."""

    def __init__(self, directory: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.directory = directory

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.directory is not None:
            with contextlib.suppress(OSError):
                code = (self.directory / f"{bucket.key}.jinja").read_bytes()
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.directory is None:
            return
        target = self.directory / f"{bucket.key}.jinja"
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(code)
            os.replace(partial, target)  # two processes compiling the same template: one wins whole
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()


class ChromeMemo:
    """Parts of the theme that pages outside the nav share, rendered once per kind of place:
    the primary sidebar, and the head's styles, the config data and the scripts.

    At national scale most pages (counties, documents, cards) have no nav entry, so nothing in
    the sidebar is marked active for them, and Material prints these parts the same for all of
    them except their links, which MkDocs makes relative to the page. A relative link depends only
    on how deep the page's folder is and on how many leading folders it shares with the link's
    target, so pages with the same depth and the same leading folders, as far as any target of
    these parts reaches (nav entries, the logo, theme and site assets, extra scripts and styles),
    get the same HTML. Rendering the nav was a quarter of the page loop at 3,000 regions.
    The header differs only by the page's title, which it prints in one place: it is kept as the
    HTML before and after that title (about 0.3 ms of each of 9,500 pages at 3,000 regions).
    overrides/main.html calls this around Material's blocks; one memo lives for one build (a new
    template environment), so a changed nav or asset list is never reused."""

    def __init__(self, asset_urls: Iterable[str] = ()) -> None:
        self._html: dict[tuple[str, tuple[str, ...]], Markup] = {}
        self._headers: dict[tuple[str, ...], tuple[str, str] | Literal[False]] = {}
        self._asset_urls = list(asset_urls)
        self._targets: tuple[int, frozenset[str], _Folders] | None = None

    def key(self, page: Page | None, nav: Navigation | None, config: MkDocsConfig) -> tuple[str, ...] | None:
        """What this page's shared parts depend on, or None if they must be rendered for it alone."""
        if page is None or nav is None:
            return None
        if self._targets is None or self._targets[0] != id(nav):
            in_nav, urls = _nav_targets(nav, config)
            extras = [str(u) for u in (*config.extra_javascript, *config.extra_css)]
            self._targets = (id(nav), in_nav, _Folders([*urls, *self._asset_urls, *extras]))
        _, in_nav, targets = self._targets
        if page.url in in_nav or page.is_homepage:
            return None  # its entry and sections are marked active
        parts = _url_folders(page.url)
        return (str(len(parts)), *parts[: targets.shared(parts)])

    def __call__(
        self, key: tuple[str, ...] | None, part: str = "nav", title: object = None, *, caller: Callable[[], Markup]
    ) -> Markup:
        if key is None:
            return caller()
        if part == "header":
            return self._header(key, str(title), caller)
        html = self._html.get((part, key))
        if html is None:
            html = self._html[part, key] = caller()
        return html

    def _header(self, key: tuple[str, ...], title: str, caller: Callable[[], Markup]) -> Markup:
        """The header, which prints the page's title (as overrides/main.html passes it) in one
        place: kept as the HTML before and after that title. A key whose first header does not
        show its title exactly there is rendered for every page."""
        kept = self._headers.get(key)
        if kept is None:
            html = caller()
            self._headers[key] = _around_title(html, title) or False
            return html
        if kept is False:
            return caller()
        before, after = kept
        return Markup(before + title + after)


_HEADER_TOPIC = 'data-md-component="header-topic">'
_ELLIPSIS = '<span class="md-ellipsis">'


def _around_title(header: str, title: str) -> tuple[str, str] | None:
    """Material's header split around the page title it prints in its topic span, or None when
    the span is missing or does not hold exactly `title` between white space."""
    topic = header.find(_HEADER_TOPIC)
    span = header.find(_ELLIPSIS, topic) if topic >= 0 else -1
    if span < 0 or not title or title != title.strip():
        return None
    start = span + len(_ELLIPSIS)
    end = header.find("</span>", start)
    inner = header[start:end] if end >= 0 else ""
    if inner.strip() != title:
        return None
    lead = len(inner) - len(inner.lstrip())
    return header[: start + lead], header[start + lead + len(title) :]


class _Folders:
    """The path parts of link targets, as a tree: how many leading parts a page shares with the
    closest of them is one walk down it (thousands of pages, hundreds of targets)."""

    def __init__(self, urls: Iterable[str]) -> None:
        self._root: dict[str, Any] = {}
        for url in urls:
            node = self._root
            for part in (p for p in url.split("/") if p):
                node = node.setdefault(part, {})

    def shared(self, parts: tuple[str, ...]) -> int:
        node: dict[str, Any] | None = self._root
        depth = 0
        for part in parts:
            node = node.get(part) if node is not None else None
            if node is None:
                break
            depth += 1
        return depth


def _nav_targets(nav: Navigation, config: MkDocsConfig) -> tuple[frozenset[str], set[str]]:
    """The URLs of the pages in the nav, and every URL the sidebar links to (pages, sections'
    first pages, links, the home page, the logo)."""
    pages = frozenset(p.url for p in nav.pages)
    urls = set(pages)
    items = list(nav.items)
    while items:
        item = items.pop()
        url = getattr(item, "url", None)
        if isinstance(url, str):
            urls.add(url)
        items.extend(getattr(item, "children", None) or [])
    for extra in (config.extra.get("homepage"), config.theme.get("logo")):
        if isinstance(extra, str):
            urls.add(extra)
    return pages, urls


def _url_folders(url: str) -> tuple[str, ...]:
    """The folders of a page URL as MkDocs relates links to it (a last part with a dot is a file)."""
    folder, _, last = url.rpartition("/")
    return tuple(p for p in (folder if "." in last else url).split("/") if p)


class HookTimer:
    """Seconds spent in each of our events during one build; written as JSON to the file named by
    the `timings` option (the performance benchmark reads it), otherwise only kept in memory."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def report(self, target: Path | None, background: float | None = None) -> None:
        """`total` is the time the build waited for our events; `background` the seconds the
        forked writers of the downloads and of the search index worked beside the page loop
        (not part of the total)."""
        if target:
            extra = {"background": background} if background is not None else {}
            target.write_text(json.dumps({**self.seconds, "total": sum(self.seconds.values()), **extra}), encoding="utf-8")


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


DEFAULT_EDIT_URI = "edit/main/docs/"


def watch_catalog(config: MkDocsConfig, settings: SiteSettings) -> None:
    """`mkdocs serve` rebuilds when the catalog changes, wherever it lives."""
    if str(settings.catalog_dir) not in config.watch:
        config.watch.append(str(settings.catalog_dir))


class CatalogPluginError(PluginError):
    """A bad catalog stops the build; the preview shows the errors themselves instead."""

    def __init__(self, errors: CatalogErrors) -> None:
        super().__init__(str(errors))
        self.errors = errors


def error_page_context(context: Any, template_name: str, config: MkDocsConfig) -> Any:
    """The 404 page without a site URL: its links relative, and the root found in the browser
    (overrides/404.html), so it works under any sub-path. With a site URL MkDocs' absolute
    links already do."""
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = "."
        context["swkb_root_probe"] = SEARCH_WORKER
    return context


def configure_edit_links(config: MkDocsConfig) -> None:
    """Readers see a repository link and edit buttons only when a repository is configured
    (SWKB_REPO_URL): without one there is nothing to link to, so no edit URI either."""
    if not config.repo_url:
        config.repo_url = config.repo_name = config.edit_uri = config.edit_uri_template = None
    elif not (config.edit_uri or config.edit_uri_template):
        config.edit_uri = DEFAULT_EDIT_URI


@dataclass
class CatalogSite:
    """The catalog of one build and the pages compiled from it."""

    settings: SiteSettings
    catalog: Catalog
    build_info: BuildInfo
    search: SearchBuild
    """Collects the search documents of this build."""
    tree: PageTree | None = None
    """Compiled in `add_files`, once the URL scheme is final (the offline plugin changes it)."""
    memory: BuildMemory | None = None
    """The previous build of this serve session (dirty builds only): unchanged pages are skipped."""
    files: Files | None = None
    dirty: bool = False
    """A dirty build (`mkdocs serve --dirty`): changes are tracked for the next one. A plain build
    does none of that bookkeeping."""
    tree_key: tuple[tuple[Any, ...], tuple[Any, ...]] | None = None
    """What this build's page tree was made from (dirty builds only)."""
    next_memory: BuildMemory | None = None
    """What this build leaves for the next one (made in `add_files`, completed after writing)."""
    _downloads: Background[set[Path]] | None = None
    _search_work: Background[dict[Path, str]] | None = None
    """A full build's downloads, being written beside the page loop (started in `add_files`)."""
    background_seconds: float | None = None
    """Seconds the background writers worked, when they ran in children (for the benchmark)."""

    @property
    def project_root(self) -> Path:
        return self.settings.project_root

    @property
    def large(self) -> bool:
        """A national-scale catalog (swkb.views.pagination.is_large)."""
        return is_large(self.catalog)

    @property
    def catalog_dir(self) -> Path:
        return self.settings.catalog_dir

    @classmethod
    def from_config(
        cls,
        config: MkDocsConfig,
        settings: SiteSettings,
        preview: LivePreview,
        memory: BuildMemory | None = None,
        search_cache: DocsCache | None = None,
        dirty: bool = False,
    ) -> CatalogSite:
        """Load the catalog the settings name; stop the build on any error. `memory` is the
        previous build of a dirty serve session; files unchanged since are not read again."""
        watch_catalog(config, settings)
        preview.cache.folder = settings.catalog_cache
        preview.cache.save_later = preview.serving  # written with the downloads (plugin, on_post_build)
        try:
            # Under `mkdocs serve` the live preview has just checked (loaded) the same files.
            catalog = preview.take_checked(settings.catalog_dir) or load_catalog(
                settings.catalog_dir, display_base=settings.project_root, cache=preview.cache
            )
        except CatalogErrors as exc:
            raise CatalogPluginError(exc) from None
        configure_edit_links(config)
        if is_large(catalog) and not settings.small_layout:
            # A national catalog: top-level sections fold away unless the reader is in them, so a
            # policy document's page does not carry every province and guide in its sidebar.
            config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.sections"]
        if settings.search_engine == "swkb":
            config.extra["swkb_search_worker"] = SEARCH_WORKER  # pages ask for our search worker
            config.extra["swkb_search_ui"] = SEARCH_UI  # and load the kind buttons of the result list
            search.disable_material_segmentation()
        info = buildinfo.collect(
            settings.project_root, settings.catalog_dir, catalog, notes_file=settings.release_notes, epoch=settings.build_date
        )
        vocabulary = VocabularyCache(settings.vocabulary_cache) if settings.vocabulary_cache else None
        return cls(settings, catalog, info, SearchBuild(catalog, search_cache, vocabulary), memory=memory, dirty=dirty)

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Compile the page tree, add each page to MkDocs' files as an in-memory file with its
        SitePage attached (as Material's blog plugin adds its posts), and put them in the nav.

        In a dirty build each file also says whether it changed since the last build of the
        session (`memory`); MkDocs then renders and writes only those."""
        docs_dir = Path(config.docs_dir).resolve()
        tree_key = self._tree_key(config) if self.dirty else None
        before = self.memory
        if before is not None and before.tree is not None and tree_key is not None and before.tree_key == tree_key:
            # A save outside the catalog (a guide, a stylesheet, mkdocs.yml): the pages compiled
            # from the catalog are the same, and at 3,000 regions compiling them took 20 s.
            log.debug("页面树沿用上一次构建：目录数据、模板和代码都没有变")
            self.tree = before.tree.with_build_info(self.build_info)
        else:
            # A catalog edit: pages whose inputs did not change are taken from the last tree, if
            # it was made by the same templates and code with the same options (all of the key
            # but the catalog's content). At 3,000 regions the onboarding cards were 40% of it.
            reuse = None
            if before is not None and before.tree is not None and before.tree_key is not None and tree_key is not None:
                reuse = before.tree.memo if before.tree_key[1] == tree_key[1] else None
            self.tree = compile_site(
                self.catalog,
                self.build_info,
                directory_urls=config.use_directory_urls,
                large=False if self.settings.small_layout else None,
                parallel=self.settings.parallel,
                reuse=reuse,
                remember=self.dirty,
            )
            if reuse is not None:
                log.debug("页面树：%d 页的输入与上一次相同，沿用", self.tree.renderer.reused)
        self.tree_key = tree_key
        nav_titles = {
            entry.uri: entry.title
            for entries in self.tree.sections.values()
            for entry in _walk_nav(entries)
            if entry.uri and entry.title
        }
        # Hand-written pages become HandwrittenFiles in place (same order: the build is the same).
        out = Files(
            [
                HandwrittenFile(f.src_uri, f.src_dir, f.dest_dir, f.use_directory_urls, inclusion=f.inclusion)
                if f.is_documentation_page() and f.generated_by is None and f.abs_src_path
                else f
                for f in files
            ]
        )
        generated_files: list[tuple[GeneratedPage, GeneratedFile]] = []
        for page in self.tree.pages.values():
            existing = out.get_file_from_path(page.src_uri)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"docs/{page.src_uri} 与目录生成的页面同名；生成的页面不能写进 docs/，请删除该文件。")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = GeneratedFile.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            # The edit button opens the YAML the page came from, not a docs/ file that doesn't exist.
            generated.edit_uri = (
                os.path.relpath(self.project_root / page.source_file, docs_dir).replace(os.sep, "/") if page.source_file else None
            )
            out.append(generated)
            SitePage(page, generated, config, nav_titles.get(page.src_uri))
            generated_files.append((page, generated))  # type: ignore[arg-type]
        if config.nav:
            config.nav = expand_nav(config.nav, self.tree.sections)
        if self.dirty:
            self._mark_changes(out, config, generated_files)
        else:
            # The catalog and the views are final here: the downloads need nothing the page loop makes.
            site_dir = Path(config.site_dir)
            self._downloads = Background(lambda: self._write_download_files(site_dir), fork=self.settings.parallel, yields=True)
        self.files = out
        return out

    def _mark_changes(self, files: Files, config: MkDocsConfig, generated: list[tuple[GeneratedPage, GeneratedFile]]) -> None:
        """Tell each file whether it changed since the previous build (everything, without one)."""
        memory = self.memory
        layout = self._layout_key(files, config)
        expanded = {f.src_uri: self._expand_file(f) for f in files if isinstance(f, HandwrittenFile)}
        same_layout = memory is not None and memory.layout_key == layout
        for page, file in generated:
            before = memory.generated.get(page.src_uri) if memory is not None and same_layout else None
            file.modified = before is None or before != page or before.meta != page.meta or not os.path.isfile(file.abs_dest_path)
        code = _code_key()
        for f in files:
            if isinstance(f, HandwrittenFile):
                # API pages (mkdocstrings' `:::`) show the docstrings of swkb/: they change when its
                # code does. (mkdocs.yml turns off mkdocstrings' inventory, which only the pages
                # rendered in a build would fill.) Rendering them was most of a save's 6 s.
                api_stale = "\n::: " in "\n" + expanded[f.src_uri] and (memory is None or memory.code_key != code)
                f.forced = not same_layout or memory is None or memory.expanded.get(f.src_uri) != expanded[f.src_uri] or api_stale
        self.next_memory = BuildMemory(
            layout,
            dict(self.tree.pages) if self.tree else {},
            expanded,
            search_docs=memory.search_docs if memory is not None else {},
            code_key=code,
            downloads=memory.downloads if memory is not None else {},
            tree=self.tree,
            tree_key=self.tree_key,
        )

    def restore_unrendered(self, files: Files) -> None:
        """Pages a dirty build skips get the title and front matter they had (on_nav)."""
        if self.memory is None:
            return
        for file in files.documentation_pages():
            page = file.page
            if page is None or file.is_modified() or file.src_uri not in self.memory.page_heads:
                continue
            page.title, page.meta = self.memory.page_heads[file.src_uri]

    def _expand_file(self, file: File) -> str:
        """A hand-written page's Markdown with its markers and links filled (errors surface
        later, in on_page_markdown, with the page named)."""
        assert file.abs_src_path is not None
        try:
            return expand_markdown(Path(file.abs_src_path).read_text(encoding="utf-8-sig"), file.src_uri, self._tree().renderer)
        except (MarkerError, OSError, UnicodeDecodeError) as exc:
            return f"error: {exc}"

    def _tree_key(self, config: MkDocsConfig) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Everything the page tree is made from but the build's time and commit, as (the
        catalog's content and file names, which its version hashes, with its counts; how the
        tree is made from it: the release notes, where the catalog and the project are, the
        layout options, our templates and our code). Pages are reused only when the second is
        the same (RenderMemo)."""
        info = self.build_info
        templates = tuple(
            (path.as_posix(), path.stat().st_mtime_ns) for path in sorted(TEMPLATE_DIR.rglob("*")) if path.is_file()
        )
        return (info.catalog_version, json.dumps(info.counts, sort_keys=True)), (
            repr(info.release),
            str(self.settings.catalog_dir),
            str(self.settings.project_root),
            self.settings.small_layout,
            config.use_directory_urls,
            templates,
            _code_key(),
        )

    def _layout_key(self, files: Files, config: MkDocsConfig) -> tuple[Any, ...]:
        """Everything every page shows: the nav and its titles, the theme and its options."""
        theme_files = []
        for folder in config.theme.dirs[:1]:  # the custom_dir (overrides/); Material's own files do not change
            # Resolved: `mkdocs serve -f mkdocs.yml` names it relatively in the first build only,
            # and a key that differs in its spelling alone made the first save render every page.
            for path in sorted(Path(folder).resolve().rglob("*")):
                if path.is_file():
                    theme_files.append((path.as_posix(), path.stat().st_mtime_ns))
        config_file = Path(config.config_file_path)
        pages = tuple((f.src_uri, f.inclusion.name) for f in files if f.is_documentation_page())
        titles = tuple((p.src_uri, p.title, p.in_nav) for p in self._tree().pages.values())
        return (
            json.dumps(config.nav, ensure_ascii=False, default=str),
            pages,
            titles,
            tuple(theme_files),
            config_file.stat().st_mtime_ns if config_file.is_file() else 0,
            tuple(config.theme.get("features") or ()),
            config.site_url,
            config.repo_url,
            config.edit_uri,
        )

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

    def page_content(self, page_html: str, page: Page) -> str:
        """A rendered page's HTML: a hand-written page gets its glossary tooltips from its HTML
        (generated pages got theirs as they were rendered), then its search sections."""
        if not isinstance(page, SitePage):
            page_html = self.add_tooltips(page_html)
        self.index_for_search(page_html, page)
        return page_html

    def write_outputs(self, config: MkDocsConfig) -> BuildMemory | None:
        """The downloads and the search index; then stale outputs of the previous build are
        removed (a renamed or deleted entry's page). Returns what the next build needs."""
        written = self.write_downloads(config) | self.write_search_index(config)
        if not self.dirty:
            return None
        memory = self.next_memory or BuildMemory()
        memory.page_heads = {
            f.src_uri: (f.page.title, dict(f.page.meta))
            for f in self.files or []
            if f.is_documentation_page() and f.page is not None
        }
        site = Path(config.site_dir)
        memory.outputs = written | {Path(f.abs_dest_path) for f in self.files or [] if f.is_documentation_page()}
        if self.memory is not None:
            for stale in self.memory.outputs - memory.outputs:
                if stale.is_file() and site in stale.parents:
                    stale.unlink()
        return memory

    def index_for_search(self, page_html: str, page: Page) -> None:
        """Hand-written pages go into our index from their HTML; generated pages come from the
        catalog at the end. Material's search plugin is told to skip every page (its html.parser
        pass was a quarter of a large build; its index file is replaced). Material's own
        `search: exclude` front matter is honoured. The stock configuration keeps Material's indexing."""
        if self.settings.search_engine != "swkb":
            return
        meta = page.meta.get("search") or {}
        if not meta.get("exclude") and not isinstance(page, SitePage):
            self.search.add_handwritten(page.file.src_uri, page.url, str(page.meta.get("title", page.title)), page_html)
        page.meta["search"] = {**meta, "exclude": True}

    def add_tooltips(self, page_html: str) -> str:
        """Glossary tooltips on a hand-written page, for the first use of each glossary word."""
        return self._tree().renderer.tooltips.add(page_html)

    def write_downloads(self, config: MkDocsConfig) -> set[Path]:
        """CSV, Excel and JSON downloads, into the built site: a full build collects what its
        background writer wrote; a dirty build writes them now, leaving files whose bytes did not
        change alone."""
        if self._downloads is not None:
            background, self._downloads = self._downloads, None
            try:
                paths = background.result()
            except BackgroundError as exc:
                raise PluginError(f"下载文件生成失败：\n{exc}") from None
            if background.child_seconds is not None:
                self.background_seconds = background.child_seconds
            return paths
        return self._write_download_files(Path(config.site_dir))

    def cancel_background(self) -> None:
        """The build failed: stop the downloads and search writers (their files would be for a
        site not made)."""
        for work in (self._downloads, self._search_work):
            if work is not None:
                work.cancel()
        self._downloads = self._search_work = None

    def _write_download_files(self, site_dir: Path) -> set[Path]:
        written = set()
        renderer = self._tree().renderer
        cache = self.next_memory.downloads if self.next_memory is not None else None
        for uri, content in downloads(self.catalog, renderer.views.tables, renderer.large, cache).items():
            target = site_dir / uri
            written.add(target)
            if (
                self.memory is not None
                and target.is_file()
                and target.stat().st_size == len(content)
                and target.read_bytes() == content
            ):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return written

    def start_search_index(self, config: MkDocsConfig) -> None:
        """Every page has been read and converted (on_env, before the theme renders them): the
        hand-written pages' search documents are known, so a full build makes the search index
        in a forked child while MkDocs renders the pages (at 3,000 regions it was 6 s after the
        page loop), and writes it at the end; a dirty build makes it at the end, here."""
        if self.settings.search_engine != "swkb":
            return
        plugin = config.plugins.get("material/search")
        material = {
            key: plugin.config[key] for key in ("lang", "separator", "pipeline") if plugin is not None and key in plugin.config
        }
        # Hand-written pages in page order; one a dirty build did not render keeps its documents.
        kept = self.memory.search_docs if self.memory is not None else {}
        handwritten = {}
        for file in self.files or []:
            if isinstance(file, HandwrittenFile):
                docs = self.search.handwritten.get(file.src_uri, kept.get(file.src_uri))
                if docs is not None:
                    handwritten[file.src_uri] = docs
        if self.next_memory is not None:
            self.next_memory.search_docs = handwritten
        offline = config.plugins.get("material/offline")
        # file:// cannot fetch shards: the offline bundle gets one file.
        sharded = offline is None or not offline.config.enabled
        site_dir = Path(config.site_dir)
        self._search_work = Background(
            lambda: self._search_files(site_dir, material, list(handwritten.values()), sharded),
            fork=self.settings.parallel and not self.dirty,
            yields=True,
        )

    def write_search_index(self, config: MkDocsConfig) -> set[Path]:
        """Our search worker and the whole search index, over whatever Material wrote (after it:
        its search plugin writes an empty index at the end of the build)."""
        if self.settings.search_engine != "swkb":
            return set()
        if self._search_work is None:  # on_env did not start it
            self.start_search_index(config)
        search_work, self._search_work = self._search_work, None
        assert search_work is not None
        try:
            files = search_work.result()
        except BackgroundError as exc:
            raise PluginError(f"搜索索引生成失败：\n{exc}") from None
        if search_work.child_seconds is not None:
            self.background_seconds = (self.background_seconds or 0.0) + search_work.child_seconds
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return set(files)

    def _search_files(
        self, site_dir: Path, material: dict[str, Any], handwritten: list[tuple[SearchDoc, ...]], sharded: bool
    ) -> dict[Path, str]:
        """The worker script and the index files, as text by path (written by the parent)."""
        files = {site_dir / SEARCH_WORKER: worker_script(self.settings.docs_dir / WORKER_SOURCES)}
        index = self.search.index(self._tree(), material, handwritten)
        if sharded:
            index, shards = search.split_index(index, limit=self.settings.search_shard_above)
            for shard_path, shard in shards.items():
                files[site_dir / shard_path] = json.dumps(shard, ensure_ascii=False, separators=(",", ":"))
        files[site_dir / "search" / "search_index.json"] = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        return files


# --------------------------------------------------------------------------------------------
# The `mkdocs serve` preview shows catalog errors in the browser (swkb.site.preview)
# --------------------------------------------------------------------------------------------


SAVE_SETTLE_SECONDS = 0.02
"""How long the dev server waits after a change for more changes before it builds."""


POLLING_SECONDS = 0.1
"""How often the dev server looks for changed files, for a catalog that is not national-scale."""


def attach_preview(server: LiveReloadServer, preview: LivePreview, *, large: bool = False) -> LiveReloadServer:
    """Put the catalog check in front of the dev server's builder (on_serve), and start a build
    sooner after a save.

    MkDocs' server polls the watched files every 0.5 s and then waits `build_delay` (0.1 s) for
    further changes. One scan reports everything it found at once, so the wait merged nothing:
    it becomes 0.02 s. The scan interval was on average 0.25 s of a 0.9 s save at real size,
    a quarter of it; it is not an option of `mkdocs serve`, only of the server's constructor, so
    a server polling every 0.1 s takes the place of MkDocs' one (on_serve returns the server to
    use) and watches what it watched. One scan of the real project reads a few hundred files;
    a national catalog's thousands keep MkDocs' 0.5 s (its saves take seconds anyway)."""
    if not large:
        server = _polling_every(server, POLLING_SECONDS)
    server.builder = preview.guard(server.builder)
    server.build_delay = min(server.build_delay, SAVE_SETTLE_SECONDS)
    return server


def _polling_every(server: LiveReloadServer, seconds: float) -> LiveReloadServer:
    """A server like `server` (not started yet) whose observer scans every `seconds`."""
    host, port = server.server_address[:2]
    fresh = LiveReloadServer(
        builder=server.builder,
        host=str(host),
        port=int(port),
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=seconds,
        shutdown_delay=server.shutdown_delay,
    )
    fresh.error_handler = server.error_handler
    fresh.build_delay = server.build_delay
    for emitter in sorted(server.observer.emitters, key=lambda e: e.watch.raw_path):
        fresh.watch(emitter.watch.raw_path, recursive=emitter.watch.is_recursive)
    server.server_close()  # its socket was made, never bound
    return fresh


def load_site(
    config: MkDocsConfig,
    settings: SiteSettings,
    preview: LivePreview,
    memory: BuildMemory | None = None,
    search_cache: DocsCache | None = None,
    dirty: bool = False,
) -> CatalogSite | CatalogErrorSite:
    """The site of this build: the catalog's, or, in the preview, its error page."""
    if preview.serving:
        preview.configure(config.site_dir, settings.catalog_dir, settings.project_root)
        if BANNER_SCRIPT not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(BANNER_SCRIPT)
    try:
        return CatalogSite.from_config(config, settings, preview, memory, search_cache, dirty)
    except CatalogPluginError as exc:
        if not preview.serving:
            raise
        watch_catalog(config, settings)
        return CatalogErrorSite(exc.errors)


def _status_page(config: MkDocsConfig, uri: str, body: str, title: str, in_nav: bool) -> tuple[File, SitePage]:
    page = GeneratedPage(uri, page_url(uri, config.use_directory_urls), body, title, "preview", in_nav=in_nav)
    file = File.generated(config, uri, content=body, inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
    return file, SitePage(page, file, config, title)


def add_preview_page(files: Files, config: MkDocsConfig, site: CatalogSite | CatalogErrorSite, preview: LivePreview) -> Files:
    """While serving, the check page is part of every build (it says "no errors" until there are)."""
    if preview.serving and isinstance(site, CatalogSite):
        file, _ = _status_page(config, STATUS_URI, render_status(None, site.catalog.counts()), "目录数据检查", in_nav=False)
        files.append(file)
    return files


def remember_api_rendering(config: MkDocsConfig, directory: Path | None) -> None:
    """The API pages' objects, rendered by mkdocstrings, kept in `directory` for the next build
    (swkb.site.apidocs); nothing when the folder is not set or mkdocstrings is not listed."""
    plugin = config.plugins.get("mkdocstrings")
    if plugin is None or directory is None:
        return
    handler = plugin.handlers.get_handler("python")
    config_file = Path(config.config_file_path).resolve()
    # The handler's `paths` (mkdocs.yml), relative to mkdocs.yml as mkdocstrings takes them.
    paths = plugin.config["handlers"].get("python", {}).get("paths", ["."])
    apidocs.remember_api_rendering(handler, directory, config_file, [(config_file.parent / p).resolve() for p in paths])


def finish_preview(config: MkDocsConfig, site: CatalogSite | CatalogErrorSite, preview: LivePreview) -> None:
    preview.after_build(config.site_dir, site.errors if isinstance(site, CatalogErrorSite) else None)


class CatalogErrorSite:
    """A preview started on a bad catalog: a site of the check page alone (also as its home
    page) in the site's style, until the catalog is fixed and the preview builds everything."""

    def __init__(self, errors: CatalogErrors) -> None:
        self.errors = errors

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in [f for f in files if f.is_documentation_page()]:
            files.remove(file)  # hand-written pages need the catalog (markers, links)
        body = render_status(self.errors, kept=False)
        for uri, title in (("index.md", "目录数据有错误"), (STATUS_URI, "目录数据检查")):
            files.append(_status_page(config, uri, body, title, in_nav=True)[0])
        config.nav = [{"目录数据有错误": "index.md"}, {"目录数据检查": STATUS_URI}]
        return files

    def expand_page_markdown(self, markdown: str, page: Page) -> str:
        return markdown

    def page_content(self, page_html: str, page: Page) -> str:
        return page_html

    def write_outputs(self, config: MkDocsConfig) -> BuildMemory | None:
        return None
