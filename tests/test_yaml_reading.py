"""The YAML reader: line numbers kept, duplicate keys caught, unreadable files explained."""

from __future__ import annotations

from pathlib import Path

from swkb.catalog.reader import read_yaml


def read(tmp_path: Path, content: bytes | str):
    path = tmp_path / "x.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return read_yaml(path, "x.yml")


def test_good_file_keeps_line_of_every_field(tmp_path: Path) -> None:
    doc = read(tmp_path, "id: a\nstation:\n  floor_area:\n    min: 80\nlist:\n  - x\n  - y\n")
    assert not doc.errors
    assert doc.data == {"id": "a", "station": {"floor_area": {"min": 80}}, "list": ["x", "y"]}
    assert doc.lines[("station", "floor_area", "min")] == 4
    assert doc.lines[("list", 1)] == 7
    # A field that is missing points at its parent.
    assert doc.line_of(("station", "floor_area", "unit")) == 3


def test_duplicate_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    doc = read(tmp_path, "id: a\nname: 一\nname: 二\n")
    assert len(doc.errors) == 1
    err = doc.errors[0]
    assert (err.file, err.line, err.field) == ("x.yml", 3, "name")
    assert "重复" in err.message and "第 2 行" in err.message
    assert doc.data["name"] == "一"  # the rest of the file is still checked


def test_nested_duplicate_key(tmp_path: Path) -> None:
    doc = read(tmp_path, "a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert [(e.line, e.field) for e in doc.errors] == [(4, "a.b")]


def test_yaml_11_booleans_stay_words_and_dates_stay_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "a: no\nb: true\nc: 2021-08-15\nd: 2021\n")
    assert doc.data == {"a": "no", "b": True, "c": "2021-08-15", "d": 2021}


def test_syntax_error_names_line_in_chinese(tmp_path: Path) -> None:
    doc = read(tmp_path, "id: a\nname: [未闭合\nlevel: county\n")
    assert doc.data is None and len(doc.errors) == 1
    assert doc.errors[0].line >= 2
    assert "YAML" in str(doc.errors[0]) or "缩进" in str(doc.errors[0]) or "引号" in str(doc.errors[0])


def test_tab_indentation(tmp_path: Path) -> None:
    doc = read(tmp_path, "id: a\nstation:\n\tstaff: 2\n")
    assert doc.data is None
    assert doc.errors[0].line == 3
    assert "制表符" in doc.errors[0].message


def test_bom_not_utf8_empty_and_oversized(tmp_path: Path) -> None:
    bom = read(tmp_path, b"\xef\xbb\xbfid: a\n")
    assert "BOM" in bom.errors[0].message and bom.errors[0].line == 1
    gbk = read(tmp_path, "id: a\nname: 常熟市\n".encode("gbk"))
    assert "UTF-8" in gbk.errors[0].message and gbk.errors[0].line == 2
    empty = read(tmp_path, "# 只有注释\n\n")
    assert "为空" in empty.errors[0].message
    big = read(tmp_path, "a: " + "x" * 2_000_000 + "\n")
    assert "过大" in big.errors[0].message
