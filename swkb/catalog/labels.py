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

KIND_ZH: dict[str, str] = {
    "document": "政策文件",
    "region": "地区",
    "service": "服务",
    "role": "岗位",
    "term": "术语",
    "category": "服务类别",
    "checklist": "入职清单项",
}
LEVEL_ZH: dict[str, str] = {"national": "国家级", "province": "省级", "prefecture": "地市级", "county": "县级"}
POST_ZH: dict[str, str] = {
    "station": "社工站",
    "room": "社工室",
    "county_center": "县级总站/中心",
    "city_center": "市级中心",
    "project": "项目",
}
PHASE_ZH: dict[str, str] = {
    "pilot": "试点",
    "rollout": "推开",
    "full_coverage": "全覆盖",
    "standardised": "规范运行",
    "upgrade": "提升",
    "preparation": "筹备",
    "procurement": "采购",
    "contract": "签约",
    "service": "服务",
    "payment": "拨付",
    "evaluation": "评估",
    "goal": "远期目标",
}
SCOPE_ZH: dict[str, str] = {"region_wide": "全域", "pilot": "试点"}
STATUS_ZH: dict[str, str] = {"in_force": "现行", "trial": "试行", "repealed": "已失效", "unknown": "未知"}
DOC_TYPE_ZH: dict[str, str] = {
    "notice": "通知",
    "plan": "实施方案",
    "opinion": "意见",
    "guideline": "服务指引",
    "news": "新闻报道",
    "project_plan": "项目计划",
    "summary": "摘要转载",
}
PRECISION_ZH: dict[str, str] = {"day": "日", "month": "月", "year": "年", "before": "之前", "range": "时段"}
# What each search result is, in the words the result list shows (short: they sit before the title).
SEARCH_KIND_ZH: dict[str, str] = {
    "service": "服务",
    "role": "岗位",
    "region": "地区",
    "document": "文件",
    "guide": "指南",
    "term": "术语",
    "compare": "比较",
    "card": "入职卡片",
    "changes": "更新",
    "page": "页面",
}

# What each catalog field is called on the pages (the region page's headings and row labels), for
# lists of changes and anything else that names a field to readers. A kind may call a field
# differently (a document's `number` is its 文号, a service's its place in the list).
FIELD_ZH: dict[str, str] = {
    "name": "名称",
    "level": "层级",
    "parent": "上级地区",
    "station": "社工站(乡镇、街道)",
    "room": "社工室(村、社区)",
    "coverage": "建设数量",
    "signage": "名称标识",
    "floor_area": "面积",
    "staff": "人数",
    "location": "选址",
    "facilities": "场地与设施",
    "functions": "功能定位",
    "systems": "制度要求",
    "staffing": "人员配备",
    "count": "人数",
    "held_by": "由谁担任",
    "employer": "用人单位",
    "age_max": "年龄上限",
    "education": "学历",
    "certificate": "资格证书",
    "certificate_deadline": "取证期限",
    "training_hours": "每年培训",
    "preferences": "优先条件",
    "duties": "主要职责",
    "contract": "劳动合同与待遇",
    "certificate_consequence": "逾期未取证的后果",
    "workforce": "培训、督导与考核",
    "training": "培训",
    "supervision": "督导",
    "assessment": "考核",
    "services": "服务领域",
    "recipients": "服务对象",
    "funding": "资金",
    "social_assistance_share": "社会救助资金比例",
    "per_station": "每站经费或补助",
    "salary": "薪酬标准",
    "sources": "资金来源",
    "amounts": "金额",
    "cost_shares": "经费结构",
    "payment_schedule": "拨付安排",
    "awards": "奖补",
    "purchase": "政府购买服务",
    "buyer": "购买主体",
    "operator": "承接主体",
    "contract_cycle": "服务周期",
    "contract_signing": "签约方式",
    "contract_term_max": "合同期限上限",
    "contract_terms": "合同条款",
    "renewal": "续签",
    "evaluation": "评估",
    "operator_requirements": "承接主体条件",
    "reporting": "报告要求",
    "governance": "工作体系",
    "goal": "总体目标",
    "levels": "层级体系",
    "guidance_center": "指导中心",
    "linkage_model": "联动模式",
    "responsibilities": "各方职责",
    "timeline": "时间节点",
    "practices": "本地做法",
    "statistics": "统计数字",
    "exclusions": "不属于社工站的事项",
    "title": "标题",
    "title_official": "正式标题",
    "date_basis": "日期依据",
    "name_basis": "地名依据",
    "name_note": "地名推断依据",
    "issuer": "发文机关",
    "number": "文号",
    "date": "日期",
    "region": "管辖地区",
    "scope": "适用范围",
    "status": "效力状态",
    "doc_type": "类型",
    "based_on": "依据",
    "category": "类别",
    "cadence": "频次要求",
    "source": "出处",
    "clause": "条款",
    "aliases": "其他叫法",
    "delivers": "承担的服务",
    "term": "名称",
    "abbreviations": "简称",
    "synonyms": "同义说法",
}
FIELD_ZH_OF_KIND: dict[str, dict[str, str]] = {"service": {"number": "清单序号"}, "category": {"number": "序号"}}

# How a citation names a document that has no 文号 in our source (see Document.citation_label).
NO_NUMBER = "来源未载文号"
OUR_TITLE = "本站拟题"
"""A descriptive title we wrote because the source kept none: never passed off as official."""
DATE_BASIS_ZH: dict[str, str] = {"number": "年份据文号", "content": "年份据正文推断", "repost": "转载日期，非成文日期"}
"""How a document's date is marked when it is not the date the document itself states."""
INFERRED_NAME = "地名为本站推断"
"""Marks a region whose name no source states (inferred from its counties, an abbreviation)."""
OUR_READING = "本站理解"
"""Marks a value that is our reading of a sentence the source lets be read more than one way."""


def reading_mark(other: str) -> str:
    """`本站理解；原文也可读作：…`: the mark of our reading, with the other reading(s)."""
    return f"{OUR_READING}；原文也可读作：{other}"


EXCLUSION_KIND_ZH: dict[str, str] = {
    "government_duty": "行政事务和政府职责",
    "scope": "不擅自扩大服务范围",
    "dedicated": "专职专岗，不被抽调",
    "subcontract": "承接机构不得转包",
}
CHECKLIST_STAGE_ZH: dict[str, str] = {"week1": "第一周", "month1": "第二到第四周"}
