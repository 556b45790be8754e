"""Glossary tooltips: the first time a page uses a glossary word, it gets an <abbr title>.

Python-Markdown's abbr extension matches only at word boundaries, which Chinese text does not
have (a term in the middle of a sentence is never found), so tooltips are added here, and only
ever to text: never inside a tag, an attribute, an entity (`&gt;` holds the abbreviation `gt`), a
comment or a script. Text inside links, headings, code, SVG, form controls and existing abbr is
left alone, and each word is wrapped once per page so tables do not fill with underlines.

There are two ways in, sharing one matcher (`Tooltips._candidates`):

- `annotate(text, seen)` takes plain text, as a template prints it, and returns it escaped, with
  the tooltips: no HTML is parsed at all, so nothing in the text can be taken for markup;
- `add(page_html)` takes a rendered page (hand-written Markdown): a tokenizer (`text_runs`, one
  pattern for tags, comments and the like, and browsers' rule that script and style hold raw
  text) finds where the text runs are in the raw string, each run is decoded (`&amp;` → `&`) and
  matched as text, and the `<abbr>` tags are spliced into the original string at the raw offsets
  of the match. The page is not re-serialised, so everything else in it stays byte for byte.
  (The stdlib's html.parser gives the same runs but took twenty times as long.)
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from markupsafe import Markup, escape

SKIP = frozenset(
    {
        "a",
        "abbr",
        "code",
        "pre",
        "script",
        "style",
        "svg",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "textarea",
        "select",
        "option",
        "button",
        "label",
    }
)
"""Elements whose text never gets a tooltip (a tooltip in a link or a button would nest
interactive elements; code and headings are shown as written)."""

FOUND_CACHE_SIZE = 500_000
"""Texts whose glossary words annotate remembers (a national catalog prints about this many)."""

# The character references html.unescape decodes (the same pattern as the stdlib's): a run is
# decoded reference by reference, so each decoded character knows where it came from.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


class Tooltips:
    """Words from the glossary and the text each shows, longest word first (社工站 before 社工)."""

    def __init__(self, table: Iterable[tuple[str, str]], protected: Iterable[str] = ()) -> None:
        """`protected` words (names of roles, services, places) are never cut into a tooltip:
        in 驻站社工 the 社工 stays plain text."""
        self.table = dict(table)
        self.pattern = (
            re.compile("|".join(re.escape(w) for w in sorted(self.table, key=len, reverse=True))) if self.table else None
        )
        # For each glossary word: where it sits inside protected names, as (offset, length) → names.
        # Checking only where a word occurs is much cheaper than a pattern holding every protected
        # name (thousands at national scale, where that pattern took most of the time).
        self._guards: dict[str, dict[tuple[int, int], set[str]]] = {}
        for name in {w for w in protected if len(w) >= 2 and w not in self.table}:
            for word in self.table:
                start = name.find(word)
                while start != -1:
                    self._guards.setdefault(word, {}).setdefault((start, len(name)), set()).add(name)
                    start = name.find(word, start + 1)
        self._open = {w: f'<abbr title="{html.escape(text, quote=True)}">' for w, text in self.table.items()}
        self._abbr = {w: f"{self._open[w]}{escape(w)}</abbr>" for w in self.table}
        self._found: dict[str, tuple[tuple[int, int, str], ...]] = {}

    # -- the matcher ---------------------------------------------------------------------------

    def _candidates(self, text: str, seen: set[str]) -> Iterator[re.Match[str]]:
        """Glossary words in plain `text` not yet in `seen` and not part of a protected name. The
        caller adds a word to `seen` when it wraps it; `seen` is read at every match, so a word
        wrapped once is not offered again."""
        assert self.pattern is not None
        for match in self.pattern.finditer(text):
            word = match.group()
            if word not in seen and not self._protected(text, word, match.start()):
                yield match

    def _protected(self, text: str, word: str, at: int) -> bool:
        """Whether the word found at `at` is part of a protected name."""
        for (offset, length), names in self._guards.get(word, {}).items():
            if at >= offset and text[at - offset : at - offset + length] in names:
                return True
        return False

    # -- plain text (generated pages) ----------------------------------------------------------

    def annotate(self, text: str, seen: set[str]) -> Markup:
        """Plain `text`, HTML-escaped as the templates escape everything else, with the first use
        of each glossary word not in `seen` wrapped in an <abbr>; the wrapped words are added to
        `seen` (one set per page). Where the words stand in a text is worked out once per text:
        thousands of pages print the same labels and values."""
        found = self._found.get(text)
        if found is None:
            found = ()
            if self.pattern is not None and self.pattern.search(text) is not None:
                found = tuple((m.start(), m.end(), m.group()) for m in self._candidates(text, set()))
            if len(self._found) < FOUND_CACHE_SIZE:
                self._found[text] = found
        if not found:
            return escape(text)
        out: list[str] = []
        done = 0
        for start, end, word in found:
            if word in seen:
                continue
            seen.add(word)
            out += (escape(text[done:start]), self._abbr[word])
            done = end
        out.append(escape(text[done:]))
        return Markup("".join(out))

    # -- rendered HTML (hand-written pages) ----------------------------------------------------

    def add(self, page_html: str) -> str:
        """The page with tooltips in its text; every byte outside the inserted tags is kept."""
        if self.pattern is None or not self._may_match(page_html):
            return page_html
        seen: set[str] = set()
        out: list[str] = []
        done = 0  # page_html[:done] is in `out`
        search = self.pattern.search
        for start, end in text_runs(page_html):
            where: _Offsets | None = None
            if page_html.find("&", start, end) == -1:
                if search(page_html, start, end) is None:  # most runs: nothing to do, nothing copied
                    continue
                raw = text = page_html[start:end]
            else:
                raw = page_html[start:end]
                text, where = _decode(raw)
            for match in self._candidates(text, seen):
                begin: int | None = match.start()
                stop: int | None = match.end()
                if where is not None:
                    begin, stop = where.raw(match.start()), where.raw(match.end())
                if begin is None or stop is None:  # the word starts or ends inside a reference
                    continue
                word = match.group()
                seen.add(word)
                out += (page_html[done : start + begin], self._open[word], raw[begin:stop], "</abbr>")
                done = start + stop
        if not out:
            return page_html
        out.append(page_html[done:])
        return "".join(out)

    def _may_match(self, page_html: str) -> bool:
        """A cheap test that skips the parse of a page no glossary word can be found in.
        References decode in place (none reaches past a `<`), so a word in a decoded text run
        is also a word in the whole page decoded."""
        assert self.pattern is not None
        if self.pattern.search(page_html) is not None:
            return True
        return "&" in page_html and self.pattern.search(html.unescape(page_html)) is not None


class _Offsets:
    """Maps offsets in a decoded text run back to the raw HTML it was decoded from."""

    def __init__(self) -> None:
        # Pieces in order: (decoded start, raw start, decoded length, raw length, is a reference).
        self.decoded_starts: list[int] = []
        self.pieces: list[tuple[int, int, int, int, bool]] = []

    def append(self, decoded: int, raw: int, decoded_len: int, raw_len: int, reference: bool) -> None:
        self.decoded_starts.append(decoded)
        self.pieces.append((decoded, raw, decoded_len, raw_len, reference))

    def raw(self, decoded: int) -> int | None:
        """The raw offset of decoded offset `decoded`, or None if it falls inside a reference."""
        index = bisect_right(self.decoded_starts, decoded) - 1
        if index < 0:
            return 0
        start, raw, decoded_len, raw_len, reference = self.pieces[index]
        if not reference:
            return raw + decoded - start
        if decoded == start:
            return raw
        return raw + raw_len if decoded == start + decoded_len else None


def _decode(raw: str) -> tuple[str, _Offsets]:
    """A text run's characters, as html.unescape decodes them, and where each came from."""
    offsets = _Offsets()
    parts: list[str] = []
    decoded = done = 0
    for match in _CHARREF.finditer(raw):
        if match.start() > done:
            offsets.append(decoded, done, match.start() - done, match.start() - done, False)
            parts.append(raw[done : match.start()])
            decoded += match.start() - done
        # One reference is one piece: `&ampx` decodes to `&x`, and no word may begin inside it.
        value = html.unescape(match.group())
        offsets.append(decoded, match.start(), len(value), match.end() - match.start(), True)
        parts.append(value)
        decoded += len(value)
        done = match.end()
    if done < len(raw):
        offsets.append(decoded, done, len(raw) - done, len(raw) - done, False)
        parts.append(raw[done:])
    return "".join(parts), offsets


# Attributes of a tag: quote-aware, so a `>` inside a value does not end the tag. The loop is
# possessive (`*+`): attribute names can be split many ways, and a failed match must not try them all.
_ATTRIBUTES = r"""(?:\s++|/(?!>)|[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^\s>]*+))?)*+"""
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")

# The HTML tokenizer's view of markup, enough to know where text is: each match is markup, not
# text, starting at a `<`. A `<` that starts none of these (`a < b`) is text, as in a browser.
# Raw-text elements are matched with their content (`i < n` in a script is no tag). A match is
# either one tag of a skipped element (it ends in the group `close`) or a row of other markup
# with only whitespace between (one match per row keeps the Python loop short).
_SKIP_NAME = rf"""(?i:{"|".join(sorted(SKIP, key=len, reverse=True))})(?![^\s/>])"""
_MARKUP = re.compile(
    rf"""
(?:<(?:
   !--(?:-?>|.*?(?:--!?>|\Z))                   # comment (also the abrupt <!--> and <!--->)
 | !\[CDATA\[.*?(?:\]\]>|\Z)                    # CDATA section (in SVG and MathML)
 | [!?][^>]*(?:>|\Z)                            # doctype, bogus comment
 | /(?:>|[^a-zA-Z>][^>]*(?:>|\Z))               # `</>` (dropped), bogus comment
 | (?P<raw>(?i:{"|".join(_RAW_TEXT)}))(?![^\s/>]){_ATTRIBUTES}/?>.*?(?=</(?i:(?P=raw))[\s/>]|\Z)
 | /?(?!{_SKIP_NAME})[a-zA-Z][^\s/>]*{_ATTRIBUTES}/?(?:>|\Z)    # a tag of any other element
)\s*)+
| <(?P<end>/)?(?P<skip>{_SKIP_NAME}){_ATTRIBUTES}(?P<close>/?)(?:>|\Z)
""",
    re.S | re.X,
)  # no re.I: it would turn off the fast search for `<`


def text_runs(page_html: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets into `page_html` of its text outside the skipped elements, in order.
    Raw-text elements (script, style, noscript, ...) hold no text for tooltips, and whitespace
    right after markup is left out (it holds no glossary word)."""
    open_skipped: list[str] = []  # the skipped elements now open, innermost last
    pos = 0
    for match in _MARKUP.finditer(page_html):
        at = match.start()
        if at > pos and not open_skipped:
            yield pos, at
        pos = match.end()
        if match.lastgroup != "close":
            continue
        end, name, close = match.group("end", "skip", "close")
        name = name.lower()
        if end:
            # An end tag closes its element and whatever is still open inside it (an <option>
            # without its end tag, in a </select>); a stray one closes nothing.
            if name in open_skipped:
                del open_skipped[len(open_skipped) - 1 - open_skipped[::-1].index(name) :]
        elif not (close and name == "svg"):  # `/>` closes only foreign elements; `<a/>` opens an <a>
            if name == "option" and open_skipped[-1:] == ["option"]:
                open_skipped.pop()  # an <option> ends the one before it
            open_skipped.append(name)
    if pos < len(page_html) and not open_skipped:
        yield pos, len(page_html)
