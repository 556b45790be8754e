"""A Python-Markdown extension for hand-written pages: checklist boxes with a name, table headers
with a scope. Listed in mkdocs.yml under markdown_extensions as `swkb.site.a11y_markdown`.

- pymdownx.tasklist (custom_checkbox) writes `<label><input/><span></span></label> text`: the
  label holds nothing a screen reader can read, so every box of a checklist is "checkbox,
  unlabelled". The item's text is wrapped in a span with an id that the box names with
  aria-labelledby. (Moving the text into the label would hide its glossary words from
  swkb.site.tooltips, which leaves form labels alone.) The page looks the same.
- Markdown tables have their headers in <thead> only; each gets scope="col". Generated pages
  do not pass through Markdown: their templates write the scopes themselves.

It runs on the finished HTML (after raw HTML is put back, so mkdocstrings' tables are included).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

# The empty label tasklist writes, then the item's inline text up to a nested list, the end of
# the item, or the end of its paragraph (a loose list).
_TASK = re.compile(
    r'<label class="task-list-control"><input type="checkbox"([^>]*?)\s*/?>(<span class="task-list-indicator"></span>'
    r"</label>)\s*(.*?)(?=<ul[\s>]|<ol[\s>]|</li>|</p>)",
    re.S,
)
_THEAD = re.compile(r"<thead>.*?</thead>", re.S)
_TH_WITHOUT_SCOPE = re.compile(r"<th(?![^>]*\sscope=)(?=[\s>])")


def name_checkboxes(page_html: str) -> str:
    count = 0

    def named(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        attributes, rest, text = match.groups()
        return (
            f'<label class="task-list-control"><input type="checkbox"{attributes} aria-labelledby="swkb-task-{count}"/>'
            f'{rest} <span id="swkb-task-{count}">{text.rstrip()}</span>'
        )

    return _TASK.sub(named, page_html)


def scope_column_headers(page_html: str) -> str:
    return _THEAD.sub(lambda m: _TH_WITHOUT_SCOPE.sub('<th scope="col"', m.group(0)), page_html)


class _A11yPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        if "task-list-control" in text:
            text = name_checkboxes(text)
        if "<thead>" in text:
            text = scope_column_headers(text)
        return text


class A11yExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw_html (30), which puts tasklist's stashed labels back into the text.
        md.postprocessors.register(_A11yPostprocessor(md), "swkb-a11y", 25)


def makeExtension(**kwargs: Any) -> A11yExtension:
    return A11yExtension(**kwargs)
