"""Docstrings are shown as text on the API pages: a griffe extension for mkdocstrings.

mkdocstrings renders each docstring as Markdown, and Markdown passes raw HTML through, so a
docstring that says it is "loaded with a <script> element" put a live script element on the
page (it swallowed the headings after it and threw an error). `EscapeDocstringHtml` escapes `<`
and `&` in the prose of every docstring before mkdocstrings sees it, so `<script>` shows as
written; Markdown itself still works (code spans, lists, links, emphasis). Code is left as it
is, because Markdown escapes code itself and an escape there would show as `&lt;`: fenced blocks,
indented blocks, doctest blocks (`>>>` in an `Examples:` section) and code spans.

`>` is not escaped: on its own it cannot start an element, and a `>` at the start of a line is a
Markdown block quote or a doctest prompt, which griffe's Google-style parser looks for.

Only the API pages are affected: hand-written docs pages keep raw HTML (they use md_in_html).
Configured in mkdocs.yml under the python handler's `extensions:`.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_EXAMPLES = re.compile(r"^[ \t]*Examples?:[ \t]*$")  # griffe's Google-style section for doctests
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
# A code span: a run of backticks, up to the same run (as Python-Markdown reads it, across lines
# of one paragraph); an escaped backtick starts none.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def _indent(line: str) -> int:
    line = line.expandtabs(4)
    return len(line) - len(line.lstrip())


def _escape_prose(text: str) -> str:
    """`<` and `&` escaped outside code spans."""
    out: list[str] = []
    done = 0
    for span in _CODE_SPAN.finditer(text):
        out += (text[done : span.start()].replace("&", "&amp;").replace("<", "&lt;"), span.group())
        done = span.end()
    out.append(text[done:].replace("&", "&amp;").replace("<", "&lt;"))
    return "".join(out)


def escape_docstring(text: str) -> str:
    """Docstring Markdown with raw HTML in its prose escaped; code blocks and spans unchanged.

    A line is code when it is inside a fence, from a `>>>` prompt up to the next blank line in an
    `Examples:` section (elsewhere `>>>` is a Markdown block quote, and griffe leaves it so), or
    indented four more than the prose line it follows, after a blank line (the prose of a list
    item starts four in, as Python-Markdown counts it). Docstrings are indented by sections
    (`Args:`), so indentation is counted from the last prose line, not from the margin.
    """
    if "<" not in text and "&" not in text:
        return text
    out: list[str] = []
    prose: list[str] = []  # the lines of the prose paragraph being collected
    fence: str | None = None  # the opening fence while inside a fenced block
    doctest = False
    examples: int | None = None  # the indentation of the `Examples:` line while inside that section
    base = 0  # where the prose the next line belongs to starts
    after_blank = True

    def flush() -> None:
        if prose:
            out.append(_escape_prose("".join(prose)))
            prose.clear()

    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if fence is not None:
            out.append(line)
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)
            out.append(line)
            continue
        if examples is not None and not blank and _indent(line) <= examples:
            examples = None
        if _EXAMPLES.match(line):
            examples = _indent(line)
        if doctest or (examples is not None and line.lstrip().startswith(">>>")):
            flush()
            doctest = not blank
            out.append(line)
            after_blank = blank
            continue
        if not blank and after_blank and _indent(line) >= base + 4:
            flush()  # an indented code block; prose after it starts anew
            out.append(line)
            continue
        if blank:
            flush()  # a code span never crosses a blank line
            out.append(line)
            after_blank = True
            continue
        item = _LIST_ITEM.match(line)
        base = _indent(line) + 4 if item else _indent(line)
        after_blank = False
        prose.append(line)
    flush()
    return "".join(out)


class EscapeDocstringHtml(Extension):
    """Escapes raw HTML in every docstring griffe loads (see the module docstring)."""

    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        self._escape(obj)

    def on_package(self, *, pkg: Object, **kwargs: Any) -> None:
        self._escape(pkg)  # the top package gets no on_object

    @staticmethod
    def _escape(obj: Object) -> None:
        # Once per object: an escape escaped again would show `&lt;`.
        if obj.docstring is None or obj.extra["swkb"].get("docstring_escaped"):
            return
        obj.docstring.value = escape_docstring(obj.docstring.value)
        obj.extra["swkb"]["docstring_escaped"] = True
