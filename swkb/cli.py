"""Command line: `swkb validate`, `swkb schema [--check]`. Scripts in scripts/ call this."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CatalogErrors
from .load import load_catalog
from .schema import stale_schemas, write_schemas

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CATALOG = PROJECT_ROOT / "catalog"


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.catalog)
    try:
        catalog = load_catalog(root, display_base=Path.cwd())
    except CatalogErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = catalog.counts()
    print("目录数据检查通过：" + "，".join(f"{n} 个{KIND}" for KIND, n in zip(
        ("地区", "政策文件", "服务", "岗位", "术语", "服务类别"), counts.values())))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    root = Path(args.catalog)
    if args.check:
        problems = stale_schemas(root)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print("JSON Schema 与模型一致。")
        return 1 if problems else 0
    for path in write_schemas(root):
        print(f"已写入 {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="目录数据文件夹(默认 catalog/)")
    parser = argparse.ArgumentParser(prog="swkb", description="社工站政策知识库：目录数据工具")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", parents=[common], help="检查目录数据，列出全部错误").set_defaults(func=cmd_validate)
    schema = sub.add_parser("schema", parents=[common], help="从模型导出 JSON Schema")
    schema.add_argument("--check", action="store_true", help="只检查已提交的 Schema 是否过期")
    schema.set_defaults(func=cmd_schema)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
