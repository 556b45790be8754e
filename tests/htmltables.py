"""A small reader for the tables in built pages (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str = ""
    sort: float | None = None
    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    attrs: dict[str, str | None] = field(default_factory=dict)
    """Attributes of the td/th itself (data-lo, data-hi, data-state of comparison cells)."""
    quotes: list[str] = field(default_factory=list)
    """data-quote of the 复制引用 buttons in the cell."""

    @property
    def lo(self) -> float | None:
        value = self.attrs.get("data-lo")
        return None if value is None else float(value)

    @property
    def hi(self) -> float | None:
        value = self.attrs.get("data-hi")
        return None if value is None else float(value)


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[Cell]]] = []
        self.cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = Cell(attrs=a)
            self.tables[-1][-1].append(self.cell)
        elif self.cell is not None:
            if a.get("data-sort") is not None:
                self.cell.sort = float(a["data-sort"] or 0)
            if a.get("id"):
                self.cell.ids.append(a["id"] or "")
            if a.get("data-quote"):
                self.cell.quotes.append(a["data-quote"] or "")
            if tag == "a" and a.get("href"):
                self.cell.hrefs.append(a["href"] or "")
            self.cell.classes.update((a.get("class") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            if self.cell is not None:
                self.cell.text = " ".join(self.cell.text.split())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data


def tables(html: str) -> list[list[list[Cell]]]:
    """Every table on the page: rows of cells, header row first."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables
