"""The provenance check (swkb.catalog.provenance) on a small catalog and a small source archive:
it finds every figure, fails on one that is not in its source, names what it skipped, and
`swkb validate` reports the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog
from swkb.catalog.provenance import ARCHIVE_ENV, NO_ARCHIVE_NOTE, check_provenance

from .conftest import ROOT, edit

# The mini catalog's figures as a source might word them (80, 2–3, 45, 2 years, 3%, 50%), its
# issuer and 文号 as written, and its milestones (2021年6月底前, 2022年5月21日-6月30日).
SOURCE_TEXT = (
    "测试县人民政府办公室 测政办发〔2021〕1号\n"
    "社工站面积不少于80平方米，配备2至3名社工，年龄45岁以下，两年内取得证书。资金不高于3%，首期拨付50%。\n"
    "2021年6月底前启动试点。2022年5月21日-6月30日组织采购。\n"
)


@pytest.fixture
def archived(mini: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The mini catalog whose one document names its text in a source archive."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "doc-one.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    edit(mini / "documents/doc-one.yml", "status: trial\n", "status: trial\nseed_file: doc-one.txt\n")
    return mini, archive


def test_every_figure_found_in_the_archive(archived) -> None:
    mini, archive = archived
    report = check_provenance(load_catalog(mini), archive, mini)
    assert report.errors == [] and report.skipped == []
    assert report.checked == 13  # 80, 2, 3, 2, 45, 2, 3, 50; issuer, 文号; 2021年6月, 5月21日, 6月30日


def test_a_figure_missing_from_its_source_fails_with_its_line(archived) -> None:
    mini, archive = archived
    edit(mini / "regions/county.yml", "age_max: {max: 45,", "age_max: {max: 46,")
    (error,) = check_provenance(load_catalog(mini), archive, mini).errors
    assert error.file.endswith("regions/county.yml") and error.line == 15
    assert error.field == "staffing[0].age_max.max" and "46" in error.found and "doc-one.txt" in error.expected


def test_an_issuer_not_as_written_fails(archived) -> None:
    """Issuers and 文号 are copied as the source writes them: a word added (“河南”) is caught."""
    mini, archive = archived
    edit(mini / "documents/doc-one.yml", "issuer: 测试县人民政府办公室", "issuer: 某省测试县人民政府办公室")
    (error,) = check_provenance(load_catalog(mini), archive, mini).errors
    assert error.field == "issuer" and error.line == 3 and "某省测试县人民政府办公室" in error.found


def test_a_milestone_date_missing_from_its_source_fails(archived) -> None:
    mini, archive = archived
    edit(mini / "regions/county.yml", "date: 2021-06, before: true", "date: 2021-07, before: true")
    (error,) = check_provenance(load_catalog(mini), archive, mini).errors
    assert error.field == "timeline[0].date" and "2021年7月" in error.found and error.line == 25


def test_a_source_in_traditional_characters_matches_simplified_names(archived) -> None:
    mini, archive = archived
    (archive / "doc-one.txt").write_text(SOURCE_TEXT.replace("测试县人民政府办公室", "測試縣人民政府辦公室"), encoding="utf-8")
    assert check_provenance(load_catalog(mini), archive, mini).errors == []


def test_a_seed_file_not_in_the_archive_is_an_error_with_a_hint(archived) -> None:
    mini, archive = archived
    edit(mini / "documents/doc-one.yml", "seed_file: doc-one.txt", "seed_file: doc-on.txt")
    (error,) = check_provenance(load_catalog(mini), archive, mini).errors
    assert error.field == "seed_file" and error.line == 9 and "`doc-one.txt`" in error.suggestion


def test_without_seed_file_the_figures_are_named_as_unchecked(mini: Path, tmp_path: Path) -> None:
    report = check_provenance(load_catalog(mini), tmp_path, mini)
    assert report.errors == [] and report.checked == 0
    (note,) = report.skipped
    assert "doc-one(8 个)" in note and "seed_file" in note


def test_without_an_archive_nothing_is_checked_and_it_says_so(mini: Path) -> None:
    report = check_provenance(load_catalog(mini), None, mini)
    assert report.errors == [] and report.checked == 0 and report.skipped == [NO_ARCHIVE_NOTE]
    assert ARCHIVE_ENV in report.summary()


def test_validate_runs_the_same_check(archived) -> None:
    mini, archive = archived

    def validate(*extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "scripts/validate.py"), "--catalog", str(mini), *extra],
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
        )

    ok = validate(env={ARCHIVE_ENV: str(archive)})
    assert ok.returncode == 0 and "核对了 13 处数字、日期和照录文字" in ok.stdout
    edit(mini / "regions/county.yml", "age_max: {max: 45,", "age_max: {max: 46,")
    bad = validate("--archive", str(archive))
    assert bad.returncode == 1 and "county.yml:15" in bad.stderr and "staffing[0].age_max.max" in bad.stderr
    # No archive: the catalog itself is fine, and the output says the figures were not checked.
    unset = validate(env={ARCHIVE_ENV: ""})
    assert unset.returncode == 0 and ARCHIVE_ENV in unset.stdout
