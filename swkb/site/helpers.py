"""HTML helpers that templates call for the page being rendered: links, headings, citations,
values and comparison cells.

Safety rule: every value is HTML-escaped; only Markup made here (links, headings, citations,
status badges) passes through the templates unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from markdown.extensions.toc import unique
from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from swkb.catalog.labels import NOT_COLLECTED, NOT_COLLECTED_HINT, NOT_STATED, NOT_STATED_HINT
from swkb.catalog.models import Fact, ServiceDomain
from swkb.catalog.store import Catalog
from swkb.site.pages import Heading
from swkb.site.svg import render_svg
from swkb.site.tooltips import Tooltips
from swkb.views.cells import Cell, Figure, clause_anchor
from swkb.views.changes import Mark
from swkb.views.compare import Column
from swkb.views.region_page import Section
from swkb.views.urls import CHANGES_URI, INDEX_URI, PAGE_URI, change_anchor, relative_url

# The heading anchors of mkdocs.yml's toc setting (pymdownx.slugs, lower case): Chinese stays in
# anchors such as #人员配备, on generated and hand-written pages alike.
SLUGIFY = slugify(case="lower")
PERMALINK_TITLE = "Permanent link"


class RenderState(Protocol):
    """What PageHelpers takes from the renderer (swkb.site.render.Renderer). A protocol rather
    than the class, because render imports this module: the imports stay one-way."""

    catalog: Catalog
    url_of: Callable[[str], str]
    href_cache: dict[str, dict[str, Markup]]
    source_cache: dict[str, dict[tuple[str, str | None], Markup]]


class PageHelpers:
    """HTML helpers bound to the page being rendered: links are relative to its URL, and the
    headings it prints are collected for its table of contents."""

    def __init__(self, renderer: RenderState, page_uri: str, tooltips: Tooltips | None = None) -> None:
        self.catalog = renderer.catalog
        self._tooltips = tooltips
        """Glossary tooltips for the text of a generated page; None in a marker's table, whose
        hand-written page gets them from its HTML (swkb.site.tooltips)."""
        self._tipped: set[str] = set()
        """Glossary words this page has already wrapped: only a word's first use gets one."""
        self.uri = page_uri
        self._url_of = renderer.url_of
        self.url = renderer.url_of(page_uri)
        # Pages in the same folder share relative links and citations (most pages are in a
        # handful of folders), so both are cached per folder for the whole build.
        folder = self.url.rpartition("/")[0]
        self._hrefs: dict[str, Markup] = renderer.href_cache.setdefault(folder, {})
        self._sources: dict[tuple[str, str | None], Markup] = renderer.source_cache.setdefault(folder, {})
        self._marks: dict[int, Mark] = getattr(renderer, "marks", {})
        """Facts the release changed (swkb.views.changes.fact_marks): their values say so."""
        self.headings: list[Heading] = []
        self.anchor_links: set[str] = set()
        """Links to anchors (`path.md#id`) this page contains: checked once every page exists."""
        self._ids: set[str] = set()
        self.anchors: set[str] = set()
        """Every id the page prints (headings and `anchor()`): what links to it may point at,
        recorded while it renders instead of read back from its HTML."""

    def anchor(self, value: str) -> str:
        """An id the template prints (`id="{{ page.anchor(x) }}"`); escaped by the template."""
        self.anchors.add(str(escape(value)))
        return value

    def href_uri(self, target: str) -> Markup:
        """Relative URL of any page or file given by its path in the docs (e.g. `compare/x.md#id`)."""
        href = self._hrefs.get(target)
        if "#" in target:
            self.anchor_links.add(target)
        if href is None:
            path, _, anchor = target.partition("#")
            path, _, query = path.partition("?")  # e.g. compare/regions.md?ids=changshu
            href = self._hrefs[target] = Markup(
                relative_url(self._url_of(path), self.url)
                + (f"?{escape(query)}" if query else "")
                + (f"#{anchor}" if anchor else "")
            )
        return href

    def href(self, kind: str, entry_id: str | None = None, anchor: str = "") -> Markup:
        """Relative URL of an entry's page (or a kind's index); built only from slugs, which the
        models restrict to [a-z0-9-]."""
        target = INDEX_URI[kind] if entry_id is None else PAGE_URI[kind].format(id=entry_id)
        return self.href_uri(target + (f"#{anchor}" if anchor else ""))

    @staticmethod
    def a(href: str, label: Any) -> Markup:
        """A link; the label is escaped unless it is already Markup (so is the href)."""
        return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')

    def link(self, kind: str, entry_id: str, label: Any = None) -> Markup:
        """A link to an entry's page; the label defaults to the entry's name."""
        return self.a(self.href(kind, entry_id), self.name(kind, entry_id) if label is None else label)

    def heading(self, level: int, text: Any, anchor: str | None = None) -> Markup:
        """A heading with its permalink, as the toc extension writes it; recorded for the TOC.
        Without an explicit anchor the id is the slug of the text, made unique on the page."""
        name = escape(" ".join(str(text).split()))
        anchor = escape(unique(anchor or SLUGIFY(str(text), "-"), self._ids))
        self.headings.append(Heading(level, str(anchor), str(name)))
        self.anchors.add(str(anchor))
        return Markup(
            f'<h{level} id="{anchor}">{name}<a class="headerlink" href="#{anchor}" '
            f'title="{PERMALINK_TITLE}">&para;</a></h{level}>'
        )

    def section(self, section: Section) -> Markup:
        """A section's heading under its stable id (swkb.views.region_page), the id search links to."""
        return self.heading(2, section.title, section.anchor)

    def cell(self, cell: Cell, column: Column, row_label: str = "") -> Markup:
        """A comparison cell as a whole `<td>`: its value(s) with citations, a 复制引用 button
        that copies the quote, and for numeric columns the lower and upper bounds it sorts on."""
        attrs = ""
        if column.numeric:
            attrs = "".join(
                f' data-{name}="{key:g}"' for name, key in (("lo", cell.floor), ("hi", cell.ceiling)) if key is not None
            )
        if cell.state == "link" and cell.link is not None:
            body = self.link(cell.link.kind, cell.link.id)
        elif cell.state == "text":
            body = self.tip(cell.text)
        elif cell.state == "not_collected":
            body = self.value(None)
        else:
            body = Markup("<br>").join(
                Markup("{}：{}").format(self.tip(f.label), self.figure(f)) if f.label else self.figure(f) for f in cell.figures
            )
        if cell.quote:
            body += Markup(
                ' <button type="button" class="swkb-copy" data-quote="{}" aria-label="复制引用：{} {}">复制引用</button>'
            ).format(cell.quote, row_label, column.title)
        return Markup(f'<td data-state="{cell.state}"{attrs}>') + body + Markup("</td>")

    def tip(self, text: object) -> Markup:
        """Text as the page prints it: escaped, with a glossary tooltip on the first use of each
        glossary word (the `tip` filter of the templates). Markup passes through unchanged."""
        if isinstance(text, Markup):
            return text
        if self._tooltips is None:
            return escape(text)
        return self._tooltips.annotate(str(text), self._tipped)

    def figure(self, figure: Figure) -> Markup:
        """One fact of a cell: its value (or 来源未规定) and its citation."""
        cited = self.source(figure.citation.doc_id, figure.citation.clause)
        if figure.state == "not_stated":
            return Markup(f'<span class="swkb-not-stated" title="{NOT_STATED_HINT}">{NOT_STATED}</span> ') + cited
        return self.tip(figure.text) + Markup(" ") + cited

    def svg(self, milestones: list[Any], title: str) -> Markup:
        return Markup(render_svg([(m.event, [m]) for m in milestones], title))

    def name(self, kind: str, entry_id: str) -> str:
        if kind == "document":
            return self.catalog.document_label(entry_id)
        model = self.catalog.located(kind, entry_id).model
        return str(getattr(model, "name", None) or getattr(model, "term", entry_id))

    def cite(self, fact: Fact | ServiceDomain) -> Markup:
        """The citation of a fact: the document (linked) and the clause."""
        return self.source(fact.source, fact.clause)

    def source(self, doc_id: str, clause: str | None) -> Markup:
        cited = self._sources.get((doc_id, clause))
        if cited is None:
            label = self.name("document", doc_id) + (f" {clause}" if clause else "")
            # The link lands on the clause in the document's page, not at its top.
            href = self.href("document", doc_id, anchor=clause_anchor(clause) if clause else "")
            cited = self._sources[doc_id, clause] = Markup(f'<span class="swkb-cite">{self.a(href, label)}</span>')
        return cited

    def value(self, fact: Fact | None) -> Markup:
        """A fact's value with its citation; 'not stated' and 'not collected' look different."""
        if fact is None:
            return Markup(f'<span class="swkb-not-collected" title="{NOT_COLLECTED_HINT}">{NOT_COLLECTED}</span>')
        mark = self.change_mark(fact) if self._marks else Markup("")
        if fact.status == "not_stated":
            return Markup(f'<span class="swkb-not-stated" title="{NOT_STATED_HINT}">{NOT_STATED}</span> {self.cite(fact)}') + mark
        return Markup(f"{self.tip(self.plain(fact))} {self.cite(fact)}") + mark

    def change_mark(self, fact: Fact) -> Markup:
        """After a fact this release added or changed: a link to the change log saying so in
        words (never by colour alone), with the old value."""
        mark = self._marks.get(id(fact))
        if mark is None:
            return Markup("")
        change = mark.change
        text = f"本次更新，原为：{change.old.text}" if change.change == "changed" and change.old else "本次新增"
        href = self.href_uri(f"{CHANGES_URI}#{change_anchor(mark.group)}")
        return Markup(f' <a class="swkb-changed" href="{href}">{escape(text)}</a>')

    @staticmethod
    def plain(fact: Fact) -> str:
        """The value alone, as text."""
        return fact.display()
