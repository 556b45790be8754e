"""Render the validated catalog into Markdown pages, through Jinja2 templates.

Safety rule: every value a template prints is escaped as Markdown text (Jinja `finalize`),
so YAML content can never become markup, links, HTML or script. Only `Markup` produced by
this module's own helpers (links, status badges) passes through unchanged.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

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
COMPARE_INDEX = "compare/index.md"
BUILD_INFO_URI = "build-info.md"
COVERAGE_URI = "compare/services.md"
TIMELINES_URI = "compare/timelines.md"

SCOPE_ZH = {"region_wide": "全域", "pilot": "试点"}
STATUS_ZH = {"in_force": "现行", "trial": "试行", "repealed": "已失效", "unknown": "未知"}
DOC_TYPE_ZH = {"notice": "通知", "plan": "实施方案", "opinion": "意见", "news": "新闻报道",
               "project_plan": "项目计划", "summary": "摘要转载"}
PRECISION_ZH = {"day": "日", "month": "月", "year": "年", "before": "之前", "range": "时段"}

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md_text(value: Any) -> str:
    """Escape any value as inline Markdown text: every ASCII punctuation mark gets a backslash
    (pymdownx.escapeall makes that valid for all of them) and line breaks become spaces."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(md_text(value))


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


class Renderer:
    """Renders pages and embeddable tables for one catalog."""

    def __init__(self, catalog: Catalog, build_info: BuildInfo | None = None) -> None:
        self.catalog = catalog
        self.build_info = build_info
        # Past this many regions, listings are split by province so no page grows with the catalog.
        self.large = len(catalog.regions) > LARGE_CATALOG
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
                src_uri = PAGE_URI[kind].format(id=entry_id)
                located = self.catalog.located(kind, entry_id)
                content = self._render(f"{kind}.md.j2", src_uri, entry=model, entry_id=entry_id, located=located)
                out.append(GeneratedPage(src_uri, content, title(model), kind, entry_id, located.file, located.line))
            index_uri = INDEX_URI[kind]
            out.append(GeneratedPage(index_uri, self._render(f"{kind}_index.md.j2", index_uri,
                                                             document_provinces=self._document_groups_counts()),
                                     KIND_TITLE[kind], kind))
        if self.large:
            for pid, docs in self._document_groups().items():
                uri = f"documents/in/{pid or 'national'}.md"
                title = f"政策文件：{self.catalog.regions[pid].name if pid else '全国'}"
                out.append(GeneratedPage(uri, self._render("document_province.md.j2", uri, title=title, documents=docs),
                                         title, "document"))
        out.append(GeneratedPage(INDEX_URI["term"], self._render("glossary.md.j2", INDEX_URI["term"]),
                                 KIND_TITLE["term"], "term", source_file=self._glossary_file()))
        out += self.comparison_pages()
        if self.build_info is not None:
            out.append(GeneratedPage(BUILD_INFO_URI, self._render("build_info.md.j2", BUILD_INFO_URI, info=self.build_info),
                                     "构建信息", "about"))
        return out

    def comparison_pages(self) -> list[GeneratedPage]:
        """The comparison tables, the service coverage matrix and the timelines.

        A large catalog gets one page per province for each of them, so no page grows with the
        number of regions; the downloads always hold the whole table."""
        out = [GeneratedPage(COMPARE_INDEX, self._render("compare_index.md.j2", COMPARE_INDEX, comparisons=COMPARISONS),
                             "地区比较", "compare")]
        for comparison in COMPARISONS:
            table = self._tables[comparison.id]
            uri = f"compare/{comparison.id}.md"
            if not self.large:
                out.append(GeneratedPage(uri, self._render("compare_table.md.j2", uri, table=table, groups=table.groups),
                                         comparison.title, "compare"))
                continue
            out.append(GeneratedPage(uri, self._render("compare_provinces.md.j2", uri, title=comparison.title,
                                                       summary=comparison.summary, download=comparison.id,
                                                       counts=[(pid, len(rows)) for pid, rows in table.groups],
                                                       base=f"compare/{comparison.id}"), comparison.title, "compare"))
            for pid, rows in table.groups:
                part = f"compare/{comparison.id}/{pid}.md"
                out.append(GeneratedPage(part, self._render("compare_table.md.j2", part, table=table, groups=[(pid, rows)]),
                                         f"{comparison.title}：{self.catalog.regions[pid].name}", "compare"))
        coverage = self._province_groups(coverage_rows(self.catalog))
        timelines = [(rid, self.catalog.milestones(rid)) for rid in sorted(self.catalog.regions) if self.catalog.regions[rid].timeline]
        timeline_groups = self._province_groups([rid for rid, _ in timelines])
        by_region = dict(timelines)
        if not self.large:
            out.append(GeneratedPage(COVERAGE_URI, self._render("compare_services.md.j2", COVERAGE_URI, groups=coverage),
                                     "服务覆盖", "compare"))
            out.append(GeneratedPage(TIMELINES_URI, self._render(
                "compare_timelines.md.j2", TIMELINES_URI, timelines=timelines, milestones=milestone_rows(self.catalog),
                overview=render_svg([(self.catalog.regions[rid].name, ms) for rid, ms in timelines], "各地时间节点")),
                "时间节点", "compare"))
            return out
        out.append(GeneratedPage(COVERAGE_URI, self._render(
            "compare_provinces.md.j2", COVERAGE_URI, title="服务覆盖", summary="各地的服务领域与 15 项服务清单的对应。",
            download=None, counts=[(pid, len(rids)) for pid, rids in coverage], base="compare/services"), "服务覆盖", "compare"))
        for pid, rids in coverage:
            part = f"compare/services/{pid}.md"
            out.append(GeneratedPage(part, self._render("compare_services.md.j2", part, groups=[(pid, rids)]),
                                     f"服务覆盖：{self.catalog.regions[pid].name}", "compare"))
        # One lane per province on the overview: every milestone of its regions on one line.
        overview = render_svg([(self.catalog.regions[pid].name, [m for rid in rids for m in by_region[rid]])
                               for pid, rids in timeline_groups], "各省时间节点")
        out.append(GeneratedPage(TIMELINES_URI, self._render(
            "compare_provinces.md.j2", TIMELINES_URI, title="时间节点", download=None, overview=overview,
            summary="各地推进社工站建设的时间表。总览图每行是一个省，点省名看其中每个地区。",
            counts=[(pid, len(rids)) for pid, rids in timeline_groups], base="compare/timelines"), "时间节点", "compare"))
        for pid, rids in timeline_groups:
            part = f"compare/timelines/{pid}.md"
            chosen = [(rid, by_region[rid]) for rid in rids]
            out.append(GeneratedPage(part, self._render(
                "compare_timelines.md.j2", part, timelines=chosen,
                milestones=[(rid, m) for rid, ms in chosen for m in ms],
                overview=render_svg([(self.catalog.regions[rid].name, ms) for rid, ms in chosen], "时间节点")),
                f"时间节点：{self.catalog.regions[pid].name}", "compare"))
        return out

    def _document_groups(self) -> dict[str, dict[str, Any]]:
        """Documents by province ("" for national ones), provinces in pinyin order."""
        groups: dict[str, dict[str, Any]] = {}
        for did, doc in self.catalog.documents.items():
            groups.setdefault(self.catalog.province_of(doc.region) if doc.region else "", {})[did] = doc
        return dict(sorted(groups.items()))

    def _document_groups_counts(self) -> list[tuple[str, int]]:
        return [(pid, len(docs)) for pid, docs in self._document_groups().items()]

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

    def compare_target(self, base: str, region_id: str) -> str:
        """Where a region's row is: `compare/x.md#id`, or its province's page when split."""
        if self.large:
            return f"{base}/{self.catalog.province_of(region_id)}.md#{region_id}"
        return f"{base}.md#{region_id}"

    def _glossary_file(self) -> str | None:
        return next((e.file for e in self.catalog.entries if e.kind == "term"), None)

    def _render(self, template: str, page_uri: str, **context: Any) -> str:
        helpers = _PageHelpers(self.catalog, page_uri)
        return self.env.get_template(template).render(page=helpers, large=self.large, **self.context, **context)

    def comparison_rows(self, region_id: str) -> list[tuple[str, str]]:
        """(title, link target) of each comparison that has a row for `region_id`."""
        return [(COMPARISON_BY_ID[cid].title, self.compare_target(f"compare/{cid}", region_id))
                for cid in self._comparisons_of_region.get(region_id, [])]

    def marker(self, name: str, page_uri: str, argument: str | None = None) -> str:
        """Markdown for `<!-- swkb:NAME [ARGUMENT] -->` on the page at `page_uri`."""
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
        return self._render(template, page_uri, argument=argument)

    def entry_link(self, kind: str, entry_id: str, label: str | None, page_uri: str) -> str:
        """Markdown for `[[kind:id|label]]`: a link to the entry's page, named after the entry."""
        if kind not in PAGE_URI and kind != "term":
            raise MarkerError(f"未知的链接类型 `{kind}`（可用：service、role、region、document、term）"
                              + (f"。{did_you_mean(kind, [*PAGE_URI, 'term'])}" if did_you_mean(kind, [*PAGE_URI, 'term']) else ""))
        self._check_id(kind, entry_id)
        helpers = _PageHelpers(self.catalog, page_uri)
        if kind == "term":
            term = self.catalog.terms[entry_id]
            return f"[{md_text(label or term.term)}]({helpers.href('term', anchor=entry_id)})"
        return str(helpers.link(kind, entry_id, label))

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


class MarkerError(Exception):
    """A marker or catalog link in a hand-written page that cannot be filled."""


# Markers a hand-written page may embed: template, and the kind of ID it takes (None: no argument).
MARKERS: dict[str, tuple[str, str | None]] = {
    "services-table": ("_services_table.md.j2", None),
    "roles-table": ("_roles_table.md.j2", None),
    "regions-tree": ("_regions_tree.md.j2", None),
    "documents-table": ("_documents_table.md.j2", None),
    "glossary-table": ("_glossary_table.md.j2", None),
    "counts": ("_counts.md.j2", None),
    "exclusions": ("_exclusions.md.j2", None),
    "role-requirements": ("_role_requirements.md.j2", "role"),
    "region-timeline": ("_region_timeline.md.j2", "region"),
}


class _PageHelpers:
    """Link and fact helpers bound to the page being rendered (links are relative to it)."""

    def __init__(self, catalog: Catalog, page_uri: str) -> None:
        self.catalog = catalog
        self.uri = page_uri

    def href(self, kind: str, entry_id: str | None = None, anchor: str = "") -> Markup:
        """Relative link target; built only from slugs, which the models restrict to [a-z0-9-]."""
        target = INDEX_URI[kind] if entry_id is None else PAGE_URI[kind].format(id=entry_id)
        rel = posixpath.relpath(target, posixpath.dirname(self.uri) or ".")
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    def link(self, kind: str, entry_id: str, label: Any = None) -> Markup:
        """A Markdown link to an entry's page; the label defaults to the entry's name."""
        if label is None:
            label = self.name(kind, entry_id)
        return Markup(f"[{md_text(label)}]({self.href(kind, entry_id)})")

    def href_uri(self, target: str) -> Markup:
        """Relative link to any page or file given by its path in the site (e.g. `compare/x.md#id`)."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.uri) or ".")
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    @staticmethod
    def html(text: Any) -> Markup:
        """Text for a raw HTML block (where Markdown escapes would show): HTML-escaped instead."""
        return Markup(html.escape(str(text), quote=True))

    def cell(self, value: Value, column: Column) -> Markup:
        """A comparison cell: value, citation and, for numeric columns, a sort key for the browser."""
        if isinstance(value, Link):
            return self.link(value.kind, value.id)
        if isinstance(value, str):
            return Markup(md_text(value))
        if isinstance(value, list):
            if not value:
                return self.value(None)
            return Markup("<br>").join(
                Markup(f"{md_text(v.label)}：{self.value(v)}") if v.label else self.value(v) for v in value)
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
        label = self.name("document", doc_id) + (f" {clause}" if clause else "")
        return Markup(f'<span class="swkb-cite">[{md_text(label)}]({self.href("document", doc_id)})</span>')

    def value(self, fact: Fact | None) -> Markup:
        """A fact's value with its citation; 'not stated' and 'not collected' look different."""
        if fact is None:
            return Markup('<span class="swkb-not-collected" title="我们尚未从来源整理这一项">未收集</span>')
        if fact.status == "not_stated":
            return Markup(f'<span class="swkb-not-stated" title="所引文件没有规定这一项">来源未规定</span> {self.cite(fact)}')
        return Markup(f"{md_text(self.plain(fact))} {self.cite(fact)}")

    @staticmethod
    def plain(fact: Fact) -> str:
        """The value alone, as text."""
        return fact.display()
