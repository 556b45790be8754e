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


@dataclass(frozen=True)
class Section:
    key: str
    """What the section is about, as code names it (mostly the Region field it shows)."""
    title: str
    """The heading on the page, and the second half of the search result's title."""
    anchor: str
    """The heading's id: stable, whatever the title says."""


REGION_SECTIONS: tuple[Section, ...] = (
    Section("documents", "政策文件", "政策文件"),
    Section("children", "下级地区", "下级地区"),
    Section("station", "社工站(乡镇、街道)", "社工站乡镇街道"),
    Section("room", "社工室(村、社区)", "社工室村社区"),
    Section("staffing", "人员配备", "人员配备"),
    Section("services", "服务领域", "服务领域"),
    Section("recipients", "服务对象", "服务对象"),
    Section("funding", "资金", "资金"),
    Section("purchase", "政府购买服务", "政府购买服务"),
    Section("governance", "工作体系", "工作体系"),
    Section("timeline", "时间节点", "时间节点"),
    Section("practices", "本地做法", "本地做法"),
    Section("statistics", "统计数字", "统计数字"),
    Section("exclusions", "不属于社工站的事项", "不属于社工站的事项"),
    Section("workforce", "培训、督导与考核", "培训督导与考核"),
    Section("compare", "与其他地区比较", "与其他地区比较"),
)
"""In page order (the order the template prints the sections that have content)."""
REGION_SECTION: dict[str, Section] = {s.key: s for s in REGION_SECTIONS}
