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
                           "term": "术语", "category": "服务类别", "checklist": "入职清单项"}
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
DOC_TYPE_ZH: dict[str, str] = {"notice": "通知", "plan": "实施方案", "opinion": "意见", "news": "新闻报道",
                               "project_plan": "项目计划", "summary": "摘要转载"}
PRECISION_ZH: dict[str, str] = {"day": "日", "month": "月", "year": "年", "before": "之前", "range": "时段"}
EXCLUSION_KIND_ZH: dict[str, str] = {
    "government_duty": "行政事务和政府职责", "scope": "不擅自扩大服务范围", "dedicated": "专职专岗，不被抽调",
    "subcontract": "承接机构不得转包",
}
CHECKLIST_STAGE_ZH: dict[str, str] = {"week1": "第一周", "month1": "第二到第四周"}
