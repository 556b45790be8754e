"""Validation hints for the slips a new editor makes: a name where an ID belongs, and a level
word the catalog does not use (区 is county level)."""

from __future__ import annotations

from pathlib import Path

from swkb.catalog.errors import did_you_mean_name, level_hint

from .conftest import edit, load_errors


def test_service_name_instead_of_id_suggests_the_id(mini: Path) -> None:
    edit(mini / "regions/county.yml", "maps_to: [policy-talk]", "maps_to: [政策宣传]")
    (error,) = load_errors(mini)
    assert error.field == "services[0].maps_to[0]" and error.line == 18
    assert "是不是 `policy-talk`？" in error.suggestion and "名称" in error.suggestion


def test_region_name_instead_of_id_suggests_the_id(mini: Path) -> None:
    edit(mini / "regions/county.yml", "parent: prov", "parent: 测试省")
    (error,) = load_errors(mini)
    assert error.field == "parent" and "是不是 `prov`？" in error.suggestion


def test_a_close_name_still_finds_the_entry() -> None:
    assert "`yanglao-weilao`" in did_you_mean_name("养老为老服", {"养老为老服务": "yanglao-weilao"})
    assert did_you_mean_name("完全无关", {"养老为老服务": "yanglao-weilao"}) == ""


def test_district_is_county_level(mini: Path) -> None:
    edit(mini / "regions/county.yml", "level: county", "level: district")
    (error,) = load_errors(mini)
    assert error.field == "level" and error.line == 3
    assert "`county`" in error.suggestion and "县级" in error.suggestion and "区" in error.suggestion
    assert "district" in error.found


def test_level_hint_only_offers_allowed_levels() -> None:
    assert "`prefecture`" in level_hint("city", ["province", "prefecture", "county"])
    assert level_hint("country", ["province", "prefecture", "county"]) == ""  # regions have no national level
    assert "`national`" in level_hint("country", ["national", "province", "prefecture", "county"])
