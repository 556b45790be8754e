"""Incremental rebuilds: a dirty build after an edit gives, byte for byte, the site a clean full
build of the edited catalog gives, and renders only the pages that changed.

One process holds the plugin across builds, as `mkdocs serve --dirty` does: it builds, then for
each edit (a guide page, then in the catalog a value, a rename, an added file, a deleted file)
edits and builds again into the same folder. Each result is compared with a clean build of the
same project and catalog in a process of its own. The project is a copy, so that its guide can
be edited."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, run_mkdocs_build, tree_differences

GUIDE = "guides/first-month.md"
EPOCH = "1767225600"  # builds of the same catalog must not differ by the clock
DIRTY_SESSION = r"""
import json, logging, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site_dir, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
rendered = []

reused = []

class Count(logging.Handler):
    def emit(self, record):
        if record.getMessage().startswith("Building page "):
            rendered.append(record.getMessage())
        if record.getMessage().startswith("页面树沿用"):
            reused.append(record.getMessage())

for name in ("mkdocs.commands.build", "mkdocs.plugins.swkb"):
    logging.getLogger(name).addHandler(Count())
    logging.getLogger(name).setLevel(logging.DEBUG)
report = []
for i, step in enumerate(steps):
    for path, text in step.get("write", {}).items():
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    for path in step.get("delete", []):
        Path(path).unlink()
    config = load_config(config_file=config_file, site_dir=site_dir)
    if i == 0:
        config.plugins.on_startup(command="build", dirty=True)
    rendered.clear()
    reused.clear()
    start = time.perf_counter()
    build(config, dirty=True)
    report.append(
        {"seconds": time.perf_counter() - start, "rendered": len(rendered), "pages": list(rendered), "tree_reused": bool(reused)}
    )
    Path(step["snapshot"]).mkdir(parents=True, exist_ok=True)
    import shutil
    shutil.copytree(site_dir, step["snapshot"], dirs_exist_ok=True)
print(json.dumps(report))
"""


def differences(a: Path, b: Path) -> list[str]:
    """Files that are missing on one side or differ in their bytes."""
    return tree_differences(a, b, "the incremental build", "the full build")


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("incremental")
    project = copy_project(base / "project", skip_top=frozenset({"catalog"}))
    guide = project / "docs" / GUIDE
    guide_text = guide.read_text(encoding="utf-8") + "\n增量构建测试加的一段话。\n"
    catalog = base / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    changshu = (catalog / "regions" / "changshu.yml").read_text(encoding="utf-8")
    edited = changshu.replace("floor_area: {min: 80,", "floor_area: {min: 95,", 1)
    assert edited != changshu
    renamed = edited.replace("name: 常熟市", "name: 常熟县级市", 1)
    assert renamed != edited
    zhuolu = (catalog / "regions" / "zhuolu.yml").read_text(encoding="utf-8")
    added = zhuolu.replace("id: zhuolu", "id: zhuolu-copy", 1).replace("name: 涿鹿县", "name: 涿鹿新县", 1)
    steps = {
        "first": {},
        "guide": {"write": {str(guide): guide_text}},
        "value": {"write": {str(catalog / "regions" / "changshu.yml"): edited}},
        "rename": {"write": {str(catalog / "regions" / "changshu.yml"): renamed}},
        "added": {"write": {str(catalog / "regions" / "zhuolu-copy.yml"): added}},
        "deleted": {"delete": [str(catalog / "regions" / "zhuolu-copy.yml")]},
    }
    plan = [{**step, "snapshot": str(base / f"dirty-{name}")} for name, step in steps.items()]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SWKB_CATALOG": str(catalog), "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", DIRTY_SESSION, str(project / "mkdocs.yml"), str(base / "served"), json.dumps(plan)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = dict(zip(steps, json.loads(result.stdout.strip().splitlines()[-1])))
    return {
        "base": base,
        "project": project,
        "report": report,
        "texts": {"changshu": changshu, "edited": edited, "renamed": renamed, "zhuolu": zhuolu, "added": added},
    }


def full_build(base: Path, project: Path, name: str, files: dict[str, str], remove: tuple[str, ...] = ()) -> Path:
    catalog = base / f"full-{name}" / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    for rel, text in files.items():
        (catalog / rel).write_text(text, encoding="utf-8")
    for rel in remove:
        (catalog / rel).unlink()
    site = base / f"full-{name}" / "site"
    result = run_mkdocs_build(site, catalog, env_extra={"SOURCE_DATE_EPOCH": EPOCH}, project=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.parametrize("step", ["guide", "value", "rename", "added", "deleted"])
def test_dirty_build_after_an_edit_equals_a_clean_build(session: dict, step: str) -> None:
    base: Path = session["base"]  # type: ignore[assignment]
    texts: dict[str, str] = session["texts"]  # type: ignore[assignment]
    files = {
        "guide": {},
        "value": {"regions/changshu.yml": texts["edited"]},
        "rename": {"regions/changshu.yml": texts["renamed"]},
        "added": {"regions/changshu.yml": texts["renamed"], "regions/zhuolu-copy.yml": texts["added"]},
        "deleted": {"regions/changshu.yml": texts["renamed"]},
    }[step]
    full = full_build(base, session["project"], step, files)  # type: ignore[arg-type]
    assert differences(base / f"dirty-{step}", full) == []


def test_a_value_edit_renders_only_the_pages_it_changes(session: dict) -> None:
    report: dict[str, dict[str, float]] = session["report"]  # type: ignore[assignment]
    everything = report["first"]["rendered"]
    assert everything > 100
    # The region's page, its cards, the comparisons and lists that show the value, the change
    # log and build info: a handful, not the site.
    assert 0 < report["value"]["rendered"] <= everything // 4, report
    # The API pages show swkb/'s docstrings: a catalog edit leaves them as they were (rendering
    # them was most of a save's time).
    assert any("developer/api" in p for p in report["first"]["pages"])  # type: ignore[attr-defined]
    assert not any("developer/api" in p for p in report["value"]["pages"]), report["value"]["pages"]  # type: ignore[attr-defined]
    # A new name is in the nav of every page: all of them are rendered again.
    assert report["rename"]["rendered"] >= everything * 0.9, report


def test_a_guide_edit_takes_over_the_page_tree_and_a_catalog_edit_does_not(session: dict) -> None:
    report: dict[str, dict[str, object]] = session["report"]  # type: ignore[assignment]
    # The guide's page (and the pages whose nav shows its title, which did not change): no
    # page compiled from the catalog is compiled again (at 3,000 regions that was 20 s a save).
    assert report["guide"]["tree_reused"], report["guide"]
    assert 0 < report["guide"]["rendered"] <= 3, report["guide"]["pages"]  # type: ignore[operator]
    assert any(GUIDE.removesuffix(".md") in p for p in report["guide"]["pages"])  # type: ignore[attr-defined]
    for step in ("first", "value", "rename", "added", "deleted"):
        assert not report[step]["tree_reused"], step
