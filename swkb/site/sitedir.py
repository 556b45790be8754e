"""The last build's output moved out of the way at once, and deleted while this build runs.

A full build first empties the site folder (MkDocs' `clean_directory`). On this project's disks
deleting files is slow: the 13,000 files of a 3,000-region site took 15 s to delete (1.3 s of it
on the CPU, the rest waiting on the disk), the 290 of the real catalog's 0.4 s, and the build
waited for it before starting. `move_aside` renames what the folder holds into a hidden folder
beside it (one rename per top-level entry, on the same disk); `delete_in_background` hands that
folder to a separate, low-priority process, which deletes it while the pages are written and
may outlive the build. The folder itself stays (it may be served or mounted), and its hidden
entries stay in it, as MkDocs keeps them (a `.git` of a published branch).

Anything that cannot be moved (a mount point, a folder whose parent is read-only) is left where
it is, and MkDocs deletes it as before. A hidden folder that an earlier build's deleting process
left behind (the machine stopped) is deleted along with the next one (`leftovers`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

TRASH_PREFIX = ".swkb-old-"
"""Hidden folders beside the site folder, named `.swkb-old-<site folder>-<time>-<process>`."""

_DELETE = "import os, shutil, sys; os.nice(10); [shutil.rmtree(f, ignore_errors=True) for f in sys.argv[1:]]"


def move_aside(site_dir: Path) -> Path | None:
    """Move the site folder's visible entries into a new hidden folder beside it; that folder,
    or None when there was nothing to move or nowhere to move it."""
    try:
        if not site_dir.is_dir() or os.path.ismount(site_dir):
            return None
        entries = [e for e in site_dir.iterdir() if not e.name.startswith(".")]
        if not entries:
            return None
        trash = site_dir.parent / f"{TRASH_PREFIX}{site_dir.name}-{time.time_ns()}-{os.getpid()}"
        trash.mkdir()
    except OSError:
        return None
    for entry in entries:
        with contextlib.suppress(OSError):  # else left for MkDocs to delete
            entry.rename(trash / entry.name)
    return trash


def leftovers(site_dir: Path, kept: Path | None = None) -> list[Path]:
    """Hidden folders of earlier builds of this site folder still beside it (but `kept`)."""
    try:
        return sorted(p for p in site_dir.parent.glob(f"{TRASH_PREFIX}{site_dir.name}-*") if p.is_dir() and p != kept)
    except OSError:
        return []


def clear_in_background(site_dir: Path) -> subprocess.Popen[bytes] | None:
    """Empty the site folder at once (`move_aside`) and hand what was in it, with any `leftovers`,
    to a deleting process; that process, or None when there was nothing to delete."""
    trash = move_aside(site_dir)
    folders = leftovers(site_dir, kept=trash) + ([trash] if trash is not None else [])
    return delete_in_background(*folders) if folders else None


def delete_in_background(*folders: Path) -> subprocess.Popen[bytes]:
    """Delete `folders` in a separate process of lower priority, which the build does not wait for."""
    return subprocess.Popen(
        [sys.executable, "-c", _DELETE, *map(str, folders)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
