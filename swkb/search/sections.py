"""Search sections of a rendered page, without html.parser.

Material's search plugin (`material.plugins.search.plugin`) feeds every page's HTML through
Python's `html.parser` and its own `Parser` to cut the page into sections at headings, with
Python callbacks for every tag and every piece of text. `page_sections` gives the same sections
from one `re.split` of the page and a state machine that only wakes up for tags that matter
(headings, kept and skipped elements, permalinks): 6-9 times faster on a 200 KB page of tables,
5-8 times on the pages of our site. It mirrors Material's rules, quirks included:

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

Tokenising follows html.parser's rules as of CPython 3.11.7 (tag names and attributes as its
regular expressions read them, quoted attribute values that contain `>`, comments, `<!...>` and
`<?...>` declarations, `<script>`/`<style>` raw text, entities decoded in text and attribute
values, stray `<` kept as text), so odd markup is cut where html.parser cuts it. (Later CPython
releases changed how html.parser reads some broken markup; well-formed pages read the same.)

Titles and texts are returned as plain text with whitespace collapsed and the three characters
`&`, `<` and `>` escaped (`&amp;`, `&lt;`, `&gt;`), which is what Material's index holds once its
`<p>`/`<code>` tags are dropped: `swkb.search.plain_text` then gives the same result for our entries
as for Material's. With `escape=False` the text is fully decoded (`a < b & c`); do not feed such
text to a tag-stripping function again, as `<…>` inside it would be taken for a tag.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import islice
from operator import length_hint
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
# Elements whose start or end tag does more than open and close an element (a leaf of any other
# kind only contributes its text). "hx" is Material's name for the untitled first section.
_NOT_PLAIN: Final = _KEEP | _SKIP | _VOID | _HEADINGS | {"pre", "hx"}

# html.parser's regular expressions (CPython 3.11 Lib/html/parser.py), so tags end where its do.
_ATTRS = (r"""(?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*"""
          r"""(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*)*)?\s*""")
_TAGFIND: Final = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRFIND: Final = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")
_LOCATE_START: Final = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*" + _ATTRS)

# Attributes html.parser reads the same way as this simpler pattern: lower-case names, values in
# double quotes. Upper-case names go the long way, so a case-sensitive look for
# "data-search-exclude" is enough for tags read with it.
_PLAIN_ATTRS = r"""(?>(?:[\t\n\r\f ]+[a-z_:][-a-z0-9_:.]*(?:="[^"]*")?)*[\t\n\r\f ]*)"""

# The page is split at every "<": [text, markup, e, e2, f, lt, s, text, markup, ...], where
# - e, e2: the name of an end tag (html.parser's strict reading, then its tolerant one);
# - f: the name of a start tag with plain attributes, and lt: the text of a leaf element
#   `<td class="x">text</td>` read in one piece (None when the element holds other tags);
# - s: the name of any other start tag, read as html.parser reads it (atomic: html.parser does
#   not backtrack into a tag to find its end);
# - none of them: comments, declarations, processing instructions, and a lone "<" that
#   html.parser does not read as complete markup (see `_odd_markup`).
_MARKUP: Final = re.compile(
    r"(<(?:"
    r"/(?:\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>|>|[^a-zA-Z>][^>]*>)"
    r"|([a-zA-Z][a-zA-Z0-9]*)" + _PLAIN_ATTRS + r">(?:([^<]*+)</\4\s*>)?"
    r"|(?>([a-zA-Z][^\t\n\r\f />\x00]*)" + _ATTRS + r")/?>"
    r"|!--[^-]*+(?:-(?!-\s*>)[^-]*+)*+--\s*>"
    r"|!\[(?i:temp|cdata|ignore|include|rcdata)(?![-_.a-zA-Z0-9]).*?\]\s*\]\s*>"
    r"|!\[(?i:if|else|endif)(?![-_.a-zA-Z0-9]).*?\]\s*>"
    r"|!(?!--)[^\[>][^>]*>|!>"
    r"|\?[^>]*>"
    r")|<)",
    re.DOTALL,
)
_PLAIN_ATTR: Final = re.compile(r"""[\t\n\r\f ]+([a-z_:][-a-z0-9_:.]*)(?:="([^"]*)")?""")
_PARTS: Final = 7  # text and the six groups above
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


def _attrs(tag: str) -> tuple[dict[str, str | None], int]:
    """The attributes of a start tag, read as html.parser reads them, and where it stopped."""
    match = _TAGFIND.match(tag, 1)
    attrs: dict[str, str | None] = {}
    if match is None:
        return attrs, 1
    k = match.end()
    while k < len(tag):
        m = _ATTRFIND.match(tag, k)
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


def _plain_attrs(tag: str) -> dict[str, str | None]:
    """The attributes of a start tag read with `_PLAIN_ATTRS` (as `_attrs`, only faster; an
    attribute without a value reads "" rather than None, which no caller tells apart)."""
    return {name: html.unescape(value) if "&" in value else value for name, value in _PLAIN_ATTR.findall(tag)}


def _odd_markup(content: str, i: int) -> tuple[str, int]:
    """A '<' that starts no complete markup: the text html.parser makes of it, and its end."""
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


def _raw_text_end(content: str, tag: str, pos: int) -> int:
    """Where the raw text of a <script> or <style> opened before `pos` ends (its end tag), or -1."""
    match = (_SCRIPT_END if tag == "script" else _STYLE_END).search(content, pos)
    return -1 if match is None else match.start()


def _close(pieces: list[str], index: int, tag: str) -> None:
    """Material's closing of a kept element whose first opening tag is pieces[index]: the
    closing tag, or, if only whitespace follows that opening, nothing at all (not even a space)."""
    for i in range(index + 1, len(pieces)):
        if not pieces[i].isspace():
            pieces.append(f"</{tag}>")
            return
    del pieces[index:]


class _Reader:
    """Material's Parser driven by `_MARKUP` instead of html.parser, over one page."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.sections: list[_Section] = []
        self.section: _Section | None = None  # the section text goes to
        self.stack: list[str] = []  # open elements by tag name (Material's context)
        self.skip: set[str] = set(_SKIP)  # Material's skip set, by tag name
        self.permalinks: list[int] = []  # stack depths of open <a class="headerlink">
        self.parts: list[str | None] = []  # the page split by `_MARKUP`
        self.known = self.known_at = 0  # see `position`
        # Whether tags read with the plain pattern need their attributes looked at ("&#" may
        # spell "linenodiv"); tags read the long way always have them read.
        self.hints = "data-search-exclude" in content or "linenodiv" in content or "&#" in content

    # ---- Material's handlers ------------------------------------------------------------------

    def first_section(self) -> _Section:
        """The current section; the untitled first one if there is none yet."""
        if self.section is None:
            self.section = _Section("hx", 0)
            self.sections.append(self.section)
        return self.section

    def data(self, data: str) -> None:
        """Material's handle_data, for text already decoded."""
        stack = self.stack
        if not self.skip.isdisjoint(stack):
            return
        section = self.first_section()
        if section.tag in stack:
            if not self.permalinks:
                if "&" in data or "<" in data or ">" in data:
                    data = html.escape(data, quote=False)
                section.title.append(data)
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or "pre" in stack:
                text.append(data)
        else:
            if "&" in data or "<" in data or ">" in data:
                data = html.escape(data, quote=False)
            section.text.append(data)

    def start(self, tag: str, markup: str, attrs: dict[str, str | None] | None) -> None:
        """Material's handle_starttag, for a non-void element opened by `markup`. `attrs` is
        None when `markup` was read with the plain pattern and holds no hint of exclusion."""
        stack = self.stack
        stack.append(tag)
        if tag in _HEADINGS:
            if attrs is None:
                attrs = _plain_attrs(markup)
            if "id" in attrs:
                depth = len(stack)
                if tag != "h1" and not self.sections:
                    self.sections.append(_Section("hx", depth))
                section = _Section(tag, depth, "data-search-exclude" in attrs)
                if self.sections:
                    section.id = attrs["id"]
                self.sections.append(section)
                self.section = section
        section = self.first_section()
        if tag == "a" and ("headerlink" in markup or "&" in markup):
            if attrs is None:
                attrs = _plain_attrs(markup)
            if attrs.get("class") == "headerlink":
                self.permalinks.append(len(stack))
        if attrs is not None and ("data-search-exclude" in attrs or attrs.get("class") == "linenodiv"):
            # (Attributes read here from a plain tag hold neither: `run` looked for hints first.)
            self.skip.add(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(stack):
            (section.title if section.tag in stack else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        """Material's handle_endtag."""
        stack = self.stack
        if not stack or stack[-1] != tag:
            return
        depth = len(stack)
        section = self.section
        if section is not None and section.depth > depth:
            # Leaving the element a heading was nested in: back to the enclosing section.
            for previous in reversed(self.sections):
                if previous.depth <= depth:
                    section.depth = _INF
                    section = self.section = previous
                    break
        stack.pop()
        if self.permalinks and self.permalinks[-1] == depth:
            self.permalinks.pop()
        if tag in self.skip:
            if tag not in _SKIP:
                self.skip.discard(tag)
            return
        if tag in _KEEP and section is not None and self.skip.isdisjoint(stack):
            pieces = section.title if section.tag in stack else section.text
            try:
                index = pieces.index(f"<{tag}>")
            except ValueError:  # Material's parser raises here; keep the closing tag
                pieces.append(f"</{tag}>")
                return
            _close(pieces, index, tag)

    # ---- the scan -----------------------------------------------------------------------------

    def run(self) -> list[_Section]:
        """Read the page; its sections, as in Material's Parser.data."""
        content, stack, skip, permalinks = self.content, self.stack, self.skip, self.permalinks
        hints, unescape, data = self.hints, html.unescape, self.data
        lower: dict[str, str] = {}
        # Text between tags that only open and close plain elements is gathered and handed to
        # `data` at once, before anything that may change where text goes.
        texts: list[str] = []
        gather = texts.append
        parts = self.parts = _MARKUP.split(content)
        tokens = iter(parts)  # a list iterator: it reads what `resume` changes ahead of it
        for text, markup, e, e2, f, lt, s in zip(tokens, tokens, tokens, tokens, tokens, tokens, tokens):
            if text:
                gather(unescape(text) if "&" in text else text)
            if f is not None:  # a start tag with plain attributes, maybe a whole leaf element
                try:
                    tag = lower[f]
                except KeyError:
                    tag = lower[f] = f.lower()
                # The start tag alone (a leaf's text holds no "<", its end tag one).
                head = markup if lt is None else markup[:markup.rindex("</") - len(lt)]
                attrs = None
                if hints and ("data-search-exclude" in head or "linenodiv" in head or "&#" in head):
                    attrs = _plain_attrs(head)
                    if not ("data-search-exclude" in attrs or attrs.get("class") == "linenodiv"):
                        attrs = None
                plain = tag not in _NOT_PLAIN and attrs is None and self.section is not None and not (
                    tag == "a" and ("headerlink" in head or "&" in head))
                if lt is not None:
                    if "&" in lt:
                        lt = unescape(lt)
                    if plain and tag not in skip:
                        # Opening and closing a plain element changes nothing: its text counts.
                        if lt:
                            gather(lt)
                        continue
                    if texts:
                        data("".join(texts))
                        texts.clear()
                    if tag in _KEEP and attrs is None and self.section is not None and tag not in skip:
                        # A kept element holding only text (`<code>x</code>`): Material's
                        # start, data and end, less what cannot happen in between.
                        if skip.isdisjoint(stack):
                            section = self.section
                            pieces = section.title if section.tag in stack else section.text
                            marker = f"<{tag}>"
                            pieces.append(marker)
                            if lt:
                                stack.append(tag)
                                data(lt)
                                stack.pop()
                            _close(pieces, pieces.index(marker), tag)
                        continue
                    if tag not in _VOID:
                        self.start(tag, head, attrs)
                    if lt:
                        data(lt)
                    self.end(tag)
                    continue
                if plain:
                    stack.append(tag)  # where text goes stays the same
                    continue
                if texts:
                    data("".join(texts))
                    texts.clear()
                if tag not in _VOID:
                    self.start(tag, markup, attrs)
                    if tag == "script" or tag == "style":
                        if not self.resume(tokens, _raw_text_end(content, tag, self.position(tokens))):
                            return self.sections  # never closed: html.parser drops the rest
                continue
            if e is not None:  # an end tag
                try:
                    tag = lower[e]
                except KeyError:
                    tag = lower[e] = e.lower()
                if not stack or stack[-1] != tag:
                    continue  # Material ignores end tags of other elements than the last one
                if (tag not in _NOT_PLAIN and self.section.depth <= len(stack) and tag not in skip
                        and not (permalinks and permalinks[-1] == len(stack))):
                    stack.pop()  # a plain element: where text goes stays the same
                    continue
                if texts:
                    data("".join(texts))
                    texts.clear()
                self.end(tag)
                continue
            if texts:
                data("".join(texts))
                texts.clear()
            if s is not None:  # any other start tag
                tag = s.lower()
                attrs, k = _attrs(markup)
                rest = markup[k:].strip()
                if rest not in (">", "/>"):  # html.parser hands such a tag over as raw text
                    data(markup)
                    continue
                if tag not in _VOID:
                    self.start(tag, markup, attrs)
                if rest == "/>":  # an empty element: html.parser follows with its end tag
                    self.end(tag)
                elif tag == "script" or tag == "style":
                    if not self.resume(tokens, _raw_text_end(content, tag, self.position(tokens))):
                        return self.sections  # never closed: html.parser drops the rest
            elif e2 is not None:  # an end tag, read tolerantly
                self.end(e2.lower())
            elif markup == "<":  # a "<" html.parser does not read as markup
                after = parts[len(parts) - length_hint(tokens)][:1]  # "" if another "<"
                if after and (after in "/!?" or after.isascii() and after.isalpha()):
                    # The start of something unterminated: the text html.parser makes of it.
                    text, end = _odd_markup(content, self.position(tokens) - 1)
                    data(text)
                    self.resume(tokens, end)
                else:
                    gather("<")  # a "<" of text, as in "a < b"
            # (comments, declarations and processing instructions: nothing)
        text = parts[-1]
        if text:
            gather(unescape(text) if "&" in text else text)
        if texts:
            data("".join(texts))
        return self.sections

    # Rarely needed: where in the page the split has got to, and going on from further along.
    # parts[self.known] (a text) starts at content[self.known_at]; positions are worked out
    # forwards from there.

    def position(self, tokens: Iterator[str | None]) -> int:
        """Where in the page the text of the next token starts."""
        parts = self.parts
        i = len(parts) - length_hint(tokens)
        while self.known < i:
            self.known_at += len(parts[self.known]) + len(parts[self.known + 1])
            self.known += _PARTS
        return self.known_at

    def resume(self, tokens: Iterator[str | None], position: int) -> bool:
        """Go on reading at `position` (at or after the next token), or return False if < 0."""
        if position < 0:
            return False
        parts, last = self.parts, len(self.parts) - 1
        i = first = len(parts) - length_hint(tokens)
        at = self.position(tokens)
        while i < last and at + len(parts[i]) + len(parts[i + 1]) <= position:  # tokens before it
            at += len(parts[i]) + len(parts[i + 1])
            i += _PARTS
        if at + len(parts[i]) >= position:  # it falls in the text of token i
            parts[i] = parts[i][position - at:]
        else:
            # It falls inside the markup of token i: read again from there up to the first markup
            # that starts where one of the tokens ahead starts (from there on, reading is the same).
            j, after = i + _PARTS, at + len(parts[i]) + len(parts[i + 1])
            new: list[str | None] = []
            start = position
            for m in _MARKUP.finditer(self.content, position):
                while j < last and after + len(parts[j]) < m.start():
                    after += len(parts[j]) + len(parts[j + 1])
                    j += _PARTS
                new.append(self.content[start:m.start()])
                if j < last and after + len(parts[j]) == m.start():
                    parts[i:j + 1] = new
                    break
                new.extend(m.groups())
                start = m.end()
            else:
                new.append(self.content[start:])
                parts[i:] = new
        if i > first:
            next(islice(tokens, i - first, i - first), None)  # skip to token i
        self.known, self.known_at = i, position
        return True


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

    The caller leaves out pages whose front matter has `search: {exclude: true}` and adds
    Material's `tags` and `boost` fields if it wants them; this only reads the HTML.

    Args:
        content: the page's HTML (`page.content`: the Markdown rendered, without the theme).
        url: the page's URL (`page.url`); sections after the first are `url#id`.
        title: the title of a first section without one: Material uses
            `page.meta.get("title", page.title)`.
        escape: keep `&`, `<` and `>` escaped in titles and texts (the default, as in Material's
            index and safe to pass through `swkb.search.plain_text`); False decodes them too.

    Returns:
        One `{"location", "title", "text"}` per section, in page order: the locations and order
        of Material's `SearchIndex.add_entry_from_context` (with table-of-contents ids equal to
        heading ids), and texts whose `plain_text` equals that of Material's texts.
    """
    entries: list[dict[str, str]] = []
    for section in _Reader(content).run():
        if section.excluded:
            continue
        entries.append({
            "location": f"{url}#{section.id}" if section.id else url,
            "title": _finish(section.title, escape) if section.title else _fallback_title(title, escape),
            "text": _finish(section.text, escape),
        })
    return entries
