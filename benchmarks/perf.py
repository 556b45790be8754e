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
from swkb.publish.release import build_site

# The benchmarks run from a checkout: they measure that checkout's project.
PROJECT_ROOT = Path(__file__).resolve().parents[1]

CONFIGS: dict[str, dict[str, str]] = {
    "ours": {},
    "stock": {"SWKB_STOCK": "1", "SWKB_SEARCH_ENGINE": "material", "SWKB_SEARCH_LANG": "zh"},
}


def build(catalog: Path, site: Path, env: dict[str, str], timings: Path) -> tuple[float, dict[str, float]]:
    """One strict build; (wall seconds, seconds in our hooks)."""
    start = time.perf_counter()
    build_site(site, extra_env={"SWKB_CATALOG": str(catalog), "SWKB_TIMINGS": str(timings), **env},
               config_file=PROJECT_ROOT / "mkdocs.yml")
    seconds = time.perf_counter() - start
    return seconds, json.loads(timings.read_text()) if timings.exists() else {}


def site_stats(site: Path) -> dict[str, Any]:
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    sizes = sorted(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search" / "search_index.json").read_bytes()
    return {"pages": len(pages), "html_median_bytes": statistics.median(sizes), "html_max_bytes": sizes[-1],
            "site_bytes": total, "search_first_bytes": len(index), "search_first_gzip_bytes": len(gzip.compress(index, 6))}


def rebuild_seconds(catalog: Path, env: dict[str, str], region: str = "changshu", timeout: float = 300) -> float:
    """Time from saving one YAML edit to `mkdocs serve` showing the rebuilt page."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SWKB_CATALOG": str(catalog), **env}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=PROJECT_ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
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
        path.write_text(path.read_text(encoding="utf-8").replace("floor_area: {min: 80,", "floor_area: {min: 81,"), encoding="utf-8")
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

    parser = argparse.ArgumentParser(description="性能基准：构建时间、页面大小、搜索数据量与响应时间，本站配置对比 Material 原配置")
    parser.add_argument("--sizes", default="real,300,3000", help="real 与/或地区数，逗号分隔")
    parser.add_argument("--configs", default="ours,stock")
    parser.add_argument("--runs", type=int, default=3, help="每个规模构建几次取中位数(3000 规模固定 1 次)")
    parser.add_argument("--json", default=str(PROJECT_ROOT / "bench-results" / "performance.json"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
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
            for name in args.configs.split(","):
                env = CONFIGS[name]
                site = tmp / f"site-{size}-{name}"
                print(f"==> {size} {name}: {runs} 次构建", file=sys.stderr)
                times, hooks = [], []
                for _i in range(runs):
                    seconds, hook = build(catalog, site, env, tmp / "timings.json")
                    times.append(seconds)
                    hooks.append(hook.get("total", 0.0))
                stats = site_stats(site)
                server, url = serve(site)
                try:
                    results = run(browser, url, queries, rounds=3)
                finally:
                    server.shutdown()
                m = metrics(results)["all"]
                entry[name] = {"build_seconds": statistics.median(times), "build_runs": times,
                               "hook_seconds": statistics.median(hooks), **stats,
                               "search_median_ms": m["median_ms"], "search_hit@3": m["hit@3"]}
                if name == "ours" and (size == "real" or int(size) <= 300):
                    print(f"==> {size} {name}: serve 重建", file=sys.stderr)
                    edit_copy = tmp / f"edit-{size}" / "catalog"
                    # Each try starts from the unedited copy; the median of `runs` tries.
                    tries = []
                    for _ in range(runs):
                        shutil.rmtree(edit_copy.parent, ignore_errors=True)
                        shutil.copytree(catalog, edit_copy)
                        tries.append(rebuild_seconds(edit_copy, env))
                    entry[name]["rebuild_seconds"] = statistics.median(tries)
                    entry[name]["rebuild_runs"] = tries
                shutil.rmtree(site, ignore_errors=True)
            report["sizes"][size] = entry
        browser.close()
    write_report(report, format_report(report), Path(args.json))
    return 0


def format_report(report: dict[str, Any]) -> str:
    def kb(n: float) -> str:
        return f"{n / 1024:,.0f} KB"

    rows = [("完整构建(中位数)", "build_seconds", lambda v: f"{v:.1f} s"),
            ("其中本站钩子", "hook_seconds", lambda v: f"{v:.1f} s"),
            ("serve 改一处 YAML 后重建", "rebuild_seconds", lambda v: f"{v:.1f} s"),
            ("页面数", "pages", lambda v: f"{v:,}"),
            ("每页 HTML 中位数", "html_median_bytes", kb),
            ("每页 HTML 最大", "html_max_bytes", kb),
            ("整站大小", "site_bytes", lambda v: f"{v / 1024 / 1024:,.0f} MB"),
            ("首个结果前的搜索数据", "search_first_bytes", kb),
            ("同上(gzip)", "search_first_gzip_bytes", kb),
            ("键入到结果(中位数)", "search_median_ms", lambda v: f"{v:.1f} ms"),
            ("搜索 hit@3", "search_hit@3", lambda v: f"{v:.0%}")]
    lines = []
    for size, entry in report["sizes"].items():
        lines.append(f"\n规模：{'真实目录' if size == 'real' else size + ' 个地区'}")
        lines.append(f"{'指标':<26}{'本站':>14}{'原配置':>14}{'本站/原配置':>12}")
        ours, stock = entry.get("ours", {}), entry.get("stock", {})
        for label, key, fmt in rows:
            a, b = ours.get(key), stock.get(key)
            ratio = f"{a / b:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "—"
            lines.append(f"{label:<24}{fmt(a) if a is not None else '—':>14}{fmt(b) if b is not None else '—':>14}{ratio:>12}")
    sizes = report["sizes"]
    if "300" in sizes and "3000" in sizes:
        for name in ("ours", "stock"):
            if name in sizes["300"] and name in sizes["3000"]:
                growth = sizes["3000"][name]["build_seconds"] / sizes["300"][name]["build_seconds"]
                lines.append(f"\n构建时间增长 3000/300({name})：{growth:.1f} 倍")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
