"""The sections of a region's page, declared once: the template prints their headings with these
ids (swkb/site/templates/pages/region.html.j2) and search indexes each section under the same id
(swkb.search.documents). Search used to find a section's anchor by its heading text, so renaming a
heading in the template silently dropped that section from search.

The ids are the anchors the headings have always had (the slug of the first title), written out
so that they no longer follow the title: links such as `regions/henan/index.md#政府购买服务` in the
guides keep working when a heading is reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from swkb.catalog.labels import FIELD_ZH


@dataclass(frozen=True)
class Section:
    key: str
    """What the section is about, as code names it (mostly the Region field it shows)."""
    title: str
    """The heading on the page, and the second half of the search result's title."""
    anchor: str
    """The heading's id: stable, whatever the title says."""
    table: tuple[str, ...] = ()
    """Fields of the section's model shown as the rows of its facts table, in order."""
    lists: tuple[str, ...] = ()
    """Fields shown after the table, each as a labelled list (when it has facts)."""

    def rows(self, model: Any) -> list[tuple[str, Any]]:
        """(label, value) of each table row; labels are FIELD_ZH's, as the change lists name them."""
        return [(FIELD_ZH[name], getattr(model, name)) for name in self.table]

    def labelled_lists(self, model: Any) -> list[tuple[str, Any]]:
        """(label, facts) of each list, empty ones included (the template skips them)."""
        return [(FIELD_ZH[name], getattr(model, name)) for name in self.lists]


# A station's and a room's facts (swkb.catalog.models.SiteRules): one table, then three lists.
_SITE = (("coverage", "signage", "floor_area", "staff", "location"), ("facilities", "functions", "systems"))

REGION_SECTIONS: tuple[Section, ...] = (
    Section("documents", "政策文件", "政策文件"),
    Section("children", "下级地区", "下级地区"),
    Section("station", "社工站(乡镇、街道)", "社工站乡镇街道", *_SITE),
    Section("room", "社工室(村、社区)", "社工室村社区", *_SITE),
    Section("staffing", "人员配备", "人员配备"),
    Section("services", "服务领域", "服务领域"),
    Section("recipients", "服务对象", "服务对象"),
    Section(
        "funding",
        "资金",
        "资金",
        ("social_assistance_share", "per_station", "salary"),
        ("sources", "amounts", "cost_shares", "payment_schedule", "awards"),
    ),
    Section(
        "purchase",
        "政府购买服务",
        "政府购买服务",
        ("buyer", "operator", "contract_cycle", "contract_signing", "contract_term_max", "renewal", "evaluation"),
        ("operator_requirements", "contract_terms", "reporting"),
    ),
    Section("governance", "工作体系", "工作体系", ("goal", "levels", "guidance_center", "linkage_model"), ("responsibilities",)),
    Section("timeline", "时间节点", "时间节点"),
    Section("practices", "本地做法", "本地做法"),
    Section("statistics", "统计数字", "统计数字"),
    Section("exclusions", "不属于社工站的事项", "不属于社工站的事项"),
    Section("workforce", "培训、督导与考核", "培训督导与考核"),
    Section("compare", "与其他地区比较", "与其他地区比较"),
)
"""In page order (the order the template prints the sections that have content)."""
REGION_SECTION: dict[str, Section] = {s.key: s for s in REGION_SECTIONS}
