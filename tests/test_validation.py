"""Catalog validation: each error class with a good and a bad input; messages name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog

from .conftest import edit, load_errors


def only(errors, **expect):
    """The single error matching all of `expect` (field/line/file/message substring)."""
    found = [e for e in errors if all((v in getattr(e, k)) if k == "message" else getattr(e, k) == v for k, v in expect.items())]
    assert len(found) == 1, f"expected one error matching {expect}, got:\n" + "\n".join(map(str, errors))
    return found[0]


def test_good_catalog_loads_with_computed_inverse_links(mini: Path) -> None:
    cat = load_catalog(mini)
    assert cat.counts() == {"region": 2, "document": 1, "service": 2, "role": 1, "term": 1, "category": 1}
    assert cat.roles_delivering["policy-talk"] == ["worker"]
    assert [rid for rid, _ in cat.domains_adopting["policy-talk"]] == ["county"]
    assert cat.documents_of_region["county"] == ["doc-one"]
    assert cat.ancestors("county") == ["prov"] and cat.children["prov"] == ["county"]
    assert [r for r, _ in cat.staffing_of_role["worker"]] == ["county"]


def test_three_states_stay_distinct(mini: Path) -> None:
    cat = load_catalog(mini)
    county = cat.regions["county"]
    assert county.station.floor_area.status == "stated" and county.station.floor_area.min == 80
    assert county.room.floor_area.status == "not_stated" and not county.room.floor_area.has_value()
    assert county.room.staff is None  # not collected


def test_unknown_field_with_suggestion(mini: Path) -> None:
    edit(mini / "regions/county.yml", "  staff: {min: 2", "  staf: {min: 2")
    err = only(load_errors(mini), field="station.staf")
    assert err.file.endswith("catalog/regions/county.yml") and err.line == 8
    assert "未知字段" in err.message and "`staff`" in err.suggestion


def test_wrong_type_number_as_string(mini: Path) -> None:
    edit(mini / "regions/county.yml", "{min: 80,", '{min: "80",')
    err = only(load_errors(mini), field="station.floor_area.min")
    assert err.line == 7 and "数字" in err.message and "“80”" in err.found


def test_missing_required_field(mini: Path) -> None:
    edit(mini / "services/needs.yml", "name: 需求评估\n", "")
    err = only(load_errors(mini), field="name")
    assert err.file.endswith("services/needs.yml") and "缺少必填字段" in err.message


def test_wrong_enum_value_with_suggestion(mini: Path) -> None:
    edit(mini / "regions/county.yml", "level: county", "level: countyy")
    err = only(load_errors(mini), field="level")
    assert err.line == 3 and "county" in err.expected and "`county`" in err.suggestion


def test_missing_and_wrong_unit(mini: Path) -> None:
    edit(mini / "regions/county.yml", "{min: 80, unit: ㎡,", "{min: 80, unit: 平方米,")
    edit(mini / "regions/county.yml", "{max: 45, unit: 岁,", "{max: 45,")
    errors = load_errors(mini)
    assert "㎡" in only(errors, field="station.floor_area.unit").expected
    assert "单位" in only(errors, field="staffing[0].age_max.unit").message


def test_absurd_values(mini: Path) -> None:
    edit(mini / "regions/county.yml", "{min: 80,", "{min: -5,")
    edit(mini / "regions/county.yml", "{max: 45,", "{max: 300,")
    edit(mini / "regions/county.yml", '{max: 3, unit: "%"', '{max: 130, unit: "%"')
    errors = load_errors(mini)
    assert only(errors, field="station.floor_area.min").line == 7
    assert only(errors, field="staffing[0].age_max.max").found == "300"
    assert only(errors, field="funding.social_assistance_share.max").line == 21


def test_reversed_numeric_range(mini: Path) -> None:
    edit(mini / "regions/county.yml", "{min: 2, max: 3,", "{min: 3, max: 2,")
    err = only(load_errors(mini), field="station.staff.min")
    assert err.line == 8 and "颠倒" in err.message


def test_invalid_and_reversed_dates(mini: Path) -> None:
    edit(mini / "regions/county.yml", "date: 2021-06,", "date: 2021-02-30,")
    edit(mini / "regions/county.yml", "start: 2022-05-21, end: 2022-06-30", "start: 2022-07-21, end: 2022-06-30")
    errors = load_errors(mini)
    assert "没有30日" in only(errors, field="timeline[0].date").message
    assert "颠倒" in only(errors, field="timeline[1].end", line=26).message


def test_stated_fact_needs_clause_and_not_stated_has_no_value(mini: Path) -> None:
    edit(
        mini / "regions/county.yml",
        "{min: 80, unit: ㎡, source: doc-one, clause: 四、(一)2}",
        "{min: 80, unit: ㎡, source: doc-one}",
    )
    edit(
        mini / "regions/county.yml",
        "{status: not_stated, source: doc-one}",
        "{status: not_stated, min: 10, unit: ㎡, source: doc-one}",
    )
    errors = load_errors(mini)
    assert "条款" in only(errors, field="station.floor_area.clause").message
    assert only(errors, field="room.floor_area.status").line == 10


def test_dangling_reference_with_suggestion(mini: Path) -> None:
    edit(mini / "roles/worker.yml", "delivers: [policy-talk, needs]", "delivers: [policy-talks, needs]")
    err = only(load_errors(mini), field="delivers[0]")
    assert err.file.endswith("roles/worker.yml") and err.line == 4
    assert "不存在的服务" in err.message and "`policy-talk`" in err.suggestion


def test_dangling_reference_reported_even_when_file_has_type_error(mini: Path) -> None:
    edit(mini / "regions/county.yml", "{min: 80,", '{min: "80",')
    edit(mini / "regions/county.yml", "  - role: worker", "  - role: wroker")
    errors = load_errors(mini)
    only(errors, field="station.floor_area.min")
    assert "`worker`" in only(errors, field="staffing[0].role").suggestion


def test_duplicate_id_names_both_files(mini: Path) -> None:
    (mini / "services/needs-copy.yml").write_text((mini / "services/needs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    errors = load_errors(mini)
    dup = only(errors, message="ID `needs` 重复", field="id")
    # One file carries the error, the other is named in it: the editor sees both.
    assert {dup.file.rsplit("/", 1)[-1], dup.found.split(":")[0].rsplit("/", 1)[-1]} == {"needs.yml", "needs-copy.yml"}
    assert any("文件名" in e.message for e in errors)  # the copy's ID also disagrees with its file name


def test_duplicate_id_in_list_file(mini: Path) -> None:
    edit(mini / "glossary.yml", "terms:\n", "terms:\n  - {id: dibao, term: 低保重复, definition: 重复。}\n")
    err = only(load_errors(mini), field="terms[1].id")
    assert err.line == 3


def test_region_cycle(mini: Path) -> None:
    edit(mini / "regions/prov.yml", "level: province", "level: province\nparent: county")
    errors = load_errors(mini)
    assert any("循环" in e.message and e.field == "parent" for e in errors)


def test_chinese_id_is_rejected(mini: Path) -> None:
    edit(mini / "services/needs.yml", "id: needs", "id: 需求")
    err = only(load_errors(mini), field="id", message="小写字母")
    assert err.line == 1


def test_unknown_file_location(mini: Path) -> None:
    (mini / "stray.yml").write_text("a: 1\n", encoding="utf-8")
    err = only(load_errors(mini), message="不认识")
    assert err.file.endswith("stray.yml")


def test_one_run_lists_every_error(mini: Path) -> None:
    """The acceptance case: syntax error, wrong type, dangling reference, duplicate ID and
    duplicate key, each in its own file, all reported by a single load."""
    (mini / "services/broken.yml").write_text("id: broken\nname: [未闭合\n", encoding="utf-8")
    edit(mini / "regions/county.yml", "{min: 80,", '{min: "八十",')
    edit(mini / "roles/worker.yml", "delivers: [policy-talk, needs]", "delivers: [policy-talk, nees]")
    (mini / "services/needs2.yml").write_text((mini / "services/needs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    edit(mini / "documents/doc-one.yml", "level: county\n", "level: county\nlevel: county\n")
    errors = load_errors(mini)
    files = {e.file.split("catalog/")[-1] for e in errors}
    assert {
        "services/broken.yml",
        "regions/county.yml",
        "roles/worker.yml",
        "services/needs2.yml",
        "documents/doc-one.yml",
    } <= files
    assert all(e.line >= 1 for e in errors)
    text = "\n".join(map(str, errors))
    assert "重复" in text and "不存在的服务" in text and "应为数字" in text


@pytest.mark.parametrize("value", [2021, "2021-08", "2021-08-15"])
def test_date_precisions(mini: Path, value: object) -> None:
    edit(mini / "documents/doc-one.yml", "date: 2021-10-18", f"date: {value}")
    doc = load_catalog(mini).documents["doc-one"]
    assert str(doc.date) == str(value)
    assert doc.date.precision == {4: "year", 7: "month", 10: "day"}[len(str(value))]


def test_aliases_load_and_search_finds_them(mini: Path) -> None:
    edit(mini / "glossary.yml", "    abbreviations: [低保]", "    abbreviations: [低保]\n    aliases: [低保金, 吃低保]")
    edit(mini / "services/needs.yml", "summary: 了解居民需要什么。", "summary: 了解居民需要什么。\naliases: [入户摸底]")
    cat = load_catalog(mini)
    assert cat.terms["dibao"].aliases == ["低保金", "吃低保"]
    assert cat.services["needs"].aliases == ["入户摸底"]


def test_alias_that_is_its_own_name_or_repeated(mini: Path) -> None:
    edit(mini / "glossary.yml", "    abbreviations: [低保]", "    abbreviations: [低保]\n    aliases: [低保, 吃低保, 吃低保]")
    errors = load_errors(mini)
    own = only(errors, field="terms[0].aliases[0]")
    assert own.file.endswith("catalog/glossary.yml") and own.line == 5
    assert "自己的名称" in own.message and own.found == "“低保”"
    twice = only(errors, field="terms[0].aliases[2]")
    assert "重复" in twice.message and "只用一次" in twice.expected


def test_alias_that_names_another_entry_or_is_used_twice(mini: Path) -> None:
    edit(mini / "services/needs.yml", "summary: 了解居民需要什么。", "summary: 了解居民需要什么。\naliases: [低保, 讲政策]")
    edit(mini / "services/policy-talk.yml", "summary:", "aliases: [讲政策]\nsummary:")
    errors = load_errors(mini)
    other = only(errors, field="aliases[0]", file=next(e.file for e in errors if e.file.endswith("needs.yml")))
    assert "另一个术语 `dibao`" in other.message and "glossary.yml" in other.found
    used = [e for e in errors if "已用在服务" in e.message]
    assert len(used) == 1 and used[0].field == "aliases[0]" and "只用一次" in used[0].expected
