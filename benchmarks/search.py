"""Search quality and speed, measured the way a reader meets it: queries typed into the built
site's search box in headless Chromium.

`run(site_url, queries)` returns, per query, the result groups in the order shown and the time
from the key release to the results being drawn. `metrics` turns that into hit@1, hit@3, MRR
and median latency, overall and per kind of query. The benchmark command (scripts/bench_search.py)
runs our search and the stock Material + jieba configuration over the same pages; pytest runs
ours over the same query set.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Runs inside the page: type the query, release a key (Material reads the query on keyup, as it
# arrives from an input method), and wait until the result list has been redrawn.
_TYPE_AND_WAIT = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const changed = (node) => new Promise(resolve => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(true); });
    observer.observe(node, { childList: true, characterData: true, subtree: true });
    setTimeout(() => { observer.disconnect(); resolve(false); }, 3000);
  });
  // Clear first, so that the next result is always a fresh drawing.
  if (input.value) {
    const cleared = changed(meta);
    input.value = "";
    input.dispatchEvent(new KeyboardEvent("keyup", { key: "Backspace", bubbles: true }));
    await cleared;
  }
  const drawn = changed(list.childElementCount ? list : meta);
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
  const ok = await drawn;
  const ms = performance.now() - start;
  await new Promise(r => setTimeout(r, 30));  // let the rest of the first page of results render
  const groups = [...document.querySelectorAll(".md-search-result__item")].map(li => ({
    links: [...li.querySelectorAll("a.md-search-result__link")].map(a => a.href),
    html: li.innerHTML,
  }));
  return { ms: ok ? ms : null, groups, meta: meta.textContent };
}"""


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    expect: list[str]


@dataclass
class QueryResult:
    query: Query
    pages: list[str]
    """Page location of each result group, in the order shown."""
    anchors: list[list[str]]
    """Every location linked from each group (page and sections)."""
    ms: float | None
    zwsp: bool = False
    marked: bool = False
    html: str = ""
    """The first page of results as drawn (for checks on what readers see)."""
    htmls: list[str] = field(default_factory=list)
    """Each result group as drawn, in the order shown."""
    rank: int | None = field(default=None)


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["q"]), q["kind"], list(q["expect"])) for q in data["queries"]]


def _location(href: str, base: str) -> str:
    parts = urlsplit(href)
    path = unquote(parts.path)
    base_path = urlsplit(base).path
    if path.startswith(base_path):
        path = path[len(base_path) :]
    # Material adds ?h=<query> to every result link (its page highlighter); other parameters
    # (the side-by-side view's ?ids=) are part of where the result leads.
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("h="))
    return path + (f"?{unquote(query)}" if query else "") + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


ANSWER_PREFIX = "answer:"
"""`answer:stations/station-area` in `expect`: the direct answer box for that figure."""


def rank_of(result: QueryResult) -> int | None:
    """1-based position of the first group that satisfies any expected location."""
    htmls = result.htmls or [""] * len(result.pages)
    for position, (page, anchors, html) in enumerate(zip(result.pages, result.anchors, htmls), start=1):
        for want in result.query.expect:
            if want.startswith(ANSWER_PREFIX):
                if f'data-swkb-answer="{want[len(ANSWER_PREFIX) :]}"' in html:
                    return position
                continue
            want_page, _, anchor = want.partition("#")
            if page == want_page and (not anchor or want in anchors):
                return position
    return None


def run(browser: Any, site_url: str, queries: list[Query], rounds: int = 1) -> list[QueryResult]:
    """Type every query into the search box of the site at `site_url`; `rounds` repeats for timing."""
    page = browser.new_page()
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("s")  # Material's hotkey: opens search and loads the index
    warm = page.evaluate(_TYPE_AND_WAIT, "社工")
    if not warm["groups"]:  # the worker may still be setting up; wait for it once
        page.wait_for_selector(".md-search-result__item", timeout=30000)
    results: list[QueryResult] = []
    timings: dict[str, list[float]] = {}
    for round_number in range(rounds):
        for query in queries:
            out = page.evaluate(_TYPE_AND_WAIT, query.q)
            if out["ms"] is not None:
                timings.setdefault(query.q, []).append(out["ms"])
            if round_number:
                continue
            pages = [_location(g["links"][0], site_url).split("#")[0] if g["links"] else "" for g in out["groups"]]
            anchors = [[_location(h, site_url) for h in g["links"]] for g in out["groups"]]
            html = "".join(g["html"] for g in out["groups"])
            results.append(
                QueryResult(
                    query,
                    pages,
                    anchors,
                    None,
                    "\u200b" in html + out["meta"],
                    "<mark>" in html,
                    html,
                    [g["html"] for g in out["groups"]],
                )
            )
    for result in results:
        times = timings.get(result.query.q)
        result.ms = statistics.median(times) if times else None
        result.rank = rank_of(result)
    page.close()
    return results


def metrics(results: list[QueryResult]) -> dict[str, dict[str, float | int | None]]:
    """hit@1, hit@3, MRR and latency (median, p90, max), overall ('all') and per kind of query."""
    kinds = ["all"] + sorted({r.query.kind for r in results})
    out: dict[str, dict[str, float | int | None]] = {}
    for kind in kinds:
        group = [r for r in results if kind == "all" or r.query.kind == kind]
        times = [r.ms for r in group if r.ms is not None]
        out[kind] = {
            "queries": len(group),
            "hit@1": sum(1 for r in group if r.rank == 1) / len(group),
            "hit@3": sum(1 for r in group if r.rank is not None and r.rank <= 3) / len(group),
            "mrr": sum(1 / r.rank for r in group if r.rank) / len(group),
            "median_ms": statistics.median(times) if times else None,
            "p90_ms": percentile(times, 0.9),
            "max_ms": max(times) if times else None,
        }
    return out


def percentile(values: list[float], share: float) -> float | None:
    """The value below which `share` of `values` fall (nearest rank)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def hit_table(m: dict[str, dict[str, float | int | None]]) -> str:
    """hit@3 and latency by kind of query, one line each, for printing."""
    lines = [f"{'查询类别':<16}{'数量':>4}  {'hit@3':>6}  {'hit@1':>6}  {'中位 ms':>8}  {'p90 ms':>8}"]
    for kind, row in m.items():

        def ms(v: float | int | None) -> str:
            return "—" if v is None else f"{v:.1f}"

        lines.append(
            f"{kind:<18}{row['queries']:>4}  {row['hit@3']:>6.0%}  {row['hit@1']:>6.0%}  {ms(row['median_ms']):>8}  {ms(row['p90_ms']):>8}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The benchmark command
# --------------------------------------------------------------------------------------------

ENGINES = {"ours": {}, "stock": {"SWKB_SEARCH_ENGINE": "material", "SWKB_SEARCH_LANG": "zh"}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def payload(site: Path) -> dict[str, int]:
    """Bytes of search data a browser downloads before its first result: the index (its head,
    when split) and the worker script."""
    raw = (site / "search" / "search_index.json").read_bytes()
    worker = site / "assets" / "javascripts" / "swkb-search-worker.js"
    code = worker.read_bytes() if worker.exists() else b""
    return {
        "index_bytes": len(raw),
        "index_gzip_bytes": len(gzip.compress(raw, 6)),
        "first_result_gzip_bytes": len(gzip.compress(raw, 6)) + len(gzip.compress(code, 6)),
    }


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from benchmarks.synth import generate
    from swkb.publish.release import build_site

    project_root = Path(__file__).resolve().parents[1]  # the checkout these benchmarks belong to

    parser = argparse.ArgumentParser(description="搜索基准：本站搜索与 Material + jieba 原配置在同一批页面上的对比")
    parser.add_argument("--queries", default=str(project_root / "tests" / "search_queries.yml"))
    parser.add_argument("--rounds", type=int, default=5, help="计时轮数(取中位数)")
    parser.add_argument("--json", default=str(project_root / "bench-results" / "search.json"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--regions", type=int, default=0, help="合成目录的地区数(如 3000)；0 为真实目录")
    parser.add_argument("--engines", default="ours,stock", help="ours 与/或 stock，逗号分隔")
    args = parser.parse_args(argv)

    queries = load_queries(Path(args.queries))
    report: dict[str, Any] = {"queries": len(queries), "regions": args.regions, "engines": {}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        catalog_env: dict[str, str] = {}
        if args.regions:
            catalog = Path(tmp) / "catalog"
            generate(catalog, args.regions, project_root / "catalog")
            catalog_env = {"SWKB_CATALOG": str(catalog)}
        for name in args.engines.split(","):
            site = Path(tmp) / name
            print(f"==> 构建 {name}", file=sys.stderr)
            build_site(site, extra_env={**ENGINES[name], **catalog_env}, config_file=project_root / "mkdocs.yml")
            server, url = serve(site)
            try:
                results = run(browser, url, queries, rounds=args.rounds)
            finally:
                server.shutdown()
            report["engines"][name] = {
                "metrics": metrics(results),
                **payload(site),
                "zwsp_in_results": any(r.zwsp for r in results),
                "results": [
                    {"q": r.query.q, "kind": r.query.kind, "rank": r.rank, "ms": r.ms, "top3": r.pages[:3]} for r in results
                ],
            }
        browser.close()

    write_report(report, format_report(report), Path(args.json))
    return 0


def write_report(report: dict[str, Any], text: str, path: Path) -> None:
    """Print the table and keep the full figures as JSON."""
    print(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n结果已写入 {path}")


def format_report(report: dict[str, Any]) -> str:
    if "stock" not in report["engines"] or "ours" not in report["engines"]:
        return "\n\n".join(_one_engine(name, engine, report) for name, engine in report["engines"].items())
    ours, stock = report["engines"]["ours"], report["engines"]["stock"]
    lines = [
        f"搜索基准：{report['queries']} 个查询，Chromium 中逐个键入(计时取中位数)",
        "",
        f"{'查询类别':<12}{'数量':>5}  {'hit@1 本站/原配置':>18}  {'hit@3 本站/原配置':>18}  {'MRR 本站/原配置':>16}  {'中位耗时 ms 本站/原配置':>22}",
    ]
    for kind in ours["metrics"]:
        a, b = ours["metrics"][kind], stock["metrics"][kind]

        def pair(key: str, pct: bool = True, a: dict[str, Any] = a, b: dict[str, Any] = b) -> str:
            fmt = (lambda v: "—" if v is None else f"{v:.0%}") if pct else (lambda v: "—" if v is None else f"{v:.2f}")
            return f"{fmt(a[key])} / {fmt(b[key])}"

        ms = f"{a['median_ms'] or 0:.1f} / {b['median_ms'] or 0:.1f}"
        lines.append(f"{kind:<14}{a['queries']:>5}  {pair('hit@1'):>18}  {pair('hit@3'):>18}  {pair('mrr', False):>16}  {ms:>22}")
    ratio = (ours["metrics"]["all"]["median_ms"] or 0) / (stock["metrics"]["all"]["median_ms"] or 1)
    lines += [
        "",
        f"中位耗时之比(本站/原配置)：{ratio:.2f}",
        f"首次搜索前下载的索引：本站 {ours['index_bytes'] / 1024:.0f} KB(gzip {ours['index_gzip_bytes'] / 1024:.0f} KB)，"
        f"原配置 {stock['index_bytes'] / 1024:.0f} KB(gzip {stock['index_gzip_bytes'] / 1024:.0f} KB)",
        f"结果中出现 U+200B：本站 {'是' if ours['zwsp_in_results'] else '否'}，原配置 {'是' if stock['zwsp_in_results'] else '否'}",
    ]
    return "\n".join(lines)


def _one_engine(name: str, engine: dict[str, Any], report: dict[str, Any]) -> str:
    size = f"{report['regions']} 个合成地区" if report.get("regions") else "真实目录"
    m = engine["metrics"]["all"]
    return "\n".join(
        [
            f"搜索基准({name}，{size})：{report['queries']} 个查询",
            "",
            hit_table(engine["metrics"]),
            "",
            f"键入到结果：中位 {m['median_ms'] or 0:.1f} ms，p90 {m['p90_ms'] or 0:.1f} ms，最长 {m['max_ms'] or 0:.1f} ms",
            f"首个结果前下载：索引 {engine['index_bytes'] / 1024:.0f} KB(gzip {engine['index_gzip_bytes'] / 1024:.0f} KB)，"
            f"连同搜索程序 gzip {engine['first_result_gzip_bytes'] / 1024:.0f} KB",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
