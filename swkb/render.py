"""Render the validated catalog into page HTML, through Jinja2 templates.

Generated pages are written as HTML, not Markdown: Python-Markdown took most of a large build
parsing tables that the templates had just written, so the templates now emit the HTML it would
have produced (same tags, heading anchors and permalinks) and MkDocs' Markdown step is skipped
for them (see `swkb.mkdocs_site.CatalogPage`).

Safety rule: every value a template prints is HTML-escaped (Jinja autoescape), so YAML content
can never become markup, links or script. Only `Markup` produced by this module's own helpers
(links, headings, citations, status badges) passes through unchanged.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2
from markdown.extensions.toc import unique
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

from .buildinfo import BuildInfo
from .catalog import Catalog
from .errors import did_you_mean
from .load import KIND_ZH
from .compare import COMPARISON_BY_ID, COMPARISONS, Table, Column, Link, Value, build_table, coverage_rows, milestone_rows, sort_key
from .timeline import PHASE_COLOURS, render_svg
from .models import LEVEL_ZH, PHASE_ZH, POST_ZH, Fact, ServiceDomain

TEMPLATE_DIR = Path(__file__).parent / "templates"

# Where each kind of entry lives in the site. Regions are section pages (index.md) so that
# child regions can nest under them in the navigation.
PAGE_URI: dict[str, str] = {
    "service": "services/{id}.md",
    "role": "roles/{id}.md",
    "region": "regions/{id}/index.md",
    "document": "documents/{id}.md",
}
INDEX_URI: dict[str, str] = {
    "service": "services/index.md",
    "role": "roles/index.md",
    "region": "regions/index.md",
    "document": "documents/index.md",
    "term": "glossary.md",
}
KIND_TITLE: dict[str, str] = {"service": "服务清单", "role": "岗位", "region": "地区", "document": "政策文件", "term": "术语表"}
LARGE_CATALOG = 100
# In a large catalog each province's comparison is cut into pages of at most this many regions,
# so that no page passes about 150 KB however many regions a province has.
REGIONS_PER_PAGE = 40
COMPARE_INDEX = "compare/index.md"
BUILD_INFO_URI = "build-info.md"
COVERAGE_URI = "compare/services.md"
TIMELINES_URI = "compare/timelines.md"

SCOPE_ZH = {"region_wide": "全域", "pilot": "试点"}
STATUS_ZH = {"in_force": "现行", "trial": "试行", "repealed": "已失效", "unknown": "未知"}
DOC_TYPE_ZH = {"notice": "通知", "plan": "实施方案", "opinion": "意见", "news": "新闻报道",
               "project_plan": "项目计划", "summary": "摘要转载"}
PRECISION_ZH = {"day": "日", "month": "月", "year": "年", "before": "之前", "range": "时段"}

# The heading anchors of mkdocs.yml's toc setting (pymdownx.slugs, lower case): Chinese stays in
# anchors such as #人员配备, on generated and hand-written pages alike.
SLUGIFY = slugify(case="lower")
PERMALINK_TITLE = "Permanent link"

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md_text(value: Any) -> str:
    """Escape any value as inline Markdown text: every ASCII punctuation mark gets a backslash
    (pymdownx.escapeall makes that valid for all of them) and line breaks become spaces.
    Used for `[[kind:id]]` links, the one place catalog text enters hand-written Markdown."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file at `src_uri` (as `File.url`), relative to the site root."""
    if not src_uri.endswith(".md"):
        return src_uri
    head, _, name = src_uri[:-3].rpartition("/")
    if name != "index":
        return f"{src_uri[:-3]}/" if directory_urls else f"{src_uri[:-3]}.html"
    if directory_urls:
        return f"{head}/" if head else "./"
    return f"{head}/index.html" if head else "index.html"


def is_large(catalog: Catalog) -> bool:
    """Past LARGE_CATALOG regions, listings are split by province so no page grows with the catalog."""
    return len(catalog.regions) > LARGE_CATALOG


def _finalize(value: Any) -> Any:
    return "" if value is None else value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One template environment per process: under `mkdocs serve` compiled templates are kept
    between rebuilds (Jinja recompiles a template only when its file changes). Each Renderer
    passes the values of its own build in the render context."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Heading:
    """A heading of a generated page, for its table of contents."""

    level: int
    id: str
    name: str
    """The heading text as HTML (escaped), as MkDocs' toc items carry it."""


@dataclass(frozen=True)
class GeneratedPage:
    """One page compiled from the catalog, held in memory only."""

    src_uri: str
    """Path the page pretends to have inside docs/."""
    content: str
    title: str
    kind: str
    entry_id: str | None = None
    source_file: str | None = None
    """YAML file it was compiled from, relative to the project root (for the edit link)."""
    source_line: int = 0
    headings: tuple[Heading, ...] = ()
    """Headings in page order (the page's table of contents)."""


class Renderer:
    """Renders pages and embeddable tables for one catalog."""

    def __init__(self, catalog: Catalog, build_info: BuildInfo | None = None, directory_urls: bool = True) -> None:
        self.catalog = catalog
        self.build_info = build_info
        # Links in generated HTML are final URLs, relative to the page, as MkDocs would write them.
        self.url_of: Callable[[str], str] = lru_cache(maxsize=None)(lambda uri: page_url(uri, directory_urls))
        self.href_cache: dict[str, dict[str, Markup]] = {}
        self.source_cache: dict[str, dict[tuple[str, str | None], Markup]] = {}
        self.large = is_large(catalog)
        self.env = _environment()
        # Per-build values travel in each render's context, never in the shared environment.
        self.context: dict[str, Any] = dict(
            LEVEL_ZH=LEVEL_ZH, PHASE_ZH=PHASE_ZH, POST_ZH=POST_ZH, SCOPE_ZH=SCOPE_ZH, STATUS_ZH=STATUS_ZH,
            DOC_TYPE_ZH=DOC_TYPE_ZH, PRECISION_ZH=PRECISION_ZH, catalog=catalog,
            compare_links=self.comparison_rows, compare_target=self.compare_target,
            PHASE_COLOURS=PHASE_COLOURS,
        )

    # ----- pages -----

    def pages(self) -> list[GeneratedPage]:
        """Every generated page: one per entry, one index per kind, and the glossary."""
        out: list[GeneratedPage] = []
        kinds: list[tuple[str, dict[str, Any], Callable[[Any], str]]] = [
            ("service", self.catalog.services, lambda s: f"{s.number}. {s.name}"),
            ("role", self.catalog.roles, lambda r: r.name),
            ("region", self.catalog.regions, lambda r: r.name),
            ("document", self.catalog.documents, lambda d: d.number or d.title),
        ]
        for kind, entries, title in kinds:
            for entry_id, model in entries.items():
                located = self.catalog.located(kind, entry_id)
                out.append(self._page(f"{kind}.html.j2", PAGE_URI[kind].format(id=entry_id), title(model), kind,
                                      entry_id=entry_id, source_file=located.file, source_line=located.line,
                                      entry=model, located=located))
            out.append(self._page(f"{kind}_index.html.j2", INDEX_URI[kind], KIND_TITLE[kind], kind,
                                  document_groups=self._document_groups))
        if self.large:
            for pid, docs in self._document_groups.items():
                title = f"政策文件：{self.catalog.regions[pid].name if pid else '全国'}"
                out.append(self._page("document_province.html.j2", f"documents/in/{pid or 'national'}.md", title,
                                      "document", documents=docs))
        out.append(self._page("glossary.html.j2", INDEX_URI["term"], KIND_TITLE["term"], "term",
                              source_file=self._glossary_file()))
        out += self.comparison_pages()
        if self.build_info is not None:
            out.append(self._page("build_info.html.j2", BUILD_INFO_URI, "构建信息", "about", info=self.build_info))
        return out

    def comparison_pages(self) -> list[GeneratedPage]:
        """The comparison tables, the service coverage matrix and the timelines.

        A large catalog gets one page per province for each of them, so no page grows with the
        number of regions; the downloads always hold the whole table."""
        out = [self._page("compare_index.html.j2", COMPARE_INDEX, "地区比较", "compare", comparisons=COMPARISONS)]
        for comparison in COMPARISONS:
            table = self._tables[comparison.id]
            uri = f"compare/{comparison.id}.md"
            if not self.large:
                out.append(self._page("compare_table.html.j2", uri, comparison.title, "compare",
                                      table=table, groups=table.groups))
                continue
            base = f"compare/{comparison.id}"
            out.append(self._page("compare_provinces.html.j2", uri, comparison.title, "compare",
                                  summary=comparison.summary, download=comparison.id,
                                  counts=self._province_counts(base), base=base))
            for part in self._parts[base]:
                out.append(self._page("compare_table.html.j2", part.uri, part.title(comparison.title, self.catalog),
                                      "compare", table=table, groups=[(part.province, part.items)], parts=part.siblings))
        timelines = self._timelines
        by_region = dict(timelines)
        if not self.large:
            out.append(self._page("compare_services.html.j2", COVERAGE_URI, "服务覆盖", "compare",
                                  groups=self._coverage_groups))
            out.append(self._page("compare_timelines.html.j2", TIMELINES_URI, "时间节点", "compare",
                                  timelines=timelines, milestones=milestone_rows(self.catalog),
                                  overview=render_svg([(self.catalog.regions[rid].name, ms) for rid, ms in timelines], "各地时间节点")))
            return out
        out.append(self._page("compare_provinces.html.j2", COVERAGE_URI, "服务覆盖", "compare",
                              summary="各地的服务领域与 15 项服务清单的对应。", download=None,
                              counts=self._province_counts("compare/services"), base="compare/services"))
        for part in self._parts["compare/services"]:
            out.append(self._page("compare_services.html.j2", part.uri, part.title("服务覆盖", self.catalog), "compare",
                                  groups=[(part.province, part.items)], parts=part.siblings))
        # One lane per province on the overview: every milestone of its regions on one line.
        overview = render_svg([(self.catalog.regions[pid].name, [m for rid in rids for m in by_region[rid]])
                               for pid, rids in self._timeline_groups], "各省时间节点")
        out.append(self._page("compare_provinces.html.j2", TIMELINES_URI, "时间节点", "compare", download=None,
                              overview=overview, summary="各地推进社工站建设的时间表。总览图每行是一个省，点省名看其中每个地区。",
                              counts=self._province_counts("compare/timelines"), base="compare/timelines"))
        for part in self._parts["compare/timelines"]:
            chosen = [(rid, by_region[rid]) for rid in part.items]
            out.append(self._page("compare_timelines.html.j2", part.uri, part.title("时间节点", self.catalog), "compare",
                                  timelines=chosen, milestones=[(rid, m) for rid, ms in chosen for m in ms], parts=part.siblings,
                                  overview=render_svg([(self.catalog.regions[rid].name, ms) for rid, ms in chosen], "时间节点")))
        return out

    @cached_property
    def _document_groups(self) -> dict[str, dict[str, Any]]:
        """Documents by province ("" for national ones), provinces in pinyin order."""
        groups: dict[str, dict[str, Any]] = {}
        for did, doc in self.catalog.documents.items():
            groups.setdefault(self.catalog.province_of(doc.region) if doc.region else "", {})[did] = doc
        return dict(sorted(groups.items()))

    def _province_groups(self, region_ids: list[str]) -> list[tuple[str, list[str]]]:
        groups: dict[str, list[str]] = {}
        for rid in region_ids:
            groups.setdefault(self.catalog.province_of(rid), []).append(rid)
        return sorted(groups.items())

    @cached_property
    def _tables(self) -> dict[str, Table]:
        return {c.id: build_table(c, self.catalog) for c in COMPARISONS}

    @cached_property
    def _comparisons_of_region(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for comparison in COMPARISONS:
            for row in self._tables[comparison.id].rows:
                if row.anchor == row.region_id:
                    out.setdefault(row.region_id, []).append(comparison.id)
        return out

    @cached_property
    def _timelines(self) -> list[tuple[str, list[Any]]]:
        return [(rid, self.catalog.milestones(rid)) for rid in sorted(self.catalog.regions) if self.catalog.regions[rid].timeline]

    @cached_property
    def _coverage_groups(self) -> list[tuple[str, list[str]]]:
        return self._province_groups(coverage_rows(self.catalog))

    @cached_property
    def _timeline_groups(self) -> list[tuple[str, list[str]]]:
        return self._province_groups([rid for rid, _ in self._timelines])

    @cached_property
    def _parts(self) -> dict[str, list["ProvincePart"]]:
        """The per-province pages of each comparison in a large catalog, by base path."""
        groups: dict[str, list[tuple[str, list[Any]]]] = {
            f"compare/{c.id}": self._tables[c.id].groups for c in COMPARISONS}
        groups["compare/services"] = self._coverage_groups
        groups["compare/timelines"] = self._timeline_groups
        return {base: [part for pid, items in province_groups for part in ProvincePart.split(base, pid, items)]
                for base, province_groups in groups.items()}

    @cached_property
    def _part_of(self) -> dict[tuple[str, str], str]:
        """(base, region id) → the page (src_uri) holding that region's rows."""
        return {(base, rid): part.uri for base, parts in self._parts.items() for part in parts for rid in part.regions}

    def _province_counts(self, base: str) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for part in self._parts[base]:
            counts[part.province] = counts.get(part.province, 0) + len(part.regions)
        return list(counts.items())

    def compare_target(self, base: str, region_id: str) -> str:
        """Where a region's row is: `compare/x.md#id`, or its part of its province's pages when split."""
        if self.large:
            return f"{self._part_of.get((base, region_id), f'{base}/{self.catalog.province_of(region_id)}.md')}#{region_id}"
        return f"{base}.md#{region_id}"

    def _glossary_file(self) -> str | None:
        return next((e.file for e in self.catalog.entries if e.kind == "term"), None)

    def _page(self, template: str, src_uri: str, title: str, kind: str, *, entry_id: str | None = None,
              source_file: str | None = None, source_line: int = 0, **context: Any) -> GeneratedPage:
        helpers = _PageHelpers(self, src_uri)
        content = self._render_with(helpers, template, title=title, entry_id=entry_id, **context)
        return GeneratedPage(src_uri, content, title, kind, entry_id, source_file, source_line, tuple(helpers.headings))

    def _render_with(self, helpers: "_PageHelpers", template: str, **context: Any) -> str:
        return self.env.get_template(template).render(page=helpers, large=self.large, **self.context, **context)

    def comparison_rows(self, region_id: str) -> list[tuple[str, str]]:
        """(title, link target) of each comparison that has a row for `region_id`."""
        return [(COMPARISON_BY_ID[cid].title, self.compare_target(f"compare/{cid}", region_id))
                for cid in self._comparisons_of_region.get(region_id, [])]

    def marker(self, name: str, page_uri: str, argument: str | None = None) -> str:
        """HTML for `<!-- swkb:NAME [ARGUMENT] -->` on the page at `page_uri`, as a raw HTML block
        (Python-Markdown passes it through untouched)."""
        if name not in MARKERS:
            raise MarkerError(f"未知的目录标记 `swkb:{name}`（可用：{'、'.join(sorted(MARKERS))}）"
                              + (f"。{did_you_mean(name, MARKERS)}" if did_you_mean(name, MARKERS) else ""))
        template, kind = MARKERS[name]
        if kind is None and argument:
            raise MarkerError(f"目录标记 `swkb:{name}` 不带参数，实际写了 `{argument}`")
        if kind is not None:
            if not argument:
                raise MarkerError(f"目录标记 `swkb:{name}` 需要一个{KIND_ZH[kind]} ID，如 `<!-- swkb:{name} ID -->`")
            self._check_id(kind, argument)
        return self._render_with(_PageHelpers(self, page_uri), template, argument=argument)

    def entry_link(self, kind: str, entry_id: str, label: str | None, page_uri: str) -> str:
        """Markdown for `[[kind:id|label]]`: a link to the entry's page, named after the entry."""
        if kind not in PAGE_URI and kind != "term":
            raise MarkerError(f"未知的链接类型 `{kind}`（可用：service、role、region、document、term）"
                              + (f"。{did_you_mean(kind, [*PAGE_URI, 'term'])}" if did_you_mean(kind, [*PAGE_URI, 'term']) else ""))
        self._check_id(kind, entry_id)
        # A Markdown link to the .md path: MkDocs checks it and turns it into a URL.
        target = INDEX_URI["term"] if kind == "term" else PAGE_URI[kind].format(id=entry_id)
        rel = posixpath.relpath(target, posixpath.dirname(page_uri) or ".")
        if kind == "term":
            return f"[{md_text(label or self.catalog.terms[entry_id].term)}]({rel}#{entry_id})"
        return f"[{md_text(label or _PageHelpers(self, page_uri).name(kind, entry_id))}]({rel})"

    def _check_id(self, kind: str, entry_id: str) -> None:
        known = self.catalog.ids(kind)
        if entry_id not in known:
            hint = did_you_mean(entry_id, known)
            raise MarkerError(f"引用了不存在的{KIND_ZH[kind]} `{entry_id}`" + (f"，{hint}" if hint else ""))

    def tooltip_table(self) -> list[tuple[str, str]]:
        """(word, tooltip text) for every glossary term, abbreviation and synonym."""
        table: dict[str, str] = {}
        for term in self.catalog.terms.values():
            text = " ".join(f"{term.term}：{term.definition}".split())
            for word in [term.term, *term.abbreviations, *term.synonyms]:
                if len(word) >= 2:
                    table.setdefault(word, text)
        return list(table.items())


@dataclass
class ProvincePart:
    """One page of a province's rows of a comparison (a large catalog)."""

    uri: str
    province: str
    items: list[Any]
    """Rows of a comparison table, or region ids (coverage, timelines)."""
    regions: list[str]
    siblings: list[tuple[str, str]] = field(default_factory=list)
    """(label, src_uri) of every page of this province, this one included."""

    @classmethod
    def split(cls, base: str, province: str, items: list[Any]) -> list["ProvincePart"]:
        """Cut a province's items into pages of at most REGIONS_PER_PAGE regions; a region's rows
        stay on one page. The first page is `base/<province>.md`, then `base/<province>-2.md` …"""
        chunks: list[tuple[list[Any], list[str]]] = []
        for item in items:
            region = getattr(item, "region_id", item)
            if not chunks or (region not in chunks[-1][1] and len(chunks[-1][1]) >= REGIONS_PER_PAGE):
                chunks.append(([], []))
            chunk_items, chunk_regions = chunks[-1]
            chunk_items.append(item)
            if region not in chunk_regions:
                chunk_regions.append(region)
        parts = [cls(f"{base}/{province}{'' if i == 0 else f'-{i + 1}'}.md", province, chunk_items, chunk_regions)
                 for i, (chunk_items, chunk_regions) in enumerate(chunks)]
        siblings = [(f"第 {i + 1} 页", part.uri) for i, part in enumerate(parts)] if len(parts) > 1 else []
        for part in parts:
            part.siblings = siblings
        return parts

    def title(self, comparison: str, catalog: Catalog) -> str:
        page = next((label for label, uri in self.siblings if uri == self.uri), "")
        return f"{comparison}：{catalog.regions[self.province].name}" + (f"（{page}）" if page else "")


class MarkerError(Exception):
    """A marker or catalog link in a hand-written page that cannot be filled."""


# Markers a hand-written page may embed: template, and the kind of ID it takes (None: no argument).
MARKERS: dict[str, tuple[str, str | None]] = {
    "services-table": ("_services_table.html.j2", None),
    "roles-table": ("_roles_table.html.j2", None),
    "regions-tree": ("_regions_tree.html.j2", None),
    "documents-table": ("_documents_table.html.j2", None),
    "glossary-table": ("_glossary_table.html.j2", None),
    "counts": ("_counts.html.j2", None),
    "exclusions": ("_exclusions.html.j2", None),
    "role-requirements": ("_role_requirements.html.j2", "role"),
    "region-timeline": ("_region_timeline.html.j2", "region"),
}


class _PageHelpers:
    """HTML helpers bound to the page being rendered: links are relative to its URL, and the
    headings it prints are collected for its table of contents."""

    def __init__(self, renderer: Renderer, page_uri: str) -> None:
        self.catalog = renderer.catalog
        self.uri = page_uri
        self._url_of = renderer.url_of
        self.url = renderer.url_of(page_uri)
        # Pages in the same folder share relative links and citations (most pages are in a
        # handful of folders), so both are cached per folder for the whole build.
        folder = self.url.rpartition("/")[0]
        self._hrefs: dict[str, Markup] = renderer.href_cache.setdefault(folder, {})
        self._sources: dict[tuple[str, str | None], Markup] = renderer.source_cache.setdefault(folder, {})
        self.headings: list[Heading] = []
        self._ids: set[str] = set()

    def href_uri(self, target: str) -> Markup:
        """Relative URL of any page or file given by its path in the docs (e.g. `compare/x.md#id`)."""
        href = self._hrefs.get(target)
        if href is None:
            path, _, anchor = target.partition("#")
            href = self._hrefs[target] = Markup(get_relative_url(self._url_of(path), self.url) + (f"#{anchor}" if anchor else ""))
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
        return Markup(f'<h{level} id="{anchor}">{name}<a class="headerlink" href="#{anchor}" '
                      f'title="{PERMALINK_TITLE}">&para;</a></h{level}>')

    def cell(self, value: Value, column: Column) -> Markup:
        """A comparison cell: value, citation and, for numeric columns, a sort key for the browser."""
        if isinstance(value, Link):
            return self.link(value.kind, value.id)
        if isinstance(value, str):
            return escape(value)
        if isinstance(value, list):
            if not value:
                return self.value(None)
            return Markup("<br>").join(
                Markup(f"{escape(v.label)}：{self.value(v)}") if v.label else self.value(v) for v in value)
        key = sort_key(value, column) if column.numeric else None
        prefix = Markup(f'<span class="swkb-sort" data-sort="{key:g}"></span>') if key is not None else Markup("")
        return prefix + self.value(value)

    def svg(self, milestones: list[Any], title: str) -> Markup:
        return Markup(render_svg([(m.event, [m]) for m in milestones], title))

    def name(self, kind: str, entry_id: str) -> str:
        if kind == "document":
            return self.catalog.document_label(entry_id)
        model = self.catalog.located(kind, entry_id).model
        return getattr(model, "name", None) or getattr(model, "term", entry_id)

    def cite(self, fact: Fact | ServiceDomain) -> Markup:
        """The citation of a fact: the document (linked) and the clause."""
        return self.source(fact.source, fact.clause)

    def source(self, doc_id: str, clause: str | None) -> Markup:
        cited = self._sources.get((doc_id, clause))
        if cited is None:
            label = self.name("document", doc_id) + (f" {clause}" if clause else "")
            cited = self._sources[doc_id, clause] = Markup(
                f'<span class="swkb-cite">{self.a(self.href("document", doc_id), label)}</span>')
        return cited

    def value(self, fact: Fact | None) -> Markup:
        """A fact's value with its citation; 'not stated' and 'not collected' look different."""
        if fact is None:
            return Markup('<span class="swkb-not-collected" title="我们尚未从来源整理这一项">未收集</span>')
        if fact.status == "not_stated":
            return Markup(f'<span class="swkb-not-stated" title="所引文件没有规定这一项">来源未规定</span> {self.cite(fact)}')
        return Markup(f"{escape(self.plain(fact))} {self.cite(fact)}")

    @staticmethod
    def plain(fact: Fact) -> str:
        """The value alone, as text."""
        return fact.display()
