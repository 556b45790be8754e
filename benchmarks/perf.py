"""Performance benchmark: builds, pages, search payload and search latency at three sizes (the real
catalog, 300 and 3,000 regions from swkb.synth), for our configuration and for the stock Material
configuration over the same pages, in the same run. Prints a table and writes JSON.

    python scripts/bench.py                     # real, 300, 3000; ours and stock
    python scripts/bench.py --sizes real,300 --runs 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.search import CHROMIUM_ARGS, load_queries, metrics, run, serve, write_report
from benchmarks.synth import generate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIGS: dict[str, Path] = {
    "ours": PROJECT_ROOT / "mkdocs.yml",
    "stock": PROJECT_ROOT / "benchmarks" / "mkdocs-stock.yml",
}


def build(
    catalog: Path, site: Path, config_file: Path, timings: Path, cwd: Path = PROJECT_ROOT, python: str = sys.executable
) -> tuple[float, dict[str, float]]:
    """One strict build; (wall seconds, seconds in our plugin)."""
    timings.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SWKB_CATALOG": str(catalog), "SWKB_TIMINGS": str(timings)}
    start = time.perf_counter()
    result = subprocess.run(
        [python, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_file), "-d", str(site)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{config_file.name} build failed:\n{result.stderr[-3000:]}")
    return seconds, json.loads(timings.read_text()) if timings.exists() else {}


def site_stats(site: Path) -> dict[str, Any]:
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    sizes = sorted(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "pages": len(pages),
        "html_median_bytes": statistics.median(sizes),
        "html_max_bytes": sizes[-1],
        "site_bytes": total,
        "search_first_bytes": len(index),
        "search_first_gzip_bytes": len(gzip.compress(index, 6)),
    }


def rebuild_seconds(catalog: Path, config_file: Path, region: str = "changshu", timeout: float = 300) -> float:
    """Time from saving one YAML edit to `mkdocs serve` showing the rebuilt page."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SWKB_CATALOG": str(catalog)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=PROJECT_ROOT,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/regions/{region}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + timeout
        while "不少于 80㎡" not in page():
            if time.monotonic() > deadline:
                raise RuntimeError("serve never came up")
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle
        path = catalog / "regions" / f"{region}.yml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("floor_area: {min: 80,", "floor_area: {min: 81,"), encoding="utf-8"
        )
        start = time.monotonic()
        while "不少于 81㎡" not in page():
            if time.monotonic() - start > timeout:
                raise RuntimeError("page never rebuilt")
            time.sleep(0.05)
        return time.monotonic() - start
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(
        description="性能基准：构建时间、页面大小、搜索数据量与响应时间，本站配置对比 Material 原配置"
    )
    parser.add_argument("--sizes", default="real,300,3000", help="real 与/或地区数，逗号分隔")
    parser.add_argument("--configs", default="ours,stock")
    parser.add_argument("--runs", type=int, default=3, help="每个规模构建几次取中位数(3000 规模固定 1 次)")
    parser.add_argument("--json", default=str(PROJECT_ROOT / "bench-results" / "performance.json"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--reference", default="a116dfe", help="也在同一次运行里构建这个提交(真实目录)，作对照；空字符串则不构建")
    parser.add_argument("--search", action=argparse.BooleanOptionalAction, default=True, help="是否在浏览器里测搜索")
    parser.add_argument(
        "--stock-up-to",
        type=int,
        default=300,
        help="原配置只构建到这个地区数为止(3000 个地区的原配置一次要约 10 分钟)；真实目录总是构建",
    )
    args = parser.parse_args(argv)
    queries = load_queries(PROJECT_ROOT / "tests" / "search_queries.yml")
    report: dict[str, Any] = {"sizes": {}}
    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as playwright:
        tmp = Path(tmp_name)
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for size in args.sizes.split(","):
            catalog = tmp / f"catalog-{size}" / "catalog"
            if size == "real":
                shutil.copytree(PROJECT_ROOT / "catalog", catalog)
            else:
                generate(catalog, int(size), PROJECT_ROOT / "catalog")
            runs = 1 if size != "real" and int(size) >= 1000 else args.runs
            entry: dict[str, Any] = {}
            # The earlier commit is built between our builds, one each in turn: the machine drifts
            # (one run saw it a fifth slower in its second half), a ratio of two blocks drifts with it.
            reference = ReferenceBuild(args.reference, tmp) if size == "real" and args.reference else None
            for name in args.configs.split(","):
                if name == "stock" and size != "real" and int(size) > args.stock_up_to:
                    continue
                config_file = CONFIGS[name]
                site = tmp / f"site-{size}-{name}"
                print(f"==> {size} {name}: {runs} 次构建", file=sys.stderr)
                times, hooks, background = [], [], []
                for _i in range(runs):
                    seconds, hook = build(catalog, site, config_file, tmp / "timings.json")
                    times.append(seconds)
                    if reference is not None and name == "ours":
                        reference.build_once()
                    hooks.append(hook.get("total", 0.0))
                    background.append(hook.get("background", 0.0))
                stats = site_stats(site)
                m: dict[str, Any] = {}
                if args.search:
                    server, url = serve(site)
                    try:
                        results = run(browser, url, queries, rounds=3)
                    finally:
                        server.shutdown()
                    m = metrics(results)["all"]
                entry[name] = {
                    "build_seconds": statistics.median(times),
                    "build_runs": times,
                    "hook_seconds": statistics.median(hooks),
                    "background_seconds": statistics.median(background),
                    **stats,
                    "ours_ms_per_page": 1000 * statistics.median(hooks) / stats["pages"],
                    "theirs_ms_per_page": 1000 * (statistics.median(times) - statistics.median(hooks)) / stats["pages"],
                    "search_median_ms": m.get("median_ms"),
                    "search_hit@3": m.get("hit@3"),
                }
                if name == "ours" and size in ("real", "3000"):
                    print(f"==> {size} {name}: serve 重建", file=sys.stderr)
                    edit_copy = tmp / f"edit-{size}" / "catalog"
                    # Each try starts from the unedited copy; the median of `runs` tries.
                    tries = []
                    for _ in range(runs):
                        shutil.rmtree(edit_copy.parent, ignore_errors=True)
                        shutil.copytree(catalog, edit_copy)
                        tries.append(rebuild_seconds(edit_copy, config_file))
                    entry[name]["rebuild_seconds"] = statistics.median(tries)
                    entry[name]["rebuild_runs"] = tries
                    entry[name]["rebuild_ratio"] = statistics.median(tries) / statistics.median(times)
                shutil.rmtree(site, ignore_errors=True)
            if reference is not None:
                if not reference.times:  # no build of ours to take turns with
                    for _ in range(runs):
                        reference.build_once()
                entry["reference"] = reference.finish()
            report["sizes"][size] = entry
        browser.close()
    write_report(report, format_report(report), Path(args.json))
    return 0


class ReferenceBuild:
    """Strict builds by an earlier commit of the project, of its own real catalog (today's
    catalog has fields that commit does not know), in this run, in a worktree of its own."""

    def __init__(self, commit: str, tmp: Path) -> None:
        self.commit = commit
        self.tmp = tmp
        self.tree = tmp / f"reference-{commit}"
        self.times: list[float] = []
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(self.tree), commit], cwd=PROJECT_ROOT, check=True, capture_output=True
        )
        print(f"==> real {commit}: 安装它的依赖，与本站的构建交替构建", file=sys.stderr)
        self.python = reference_python(self.tree, tmp)

    def build_once(self) -> None:
        self.times.append(
            build(
                self.tree / "catalog",
                self.tmp / "site-reference",
                self.tree / "mkdocs.yml",
                self.tmp / "timings.json",
                cwd=self.tree,
                python=self.python,
            )[0]
        )

    def finish(self) -> dict[str, Any]:
        try:
            return {
                "commit": self.commit,
                "build_seconds": statistics.median(self.times),
                "build_runs": self.times,
                **site_stats(self.tmp / "site-reference"),
            }
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(self.tree)], cwd=PROJECT_ROOT, capture_output=True)


def reference_python(tree: Path, tmp: Path) -> str:
    """A virtual environment with the earlier commit's dependencies at its pins, and not this
    checkout's swkb package: installed here, it would shadow the one the earlier checkout imports
    (mkdocstrings then documents the wrong modules)."""
    import tomllib

    venv = tmp / "reference-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    project = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = ["-c", str(tree / "constraints.txt")] if (tree / "constraints.txt").is_file() else []
    subprocess.run([python, "-m", "pip", "install", "--quiet", *pins, *project["dependencies"]], check=True, capture_output=True)
    return python


def format_report(report: dict[str, Any]) -> str:
    def kb(n: float) -> str:
        return f"{n / 1024:,.0f} KB"

    rows = [
        ("完整构建(中位数)", "build_seconds", lambda v: f"{v:.1f} s"),
        ("其中本站钩子", "hook_seconds", lambda v: f"{v:.1f} s"),
        ("子进程(与页面渲染同时：下载文件、搜索索引)", "background_seconds", lambda v: f"{v:.1f} s"),
        ("serve 改一处 YAML 到页面更新", "rebuild_seconds", lambda v: f"{v:.2f} s"),
        ("同上 / 完整构建", "rebuild_ratio", lambda v: f"{v:.2f}"),
        ("每页：本站代码", "ours_ms_per_page", lambda v: f"{v:.2f} ms"),
        ("每页：MkDocs 与 Material", "theirs_ms_per_page", lambda v: f"{v:.2f} ms"),
        ("页面数", "pages", lambda v: f"{v:,}"),
        ("每页 HTML 中位数", "html_median_bytes", kb),
        ("每页 HTML 最大", "html_max_bytes", kb),
        ("整站大小", "site_bytes", lambda v: f"{v / 1024 / 1024:,.0f} MB"),
        ("首个结果前的搜索数据", "search_first_bytes", kb),
        ("同上(gzip)", "search_first_gzip_bytes", kb),
        ("键入到结果(中位数)", "search_median_ms", lambda v: f"{v:.1f} ms"),
        ("搜索 hit@3", "search_hit@3", lambda v: f"{v:.0%}"),
    ]
    lines = []
    for size, entry in report["sizes"].items():
        lines.append(f"\n规模：{'真实目录' if size == 'real' else size + ' 个地区'}")
        lines.append(f"{'指标':<26}{'本站':>14}{'原配置':>14}{'本站/原配置':>12}")
        ours, stock = entry.get("ours", {}), entry.get("stock", {})
        for label, key, fmt in rows:
            a, b = ours.get(key), stock.get(key)
            ratio = f"{a / b:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "—"
            lines.append(f"{label:<24}{fmt(a) if a is not None else '—':>14}{fmt(b) if b is not None else '—':>14}{ratio:>12}")
        ref = entry.get("reference")
        if ref and ours:
            lines.append(
                f"对照提交 {ref['commit']} 完整构建：{ref['build_seconds']:.1f} s({ref['pages']:,} 页)；"
                f"本站/对照 = {ours['build_seconds'] / ref['build_seconds']:.2f}"
            )
    sizes = report["sizes"]
    if "300" in sizes and "3000" in sizes:
        for name in ("ours", "stock"):
            if name in sizes["300"] and name in sizes["3000"]:
                growth = sizes["3000"][name]["build_seconds"] / sizes["300"][name]["build_seconds"]
                lines.append(f"\n构建时间增长 3000/300({name})：{growth:.1f} 倍")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
