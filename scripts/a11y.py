"""axe-core (WCAG 2.1 A/AA) over pages of a site, in Debian's Chromium; prints what it finds.

    .venv/bin/python scripts/a11y.py http://127.0.0.1:8000/regions/zhuolu/
    .venv/bin/python scripts/a11y.py --site site regions/zhuolu/ compare/staffing/
    .venv/bin/python scripts/a11y.py --site site --kinds          # every page kind the tests check

With --site the built folder is served on 127.0.0.1. --kinds runs the page kinds of
tests/test_accessibility.py, with what a reader does there first (sort, search, tooltip), and
ends with a count by rule. Every impact is shown (--impact serious,critical to narrow it);
the exit code is 1 when a serious or critical violation is found, as in the tests.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.search import CHROMIUM_ARGS, serve  # noqa: E402
from tests.axe import BLOCKING, axe_version, axe_violations  # noqa: E402

CHROMIUM = os.environ.get("SWKB_CHROMIUM", "/usr/bin/chromium")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help="完整网址，或与 --site 同用时站点内的路径")
    parser.add_argument("--site", type=Path, help="已构建的站点文件夹(mkdocs build 的输出)")
    parser.add_argument("--kinds", action="store_true", help="检查测试中的每一类页面(需 --site)")
    parser.add_argument("--widths", default="1280,390", help="视口宽度，逗号分隔")
    parser.add_argument("--impact", default="", help="只列出这些影响级别，如 serious,critical")
    args = parser.parse_args(argv)
    impacts = tuple(args.impact.split(",")) if args.impact else None
    widths = [int(w) for w in args.widths.split(",")]

    # The page kinds live with the tests (imported by name: mypy checks scripts, not tests).
    checks = importlib.import_module("tests.test_accessibility")
    kinds = checks.PAGE_KINDS if args.kinds else [checks.PageKind(p, p) for p in args.pages]
    if not kinds or ((args.kinds or any("://" not in k.url for k in kinds)) and args.site is None):
        parser.error("给出网址，或 --site 文件夹加站点内路径(或 --kinds)")

    totals: Counter[tuple[str, str]] = Counter()
    pages_with: dict[tuple[str, str], set[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        httpd, site_url = serve(args.site) if args.site else (None, "")
        try:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                for kind in kinds:
                    url = kind.url if "://" in kind.url else site_url + kind.url
                    page.goto(url)
                    page.wait_for_load_state("load")
                    if kind.action is not None:
                        kind.action(page)
                    found = axe_violations(page, impacts=impacts)
                    print(f"== {kind.name} ({kind.url or '/'}) {width}px: {sum(len(v.nodes) for v in found)} 处")
                    for violation in found:
                        print("  " + violation.describe().replace("\n", "\n  "))
                        totals[violation.rule, violation.impact] += len(violation.nodes)
                        pages_with.setdefault((violation.rule, violation.impact), set()).add(kind.url)
                context.close()
            version = axe_version(browser.new_page())
        finally:
            if httpd is not None:
                httpd.shutdown()
                httpd.server_close()
            browser.close()
    print(f"\naxe-core {version}, WCAG 2.1 A/AA, 宽度 {args.widths}：")
    for (rule, impact), count in totals.most_common():
        print(f"  {rule:30} {impact:9} {count:5} 处，{len(pages_with[rule, impact])} 个页面")
    if not totals:
        print("  没有发现问题")
    return 1 if any(impact in BLOCKING for _, impact in totals) else 0


if __name__ == "__main__":
    sys.exit(main())
