"""Models for what a newcomer needs beyond the staffing table: who trains, supervises and
assesses station staff, which kind of boundary each exclusion draws, and the first-month
checklist that every onboarding card prints.

Kept apart from swkb.catalog.models so that module stays readable; the entries there use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from swkb.catalog.values import Problem, RoleId, Slug, StrictModel, Text, TextFact


class ScopedFact(TextFact):
    """文字型事实，可限定适用的岗位，如“县民政部门统筹组建督导团队，负责岗前培训和继续教育”。"""

    roles: list[RoleId] = []
    """只适用于这些岗位(岗位 ID)；不写表示适用于本地区站(室)的全部工作人员。"""


class Workforce(StrictModel):
    """站(室)工作人员的培训、督导和考核：入职卡片“培训与督导”一节的来源。

    每项的 `label` 写负责的一方或做法的名称(如“督导团队”“岗前培训”)。查过来源、确实没有写的，
    写一条 `status: not_stated`，卡片会显示“来源未规定”并列出其他地区的做法。"""

    training: list[ScopedFact] = []
    """培训：岗前培训、继续教育、业务和实务培训，由谁组织。"""
    supervision: list[ScopedFact] = []
    """督导：谁督导社工(督导团队、机构内部督导、专职督导员、第三方)。"""
    assessment: list[ScopedFact] = []
    """对社工本人的考核：谁考核、考什么(出勤、服务、年度评价)。"""


ExclusionKind = Literal["government_duty", "scope", "dedicated", "subcontract"]


class ExclusionFact(TextFact):
    """一条“不属于社工站”的规定，可注明它划的是哪一类界线。"""

    kind: ExclusionKind | None = None
    """界线的类别：government_duty 行政事务和应由政府直接履行的职责 / scope 不得擅自扩大服务范围 /
    dedicated 专职专岗、不得抽调 / subcontract 承接机构不得转包。不写则在卡片上列为“其他”。"""


ChecklistStage = Literal["week1", "month1"]
CardSection = Literal["employment", "requirements", "support", "services", "boundaries", "dates", "contacts"]
# [[kind:id]] or [[kind:id|label]] inside checklist text, as in hand-written guides.
CHECKLIST_LINK = re.compile(r"\[\[([a-z]+):([^\]|]*)(?:\|([^\]]+))?\]\]")
CHECKLIST_LINK_KINDS = ("service", "role", "region", "document", "term")


class ChecklistItem(StrictModel):
    """入职清单的一项：指南“入职第一周和第一个月”和每张入职卡片都印这份清单。"""

    id: Slug
    """稳定的 ID，用作复选框的 id，如 `meet-supervisor`。"""
    stage: ChecklistStage
    """阶段：week1 第一周 / month1 第二到第四周。"""
    group: Text
    """小标题，如“认人”“读文件”；相邻的同名项排在一组。"""
    text: Text
    """要做的事，用我们自己的话。可以写 `[[service:xuqiu-pinggu]]`、`[[term:dudao|督导]]` 这样的目录链接。"""
    card_section: CardSection | None = None
    """卡片上在这一项后面加一个“见本卡某一节”的链接，如 requirements 任职要求。"""

    def problems(self) -> Iterator[Problem]:
        for match in CHECKLIST_LINK.finditer(self.text):
            if match.group(1) not in CHECKLIST_LINK_KINDS:
                yield Problem(("text",), f"未知的链接类型 `{match.group(1)}`", "、".join(CHECKLIST_LINK_KINDS), match.group(0))


class Checklist(StrictModel):
    """入职清单文件(catalog/checklist.yml)。"""

    items: list[ChecklistItem]
