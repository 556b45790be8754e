"""目录数据模型：每种条目一个 pydantic 模型，字段说明即编辑器补全和开发者文档的来源。

约定：

- 字段缺省 = **未收集**(not collected)：我们还没有从来源里整理这一项；
- `status: not_stated` = **来源未规定**：查过所引文件，文件没有写这一项；
- 其余 = **有规定**(stated)：带数值或文字，并且必须注明出处 `source`(文件 ID) 和 `clause`(条款)。

三种状态在页面上显示不同，在比较表里也不混同。
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date as _date
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from swkb.catalog.labels import DATE_BASIS_ZH, INFERRED_NAME, NO_NUMBER, OUR_TITLE
from swkb.catalog.onboarding import (  # noqa: F401 - re-exported with the other entry models
    Checklist,
    ChecklistItem,
    ExclusionFact,
    ScopedFact,
    Workforce,
)
from swkb.catalog.values import (  # noqa: F401 - re-exported: the field reference documents them here
    PROBLEMS_ERROR,
    SLUG_PATTERN,
    Age,
    Area,
    CategoryId,
    Count,
    DateValue,
    DocumentId,
    Duration,
    Fact,
    Headcount,
    Hours,
    Money,
    Number,
    PartialDate,
    Percent,
    Problem,
    Quantity,
    RefTo,
    RegionId,
    RoleId,
    ServiceId,
    Slug,
    Statistic,
    StrictModel,
    Text,
    TextFact,
    Unit,
)

# --------------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------------

DateBasis = Literal["document", "number", "content", "repost"]
DocLevel = Literal["national", "province", "prefecture", "county"]
RegionLevel = Literal["province", "prefecture", "county"]


class Document(StrictModel):
    """政策文件(或作为来源的报道、项目计划)。"""

    id: Slug
    """稳定的 ID，小写字母、数字和连字符，如 `changshu-2021-101`。"""
    title: Text
    """文件标题，照录。"""
    title_official: bool = True
    """false 表示来源没有保留正式标题，`title` 是我们拟的描述性标题。"""
    issuer: str | None = None
    """发文机关，照录；来源未给出则不写。"""
    number: str | None = None
    """文号，如 `常政办发〔2021〕101号`；来源未给出则不写。"""
    adopted_at: str | None = None
    """审议通过这份文件的会议，照录，如“市政府第68次常务会议”；来源未给出则不写。"""
    date: DateValue | None = None
    """成文或发布日期，写到来源给出的精度。"""
    date_basis: DateBasis = "document"
    """日期从哪里来：document = 来源写明的成文或发布日期(默认)；number = 来源只有文号，日期只是文号里的年份；
    content = 来源没有日期，年份是按正文(经费年度、时间节点)推断的；repost = 转载日期，不是成文或发布日期。
    页面和导出都标明(如“年份据文号”)。"""
    level: DocLevel
    """发文层级：national / province / prefecture / county。"""
    region: RegionId | None = None
    """文件管辖的地区 ID；国家级文件不写。"""
    scope: Literal["region_wide", "pilot"] = "region_wide"
    """适用范围：region_wide = 全域推行；pilot = 试点。"""
    status: Literal["in_force", "trial", "repealed", "unknown"] = "unknown"
    """效力状态：in_force 现行 / trial 试行 / repealed 已失效 / unknown 未知。"""
    doc_type: Literal["notice", "plan", "opinion", "guideline", "news", "project_plan", "summary"] = "plan"
    """文件类型：notice 通知 / plan 实施方案 / opinion 意见 / guideline 服务指引 / news 新闻报道 /
    project_plan 项目计划 / summary 摘要转载。"""
    based_on: list[DocumentId] = []
    """本文件所依据的、已收录的上级文件。"""
    seed_file: str | None = None
    """来源档案(环境变量 SWKB_SOURCE_ARCHIVE 指向的文件夹)中这份文件原文的文件名，如 `004_480974a17e011854.txt`；可不写(新地区、原文不在档案里)，写了就核对其中的数字。只被引用、没有正文的文件写引用它的那个来源。"""
    seed_section: str | None = None
    """在来源档案那份原文中的位置，如“第四节”“文中引用”。"""
    summary: str | None = None
    """内容概述，用我们自己的话。"""

    def date_zh(self) -> str:
        """The date as pages show it, with where it comes from when that is not the document
        itself (`2018年（年份据文号）`); empty without a date."""
        if self.date is None:
            return ""
        basis = DATE_BASIS_ZH.get(self.date_basis)
        return f"{self.date.zh()}（{basis}）" if basis else self.date.zh()

    def citation_label(self) -> str:
        """How citations name this document: its 文号; without one, the official title in 《》
        and “来源未载文号”; a title we wrote is said to be ours, never set in 《》 as if official."""
        if self.number:
            return self.number
        if self.title_official:
            return f"《{self.title}》（{NO_NUMBER}）"
        return f"{self.title}（{OUR_TITLE}，{NO_NUMBER}）"

    def suggested_citation(self) -> str:
        """The whole reference an official can paste into a paper: title, issuer, date and 文号;
        without a 文号 it says so, and a title we wrote is said to be ours."""
        title = f"《{self.title}》" if self.title_official else f"{self.title}（{OUR_TITLE}）"
        details = "，".join(part for part in (self.issuer, self.date.zh() if self.date else None) if part)
        number = self.number or NO_NUMBER
        return f"{title}（{details}；{number}）" if details else f"{title}（{number}）"

    def problems(self) -> Iterator[Problem]:
        if self.level != "national" and self.region is None:
            yield Problem(("region",), "非国家级文件必须注明管辖地区", "地区 ID", "缺失")
        if self.date is None and self.date_basis != "document":
            yield Problem(("date_basis",), "没有日期时不能写 date_basis", "去掉 date_basis 或写上 date", self.date_basis)
        if self.date_basis == "number" and self.date is not None and (not self.number or str(self.date.year) not in self.number):
            yield Problem(
                ("date_basis",),
                "date_basis: number 表示日期是文号里的年份，文号里必须有这个年份",
                f"文号含 {self.date.year}",
                self.number or "没有文号",
            )


class Region(StrictModel):
    """地区：省、地市或县级，靠 `parent` 嵌套。"""

    id: Slug
    """稳定的 ID，如 `changshu`。"""
    name: Text
    """正式名称，如 `常熟市`。"""
    name_basis: Literal["stated", "inferred"] = "stated"
    """地名从哪里来：stated = 来源写明(默认)；inferred = 来源没有写出这个地名，是本站从其他线索(下级县区名、简称)推断的，
    页面和导出都标明“地名为本站推断”，`name_note` 写明依据。"""
    name_note: str | None = None
    """地名推断的依据(我们自己的话)，如“来源只写了鲤城、丰泽、晋江三地”。`name_basis: inferred` 时必填。"""
    level: RegionLevel
    """province 省级 / prefecture 地市级 / county 县级(含县级市、市辖区)。"""
    parent: RegionId | None = None
    """上级地区 ID；省级不写。"""
    summary: str | None = None
    """概况，用我们自己的话。"""
    station: SiteRules | None = None
    """镇(街道)社会工作站的规定。"""
    room: SiteRules | None = None
    """村(社区)社会工作室的规定。"""
    staffing: list[StaffingRule] = []
    """各岗位的配备与任职要求。"""
    services: list[ServiceDomain] = []
    """本地的服务领域，经对照表映射到 15 项服务。"""
    recipients: list[TextFact] = []
    """服务对象。"""
    funding: Funding | None = None
    """资金来源与标准。"""
    purchase: Purchase | None = None
    """政府购买服务机制。"""
    governance: Governance | None = None
    """工作体系与各方职责。"""
    timeline: list[Milestone] = []
    """时间节点。"""
    exclusions: list[ExclusionFact] = []
    """明确不属于社工站的事项(如行政性事务)；`kind` 注明界线的类别。"""
    practices: list[TextFact] = []
    """本地做法、模式和特色(label 写名称，如“三社联动”)。"""
    statistics: list[Statistic] = []
    """统计数字：投入、规模、成效。"""
    workforce: Workforce | None = None
    """站(室)工作人员的培训、督导和考核。"""

    def name_zh(self) -> str:
        """How pages say where the name comes from: empty when the source states it."""
        if self.name_basis != "inferred":
            return ""
        return f"{INFERRED_NAME}：{self.name_note}" if self.name_note else INFERRED_NAME

    def problems(self) -> Iterator[Problem]:
        if self.name_basis == "inferred" and not self.name_note:
            yield Problem(("name_note",), "推断的地名必须写明依据", "如：来源只写了下辖的鲤城、丰泽、晋江", "缺失")


class SiteRules(StrictModel):
    """站或室的建设要求。"""

    signage: TextFact | None = None
    """统一名称与标识格式。"""
    floor_area: Area | None = None
    """面积要求。"""
    staff: Headcount | None = None
    """每站(室)人数要求。"""
    location: TextFact | None = None
    """设在何处、依托什么设施。"""
    facilities: list[TextFact] = []
    """场地与设施设备要求。"""
    functions: list[TextFact] = []
    """功能定位。"""
    systems: list[TextFact] = []
    """必须建立的制度。"""
    coverage: TextFact | None = None
    """建设数量或覆盖要求，如“每个镇(街道)1个”。"""


class StaffingRule(StrictModel):
    """某地区对一个岗位的要求。"""

    role: RoleId
    """岗位 ID(见 catalog/roles/)。"""
    post: Literal["station", "room", "county_center", "city_center", "project"]
    """岗位所在：station 站 / room 室 / county_center 县级总站或指导中心 / city_center 市级中心 / project 项目。"""
    count: Headcount | None = None
    """配备人数。"""
    held_by: TextFact | None = None
    """由谁担任或兼任。"""
    employer: TextFact | None = None
    """用人单位(身份)。"""
    age_max: Age | None = None
    """年龄上限。"""
    education: TextFact | None = None
    """学历要求。"""
    certificate: TextFact | None = None
    """资格证书要求。"""
    certificate_deadline: Duration | None = None
    """取得证书的期限。"""
    training_hours: Hours | None = None
    """每年继续教育学时。"""
    certificate_consequence: TextFact | None = None
    """逾期未取得证书的后果，如解聘、调岗。"""
    contract: TextFact | None = None
    """劳动合同与待遇：与谁签合同、怎样发薪和缴纳社会保险。"""
    preferences: list[TextFact] = []
    """同等条件下的优先条件。"""
    duties: list[TextFact] = []
    """主要职责。"""


class ServiceDomain(Fact):
    """地区自己的一个服务领域，及其对应的 15 项服务(对照表的一行)。"""

    name: Text
    """该地区文件里的领域名称，照录，如“社会救助领域”。"""
    maps_to: list[ServiceId] = []
    """对应的服务 ID；为空表示这是本地特有服务，不对应 15 项中的任何一项。"""
    value_fields: ClassVar[tuple[str, ...]] = ("name",)

    @property
    def is_local(self) -> bool:
        return not self.maps_to

    def value_text(self) -> str:
        return self.name


class Funding(StrictModel):
    """资金。"""

    sources: list[TextFact] = []
    """资金来源。"""
    social_assistance_share: Percent | None = None
    """从社会救助(困难群众救助补助)资金中安排的比例。"""
    amounts: list[Money] = []
    """总额或分项金额(用 label 区分)。"""
    per_station: Money | None = None
    """每个社工站的补助或经费。"""
    cost_shares: list[Percent] = []
    """经费结构比例，如人员费用 90%(用 label 区分)。"""
    payment_schedule: list[Percent] = []
    """分期拨付：每期比例，`label` 写拨付时点。"""
    awards: list[TextFact] = []
    """奖补办法。"""
    salary: TextFact | None = None
    """薪酬标准。"""


class Purchase(StrictModel):
    """政府购买服务机制。"""

    buyer: TextFact | None = None
    """购买主体。"""
    operator: TextFact | None = None
    """承接主体。"""
    operator_requirements: list[TextFact] = []
    """承接主体资格条件。"""
    contract_cycle: Duration | None = None
    """服务周期。"""
    contract_signing: TextFact | None = None
    """签约方式，如一年一签。"""
    contract_term_max: Duration | None = None
    """合同期限上限。"""
    contract_terms: list[TextFact] = []
    """合同(协议)必须写明或遵守的条款(label 写条款名)，如因不可抗力变更或解除、依法公告。"""
    renewal: TextFact | None = None
    """续签条件。"""
    evaluation: TextFact | None = None
    """评估方式与频次。"""
    reporting: list[TextFact] = []
    """报告要求(简报、中期/终期报告等)。"""


class Governance(StrictModel):
    """工作体系。"""

    levels: TextFact | None = None
    """层级体系，如“省、市、县、乡四级”。"""
    guidance_center: TextFact | None = None
    """指导中心或总站。"""
    responsibilities: list[TextFact] = []
    """各方职责(label 写主体)。"""
    linkage_model: TextFact | None = None
    """联动模式，如三社联动、五社联动。"""
    goal: TextFact | None = None
    """总体目标。"""


Phase = Literal[
    "pilot",
    "rollout",
    "full_coverage",
    "standardised",
    "upgrade",
    "preparation",
    "procurement",
    "contract",
    "service",
    "payment",
    "evaluation",
    "goal",
]


class Milestone(Fact):
    """时间节点：一个日期(可标“之前”)或一个起止范围。"""

    event: Text
    """事件，用我们自己的话简述，如“试点镇(街道)启动建站”。"""
    date: DateValue | None = None
    """日期(单点)。"""
    before: bool = False
    """来源写的是“……前”“……底前”。"""
    start: DateValue | None = None
    """范围开始。"""
    end: DateValue | None = None
    """范围结束。"""
    phase: Phase | None = None
    """阶段。"""
    value_fields: ClassVar[tuple[str, ...]] = ("date", "start")

    @property
    def precision(self) -> str:
        """day / month / year / before / range."""
        if self.start is not None:
            return "range"
        if self.before:
            return "before"
        return self.date.precision if self.date else "unknown"

    def sort_date(self) -> _date | None:
        point = self.date or self.start
        return point.first_day() if point else None

    def order_key(self) -> tuple[_date, _date] | None:
        """Chronological order: by when the milestone is done (its last day: “8月15日前” before
        “8月底前”, a year-only “2021年” after “2021年6月底前”), then by when it starts."""
        if self.start is not None and self.end is not None:
            return self.end.last_day(), self.start.first_day()
        if self.date is None:
            return None
        return self.date.last_day(), self.date.first_day()

    def problems(self) -> Iterator[Problem]:
        yield from super().problems()
        if self.date is not None and (self.start is not None or self.end is not None):
            yield Problem(("date",), "`date`(单点)不能与 `start`/`end`(范围)同时使用", "二选一", "都有")
        if (self.start is None) != (self.end is None):
            yield Problem(
                ("start" if self.start is None else "end",), "范围必须同时给出 start 和 end", "start 与 end", "只有其一"
            )
        if self.start is not None and self.end is not None and self.start.first_day() > self.end.last_day():
            yield Problem(("end",), "日期范围颠倒：结束早于开始", f"不早于 {self.start}", str(self.end))

    def value_text(self) -> str:
        return self.zh()

    def zh(self) -> str:
        if self.start is not None and self.end is not None:
            return f"{self.start.zh()}–{self.end.zh()}"
        if self.date is None:
            return ""
        if not self.before:
            return self.date.zh()
        # Sources say 6月底前 / 2021年底前 / 8月15日前: "by the end of" the stated unit.
        return self.date.zh() + {"day": "前", "month": "底前", "year": "底前"}[self.date.precision]


class ServiceCategory(StrictModel):
    """服务类别(15 项服务分为 4 类)。"""

    id: Slug
    number: Annotated[int, Field(strict=True, ge=1, le=20)]
    """类别序号(一、二、三、四)。"""
    name: Text
    """类别名称，照录，如“基础服务”。"""
    summary: str | None = None
    """说明，用我们自己的话。"""


class Service(StrictModel):
    """服务清单中的一项。"""

    id: Slug
    """稳定的 ID，如 `zhengce-xuanchuan`。"""
    number: Annotated[int, Field(strict=True, ge=1, le=99)]
    """清单中的序号。"""
    name: Text
    """官方名称，照录，如“政策宣传”。"""
    category: CategoryId
    """所属类别 ID。"""
    summary: Text
    """这项服务做什么，用我们自己的话。"""
    recipients: list[Text] = []
    """服务对象(名称照录)。"""
    activities: list[Text] = []
    """主要工作内容的要点，用我们自己的话。"""
    cadence: TextFact | None = None
    """频次要求，如需求档案每年更新一次。"""
    aliases: list[Text] = []
    """居民和社工口头的叫法，文件里不这么写(如社会救助服务的“救济金”)：供搜索把口头说法对到这项服务，服务页上列出。每个别名在服务清单里只用一次。"""
    source: DocumentId
    """定义这项服务的文件。"""
    clause: Text
    """条款编号，如 `附件 一、1`。"""


class Role(StrictModel):
    """岗位。各地对岗位的具体要求写在地区文件的 `staffing` 里。"""

    id: Slug
    """稳定的 ID，如 `zhuzhan-shegong`。"""
    name: Text
    """岗位名称，照录，如“驻站社工”。"""
    aliases: list[Text] = []
    """其他叫法。"""
    summary: Text
    """这个岗位做什么，用我们自己的话。"""
    delivers: list[ServiceId] = []
    """这个岗位承担的服务。"""
    comparable: list[RoleId] = []
    """职责相近、各地叫法不同的岗位(我们的归类)：本地没有规定的事项，入职卡片列出这些岗位在其他地区的规定作参考。"""


class Term(StrictModel):
    """术语。"""

    id: Slug
    term: Text
    """规范名称，如“最低生活保障”。"""
    abbreviations: list[Text] = []
    """简称、缩写，如“低保”。"""
    synonyms: list[Text] = []
    """同义说法。"""
    aliases: list[Text] = []
    """口头说法：居民和社工常说、文件里不用的叫法(如“五保户”“孤寡老人”之于特困人员)，供搜索对到这个术语，术语表上列出。每个别名在术语表里只用一次。"""
    definition: Text
    """释义，用我们自己的话。"""
    source: DocumentId | None = None
    """出现或定义该术语的文件。"""
    clause: str | None = None
    """条款。"""


class Glossary(StrictModel):
    """术语表文件。"""

    terms: list[Term]


class Categories(StrictModel):
    """服务类别文件。"""

    categories: list[ServiceCategory]


Region.model_rebuild()

# Which model each catalog directory or file holds: the loader and the schema export share it.
ENTRY_KINDS: dict[str, type[StrictModel]] = {
    "document": Document,
    "region": Region,
    "service": Service,
    "role": Role,
}
LIST_FILES: dict[str, tuple[type[StrictModel], str, str]] = {
    # file name → (file model, list field, kind of its items)
    "glossary.yml": (Glossary, "terms", "term"),
    "categories.yml": (Categories, "categories", "category"),
    "checklist.yml": (Checklist, "items", "checklist"),
}
