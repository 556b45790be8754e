"""JSON Schema exported from the models, committed under catalog/schema/ for editor completion.

Each YAML file names its schema on line 1 (`# yaml-language-server: $schema=…`), so editors
such as VS Code with the YAML extension complete field names and show the field docs while
typing. `swkb schema --check` fails when the committed copy no longer matches the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from swkb.catalog.load import ENTRY_DIRS, SCHEMA_DIR, catalog_files
from swkb.catalog.models import ENTRY_KINDS, LIST_FILES, StrictModel


def schema_files() -> dict[str, type[StrictModel]]:
    """Schema file name → the model it describes."""
    out = {f"{kind}.schema.json": model for kind, model in ENTRY_KINDS.items()}
    for file_name, (model, _, _) in LIST_FILES.items():
        out[f"{Path(file_name).stem}.schema.json"] = model
    return out


def render_schema(model: type[StrictModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def expected_modeline(catalog_root: Path, yaml_file: Path) -> str:
    """The first line a catalog file must carry to get editor completion."""
    rel = yaml_file.relative_to(catalog_root)
    if len(rel.parts) == 2 and rel.parts[0] in ENTRY_DIRS:
        name = f"{ENTRY_DIRS[rel.parts[0]]}.schema.json"
    else:
        name = f"{rel.stem}.schema.json"
    up = "../" * (len(rel.parts) - 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{name}"


def write_schemas(catalog_root: Path) -> list[Path]:
    out_dir = catalog_root / SCHEMA_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in schema_files().items():
        path = out_dir / name
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(catalog_root: Path) -> list[str]:
    """Problems that make the committed schemas or modelines out of date (empty when fresh)."""
    problems = []
    out_dir = catalog_root / SCHEMA_DIR
    wanted = schema_files()
    for name, model in wanted.items():
        path = out_dir / name
        if not path.exists():
            problems.append(f"{path}：缺失，请运行 `python scripts/schema.py` 生成")
        elif path.read_text(encoding="utf-8") != render_schema(model):
            problems.append(f"{path}：与模型不一致(已过期)，请运行 `python scripts/schema.py` 重新生成")
    for extra in sorted(out_dir.glob("*.json")):
        if extra.name not in wanted:
            problems.append(f"{extra}：没有对应的模型，请删除")
    for yaml_file in catalog_files(catalog_root):
        first = yaml_file.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
        want = expected_modeline(catalog_root, yaml_file)
        if first != want:
            problems.append(f"{yaml_file}:1：第一行应为 `{want}`，以便编辑器补全字段")
    return problems
