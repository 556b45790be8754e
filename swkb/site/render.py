"""Render the validated catalog into pages: HTML bodies through Jinja2 templates, with their
titles, headings and links, for the page tree (swkb.site.pagetree).

Generated pages are written as HTML, not Markdown: Python-Markdown took most of a large build
parsing tables that the templates had just written, so the templates emit the HTML it would have
produced (same tags, heading anchors and permalinks) and MkDocs never converts them.

Safety rule: every value a template prints is HTML-escaped (Jinja autoescape), so YAML content
can never become markup, links or script. Only `Markup` made by swkb.site.helpers (links,
headings, citations, status badges) passes through unchanged.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from swkb.catalog.errors import did_you_mean
from swkb.catalog.labels import (
    DOC_TYPE_ZH,
    EXCLUSION_KIND_ZH,
    KIND_ZH,
    LEVEL_ZH,
    PHASE_ZH,
    POST_ZH,
    PRECISION_ZH,
    SCOPE_ZH,
    STATUS_ZH,
)
from swkb.catalog.store import Catalog
from swkb.publish.buildinfo import BuildInfo
from swkb.search.index import entity_names
from swkb.site.helpers import PageHelpers
from swkb.site.markers import MARKERS, MarkerError, md_text
from swkb.site.pages import GeneratedPage, RenderMemo
from swkb.site.svg import render_svg, render_tile_map
from swkb.site.tooltips import Tooltips
from swkb.views import coverage
from swkb.views import urls as site_urls
from swkb.views.cards import CARDS_INDEX, CARDS_PROVINCE_URI, CardSet, card_title
from swkb.views.cells import clause_anchor
from swkb.views.changes import CHANGE_ZH, EntryChange, Mark, fact_marks
from swkb.views.compare import COMPARISON_BY_ID, COMPARISONS, Table
from swkb.views.overview import SIDE_BY_SIDE_MAX, ProvinceFigures, coverage_by_province_plan
from swkb.views.pagination import STATIC_ROWS, is_large
from swkb.views.region_page import REGION_SECTION
from swkb.views.site import SiteViews
from swkb.views.timeline import PHASE_COLOURS
from swkb.views.urls import (
    BUILD_INFO_URI,
    COMPARE_INDEX,
    COMPLETENESS_URI,
    INDEX_URI,
    KIND_TITLE,
    OVERVIEW_URI,
    PAGE_URI,
    REGIONS_URI,
    PageKind,
    page_url,
)

TEMPLATE_DIR = Path(__file__).parent / "templates"
"""pages/ (whole generated pages), partials/ (pieces they include or import: macros, SVG) and
markers/ (what a marker in a hand-written page embeds, swkb.site.markers.MARKERS). Every
template is named in full where it is used, so grep finds the code that renders it."""
ENTRY_TEMPLATE: dict[PageKind, str] = {
    "service": "pages/service.html.j2",
    "role": "pages/role.html.j2",
    "region": "pages/region.html.j2",
    "document": "pages/document.html.j2",
}
INDEX_TEMPLATE: dict[PageKind, str] = {
    "service": "pages/service_index.html.j2",
    "role": "pages/role_index.html.j2",
    "region": "pages/region_index.html.j2",
    "document": "pages/document_index.html.j2",
}
PROVINCE_LANE_MERGE = 20.0
"""SVG units (about a quarter of a year on the overview's axis) within which a province lane draws one mark."""


def _finalize(value: Any) -> Any:
    return "" if value is None else value


@jinja2.pass_context
def _tip(context: jinja2.runtime.Context, value: Any) -> Markup:
    """`{{ text | tip }}`: the text escaped, with glossary tooltips on a generated page
    (PageHelpers.tip). Only for element text: never in an attribute, link, heading or button."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    page = context.get("page")
    return page.tip(value) if isinstance(page, PageHelpers) else escape(value)


@lru_cache(maxsize=2)
def _tooltips(table: tuple[tuple[str, str], ...], protected: tuple[str, ...]) -> Tooltips:
    """One matcher per glossary and set of names, kept across the builds of a serve session
    (it remembers where the words stand in each text it has seen)."""
    return Tooltips(table, protected=protected)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One template environment per process: under `mkdocs serve` compiled templates are kept
    between rebuilds (Jinja recompiles a template only when its file changes). Each Renderer
    passes the values of its own build in the render context."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tip"] = _tip
    return env


def _table_inputs(table: Table, shown: range) -> tuple[Any, ...]:
    """What a comparison's page shows of its table: the columns, the cells of the rows on the
    page, and which regions and provinces the whole table has rows for (the filter, the counts).
    Not the Table itself: its columns carry getter functions made anew for every catalog."""
    columns = tuple((c.title, c.unit, c.phrase, c.id, c.empty, c.total_unit, c.text_sort) for c in table.columns)
    rows = tuple((table.rows[i].region_id, table.rows[i].label, table.rows[i].anchor, tuple(table.row_cells(i))) for i in shown)
    return (table.comparison.id, columns, rows, tuple(table.provinces), tuple(r.region_id for r in table.rows))


def template_environment() -> jinja2.Environment:
    """The environment of our templates (the plugin gives it the compiled-template cache)."""
    return _environment()


class Renderer:
    """Renders pages and embeddable tables for one catalog."""

    def __init__(
        self,
        catalog: Catalog,
        build_info: BuildInfo | None = None,
        directory_urls: bool = True,
        views: SiteViews | None = None,
        reuse: RenderMemo | None = None,
        remember: bool = False,
    ) -> None:
        """`reuse`: the memo of the previous build of a serve session (same templates and code):
        pages whose inputs are equal to that build's are taken from it, not rendered again.
        `remember`: record this build's inputs for the next one (a full build has no next one)."""
        self.catalog = catalog
        self.directory_urls = directory_urls
        self.reuse = reuse
        self.remember = remember or reuse is not None
        self.memo_keys: dict[str, tuple[Any, ...]] = {}
        """This build's memo keys (RenderMemo.keys), for the next build."""
        self.reused = 0
        """Pages taken from `reuse` in this build."""
        self.views = views or SiteViews(catalog)
        self.build_info = build_info
        # Links in generated HTML are final URLs, relative to the page, as MkDocs would write them.
        self.url_of: Callable[[str], str] = lru_cache(maxsize=None)(lambda uri: page_url(uri, directory_urls))
        self.href_cache: dict[str, dict[str, Markup]] = {}
        self.source_cache: dict[str, dict[tuple[str, str | None], Markup]] = {}
        self.large = is_large(catalog)
        self.share: tuple[int, int] | None = None
        """(k, n): render only every n-th page, starting at the k-th; the others come back as
        placeholders with no content (swkb.site.pagetree renders a big catalog in two processes)."""
        self._page_index = 0
        self.env = _environment()
        # Per-build values travel in each render's context, never in the shared environment.
        self.context: dict[str, Any] = dict(
            LEVEL_ZH=LEVEL_ZH,
            PHASE_ZH=PHASE_ZH,
            POST_ZH=POST_ZH,
            SCOPE_ZH=SCOPE_ZH,
            STATUS_ZH=STATUS_ZH,
            DOC_TYPE_ZH=DOC_TYPE_ZH,
            PRECISION_ZH=PRECISION_ZH,
            catalog=catalog,
            clause_anchor=clause_anchor,
            compare_links=self.comparison_rows,
            compare_target=self.compare_target,
            PHASE_COLOURS=PHASE_COLOURS,
            cards=self.views.cards,
            EXCLUSION_KIND_ZH=EXCLUSION_KIND_ZH,
            CARDS_PROVINCE_URI=CARDS_PROVINCE_URI,
            SECTION=REGION_SECTION,
        )
        self.context.update(self._release_context())

    # ----- pages -----

    def pages(self) -> list[GeneratedPage]:
        """Every generated page: one per entry, one index per kind, and the glossary."""
        self._page_index = 0
        out: list[GeneratedPage] = []
        kinds: list[tuple[PageKind, dict[str, Any], Callable[[Any], str]]] = [
            ("service", self.catalog.services, lambda s: f"{s.number}. {s.name}"),
            ("role", self.catalog.roles, lambda r: r.name),
            ("region", self.catalog.regions, lambda r: r.name),
            ("document", self.catalog.documents, lambda d: d.number or d.title),
        ]
        for kind, entries, title in kinds:
            for entry_id, model in entries.items():
                located = self.catalog.located(kind, entry_id)
                out.append(
                    self._page(
                        ENTRY_TEMPLATE[kind],
                        PAGE_URI[kind].format(id=entry_id),
                        title(model),
                        kind,
                        entry_id=entry_id,
                        source_file=located.file,
                        source_line=located.line,
                        inputs=self._entry_inputs(kind, entry_id, located) if self.remember else None,
                        entry=model,
                        located=located,
                    )
                )
            out.append(
                self._page(INDEX_TEMPLATE[kind], INDEX_URI[kind], KIND_TITLE[kind], kind, document_groups=self._document_groups)
            )
        if self.large:
            for pid, docs in self._document_groups.items():
                list_title = f"政策文件：{self.catalog.regions[pid].name if pid else '全国'}"
                out.append(
                    self._page(
                        "pages/document_province.html.j2",
                        f"documents/in/{pid or 'national'}.md",
                        list_title,
                        "document",
                        # The list prints each document's own fields; names come with the signature.
                        inputs=tuple(docs.items()) if self.remember else None,
                        documents=docs,
                    )
                )
        out.append(
            self._page("pages/glossary.html.j2", INDEX_URI["term"], KIND_TITLE["term"], "term", source_file=self._glossary_file())
        )
        out += self.comparison_pages()
        out += self.card_pages()
        if self.build_info is not None:
            out.append(self.build_info_page(self.build_info))
        out.append(self.coverage_page())
        out += self.change_pages()
        return out

    def build_info_page(self, info: BuildInfo) -> GeneratedPage:
        """构建信息: the catalog version, build time and commit of this build."""
        return self._page("pages/build_info.html.j2", BUILD_INFO_URI, "构建信息", "about", info=info)

    def coverage_page(self) -> GeneratedPage:
        """数据完整度 for maintainers: the same rows `swkb coverage` prints (swkb.views.coverage).
        A national catalog's page keeps the totals but lists only the largest gaps (at 3,000
        regions the full listing is 27,000 rows and 28 MB); the command prints every row."""
        rows = coverage.coverage(self.catalog)
        by_region = coverage.totals(rows, "region")
        shown = STATIC_ROWS if self.large else None
        return self._page(
            "pages/coverage.html.j2",
            COMPLETENESS_URI,
            "数据完整度",
            "about",
            rows=rows[:shown],
            row_count=len(rows),
            by_topic=coverage.totals(rows, "topic_name"),
            by_region=by_region[:shown],
            region_count=len(self.catalog.regions),
            region_row_count=len(by_region),
            sums=coverage.sums(rows),
            FIELD_REFERENCE=coverage.FIELD_REFERENCE,
        )

    # ----- release change log -----

    def _release_context(self) -> dict[str, Any]:
        """What the pages need to show the release they belong to: the facts it changed are
        marked where they appear (`marks`, read by PageHelpers.value), changed regions say so."""
        notes = self.build_info.release if self.build_info is not None else None
        changes = notes.changes if notes is not None else None
        self.marks: dict[int, Mark] = fact_marks(self.catalog, changes) if changes else {}
        by_entry: dict[tuple[str, str], EntryChange] = {(e.kind, e.id): e for e in changes.entries} if changes else {}
        return dict(
            release=notes,
            release_changes=changes,
            CHANGE_ZH=CHANGE_ZH,
            KIND_ZH=KIND_ZH,
            release_change=lambda kind, entry_id: by_entry.get((kind, entry_id)),
        )

    def change_pages(self) -> list[GeneratedPage]:
        """本次更新 (what this release changed, by region and by topic) and 更新记录 (the releases)."""
        return [
            self._page("pages/changes.html.j2", site_urls.CHANGES_URI, "本次更新", "changes"),
            self._page("pages/changes_history.html.j2", site_urls.CHANGES_HISTORY_URI, "更新记录", "changes"),
        ]

    def comparison_pages(self) -> list[GeneratedPage]:
        """The comparison index, the side-by-side page, and one page per comparison.

        Each comparison is one table over all regions. In a large catalog its page holds the
        first STATIC_ROWS rows and the browser pages, filters and sorts all of them from the
        table's data file (swkb.publish.browserdata), so the page does not grow with the catalog."""
        out = [
            self._page("pages/compare_index.html.j2", COMPARE_INDEX, "地区比较", "compare", comparisons=COMPARISONS),
            self.overview_page(),
            self._page("pages/compare_regions.html.j2", REGIONS_URI, "选地区对照", "compare", build_info=self.build_info),
        ]
        for comparison in COMPARISONS:
            table = self._tables[comparison.id]
            shown = range(len(table.rows)) if not self.large else range(min(STATIC_ROWS, len(table.rows)))
            extra: dict[str, Any] = {}
            if comparison.id == "timelines":
                extra = self._timeline_context()
            out.append(
                self._page(
                    comparison.template,
                    f"compare/{comparison.id}.md",
                    comparison.title,
                    "compare",
                    # A table's page shows its rows and names: unchanged when the edit was elsewhere.
                    inputs=_table_inputs(table, shown) if self.remember and not extra else None,
                    table=table,
                    shown=shown,
                    **extra,
                )
            )
        return out

    def overview_page(self) -> GeneratedPage:
        """全国概览: the tile map of the 31 provinces and its table (swkb.views.overview)."""
        here, side_by_side = self.url_of(OVERVIEW_URI), self.url_of(REGIONS_URI)

        def side_href(p: ProvinceFigures) -> str:
            return f"{site_urls.relative_url(side_by_side, here)}?ids={','.join(p.side_by_side_ids)}"

        figures = self.views.overview
        names = {rid: r.name for rid, r in self.catalog.regions.items()}
        levels: dict[str, str] = {rid: r.level for rid, r in self.catalog.regions.items()}
        tilemap = render_tile_map(figures, side_href, LEVEL_ZH, names, levels)
        return self._page(
            "pages/overview.html.j2",
            OVERVIEW_URI,
            "全国概览",
            "compare",
            figures=figures,
            tilemap=tilemap,
            side_href=side_href,
            side_max=SIDE_BY_SIDE_MAX,
        )

    def _timeline_context(self) -> dict[str, Any]:
        """The overview chart (a lane per region, or per province in a large catalog), who
        reaches full coverage when, and (small catalogs) one chart per region. Each mark links
        to its milestone's row, so details open by click, tap or keyboard, not only by hover."""
        timelines = self._timelines
        rows = {id(row.subject[1]): row.anchor for row in self._tables["timelines"].rows}
        shown = set(list(rows.values())[:STATIC_ROWS]) if self.large else set(rows.values())

        def anchor_of(m: Any) -> str | None:
            anchor = rows.get(id(m))
            return anchor if anchor in shown else None

        if self.large:
            by_region = dict(timelines)
            lanes = [
                (self.catalog.regions[pid].name, [m for rid in rids for m in by_region[rid]])
                for pid, rids in self._province_groups([rid for rid, _ in timelines])
            ]
            # A province's counties name dates all over the years: one mark per quarter and phase.
            overview = render_svg(lanes, "各省时间节点", merge_units=PROVINCE_LANE_MERGE)
        else:
            overview = render_svg([(self.catalog.regions[rid].name, ms) for rid, ms in timelines], "各地时间节点", anchor_of)
        charts = (
            []
            if self.large
            else [
                (rid, render_svg([(m.event, [m]) for m in ms], f"{self.catalog.regions[rid].name}时间节点", anchor_of))
                for rid, ms in timelines
            ]
        )
        return {
            "overview": overview,
            "coverage": self.views.coverage,
            "coverage_plans": [] if self.large else coverage_by_province_plan(self.catalog, self.views.coverage),
            "coverage_by_province": self.views.coverage_by_province if self.large else [],
            "charts": charts,
        }

    def card_pages(self) -> list[GeneratedPage]:
        """An onboarding card per (region, post), their index and, in a large catalog, one list of
        cards per province (the index then lists provinces)."""
        cards: CardSet = self.context["cards"]
        out = []
        for ref in cards.refs:
            located = self.catalog.located("region", ref.region_id)
            source_file, source_line = located.file, located.line_of("staffing")
            if not self._renders_next():
                # The other process of render_in_two renders this card: no view needed here
                # (each process made all 3,000 views at national scale, about 1.2 s).
                title = card_title(self.catalog.regions[ref.region_id], self.catalog.roles[ref.role_id])
                out.append(
                    self._page("pages/card.html.j2", ref.uri, title, "card", source_file=source_file, source_line=source_line)
                )
                continue
            card = cards.card(ref)
            out.append(
                self._page(
                    "pages/card.html.j2",
                    ref.uri,
                    card.title,
                    "card",
                    source_file=source_file,
                    source_line=source_line,
                    inputs=card if self.remember else None,
                    card=card,
                )
            )
        out.append(self._page("pages/card_index.html.j2", CARDS_INDEX, "入职卡片", "card", province=None))
        if self.large:
            for pid in cards.by_province:
                out.append(
                    self._page(
                        "pages/card_index.html.j2",
                        CARDS_PROVINCE_URI.format(province=pid),
                        f"入职卡片：{self.catalog.regions[pid].name}",
                        "card",
                        province=pid,
                    )
                )
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

    @property
    def _tables(self) -> dict[str, Table]:
        return self.views.tables

    @cached_property
    def _comparisons_of_region(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for comparison in COMPARISONS:
            for rid in dict.fromkeys(row.region_id for row in self._tables[comparison.id].rows):
                out.setdefault(rid, []).append(comparison.id)
        return out

    @cached_property
    def _timelines(self) -> list[tuple[str, list[Any]]]:
        return [(rid, self.catalog.milestones(rid)) for rid in sorted(self.catalog.regions) if self.catalog.regions[rid].timeline]

    def compare_target(self, base: str, region_id: str) -> str:
        """Where a region's rows are: `compare/x.md#id`; in a large catalog, whose table pages hold
        only their first rows, the table filtered to the region (the script reads `?region=`)."""
        if self.large:
            return f"{base}.md?region={region_id}"
        return f"{base}.md#{region_id}"

    def _entry_inputs(self, kind: PageKind, entry_id: str, located: Any) -> tuple[Any, ...] | None:
        """What a region's, a document's or a service's page reads about its own entry, beyond
        the signature: the entry and where it is written, and what other entries say about it (the
        documents a region issued, its children, timeline and comparisons; the facts citing a
        document by clause, the documents based on it, the services it defines; the posts that
        deliver a service, the regions' domains mapped onto it and the documents defining it). A
        role's page sums up every region's staffing: it is rendered every build."""
        c = self.catalog
        where = (located.file, located.line, located.loc, tuple(located.field_lines.items()))
        if kind == "region":
            documents = tuple((did, c.documents[did]) for did in c.documents_of_region.get(entry_id, []))
            return (
                located.model,
                where,
                documents,
                tuple(c.children.get(entry_id, [])),
                tuple(c.milestones(entry_id)),
                tuple(self.comparison_rows(entry_id)),
            )
        if kind == "service":
            # At 3,000 regions the 15 service pages were 0.6 s of every serve save.
            return (
                located.model,
                where,
                tuple(c.roles_delivering.get(entry_id, [])),
                tuple(c.domains_adopting.get(entry_id, [])),
                tuple(c.documents_defining_service.get(entry_id, [])),
            )
        if kind == "document":
            return (
                located.model,
                where,
                tuple((clause, tuple(items)) for clause, items in c.clause_groups(entry_id)),
                tuple(c.clauses_linked.get(entry_id, [])),
                tuple(c.documents_based_on.get(entry_id, [])),
                tuple(c.services_defined_by.get(entry_id, [])),
            )
        return None

    @cached_property
    def signature(self) -> tuple[Any, ...]:
        """What any page may look up beyond its own inputs (RenderMemo.signature): every entry's
        name, title, citation label and place in the hierarchy, the services, roles, glossary,
        categories and checklist whole, the tooltips and the layout."""
        c = self.catalog
        return (
            self.large,
            self.directory_urls,
            tuple((rid, r.name, r.name_basis, r.name_note, r.level, r.parent) for rid, r in c.regions.items()),
            tuple((did, c.document_label(did), d.title, d.title_official, d.number, d.region) for did, d in c.documents.items()),
            tuple(c.services.items()),
            tuple(c.roles.items()),
            tuple(c.terms.items()),
            tuple(c.categories.items()),
            tuple(c.checklist),
            tuple(self.tooltip_table()),
        )

    @cached_property
    def _reusable(self) -> bool:
        return self.reuse is not None and self.reuse.signature == self.signature

    def memo(self, pages: dict[str, GeneratedPage]) -> RenderMemo:
        """This build's memo, for the next build to reuse pages from."""
        return RenderMemo(self.signature, self.memo_keys, pages)

    def _glossary_file(self) -> str | None:
        return next((e.file for e in self.catalog.entries if e.kind == "term"), None)

    def _renders_next(self) -> bool:
        """Whether the next `_page` call renders its page here (else it leaves a placeholder for
        the other process of render_in_two)."""
        return self.share is None or self._page_index % self.share[1] == self.share[0]

    def _page(
        self,
        template: str,
        src_uri: str,
        title: str,
        kind: PageKind,
        *,
        entry_id: str | None = None,
        source_file: str | None = None,
        source_line: int = 0,
        inputs: object = None,
        **context: Any,
    ) -> GeneratedPage:
        """`inputs`: everything the template reads about this page's own entry, compared by
        equality with the previous build's (RenderMemo); None renders the page every build."""
        renders = self._renders_next()
        self._page_index += 1
        if not renders:
            return GeneratedPage(
                src_uri, self.url_of(src_uri), "", title, kind, entry_id, source_file, source_line, placeholder=True
            )
        # A release's change notes and marks (keyed by object) appear on many pages: never reused.
        if inputs is not None and not self.marks and self.context.get("release_changes") is None:
            key = (template, src_uri, title, kind, entry_id, source_file, source_line, inputs)
            self.memo_keys[src_uri] = key
            if self._reusable and self.reuse is not None and self.reuse.keys.get(src_uri) == key:
                earlier = self.reuse.pages.get(src_uri)
                if earlier is not None:
                    self.reused += 1
                    return earlier
        helpers = PageHelpers(self, src_uri, self.tooltips)
        content = self._render_with(helpers, template, title=title, entry_id=entry_id, **context)
        meta: dict[str, Any] = {}
        if content.startswith("---\n"):
            # Front matter of the template (e.g. `hide: [navigation]` on wide pages): page options.
            head, _, content = content[4:].partition("\n---\n")
            meta = yaml.safe_load(head) or {}
        return GeneratedPage(
            src_uri,
            self.url_of(src_uri),
            content,
            title,
            kind,
            entry_id,
            source_file,
            source_line,
            tuple(helpers.headings),
            frozenset(helpers.anchor_links),
            meta=meta,
            anchors=frozenset(helpers.anchors),
        )

    def _render_with(self, helpers: PageHelpers, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(page=helpers, large=self.large, **self.context, **context)

    def comparison_rows(self, region_id: str) -> list[tuple[str, str]]:
        """(title, link target) of each comparison that has a row for `region_id`."""
        return [
            (COMPARISON_BY_ID[cid].title, self.compare_target(f"compare/{cid}", region_id))
            for cid in self._comparisons_of_region.get(region_id, [])
        ]

    def marker(self, name: str, page_uri: str, argument: str | None = None) -> str:
        """HTML for `<!-- swkb:NAME [ARGUMENT] -->` on the page at `page_uri`, as a raw HTML block
        (Python-Markdown passes it through untouched)."""
        if name not in MARKERS:
            raise MarkerError(
                f"未知的目录标记 `swkb:{name}`（可用：{'、'.join(sorted(MARKERS))}）"
                + (f"。{did_you_mean(name, MARKERS)}" if did_you_mean(name, MARKERS) else "")
            )
        template, kind = MARKERS[name]
        if kind is None and argument:
            raise MarkerError(f"目录标记 `swkb:{name}` 不带参数，实际写了 `{argument}`")
        if kind is not None:
            if not argument:
                raise MarkerError(f"目录标记 `swkb:{name}` 需要一个{KIND_ZH[kind]} ID，如 `<!-- swkb:{name} ID -->`")
            self._check_id(kind, argument)
        return self._render_with(PageHelpers(self, page_uri), template, argument=argument)

    def entry_link(self, kind: str, entry_id: str, label: str | None, page_uri: str) -> str:
        """Markdown for `[[kind:id|label]]`: a link to the entry's page, named after the entry."""
        if kind not in PAGE_URI and kind != "term":
            raise MarkerError(
                f"未知的链接类型 `{kind}`（可用：service、role、region、document、term）"
                + (f"。{did_you_mean(kind, [*PAGE_URI, 'term'])}" if did_you_mean(kind, [*PAGE_URI, "term"]) else "")
            )
        self._check_id(kind, entry_id)
        # A Markdown link to the .md path: MkDocs checks it and turns it into a URL.
        target = INDEX_URI["term"] if kind == "term" else PAGE_URI[kind].format(id=entry_id)
        rel = posixpath.relpath(target, posixpath.dirname(page_uri) or ".")
        if kind == "term":
            return f"[{md_text(label or self.catalog.terms[entry_id].term)}]({rel}#{entry_id})"
        return f"[{md_text(label or PageHelpers(self, page_uri).name(kind, entry_id))}]({rel})"

    def _check_id(self, kind: str, entry_id: str) -> None:
        known = self.catalog.ids(kind)
        if entry_id not in known:
            hint = did_you_mean(entry_id, known)
            raise MarkerError(f"引用了不存在的{KIND_ZH[kind]} `{entry_id}`" + (f"，{hint}" if hint else ""))

    @cached_property
    def tooltips(self) -> Tooltips:
        """The glossary tooltips of generated pages; names of places, services, roles and
        documents are never cut into one (驻站社工 keeps its 社工)."""
        names = tuple(n for group in entity_names(self.catalog).values() for n in group)
        return _tooltips(tuple(self.tooltip_table()), names)

    def tooltip_table(self) -> list[tuple[str, str]]:
        """(word, tooltip text) for every glossary term, abbreviation and synonym."""
        table: dict[str, str] = {}
        for term in self.catalog.terms.values():
            text = " ".join(f"{term.term}：{term.definition}".split())
            for word in [term.term, *term.abbreviations, *term.synonyms]:
                if len(word) >= 2:
                    table.setdefault(word, text)
        return list(table.items())
