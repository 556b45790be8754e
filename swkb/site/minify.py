"""Whitespace between tags, as the theme's templates indent it, taken out of every page.

A third of each page was indentation: at 3,000 regions that is over 100 MB of the site. Only
runs of whitespace that lie between two tags and contain a line break are touched; each becomes
one line break, which a browser lays out exactly as it did the run (a break between inline
elements still reads as a space). Text, attributes, and everything inside <pre>, <textarea>,
<script> and <style> stay byte for byte.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BETWEEN_TAGS = re.compile(r">[ \t\r\n\f]*\n[ \t\r\n\f]*<")


def collapse_indentation(page: str) -> str:
    out: list[str] = []
    done = 0
    for kept in _KEEP.finditer(page):
        out.append(_BETWEEN_TAGS.sub(">\n<", page[done : kept.start()]))
        out.append(kept.group(0))
        done = kept.end()
    out.append(_BETWEEN_TAGS.sub(">\n<", page[done:]))
    return "".join(out)
