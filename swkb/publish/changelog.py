"""The release change log: what each publish changed, kept beside the releases.

Under the publish folder (next to releases/ and current):

    changelog/<version>.json          the release: date, data version, previous release, counts,
                                      highlights and its full change set (kept for good)
    changelog/<version>.catalog.json  the catalog snapshot it was built from (swkb.views.changes);
                                      the next publish compares against it

History follows the `previous` links back from the release `current` points to, so a publish
that was interrupted before its switch never enters it, and after a rollback the next release
is compared with what readers actually had. The build receives the notes of the release it
becomes through $SWKB_RELEASE_NOTES (a JSON file written by `publish`), renders the 本次更新
and 更新记录 pages from them, and `publish` adds the Atom feed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from swkb.views.changes import CHANGE_ZH, ChangeSet, FactChange

NOTES_ENV = "SWKB_RELEASE_NOTES"
FEED_URI = "changes/feed.xml"
HISTORY_LIMIT = 50
HIGHLIGHTS = 12


@dataclass(frozen=True)
class ReleaseSummary:
    version: str
    published: str
    """ISO 8601 time with its offset (Beijing time)."""
    catalog_version: str
    previous: str | None
    counts: dict[str, int] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    """Names of the regions it changed (the by-region groups)."""
    highlights: list[str] = field(default_factory=list)
    """The first changes, one line each, for the history page and the feed."""

    @property
    def published_zh(self) -> str:
        moment = datetime.fromisoformat(self.published)
        return moment.strftime("%Y-%m-%d %H:%M")

    def counts_zh(self) -> str:
        if self.previous is None:
            return "第一次发布，没有可对照的上一版"
        if not any(self.counts.values()):
            return "数据与上一版相同"
        return "，".join(f"{CHANGE_ZH[k]} {n} 项" for k, n in self.counts.items() if n)


@dataclass(frozen=True)
class ReleaseNotes:
    """What a build needs to show its release: itself, the history, and what it changed."""

    release: ReleaseSummary
    history: list[ReleaseSummary]
    """Newest first, this release included."""
    changes: ChangeSet | None
    """None when there is no earlier release to compare with."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "release": asdict(self.release),
            "history": [asdict(h) for h in self.history],
            "changes": self.changes.to_dict() if self.changes else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReleaseNotes:
        changes = ChangeSet.from_dict(data["changes"]) if data.get("changes") else None
        return cls(ReleaseSummary(**data["release"]), [ReleaseSummary(**h) for h in data["history"]], changes)


def read_notes(path: Path) -> ReleaseNotes:
    """The change log the publisher wrote for this build (mkdocs.yml passes its path to the plugin)."""
    return ReleaseNotes.from_dict(json.loads(path.read_text(encoding="utf-8")))


def change_line(entry_name: str, fact: FactChange) -> str:
    """One change as a line of text: `常熟市 · 社工站 · 面积：不少于 80㎡ → 不少于 95㎡`."""
    old, new = fact.old.text if fact.old else "", fact.new.text if fact.new else ""
    what = f"{old} → {new}" if fact.change == "changed" else f"{CHANGE_ZH[fact.change]}：{new or old}"
    return f"{entry_name} · {fact.label}：{what}"


def summarise(
    version: str, published: str, catalog_version: str, previous: str | None, changes: ChangeSet | None
) -> ReleaseSummary:
    if changes is None:
        return ReleaseSummary(version, published, catalog_version, None)
    lines = [change_line(e.name, f) for e in changes.entries for f in e.facts]
    return ReleaseSummary(
        version,
        published,
        catalog_version,
        previous,
        changes.counts(),
        [name for _, name, _ in changes.by_region()],
        lines[:HIGHLIGHTS],
    )


# --------------------------------------------------------------------------------------------
# Records beside the releases
# --------------------------------------------------------------------------------------------


def _folder(dest: Path) -> Path:
    return dest / "changelog"


def current_version(dest: Path) -> str | None:
    link = dest / "current"
    return Path(os.readlink(link)).name if link.is_symlink() else None


def read_record(dest: Path, version: str) -> dict[str, Any] | None:
    path = _folder(dest) / f"{version}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def read_snapshot(dest: Path, version: str) -> dict[str, Any] | None:
    path = _folder(dest) / f"{version}.catalog.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def history(dest: Path, start: str | None) -> list[ReleaseSummary]:
    """The releases readers have had, newest first, following `previous` from `start`."""
    out: list[ReleaseSummary] = []
    seen: set[str] = set()
    version = start
    while version and version not in seen and len(out) < HISTORY_LIMIT:
        seen.add(version)
        record = read_record(dest, version)
        if record is None:
            break  # released before the change log existed
        summary = ReleaseSummary(**record["release"])
        out.append(summary)
        version = summary.previous
    return out


def write_record(dest: Path, notes: ReleaseNotes, snapshot: dict[str, Any]) -> None:
    """Store a release's record and snapshot (each written whole, then renamed into place)."""
    folder = _folder(dest)
    folder.mkdir(parents=True, exist_ok=True)
    version = notes.release.version
    record = {"release": asdict(notes.release), "changes": notes.changes.to_dict() if notes.changes else None}
    for name, data in ((f"{version}.catalog.json", snapshot), (f"{version}.json", record)):
        partial = folder / f".{name}.partial"
        partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, folder / name)


def prune_snapshots(dest: Path, keep: set[str]) -> None:
    """Snapshots are needed only to compare with; keep those of the kept releases."""
    for path in _folder(dest).glob("*.catalog.json"):
        if path.name[: -len(".catalog.json")] not in keep:
            path.unlink()


# --------------------------------------------------------------------------------------------
# The Atom feed
# --------------------------------------------------------------------------------------------


def atom_feed(notes: ReleaseNotes, site_name: str, site_url: str | None = None) -> str:
    """An Atom feed of the releases. Links are relative to the feed (changes/feed.xml) unless a
    site URL is given; IDs are URNs, so the feed needs no address outside the site."""
    base = site_url.rstrip("/") + "/" if site_url else None
    changes_page = f"{base}changes/" if base else "./"
    history_page = f"{base}changes/history/" if base else "history/"
    feed_id = uuid.uuid5(uuid.NAMESPACE_URL, "swkb-feed:" + (base or site_name))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">',
        f"  <title>{escape(site_name)}：更新记录</title>",
        f"  <id>urn:uuid:{feed_id}</id>",
        f"  <updated>{escape(notes.release.published)}</updated>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(changes_page)}/>',
        f"  <author><name>{escape(site_name)}</name></author>",
    ]
    for summary in notes.history:
        link = changes_page if summary.version == notes.release.version else f"{history_page}#{summary.version}"
        body = [f"<p>{escape(summary.counts_zh())}。</p>"]
        if summary.regions:
            body.append(f"<p>涉及：{escape('、'.join(summary.regions))}</p>")
        if summary.highlights:
            body.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in summary.highlights) + "</ul>")
        lines += [
            "  <entry>",
            f"    <title>{escape(summary.published_zh)} 发布：{escape(summary.counts_zh())}</title>",
            f"    <id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'swkb-release:' + summary.version)}</id>",
            f"    <updated>{escape(summary.published)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <summary>{escape(summary.counts_zh())}（数据版本 {escape(summary.catalog_version)}）</summary>",
            f'    <content type="html">{escape("".join(body))}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# As text, for the command line
# --------------------------------------------------------------------------------------------


def format_text(changes: ChangeSet) -> str:
    """`swkb diff`: every change with its citations, by region."""
    counts = changes.counts()
    if changes.is_empty():
        return "两个版本的目录数据相同。"
    out = ["新增 {added} 项，修改 {changed} 项，删除 {removed} 项".format(**counts)]
    for _, group_name, entries in changes.by_region():
        out.append(f"\n== {group_name}")
        for entry in entries:
            suffix = f"（{CHANGE_ZH[entry.change]}条目）" if entry.change != "changed" else ""
            out.append(f"  {entry.name}{suffix}")
            for fact in entry.facts:
                out.append(f"    {CHANGE_ZH[fact.change]}  {fact.label}")
                if fact.old is not None:
                    out.append(f"      原为：{fact.old.text}" + (f"〔{fact.old.cite}〕" if fact.old.cite else ""))
                if fact.new is not None:
                    out.append(f"      现为：{fact.new.text}" + (f"〔{fact.new.cite}〕" if fact.new.cite else ""))
    return "\n".join(out)


def prepare_notes(
    dest: Path, catalog: Any, catalog_version: str, version: str, published: str
) -> tuple[ReleaseNotes, dict[str, Any]]:
    """The notes of the release about to be built: compared with the release `current` points to."""
    from swkb.views.changes import diff, snapshot

    snap = snapshot(catalog, catalog_version)
    previous = current_version(dest)
    old = read_snapshot(dest, previous) if previous else None
    changes = diff(old, snap) if old is not None else None
    summary = summarise(version, published, catalog_version, previous if old is not None else None, changes)
    earlier = history(dest, previous) if old is not None else []
    return ReleaseNotes(summary, [summary, *earlier], changes), snap


# --------------------------------------------------------------------------------------------
# `swkb diff OLD NEW`: either side a catalog folder, a project folder, a snapshot or a Git revision
# --------------------------------------------------------------------------------------------


class DiffSourceError(Exception):
    """A side of `swkb diff` that is neither a folder, a snapshot file nor a Git revision."""


def load_snapshot(spec: str, repo: Path) -> dict[str, Any]:
    """The snapshot of one side of a comparison (catalog errors are raised as CatalogErrors)."""
    from swkb.catalog.load import catalog_version, load_catalog
    from swkb.views.changes import snapshot

    path = Path(spec)
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "entries" not in data:
            raise DiffSourceError(f"{spec} 不是目录快照(发布目录 changelog/ 下的 *.catalog.json)")
        return data
    if path.is_dir():
        folder = path / "catalog" if (path / "catalog").is_dir() else path
        return snapshot(load_catalog(folder), catalog_version(folder))
    with tempfile.TemporaryDirectory(prefix="swkb-diff-") as tmp:
        folder = _checkout_catalog(spec, repo, Path(tmp))
        return snapshot(load_catalog(folder), catalog_version(folder))


def _checkout_catalog(revision: str, repo: Path, into: Path) -> Path:
    """catalog/ as it was at `revision` of the Git repository `repo`."""
    try:
        check = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffSourceError(f"无法运行 git：{exc}") from None
    if check.returncode != 0:
        raise DiffSourceError(f"“{revision}”既不是文件夹或快照文件，也不是仓库 {repo} 里的 Git 版本")
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", check.stdout.strip(), "catalog"], capture_output=True, timeout=120
    )
    if archive.returncode != 0:
        raise DiffSourceError(f"版本 {revision} 里没有 catalog/ 目录")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "catalog"
