"""Glossary tooltips: the first time a page uses a glossary word, it gets an <abbr title>.

Python-Markdown's abbr extension matches only at word boundaries, which Chinese text does not
have (a term in the middle of a sentence is never found), so this works on the rendered HTML:
text between tags is searched, text inside links, headings, code, SVG and existing abbr is left
alone, and each word is wrapped once per page so tables do not fill with underlines.

The page is not walked tag by tag: glossary words are found with one small pattern, and only
where one occurs is it checked whether it sits in text, outside the skipped elements and outside
a protected name. At 3,000 regions the walk over seven million tags, and a pattern holding every
protected name, took most of the time of this step.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_SKIP = ("a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6", "title",
         "textarea", "select", "option", "button", "label")
# Opening or closing tags of the skipped elements; a tag name ends where letters and digits end.
_SKIP_TAG = re.compile(r"<(/?)\s*(?:" + "|".join(_SKIP) + r")(?![a-zA-Z0-9])[^>]*>", re.I)


class Tooltips:
    """Words from the glossary and the text each shows, longest word first (社工站 before 社工)."""

    def __init__(self, table: list[tuple[str, str]], protected: Iterable[str] = ()) -> None:
        """`protected` words (names of roles, services, places) are never cut into a tooltip:
        in 驻站社工 the 社工 stays plain text."""
        self.table = dict(table)
        self.pattern = (re.compile("|".join(re.escape(w) for w in sorted(self.table, key=len, reverse=True)))
                        if self.table else None)
        # For each glossary word: where it sits inside protected names, as (offset, length) → names.
        self._guards: dict[str, dict[tuple[int, int], set[str]]] = {}
        for name in {w for w in protected if len(w) >= 2 and w not in self.table}:
            for word in self.table:
                start = name.find(word)
                while start != -1:
                    self._guards.setdefault(word, {}).setdefault((start, len(name)), set()).add(name)
                    start = name.find(word, start + 1)
        self._abbr = {w: f'<abbr title="{html.escape(text, quote=True)}">{w}</abbr>' for w, text in self.table.items()}

    def add(self, page_html: str) -> str:
        if self.pattern is None:
            return page_html
        seen: set[str] = set()
        out: list[str] = []
        done = 0  # page_html[:done] is in `out`
        skip_tags = _SKIP_TAG.finditer(page_html)
        next_tag = next(skip_tags, None)
        depth = 0
        for match in self.pattern.finditer(page_html):
            word, at = match.group(0), match.start()
            if word in seen:
                continue
            while next_tag is not None and next_tag.start() < at:
                if not next_tag.group(0).endswith("/>"):
                    depth = max(depth + (-1 if next_tag.group(1) else 1), 0)
                next_tag = next(skip_tags, None)
            if depth > 0 or page_html.rfind("<", 0, at) > page_html.rfind(">", 0, at) or self._protected(page_html, word, at):
                continue
            seen.add(word)
            out += (page_html[done:at], self._abbr[word])
            done = match.end()
        if not out:
            return page_html
        out.append(page_html[done:])
        return "".join(out)

    def _protected(self, page_html: str, word: str, at: int) -> bool:
        """Whether the word found at `at` is part of a protected name."""
        for (offset, length), names in self._guards.get(word, {}).items():
            if at >= offset and page_html[at - offset:at - offset + length] in names:
                return True
        return False
