"""axe-core in a Playwright page: `axe_violations(page)` for any browser test.

The engine is the npm package axe-core, pinned in tests/axe-core/package.json and installed by
scripts/_setup.sh (`npm ci`); nothing is fetched while the tests run. It is injected into the
page as it is at that moment, so a test can first drive the page's scripts (sort a table, open
the search) and then check what a reader meets.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).parent / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what GB/T 37668-2019 asks of a web page.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = ("serious", "critical")

_RUN = """async ([context, tags]) => {
  const result = await axe.run(context || document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary || "" })),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    nodes: list[dict[str, str]]

    def describe(self, limit: int = 5) -> str:
        lines = [f"{self.rule} ({self.impact}, {len(self.nodes)} 处): {self.help}"]
        for node in self.nodes[:limit]:
            summary = " ".join(node["summary"].split())[:240]
            lines.append(f"    {node['target']}: {node['html'][:160]}\n      {summary}")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def axe_source() -> str:
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} 不存在：请运行 bash scripts/test.sh(它用 npm ci 安装 tests/axe-core)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_version(page: Any) -> str:
    _inject(page)
    return str(page.evaluate("axe.version"))


def axe_violations(page: Any, *, context: str | None = None, impacts: tuple[str, ...] | None = BLOCKING) -> list[Violation]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now; `impacts=None` keeps all of
    them, by default only the serious and critical ones that fail a test. `context` is a CSS
    selector to check only part of the page."""
    _settle(page)
    _inject(page)
    found = page.evaluate(_RUN, [context, list(WCAG_TAGS)])
    return [
        Violation(v["id"], v["impact"] or "", v["help"], v["nodes"]) for v in found if impacts is None or v["impact"] in impacts
    ]


# Colours read mid-fade are not the page's colours: on a loaded machine axe once ran while
# Material's search results were still fading in and measured #7f7f7f text on white.
_SETTLED = """() => document.getAnimations().every(a =>
    a.playState !== "running" || (a.effect && a.effect.getTiming().iterations === Infinity))"""


def _settle(page: Any) -> None:
    """Wait until no finite CSS transition or animation is running (at most 5 s)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # A page that never settles is still checked as it is.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_SETTLED, timeout=5000)


def describe(violations: list[Violation]) -> str:
    return "\n".join(v.describe() for v in violations)


def _inject(page: Any) -> None:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
