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
