"""`mkdocs build` of a national catalog renders its pages and writes its downloads in two
processes (swkb/site/background.py): the site is byte for byte the one a single process makes."""

from __future__ import annotations

import filecmp
from pathlib import Path

from .conftest import LARGE_SITE_EPOCH, run_mkdocs_build


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_two_processes_build_the_same_site_as_one(large_site: tuple[Path, Path], tmp_path: Path) -> None:
    # large_site is the default build, in two processes, with a fixed build date.
    sites = {"true": large_site[0], "false": tmp_path / "site-false"}
    result = run_mkdocs_build(
        sites["false"], large_site[1], env_extra={"SWKB_PARALLEL": "false", "SOURCE_DATE_EPOCH": LARGE_SITE_EPOCH}
    )
    assert result.returncode == 0, result.stderr
    names = files_of(sites["true"])
    assert names == files_of(sites["false"])
    assert any(n.startswith("downloads/") for n in names) and any(n.startswith("cards/") for n in names)
    _, mismatch, errors = filecmp.cmpfiles(sites["true"], sites["false"], sorted(names), shallow=False)
    assert mismatch == [] and errors == []
