"""Data for the comparison pages' scripts, made at build time from the same cells as the pages.

The files are JSON wrapped in one assignment (`SWKB_DATA["key"] = {...}`) and loaded with a
<script> element, not fetch(): the offline bundle is opened from file://, where fetch() of a
local file is refused but a script file loads. The scripts put every text from these files into
the page with textContent, never as markup.

- `data/compare/index.js`: every region (name, pinyin, province, level) for the picker, and the
  rows of the side-by-side table in their order;
- `data/compare/regions/<id>.js`: one region's cells by row key, loaded when it is chosen;
- `data/compare/<comparison>.js`: all rows of a comparison table, for a large catalog, whose
  pages hold only the first rows and page and sort the rest in the browser.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from swkb.catalog.labels import LEVEL_ZH
from swkb.catalog.store import Catalog
from swkb.text import initials, pinyin_of
from swkb.views.cells import Cell
from swkb.views.compare import Row, Table
from swkb.views.pagination import is_large
from swkb.views.selection import TOPICS, FieldRow, region_cells, row_order

DATA_DIR = "data/compare"


def script(key: str, data: Any) -> bytes:
    """`data` as JSON assigned to SWKB_DATA[key]."""
    return _script_text(key, _json(data))


def _script_text(key: str, text: str) -> bytes:
    """JSON text assigned to SWKB_DATA[key]. U+2028/2029 are escaped: older engines end a
    JavaScript line there even inside a string."""
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(window.SWKB_DATA=window.SWKB_DATA||{{}})[{json.dumps(key)}]={text};\n".encode()


def cell_json(cell: Cell) -> dict[str, Any]:
    """A cell in short keys: s state, t text, f figures [text, label, citation, document id, 1 if
    not stated, the value as quotes and the Word file carry it (with its note and reading mark),
    anchor of the clause on the document's page], k [floor, ceiling], q quote, h [kind, id] of a link."""
    out: dict[str, Any] = {"s": cell.state}
    if cell.figures:
        out["f"] = [
            [f.text, f.label or "", f.citation.text, f.citation.doc_id, int(f.state == "not_stated"), f.quote, f.citation.anchor]
            for f in cell.figures
        ]
    else:
        out["t"] = cell.text
    if cell.floor is not None or cell.ceiling is not None:
        out["k"] = [cell.floor, cell.ceiling]
    if cell.quote:
        out["q"] = cell.quote
    if cell.link is not None:
        out["h"] = [cell.link.kind, cell.link.id]
        out["t"] = cell.text
    return out


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _row_json(row: Row, province: str, level: str, cells: list[Cell]) -> str:
    return _json(
        {"r": row.region_id, "a": row.anchor, "n": row.label, "p": province, "l": level, "c": [cell_json(c) for c in cells]}
    )


def _region_script(rid: str, by_key: dict[str, tuple[FieldRow, Cell]]) -> bytes:
    return script(f"region:{rid}", {key: cell_json(cell) for key, (_, cell) in by_key.items()})


def table_script(table: Table, catalog: Catalog) -> bytes:
    """`script("table:<id>", …)` of a comparison's columns, rows and provinces. Each row's text is
    kept for its list of cells (swkb.catalog.memo), which a serve save hands over unchanged for
    every region it did not edit (`Table.row_cells`): a save at 3,000 regions printed 24,000
    rows again, and the text is the same as printing the whole table at once."""
    rows = []
    for row, cells, province in zip(table.rows, table.cells, table.provinces):
        level = catalog.regions[row.region_id].level
        rows.append(
            catalog.memo.get(
                "row_json",
                cells,
                partial(_row_json, row, province, level, cells),
                depends=(row.region_id, row.anchor, row.label, province, level),
            )
        )
    columns = [{"id": c.id, "header": c.header, "numeric": c.numeric} for c in table.columns]
    provinces = {pid: catalog.regions[pid].name for pid in table.province_ids}
    text = f'{{"columns":{_json(columns)},"rows":[{",".join(rows)}],"provinces":{_json(provinces)}}}'
    return _script_text(f"table:{table.comparison.id}", text)


def _region_entry(catalog: Catalog, rid: str, rows: int) -> dict[str, Any]:
    """A region as the picker lists it; its pinyin kept for its model while no name changes."""
    region = catalog.regions[rid]

    def entry() -> dict[str, Any]:
        return {
            "i": rid,
            "n": region.name,
            "y": pinyin_of(region.name),
            "a": initials(region.name),
            "p": catalog.province_of(rid),
            "l": region.level,
            "d": rows,
            "u": " › ".join(catalog.regions[a].name for a in catalog.ancestors(rid)),
        }

    return catalog.memo.get("picker", region, entry, depends=(rid, rows, catalog.names_version))


def browser_data(catalog: Catalog, tables: dict[str, Table]) -> dict[str, bytes]:
    """Every data file, by its path inside the site."""
    cells = {rid: region_cells(catalog, rid) for rid in sorted(catalog.regions)}
    regions = [_region_entry(catalog, rid, len(cells[rid])) for rid in sorted(catalog.regions)]
    index = {
        "regions": regions,
        "provinces": [[pid, catalog.regions[pid].name] for pid in catalog.children.get(None, [])],
        "levels": [[code, name] for code, name in LEVEL_ZH.items() if code != "national"],
        "topics": [list(t) for t in TOPICS],
        "rows": [[row.key, row.topic, row.title, row.unit] for row in row_order(catalog, cells)],
    }
    out = {f"{DATA_DIR}/index.js": script("index", index)}
    for rid, by_key in cells.items():
        # Kept for the region's cells, which an unchanged region keeps from one save to the next.
        out[f"{DATA_DIR}/regions/{rid}.js"] = catalog.memo.get(
            "region_script",
            by_key,
            partial(_region_script, rid, by_key),
            depends=rid,
        )
    if is_large(catalog):
        for cid, table in tables.items():
            out[f"{DATA_DIR}/{cid}.js"] = table_script(table, catalog)
    return out
