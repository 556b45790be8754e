"""Hostile catalog files: alias bombs, self-containing aliases, control characters pasted from
Word, links out of the catalog and paths out of the source archive. Each gets one clear error
with file:line from `validate`, `mkdocs build` and `mkdocs serve`, quickly, with bounded memory
and no traceback; nothing outside the catalog is read."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import load_catalog
from swkb.catalog.provenance import check_provenance

from .conftest import MINI, ROOT, edit, project_without_guides, run_mkdocs_build
from .test_serve import Preview, serve_real_catalog, wait_for

BILLION_LAUGHS = """extra:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
SECRET = "root-secret-line-that-must-never-show"


def alias_bomb(catalog: Path) -> tuple[str, int]:
    path = catalog / "regions" / "county.yml"
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + BILLION_LAUGHS, encoding="utf-8")
    return "regions/county.yml", lines + 2


def recursive_alias(catalog: Path) -> tuple[str, int]:
    edit(catalog / "regions" / "county.yml", "summary: 测试用的县。", "summary: &a [*a]")
    return "regions/county.yml", 5


def escaped_control(catalog: Path) -> tuple[str, int]:
    edit(catalog / "regions" / "county.yml", "summary: 测试用的县。", 'summary: "测试\\v用的县\\uFFFF"')
    return "regions/county.yml", 5


def raw_control(catalog: Path) -> tuple[str, int]:
    edit(catalog / "regions" / "county.yml", "summary: 测试用的县。", "summary: 测试\x0b用的县。")
    return "regions/county.yml", 5


def link_out(catalog: Path) -> tuple[str, int]:
    secret = catalog.parent / "secret.txt"
    secret.write_text(f"{SECRET}: x\n", encoding="utf-8")
    (catalog / "regions" / "passwd.yml").symlink_to(secret)
    return "regions/passwd.yml", 0


CASES: dict[str, Callable[[Path], tuple[str, int]]] = {
    "alias bomb": alias_bomb,
    "recursive alias": recursive_alias,
    "escaped control character": escaped_control,
    "control character": raw_control,
    "link out of the catalog": link_out,
}
MESSAGES = {
    "alias bomb": "锚点",
    "recursive alias": "锚点",
    "escaped control character": "控制字符",
    "control character": "控制字符",
    "link out of the catalog": "链接",
}


def _limited_memory() -> None:
    # 1 GiB of address space: the alias bomb needed over 4.8 GB before it was refused.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _hostile(tmp_path: Path, case: str) -> tuple[Path, str, int]:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    file, line = CASES[case](catalog)
    return catalog, file, line


def _assert_one_clear_error(output: str, file: str, line: int, case: str) -> None:
    assert "Traceback" not in output and "RecursionError" not in output, output[-2000:]
    assert SECRET not in output
    assert "1 处错误" in output, output[-2000:]
    located = f"{file}:{line}" if line else f"{file}："
    assert located in output, output[-2000:]
    assert MESSAGES[case] in output


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_refuses_quickly_with_file_and_line(tmp_path: Path, case: str) -> None:
    catalog, file, line = _hostile(tmp_path, case)
    start = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from swkb.cli import main; sys.exit(main(sys.argv[1:]))",
            "validate",
            "--catalog",
            str(catalog),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limited_memory,
        env={**os.environ, "SWKB_SOURCE_ARCHIVE": ""},
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 1, result.stdout + result.stderr
    _assert_one_clear_error(result.stdout + result.stderr, file, line, case)
    assert elapsed < 2.0 + 1.5, f"validate took {elapsed:.1f} s"  # 1.5 s of it is starting Python and imports


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_stops_with_the_same_error(tmp_path: Path, case: str) -> None:
    catalog, file, line = _hostile(tmp_path, case)
    project = project_without_guides(tmp_path)
    result = run_mkdocs_build(tmp_path / "site", catalog, project=project)
    assert result.returncode == 1
    _assert_one_clear_error(result.stdout + result.stderr, file, line, case)
    assert not (tmp_path / "site" / "index.html").exists()


def test_loader_has_no_file_or_line_free_failure(tmp_path: Path) -> None:
    """In-process: the loader raises CatalogErrors (never RecursionError or MemoryError) for each case."""
    for case in CASES:
        catalog, file, line = _hostile(tmp_path / case.replace(" ", "-"), case)
        with pytest.raises(CatalogErrors) as info:
            load_catalog(catalog)
        (error,) = info.value.errors
        assert error.file.endswith(file) and error.line == line, (case, error)


def test_control_character_error_names_its_field(tmp_path: Path) -> None:
    catalog, _, _ = _hostile(tmp_path, "control character")
    with pytest.raises(CatalogErrors) as info:
        load_catalog(catalog)
    (error,) = info.value.errors
    assert error.field == "summary" and "U+000B" in error.found


def test_linked_folder_out_of_the_catalog_is_refused(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "county2.yml").write_text(f"id: county2\nname: {SECRET}\n", encoding="utf-8")
    shutil.rmtree(catalog / "roles")
    (catalog / "roles").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(CatalogErrors) as info:
        load_catalog(catalog)
    assert any("链接" in e.message for e in info.value.errors)
    assert SECRET not in str(info.value)


def test_seed_file_cannot_leave_the_source_archive(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    archive = tmp_path / "archive"
    archive.mkdir()
    (tmp_path / "outside.txt").write_text("80 2 3 45 50", encoding="utf-8")  # every number the mini catalog cites
    (archive / "linked.txt").symlink_to(tmp_path / "outside.txt")
    doc = catalog / "documents" / "doc-one.yml"
    for seed in ("../outside.txt", "linked.txt"):
        text = doc.read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.startswith("seed_file:"))
        doc.write_text(text + f"\nseed_file: {seed}\n", encoding="utf-8")
        report = check_provenance(load_catalog(catalog), archive)
        assert report.checked == 0, seed  # nothing was read from outside
        assert [e.field for e in report.errors] == ["seed_file"], report.errors


def test_one_bad_term_id_gives_one_error(tmp_path: Path) -> None:
    """A bad id in glossary.yml is that file's error; the checklist's links to its terms are
    not reported as links to missing terms on top of it."""
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    edit(catalog / "glossary.yml", "  - id: shegongzhan", "  - id: SheGongZhan")
    with pytest.raises(CatalogErrors) as info:
        load_catalog(catalog)
    assert [(e.file.rsplit("/", 1)[-1], e.field) for e in info.value.errors] == [("glossary.yml", "terms[0].id")]


@pytest.fixture(scope="module")
def serving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    yield from serve_real_catalog(tmp_path_factory)


SERVE_CASES = {
    "alias bomb": lambda c: (c / "regions" / "changshu.yml").write_text(
        (c / "regions" / "changshu.yml").read_text(encoding="utf-8") + BILLION_LAUGHS, encoding="utf-8"
    ),
    "recursive alias": lambda c: edit(c / "regions" / "changshu.yml", "\nsummary: ", "\nsummary: &a [*a]\nx_summary: "),
    "control character": lambda c: edit(c / "regions" / "changshu.yml", "\nsummary: ", "\nsummary: \x0b"),
    "link out of the catalog": lambda c: (c / "regions" / "passwd.yml").symlink_to("/etc/passwd"),
}


@pytest.mark.parametrize("case", list(SERVE_CASES))
def test_serve_shows_the_error_and_keeps_answering(serving: Preview, case: str) -> None:
    regions = serving.catalog / "regions"
    original = (regions / "changshu.yml").read_text(encoding="utf-8")
    SERVE_CASES[case](serving.catalog)
    try:
        start = time.monotonic()
        assert wait_for(serving.url + "catalog-check/", MESSAGES[case], 30), case
        assert time.monotonic() - start < 10
        page = wait_for(serving.url + "regions/changshu/", "不少于 80㎡", 5)
        assert page, "the last good page is no longer served"
    finally:
        (regions / "passwd.yml").unlink(missing_ok=True)
        (regions / "changshu.yml").write_text(original, encoding="utf-8")
    assert wait_for(serving.url + "catalog-check/", "目录数据检查通过", 60)
