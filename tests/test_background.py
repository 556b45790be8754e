"""The downloads writer forked beside MkDocs' page loop (swkb.site.background)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from swkb.site.background import YIELDING_NICENESS, Background, BackgroundError


def test_work_runs_in_a_child_and_its_files_reach_the_parent(tmp_path: Path) -> None:
    def work() -> list[str]:
        target = tmp_path / "out.txt"
        target.write_text(str(os.getpid()), encoding="utf-8")
        return [str(target)]

    job = Background(work)
    assert job.result() == [str(tmp_path / "out.txt")]
    assert int((tmp_path / "out.txt").read_text(encoding="utf-8")) != os.getpid()  # not done here
    assert job.child_seconds is not None and job.child_seconds >= 0


def test_without_fork_the_work_runs_in_the_parent_when_asked(tmp_path: Path) -> None:
    calls: list[int] = []
    job = Background(lambda: calls.append(os.getpid()) or [], fork=False)
    assert calls == []  # nothing before the result is wanted
    assert job.result() == [] and calls == [os.getpid()] and job.child_seconds is None


def test_a_failing_child_reports_its_traceback() -> None:
    def work() -> list[str]:
        raise ValueError("表格 funding 第 3 行无法写出")

    with pytest.raises(BackgroundError, match="表格 funding 第 3 行无法写出") as info:
        Background(work).result()
    assert "ValueError" in str(info.value) and "Traceback" in str(info.value)


def test_a_child_that_dies_without_a_word_is_an_error() -> None:
    with pytest.raises(BackgroundError, match="子进程"):
        Background(lambda: os._exit(3)).result()


def test_cancel_stops_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "late.txt"

    def work() -> list[str]:
        time.sleep(3)
        marker.write_text("written after cancel", encoding="utf-8")
        return [str(marker)]

    job = Background(work)
    start = time.monotonic()
    job.cancel()
    assert time.monotonic() - start < 2
    time.sleep(3.5)
    assert not marker.exists()


def test_the_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A build killed mid-way leaves no writer behind to fill a folder that is being removed."""
    import subprocess
    import sys

    marker = tmp_path / "orphan.txt"
    script = (
        "import os, time, pathlib\n"
        "from swkb.site.background import Background\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "Background(lambda: (time.sleep(2), marker.write_text('orphan'), [])[2])\n"
        "time.sleep(0.5)\n"
        "os._exit(0)\n"  # the parent goes away without collecting the child
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30)
    time.sleep(3)
    assert not marker.exists()


def test_an_os_error_in_the_child_is_the_same_error_in_the_parent(tmp_path: Path) -> None:
    """A full disk while writing a download reads like one in the main process: the publisher
    then names the file and says 磁盘已满 (swkb.publish.release)."""
    import errno

    def work() -> list[str]:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "downloads/x.csv"))

    with pytest.raises(OSError, match="No space left") as info:
        Background(work).result()
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(tmp_path / "downloads/x.csv")
    assert not isinstance(info.value, BackgroundError)


def test_a_yielding_child_runs_at_a_lower_priority_than_its_parent() -> None:
    """The downloads and search writers yield the CPU to MkDocs' page loop; the page-tree half
    (no `yields`) runs at the parent's priority, or the parent would wait for it."""
    own = os.nice(0)
    assert Background(lambda: os.nice(0), yields=True).result() == min(19, own + YIELDING_NICENESS)
    assert Background(lambda: os.nice(0)).result() == own
    assert os.nice(0) == own  # the parent keeps its priority
