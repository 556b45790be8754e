"""Shared fixtures: a small valid catalog to copy and break, and a site builder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.search import serve
from swkb.catalog.errors import CatalogError, CatalogErrors
from swkb.catalog.load import load_catalog

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini" / "catalog"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalog; tests break one thing in it."""
    target = tmp_path / "catalog"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once with `mkdocs build --strict`, shared by every test that reads it."""
    site_dir = tmp_path_factory.mktemp("real-site")
    result = run_mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


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
                     env_extra: dict[str, str] | None = None, project: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` of this project, optionally on another catalog."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    if catalog_dir is not None:
        env["SWKB_CATALOG"] = str(catalog_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )


def copy_project(project: Path, *, skip_top: frozenset[str] = frozenset(), skip_docs: frozenset[str] = frozenset()) -> Path:
    """Copy the project to `project` without build output, caches and the tests. `skip_top` names
    further top-level entries to leave out, `skip_docs` entries of docs/ (swkb/site/ and
    swkb/catalog/ are code: names are matched only at their own level)."""
    anywhere = shutil.ignore_patterns(".venv", ".git", "__pycache__")
    top = {"site", "tests", "bench-results", "dist", *skip_top}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(anywhere(folder, names))
        if Path(folder) == ROOT:
            skipped |= top & set(names)
        if Path(folder) == ROOT / "docs":
            skipped |= set(skip_docs) & set(names)
        return skipped

    shutil.copytree(ROOT, project, ignore=ignore)
    return project


def project_without_guides(target: Path) -> Path:
    """A copy of the project without its hand-written guides, for builds from a small test
    catalog: the guides link to entries of the real catalog, which a test catalog lacks."""
    project = target / "project"
    copy_project(project, skip_top=frozenset({"catalog"}), skip_docs=frozenset({"guides", "faq.md"}))
    (project / "docs" / "index.md").write_text("# 社工站政策知识库\n\n<!-- swkb:counts -->\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - 入门指南:\n(?:      .*\n)+", "", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


# --------------------------------------------------------------------------------------------
# Browser tests: Debian's Chromium driven by Playwright, pages served from loopback.
# --------------------------------------------------------------------------------------------

CHROMIUM = os.environ.get("SWKB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `bash scripts/test.sh` installs Debian's chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class StaticServer:
    """Serve a built site from a folder on 127.0.0.1 (a random free port) while in the block."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __enter__(self) -> StaticServer:
        self.httpd, self.url = serve(self.root)
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
