"""Render the validated catalog into Markdown pages, through Jinja2 templates.

Safety rule: every value a template prints is escaped as Markdown text (Jinja `finalize`),
so YAML content can never become markup, links, HTML or script. Only `Markup` produced by
this module's own helpers (links, status badges) passes through unchanged.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from .catalog import Catalog
from .models import LEVEL_ZH, PHASE_ZH, Fact, Milestone, Quantity, ServiceDomain, TextFact

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

POST_ZH = {"station": "社工站", "room": "社工室", "county_center": "县级总站/中心", "city_center": "市级中心", "project": "项目"}
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

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            LEVEL_ZH=LEVEL_ZH, PHASE_ZH=PHASE_ZH, POST_ZH=POST_ZH, SCOPE_ZH=SCOPE_ZH, STATUS_ZH=STATUS_ZH,
            DOC_TYPE_ZH=DOC_TYPE_ZH, PRECISION_ZH=PRECISION_ZH, catalog=catalog,
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
            out.append(GeneratedPage(index_uri, self._render(f"{kind}_index.md.j2", index_uri), KIND_TITLE[kind], kind))
        out.append(GeneratedPage(INDEX_URI["term"], self._render("glossary.md.j2", INDEX_URI["term"]),
                                 KIND_TITLE["term"], "term", source_file=self._glossary_file()))
        return out

    def _glossary_file(self) -> str | None:
        return next((e.file for e in self.catalog.entries if e.kind == "term"), None)

    def _render(self, template: str, page_uri: str, **context: Any) -> str:
        helpers = _PageHelpers(self.catalog, page_uri)
        return self.env.get_template(template).render(page=helpers, **context)

    # ----- markers in hand-written pages -----

    def marker(self, name: str, page_uri: str) -> str:
        """Markdown for `<!-- swkb:NAME -->` on the page at `page_uri`; KeyError if unknown."""
        template = MARKERS[name]
        return self._render(template, page_uri)


# Markers a hand-written page may embed, and the template each expands to.
MARKERS: dict[str, str] = {
    "services-table": "_services_table.md.j2",
    "roles-table": "_roles_table.md.j2",
    "regions-tree": "_regions_tree.md.j2",
    "documents-table": "_documents_table.md.j2",
    "glossary-table": "_glossary_table.md.j2",
    "counts": "_counts.md.j2",
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

    def name(self, kind: str, entry_id: str) -> str:
        model = self.catalog.located(kind, entry_id).model
        if kind == "document":
            return model.number or model.title
        return getattr(model, "name", None) or getattr(model, "term", entry_id)

    def cite(self, fact: Fact | ServiceDomain) -> Markup:
        """The citation of a fact: the document (linked) and the clause."""
        label = self.name("document", fact.source)
        clause = f" {fact.clause}" if fact.clause else ""
        return Markup(f'<span class="swkb-cite">[{md_text(label + clause)}]({self.href("document", fact.source)})</span>')

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
        if isinstance(fact, Quantity):
            text = fact.zh()
            if fact.per:
                text = f"{fact.per} {text}"
        elif isinstance(fact, Milestone):
            text = fact.zh()
        elif isinstance(fact, TextFact):
            text = fact.text or ""
        elif isinstance(fact, ServiceDomain):
            text = fact.name
        else:
            text = ""
        if fact.note:
            text += f"（{fact.note}）"
        return text
