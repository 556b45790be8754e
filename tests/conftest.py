"""Shared fixtures: a small valid catalog to copy and break, and a site builder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from swkb.errors import CatalogError, CatalogErrors
from swkb.load import load_catalog

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini" / "catalog"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalog; tests break one thing in it."""
    target = tmp_path / "catalog"
    shutil.copytree(MINI, target)
    return target


def load_errors(catalog_dir: Path) -> list[CatalogError]:
    """Load a catalog that must fail; return its errors."""
    with pytest.raises(CatalogErrors) as info:
        load_catalog(catalog_dir)
    return info.value.errors


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_mkdocs_build(site_dir: Path, catalog_dir: Path | None = None, *extra: str,
                     env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` of this project, optionally on another catalog."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    if catalog_dir is not None:
        env["SWKB_CATALOG"] = str(catalog_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )
