"""Work of a build that nothing in MkDocs' page loop waits for, done in a second process.

The download files (CSV, Excel, JSON) and the search index (sections of every page, the query
vocabulary cut by jieba, pinyin) are needed only when the build ends. At 3,000 regions they were
a fifth of the build, on one core while the other stood idle. A `Sidecar` starts a second Python
process when the catalog has been loaded; it reads the catalog itself, makes the downloads, and
then cuts each page into search sections as MkDocs hands the pages over, so that by the end of
the page loop both results are waiting.

It is a fresh interpreter (`spawn`), so it is safe beside the threads of `mkdocs serve`. The
results are used only if the second process read the same catalog files as this build (the
catalog version matches); otherwise, or if it fails, or on a one-core machine, or with
SWKB_SIDECAR=0, the same functions run here in the main process.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from pathlib import Path
from typing import Any

import swkb.search.index as search
from swkb.catalog.store import Catalog
from swkb.publish.downloads import downloads
from swkb.search.sections import page_sections

SIDECAR_ENV = "SWKB_SIDECAR"
# Waiting longer than this for the second process means it is stuck: do the work here instead.
RESULT_TIMEOUT_SECONDS = 600

Page = tuple[str, str, str]
"""(url, title, html) of a rendered page."""


def _sections(pages: list[Page]) -> list[dict[str, str]]:
    return [doc for url, title, html in pages for doc in page_sections(html, url, title)]


def _sections_ahead(pages: list[Page]) -> list[dict[str, str]]:
    """Sections of pages as they arrive, with the slow per-text work (jieba's words of titles
    and section openings, pinyin of titles) done now: `enrich_index` at the end finds it cached."""
    docs = _sections(pages)
    for doc in docs:
        title, text = search.plain_text(doc["title"]), search.plain_text(doc["text"])
        search.words_of(title), search.words_of(text[:search.VOCABULARY_TEXT_CHARS]), search.pinyin_of(title)
    return docs


def _run(catalog_dir: Path, inbox: Any, outbox: Any) -> None:
    """The second process: downloads first, then the pages as they come, then the index."""
    from swkb.catalog.load import load_catalog
    from swkb.publish.buildinfo import catalog_version

    try:
        version = catalog_version(catalog_dir)
        catalog = load_catalog(catalog_dir)
        outbox.put(("downloads", version, downloads(catalog)))
        search.add_to_jieba(search.domain_dictionary(catalog))  # as query_vocabulary does, before any cut
        for names in search.entity_names(catalog).values():  # their pinyin goes into the index too
            for name in names:
                search.pinyin_of(name)
        docs: list[dict[str, str]] = []
        entities: list[search.Entity] = []
        while (message := inbox.get()) is not None:
            kind, payload = message
            if kind == "pages":
                docs += _sections_ahead(payload)
            elif kind == "entities":
                entities = payload
        outbox.put(("search", version, search.enrich_index({"docs": docs}, catalog, entities)))
    except BaseException as exc:
        outbox.put(("error", "", repr(exc)))


class Sidecar:
    """Downloads and search index of one build, made beside the page loop when possible."""

    BATCH = 50
    """Pages are sent in batches: one message per page costs more than the pages themselves."""

    def __init__(self, catalog: Catalog, catalog_dir: Path, version: str) -> None:
        self.catalog, self.version = catalog, version
        self.pages: list[Page] = []  # kept here too, in case the work has to be done here
        self.entities: list[search.Entity] = []
        self._sent = 0
        self._process: Any = None
        self._results: dict[str, Any] = {}
        if (os.cpu_count() or 1) > 1 and os.environ.get(SIDECAR_ENV, "1") != "0":
            context = multiprocessing.get_context("spawn")
            self._inbox, self._outbox = context.Queue(), context.Queue()
            self._process = context.Process(target=_run, args=(catalog_dir, self._inbox, self._outbox), daemon=True)
            self._process.start()

    def add_page(self, url: str, title: str, html: str) -> None:
        """A rendered page, for the search index."""
        self.pages.append((url, title, html))
        if self._process is not None and len(self.pages) - self._sent >= self.BATCH:
            self._send_pages()

    def set_entities(self, entities: list[search.Entity]) -> None:
        """Which page is about which catalog entry (search shows their names and pinyin)."""
        self.entities = entities
        if self._process is not None:
            self._inbox.put(("entities", entities))

    def downloads(self) -> dict[str, bytes]:
        return self._result("downloads") or downloads(self.catalog)

    def search_index(self) -> dict[str, Any]:
        """{"config": {"swkb": …}, "docs": […]} for every page added."""
        if self._process is not None:
            self._send_pages()
            self._inbox.put(None)
        return self._result("search") or search.enrich_index({"docs": _sections(self.pages)}, self.catalog, self.entities)

    def close(self) -> None:
        """Stop the second process (after a failed build, or when its results are in)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=10)
            self._process = None
            # Release the queues' pipes and semaphores now, not when a later rebuild collects them.
            for channel in (self._inbox, self._outbox):
                channel.close()
                channel.cancel_join_thread()

    def _send_pages(self) -> None:
        if self._sent < len(self.pages):
            self._inbox.put(("pages", self.pages[self._sent:]))
            self._sent = len(self.pages)

    def _result(self, kind: str) -> Any:
        """The second process's result of this kind, or None when the work must be done here."""
        while self._process is not None and kind not in self._results:
            try:
                got, version, payload = self._outbox.get(timeout=RESULT_TIMEOUT_SECONDS)
            except queue.Empty:
                got, version, payload = "error", "", "timed out"
            if got == "error" or version != self.version:
                self.close()  # a different catalog on disk by now, or a failure: work here
                return None
            self._results[got] = payload
        if kind == "search":
            self.close()
        return self._results.pop(kind, None)
