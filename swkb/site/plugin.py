"""The MkDocs plugin `swkb`: compiles catalog/ into pages in memory.

Registered as the entry point `swkb` (pyproject.toml), so mkdocs.yml lists it like any plugin:

    plugins:
      - swkb:
          catalog: !ENV [SWKB_CATALOG, catalog]

Its options are declared in `SwkbConfig`; mkdocs.yml maps the documented environment variables
onto them with `!ENV`, so this module and everything below it read no environment variable.
Each event calls one method of the adapter (swkb.site.adapter), the only other module that
knows MkDocs.

Because the plugin defines `on_startup`, MkDocs keeps this one instance for a whole `mkdocs
serve` session instead of making a new one per rebuild: the live preview's state, the catalog
load cache and the search documents of unchanged pages survive from one save to the next.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from swkb.log import log
from swkb.search.build import DocsCache
from swkb.search.index import SHARD_ABOVE_BYTES
from swkb.site import adapter, sitedir
from swkb.site.adapter import BuildMemory, CatalogErrorSite, CatalogSite, ChromeMemo, HookTimer, SiteSettings, TemplateCodeCache
from swkb.site.minify import collapse_indentation
from swkb.site.render import template_environment


class SwkbConfig(base.Config):
    """Options of the `swkb` plugin (mkdocs.yml, under `plugins: - swkb:`)."""

    catalog = c.Type(str, default="catalog")
    """The catalog folder, relative to mkdocs.yml (SWKB_CATALOG in mkdocs.yml points elsewhere)."""
    source_archive = c.Optional(c.Type(str))
    """Folder of the source texts (SWKB_SOURCE_ARCHIVE); recorded for the build-info page."""
    search = c.Choice(("swkb", "material"), default="swkb")
    """`swkb`: our search worker and index; `material`: Material's own (the benchmark's baseline)."""
    search_shard_above = c.Optional(c.Type(int))
    """Bytes of page text above which the search index is split into a head and shards
    (default swkb.search.index.SHARD_ABOVE_BYTES; SWKB_SEARCH_SHARD_ABOVE)."""
    layout = c.Choice(("auto", "small"), default="auto")
    """`auto`: a national catalog gets the large layout (paged tables, per-province lists);
    `small`: every catalog is laid out as a small one (the benchmark's stock baseline)."""
    release_notes = c.Optional(c.Type(str))
    """JSON file with the release's change log, written by the publisher (SWKB_RELEASE_NOTES)."""
    build_date = c.Optional(c.Type(int))
    """Seconds since 1970 for the build date (SOURCE_DATE_EPOCH), for reproducible builds."""
    parallel = c.Type(bool, default=True)
    """`mkdocs build` writes the downloads and the search index in child processes while it
    renders the pages, and renders a national catalog's page tree in two (swkb.site.background);
    `false` does all the work in one process."""
    template_cache = c.Type(str, default=".cache/swkb/templates")
    """Folder, relative to mkdocs.yml, where compiled templates are kept for the next build
    (SWKB_TEMPLATE_CACHE); an empty value keeps them only for one `mkdocs serve` session."""
    catalog_cache = c.Type(str, default=".cache/swkb/catalog")
    """Folder, relative to mkdocs.yml, where the parsed catalog files are kept for the next build,
    by the hash of their bytes (SWKB_CATALOG_CACHE); an empty value parses every file in every
    build (a `mkdocs serve` session still keeps what it read)."""
    api_cache = c.Type(str, default=".cache/swkb/api")
    """Folder, relative to mkdocs.yml, where the API pages' rendered objects are kept for the next
    build, by a hash of swkb/'s code, mkdocs.yml and the versions that render them (SWKB_API_CACHE;
    swkb.site.apidocs); an empty value renders them in every build."""
    vocabulary_cache = c.Type(str, default=".cache/swkb/vocabulary")
    """Folder, relative to mkdocs.yml, where the search index's query vocabulary (jieba's words
    over the titles and section openings) is kept for the next build, by a hash of what it is
    made from (SWKB_VOCABULARY_CACHE; swkb.search.vocabulary): a build whose titles and openings did
    not change does not load jieba. An empty value makes it in every build."""
    timings = c.Optional(c.Type(str))
    """File to write the seconds spent in each event to, as JSON (SWKB_TIMINGS; the benchmark)."""


def _beside_config(config: MkDocsConfig, folder: str) -> Path | None:
    """A folder option, relative to mkdocs.yml; None when it is empty."""
    return (Path(config.config_file_path).resolve().parent / folder) if folder else None


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


GC_THRESHOLDS = (100_000, 50, 1000)
"""Python's cycle collector, set for the build's process: a young collection every 100,000 new
objects instead of 700, and nearly no full ones. A build keeps its catalog, views and pages alive
to the end, so each collection walked millions of live objects to find little garbage: one build
of 3,000 regions ran 19 full and 800 middle collections, 11 s of its 89 s in one process. With
these, 75 s and the same peak memory; the objects are freed by reference counting as before."""


class SwkbPlugin(BasePlugin[SwkbConfig]):
    """Each event hands over to the adapter; the instance lives as long as `mkdocs serve`."""

    def __init__(self) -> None:
        self.preview = adapter.LivePreview()
        self.site: CatalogSite | CatalogErrorSite | None = None
        self.timer = HookTimer()
        self.command: Literal["build", "serve", "gh-deploy"] = "build"
        self.dirty = False
        self.memory: BuildMemory | None = None
        """The last build of this session, for a dirty build to compare with."""
        self.search_cache: DocsCache = {}
        self.template_code = TemplateCodeCache()
        self.served_builds = 0
        """Builds of this `mkdocs serve` session so far (the first one runs before the server starts)."""
        self.outputs_writer: threading.Thread | None = None
        """`mkdocs serve`: the downloads and search index of the last build, still being written."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        gc.set_threshold(*GC_THRESHOLDS)
        self.preview.start(command)
        if dirty:
            # Our dirty builds are exact: every page is rendered again when the nav, the theme or
            # mkdocs.yml changes, and stale outputs are removed (swkb.site.adapter.BuildMemory).
            # MkDocs' warning that dirty navigation may be inaccurate would abort a strict build.
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        return adapter.attach_preview(server, self.preview, large=isinstance(self.site, CatalogSite) and self.site.large)

    # Load and check the catalog; a bad catalog stops the build here, before anything is written.
    # In serve, the previous save's downloads and search index are finished first.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.wait_for_outputs()
        self.timer = HookTimer()
        self.template_code.directory = _beside_config(config, self.config.template_cache)
        template_environment().bytecode_cache = self.template_code
        with self.timer("on_config"):
            self.site = adapter.load_site(
                config, self.settings(config), self.preview, self.memory if self.dirty else None, self.search_cache, self.dirty
            )
        return config

    # A full build: the last build's files are moved out of the site folder at once and deleted
    # by another process while this one builds (swkb.site.sitedir); MkDocs then finds the folder
    # empty. `mkdocs serve` builds into a fresh temporary folder, and a dirty build keeps files.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.command == "serve" or self.dirty:
            return
        sitedir.clear_in_background(Path(config.site_dir))

    def settings(self, config: MkDocsConfig) -> SiteSettings:
        """The plugin's options as the layers below take them: paths made absolute from mkdocs.yml."""
        project_root = Path(config.config_file_path).resolve().parent
        options = self.config

        def path(value: str | None) -> Path | None:
            return (project_root / value).resolve() if value else None

        catalog = path(options.catalog)
        assert catalog is not None
        return SiteSettings(
            project_root=project_root,
            catalog_dir=catalog,
            source_archive=path(options.source_archive),
            search_engine=options.search,
            search_shard_above=options.search_shard_above or SHARD_ABOVE_BYTES,
            small_layout=options.layout == "small",
            release_notes=path(options.release_notes),
            build_date=options.build_date,
            timings=path(options.timings),
            catalog_cache=path(options.catalog_cache),
            vocabulary_cache=path(options.vocabulary_cache),
            parallel=options.parallel and self.command != "serve",
            docs_dir=Path(config.docs_dir).resolve(),
        )

    # Add the generated pages (in memory only) and expand the nav placeholders. Every plugin is
    # configured here, mkdocstrings too: its rendered API objects are kept for the next build.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        with self.timer("on_files"):
            adapter.remember_api_rendering(config, _beside_config(config, self.config.api_cache))
            return adapter.add_preview_page(self.site.add_files(files, config), config, self.site, self.preview)

    # A dirty build: pages it does not render keep their titles and front matter in the nav.
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if isinstance(self.site, CatalogSite):
            self.site.restore_unrendered(files)
        return nav

    # Fill <!-- swkb:NAME --> markers and [[kind:id]] links in hand-written pages.
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        with self.timer("on_page_markdown"):
            return self.site.expand_page_markdown(markdown, page)

    # Hand-written pages only: glossary tooltips on their HTML, then their search sections
    # (generated pages get both while they are compiled).
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        with self.timer("on_page_content"):
            return self.site.page_content(html, page)

    # Every page without the theme's indentation (a third of its bytes).
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        with self.timer("on_post_page"):
            return collapse_indentation(output)

    # The 404 page works under any sub-path, with or without a site URL.
    # The theme's templates compiled once per serve session (MkDocs makes a new environment per
    # build), and a fresh memo of the theme parts shared by pages that are not in the nav. Every
    # page has been read here: the search index can be written beside the page loop.
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if env.bytecode_cache is None:
            env.bytecode_cache = self.template_code
        env.globals["swkb_chrome_memo"] = ChromeMemo(f.url for f in files if not f.is_documentation_page())
        if isinstance(self.site, CatalogSite):
            self.site.start_search_index(config)
        return env

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        return adapter.error_page_context(context, template_name, config)

    # Write the downloads, our search worker and the whole search index; runs after Material's
    # search plugin wrote its (empty) index and before the offline plugin copies ours into the
    # file:// bundle (plugins run in the order mkdocs.yml lists them).
    # In `mkdocs serve` the pages are already written here, and the edited page is what the
    # maintainer waits for: after a save the downloads and the index are finished in a thread
    # while MkDocs reloads the browser (at 3,000 regions they were 15 s of a 47 s save). The next
    # save and the end of the session wait for them; the first build, before the server starts,
    # and a file:// bundle (the offline plugin copies the index) write them at once.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site is not None
        offline = config.plugins.get("material/offline")
        rebuild = self.command == "serve" and self.served_builds > 0
        self.served_builds += 1
        if rebuild and isinstance(self.site, CatalogSite) and (offline is None or not offline.config.enabled):
            # The preview's check pages are written: a bad save from here on shows its errors.
            adapter.finish_preview(config, self.site, self.preview)
            self.outputs_writer = threading.Thread(
                target=self._write_outputs_logging_errors, args=(config, self.site), name="swkb-outputs", daemon=True
            )
            self.outputs_writer.start()
            return
        self._write_outputs(config, self.site)
        adapter.finish_preview(config, self.site, self.preview)

    def _write_outputs(self, config: MkDocsConfig, site: CatalogSite | CatalogErrorSite) -> None:
        with self.timer("on_post_build"):
            memory = site.write_outputs(config)
            if self.dirty and memory is not None:
                self.memory = memory
            self.preview.cache.flush()
        if isinstance(site, CatalogSite):
            self.timer.report(site.settings.timings, site.background_seconds)

    def _write_outputs_logging_errors(self, config: MkDocsConfig, site: CatalogSite) -> None:
        try:
            self._write_outputs(config, site)
        except Exception as exc:  # the pages are served already; the next save builds everything
            self.memory = None
            site.cancel_background()
            log.error("下载文件或搜索索引没有写完：%s", exc)

    def wait_for_outputs(self) -> None:
        """Block until the last serve build's downloads and search index are written."""
        writer, self.outputs_writer = self.outputs_writer, None
        if writer is not None:
            writer.join()

    def on_shutdown(self) -> None:
        self.wait_for_outputs()

    def on_build_error(self, *, error: Exception) -> None:
        if isinstance(self.site, CatalogSite):
            self.site.cancel_background()
