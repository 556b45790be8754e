"""Provenance: are the catalog's figures in the text of the sources they cite?

Checked: every stated number (value, min, max), every milestone date, and the document fields
copied as written (issuer, 文号, the meeting that adopted it).

The source texts live in a *source archive*: a folder of plain-text files that the maintainer
keeps (it is not part of this repository, and a site builds without it). A document names its
file in that folder with `seed_file`. The archive is set with $SWKB_SOURCE_ARCHIVE (or
`swkb validate --archive DIR`); with none set nothing is checked, and the report says so.

`check_provenance` is the one check: `swkb validate` and the content tests both call it, so
they always agree on what is required. It never passes silently: every figure it could not
check is named in `ProvenanceReport.skipped`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swkb.catalog.errors import CatalogError, did_you_mean
from swkb.catalog.models import Milestone, PartialDate, Quantity, StrictModel
from swkb.catalog.reader import Path_, dotted, read_yaml
from swkb.catalog.store import Catalog, Located
from swkb.text import to_simplified

ARCHIVE_ENV = "SWKB_SOURCE_ARCHIVE"
NO_ARCHIVE_NOTE = (
    f"未配置来源档案(环境变量 {ARCHIVE_ENV})：没有核对数字是否出自来源原文。配置后 `swkb validate` 和内容测试会逐个核对。"
)
_SMALL_NUMERALS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def archive_from_env() -> Path | None:
    """The configured source archive, or None when the maintainer has not set one."""
    value = os.environ.get(ARCHIVE_ENV, "").strip()
    return Path(value).expanduser() if value else None


@dataclass
class ProvenanceReport:
    """What the check found, checked and skipped."""

    archive: Path | None
    errors: list[CatalogError] = field(default_factory=list)
    checked: int = 0
    """Numbers, milestone dates and as-written document fields found in their source's text."""
    skipped: list[str] = field(default_factory=list)
    """What was not checked and why, in Chinese (never empty when something was left out)."""

    def summary(self) -> str:
        if self.archive is None:
            return NO_ARCHIVE_NOTE
        text = f"来源核对：在来源档案 {self.archive} 中核对了 {self.checked} 处数字、日期和照录文字"
        text += f"，{len(self.errors)} 个找不到。" if self.errors else "，全部找到。"
        return "\n".join([text, *self.skipped])


def number_forms(number: float, unit: str | None) -> set[str]:
    """How a number may be written in a source: 80, 两/二 for 2, 亿 for 10,000 万元."""
    forms = {f"{number:g}"}
    if number == int(number) and int(number) in _SMALL_NUMERALS:
        forms.add(_SMALL_NUMERALS[int(number)])
        if number == 2:
            forms.add("二")
    if unit == "万元" and number >= 10000:
        forms.add(f"{number / 10000:g}亿")  # the catalog normalises 亿元 to 万元
    return forms


# Document fields copied exactly as the source writes them: each must occur in its source text.
AS_WRITTEN = ("issuer", "number", "adopted_at")


def with_simplified(text: str) -> str:
    """The text followed by its simplified-character form: a source captured in traditional
    characters (广州's repost) is still the source of names the catalog writes in simplified ones."""
    simplified = to_simplified(text)
    return text if simplified == text else f"{text}\n{simplified}"


def date_forms(point: PartialDate) -> set[str]:
    """How a milestone's date may be written: `10月17日` (the year is often said once for a
    whole list of steps), `2021年8月`, `8月底`, `2021`; months and days also with a leading zero."""
    if point.day:
        return {f"{point.month}月{point.day}日", f"{point.month:02d}月{point.day:02d}日", f"{point.month}.{point.day}"}
    if point.month:
        forms = {f"{point.year}年{point.month}月", f"{point.month}月底", f"{point.month}月份", f"{point.year}.{point.month}"}
        return forms | {"年底"} if point.month == 12 else forms  # “年底” is December of a year said elsewhere
    return {str(point.year)}


def located_milestones(model: Any, loc: Path_ = ()) -> Iterator[tuple[Path_, Milestone]]:
    """Every stated Milestone inside `model`, with its path in the entry (`timeline[2]`)."""
    if isinstance(model, Milestone):
        if model.status == "stated":
            yield loc, model
        return
    if isinstance(model, StrictModel):
        for name in type(model).model_fields:
            yield from located_milestones(getattr(model, name), loc + (name,))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from located_milestones(item, loc + (i,))


def located_quantities(model: Any, loc: Path_ = ()) -> Iterator[tuple[Path_, Quantity]]:
    """Every stated Quantity inside `model`, with its path in the entry (`staffing[0].age_max`)."""
    if isinstance(model, Quantity):
        if model.status == "stated":
            yield loc, model
        return
    if isinstance(model, StrictModel):
        for name in type(model).model_fields:
            yield from located_quantities(getattr(model, name), loc + (name,))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from located_quantities(item, loc + (i,))


def check_provenance(catalog: Catalog, archive: Path | None, catalog_dir: Path | None = None) -> ProvenanceReport:
    """Check every stated figure against its document's source text in `archive`.

    `catalog_dir` lets errors point at the exact line (the YAML is re-read only for errors)."""
    report = ProvenanceReport(archive)
    if archive is None:
        report.skipped.append(NO_ARCHIVE_NOTE)
        return report
    if not archive.is_dir():
        report.errors.append(
            CatalogError(
                str(archive),
                0,
                "",
                "来源档案文件夹不存在",
                "存放来源原文(.txt)的文件夹",
                "不存在",
                f"检查环境变量 {ARCHIVE_ENV} 或 --archive 的路径。",
            )
        )
        return report
    # Only plain files that sit in the archive folder itself: a seed_file is a name, never a path
    # (`../../etc/passwd` or a link would let a catalog file read anything on the machine).
    names = sorted(p.name for p in archive.iterdir() if p.is_file() and not p.is_symlink())
    texts: dict[str, str] = {}
    for did, doc in catalog.documents.items():
        if doc.seed_file is None:
            continue
        located = catalog.located("document", did)
        if doc.seed_file in names:
            texts[did] = with_simplified((archive / doc.seed_file).read_text(encoding="utf-8", errors="replace"))
            continue
        if any(sep in doc.seed_file for sep in ("/", "\\")) or doc.seed_file in (".", ".."):
            report.errors.append(
                CatalogError(
                    located.file,
                    located.line_of("seed_file"),
                    "seed_file",
                    "seed_file 只能写来源档案里的文件名，不能写路径",
                    "如 004_480974a17e011854.txt",
                    f"“{doc.seed_file}”",
                )
            )
            continue
        report.errors.append(
            CatalogError(
                located.file,
                located.line_of("seed_file"),
                "seed_file",
                "来源档案中没有这个文件",
                f"来源档案 {archive} 中的文件名",
                f"“{doc.seed_file}”",
                did_you_mean(doc.seed_file, names),
            )
        )
    unchecked: dict[str, int] = {}
    for entry in catalog.entries:
        for loc, fact in located_quantities(entry.model):
            document = catalog.documents[fact.source]
            if document.seed_file is None:
                numbers = sum(getattr(fact, name) is not None for name in ("value", "min", "max"))
                unchecked[fact.source] = unchecked.get(fact.source, 0) + numbers
                continue
            text = texts.get(fact.source)
            if text is None:
                continue  # its file is missing: reported once, above
            for name in ("value", "min", "max"):
                number = getattr(fact, name)
                if number is None:
                    continue
                forms = number_forms(number, fact.unit)
                if any(form in text for form in forms):
                    report.checked += 1
                    continue
                report.errors.append(
                    CatalogError(
                        entry.file,
                        _line(entry, loc + (name,), catalog_dir),
                        dotted(loc + (name,)),
                        "数字在所引来源的原文中找不到",
                        f"来源档案 {document.seed_file} 中出现 " + " 或 ".join(sorted(forms)),
                        f"{number:g}{fact.unit or ''}",
                        f"核对 `{fact.source}` 的原文：数字抄错了，还是 source 写错了文件？",
                    )
                )
    for did, doc in catalog.documents.items():
        text = texts.get(did)
        if text is None:
            continue
        located = catalog.located("document", did)
        for name in AS_WRITTEN:
            value = getattr(doc, name)
            if value is None:
                continue
            if value in text:
                report.checked += 1
                continue
            report.errors.append(
                CatalogError(
                    located.file,
                    located.line_of(name),
                    name,
                    "照录的文字在来源原文中找不到",
                    f"来源档案 {doc.seed_file} 中原样出现的文字",
                    f"“{value}”",
                    "发文机关、文号和审议会议照原文写，不补字、不改写。",
                )
            )
    for entry in catalog.entries:
        for loc, milestone in located_milestones(entry.model):
            document = catalog.documents[milestone.source]
            text = texts.get(milestone.source)
            if text is None:
                continue
            for name in ("date", "start", "end"):
                point = getattr(milestone, name)
                if point is None:
                    continue
                forms = date_forms(point)
                if any(form in text for form in forms):
                    report.checked += 1
                    continue
                report.errors.append(
                    CatalogError(
                        entry.file,
                        _line(entry, loc + (name,), catalog_dir),
                        dotted(loc + (name,)),
                        "日期在所引来源的原文中找不到",
                        f"来源档案 {document.seed_file} 中出现 " + " 或 ".join(sorted(forms)),
                        point.zh(),
                        f"核对 `{milestone.source}` 的原文：日期抄错了，还是 source 写错了文件？",
                    )
                )
    if unchecked:
        listed = "、".join(f"{did}({n} 个)" for did, n in sorted(unchecked.items()))
        report.skipped.append(
            f"{len(unchecked)} 份文件没有写 seed_file，其中的 {sum(unchecked.values())} 个数字没有核对：{listed}。"
            "把原文放进来源档案并在文件条目里写上 seed_file，即可核对。"
        )
    return report


def _line(entry: Located, loc: Path_, catalog_dir: Path | None) -> int:
    """The line of `loc` in the entry's file (read again: the catalog keeps top-level lines only)."""
    path = _real_path(entry.file, catalog_dir)
    if path is None:
        return entry.line_of(str(loc[0])) if loc else entry.line
    return read_yaml(path, entry.file).line_of(entry.loc + loc)


def _real_path(shown: str, catalog_dir: Path | None) -> Path | None:
    """The file behind a path as messages show it (relative to the project or the catalog's parent)."""
    if Path(shown).is_absolute():
        return Path(shown)
    if catalog_dir is None:
        return None
    parts = Path(shown).parts
    for i in range(1, len(parts)):
        if parts[i - 1] == catalog_dir.name and (catalog_dir / Path(*parts[i:])).is_file():
            return catalog_dir / Path(*parts[i:])
    return None
