"""Each comparison as a Word document (python-docx), for officials who write their papers in
Word or WPS: one table with a source column, so every figure goes into the paper with its 文号
and clause.

A topic table is written long: one line per region and item (地区 | 省份 | 项目 | 规定 | 出处),
which stays readable on an A4 page however many columns the web table has. The side-by-side view
of any chosen regions is made in the browser (docs/javascripts/compare-docx.js).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from swkb.catalog.labels import NO_NUMBER, NOT_COLLECTED, NOT_STATED, OUR_READING, OUR_TITLE
from swkb.catalog.store import Catalog
from swkb.publish.office import deterministic_zip
from swkb.views.compare import Table

if TYPE_CHECKING:
    from docx.shared import Length

# python-docx is imported where a document is written, not with this module: the build's main
# process imports the module with the downloads but writes them in a child (0.04 s of every build).

# Text columns that say what a row is about (the post of a staffing rule, the phase of a
# milestone): they go into the item name instead of becoming items of their own.
CONTEXT_COLUMNS = ("role", "post", "phase")
# Text columns left out of the Word table: the timeline's dates are in its 节点 text already.
SKIPPED_COLUMNS = ("precision", "from", "to", "before")
FONT = "SimSun"
HEADER = ["地区", "省份", "项目", "规定", "出处"]
WIDTHS_CM = (2.8, 2.6, 4.2, 11.5, 5.3)
# Characters XML 1.0 does not allow (control characters other than tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LEGEND = (
    f"“{NOT_STATED}”：所引文件没有规定这一项；“{NOT_COLLECTED}”：本站尚未从来源整理这一项。"
    f"没有文号的文件写作《正式标题》（{NO_NUMBER}）；来源没有保留标题的，写我们拟的描述性标题并注明“{OUR_TITLE}”，"
    f"引用时请勿当作正式标题。标“{OUR_READING}”的是原文可有多种读法时本站采用的读法。"
)


def _set_font(document: object) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]  # type: ignore[attr-defined]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Chinese text takes the East Asian font


def _repeat_header(row: object) -> None:
    """Mark a table row as the header that Word repeats on each page."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = properties.makeelement(qn("w:tblHeader"), {})
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cell_xml(text: str, width: Length) -> str:
    """One table cell of WordprocessingML: its width and one paragraph of text."""
    value = escape(_NOT_XML.sub("", text))
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{int(width.twips)}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:r><w:t xml:space="preserve">{value}</w:t></w:r></w:p></w:tc>'
    )


def table_docx(table: Table, catalog: Catalog) -> bytes:
    """The comparison as a .docx: title, legend, then one table with a source column."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    widths = [Cm(w) for w in WIDTHS_CM]
    document = Document()
    _set_font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    document.core_properties.title = table.comparison.title
    document.add_heading(table.comparison.title, level=1)
    document.add_paragraph(table.comparison.summary)
    document.add_paragraph(LEGEND)
    # Place names we inferred (the source names only the county or a short form) are said so
    # once, before the table, as the pages say it under the region's name.
    inferred = [
        f"{catalog.regions[rid].name}（{catalog.regions[rid].name_zh()}）"
        for rid in dict.fromkeys(row.region_id for row in table.rows)
        if catalog.regions[rid].name_zh()
    ]
    if inferred:
        document.add_paragraph("地名为本站推断的地区：" + "；".join(inferred) + "。")

    grid = document.add_table(rows=1, cols=len(HEADER))
    grid.style = "Table Grid"
    for cell, text, width in zip(grid.rows[0].cells, HEADER, widths):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.width = width
    _repeat_header(grid.rows[0])
    # Rows are written as one XML string and parsed once: python-docx adds rows in time that
    # grows with the table (ten minutes for 3,000 regions), this takes a second.
    lines = []
    context = [j for j, c in enumerate(table.columns) if c.id in CONTEXT_COLUMNS]
    for row, cells, province in zip(table.rows, table.cells, table.provinces):
        about = "·".join(cells[j].text for j in context if cells[j].text)
        for column, cell in zip(table.columns, cells):
            if column.id in CONTEXT_COLUMNS or column.id in SKIPPED_COLUMNS or cell.state == "text" and cell.text in ("", "—"):
                continue
            item = f"{about}·{column.title}" if about else column.title
            texts = [row.label, catalog.regions[province].name, item, cell.text, "；".join(c.text for c in cell.citations)]
            lines.append("<w:tr>" + "".join(_cell_xml(text, width) for text, width in zip(texts, widths)) + "</w:tr>")
    body = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(lines)}</w:tbl>")
    for tr in list(body):
        grid._tbl.append(tr)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())
