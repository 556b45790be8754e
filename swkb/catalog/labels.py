"""One vocabulary: every code word of the catalog with its Chinese label.

Validation messages, pages, exports and the command line all take their words from here, so a
level, kind, phase or status is called the same everywhere.
"""

from __future__ import annotations

# The two ways a fact can be missing; they look and export differently.
NOT_STATED = "来源未规定"
"""The cited document was read and sets nothing for this item (`status: not_stated`)."""
NOT_COLLECTED = "未收集"
"""We have not yet taken this item from the sources (the field is absent)."""
NOT_STATED_HINT = "所引文件没有规定这一项"
NOT_COLLECTED_HINT = "我们尚未从来源整理这一项"

KIND_ZH: dict[str, str] = {"document": "政策文件", "region": "地区", "service": "服务", "role": "岗位",
                           "term": "术语", "category": "服务类别"}
LEVEL_ZH: dict[str, str] = {"national": "国家级", "province": "省级", "prefecture": "地市级", "county": "县级"}
POST_ZH: dict[str, str] = {"station": "社工站", "room": "社工室", "county_center": "县级总站/中心",
                           "city_center": "市级中心", "project": "项目"}
PHASE_ZH: dict[str, str] = {
    "pilot": "试点", "rollout": "推开", "full_coverage": "全覆盖", "standardised": "规范运行",
    "upgrade": "提升", "preparation": "筹备", "procurement": "采购", "contract": "签约",
    "service": "服务", "payment": "拨付", "evaluation": "评估", "goal": "远期目标",
}
SCOPE_ZH: dict[str, str] = {"region_wide": "全域", "pilot": "试点"}
STATUS_ZH: dict[str, str] = {"in_force": "现行", "trial": "试行", "repealed": "已失效", "unknown": "未知"}
DOC_TYPE_ZH: dict[str, str] = {"notice": "通知", "plan": "实施方案", "opinion": "意见", "guideline": "服务指引",
                               "news": "新闻报道", "project_plan": "项目计划", "summary": "摘要转载"}
PRECISION_ZH: dict[str, str] = {"day": "日", "month": "月", "year": "年", "before": "之前", "range": "时段"}

# How a citation names a document that has no 文号 in our source (see Document.citation_label).
NO_NUMBER = "来源未载文号"
OUR_TITLE = "本站拟题"
"""A descriptive title we wrote because the source kept none: never passed off as official."""
OUR_READING = "本站理解"
"""Marks a value that is our reading of a sentence the source lets be read more than one way."""
# Side-by-side comparison: whether the chosen regions agree on a row (shown as words, not colour).
SAME = "相同"
DIFFERENT = "不同"
