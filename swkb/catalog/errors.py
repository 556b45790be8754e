"""Catalog errors: every problem names file, line, field, what was expected and what was found.

Errors are collected, never raised one at a time, so one run lists everything an editor
has to fix. `CatalogErrors` is the only exception the loader lets escape.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class CatalogError:
    """One problem in the catalog, located precisely enough to fix without reading code."""

    file: str
    """Path of the YAML file, relative to the project root (e.g. `catalog/regions/changshu.yml`)."""
    line: int
    """1-based line number in that file; 0 when the problem concerns the whole file."""
    field: str = ""
    """Dotted field path inside the entity (e.g. `staffing[0].age_max.max`); empty for file-level problems."""
    message: str = ""
    """What is wrong, in Chinese."""
    expected: str = ""
    """What the catalog expects here."""
    found: str = ""
    """What the file actually contains."""
    suggestion: str = ""
    """A likely fix, e.g. the closest known ID."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.field:
            parts.append(f"字段 {self.field}")
        text = "，".join(parts) + "：" + self.message
        details = []
        if self.expected:
            details.append(f"应为 {self.expected}")
        if self.found:
            details.append(f"实际为 {self.found}")
        if details:
            text += "（" + "；".join(details) + "）"
        if self.suggestion:
            text += f"。{self.suggestion}"
        return text


@dataclass
class CatalogErrors(Exception):
    """Raised once, at the end of loading, carrying every problem found in the run."""

    errors: list[CatalogError] = field(default_factory=list)

    def __str__(self) -> str:
        return format_errors(self.errors)


def format_errors(errors: Sequence[CatalogError]) -> str:
    """The report shown by `mkdocs build` and `scripts/validate.py`: a count, then one line per error."""
    ordered = sorted(set(errors))
    lines = [f"目录数据有 {len(ordered)} 处错误，构建已停止，请逐条修正："]
    lines += [f"  {i}. {e}" for i, e in enumerate(ordered, 1)]
    return "\n".join(lines)


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """A Chinese "did you mean" hint for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(str(wrong), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"是不是 `{close[0]}`？" if close else ""


_TYPE_NAMES = {
    str: "文字",
    int: "整数",
    float: "数字",
    bool: "布尔值(true/false)",
    list: "列表",
    dict: "映射(键: 值)",
    type(None): "空值",
}


def describe(value: Any) -> str:
    """Show a found value briefly, with its kind, as editors think of it."""
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (dict, list)):
        return kind
    if value is None:
        return "空值"
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    if len(text) > 40:
        text = text[:37] + "…"
    return f"{kind} {text}"
