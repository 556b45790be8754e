"""A folder of JSON files by key that outlasts a build: the build caches' shared storage.

Each entry is written whole (a temporary file renamed into place), so builds running at once
never read half a file. The folder is only a shortcut: one that cannot be made, read or written
is passed over, and an unreadable entry reads as missing. It keeps at most `limit` entries and
drops the oldest half when it has more.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


class JsonFolder:
    """JSON values by key, one file each, in `directory`."""

    def __init__(self, directory: Path, limit: int) -> None:
        self.directory = directory
        self.limit = limit

    def load(self, key: str) -> Any | None:
        """The stored value, or None when there is none or it cannot be read."""
        try:
            return json.loads((self.directory / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def store(self, key: str, value: Any) -> None:
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(value, out, ensure_ascii=False)
                os.replace(temporary, self.directory / f"{key}.json")
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            self._prune()

    def _prune(self) -> None:
        entries = list(self.directory.glob("*.json"))
        if len(entries) <= self.limit:
            return
        by_age = sorted(entries, key=lambda p: p.stat().st_mtime_ns if p.exists() else 0)
        for old in by_age[: len(entries) // 2]:
            with contextlib.suppress(OSError):  # a build running beside this one may have removed it
                old.unlink()
