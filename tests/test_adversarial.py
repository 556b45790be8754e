"""The adversarial corpus (tests/adversarial/): every bad input gives a clear Chinese error at its
exact location, a non-zero exit, no traceback, and no site written over the previous one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import load_catalog

from .conftest import MINI, ROOT, run_mkdocs_build

CORPUS = Path(__file__).parent / "adversarial"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def prepare(case: str, target: Path) -> tuple[Path, list[dict]]:
    catalog = target / "catalog"
    shutil.copytree(MINI, catalog)
    overlay = CORPUS / case / "catalog"
    if overlay.exists():
        shutil.copytree(overlay, catalog, dirs_exist_ok=True)
    spec = yaml.safe_load((CORPUS / case / "expect.yml").read_text(encoding="utf-8"))
    if "generate" in spec:
        path = catalog / spec["generate"]["path"]
        path.write_bytes(b"summary: '" + b"x" * spec["generate"]["bytes"] + b"'\n")
    return catalog, spec["errors"]


def test_corpus_has_a_case_per_failure() -> None:
    assert len(CASES) >= 22
    for case in CASES:
        assert (CORPUS / case / "expect.yml").exists(), case


@pytest.mark.parametrize("case", CASES)
def test_case_reports_exact_location(case: str, tmp_path: Path) -> None:
    catalog, expected = prepare(case, tmp_path)
    with pytest.raises(CatalogErrors) as info:
        load_catalog(catalog)
    errors = info.value.errors
    for want in expected:
        matches = [
            e
            for e in errors
            if e.file == f"catalog/{want['file']}"
            and e.line == want["line"]
            and e.field == want.get("field", e.field)
            and want["message"] in str(e)
            and want.get("suggestion", "") in e.suggestion
        ]
        assert matches, f"{case}: no error like {want} in:\n" + "\n".join(map(str, errors))
    for error in errors:  # every message is Chinese and names a file
        assert error.file.startswith("catalog/") and any("\u4e00" <= c <= "\u9fff" for c in error.message)


@pytest.mark.parametrize("case", CASES)
def test_case_stops_validate_and_build_without_traceback(case: str, tmp_path: Path) -> None:
    catalog, expected = prepare(case, tmp_path)
    validate = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), "--catalog", str(catalog)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert validate.returncode == 1
    assert "Traceback" not in validate.stderr
    first = expected[0]
    assert f"catalog/{first['file']}" in validate.stderr

    # A build over an existing site: it must stop before touching it.
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    build = run_mkdocs_build(site, catalog)
    assert build.returncode != 0
    assert "Traceback" not in build.stdout + build.stderr
    assert f"catalog/{first['file']}" in build.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
