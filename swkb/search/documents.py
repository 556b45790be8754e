"""Search documents of generated pages, made straight from the catalog models and the views.

Each kind of page has one function giving its `SearchDoc`s: the page itself, its sections
(anchor, title, text) and, for the glossary and the comparisons, results of their own (a term,
a comparison row). Text is the catalog's text as written; nothing here parses the HTML we
rendered. Hand-written pages are read from their HTML in swkb.search.handwritten.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from swkb.catalog.labels import DOC_TYPE_ZH, LEVEL_ZH, NOT_STATED, POST_ZH, STATUS_ZH
from swkb.catalog.models import Fact, Region, ServiceDomain
from swkb.catalog.store import Catalog
from swkb.log import log
from swkb.search.figures import Figure, figures_in
from swkb.search.pages import Page, SiteLinks
from swkb.views.compare import COMPARISONS, Column, Comparison, Link, Row, Value
from swkb.views.region_page import REGION_SECTION
from swkb.views.urls import COVERAGE_URI, INDEX_URI, TIMELINES_URI, PageKind

SearchKind = PageKind | Literal["guide", "page"]
"""A generated page's kind, or guide / page for hand-written pages (swkb.search.build.handwritten_kind)."""


@dataclass(frozen=True)
class SearchDoc:
    """One thing search can find: a page, a section of it, or a result of its own."""

    location: str
    """URL relative to the site root, with `#anchor` for a section."""
    title: str
    kind: SearchKind
    """The kind of the page it is on, or guide or page for a hand-written one (labels.SEARCH_KIND_ZH)."""
    text: str = ""
    context: str = ""
    """Where it belongs, shown under the title: a document's region and 文号, a region's parents."""
    names: tuple[str, ...] = ()
    """What the entry is called (official name first): an exact match ranks it first."""
    figures: tuple[Figure, ...] = ()
    entry: str = ""
    """ID of the catalog entry a page is about."""
    alone: bool = False
    """A result of its own (a glossary term, a comparison row), not a section grouped under its page."""


SEP = "；"
# A part that already ends a sentence needs no separator after it: "…为主。；服务对象" reads as a slip.
_ENDS_SENTENCE = ("。", "！", "？", "；", "…")


def _join(parts: Iterable[str]) -> str:
    out = ""
    for part in parts:
        if not part:
            continue
        out += part if not out or out.endswith(_ENDS_SENTENCE) else SEP + part
    return out


def fact_text(label: str, fact: Fact | ServiceDomain | list[Any] | None) -> str:
    """`label：value`, as the page shows it; '来源未规定' for a fact the source leaves open."""
    if fact is None or fact == []:
        return ""
    if isinstance(fact, list):
        return (
            f"{label}：" + "、".join(filter(None, (_one(f) for f in fact)))
            if label
            else "、".join(filter(None, (_one(f) for f in fact)))
        )
    value = _one(fact)
    return f"{label}：{value}" if label and value else value


def _one(fact: Any) -> str:
    if isinstance(fact, ServiceDomain):
        return fact.name
    if not isinstance(fact, Fact):
        return str(fact)
    value = NOT_STATED if fact.status == "not_stated" else fact.display()
    return f"{fact.label}：{value}" if fact.label else value


def facts_text(key: str, model: Any) -> str:
    """A region section's facts as its page shows them: the table's rows, then the lists, with
    the same labels (swkb.views.region_page)."""
    spec = REGION_SECTION[key]
    return _join(fact_text(label, value) for label, value in spec.rows(model) + spec.labelled_lists(model))


class PageDocs:
    """Makes the search documents of generated pages for one build."""

    def __init__(self, catalog: Catalog, renderer: SiteLinks, names: dict[tuple[str, str], list[str]]) -> None:
        self.catalog, self.renderer, self.names = catalog, renderer, names
        self._rows_by_page: dict[str, list[SearchDoc]] | None = None

    def url(self, src_uri: str) -> str:
        return self.renderer.url_of(src_uri)

    def of(self, page: Page) -> list[SearchDoc]:
        """The documents of one page (the adapter caches them per page content)."""
        if page.kind == "about":
            return []  # build information: nothing a reader searches for
        maker: Callable[[Page], list[SearchDoc]] | None = (
            {
                "region": self.region,
                "service": self.service,
                "role": self.role,
                "document": self.document,
            }.get(page.kind)
            if page.entry_id
            else None
        )
        if maker is not None:
            return maker(page)
        if page.src_uri == INDEX_URI["term"]:
            return self.glossary(page)
        if page.kind == "compare":
            return self.comparison(page)
        return [SearchDoc(page.url, page.title, page.kind, names=(page.title,))]

    # ----- helpers -----

    @staticmethod
    def heading_ids(page: Page) -> set[str]:
        """The ids of the page's headings, as the page prints them."""
        return {html.unescape(h.id) for h in page.headings}

    def region_context(self, region_id: str) -> str:
        region = self.catalog.regions[region_id]
        chain = [self.catalog.regions[a].name for a in self.catalog.ancestors(region_id)]
        return " › ".join([*chain, LEVEL_ZH[region.level]]) if chain else LEVEL_ZH[region.level]

    # ----- kinds -----

    def region(self, page: Page) -> list[SearchDoc]:
        rid = page.entry_id or ""
        r: Region = self.catalog.regions[rid]
        printed = self.heading_ids(page)
        context = self.region_context(rid)
        docs = [
            SearchDoc(
                page.url, r.name, "region", r.summary or "", context, tuple(self.names.get(("region", rid), [r.name])), entry=rid
            )
        ]

        def section(key: str, text: str, *models: Any) -> None:
            # Title and id come from swkb.views.region_page, as the template's headings do.
            heading = REGION_SECTION[key]
            if text and heading.anchor not in printed:
                # The template did not print this section although it has content (its condition
                # differs from the one here): the section would silently drop out of search.
                log.warning(
                    "搜索：%s 没有“%s”一节(#%s)，这一节的内容不会进入搜索索引"
                    "(pages/region.html.j2 与 swkb/search/documents.py 的条件不一致)",
                    page.src_uri,
                    heading.title,
                    heading.anchor,
                )
            elif text:
                docs.append(
                    SearchDoc(
                        f"{page.url}#{heading.anchor}",
                        f"{r.name} · {heading.title}",
                        "region",
                        text,
                        context,
                        figures=tuple(figures_in(models)),
                    )
                )

        documents = self.catalog.documents_of_region.get(rid, [])
        section(
            "documents",
            _join(
                f"{self.catalog.document_label(d)} {self.catalog.documents[d].title}"
                if self.catalog.documents[d].number
                else self.catalog.documents[d].title
                for d in documents
            ),
        )
        section("children", "、".join(self.catalog.regions[k].name for k in self.catalog.children.get(rid, [])))
        for key in ("station", "room"):
            site = getattr(r, key)
            if site is not None:
                section(key, facts_text(key, site), site)
        section("staffing", _join(self.rule_text(rule) for rule in r.staffing), *r.staffing)
        section(
            "services",
            _join(
                f"{d.name}（{'、'.join(self.catalog.services[s].name for s in d.maps_to) or '本地特有服务'}）" for d in r.services
            ),
        )
        section("recipients", fact_text("", r.recipients))
        for key, model in (("funding", r.funding), ("purchase", r.purchase), ("governance", r.governance)):
            if model is not None:
                section(key, facts_text(key, model), model)
        section("timeline", _join(f"{m.zh()} {m.event}" for m in self.catalog.milestones(rid)))
        section("practices", fact_text("", r.practices))
        section("statistics", fact_text("", r.statistics), *r.statistics)
        section("exclusions", fact_text("", r.exclusions))
        return docs

    def rule_text(self, rule: Any) -> str:
        head = f"{self.catalog.roles[rule.role].name}（{POST_ZH[rule.post]}）"
        return (
            head
            + "："
            + "，".join(
                filter(
                    None,
                    [
                        fact_text("人数", rule.count),
                        fact_text("由谁担任", rule.held_by),
                        fact_text("用人单位", rule.employer),
                        fact_text("年龄上限", rule.age_max),
                        fact_text("学历", rule.education),
                        fact_text("资格证书", rule.certificate),
                        fact_text("取证期限", rule.certificate_deadline),
                        fact_text("每年培训", rule.training_hours),
                        fact_text("优先条件", rule.preferences),
                        fact_text("职责", rule.duties),
                    ],
                )
            )
        )

    def service(self, page: Page) -> list[SearchDoc]:
        sid = page.entry_id or ""
        s = self.catalog.services[sid]
        roles = [self.catalog.roles[r].name for r in self.catalog.roles_delivering.get(sid, [])]
        text = _join(
            [
                s.summary,
                fact_text("口头说法", s.aliases),
                fact_text("服务对象", s.recipients),
                fact_text("主要工作", s.activities),
                fact_text("频次", s.cadence),
                fact_text("由哪些岗位提供", roles),
            ]
        )
        context = f"{self.catalog.categories[s.category].name} · 清单第 {s.number} 项"
        return [
            SearchDoc(
                page.url, page.title, "service", text, context, tuple(self.names.get(("service", sid), [s.name])), entry=sid
            )
        ]

    def role(self, page: Page) -> list[SearchDoc]:
        rid = page.entry_id or ""
        role = self.catalog.roles[rid]
        services = [self.catalog.services[s].name for s in role.delivers]
        regions = len({r for r, _ in self.catalog.staffing_of_role.get(rid, [])})
        text = _join([role.summary, fact_text("也称", role.aliases), fact_text("承担的服务", services)])
        context = f"{regions} 个地区有规定" if regions else ""
        return [
            SearchDoc(page.url, role.name, "role", text, context, tuple(self.names.get(("role", rid), [role.name])), entry=rid)
        ]

    def document(self, page: Page) -> list[SearchDoc]:
        did = page.entry_id or ""
        d = self.catalog.documents[did]
        where = self.catalog.regions[d.region].name if d.region else "全国"
        context = " · ".join(filter(None, [where, d.number, d.date.zh() if d.date else ""]))
        text = _join(
            [
                d.summary or "",
                f"发文机关：{d.issuer}" if d.issuer else "",
                f"{LEVEL_ZH[d.level]}{DOC_TYPE_ZH[d.doc_type]}",
                f"效力状态：{STATUS_ZH[d.status]}",
            ]
        )
        return [SearchDoc(page.url, d.title, "document", text, context, tuple(self.names.get(("document", did), [])), entry=did)]

    def glossary(self, page: Page) -> list[SearchDoc]:
        docs = [
            SearchDoc(page.url, page.title, "term", "简称、同义说法和口头说法也能在搜索中找到对应术语。", names=(page.title,))
        ]
        for tid, t in self.catalog.terms.items():
            context = _join(
                [fact_text("简称", t.abbreviations), fact_text("同义说法", t.synonyms), fact_text("口头说法", t.aliases)]
            )
            docs.append(
                SearchDoc(
                    f"{page.url}#{tid}",
                    t.term,
                    "term",
                    t.definition,
                    context,
                    tuple(self.names.get(("term", tid), [t.term])),
                    alone=True,
                )
            )
        return docs

    # ----- comparisons -----

    def comparison(self, page: Page) -> list[SearchDoc]:
        """A comparison page, with a result of its own for each row it holds."""
        by_uri = {f"compare/{c.id}.md": c for c in COMPARISONS}
        comparison = by_uri.get(page.src_uri)
        names: tuple[str, ...] = (page.title,)
        text = ""
        if comparison is None:
            base = page.src_uri.removesuffix(".md").rsplit("/", 1)[0] + ".md"
            comparison = by_uri.get(base)
        if comparison is not None:
            names = (page.title, comparison.title, *column_names(comparison, self.catalog))
            text = _join([comparison.summary, "、".join(c.header for c in comparison.columns_for(self.catalog))])
        elif page.src_uri.startswith(TIMELINES_URI.removesuffix(".md")):
            text = "各地区推进社工站建设的时间节点：试点、推开、全覆盖和规范运行"
        elif page.src_uri.startswith(COVERAGE_URI.removesuffix(".md")):
            text = "各地区的服务领域与 15 项服务清单的对应"
        docs = [SearchDoc(page.url, page.title, "compare", text, names=names)]
        return docs + self.rows_by_page().get(page.src_uri, [])

    def rows_by_page(self) -> dict[str, list[SearchDoc]]:
        if self._rows_by_page is None:
            out: dict[str, list[SearchDoc]] = {}
            for comparison in COMPARISONS:
                for src_uri, doc in self.comparison_rows(comparison):
                    out.setdefault(src_uri, []).append(doc)
            for src_uri, doc in self.timeline_rows():
                out.setdefault(src_uri, []).append(doc)
            self._rows_by_page = out
        return self._rows_by_page

    def comparison_rows(self, comparison: Comparison) -> Iterable[tuple[str, SearchDoc]]:
        """A result per row. Each is kept for the row's region model (swkb.catalog.memo) while
        its page, its label, the columns and every name stay the same: a serve save that changed
        one region's figures made these again for every row of every table."""
        base = f"compare/{comparison.id}"
        table = self.renderer.views.tables[comparison.id]
        columns = comparison.columns_for(self.catalog)
        for row in table.rows:
            target = self.renderer.compare_target(base, row.region_id).partition("#")[0]
            url = f"{self.url(target)}#{row.anchor}"
            doc = self.catalog.memo.get(
                f"search:{comparison.id}:{row.anchor}",
                self.catalog.regions[row.region_id],
                partial(self._comparison_row, comparison, columns, row, url),
                depends=(url, row.label, table.columns_key, self.catalog.names_version),
            )
            yield target, doc

    def _comparison_row(self, comparison: Comparison, columns: list[Column], row: Row, url: str) -> SearchDoc:
        values = [(column.title, column.get(row.subject)) for column in columns]
        subject_role = next((v for _, v in values if isinstance(v, Link) and v.kind == "role"), None)
        title = f"{row.label} · {comparison.title}"
        if subject_role is not None:
            title += f" · {self.catalog.roles[subject_role.id].name}"
        text = _join(cell_text(name, value) for name, value in values)
        figures = figures_in(v for _, v in values if isinstance(v, Fact))
        figures += figures_in(f for _, v in values if isinstance(v, list) for f in v if isinstance(f, Fact))
        return SearchDoc(
            url, title, "compare", text, self.region_context(row.region_id), figures=tuple(dict.fromkeys(figures)), alone=True
        )

    def timeline_rows(self) -> Iterable[tuple[str, SearchDoc]]:
        for rid, region in sorted(self.catalog.regions.items()):
            milestones = self.catalog.milestones(rid)
            if not milestones:
                continue
            target = self.renderer.compare_target("compare/timelines", rid).partition("#")[0]
            text = _join(f"{m.zh()} {m.event}" for m in milestones)
            yield (
                target,
                SearchDoc(
                    f"{self.url(target)}#{rid}",
                    f"{region.name} · 时间节点",
                    "compare",
                    text,
                    self.region_context(rid),
                    alone=True,
                ),
            )


def column_names(comparison: Comparison, catalog: Catalog) -> list[str]:
    """What a reader calls a column: 站·面积 is 社工站面积 (and 站点面积)."""
    out = []
    for column in comparison.columns_for(catalog):
        title = column.title
        if title.startswith("站·"):
            out += [f"社工站{title[2:]}", f"站点{title[2:]}"]
        elif title.startswith("室·"):
            out += [f"社工室{title[2:]}"]
        else:
            out.append(title)
    return out


def cell_text(name: str, value: Value) -> str:
    if isinstance(value, Link):
        return ""  # the row's title names the role
    if isinstance(value, str):
        return f"{name}：{value}" if value else ""
    return fact_text(name, value)
