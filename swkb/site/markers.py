"""Markers (`<!-- swkb:NAME [ID] -->`) and catalog links (`[[kind:id|label]]`) in hand-written pages.

Both are checked at build time: an unknown marker, kind or ID stops the build with file:line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol


class Filler(Protocol):
    """What fills markers and links (swkb.site.render.Renderer). A protocol rather than the
    class, because render imports this module for MARKERS: the imports stay one-way."""

    def marker(self, name: str, page_uri: str, argument: str | None = None) -> str: ...

    def entry_link(self, kind: str, entry_id: str, label: str | None, page_uri: str) -> str: ...


class MarkerError(Exception):
    """A marker or catalog link in a hand-written page that cannot be filled."""


# Markers a hand-written page may embed: template, and the kind of ID it takes (None: no argument).
MARKERS: dict[str, tuple[str, str | None]] = {
    "services-table": ("markers/services_table.html.j2", None),
    "roles-table": ("markers/roles_table.html.j2", None),
    "regions-tree": ("markers/regions_tree.html.j2", None),
    "documents-table": ("markers/documents_table.html.j2", None),
    "glossary-table": ("markers/glossary_table.html.j2", None),
    "counts": ("markers/counts.html.j2", None),
    "exclusions": ("markers/exclusions.html.j2", None),
    "role-requirements": ("markers/role_requirements.html.j2", "role"),
    "region-timeline": ("markers/region_timeline.html.j2", "region"),
    "card-chooser": ("markers/card_chooser.html.j2", None),
    "first-month-checklist": ("markers/checklist.html.j2", None),
    "role-cards": ("markers/role_cards.html.j2", "role"),
}


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md_text(value: Any) -> str:
    """Escape any value as inline Markdown text: every ASCII punctuation mark gets a backslash
    (pymdownx.escapeall makes that valid for all of them) and line breaks become spaces.
    Used for `[[kind:id]]` links, the one place catalog text enters hand-written Markdown."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


MARKER_RE = re.compile(r"<!--\s*swkb:([A-Za-z0-9_-]+)(?:\s+([^\s>][^>]*?))?\s*-->")
CODE_RE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|(`+)[^`\n]+?\2", re.M | re.S)
# [[service:shehui-jiuzhu]] or [[region:changshu|常熟]]: a link into the catalog, checked at build time.
LINK_RE = re.compile(r"\[\[([a-z]+):([^\]|]*)(?:\|([^\]]+))?\]\]")


def expand_markdown(markdown: str, page_uri: str, renderer: Filler) -> str:
    """Fill the markers and catalog links of the hand-written page at docs/`page_uri`.

    Raises MarkerError with docs/path:line for an unknown marker, kind or ID. Code (fenced
    blocks, `inline`) shows the syntax itself and is left as written."""
    where = f"docs/{page_uri}"
    code: list[str] = []

    def hide(match: re.Match[str]) -> str:
        code.append(match.group(0))
        return f"\x00{len(code) - 1}\x00"

    def located(match: re.Match[str], text: str, fill: Callable[[], str]) -> str:
        try:
            return fill()
        except MarkerError as exc:
            line = text.count("\n", 0, match.start()) + 1
            raise MarkerError(f"{where}:{line}：{exc}") from None

    def marker(match: re.Match[str]) -> str:
        name, argument = match.group(1), (match.group(2) or "").strip() or None
        # Blank lines around: a raw HTML block, which Markdown passes through as it is.
        return located(match, text, lambda: f"\n\n{renderer.marker(name, page_uri, argument)}\n\n")

    def link(match: re.Match[str]) -> str:
        kind, entry_id, label = match.group(1), match.group(2), match.group(3)
        return located(match, text, lambda: renderer.entry_link(kind, entry_id, label, page_uri))

    text = CODE_RE.sub(hide, markdown)
    text = MARKER_RE.sub(marker, text)
    text = LINK_RE.sub(link, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))], text)
