"""The change log as plain data (swkb.views.changes): snapshots, differences keyed by what
identifies each fact, the marks on changed values, and `swkb diff` on folders and Git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from swkb.catalog.load import load_catalog
from swkb.publish.buildinfo import BuildInfo
from swkb.publish.changelog import ReleaseNotes, atom_feed, format_text, summarise
from swkb.site.pagetree import compile_site
from swkb.views.changes import ChangeSet, diff, fact_marks, snapshot

from .conftest import ROOT, edit


def snap(catalog_dir: Path) -> dict:
    return json.loads(json.dumps(snapshot(load_catalog(catalog_dir), "v")))  # as stored: through JSON


def test_one_changed_value_is_one_change_with_both_citations(mini: Path) -> None:
    before = snap(mini)
    edit(
        mini / "regions/county.yml",
        "age_max: {max: 45, unit: 岁, source: doc-one, clause: 四、(一)3}",
        "age_max: {max: 40, unit: 岁, source: doc-one, clause: 四、(二)1}",
    )
    changes = diff(before, snap(mini))
    (entry,) = changes.entries
    assert (entry.kind, entry.id, entry.change, entry.group_name) == ("region", "county", "changed", "测试省 › 测试县")
    (fact,) = entry.facts
    assert fact.change == "changed" and fact.path == "staffing[worker@station].age_max"
    assert fact.label == "人员配备 · 驻站社工(社工站) · 年龄上限" and fact.topic == "staffing"
    assert (fact.old.text, fact.old.cite) == ("不超过 45 岁", "测政办发〔2021〕1号 四、(一)3")
    assert (fact.new.text, fact.new.cite) == ("不超过 40 岁", "测政办发〔2021〕1号 四、(二)1")
    assert changes.counts() == {"added": 0, "changed": 1, "removed": 0}
    assert [t for t, _, _ in changes.by_topic()] == ["staffing"]


def test_list_items_are_keyed_by_what_they_are_not_where(mini: Path) -> None:
    before = snap(mini)
    # A new first domain: one addition, the others unchanged (not every later item shifted).
    edit(
        mini / "regions/county.yml",
        "services:\n",
        "services:\n  - {name: 新领域, maps_to: [needs], source: doc-one, clause: 附件 三}\n",
    )
    (entry,) = diff(before, snap(mini)).entries
    assert [(f.change, f.path, f.new.text) for f in entry.facts] == [("added", "services[新领域]", "新领域 → 2. 需求评估")]


def test_added_and_removed_entries_and_facts(mini: Path) -> None:
    before = snap(mini)
    edit(mini / "regions/county.yml", "room:\n  floor_area: {status: not_stated, source: doc-one}\n", "")
    (mini / "regions/prov.yml").unlink()
    edit(mini / "regions/county.yml", "parent: prov\n", "")
    changes = diff(before, snap(mini))
    kinds = {(e.id, e.change) for e in changes.entries}
    assert ("prov", "removed") in kinds and ("county", "changed") in kinds
    county = changes.of_entry("region", "county")
    removed = [f for f in county.facts if f.change == "removed"]
    assert {f.path for f in removed} >= {"room.floor_area", "parent"}
    assert next(f for f in removed if f.path == "room.floor_area").old.text == "来源未规定"
    assert ChangeSet.from_dict(json.loads(json.dumps(changes.to_dict()))) == changes


def test_same_catalog_no_changes(mini: Path) -> None:
    changes = diff(snap(mini), snap(mini))
    assert changes.is_empty() and format_text(changes) == "两个版本的目录数据相同。"


def test_marks_point_at_the_changed_facts_and_pages_show_them(mini: Path) -> None:
    before = snap(mini)
    edit(mini / "regions/county.yml", "floor_area: {min: 80,", "floor_area: {min: 90,")
    catalog = load_catalog(mini)
    changes = diff(before, json.loads(json.dumps(snapshot(catalog, "w"))))
    marks = fact_marks(catalog, changes)
    assert list(marks) == [id(catalog.regions["county"].station.floor_area)]
    summary = summarise("r2", "2026-12-02T10:00:00+08:00", "w", "r1", changes)
    info = BuildInfo("w", "", "", catalog.counts(), ReleaseNotes(summary, [summary], changes))
    pages = compile_site(catalog, info).pages
    region = pages["regions/county/index.md"].content
    assert "本次更新改动了本页" in region
    assert 'class="swkb-changed" href="../../changes/#c-county">本次更新，原为：不少于 80㎡</a>' in region
    log = pages["changes/index.md"].content
    assert 'id="c-county"' in log and "<del>不少于 80㎡</del>" in log and "<ins>不少于 90㎡</ins>" in log
    assert "测政办发〔2021〕1号 四、(一)2" in log
    # Without release notes nothing is marked.
    plain = compile_site(catalog).pages
    assert "swkb-changed" not in plain["regions/county/index.md"].content
    assert "不是发布版" in plain["changes/index.md"].content


def test_atom_feed_is_relative_without_a_site_url(mini: Path) -> None:
    import xml.etree.ElementTree as ET

    before = snap(mini)
    edit(mini / "regions/county.yml", "floor_area: {min: 80,", "floor_area: {min: 90,")
    changes = diff(before, snap(mini))
    now = summarise("r2", "2026-12-02T10:00:00+08:00", "w", "r1", changes)
    first = summarise("r1", "2026-11-01T10:00:00+08:00", "v", None, None)
    feed = atom_feed(ReleaseNotes(now, [now, first], changes), "知识库")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(feed)
    entries = root.findall("a:entry", ns)
    assert len(entries) == 2
    assert [e.find("a:link", ns).get("href") for e in entries] == ["./", "history/#r1"]
    assert all(e.find("a:id", ns).text.startswith("urn:uuid:") for e in entries)
    assert "不少于 80㎡ → 不少于 90㎡" in entries[0].find("a:content", ns).text
    absolute = ET.fromstring(atom_feed(ReleaseNotes(now, [now], changes), "知识库", "http://kb.intranet.example/kb"))
    assert absolute.find("a:entry/a:link", ns).get("href") == "http://kb.intranet.example/kb/changes/"


def swkb_diff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/diff.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ},
        timeout=120,
    )


def test_diff_command_between_two_folders(mini: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(mini, old)
    edit(mini / "regions/county.yml", "floor_area: {min: 80,", "floor_area: {min: 90,")
    result = swkb_diff(str(old), str(mini))
    assert result.returncode == 0, result.stderr
    assert "修改 1 项" in result.stdout and "== 测试省 › 测试县" in result.stdout
    assert "原为：不少于 80㎡〔测政办发〔2021〕1号 四、(一)2〕" in result.stdout
    assert "现为：不少于 90㎡〔测政办发〔2021〕1号 四、(一)2〕" in result.stdout
    data = json.loads(swkb_diff(str(old), str(mini), "--json").stdout)
    assert data["entries"][0]["facts"][0]["new"]["text"] == "不少于 90㎡"


def test_diff_command_between_git_revisions(mini: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(mini, repo / "catalog")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    edit(repo / "catalog/regions/county.yml", "age_max: {max: 45,", "age_max: {max: 40,")
    subprocess.run([*git, "commit", "-qam", "two"], check=True)
    result = swkb_diff("HEAD~1", "HEAD", "--repo", str(repo))
    assert result.returncode == 0, result.stderr
    assert "人员配备 · 驻站社工(社工站) · 年龄上限" in result.stdout and "不超过 40 岁" in result.stdout
    # A revision against the working folder; and a name that is neither gives a clear error.
    assert "两个版本的目录数据相同" in swkb_diff("HEAD", str(repo), "--repo", str(repo)).stdout
    bad = swkb_diff("no-such-revision", "--repo", str(repo))
    assert bad.returncode == 2 and "不是仓库" in bad.stderr
