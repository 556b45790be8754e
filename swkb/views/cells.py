"""Comparison cells as plain data: what one region says on one item, with its citation, its
bounds and the sentence an official pastes into a paper.

Every output reads these cells: the table pages, the side-by-side page (through the JSON made at
build time), CSV, Excel, Word and the browser's sorting. So a lower bound stays a lower bound
everywhere: `floor` and `ceiling` are kept apart, a ceiling alone has no floor (it never sorts as
one), and "每2个村(社区)不少于1名" keeps both its floor 1 and what it is counted per.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from swkb.catalog.labels import NOT_COLLECTED, NOT_STATED
from swkb.catalog.models import Duration, Fact, Milestone, Quantity
from swkb.catalog.store import Catalog

CellState = Literal["stated", "not_stated", "not_collected", "text", "link"]

# A duration column is in years; months and days are converted so that they rank together.
DURATION_IN_YEARS = {"年": 1.0, "月": 1 / 12, "日": 1 / 365, "工作日": 1 / 250}


def clause_anchor(clause: str) -> str:
    """The anchor of a clause on its document's page (`#条款-四、(一)2`): the clause as citations
    write it, with what an id or a URL fragment cannot hold turned into a hyphen. Every citation
    link lands there (the pages, and the browser's tables through `Figure` data)."""
    return "条款-" + re.sub(r"""[\s#%&<>"'`?/\\]+""", "-", clause.strip())


@dataclass(frozen=True)
class Link:
    """A cell that names another entry (a role, a region)."""

    kind: str
    id: str
    text: str


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: the document (as citations name it) and the clause."""

    doc_id: str
    clause: str | None
    document: str
    """Its 文号, or its title saying that the source kept no 文号 (Document.citation_label)."""

    @property
    def text(self) -> str:
        return f"{self.document} {self.clause}" if self.clause else self.document

    @property
    def anchor(self) -> str:
        """Where on the document's page the clause is ("" for the page's top)."""
        return clause_anchor(self.clause) if self.clause else ""


@dataclass(frozen=True)
class Figure:
    """One fact of a cell."""

    state: Literal["stated", "not_stated"]
    text: str
    """The value as pages show it (with our note and, for a reading of ours, that mark)."""
    quote: str
    """The value as a quote and the Word cell carry it: compact numbers, with its note and reading
    mark (quote_value)."""
    citation: Citation
    label: str | None = None
    note: str | None = None
    exact: float | None = None
    low: float | None = None
    """下限: `min` (不少于 …)."""
    high: float | None = None
    """上限: `max` (不超过 …)."""
    unit: str | None = None
    per: str | None = None
    per_count: float | None = None
    approx: bool = False
    reading: str | None = None


@dataclass(frozen=True)
class Cell:
    state: CellState
    figures: tuple[Figure, ...] = ()
    text: str = ""
    """The cell as one line of text (CSV, Word): values with labels, or one of the two words."""
    link: Link | None = None
    floor: float | None = None
    """Sort key for “by lower bound”, in the column's unit and per one unit of its `per`."""
    ceiling: float | None = None
    """Sort key for “by upper bound”."""
    quote: str = ""
    """`常熟市·社工站面积：不少于80㎡（常政办发〔2021〕101号 四、(一)2）`; empty when nothing is cited."""
    citations: tuple[Citation, ...] = field(default=())

    @property
    def missing(self) -> bool:
        return self.state in ("not_stated", "not_collected")

    def signature(self) -> str:
        """What two regions must share for their cells to count as the same (citations aside)."""
        if self.state in ("stated", "not_stated"):
            return self.state + "|" + "；".join(f"{f.label or ''}:{f.text}" for f in self.figures)
        return f"{self.state}|{self.text}"


def citation(catalog: Catalog, fact: Fact) -> Citation:
    return Citation(fact.source, fact.clause, catalog.document_label(fact.source))


def qualified(value: str, fact: Fact) -> str:
    """`value（note）（本站理解；原文也可读作：…）`: a value never travels without its qualifiers."""
    if fact.note:
        value += f"（{fact.note}）"
    if fact.reading:
        value += f"（{fact.reading_text()}）"
    return value


def quote_value(fact: Fact) -> str:
    """The value as a quote and the Word cell carry it: the bound in words (不超过1年), the
    count it is per kept apart from the number by a space, then its note and reading mark."""
    if fact.status == "not_stated":
        return qualified(NOT_STATED, fact)
    if isinstance(fact, Milestone):
        return qualified(f"{fact.zh()} {fact.event}", fact)
    if isinstance(fact, Quantity):
        number = fact.zh(compact=True)
        return qualified(f"{fact.per} {number}" if fact.per else number, fact)
    return qualified(fact.value_text(), fact)


def figure(catalog: Catalog, fact: Fact) -> Figure:
    cited = citation(catalog, fact)
    quote = quote_value(fact)
    if fact.status == "not_stated":
        return Figure("not_stated", NOT_STATED, quote, cited, fact.label, fact.note)
    if isinstance(fact, Milestone):
        text = f"{fact.zh()} {fact.event}"
        if fact.note:
            text += f"（{fact.note}）"
        return Figure("stated", text, quote, cited, fact.label, fact.note)
    if not isinstance(fact, Quantity):
        return Figure("stated", fact.display(), quote, cited, fact.label, fact.note, reading=fact.reading)
    return Figure(
        "stated",
        fact.display(),
        quote,
        cited,
        fact.label,
        fact.note,
        fact.value,
        fact.min,
        fact.max,
        fact.unit,
        fact.per,
        fact.per_count,
        fact.approx,
        fact.reading,
    )


def bounds(fact: Quantity, unit: str | None) -> tuple[float | None, float | None]:
    """(floor, ceiling) in the column's unit, per one unit of the fact's `per`."""
    low, high = fact.floor(), fact.ceiling()
    scale = 1.0
    if isinstance(fact, Duration) and unit == "年" and fact.unit in DURATION_IN_YEARS:
        scale = DURATION_IN_YEARS[fact.unit]
    if fact.per_count:
        scale /= fact.per_count
    return (None if low is None else round(low * scale, 6)), (None if high is None else round(high * scale, 6))


def make_cell(catalog: Catalog, value: object, unit: str | None, subject: str, phrase: str) -> Cell:
    """The cell of `value` (a fact, a list of facts, a link, text or None) for the region named
    `subject`; `phrase` names the item in the quote (`社工站面积`)."""
    if value is None or value == []:
        return Cell("not_collected", text=NOT_COLLECTED)
    if isinstance(value, Link):
        return Cell("link", text=value.text or catalog.located(value.kind, value.id).model.name, link=value)
    if isinstance(value, str):
        return Cell("text", text=value)
    facts = value if isinstance(value, list) else [value]
    if not all(isinstance(f, Fact) for f in facts):
        raise TypeError(f"比较表的格子只能是事实、事实列表、链接或文字，实际为 {type(value).__name__}")
    figures = tuple(figure(catalog, f) for f in facts)  # type: ignore[arg-type]
    state: CellState = "not_stated" if all(f.state == "not_stated" for f in figures) else "stated"
    text = "；".join(f"{f.label}：{f.text}" if f.label else f.text for f in figures)
    citations = tuple(dict.fromkeys(f.citation for f in figures))
    floor = ceiling = None
    if isinstance(value, Quantity) and value.status == "stated":
        floor, ceiling = bounds(value, unit)
    return Cell(state, figures, text, None, floor, ceiling, quote_of(subject, phrase, figures, unit is not None), citations)


def quote_of(subject: str, phrase: str, figures: tuple[Figure, ...], numeric: bool) -> str:
    """One sentence to paste, `地区·项目：值（限定语）（文号 条款）`:
    `常熟市·社工站面积：不少于80㎡（常政办发〔2021〕101号 四、(一)2）`. The value keeps its note and
    reading mark (quote_value); items from one clause share one citation, items from several
    each carry their own. `numeric` is kept for callers; every quote now has the same form."""
    if not figures:
        return ""
    lead = f"{subject}·{phrase}："

    def item(f: Figure) -> str:
        return f"{f.label}：{f.quote}" if f.label else f.quote

    citations = list(dict.fromkeys(f.citation.text for f in figures))
    if len(citations) == 1:
        body = "；".join(item(f) for f in figures)
        return f"{lead}{body}（{citations[0]}）"
    return lead + "；".join(f"{item(f)}（{f.citation.text}）" for f in figures)
