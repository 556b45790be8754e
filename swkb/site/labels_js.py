"""The labels the page scripts show, generated from swkb.catalog.labels into one classic script.

The comparison scripts draw cells in the browser exactly as the build draws them, so they need
the same words (来源未规定, 未收集 and their hints). Copied by hand, a renamed label would change
the pages and leave the scripts showing the old word. `python scripts/labels_js.py` writes
docs/javascripts/labels.js (committed, like the JSON schemas, so the docs folder is complete
without a generation step); `--check`, and tests/test_vocabulary.py, fail when it is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from swkb.catalog import labels

LABELS_JS = Path("javascripts") / "labels.js"
"""Where the script is, inside docs/; mkdocs.yml loads it before the scripts that read it."""
JS_LABELS = ("NOT_STATED", "NOT_COLLECTED", "NOT_STATED_HINT", "NOT_COLLECTED_HINT", "NO_NUMBER", "OUR_TITLE")
"""The names in swkb.catalog.labels that a page script uses: only these are shipped, since every
page loads the script."""


def labels_script() -> str:
    """The script: `window.SWKB_LABELS`, a frozen object of each label's name and word."""
    values = {name: getattr(labels, name) for name in JS_LABELS}
    body = json.dumps(values, ensure_ascii=False, indent=2)
    return (
        "/* Generated from swkb/catalog/labels.py by `python scripts/labels_js.py`: do not edit by hand. */\n"
        f"window.SWKB_LABELS = Object.freeze({body});\n"
    )


def write_labels_script(docs_dir: Path) -> Path:
    path = docs_dir / LABELS_JS
    path.write_text(labels_script(), encoding="utf-8")
    return path


def stale_labels_script(docs_dir: Path) -> list[str]:
    """What makes the committed script out of date (empty when it matches labels.py)."""
    path = docs_dir / LABELS_JS
    if not path.exists():
        return [f"{path}：缺失，请运行 `python scripts/labels_js.py` 生成"]
    if path.read_text(encoding="utf-8") != labels_script():
        return [f"{path}：与 swkb/catalog/labels.py 不一致(已过期)，请运行 `python scripts/labels_js.py` 重新生成"]
    return []
