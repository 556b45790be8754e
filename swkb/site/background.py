"""Work done in a forked child process while MkDocs renders the pages.

A full build of a national catalog spent about 15 s of a single core writing the downloads
(CSV, Excel and the browser's data files) after the page loop had finished; the machines this
site is built on have two cores or more. The downloads need only the catalog and the views,
which are ready before the first page renders, so a child forked at that point writes them while
the parent renders, and the parent collects the child's result where it used to do the work.
The search index is made the same way, by a second child forked once MkDocs has read every page
(swkb.site.adapter); both run at a lower priority than the page loop.

Only `mkdocs build` forks: a serve session runs the live-reload server's threads, and a child
forked beside running threads can inherit a lock that one of them holds. Without `os.fork`
(Windows) the work runs in the parent, at the same point as before. The child dies with its
parent (Linux's parent-death signal), so a killed build leaves no writer behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

PR_SET_PDEATHSIG = 1
YIELDING_NICENESS = 10
"""How much lower a yielding child's priority is (Unix niceness: 0 normal, 19 lowest)."""


class BackgroundError(RuntimeError):
    """The child failed; the message carries its traceback."""


class Background(Generic[T]):
    """`work()` run in a forked child, its result sent back pickled; or, where forking is not
    possible or not wanted, run in the parent when its result is asked for."""

    def __init__(self, work: Callable[[], T], fork: bool = True, yields: bool = False) -> None:
        """`yields`: the child runs at a lower priority than the parent, for work beside MkDocs'
        page loop: on two cores the loop keeps one to itself and the writers share the other,
        instead of three processes slowing each other down."""
        self._work = work
        self._yields = yields
        self._pid: int | None = None
        self._read_fd: int | None = None
        self.child_seconds: float | None = None
        """Seconds the child worked (None when the work ran in the parent)."""
        if fork and hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        parent = os.getpid()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: do the work, report through the pipe, never return
            os.close(read_fd)
            status = 1
            try:
                _die_with_parent(parent)
                if self._yields:
                    with contextlib.suppress(OSError):
                        os.nice(YIELDING_NICENESS)
                start = time.perf_counter()
                value = self._work()
                payload = pickle.dumps({"value": value, "seconds": time.perf_counter() - start}, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            except OSError as exc:  # a full disk, say: the parent raises the same error, file named
                payload = pickle.dumps({"os_error": [exc.errno, exc.strerror, exc.filename], "error": traceback.format_exc()})
            except BaseException:
                payload = pickle.dumps({"error": traceback.format_exc()})
            try:
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
        os.close(write_fd)
        self._pid, self._read_fd = pid, read_fd

    def result(self) -> T:
        """What the work returned. An OSError in the child (a full disk) is raised here as the
        same error; any other failure as BackgroundError with the child's traceback."""
        if self._pid is None or self._read_fd is None:
            return self._work()
        with os.fdopen(self._read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = self._read_fd = None
        try:
            message = pickle.loads(data)  # our own forked child, through our own pipe
        except (pickle.UnpicklingError, EOFError):
            message = {"error": f"子进程没有给出结果(退出状态 {status})"}
        if "os_error" in message:
            code, words, filename = message["os_error"]
            raise OSError(code, words, filename) if filename else OSError(code, words)
        if "error" in message or os.waitstatus_to_exitcode(status) != 0:
            raise BackgroundError(message.get("error") or f"子进程退出状态 {status}")
        self.child_seconds = float(message["seconds"])
        value: T = message["value"]
        return value

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed before collecting it)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = None
        if self._read_fd is not None:
            os.close(self._read_fd)
            self._read_fd = None


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies; elsewhere nothing happens."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
