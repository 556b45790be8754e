"""The search worker as one classic script, made from its ES modules at build time.

The modules (docs/assets/javascripts/search/*.mjs) are what the unit tests import (tests/js).
A page opened from file:// cannot start a module worker or import modules, so the build joins
them, in dependency order, into one script inside a function scope, dropping the `import` lines
and the `export` keywords. The result depends only on the module files.
"""

from __future__ import annotations

import re
from pathlib import Path

WORKER_SOURCES = Path("assets") / "javascripts" / "search"
"""Where the modules are, inside docs/ (the build passes the configured docs folder)."""
MODULES = ("normalize.mjs", "figures.mjs", "query.mjs", "intent.mjs", "highlight.mjs", "rank.mjs", "material.mjs")
"""Each module comes after the modules it imports; material.mjs (Material's protocol) is last."""
WORKER_PATH = "assets/javascripts/swkb-search-worker.js"
"""Where the joined script is written in the built site."""

_IMPORT = re.compile(r"^import\s[^;]*;\s*$", re.M)
_EXPORT = re.compile(r"^export\s+(?=(?:async\s+)?function|const|let|class)", re.M)


def worker_script(module_dir: Path) -> str:
    parts = [
        "/* 社工站政策知识库 search worker: built from docs/assets/javascripts/search/*.mjs (swkb/search/worker.py). */",
        "(function () {",
        '"use strict";',
    ]
    for name in MODULES:
        source = (module_dir / name).read_text(encoding="utf-8")
        if _IMPORT.sub("", source).count("import ") and re.search(r"^\s*import\s", _IMPORT.sub("", source), re.M):
            raise ValueError(f"{name}: an import this build cannot join (one statement per line, ending in ;)")
        parts.append(f"/* ---- {name} ---- */")
        parts.append(_EXPORT.sub("", _IMPORT.sub("", source)).strip())
    parts.append("})();")
    return "\n".join(parts) + "\n"
