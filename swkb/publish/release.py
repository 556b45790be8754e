"""Publish the site so that readers never see a half-written one, and make a portable bundle.

Layout under the publish folder (the web server serves `current/`):

    releases/<version>/       one complete build per release
    current -> releases/<version>   a symlink, replaced in one atomic step
    archives/swkb-<version>.zip  and .zip.sha256
    changelog/<version>.json     what the release changed, and the catalog snapshot it was built
                                 from (swkb.publish.changelog): the next release is compared with it
    .publish.lock                held (flock) by the one publish that runs; it holds that run's PID

A release is built into a temporary folder next to `releases/`, checked, renamed into place,
and only then is `current` switched over with `os.replace` (atomic on POSIX). A build that
fails or is killed at any point leaves `current` on the previous release.

What is defended:
- Two publishes into one folder: the second waits for the lock (bounded, `wait`), so leftovers
  removed at the start can only be those of dead runs, and version names are unique.
- A full, read-only or forbidden disk: every OSError becomes a PublishError naming the step, the
  path and the reason in Chinese; what this run wrote (partial zip, the unswitched release, its
  records) is removed, and `current` stays on the previous release.
- SIGTERM/SIGINT/SIGHUP stop the `mkdocs build` child and remove the half-built folder; on Linux
  the child also gets SIGTERM when the publisher dies by SIGKILL (PR_SET_PDEATHSIG).
- The project is the folder of the MkDocs config given (`config_file`, default ./mkdocs.yml),
  never the place the package is installed in.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import IO, Any

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import catalog_version, load_catalog
from swkb.publish import changelog
from swkb.publish.buildinfo import CHINA_TIME

TMP_PREFIX = ".building-"
LOCK_NAME = ".publish.lock"
DEFAULT_CONFIG = Path("mkdocs.yml")
DEFAULT_WAIT = 600.0
"""Seconds a publish waits for another one into the same folder (a publish takes about a minute)."""
UNCHANGED = "已发布的站点没有改动"
# Pages as `name/` (directory URLs, served sites) or `name.html` (the file:// bundle).
REQUIRED_PAGES = ["build-info", "compare/index", "regions/index", "services/index", "glossary", "changes/index"]
REQUIRED_FILES = [
    "index.html",
    "404.html",
    "search/search_index.json",
    "downloads/catalog.json",
    "downloads/stations.csv",
    "downloads/stations.xlsx",
]
# Tags through which a page loads something; <link> only for the rel values that fetch.
_TAG = re.compile(r"<(script|link|img|iframe|source|audio|video|embed|object)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""\b(src|href|rel|data)\s*=\s*["']([^"']*)["']""", re.I)
_FETCHING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
}
_CSS_URL = re.compile(r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')]+)""", re.I)


def outside_loads(html: str, site_url: str | None = None) -> list[str]:
    """URLs outside the site that this HTML would fetch while the page is viewed."""
    found = []
    for tag, attrs in _TAG.findall(html):
        values = {k.lower(): v for k, v in _ATTR.findall(attrs)}
        if tag.lower() == "link" and not (set(values.get("rel", "").lower().split()) & _FETCHING_RELS):
            continue
        for key in ("src", "href", "data"):
            url = values.get(key, "")
            if re.match(r"^(?:https?:)?//", url, re.I) and not (site_url and url.startswith(site_url)):
                found.append(url)
    return found


@dataclass(frozen=True)
class Release:
    version: str
    path: Path
    archive: Path
    sha256: str
    notes: changelog.ReleaseNotes | None = None


class PublishError(Exception):
    """The new build failed its checks or could not be written; the published site was not touched."""


class PublishInterrupted(PublishError):
    """A stop signal arrived; the build child was stopped and the half-built release removed."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"发布被 {signal.Signals(signum).name} 信号中断：已停止构建并删除未完成的版本，{UNCHANGED}。")


_ERRNO_ZH = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "只读文件系统",
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足(不允许的操作)",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EIO: "磁盘读写错误",
    errno.EFBIG: "文件超过允许的大小",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "是文件夹而不是文件",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EEXIST: "已经存在",
    errno.ENAMETOOLONG: "路径太长",
    errno.EMFILE: "打开的文件太多",
    errno.ENOMEM: "内存不足",
}


def os_error_zh(exc: OSError) -> str:
    """The reason of an OSError in Chinese, with the system's own words after it."""
    text = exc.strerror or str(exc)
    zh = _ERRNO_ZH.get(exc.errno or 0)
    return f"{zh}({text})" if zh else text


def _where(exc: OSError, path: Path) -> str:
    # The system names the file it failed on when it knows it (a copy: the target).
    return str(exc.filename2 or exc.filename or path)


@contextmanager
def _step(what: str, path: Path, unchanged: str = UNCHANGED) -> Iterator[None]:
    """Turn an OSError in one step of the publish into one Chinese sentence: step, path, reason."""
    try:
        yield
    except OSError as exc:
        raise PublishError(f"{what}失败：{_where(exc, path)}：{os_error_zh(exc)}。{unchanged}。") from None


# --------------------------------------------------------------------------------------------
# Stop signals and the build child
# --------------------------------------------------------------------------------------------


class _StopSignals:
    """While a publish runs in the main thread, SIGTERM/SIGINT/SIGHUP raise PublishInterrupted, so
    the `finally` blocks stop the build child and remove what the run wrote. Inside `held()` (the
    cleanup itself, the switch) a signal waits: a cleanup cut short would leave half a release."""

    SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

    def __init__(self) -> None:
        self._holding = 0
        self._pending: int | None = None
        self._installed: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._holding:
            self._pending = signum
            return
        raise PublishInterrupted(signum)

    @contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield  # Python delivers signals to the main thread only; a caller's own thread keeps its handling
            return
        for signum in self.SIGNALS:
            old = signal.getsignal(signum)
            if old is not signal.SIG_IGN:  # `nohup` asked for SIGHUP to be ignored: keep it so
                self._installed[signum] = old
                signal.signal(signum, self._handle)
        try:
            yield
        finally:
            for installed, old in self._installed.items():
                signal.signal(installed, old)
            self._installed.clear()
            self._pending = None

    @contextmanager
    def held(self) -> Iterator[None]:
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1

    def raise_pending(self) -> None:
        """A signal that arrived while held, raised now that it is safe (before the switch only)."""
        if self._pending is not None and not self._holding and self._installed:
            pending, self._pending = self._pending, None
            raise PublishInterrupted(pending)


_SIGNALS = _StopSignals()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """A preexec_fn asking Linux to send the build child SIGTERM when the publisher dies, even by
    SIGKILL (no handler can run then). None elsewhere: there only the signal handlers protect."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # loaded before the fork: the child only calls it
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:  # the publisher died before the request was made
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


def _stop_child(child: subprocess.Popen[str]) -> None:
    with _SIGNALS.held():
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


_ERRNO_LINE = re.compile(r"^\w*Error: \[Errno (\d+)\] ([^:]+?)(?:: '([^']*)'(?: -> '([^']*)')?)?$")


def _build_failure(output: str, folder: Path | None = None) -> str:
    """What a failed `mkdocs build` said, without Python's traceback: the log lines before it and
    the exception's last line (an OSError in Chinese: which file, what went wrong). An error
    writing into an open file names no file: then the build's `folder` is named."""
    text = output.strip()
    if "Traceback (most recent call last)" not in text:
        return text
    before = text.split("Traceback (most recent call last)")[0].strip()
    last = text.splitlines()[-1].strip()
    match = _ERRNO_LINE.match(last)
    if match:
        code, words, source, target = match.groups()
        exc = OSError(int(code), words)
        path = target or source or (str(folder) if folder is not None else None)
        last = f"MkDocs 写入{' ' + path if path else ''}时出错：{os_error_zh(exc)}"
    else:
        last = f"MkDocs 出错：{last}"
    return f"{before}\n{last}".strip()


def build_site(
    target: Path,
    *,
    site_url: str | None = None,
    offline: bool = False,
    extra_env: dict[str, str] | None = None,
    config_file: Path = DEFAULT_CONFIG,
) -> None:
    """Run the strict MkDocs build of the project `config_file` belongs to into `target`.

    The child stays in the publisher's process group (a terminal's Ctrl-C reaches both), is
    stopped when a stop signal interrupts the wait, and on Linux dies with the publisher."""
    config = config_file.resolve()
    if not config.is_file():
        raise PublishError(f"找不到 MkDocs 配置文件 {config}(用 -f/--config-file 指定项目的 mkdocs.yml)。{UNCHANGED}。")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url is not None:
        env["SWKB_SITE_URL"] = site_url
    if offline:
        env["SWKB_OFFLINE"] = "true"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(target)]
    with _step("启动 MkDocs 构建", config.parent):
        child = subprocess.Popen(
            command,
            env=env,
            cwd=config.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_parent(),
        )
    try:
        stdout, stderr = child.communicate()
    except BaseException:
        _stop_child(child)
        raise
    if child.returncode != 0:
        raise PublishError(f"构建失败，{UNCHANGED}：\n" + _build_failure(stderr or stdout, target))


def check_site(site: Path, site_url: str | None = None) -> list[str]:
    """Problems that make a build unfit to publish (empty when it is fine)."""
    problems = [f"缺少 {name}" for name in REQUIRED_FILES if not (site / name).is_file()]
    for page in REQUIRED_PAGES:
        folder_form = page[: -len("/index")] if page.endswith("/index") else page
        if not ((site / folder_form / "index.html").is_file() or (site / f"{page}.html").is_file()):
            problems.append(f"缺少页面 {page}")
    pages = list(site.rglob("*.html"))
    if len(pages) < 20:
        problems.append(f"页面太少({len(pages)} 个)，构建可能不完整")
    for path in pages + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = _CSS_URL.findall(text) if path.suffix == ".css" else outside_loads(text, site_url)
        for url in urls:
            problems.append(f"{path.relative_to(site)} 会从站外加载 {url}")
    return problems


# --------------------------------------------------------------------------------------------
# One publish at a time
# --------------------------------------------------------------------------------------------


def _holder(lock: IO[str]) -> str:
    lock.seek(0)
    pid = lock.read().strip()
    return pid if pid.isdigit() else "未知"


@contextmanager
def publish_lock(dest: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold `dest/.publish.lock` for the whole publish. Another holder: print one line and wait up
    to `wait` seconds, then give up. The kernel drops the lock when its holder dies, however it
    dies, so the file itself is never removed (removing it would let two runs hold two files)."""
    path = dest / LOCK_NAME
    with _step("打开发布锁", path):
        lock = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held across the loop, closed in the finally below
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        first_block: float | None = None
        while True:
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                first_block = first_block if first_block is not None else time.monotonic()
                holder = _holder(lock)
                if time.monotonic() >= deadline:
                    raise PublishError(
                        f"另一个发布正在进行(进程 {holder})，等了 {wait:g} 秒仍未结束，本次发布放弃，{UNCHANGED}(发布锁 {path})。"
                    ) from None
                # A new holder empties the file before it writes its pid: give it a moment
                # rather than announce an unknown process.
                if not told and (holder != "未知" or time.monotonic() - first_block >= 2.0):
                    print(f"另一个发布正在进行(进程 {holder})，等待…", file=sys.stderr, flush=True)
                    told = True
                time.sleep(0.2)
            except OSError as exc:
                raise PublishError(f"锁定发布目录失败：{path}：{os_error_zh(exc)}。{UNCHANGED}。") from None
        with _step("写发布锁", path):
            lock.seek(0)
            lock.truncate()
            lock.write(str(os.getpid()))
            lock.flush()
        yield
    finally:
        lock.close()  # closing the only descriptor releases the flock


def _remove(path: Path) -> None:
    """Remove what this (or a dead) run wrote; a failure here must not hide the error that led here."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_symlink() or path.exists():
            path.unlink()
    except OSError:
        pass


def _remove_leftovers(dest: Path) -> None:
    """What interrupted runs left. Called with the lock held, so none of it belongs to a live run."""
    releases, archives, records = dest / "releases", dest / "archives", dest / "changelog"
    for leftover in [
        *releases.glob(TMP_PREFIX + "*"),
        *dest.glob(".notes-*"),
        *dest.glob(".current-*"),
        *archives.glob("*.partial"),
        *records.glob(".*.partial"),
    ]:
        _remove(leftover)


def unique_version(dest: Path, stamp: str, data_version: str) -> str:
    """`<stamp>-<data version>`, with `.02`, `.03`… after the stamp when that name was taken
    (two publishes within one second, or a clock set back). The data version stays last."""
    for n in range(1, 1000):
        version = f"{stamp}{'' if n == 1 else f'.{n:02d}'}-{data_version[:8]}"
        taken = [dest / "releases" / version, dest / "archives" / f"swkb-{version}.zip", dest / "changelog" / f"{version}.json"]
        if not any(p.exists() or p.is_symlink() for p in taken):
            return version
    raise PublishError(f"{dest} 里同一秒的版本名已用完。{UNCHANGED}。")


# --------------------------------------------------------------------------------------------
# Publish
# --------------------------------------------------------------------------------------------


def project_paths(config_file: Path) -> tuple[Path, Path, Path]:
    """(mkdocs.yml, the project folder it is in, the catalog: catalog/ there or $SWKB_CATALOG)."""
    config = config_file.resolve()
    if not config.is_file():
        raise PublishError(f"找不到 MkDocs 配置文件 {config}(在项目文件夹里运行，或用 -f/--config-file 指定)。{UNCHANGED}。")
    root = config.parent
    return config, root, Path(os.environ.get("SWKB_CATALOG") or root / "catalog")


def publish(
    dest: Path,
    *,
    site_url: str | None = None,
    keep: int = 5,
    pause_before_switch: float = 0.0,
    config_file: Path = DEFAULT_CONFIG,
    wait: float = DEFAULT_WAIT,
) -> Release:
    """Build, check, archive, then switch `dest/current` to the new release in one step.

    The project is the folder of `config_file` (relative paths: from the working directory)."""
    config, root, catalog_dir = project_paths(config_file)
    dest = dest.resolve()
    releases, archives = dest / "releases", dest / "archives"
    with _step("创建发布目录", dest):
        for folder in (dest, releases, archives):
            folder.mkdir(parents=True, exist_ok=True)
    with _SIGNALS.installed(), publish_lock(dest, wait):
        with _step("清理中断的发布留下的文件", dest):
            _remove_leftovers(dest)
        return _publish_locked(dest, config, root, catalog_dir, site_url, keep, pause_before_switch)


def _publish_locked(
    dest: Path, config: Path, root: Path, catalog_dir: Path, site_url: str | None, keep: int, pause_before_switch: float
) -> Release:
    releases, archives = dest / "releases", dest / "archives"
    previous = changelog.current_version(dest)
    unchanged = f"{UNCHANGED}(current 仍指向 {previous})" if previous else UNCHANGED
    # The catalog is checked first: a bad one stops here, before anything is built.
    try:
        with _step("读取目录数据", catalog_dir, unchanged):
            catalog = load_catalog(catalog_dir, display_base=root)
            data_version = catalog_version(catalog_dir)
    except CatalogErrors as exc:
        raise PublishError(f"构建失败，{UNCHANGED}：\n{exc}") from None
    now = datetime.now(CHINA_TIME)
    version = unique_version(dest, now.strftime("%Y%m%d-%H%M%S"), data_version)
    # What this release changes, compared with the one readers have now (swkb.publish.changelog).
    with _step("读取上一版的更新记录", dest / "changelog", unchanged):
        notes, snap = changelog.prepare_notes(dest, catalog, data_version, version, now.isoformat(timespec="seconds"))
    notes_file = dest / f".notes-{os.getpid()}.json"
    building = releases / f"{TMP_PREFIX}{version}-{os.getpid()}"
    final = releases / version
    archive = archives / f"swkb-{version}.zip"
    checksum = archive.parent / (archive.name + ".sha256")
    records = dest / "changelog"
    try:
        with _step("写发布说明", notes_file, unchanged):
            notes_file.write_text(json.dumps(notes.to_dict(), ensure_ascii=False), encoding="utf-8")
        build_site(building, site_url=site_url, extra_env={changelog.NOTES_ENV: str(notes_file)}, config_file=config)
        feed = building / changelog.FEED_URI
        with _step("写订阅源", feed, unchanged):
            feed.parent.mkdir(parents=True, exist_ok=True)
            feed.write_text(changelog.atom_feed(notes, site_name(config), site_url), encoding="utf-8")
        with _step("检查新构建", building, unchanged):
            problems = check_site(building, site_url)
        if problems:
            raise PublishError(f"新构建没有通过检查，{UNCHANGED}：\n" + "\n".join(problems))
        with _step("把新构建移入 releases", final, unchanged):
            os.rename(building, final)
        digest = zip_folder(final, archive, unchanged)
        with _step("写归档校验文件", checksum, unchanged):
            checksum.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
        # Recorded before the switch; history follows `current`, so an unswitched record is never in it.
        with _step("写更新记录", records, unchanged):
            changelog.write_record(dest, notes, snap)
        if pause_before_switch:  # lets a test interrupt the run at the last moment before the switch
            time.sleep(pause_before_switch)
        _SIGNALS.raise_pending()
        with _SIGNALS.held(), _step("切换 current", dest / "current", unchanged):
            switch_current(dest, final)
    except BaseException:
        # Never switched to: nothing of this release may stay (a full disk needs its space back).
        with _SIGNALS.held():
            for path in (
                building,
                final,
                archive,
                archive.with_name(archive.name + ".partial"),
                checksum,
                records / f"{version}.json",
                records / f"{version}.catalog.json",
                records / f".{version}.json.partial",
                records / f".{version}.catalog.json.partial",
                dest / f".current-{os.getpid()}",
            ):
                _remove(path)
        raise
    finally:
        _remove(notes_file)

    # Switched: the release is live. Tidying up may fail (a disk that just filled) without undoing that.
    with _SIGNALS.held():
        try:
            prune(releases, keep=keep, current=final)
            changelog.prune_snapshots(dest, {p.name for p in releases.iterdir() if p.is_dir()})
        except OSError as exc:
            print(f"已发布 {version}，但清理旧版本失败：{_where(exc, releases)}：{os_error_zh(exc)}", file=sys.stderr)
    return Release(version, final, archive, digest, notes)


def site_name(config_file: Path = DEFAULT_CONFIG) -> str:
    """The site's name as the project's mkdocs.yml gives it (the feed's title)."""
    match = re.search(r"^site_name:\s*(.+)$", config_file.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else "社工站政策知识库"


def switch_current(dest: Path, release: Path) -> None:
    """Point `dest/current` at `release` atomically: readers see the old or the new site, never a mix."""
    link = dest / "current"
    new_link = dest / f".current-{os.getpid()}"
    if new_link.is_symlink() or new_link.exists():
        new_link.unlink()
    new_link.symlink_to(release.relative_to(dest))
    os.replace(new_link, link)


def prune(releases: Path, *, keep: int, current: Path) -> None:
    done = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(TMP_PREFIX)), reverse=True)
    for old in done[keep:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)


def zip_folder(folder: Path, archive: Path, unchanged: str = UNCHANGED) -> str:
    """Zip `folder` (written to a temporary name, then renamed) and return its SHA-256. A failure
    (full disk…) removes the partial zip and raises PublishError."""
    partial = archive.with_name(archive.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(folder).as_posix())
        os.replace(partial, archive)
        digest = hashlib.sha256()
        with archive.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        _remove(partial)
        where = exc.filename if exc.filename and Path(str(exc.filename)) != folder else partial
        raise PublishError(f"写归档失败：{where}：{os_error_zh(exc)}。{unchanged}。") from None
    except BaseException:
        _remove(partial)
        raise
    return digest.hexdigest()
