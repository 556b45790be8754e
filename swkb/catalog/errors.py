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


def format_errors(errors: Sequence[CatalogError], heading: str = "目录数据有 {n} 处错误，构建已停止，请逐条修正：") -> str:
    """The report shown by `mkdocs build` and `scripts/validate.py`: a count, then one line per error."""
    ordered = sorted(set(errors))
    lines = [heading.format(n=len(ordered))]
    lines += [f"  {i}. {e}" for i, e in enumerate(ordered, 1)]
    return "\n".join(lines)


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """A Chinese "did you mean" hint for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(str(wrong), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"是不是 `{close[0]}`？" if close else ""


def did_you_mean_name(wrong: str, names: dict[str, str]) -> str:
    """A hint for a reference written as an entry's name (or number) instead of its ID: `names`
    maps each known name to its entry's ID; an exact or close name gives that ID."""
    text = str(wrong).strip()
    if text in names:
        return f"是不是 `{names[text]}`？“{text}”是它的名称，这里要写 ID。"
    close = difflib.get_close_matches(text, sorted(names), n=1, cutoff=0.6)
    if close:
        return f"是不是 `{names[close[0]]}`（“{close[0]}”）？这里要写 ID，不是名称。"
    return ""


# Level words editors reach for that are not code words of the catalog: what they mean.
LEVEL_SYNONYMS: dict[str, tuple[str, str]] = {
    "district": ("county", "区(市辖区)和县、县级市一样属于县级"),
    "qu": ("county", "区(市辖区)和县、县级市一样属于县级"),
    "city": ("prefecture", "地级市属于地市级；县级市请写 county"),
    "shi": ("prefecture", "地级市属于地市级；县级市请写 county"),
    "town": ("county", "乡镇(街道)不是单独的地区条目：写到它所在的县级地区"),
    "township": ("county", "乡镇(街道)不是单独的地区条目：写到它所在的县级地区"),
    "street": ("county", "乡镇(街道)不是单独的地区条目：写到它所在的县级地区"),
    "state": ("province", "省、自治区、直辖市属于省级"),
    "municipality": ("province", "直辖市属于省级"),
    "autonomous_region": ("province", "自治区属于省级"),
    "league": ("prefecture", "盟、地区、自治州属于地市级"),
    "prefecture_city": ("prefecture", "地级市属于地市级"),
    "country": ("national", "全国性的文件写 national"),
}


def level_hint(wrong: object, options: Iterable[str]) -> str:
    """A hint for a level word that is not one of `options` (e.g. `district` → `county`)."""
    key = str(wrong).strip().lower().replace("-", "_").replace(" ", "_")
    known = LEVEL_SYNONYMS.get(key)
    if known is not None and known[0] in set(options):
        return f"{known[1]}，请写 `{known[0]}`。"
    return ""


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
