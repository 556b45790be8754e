"""What a published site says about itself: catalog version, build date, commit, counts."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from swkb.catalog.load import catalog_version
from swkb.catalog.store import Catalog
from swkb.log import log
from swkb.publish.changelog import ReleaseNotes, read_notes

CHINA_TIME = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class BuildInfo:
    catalog_version: str
    """First 12 hex digits of a SHA-256 over every catalog file: same data, same version."""
    build_date: str
    commit: str
    counts: dict[str, int]
    release: ReleaseNotes | None = None
    """The release this build becomes, with what it changed (only when `publish` builds it)."""


def git_commit(project_root: Path) -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=10", "HEAD"], cwd=project_root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "catalog", "docs", "swkb"],
            cwd=project_root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        # Info, not a warning: a build from an unpacked archive has no Git and is not wrong.
        log.info("构建信息：读不到 Git 提交(%s)，构建信息页写“未知”", exc)
        return "未知(不在 Git 仓库中)"
    if not commit:
        return "未知(不在 Git 仓库中)"
    return commit + ("(含未提交的修改)" if dirty else "")


def collect(
    project_root: Path, catalog_dir: Path, catalog: Catalog, *, notes_file: Path | None = None, epoch: int | None = None
) -> BuildInfo:
    """`epoch` pins the build date for reproducible builds (mkdocs.yml maps SOURCE_DATE_EPOCH,
    the convention of reproducible-builds.org, onto it); `notes_file` is the publisher's change log."""
    moment = datetime.fromtimestamp(epoch, CHINA_TIME) if epoch is not None else datetime.now(CHINA_TIME)
    version = catalog_version(catalog_dir)
    notes = read_notes(notes_file) if notes_file else None
    if notes is not None and notes.release.catalog_version != version:
        raise RuntimeError(
            f"发布说明是为数据版本 {notes.release.catalog_version} 写的，但目录数据现在是 {version}："
            "发布过程中 catalog/ 被修改了，请重新发布。"
        )
    return BuildInfo(version, moment.strftime("%Y-%m-%d %H:%M:%S(北京时间)"), git_commit(project_root), catalog.counts(), notes)
