"""Command line: `swkb validate`, `schema [--check]`, `coverage`, `publish`, `bundle`, `diff OLD NEW`. Scripts in scripts/ call this."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from swkb.catalog.errors import CatalogErrors, format_errors
from swkb.catalog.load import load_catalog
from swkb.catalog.provenance import archive_from_env, check_provenance
from swkb.catalog.schema import stale_schemas, write_schemas

# Like mkdocs, the commands work on the project in the current folder (never on the place the
# package happens to be installed: a second checkout may share the virtual environment).
DEFAULT_CATALOG = "catalog"


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.catalog)
    try:
        catalog = load_catalog(root, display_base=Path.cwd())
    except CatalogErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    # The same provenance check the content tests run: figures against the source archive.
    archive = Path(args.archive) if args.archive else archive_from_env()
    report = check_provenance(catalog, archive, root)
    if report.errors:
        print(format_errors(report.errors, "来源核对有 {n} 处错误，请逐条修正："), file=sys.stderr)
        print(report.summary(), file=sys.stderr)
        return 1
    counts = catalog.counts()
    print(
        "目录数据检查通过："
        + "，".join(f"{n} 个{KIND}" for KIND, n in zip(("地区", "政策文件", "服务", "岗位", "术语", "服务类别"), counts.values()))
    )
    print(report.summary())
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


def cmd_coverage(args: argparse.Namespace) -> int:
    from swkb.views.coverage import coverage, format_text

    try:
        catalog = load_catalog(Path(args.catalog), display_base=Path.cwd())
    except CatalogErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    print(format_text(coverage(catalog)))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from swkb.publish.release import PublishError, PublishInterrupted, os_error_zh, publish

    try:
        release = publish(
            Path(args.dest),
            site_url=args.site_url,
            keep=args.keep,
            config_file=Path(args.config_file),
            wait=args.wait,
            pause_before_switch=args.pause_before_switch,
        )
    except PublishInterrupted as exc:
        print(exc, file=sys.stderr)
        return 128 + exc.signum
    except PublishError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # a step publish() does not name yet: still one line, never a traceback
        print(f"发布失败：{exc.filename or args.dest}：{os_error_zh(exc)}", file=sys.stderr)
        return 1
    print(f"已发布版本 {release.version}：{Path(args.dest) / 'current'} -> {release.path}")
    print(f"归档：{release.archive}  SHA-256 {release.sha256}")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from swkb.publish.bundle import bundle
    from swkb.publish.release import PublishError

    try:
        path = bundle(Path(args.output))
    except PublishError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"离线包：{path}(解压后直接打开 index.html)")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from swkb.publish.changelog import DiffSourceError, format_text, load_snapshot
    from swkb.views.changes import diff

    sides = []
    for spec in (args.old, args.new or args.catalog):
        try:
            sides.append(load_snapshot(spec, Path(args.repo)))
        except DiffSourceError as exc:
            print(exc, file=sys.stderr)
            return 2
        except CatalogErrors as exc:
            print(f"“{spec}”的目录数据有错误，无法对照：\n{exc}", file=sys.stderr)
            return 1
    changes = diff(*sides)
    print(json.dumps(changes.to_dict(), ensure_ascii=False, indent=1) if args.json else format_text(changes))
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--catalog", default=DEFAULT_CATALOG, help="目录数据文件夹(默认当前文件夹下的 catalog/)")
    parser = argparse.ArgumentParser(prog="swkb", description="社工站政策知识库：目录数据工具")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", parents=[common], help="检查目录数据，列出全部错误")
    validate.add_argument("--archive", help="来源档案文件夹(默认取环境变量 SWKB_SOURCE_ARCHIVE；不设则不核对数字)")
    validate.set_defaults(func=cmd_validate)
    schema = sub.add_parser("schema", parents=[common], help="从模型导出 JSON Schema")
    schema.add_argument("--check", action="store_true", help="只检查已提交的 Schema 是否过期")
    schema.set_defaults(func=cmd_schema)
    report = sub.add_parser(
        "coverage", parents=[common], help="数据完整度：每个地区、每个主题有规定/来源未规定/未收集的字段数，缺口大的在前"
    )
    report.set_defaults(func=cmd_coverage)
    publish = sub.add_parser("publish", help="构建、检查并原子地替换已发布的站点")
    publish.add_argument("dest", help="发布目录(Web 服务器指向其中的 current/)")
    publish.add_argument(
        "--site-url", default=os.environ.get("SWKB_SITE_URL"), help="站点完整地址，如 http://intranet.example/kb/"
    )
    publish.add_argument("--keep", type=int, default=5, help="保留最近几个版本(默认 5)")
    publish.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="要发布的项目的 mkdocs.yml(默认当前文件夹的 mkdocs.yml)；目录数据取它旁边的 catalog/",
    )
    publish.add_argument(
        "--wait", type=float, default=600.0, help="同一发布目录已有发布在进行时最多等待几秒(默认 600；0 表示不等，直接放弃)"
    )
    publish.add_argument("--pause-before-switch", type=float, default=0.0, help=argparse.SUPPRESS)
    publish.set_defaults(func=cmd_publish)
    bundle = sub.add_parser("bundle", help="生成可从本地文件直接打开的离线站点 zip")
    bundle.add_argument("output", nargs="?", default="dist/swkb-offline.zip", help="zip 文件路径")
    bundle.set_defaults(func=cmd_bundle)
    compare = sub.add_parser(
        "diff",
        parents=[common],
        help="对照两个版本的目录数据：新增、修改(原值 → 新值，带出处)、删除",
        description="OLD、NEW 可以是目录文件夹(或含 catalog/ 的项目文件夹)、发布目录 changelog/ 下的"
        " *.catalog.json 快照，或 Git 版本(如 HEAD~1、main、v1.0)。",
    )
    compare.add_argument("old", help="旧版本")
    compare.add_argument("new", nargs="?", help="新版本(默认 --catalog，即当前的 catalog/)")
    compare.add_argument("--repo", default=".", help="Git 版本所在的仓库(默认当前文件夹的项目)")
    compare.add_argument("--json", action="store_true", help="输出 JSON(普通数据)而不是文字")
    compare.set_defaults(func=cmd_diff)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
