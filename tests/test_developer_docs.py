"""The developer docs name only what exists (issue 28): every repository path in backticks and
every module an API page documents (`::: swkb.…`) is there, so a rename that forgets the docs
fails here instead of leaving a newcomer looking for a file that was removed."""

from __future__ import annotations

import importlib.util
import re

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.unit

TOP_FOLDERS = "swkb|docs|scripts|catalog|tests|overrides|benchmarks|hooks|deploy"
PATH = re.compile(rf"`((?:{TOP_FOLDERS})/[^`\s(]*)`")
MODULE = re.compile(r"^::: (swkb[\w.]*)", re.M)
DOCS = sorted((ROOT / "docs/developer").glob("*.md"))


def named_paths(text: str) -> list[str]:
    """Paths written in backticks, less patterns (`*.yml`, `<id>`) that name no one file."""
    return [p.rstrip("/") for p in PATH.findall(text) if not set(p) & set("*{<")]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_and_module_a_developer_page_names_exists(doc) -> None:
    text = doc.read_text(encoding="utf-8")
    missing = [p for p in named_paths(text) if not (ROOT / p).exists()]
    assert missing == [], f"{doc.name} 提到的文件不存在：{missing}"
    modules = [m for m in MODULE.findall(text) if importlib.util.find_spec(m) is None]
    assert modules == [], f"{doc.name} 文档化的模块不存在：{modules}"


def test_the_check_sees_a_missing_path() -> None:
    assert named_paths("见 `swkb/models.py` 和 `catalog/regions/*.yml`") == ["swkb/models.py"]
    assert not (ROOT / "swkb/models.py").exists()


def test_the_architecture_map_draws_the_layers_of_the_import_contract() -> None:
    """docs/developer/architecture.md's diagram lists the layers top to bottom as
    `[tool.importlinter]` in pyproject.toml declares them (siblings such as `a | b` side by side)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    declared = [name.strip() for layer in layers for name in layer.split("|")]
    text = (ROOT / "docs/developer/architecture.md").read_text(encoding="utf-8")
    diagram = text.split("```text\n", 1)[1].split("```", 1)[0]
    drawn = [word for line in diagram.splitlines() for word in line.split() if re.fullmatch(r"swkb(\.\w+)?", word)]
    assert drawn == declared, f"architecture.md 的分层图与 pyproject.toml 的约定不一致：图 {drawn}，约定 {declared}"
