"""Glossary tooltips: the first time a page uses a glossary word, it gets an <abbr title>.

Python-Markdown's abbr extension matches only at word boundaries, which Chinese text does not
have (a term in the middle of a sentence is never found), so this works on the rendered HTML:
text between tags is searched, text inside links, headings, code, SVG and existing abbr is left
alone, and each word is wrapped once per page so tables do not fill with underlines.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6", "title",
         "textarea", "select", "option", "button", "label"}
_NAME = re.compile(r"^</?\s*([a-zA-Z0-9]+)")


class Tooltips:
    """Words from the glossary and the text each shows, longest word first (社工站 before 社工)."""

    def __init__(self, table: list[tuple[str, str]], protected: list[str] = ()) -> None:
        """`protected` words (names of roles, services, places) take part in the longest-first
        match but are never wrapped, so 驻站社工 is not cut into 驻站 + a tooltip on 社工."""
        self.table = dict(table)
        # Only names that contain a glossary word need protecting; keeping the pattern small
        # matters, since it runs over every page of a catalog with thousands of names.
        guarded = {w for w in protected if len(w) >= 2 and w not in self.table and any(t in w for t in self.table)}
        words = sorted(set(self.table) | guarded, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None

    def add(self, page_html: str) -> str:
        if self.pattern is None:
            return page_html
        seen: set[str] = set()
        depth = 0
        out = []
        for piece in _TAG.split(page_html):
            if piece.startswith("<"):
                match = _NAME.match(piece)
                name = match.group(1).lower() if match else ""
                if name in _SKIP and not piece.endswith("/>"):
                    depth += -1 if piece.startswith("</") else 1
                    depth = max(depth, 0)
                out.append(piece)
            elif depth == 0 and piece.strip():
                out.append(self._wrap(piece, seen))
            else:
                out.append(piece)
        return "".join(out)

    def _wrap(self, text: str, seen: set[str]) -> str:
        assert self.pattern is not None

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            if word in seen or word not in self.table:
                return word
            seen.add(word)
            return f'<abbr title="{html.escape(self.table[word], quote=True)}">{word}</abbr>'

        return self.pattern.sub(replace, text)
