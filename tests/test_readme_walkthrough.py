"""README's "如何添加一个地区", followed literally in a fresh copy of the project: every file it
shows is written as shown, every command it gives is run, then the site is built and the
content tests run. Reading the steps from README itself means this fails when README drifts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog

from .conftest import ROOT, copy_project, run_mkdocs_build

SECTION = "## 如何添加一个地区"
_BLOCK = re.compile(r"^(?P<indent> *)```(?P<lang>\w+)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
_PATH = re.compile(r"`(catalog/[\w/.-]+\.ya?ml)`")


def walkthrough() -> tuple[list[tuple[str, str]], list[str]]:
    """(path, content) of each file the section creates, and each shell command it gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION) + len(SECTION)
    end = re.compile(r"^#{2,3} ", re.M).search(readme, start)
    section = readme[start : end.start() if end else len(readme)]
    files, commands, done = [], [], 0
    for block in _BLOCK.finditer(section):
        body = textwrap.dedent(block["body"])
        if block["lang"] == "yaml":
            named = _PATH.findall(section[done : block.start()])
            assert named, f"README: no file named before the YAML block at …{section[block.start() : block.start() + 60]}"
            files.append((named[-1], body))
        elif block["lang"] == "bash":
            commands += [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        done = block.end()
    return files, commands


def test_readme_walkthrough_names_the_steps_it_promises() -> None:
    files, commands = walkthrough()
    paths = [p for p, _ in files]
    assert any(p.startswith("catalog/documents/") for p in paths) and sum(p.startswith("catalog/regions/") for p in paths) >= 2
    contents = "\n".join(c for _, c in files)
    assert "level: county" in contents and "level: prefecture" in contents and "parent: jiangsu" in contents
    assert "maps_to: [yanglao-weilao]" in contents and "status: not_stated" in contents
    assert commands == [".venv/bin/python scripts/validate.py"]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the project (as a clone has it), with the virtual environment of this one."""
    project = copy_project(tmp_path_factory.mktemp("clone") / "swkb")
    copy_project_tests(project)
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def copy_project_tests(project: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__", "golden", "adversarial"))


def in_clone(project: Path) -> dict[str, str]:
    # The clone's own swkb first, as its own editable install would give it.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}


def test_following_readme_adds_a_region_that_validates_builds_and_passes_the_content_tests(clone: Path) -> None:
    files, commands = walkthrough()
    for path, content in files:
        target = clone / path
        assert not target.exists(), f"README's example {path} already exists in the catalog"
        target.write_text(content, encoding="utf-8")
    for command in commands:
        result = subprocess.run(
            ["bash", "-c", command], cwd=clone, env=in_clone(clone), capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert "目录数据检查通过" in result.stdout

    catalog = load_catalog(clone / "catalog")
    assert catalog.province_of("shili-qu") == "jiangsu" and catalog.regions["shili-qu"].parent == "shili-shi"
    assert "shili-qu" in catalog.children["shili-shi"]

    site = clone / "site"
    build = run_mkdocs_build(site, project=clone, env_extra={"PYTHONPATH": str(clone)})
    assert build.returncode == 0, build.stderr
    page = (site / "regions/shili-qu/index.html").read_text(encoding="utf-8")
    assert "示例区" in page and "不少于 60㎡" in page and "示民发〔2024〕1号" in page
    assert 'href="../shili-shi/"' in page  # nested under its city, not beside the provinces

    content = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_catalog_content.py"],
        cwd=clone,
        env=in_clone(clone),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert content.returncode == 0, content.stdout[-4000:] + content.stderr[-2000:]
    assert " passed" in content.stdout and "failed" not in content.stdout
