"""The query vocabulary of one build, kept on disk for the next one.

The vocabulary is jieba's words over the titles and section openings plus the domain dictionary
(swkb.search.index.query_vocabulary). Making it loads jieba's dictionary first: 0.7 s of the
search-index child's 1.5 s in a real-catalog build, and the parent waited for that child at the
end of every build. The words follow only from those texts, the dictionary words, the code that
splits them and jieba's version, so a folder keeps the result under a hash of all of them, and a
build whose titles and openings did not change never loads jieba. Every edit of a title or an
opening makes a new key: the folder keeps the newest few (swkb.jsonstore).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from swkb.jsonstore import JsonFolder

LIMIT = 20


def _jieba_version() -> str:
    try:
        return metadata.version("jieba")
    except metadata.PackageNotFoundError:
        return "-"


class VocabularyCache:
    """Vocabularies by what they were made from, in `directory`."""

    def __init__(self, directory: Path, limit: int = LIMIT) -> None:
        self._folder = JsonFolder(directory, limit)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(domain: Iterable[str], texts: Iterable[str], code: Iterable[Path]) -> str:
        """The hash of the dictionary words in their order (jieba is given them in order), the
        texts as a set (their order does not change the words), the code and jieba's version."""
        digest = hashlib.sha256(_jieba_version().encode())
        for path in code:
            digest.update(path.read_bytes())
        digest.update("\x00".join(domain).encode())
        digest.update(b"\x01")
        digest.update("\x00".join(sorted(set(texts))).encode())
        return digest.hexdigest()

    def get_or_make(self, key: str, make: Callable[[], set[str]], store: bool) -> set[str]:
        """The stored vocabulary for `key`, else `make()`, stored when `store` (the result is
        what a fresh process would make)."""
        words = self._folder.load(key)
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            self.hits += 1
            return set(words)
        self.misses += 1
        made = make()
        if store:
            self._folder.store(key, sorted(made))
        return made
