"""One build's search index, from the page tree and the hand-written pages MkDocs rendered.

The documents of each page are kept in a cache keyed by the page's URL and content, which the
plugin keeps for a whole `mkdocs serve` session: a rebuild makes documents only for pages whose
content changed.
"""

from __future__ import annotations

from typing import Any

from swkb.catalog.labels import SEARCH_KIND_ZH
from swkb.catalog.store import Catalog
from swkb.search import index as search
from swkb.search.answers import search_intents
from swkb.search.documents import PageDocs, SearchDoc, SearchKind
from swkb.search.handwritten import page_docs
from swkb.search.pages import Pages
from swkb.search.vocabulary import VocabularyCache

DocsCache = dict[tuple[str, int, str], tuple[SearchDoc, ...]]
"""(url, hash of the page content, kind) → its documents, across the builds of one session."""
CACHE_LIMIT = 50_000

# Hand-written pages for maintainers: their text is about files and code, not about policy.
NOT_INDEXED_PREFIXES = ("developer/",)


def handwritten_kind(src_uri: str) -> SearchKind | None:
    """guide for the guides, the FAQ and the home page; None for pages search leaves out."""
    if src_uri.startswith(NOT_INDEXED_PREFIXES):
        return None
    if src_uri.startswith("guides/") or src_uri in ("index.md", "faq.md"):
        return "guide"
    return "page"


class SearchBuild:
    """Collects the documents of one build and writes the index."""

    def __init__(self, catalog: Catalog, cache: DocsCache | None = None, vocabulary_cache: VocabularyCache | None = None) -> None:
        self.catalog = catalog
        self.vocabulary_cache = vocabulary_cache
        """Where the query vocabulary outlasts the build (None: made in every build)."""
        self.cache: DocsCache = {} if cache is None else cache
        self.handwritten: dict[str, tuple[SearchDoc, ...]] = {}
        """Documents of the hand-written pages rendered in this build, by src_uri."""
        self.hits = self.misses = 0
        self._used: set[tuple[str, int, str]] = set()

    def _cached(self, key: tuple[str, int, str], make: Any) -> tuple[SearchDoc, ...]:
        self._used.add(key)
        docs = self.cache.get(key)
        if docs is None:
            self.misses += 1
            docs = self.cache[key] = tuple(make())
        else:
            self.hits += 1
        return docs

    def add_handwritten(self, src_uri: str, url: str, title: str, html: str) -> None:
        """A rendered hand-written page (its HTML body)."""
        kind = handwritten_kind(src_uri)
        if kind is not None:
            self.handwritten[src_uri] = self._cached((url, hash(html), kind), lambda: page_docs(html, url, title, kind))

    def generated(self, tree: Pages) -> list[SearchDoc]:
        """Documents of every generated page, from the catalog and the views."""
        makers = PageDocs(self.catalog, tree.renderer, search.entity_names(self.catalog))
        out: list[SearchDoc] = []
        for page in tree.pages.values():
            out += self._cached((page.url, hash(page.content), page.kind), lambda page=page: makers.of(page))
        return out

    def index(
        self, tree: Pages, material_config: dict[str, Any], handwritten: list[tuple[SearchDoc, ...]] | None = None
    ) -> dict[str, Any]:
        """The whole index; `handwritten` gives the hand-written pages' documents in page order
        (a dirty build passes those of pages it did not render again from the previous build)."""
        docs = self.generated(tree) + [
            d for group in (handwritten if handwritten is not None else self.handwritten.values()) for d in group
        ]
        # Keep only what this build used, so a long serve session does not grow without end.
        if len(self.cache) > CACHE_LIMIT:
            for key in [k for k in self.cache if k not in self._used]:
                del self.cache[key]
        intents = search_intents(self.catalog, tree.renderer, docs)
        return search.build_index(self.catalog, docs, material_config, SEARCH_KIND_ZH, intents, self.vocabulary_cache)
