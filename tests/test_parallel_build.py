"""`mkdocs build` of a national catalog renders its pages and writes its downloads in two
processes (swkb/site/background.py): the site is byte for byte the one a single process makes."""

from __future__ import annotations

import filecmp
from pathlib import Path

from .conftest import run_mkdocs_build

EPOCH = "1767225600"  # both builds show the same build date


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_two_processes_build_the_same_site_as_one(large_catalog: Path, tmp_path: Path) -> None:
    sites = {}
    for parallel in ("true", "false"):
        site = tmp_path / f"site-{parallel}"
        result = run_mkdocs_build(site, large_catalog, env_extra={"SWKB_PARALLEL": parallel, "SOURCE_DATE_EPOCH": EPOCH})
        assert result.returncode == 0, result.stderr
        sites[parallel] = site
    names = files_of(sites["true"])
    assert names == files_of(sites["false"])
    assert any(n.startswith("downloads/") for n in names) and any(n.startswith("cards/") for n in names)
    _, mismatch, errors = filecmp.cmpfiles(sites["true"], sites["false"], sorted(names), shallow=False)
    assert mismatch == [] and errors == []
