"""Search sections of a rendered page, without html.parser.

Material's search plugin (`material.plugins.search.plugin`) feeds every page's HTML through
Python's `html.parser` and its own `Parser` to cut the page into sections at headings. That is
about 5 ms for a page of tables, most of it spent in per-tag Python callbacks. `page_sections`
gives the same sections from one regular expression over the markup and a small state machine
that mirrors Material's rules, quirks included:

- a section starts at every h1–h6 that has an `id` attribute; a page whose first heading is
  not an h1 gets a first, untitled section, whose title falls back to the page title; what comes
  before the first heading belongs to the first section, whose location is the bare page URL;
- elements with a `data-search-exclude` attribute (or `class="linenodiv"`) are skipped, and
  so are `<script>`, `<style>` and `<object>` contents; a heading carrying the attribute drops its
  whole section. Like Material, an exclusion ends at the first closing tag of the same name,
  so text after a nested `<div>` inside an excluded `<div>` is kept;
- text inside the heading's `<a class="headerlink">` permalink is left out of the title;
- a heading nested in an element (a `<div>`, a tab) ends its section when that element closes:
  text after it goes back to the enclosing section, as in Material;
- headings without an id, of the same level as the current section's heading, add their text
  to that section's title (Material's element comparison is by tag name);
- `<p>`, `<code>`, `<pre>`, `<li>`, `<ol>`, `<ul>`, `<sub>` and `<sup>` separate words (Material
  keeps them as tags, which become spaces), other tags do not: `<td>a</td><td>b</td>` reads "ab"
  in both; empty ones of these elements vanish without leaving a space, as in Material;
- text inside `<svg>` (`<title>`, `<text>`) stays, as Material leaves it.

Tokenising follows html.parser's rules (tag names and attributes as its regular expressions read
them, quoted attribute values that contain `>`, comments, `<!...>` and `<?...>` declarations,
`<script>`/`<style>` raw text, entities decoded in text and attribute values, stray `<` kept as
text), so odd markup is cut where html.parser cuts it.

Titles and texts are returned as plain text with whitespace collapsed and the three characters
`&`, `<` and `>` escaped (`&amp;`, `&lt;`, `&gt;`), which is what Material's index holds once its
`<p>`/`<code>` tags are dropped: `swkb.search.plain_text` then gives the same result for our entries
as for Material's. With `escape=False` the text is fully decoded (`a < b & c`); do not feed such
text to a tag-stripping function again, as `<…>` inside it would be taken for a tag.
"""

from __future__ import annotations

import html
import re
from typing import Final

__all__ = ["page_sections"]

# Material's Parser: tags kept in the index (they separate words), tags whose content is skipped,
# and tags that never open an element.
_KEEP: Final = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_SKIP: Final = frozenset({"object", "script", "style"})
_VOID: Final = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                          "source", "track", "wbr"})
_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_INF: Final = float("inf")

# html.parser's regular expressions (CPython 3.11 Lib/html/parser.py), so tags end where its do.
_ATTRS = r"""(?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*)*)?\s*"""
_TAGFIND: Final = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRFIND: Final = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")
_LOCATE_START: Final = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*" + _ATTRS)

# One scan stops at every "<". Alternatives, by the group that ends last in them:
# - lt: a leaf element `<td class="x">text</td>` in one piece (plain attributes, no markup inside);
# - f: a start tag with plain attributes; s: any other start tag, read as html.parser reads it
#   (atomic: html.parser does not backtrack into a tag to find its end);
# - e, e2: an end tag (html.parser's strict reading, then its tolerant one);
# - None: comments, declarations, processing instructions, and a lone "<" that html.parser does
#   not read as complete markup (handled by `_odd_markup`).
_PLAIN_ATTRS = r"""(?:[\t\n\r\f ]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*[\t\n\r\f ]*"""
_MARKUP: Final = re.compile(
    r"<(?:"
    r"/(?:\s*(?P<e>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|(?P<e2>[a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>|>|[^a-zA-Z>][^>]*>)"
    r"|(?P<l>[a-zA-Z][a-zA-Z0-9]*)" + _PLAIN_ATTRS + r">(?P<lt>[^<]*)</(?P=l)\s*>"
    r"|(?P<f>[a-zA-Z][a-zA-Z0-9]*)" + _PLAIN_ATTRS + r">"
    r"|(?>(?P<s>[a-zA-Z][^\t\n\r\f />\x00]*)" + _ATTRS + r")/?>"
    r"|!--.*?--\s*>"
    r"|!\[(?i:temp|cdata|ignore|include|rcdata)(?![-_.a-zA-Z0-9]).*?\]\s*\]\s*>"
    r"|!\[(?i:if|else|endif)(?![-_.a-zA-Z0-9]).*?\]\s*>"
    r"|!(?!--)[^\[>][^>]*>|!>"
    r"|\?[^>]*>"
    r")|<",
    re.DOTALL,
)
_HINT: Final = re.compile(r"data-search-exclude|linenodiv", re.IGNORECASE)
_TAG_STRIP: Final = re.compile(r"<[^>]+>")
_SCRIPT_END: Final = re.compile(r"</\s*script\s*>", re.IGNORECASE)
_STYLE_END: Final = re.compile(r"</\s*style\s*>", re.IGNORECASE)


class _Section:
    """A heading and what follows it: Material's Section, with tags held by name."""

    __slots__ = ("tag", "depth", "id", "title", "text", "excluded")

    def __init__(self, tag: str, depth: float, excluded: bool = False) -> None:
        self.tag = tag
        self.depth = depth
        self.id: str | None = None
        # Pieces as Material holds them: escaped text, and "<p>"/"</p>" for kept tags.
        self.title: list[str] = []
        self.text: list[str] = []
        self.excluded = excluded


def _attrs(content: str, start: int, end: int) -> tuple[dict[str, str | None], int]:
    """Attributes of the start tag content[start:end], read as html.parser reads them, and
    where its reading of them stopped."""
    match = _TAGFIND.match(content, start + 1)
    attrs: dict[str, str | None] = {}
    if match is None:
        return attrs, start + 1
    k = match.end()
    while k < end:
        m = _ATTRFIND.match(content, k)
        if not m:
            break
        name, rest, value = m.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = html.unescape(value)
        attrs[name.lower()] = value
        k = m.end()
    return attrs, k


def _odd_markup(content: str, i: int) -> tuple[str, int]:
    """A '<' that starts no complete tag: the text html.parser makes of it, and where it ends."""
    n = len(content)
    if i + 1 >= n:
        return "<", n
    nxt = content[i + 1]
    if nxt.isascii() and nxt.isalpha():
        j = _LOCATE_START.match(content, i).end()
        after = content[j:j + 1]
        if after and after not in "=/" and not (after.isascii() and after.isalpha()):
            # html.parser's "bogus" start tag: handed over as raw text, entities not decoded.
            end = j if j > i else i + 1
            return content[i:end], end
    elif nxt not in "/!?":
        return "<", i + 1
    # An unterminated construct: text up to the next '>' (or '<'), entities decoded.
    k = content.find(">", i + 1)
    if k < 0:
        k = content.find("<", i + 1)
        if k < 0:
            k = i + 1
    else:
        k += 1
    return html.unescape(content[i:k]), k


def _finish(pieces: list[str], escape: bool) -> str:
    """Material's pieces → text: tags as spaces, whitespace collapsed, (un)escaped as asked."""
    joined = "".join(pieces)
    if "<" in joined:
        joined = _TAG_STRIP.sub(" ", joined)
    joined = " ".join(joined.split())
    if not escape and "&" in joined:
        joined = html.unescape(joined)
    return joined


def _fallback_title(title: str, escape: bool) -> str:
    """The page title, used as Material uses it (a fragment its readers strip and decode)."""
    text = html.unescape(_TAG_STRIP.sub(" ", title))
    text = " ".join(text.split())
    return html.escape(text, quote=False) if escape else text


def page_sections(content: str, url: str, title: str, *, escape: bool = True) -> list[dict[str, str]]:
    """Cut a page's rendered HTML into search sections, as Material's search plugin does.

    Args:
        content: the page's HTML (`page.content`: the Markdown rendered, without the theme).
        url: the page's URL (`page.url`); sections after the first are `url#id`.
        title: the page's title (`page.title`), the title of a first section without one.
        escape: keep `&`, `<` and `>` escaped in titles and texts (the default, as in Material's
            index and safe to pass through `swkb.search.plain_text`); False decodes them too.

    Returns:
        One `{"location", "title", "text"}` per section, in page order: the locations and order
        of Material's `SearchIndex.add_entry_from_context` (with table-of-contents ids equal to
        heading ids), and texts whose `plain_text` equals that of Material's texts.
    """
    sections: list[_Section] = []
    stack: list[str] = []  # open elements by tag name (Material's context)
    skip: set[str] = set(_SKIP)  # Material's skip set, by tag name
    permalinks: list[int] = []  # stack depths of open <a class="headerlink">
    section: _Section | None = None
    esc = html.escape

    def handle_data(data: str) -> None:
        """Material's handle_data, for text already decoded."""
        nonlocal section
        if not skip.isdisjoint(stack):
            return
        if section is None:
            section = _Section("hx", 0)
            sections.append(section)
        if section.tag in stack:
            if not permalinks:
                if "&" in data or "<" in data or ">" in data:
                    data = esc(data, quote=False)
                section.title.append(data)
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or "pre" in stack:
                text.append(data)
        else:
            if "&" in data or "<" in data or ">" in data:
                data = esc(data, quote=False)
            section.text.append(data)

    hints = _HINT.search(content) is not None
    unescape = html.unescape
    search = _MARKUP.search
    pos = 0
    n = len(content)
    while pos < n:
        m = search(content, pos)
        start = m.start() if m else n
        if start > pos:
            data = content[pos:start]
            handle_data(unescape(data) if "&" in data else data)
        if m is None:
            break
        pos = m.end()

        tag = m.group("s")
        if tag is not None:
            # ---- start tag (Material's handle_starttag) --------------------------------------
            tag = tag.lower()
            attrs: dict[str, str | None] | None = None
            closed = False
            if content[pos - 2] == "/":
                # "/>" ends an empty element unless an unquoted attribute value took the "/".
                attrs, k = _attrs(content, start, pos)
                rest = content[k:pos].strip()
                if rest == "/>":
                    closed = True
                elif rest != ">":  # html.parser hands such a tag over as raw text
                    handle_data(content[start:pos])
                    continue
            if tag not in _VOID:
                stack.append(tag)
                if tag in _HEADINGS:
                    if attrs is None:
                        attrs = _attrs(content, start, pos)[0]
                    if "id" in attrs:
                        depth = len(stack)
                        if tag != "h1" and not sections:
                            sections.append(_Section("hx", depth))
                        section = _Section(tag, depth, "data-search-exclude" in attrs)
                        if sections:
                            section.id = attrs["id"]
                        sections.append(section)
                if section is None:
                    section = _Section("hx", 0)
                    sections.append(section)
                if tag == "a" and "headerlink" in content[start:pos]:
                    if attrs is None:
                        attrs = _attrs(content, start, pos)[0]
                    if attrs.get("class") == "headerlink":
                        permalinks.append(len(stack))
                excluded = False
                if hints and _HINT.search(content, start, pos):
                    if attrs is None:
                        attrs = _attrs(content, start, pos)[0]
                    if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                        excluded = True
                        skip.add(tag)
                if not excluded and tag in _KEEP and skip.isdisjoint(stack):
                    (section.title if section.tag in stack else section.text).append(f"<{tag}>")
            if not closed:
                if tag == "script" or tag == "style":
                    # Raw text up to the matching end tag; without one, the rest of the page.
                    close = (_SCRIPT_END if tag == "script" else _STYLE_END).search(content, pos)
                    if close is None:
                        break
                    pos = close.start()
                continue
            # "<tag/>": html.parser follows the start tag with an end tag.
        else:
            tag = m.group("e") or m.group("e2")
            if tag is None:
                if pos - start == 1:  # a '<' that html.parser does not read as markup
                    data, pos = _odd_markup(content, start)
                    handle_data(data)
                continue
            tag = tag.lower()

        # ---- end tag (Material's handle_endtag) ---------------------------------------------
        if not stack or stack[-1] != tag:
            continue
        depth = len(stack)
        if section is not None and section.depth > depth:
            for previous in reversed(sections):
                if previous.depth <= depth:
                    section.depth = _INF
                    section = previous
                    break
        stack.pop()
        if permalinks and permalinks[-1] == depth:
            permalinks.pop()
        if tag in skip:
            if tag not in _SKIP:
                skip.discard(tag)
            continue
        if tag in _KEEP and section is not None and skip.isdisjoint(stack):
            pieces = section.title if section.tag in stack else section.text
            try:
                index = pieces.index(f"<{tag}>")
            except ValueError:  # Material's parser fails here; keep the closing tag
                pieces.append(f"</{tag}>")
                continue
            for piece in pieces[index + 1:]:
                if not piece.isspace():
                    pieces.append(f"</{tag}>")
                    break
            else:
                del pieces[index:]

    entries: list[dict[str, str]] = []
    for sec in sections:
        if sec.excluded:
            continue
        entries.append({
            "location": f"{url}#{sec.id}" if sec.id else url,
            "title": _finish(sec.title, escape) if sec.title else _fallback_title(title, escape),
            "text": _finish(sec.text, escape),
        })
    return entries
