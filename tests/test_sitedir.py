"""A full build moves the last build's files out of the site folder at once and deletes them in
another process (swkb.site.sitedir): the folder is left empty for MkDocs, hidden entries stay."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path
from types import SimpleNamespace

from swkb.site import sitedir
from swkb.site.plugin import SwkbPlugin


def _old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "regions" / "x").mkdir(parents=True)
    (site / "regions" / "x" / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / ".git").mkdir()  # a published branch's checkout: MkDocs keeps hidden entries
    return site


def _wait_gone(path: Path, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def test_the_old_files_move_beside_the_folder_and_are_deleted_by_another_process(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    inode = site.stat().st_ino
    trash = sitedir.move_aside(site)
    assert trash is not None and trash.parent == tmp_path and trash.name.startswith(sitedir.TRASH_PREFIX)
    assert sorted(p.name for p in site.iterdir()) == [".git"]  # the folder stays, with its hidden entries
    assert site.stat().st_ino == inode
    assert (trash / "regions" / "x" / "index.html").read_text(encoding="utf-8") == "old"
    process = sitedir.delete_in_background(trash)
    assert process.pid != os.getpid()
    assert process.wait(timeout=30) == 0 and not trash.exists()


def test_nothing_to_move_gives_nothing(tmp_path: Path) -> None:
    assert sitedir.move_aside(tmp_path / "missing") is None
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    assert sitedir.move_aside(tmp_path / "empty") is None
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(sitedir.TRASH_PREFIX)] == []


def test_a_full_build_empties_the_folder_before_mkdocs_and_serve_does_not(tmp_path: Path) -> None:
    before = gc.get_threshold()
    try:
        site = _old_site(tmp_path)
        served = SwkbPlugin()
        served.on_startup(command="serve", dirty=False)
        served.on_pre_build(config=SimpleNamespace(site_dir=str(site)))  # type: ignore[arg-type]
        assert (site / "index.html").exists()

        stranded = tmp_path / f"{sitedir.TRASH_PREFIX}site-1-2"  # an earlier build's, never deleted
        (stranded / "regions").mkdir(parents=True)
        other = tmp_path / f"{sitedir.TRASH_PREFIX}othersite-1-2"  # another site folder's: not ours
        other.mkdir()
        plugin = SwkbPlugin()
        plugin.on_startup(command="build", dirty=False)
        plugin.on_pre_build(config=SimpleNamespace(site_dir=str(site)))  # type: ignore[arg-type]
        assert sorted(p.name for p in site.iterdir()) == [".git"]
        assert _wait_gone(stranded) and other.is_dir()
        trash = [p for p in tmp_path.iterdir() if p.name.startswith(f"{sitedir.TRASH_PREFIX}site-")]
        assert len(trash) <= 1 and all(_wait_gone(p) for p in trash)
    finally:
        gc.set_threshold(*before)
