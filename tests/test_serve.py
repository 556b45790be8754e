"""`mkdocs serve` rebuilds the generated pages when a catalog YAML file changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT, edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_after_yaml_edit(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SWKB_CATALOG": str(catalog)}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/regions/changshu/"
        assert wait_for(url, "不少于 80㎡", 60), "site never came up"
        edit(catalog / "regions/changshu.yml", "floor_area: {min: 80,", "floor_area: {min: 95,")
        assert wait_for(url, "不少于 95㎡", 60), "page was not rebuilt after the YAML edit"
    finally:
        server.terminate()
        server.wait(timeout=10)
