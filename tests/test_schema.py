"""The committed JSON Schema matches the models, every YAML file names it, and staleness is caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from swkb.catalog.schema import expected_modeline, schema_files, stale_schemas

from .conftest import ROOT


def test_committed_schema_is_fresh_and_every_file_names_it() -> None:
    assert stale_schemas(ROOT / "catalog") == []


def test_schema_describes_fields_for_editors() -> None:
    region = json.loads((ROOT / "catalog/schema/region.schema.json").read_text(encoding="utf-8"))
    assert region["additionalProperties"] is False
    assert "上级地区" in region["properties"]["parent"]["description"]
    area = region["$defs"]["Area"]["properties"]
    assert area["unit"]["anyOf"][0].get("const") == "㎡"
    assert "㎡" in area["unit"]["description"]


def test_stale_schema_and_missing_modeline_are_reported(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    (catalog / "schema/region.schema.json").write_text("{}\n", encoding="utf-8")
    text = (catalog / "regions/henan.yml").read_text(encoding="utf-8")
    (catalog / "regions/henan.yml").write_text(text.split("\n", 1)[1], encoding="utf-8")
    (catalog / "schema/old.schema.json").write_text("{}\n", encoding="utf-8")
    problems = "\n".join(stale_schemas(catalog))
    assert "region.schema.json：与模型不一致" in problems
    assert "henan.yml:1" in problems and expected_modeline(catalog, catalog / "regions/henan.yml") in problems
    assert "old.schema.json：没有对应的模型" in problems
    assert set(schema_files()) == {p.name for p in (ROOT / "catalog/schema").glob("*.json")}
