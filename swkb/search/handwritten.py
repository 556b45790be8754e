"""Search documents of hand-written pages (docs/*.md), read from the HTML MkDocs rendered with a
maintained HTML5 parser (selectolax, Lexbor engine).

A page is one document (its title and the text before its first sub-heading) plus one section
per heading with an id, as Material's own search cuts pages. Generated pages never come here:
their documents are made from the catalog (swkb.search.documents).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from swkb.search.documents import SearchDoc, SearchKind

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "template", "svg", "noscript"}
_BLOCKS = {"p", "li", "td", "th", "dt", "dd", "pre", "blockquote", "figcaption", "caption", "summary", "tr", "div"}
_SPACE = re.compile(r"\s+")
# File names and repository paths (catalog/regions/x.yml, 004_ab12.txt) mean nothing to readers
# and must not show in results.
INTERNAL_PATH = re.compile(
    r"[A-Za-z0-9_./-]*[A-Za-z0-9_-]+\.(?:ya?ml|txt|py|json|j2|md|sh|toml)(?![A-Za-z0-9_])"
    r"|(?<![A-Za-z0-9_])(?:catalog|swkb|docs|tests|scripts|hooks)/[A-Za-z0-9_./-]+"
)


def clean(text: str) -> str:
    """Collapse white space and drop internal paths; everything else stays as written."""
    return _SPACE.sub(" ", INTERNAL_PATH.sub("", text)).strip()


def page_docs(html: str, url: str, title: str, kind: SearchKind) -> list[SearchDoc]:
    """The page and its sections, from the page's rendered HTML body."""
    tree = LexborHTMLParser(f"<body>{html}</body>")
    sections: list[tuple[str | None, str, list[str]]] = [(None, title, [])]
    body = tree.body
    if body is not None:
        _walk(body, sections)
    docs: list[SearchDoc] = []
    for anchor, heading, parts in sections:
        text = clean("".join(parts))
        if anchor is None:
            docs.append(SearchDoc(url, clean(title), kind, text, names=(clean(title),)))
        elif heading:
            docs.append(SearchDoc(f"{url}#{anchor}", clean(heading), kind, text))
    return docs


def _walk(node: LexborNode, sections: list[tuple[str | None, str, list[str]]]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag in _HEADINGS:
            anchor = child.attributes.get("id")
            heading = _heading_text(child)
            if tag == "h1" and sections[-1][0] is None and not "".join(sections[-1][2]).strip():
                pass  # the page's own title
            elif anchor:
                sections.append((anchor, heading, []))
            else:
                sections[-1][2].append(heading)
        elif tag == "-text":
            sections[-1][2].append(child.text_content or "")
        elif tag not in _SKIP and not _is_permalink(child):
            _walk(child, sections)
            if tag in _BLOCKS:
                sections[-1][2].append(" ")
        child = child.next


def _is_permalink(node: LexborNode) -> bool:
    return node.tag == "a" and "headerlink" in (node.attributes.get("class") or "").split()


def _heading_text(node: LexborNode) -> str:
    parts: list[str] = []

    def visit(n: LexborNode) -> None:
        c = n.child
        while c is not None:
            if c.tag == "-text":
                parts.append(c.text_content or "")
            elif not _is_permalink(c) and c.tag not in _SKIP:
                visit(c)
            c = c.next

    visit(node)
    return _SPACE.sub(" ", "".join(parts)).strip()
