"""Downloads produced at build time: each comparison as CSV, Excel and Word, the whole catalog as
JSON, and the data the browser's comparison pages read (swkb.publish.browserdata).

Numbers keep their meaning: each numeric column becomes the value as shown on the page, then its
确数 (exact value), 下限 (lower bound), 上限 (upper bound) and 单位 in separate columns, with 口径
(what it is counted per) and 约数 where any row has them, 说明 (our note and the reading mark) where
any row has one, and its citation. "不少于 3%" has 下限 3
and no 上限; "不超过 3%" the other way round; "2–5 名" has both.
"""

from __future__ import annotations

import csv
import io
import json
from functools import partial
from typing import Any

from swkb.catalog.labels import LEVEL_ZH, NOT_COLLECTED, NOT_STATED, reading_mark
from swkb.catalog.store import Catalog
from swkb.publish.browserdata import browser_data
from swkb.publish.docx import table_docx
from swkb.publish.office import deterministic_zip
from swkb.views.compare import COMPARISONS, Cell, Column, Table, build_table
from swkb.views.pagination import is_large

__all__ = [
    "CITE_SUFFIX",
    "EXACT_SUFFIX",
    "HIGH_SUFFIX",
    "LOW_SUFFIX",
    "NOTE_SUFFIX",
    "NOT_COLLECTED",
    "NOT_STATED",
    "UNIT_SUFFIX",
    "catalog_json",
    "downloads",
    "header",
    "records",
    "to_csv",
    "to_xlsx",
]

EXACT_SUFFIX = "·确数"
LOW_SUFFIX = "·下限"
HIGH_SUFFIX = "·上限"
UNIT_SUFFIX = "·单位"
PER_SUFFIX = "·口径"
PER_COUNT_SUFFIX = "·口径数量"
APPROX_SUFFIX = "·约数"
CITE_SUFFIX = "·出处"
NOTE_SUFFIX = "·说明"
NUMBER_SUFFIXES = (EXACT_SUFFIX, LOW_SUFFIX, HIGH_SUFFIX, PER_COUNT_SUFFIX)


def _parts(table: Table, j: int) -> list[str]:
    """The extra columns that follow column j: its numbers, their unit and per, its citation."""
    column = table.columns[j]
    cells = [row[j] for row in table.cells]
    figures = [f for cell in cells if cell.state == "stated" for f in cell.figures]
    out: list[str] = []
    if column.unit is not None:  # a total column (金额) has several amounts: no one exact value
        out += [EXACT_SUFFIX, LOW_SUFFIX, HIGH_SUFFIX, UNIT_SUFFIX]
        if any(f.per for f in figures):
            out.append(PER_SUFFIX)
        if any(f.per_count for f in figures):
            out.append(PER_COUNT_SUFFIX)
        if any(f.approx for f in figures):
            out.append(APPROX_SUFFIX)
    if any(f.note or f.reading for cell in cells for f in cell.figures):
        out.append(NOTE_SUFFIX)
    if column.numeric or any(cell.figures for cell in cells):
        out.append(CITE_SUFFIX)
    return out


def note_of(cell: Cell) -> str | None:
    """The qualifiers of a cell's values (our note, the reading mark), labelled when the cell
    holds several values: the 说明 column, so a filter on the numbers never loses them."""
    parts = []
    for f in cell.figures:
        said = [text for text in (f.note, reading_mark(f.reading) if f.reading else None) if text]
        if said:
            text = "；".join(said)
            parts.append(f"{f.label}：{text}" if f.label and len(cell.figures) > 1 else text)
    return "；".join(parts) or None


NAME_BASIS_HEADER = "地名依据"
"""The CSV/Excel column saying a region's name was inferred, and from what; empty when stated."""


def _title(column: Column, suffix: str) -> str:
    return (column.title if suffix == CITE_SUFFIX else column.header) + suffix


def header(table: Table) -> list[str]:
    out = [table.comparison.row_header, "省份", "层级"]
    for j, column in enumerate(table.columns):
        out.append(column.header)
        out += [_title(column, suffix) for suffix in _parts(table, j)]
    # Last, so the columns before it keep their places: where the region's name comes from
    # when the source does not state it (an inferred place, issue 26).
    out.append(NAME_BASIS_HEADER)
    return out


def _part_value(cell: Cell, suffix: str) -> Any:
    if suffix == CITE_SUFFIX:
        return "；".join(c.text for c in cell.citations)
    if suffix == NOTE_SUFFIX:
        return note_of(cell)
    figure = cell.figures[0] if cell.state == "stated" and len(cell.figures) == 1 else None
    if figure is None:
        return None
    return {
        EXACT_SUFFIX: figure.exact,
        LOW_SUFFIX: figure.low,
        HIGH_SUFFIX: figure.high,
        UNIT_SUFFIX: figure.unit,
        PER_SUFFIX: figure.per,
        PER_COUNT_SUFFIX: figure.per_count,
        APPROX_SUFFIX: "约" if figure.approx else None,
    }[suffix]


def records(table: Table, catalog: Catalog) -> list[list[Any]]:
    """The table as rows of plain values (numbers as numbers, None for empty), header first.
    A row's values are kept for its list of cells (swkb.catalog.memo), which a serve save hands
    over unchanged for every region it did not edit (`Table.row_cells`)."""
    parts = [_parts(table, j) for j in range(len(table.columns))]
    parts_key = tuple(map(tuple, parts))
    out: list[list[Any]] = [header(table)]
    for row, cells, province in zip(table.rows, table.cells, table.provinces):
        region = catalog.regions[row.region_id]
        labels = (row.label, catalog.regions[province].name, LEVEL_ZH[region.level], region.name_zh() or None)
        out.append(catalog.memo.get("records", cells, partial(_record, cells, parts, labels), depends=(labels, parts_key)))
    return out


def _record(cells: list[Cell], parts: list[list[str]], labels: tuple[Any, ...]) -> list[Any]:
    """One row: its label, province and level, each cell with its extra columns, the name's basis."""
    values: list[Any] = list(labels[:3])
    for cell, suffixes in zip(cells, parts):
        values.append(cell.text)
        values += [_part_value(cell, suffix) for suffix in suffixes]
    values.append(labels[3])
    return values


# Spreadsheets run cells that start with these as formulas (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """Text that a spreadsheet would take for a formula gets a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def to_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else (f"{v:g}" if isinstance(v, float) else inert(v)) for v in row])
    # The byte-order mark makes Excel open the file as UTF-8 instead of the system code page.
    return buffer.getvalue().encode("utf-8-sig")


XLSX_STYLED_ROWS = 50
"""Rows whose text wraps, and from which column widths are measured (the first screens)."""


def to_xlsx(rows: list[list[Any]], title: str) -> bytes:
    """The table as one sheet: bold header, text never read as a formula, widths from the first
    rows, header row and region column frozen, every column filterable, header repeated in print.
    Written row by row (openpyxl's write-only mode): at 3,000 regions the in-memory sheet was half
    of the time spent on the downloads."""
    # Imported here, as python-docx in swkb.publish.docx: the build's main process imports this
    # module but writes the downloads in a child, and openpyxl took 0.09 s of its start.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    width = max(len(r) for r in rows)
    for i in range(width):
        longest = max(len(str(r[i] if i < len(r) and r[i] is not None else "")) for r in rows[:XLSX_STYLED_ROWS])
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(60, max(8, longest * 1.6))
    # Header row and region column stay in view while scrolling; every column can be filtered.
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{len(rows)}"
    sheet.print_title_rows = "1:1"  # header row repeats on every printed page
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        if number >= XLSX_STYLED_ROWS and not any(isinstance(v, str) and v.startswith("=") for v in row):
            sheet.append(row)
            continue
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and cell.data_type == "f":  # text, never a formula
                cell.data_type = "s"
            if number < XLSX_STYLED_ROWS:
                cell.alignment = wrap
                if number == 0:
                    cell.font = bold
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _json_text(value: Any, depth: int) -> str:
    """`value` as catalog.json prints it `depth` levels in (a JSON string never holds a raw line break)."""
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)


def _entry_json(model: Any) -> str:
    return _json_text(model.model_dump(mode="json", exclude_defaults=True), 2)


def catalog_json(catalog: Catalog) -> bytes:
    """The whole catalog, every entry as validated (value, min, max, unit, per kept apart): the
    text of `json.dumps(…, indent=1, sort_keys=True)`, put together from each entry's own text,
    which is kept for its model (swkb.catalog.memo). With an indent Python's JSON encoder is its
    slow one, and a serve save at 3,000 regions spent over half a second printing 6,000
    entries that had not changed."""
    lists: list[tuple[str, dict[str, Any]]] = [
        ("regions", catalog.regions),
        ("documents", catalog.documents),
        ("services", catalog.services),
        ("roles", catalog.roles),
        ("categories", catalog.categories),
        ("terms", catalog.terms),
    ]
    parts = {"counts": _json_text(catalog.counts(), 1)}
    for kind, entries in lists:
        items = [
            f"  {json.dumps(eid, ensure_ascii=False)}: " + catalog.memo.get("json", model, partial(_entry_json, model))
            for eid, model in sorted(entries.items())
        ]
        parts[kind] = "{\n" + ",\n".join(items) + "\n }" if items else "{}"
    body = ",\n".join(f" {json.dumps(key)}: {text}" for key, text in sorted(parts.items()))
    return ("{\n" + body + "\n}\n").encode("utf-8")


DownloadsCache = dict[str, tuple[Any, dict[str, bytes]]]
"""Each table's files by its id, with what they were made from (for the next build of a serve session)."""


def _table_key(table: Table, rows: list[list[Any]], with_docx: bool) -> Any:
    """Everything a table's CSV, Excel and Word files are made from: its title and summary, its
    rows as plain values (labels, province, level, cells, the inferred place name) and, for Word,
    each cell's citations."""
    citations = tuple(tuple(c.text for c in cell.citations) for cells in table.cells for cell in cells) if with_docx else ()
    return (table.comparison.title, table.comparison.summary, with_docx, tuple(map(tuple, rows)), citations)


def downloads(
    catalog: Catalog, tables: dict[str, Table] | None = None, large: bool | None = None, cache: DownloadsCache | None = None
) -> dict[str, bytes]:
    """Every download file and browser data file, by its path inside the site; `tables` are the
    build's comparison tables (swkb.views.site), made here when not given. With a `cache` (a
    serve session's), a table whose rows did not change keeps the files made last time: a saved
    value changes one or two tables, and the Excel files were most of a save's time."""
    out: dict[str, bytes] = {"downloads/catalog.json": catalog_json(catalog)}
    if tables is None:
        tables = {comparison.id: build_table(comparison, catalog) for comparison in COMPARISONS}
    # A national table in Word would be a hundred landscape pages that nobody pastes into a memo
    # (and a third of a 3,000-region build): there, Word files come from the side-by-side view,
    # for the regions the reader picks. CSV and Excel keep every row.
    with_docx = not (is_large(catalog) if large is None else large)
    for cid, table in tables.items():
        rows = records(table, catalog)
        key = _table_key(table, rows, with_docx) if cache is not None else None
        kept = cache.get(cid) if cache is not None else None
        if kept is not None and kept[0] == key:
            out.update(kept[1])
            continue
        files = {f"downloads/{cid}.csv": to_csv(rows), f"downloads/{cid}.xlsx": to_xlsx(rows, table.comparison.title)}
        if with_docx:
            files[f"downloads/{cid}.docx"] = table_docx(table, catalog)
        if cache is not None:
            cache[cid] = (key, files)
        out.update(files)
    out.update(browser_data(catalog, tables))
    return out
