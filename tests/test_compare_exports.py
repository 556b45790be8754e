"""Exports keep the meaning of numbers: CSV and Excel round-trip with 确数, 下限, 上限, 单位 and 口径
kept apart, Excel has an autofilter and a frozen header, the JSON keeps min/max, and the Word
files read back with python-docx, citations included."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest

from swkb.catalog.load import load_catalog
from swkb.publish.docx import table_docx
from swkb.publish.downloads import CITE_SUFFIX, EXACT_SUFFIX, HIGH_SUFFIX, LOW_SUFFIX, NUMBER_SUFFIXES, UNIT_SUFFIX, records
from swkb.views.compare import COMPARISON_BY_ID, COMPARISONS, build_table

from .conftest import ROOT

IDS = [c.id for c in COMPARISONS]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "catalog")


def csv_rows(site: Path, cid: str) -> list[list[str]]:
    raw = (site / "downloads" / f"{cid}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize("cid", IDS)
def test_csv_and_xlsx_round_trip(real_site: Path, catalog, cid: str) -> None:
    expected = records(build_table(COMPARISON_BY_ID[cid], catalog), catalog)
    from_csv = csv_rows(real_site, cid)
    book = openpyxl.load_workbook(real_site / "downloads" / f"{cid}.xlsx")
    sheet = book.active
    from_xlsx = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert from_csv[0] == expected[0] == from_xlsx[0]
    assert len(from_csv) == len(expected) == len(from_xlsx)
    for want, got_csv, got_xlsx in zip(expected[1:], from_csv[1:], from_xlsx[1:], strict=True):
        for header, w, c, x in zip(expected[0], want, got_csv, got_xlsx, strict=True):
            if header.endswith(NUMBER_SUFFIXES):
                assert (float(c) if c else None) == w == x, header
            else:
                assert c == (w or "") == (x or ""), header
    # Every column can be filtered, and the header row and region column stay in view.
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(expected[0]))}{len(expected)}"
    assert sheet.freeze_panes == "B2"


def test_floors_ceilings_and_ranges_stay_apart(real_site: Path) -> None:
    rows = {
        r["地区"]: r for r in csv.DictReader(io.StringIO((real_site / "downloads/funding.csv").read_text(encoding="utf-8-sig")))
    }
    share = "社会救助资金比例(%)"
    assert (rows["原州区"][share + LOW_SUFFIX], rows["原州区"][share + HIGH_SUFFIX]) == ("3", "")  # 不低于 3%
    assert (rows["涿鹿县"][share + LOW_SUFFIX], rows["涿鹿县"][share + HIGH_SUFFIX]) == ("", "3")  # 不超过 3%
    assert rows["涿鹿县"][share + UNIT_SUFFIX] == "%"
    assert rows["原州区"][share + "·口径"] == "当年社会救助专项资金支出总量"
    assert rows["陕西省某县(来源未具名)"]["合同期限上限(年)" + HIGH_SUFFIX] == "1"
    assert "(三)签订合同" in rows["陕西省某县(来源未具名)"]["合同期限上限" + CITE_SUFFIX]

    sheet = openpyxl.load_workbook(real_site / "downloads/staffing.xlsx").active
    header = [c.value for c in sheet[1]]
    lines = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    count = "人数(名)"
    zhuolu = next(r for r in lines if r["地区"] == "涿鹿县" and r["所在"] == "社工站")
    assert (zhuolu[count + LOW_SUFFIX], zhuolu[count + HIGH_SUFFIX], zhuolu[count + EXACT_SUFFIX]) == (2, 5, None)  # 2–5 名
    room = next(
        r
        for r in lines
        if r["地区"] == "常熟市" and r["所在"] == "社工室" and r[count + LOW_SUFFIX] == 1 and r[count + "·口径数量"]
    )
    assert room[count + "·口径"] == "以镇(街道)为单位，每2个村(社区)" and room[count + "·口径数量"] == 2  # 每2个村不少于1名
    henan = next(r for r in lines if r["地区"] == "河南省" and r["岗位"] == "驻站社工")
    assert henan["年龄上限(岁)" + HIGH_SUFFIX] == 45 and henan["年龄上限(岁)" + LOW_SUFFIX] is None
    changshu = next(r for r in lines if r["地区"] == "常熟市" and r["岗位"] == "驻站社工" and r["所在"] == "社工站")
    assert changshu[count + LOW_SUFFIX] == 4
    assert changshu["人数" + CITE_SUFFIX] == "常政办发〔2021〕101号 四、(一)3"

    data = json.loads((real_site / "downloads/catalog.json").read_text(encoding="utf-8"))
    assert data["regions"]["zhuolu"]["funding"]["social_assistance_share"]["max"] == 3
    assert "min" not in data["regions"]["zhuolu"]["funding"]["social_assistance_share"]
    assert data["regions"]["yuanzhou"]["funding"]["social_assistance_share"]["min"] == 3


@pytest.mark.parametrize("cid", IDS)
def test_word_file_reads_back_with_citations(real_site: Path, catalog, cid: str) -> None:
    document = docx.Document(real_site / "downloads" / f"{cid}.docx")
    assert document.paragraphs[0].text == COMPARISON_BY_ID[cid].title
    assert any("本站拟题" in p.text and "来源未载文号" in p.text for p in document.paragraphs)  # the legend
    (grid,) = document.tables
    assert [c.text for c in grid.rows[0].cells] == ["地区", "省份", "项目", "规定", "出处"]
    lines = [[c.text for c in row.cells] for row in grid.rows[1:]]
    table = build_table(COMPARISON_BY_ID[cid], catalog)
    expected = {
        (row.label, cell.text, "；".join(c.text for c in cell.citations))
        for row, cells in zip(table.rows, table.cells)
        for cell in cells
        if cell.figures
    }
    assert expected <= {(line[0], line[3], line[4]) for line in lines}
    assert all(line[4] for line in lines if line[3] not in ("未收集",))  # every value has its source


def test_word_file_has_the_known_figures(real_site: Path) -> None:
    grid = docx.Document(real_site / "downloads/stations.docx").tables[0]
    lines = [[c.text for c in row.cells] for row in grid.rows[1:]]
    assert ["常熟市", "江苏省", "站·面积", "不少于 80㎡", "常政办发〔2021〕101号 四、(一)2"] in lines
    staffing = [[c.text for c in row.cells] for row in docx.Document(real_site / "downloads/staffing.docx").tables[0].rows]
    assert any(line[0] == "常熟市" and line[2] == "驻站社工·社工站·人数" and "不少于 4 名" in line[3] for line in staffing)


def test_word_file_is_the_same_for_the_same_catalog(catalog) -> None:
    table = build_table(COMPARISON_BY_ID["funding"], catalog)
    assert table_docx(table, catalog) == table_docx(table, catalog)


def test_notes_and_readings_travel_into_every_download(real_site: Path) -> None:
    """A value's note and reading mark have their own 说明 column in CSV and Excel, and stay in
    the value in the Word file: 陕西某县's contract term keeps its three-year exception."""
    rows = csv_rows(real_site, "funding")
    head, by_region = rows[0], {row[0]: row for row in rows[1:]}
    term = head.index("合同期限上限(年)")
    note = head.index("合同期限上限(年)·说明")
    shaanxi = by_region["陕西省某县(来源未具名)"]
    assert shaanxi[head.index("合同期限上限(年)·上限")] == "1" and "最长三年" in shaanxi[note]
    assert "最长三年" in shaanxi[term]  # the shown value carries it too
    sheet = openpyxl.load_workbook(real_site / "downloads/funding.xlsx").active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    xlsx_row = next(r for r in cells if r[0] == "陕西省某县(来源未具名)")
    assert cells[0][note] == "合同期限上限(年)·说明" and "最长三年" in xlsx_row[note]
    staffing = csv_rows(real_site, "staffing")
    certificate = staffing[0].index("资格证书·说明")
    henan = [row for row in staffing[1:] if row[0] == "河南省"]
    assert any(row[certificate].startswith("本站理解；原文也可读作：") for row in henan)
    grid = docx.Document(real_site / "downloads/funding.docx").tables[0]
    lines = [[c.text for c in row.cells] for row in grid.rows[1:]]
    assert any(line[0] == "陕西省某县(来源未具名)" and "合同期限上限" in line[2] and "最长三年" in line[3] for line in lines)


def test_inferred_place_names_are_marked_in_every_download(real_site: Path, catalog) -> None:
    """Issue 26: 泉州, 临汾 and 上海 are named in no source; CSV and Excel say so in their last
    column (地名依据), the Word file in a line before its table."""
    inferred = {r.name: r.name_zh() for r in catalog.regions.values() if r.name_basis == "inferred"}
    assert {"泉州市", "临汾市", "上海市"} <= set(inferred)
    rows = csv_rows(real_site, "funding")
    assert rows[0][-1] == "地名依据"
    marks = {row[0]: row[-1] for row in rows[1:]}
    for name, mark in inferred.items():
        if name in marks:
            assert marks[name] == mark and mark.startswith("地名")
    assert marks["常熟市"] == ""
    sheet = openpyxl.load_workbook(real_site / "downloads/funding.xlsx").active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][-1] == "地名依据" and any(r[0] == "泉州市" and r[-1] == inferred["泉州市"] for r in cells)
    paragraphs = [p.text for p in docx.Document(real_site / "downloads/funding.docx").paragraphs]
    line = next(p for p in paragraphs if p.startswith("地名为本站推断的地区："))
    assert all(f"{name}（{mark}）" in line for name, mark in inferred.items() if name in marks)
