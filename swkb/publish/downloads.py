"""Downloads produced at build time: each comparison as CSV and Excel, the whole catalog as JSON.

Each fact column becomes up to three columns: the value as shown on the page, its number in
the column's unit (numeric columns only, so spreadsheets sort and sum it), and its citation.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from swkb.catalog.labels import LEVEL_ZH, NOT_COLLECTED, NOT_STATED
from swkb.catalog.models import Fact
from swkb.catalog.store import Catalog
from swkb.views.compare import COMPARISONS, Column, Link, Table, Value, build_table, sort_key

NUMBER_SUFFIX = "·数值"
CITE_SUFFIX = "·出处"


def cell_text(catalog: Catalog, value: Value) -> str:
    """A cell as text: the value, or one of the two words for a missing value."""
    if value is None:
        return NOT_COLLECTED
    if isinstance(value, Link):
        return catalog.located(value.kind, value.id).model.name
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        if not value:
            return NOT_COLLECTED
        return "；".join(cell_text(catalog, item) for item in value)
    if value.status == "not_stated":
        return NOT_STATED
    text = value.display()
    return f"{value.label}：{text}" if value.label else text


def cell_citation(catalog: Catalog, value: Value) -> str:
    facts = value if isinstance(value, list) else [value] if isinstance(value, Fact) else []
    cites: list[str] = []
    for fact in facts:
        cite = catalog.document_label(fact.source) + (f" {fact.clause}" if fact.clause else "")
        if cite not in cites:
            cites.append(cite)
    return "；".join(cites)


def header(table: Table) -> list[str]:
    out = [table.comparison.row_header, "省份", "层级"]
    for column in table.comparison.columns:
        out.append(column.header)
        if column.numeric:
            out.append(column.header + NUMBER_SUFFIX)
        if _has_facts(column, table):
            out.append(column.title + CITE_SUFFIX)
    return out


def _has_facts(column: Column, table: Table) -> bool:
    return any(isinstance(v, (Fact, list)) for v in (column.get(row.subject) for row in table.rows)) or column.numeric


def records(table: Table, catalog: Catalog) -> list[list[Any]]:
    """The table as rows of plain values (numbers as numbers), header first."""
    fact_columns = [_has_facts(c, table) for c in table.comparison.columns]
    out: list[list[Any]] = [header(table)]
    for row in table.rows:
        region = catalog.regions[row.region_id]
        line: list[Any] = [row.label, catalog.regions[catalog.province_of(row.region_id)].name, LEVEL_ZH[region.level]]
        for column, has_facts in zip(table.comparison.columns, fact_columns):
            value = column.get(row.subject)
            line.append(cell_text(catalog, value))
            if column.numeric:
                line.append(sort_key(value, column))
            if has_facts:
                line.append(cell_citation(catalog, value))
        out.append(line)
    return out


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


def to_xlsx(rows: list[list[Any]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.data_type == "f":  # text, never a formula
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for i, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(len(rows), 50)), start=1):
        longest = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.6))
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.print_title_rows = "1:1"  # header row repeats on every printed page
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed timestamps, so identical catalogs give identical files."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _strip_timestamps(content)
            target.writestr(fixed, content)
    return out.getvalue()


def _strip_timestamps(core_xml: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2020-01-01T00:00:00Z\g<3>", core_xml)


def catalog_json(catalog: Catalog) -> bytes:
    """The whole catalog, every entry as validated, plus where it was written."""
    data: dict[str, Any] = {"counts": catalog.counts()}
    lists: list[tuple[str, dict[str, Any]]] = [("regions", catalog.regions), ("documents", catalog.documents), ("services", catalog.services),
                          ("roles", catalog.roles), ("categories", catalog.categories), ("terms", catalog.terms)]
    for kind, entries in lists:
        data[kind] = {eid: model.model_dump(mode="json", exclude_defaults=True) for eid, model in entries.items()}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def downloads(catalog: Catalog) -> dict[str, bytes]:
    """Every download file, by its path inside the site."""
    out: dict[str, bytes] = {"downloads/catalog.json": catalog_json(catalog)}
    for comparison in COMPARISONS:
        rows = records(build_table(comparison, catalog), catalog)
        out[f"downloads/{comparison.id}.csv"] = to_csv(rows)
        out[f"downloads/{comparison.id}.xlsx"] = to_xlsx(rows, comparison.title)
    return out

