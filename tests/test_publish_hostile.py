"""Publishing under hostile conditions (the security issue's cases 4, 5, 6 and 13): publishes
that overlap, a disk that fills up or is read-only, a publisher that is killed, and a second
checkout that shares this virtual environment. Each publish is a real `mkdocs build`."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from swkb import cli
from swkb.publish.release import publish

from .conftest import ROOT, copy_project, edit

WAITING = re.compile(r"另一个发布正在进行\(进程 (\d+)\)，等待…")


def cli_env() -> dict[str, str]:
    """The environment of a publish run by an operator: this venv, the project's own catalog."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SWKB_CATALOG", None)
    return env


def start_publish(www: Path, *extra: str, cwd: Path = ROOT, **popen: object) -> subprocess.Popen[str]:
    """`swkb publish WWW` in a child process, run from `cwd` (the project folder unless told)."""
    return subprocess.Popen(
        [sys.executable, "-m", "swkb.cli", "publish", str(www), *extra],
        cwd=cwd,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )  # type: ignore[call-overload]


def finish(run: subprocess.Popen[str], timeout: float = 400) -> tuple[int, str, str]:
    out, err = run.communicate(timeout=timeout)
    return run.returncode, out, err


def state(www: Path) -> dict[str, object]:
    """Everything a publish may leave behind, to compare before and after a failed one."""
    return {
        "current": os.readlink(www / "current"),
        **{name: sorted(p.name for p in (www / name).iterdir()) for name in ("releases", "archives", "changelog")},
        "top": sorted(p.name for p in www.iterdir() if p.name != ".publish.lock"),
    }


def leftovers(www: Path) -> list[Path]:
    return [p for p in www.rglob("*") if p.name.endswith(".partial") or p.name.startswith((".building-", ".notes-", ".current-"))]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A publish folder with one release readers are being served; tests must leave it so."""
    www = tmp_path_factory.mktemp("hostile") / "www"
    with contextlib.chdir(ROOT):
        publish(www)
    return www


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str) -> Iterator[bool]:
    """A tiny tmpfs over `path`, so that writing there really fails with ENOSPC (root only).
    False when this machine does not allow mounting; the caller then falls back."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        yield False
        return
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "swkb-test-full", str(path)], capture_output=True
        ).returncode
        != 0
    ):
        yield False
        return
    try:
        yield True
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], check=True)


# --------------------------------------------------------------------------------------------
# Case 4: two (here three) publishes into one folder
# --------------------------------------------------------------------------------------------


@pytest.mark.publish
@pytest.mark.build
def test_overlapping_publishes_queue_on_the_lock_and_get_distinct_versions(tmp_path: Path) -> None:
    www = tmp_path / "www"
    # Two started together (once: the same version name, and one failing with Errno 39) ...
    runs = [start_publish(www), start_publish(www)]
    # ... and a third while one of them is building (once: it removed that run's build folder).
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not list((www / "releases").glob(".building-*")):
        time.sleep(0.2)
    assert list((www / "releases").glob(".building-*")), "no build started"
    runs.append(start_publish(www))
    results = [finish(run) for run in runs]
    for code, _, err in results:
        assert code == 0, err
    versions = [re.search(r"已发布版本 (\S+)：", out).group(1) for _, out, _ in results]  # type: ignore[union-attr]
    assert len(set(versions)) == 3, versions
    assert sorted(p.name for p in (www / "releases").iterdir()) == sorted(versions)
    assert sorted(p.name for p in (www / "archives").glob("*.zip")) == sorted(f"swkb-{v}.zip" for v in versions)
    for version in versions:  # each release whole: its archive holds its own build info
        assert zipfile.ZipFile(www / "archives" / f"swkb-{version}.zip").testzip() is None
        assert (www / "releases" / version / "index.html").is_file()
    # The two that had to wait said so, once each, naming a run that was really publishing.
    pids = {run.pid for run in runs}
    waits = [WAITING.findall(err) for _, _, err in results]
    assert sorted(len(w) for w in waits) == [0, 1, 1], [err for _, _, err in results]
    assert all(int(pid) in pids for w in waits for pid in w)
    assert Path(os.readlink(www / "current")).name in versions
    assert leftovers(www) == []


@pytest.mark.publish
@pytest.mark.build
def test_publish_gives_up_after_a_bounded_wait_with_one_chinese_line(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    with open(www / ".publish.lock", "w", encoding="utf-8") as held:  # as a running publish holds it
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        held.write(str(os.getpid()))
        held.flush()
        started = time.monotonic()
        code, out, err = finish(start_publish(www, "--wait", "1.5"), timeout=60)
        waited = time.monotonic() - started
    assert code == 1 and out == ""
    assert f"另一个发布正在进行(进程 {os.getpid()})，等待…" in err
    assert "等了 1.5 秒仍未结束，本次发布放弃" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2, err  # the waiting line, then the giving up
    assert 1.5 <= waited < 30  # it gave up at the bound, without building anything first
    assert not (www / "releases").exists() or not any((www / "releases").iterdir())


def test_version_names_are_unique_within_one_second(tmp_path: Path) -> None:
    from swkb.publish.release import unique_version

    first = unique_version(tmp_path, "20250101-120000", "abcdef123456")
    assert first == "20250101-120000-abcdef12"
    (tmp_path / "releases" / first).mkdir(parents=True)
    second = unique_version(tmp_path, "20250101-120000", "abcdef123456")
    (tmp_path / "archives").mkdir()
    (tmp_path / "archives" / f"swkb-{second}.zip").write_bytes(b"")
    third = unique_version(tmp_path, "20250101-120000", "abcdef123456")
    assert (second, third) == ("20250101-120000.02-abcdef12", "20250101-120000.03-abcdef12")
    # Newest sorts last, as `prune` and the history expect; the data version stays the last part.
    assert sorted([third, first, second]) == [first, second, third]
    assert third.rsplit("-", 1)[1] == "abcdef12"


# --------------------------------------------------------------------------------------------
# Case 5: a disk that fills up, or will not be written
# --------------------------------------------------------------------------------------------


def test_full_disk_while_archiving_cleans_up_and_says_so(
    published: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    www = published
    before = state(www)
    archives = www / "archives"
    with small_tmpfs(archives, "256k") as mounted:
        if mounted:  # a real full disk, in a real command line run
            code, _, err = finish(start_publish(www))
            in_archives = sorted(p.name for p in archives.iterdir())
        else:  # no mounting here: the lowest-level write fails as a full disk makes it fail

            def full(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(zipfile.ZipFile, "write", full)
            with contextlib.chdir(ROOT):
                code = cli.main(["publish", str(www)])
            err = capsys.readouterr().err
            in_archives = [p.name for p in archives.glob("*.partial")]
    assert code == 1
    assert "Traceback" not in err and "OSError" not in err
    assert "写归档失败" in err and "磁盘已满" in err and str(archives) in err, err
    assert f"current 仍指向 {before['current'].split('/')[-1]}" in err  # type: ignore[union-attr]
    assert in_archives == []  # no .zip.partial on the full disk, nor a new zip
    assert state(www) == before  # no orphan release, no record of it, `current` unchanged
    assert leftovers(www) == []


def test_full_disk_while_building_cleans_up_and_says_so(published: Path) -> None:
    www = published
    before = state(www)
    releases = www / "releases"
    with small_tmpfs(releases, "1m") as mounted:
        if mounted:
            code, _, err = finish(start_publish(www))
            in_releases = sorted(p.name for p in releases.iterdir())
            reason = "磁盘已满"
        else:
            # No mounting here: a file size limit makes the build's writes fail for real (EFBIG).
            import resource

            def limit() -> None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

            code, _, err = finish(start_publish(www, preexec_fn=limit))
            in_releases = [p.name for p in releases.glob(".building-*")]
            reason = "文件超过允许的大小"
    assert code == 1
    assert "Traceback" not in err and 'File "' not in err, err
    assert "构建失败" in err and reason in err and str(releases) in err, err
    assert in_releases == []  # the half-built folder is gone
    assert state(www) == before
    assert leftovers(www) == []


def test_read_only_publish_folder_at_the_switch(
    published: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder turns read-only at the last step: the new `current` link cannot be made. (The
    lock file lives there too, so a folder read-only from the start stops the run before the build.)"""
    www = published
    before = state(www)

    def read_only(src: object, dst: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))

    monkeypatch.setattr(os, "symlink", read_only)
    with contextlib.chdir(ROOT):
        code = cli.main(["publish", str(www)])
    err = capsys.readouterr().err
    assert code == 1
    assert "切换 current失败" in err and "只读文件系统" in err and str(www) in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert state(www) == before  # the built, archived release that was never switched to is gone
    assert leftovers(www) == []


def test_read_only_publish_folder_from_the_start(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    with small_tmpfs(www, "64k") as mounted:
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(www)], check=True)
            code, _, err = finish(start_publish(www), timeout=60)
        else:
            www.chmod(0o555)  # not root here: permissions stop the writes
            code, _, err = finish(start_publish(www), timeout=60)
            www.chmod(0o755)
    assert code == 1 and "Traceback" not in err
    assert ("只读文件系统" if mounted else "权限不足") in err and str(www) in err, err


# --------------------------------------------------------------------------------------------
# Case 6: the publisher is stopped or killed while `mkdocs build` runs
# --------------------------------------------------------------------------------------------


def build_processes(building: Path) -> list[int]:
    """Live processes whose command line names `building` (the `mkdocs build -d` child)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            status = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if status != "Z" and str(building).encode() in args:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_stopped_publisher_takes_its_build_with_it(published: Path, stop: signal.Signals) -> None:
    www = published
    before = state(www)
    index_before = (www / "current" / "index.html").read_bytes()
    run = start_publish(www)
    building: list[Path] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not building:
            building = list((www / "releases").glob(f".building-*-{run.pid}"))
            time.sleep(0.1)
        assert building, "the build folder never appeared"
        time.sleep(0.5)  # well into writing the site
        assert build_processes(building[0]), "the build child was not found (the check would prove nothing)"
        run.send_signal(stop)
        code, _, err = finish(run, timeout=60)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and build_processes(building[0]):
            time.sleep(0.1)
        assert build_processes(building[0]) == [], "mkdocs build is still running after its publisher stopped"
    finally:
        for pid in build_processes(building[0]) if building else []:
            os.kill(pid, signal.SIGKILL)
        if run.poll() is None:
            run.kill()
    assert os.readlink(www / "current") == before["current"]
    assert (www / "current" / "index.html").read_bytes() == index_before
    if stop == signal.SIGTERM:  # it could clean up after itself, and said what happened
        assert code == 128 + signal.SIGTERM
        assert "发布被 SIGTERM 信号中断" in err and "Traceback" not in err, err
        assert not building[0].exists()
        assert state(www) == before
    else:  # nothing could run in the publisher; its build folder waits for the next publish's cleanup
        assert code == -signal.SIGKILL
        shutil.rmtree(building[0])


# --------------------------------------------------------------------------------------------
# Case 13: the project is the one whose mkdocs.yml is given, not where the package is installed
# --------------------------------------------------------------------------------------------


@pytest.mark.publish
@pytest.mark.build
def test_publish_builds_the_checkout_named_by_its_config_file(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "copy")
    edit(copy / "catalog/regions/changshu.yml", "floor_area: {min: 80,", "floor_area: {min: 95,")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    www = tmp_path / "www"

    # From a folder without mkdocs.yml and without -f: one clear line, nothing built.
    code, _, err = finish(start_publish(www, cwd=elsewhere), timeout=60)
    assert code == 1 and "找不到 MkDocs 配置文件" in err and str(elsewhere / "mkdocs.yml") in err and "Traceback" not in err
    assert not (www / "current").exists()

    # The same virtual environment (this checkout's package), the copy's config: the copy's data.
    code, out, err = finish(start_publish(www, "-f", str(copy / "mkdocs.yml"), cwd=elsewhere))
    assert code == 0, err
    page = (www / "current" / "regions" / "changshu" / "index.html").read_text(encoding="utf-8")
    assert "不少于 95㎡" in page and "不少于 80㎡" not in page
    ours = (ROOT / "catalog/regions/changshu.yml").read_text(encoding="utf-8")
    assert "floor_area: {min: 80," in ours  # this checkout was not the one published
