"""MkDocs hooks: compile catalog/ into pages in memory. Each hook calls one method of the
adapter (swkb.site.adapter), the only code that knows MkDocs."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from swkb.site import adapter
from swkb.site.adapter import CatalogSite, HookTimer

# MkDocs loads this module once per process; `_site` is reset by every (re)build, so no state
# leaks from one `mkdocs serve` rebuild into the next (the preview's own state is in the adapter).
_site: CatalogSite | adapter.CatalogErrorSite | None = None
_timer = HookTimer()


# `mkdocs serve` shows catalog errors in the browser (swkb.site.preview); `build` stops on them.
def on_startup(command: str, dirty: bool) -> None:
    adapter.start_preview(command)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    return adapter.attach_preview(server)


# Load and check the catalog; a bad catalog stops the build here, before anything is written.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _timer
    _site, _timer = None, HookTimer()
    with _timer("on_config"):
        _site = adapter.load_site(config)
    return config


# Add the generated pages (in memory only) and expand the nav placeholders.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    with _timer("on_files"):
        return adapter.add_preview_page(_site.add_files(files, config), config, _site)


# Fill <!-- swkb:NAME --> markers and [[kind:id]] links in hand-written pages.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _site is not None
    with _timer("on_page_markdown"):
        return _site.expand_page_markdown(markdown, page)


# Glossary tooltips on the rendered HTML of every page, then its search sections.
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _site is not None
    with _timer("on_page_content"):
        html = _site.add_tooltips(html)
        _site.index_for_search(html, page)
        return html


# The 404 page works under any sub-path, with or without a site URL.
def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    return adapter.error_page_context(context, template_name, config)


# Write the downloads, our search worker and the whole search index; runs after Material's search
# plugin wrote its (empty) index and before the offline plugin copies ours into the file:// bundle.
def on_post_build(config: MkDocsConfig) -> None:
    assert _site is not None
    with _timer("on_post_build"):
        _site.write_downloads(config)
        _site.write_search_index(config)
        adapter.finish_preview(config, _site)
    _timer.report()
