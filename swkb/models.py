"""目录数据模型：每种条目一个 pydantic 模型，字段说明即编辑器补全和开发者文档的来源。

约定：

- 字段缺省 = **未收集**(not collected)：我们还没有从来源里整理这一项；
- `status: not_stated` = **来源未规定**：查过所引文件，文件没有写这一项；
- 其余 = **有规定**(stated)：带数值或文字，并且必须注明出处 `source`(文件 ID) 和 `clause`(条款)。

三种状态在页面上显示不同，在比较表里也不混同。
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Iterator, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefTo:
    """Marks a string field as a reference to an entry of another kind; checked after loading."""

    kind: str


@dataclass(frozen=True)
class Problem:
    """A semantic problem found by a model's `problems()`; `loc` is relative to that model."""

    loc: tuple[str | int, ...]
    message: str
    expected: str = ""
    found: str = ""


PROBLEMS_ERROR = "catalog_problems"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=64)]
DocumentId = Annotated[str, RefTo("document")]
RegionId = Annotated[str, RefTo("region")]
ServiceId = Annotated[str, RefTo("service")]
RoleId = Annotated[str, RefTo("role")]
CategoryId = Annotated[str, RefTo("category")]
Text = Annotated[str, Field(min_length=1)]
# Numbers must be written as numbers: "80" in quotes is an editor's slip, not a value.
Number = Annotated[float, Field(strict=True)]


class StrictModel(BaseModel):
    """Base of every catalog model: unknown fields are errors, field docstrings become descriptions."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              str_strip_whitespace=True)

    def problems(self) -> Iterator[Problem]:
        """Semantic checks beyond types (ranges, bounds); the loader adds the location."""
        return iter(())

    @model_validator(mode="after")
    def _report_problems(self) -> "StrictModel":
        # Raised inside validation so these come out in the same run as type errors of siblings.
        found = list(self.problems())
        if found:
            raise PydanticCustomError(PROBLEMS_ERROR, "{count} 处问题", {"count": len(found), "problems": found})
        return self


# --------------------------------------------------------------------------------------------
# Dates with a precision
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year, as sources state them."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def zh(self) -> str:
        """`2021年8月15日`, `2021年8月`, `2021年`."""
        text = f"{self.year}年"
        if self.month:
            text += f"{self.month}月"
        if self.day:
            text += f"{self.day}日"
        return text

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"日期应写成 2021、2021-08 或 2021-08-15，实际为 {value!r}")
    match = _DATE_RE.match(str(value).strip())
    if not match:
        raise ValueError(f"日期应写成 2021、2021-08 或 2021-08-15，实际为 “{value}”")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if not 1949 <= year <= 2100:
        raise ValueError(f"年份 {year} 不在合理范围(1949–2100)内")
    if month and not 1 <= month <= 12:
        raise ValueError(f"月份 {month} 无效")
    if day:
        try:
            date(year, month, day)
        except ValueError:
            raise ValueError(f"{year}年{month}月没有{day}日") from None
    return PartialDate(year, month, day)


DateValue = Annotated[
    PartialDate,
    BeforeValidator(parse_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$",
                    "description": "2021、2021-08 或 2021-08-15，写到来源给出的精度为止"}),
]


# --------------------------------------------------------------------------------------------
# Facts: a value with its citation and status
# --------------------------------------------------------------------------------------------


class Fact(StrictModel):
    """一条有出处的事实。`status: not_stated` 表示查过来源、来源未规定。"""

    status: Literal["stated", "not_stated"] = "stated"
    """stated = 来源有规定(默认)；not_stated = 来源未规定。未收集的项直接不写。"""
    source: DocumentId
    """出处文件的 ID(见 catalog/documents/)。"""
    clause: str | None = None
    """条款编号，按文件自己的编号写，如 `四、(一)2`、`附件 一、1`。有规定时必填。"""
    label: str | None = None
    """在列表中区分各项的简短名称，如“人员费用”“县级社工总站”。"""
    note: str | None = None
    """补充说明(我们自己的话)。"""

    value_fields: ClassVar[tuple[str, ...]] = ()

    def has_value(self) -> bool:
        return any(getattr(self, name) is not None for name in self.value_fields)

    def value_text(self) -> str:
        """The value alone, in Chinese (subclasses say how)."""
        return ""

    def display(self) -> str:
        """The value as shown on pages and in downloads, with its note; empty if not stated."""
        if self.status != "stated":
            return ""
        text = self.value_text()
        return f"{text}（{self.note}）" if self.note else text

    def problems(self) -> Iterator[Problem]:
        if self.status == "stated":
            if not self.clause:
                yield Problem(("clause",), "有规定的事实必须注明条款", "条款编号，如 四、(一)2", "缺失")
            if not self.has_value():
                names = " / ".join(self.value_fields)
                yield Problem((), f"有规定的事实必须给出取值({names})；若来源未规定，请写 status: not_stated",
                              names, "缺失")
        elif self.has_value():
            yield Problem(("status",), "标为“来源未规定”的事实不能同时给出取值", "去掉取值或改为 stated", "not_stated 且有取值")


class TextFact(Fact):
    """文字型事实，如“由镇(街道)民政分管领导兼任”。"""

    text: str | None = None
    """事实内容。官方名称、文号照录；其余用我们自己的话概括。"""
    value_fields: ClassVar[tuple[str, ...]] = ("text",)

    def value_text(self) -> str:
        return self.text or ""


Unit = Literal["㎡", "名", "岁", "学时", "万元", "%", "年", "月", "日", "工作日", "个", "次", "人次", "户"]


class Quantity(Fact):
    """数量型事实：`value` 为确数，`min`/`max` 为下限/上限(可同时给出表示范围)。"""

    value: Number | None = None
    """确数，如 545。"""
    min: Number | None = None
    """下限(“不少于”“以上”)。"""
    max: Number | None = None
    """上限(“不超过”“以下”)。"""
    approx: bool = False
    """来源写的是“约”“预计”。"""
    per: str | None = None
    """计量口径，如“每个社工站”“每年”“每2个村(社区)”。"""
    unit: str | None = None
    """单位；给出数值时必填。"""
    value_fields: ClassVar[tuple[str, ...]] = ("value", "min", "max")
    bounds: ClassVar[tuple[float | None, float | None]] = (0, None)

    def problems(self) -> Iterator[Problem]:
        yield from super().problems()
        if self.has_value() and self.unit is None:
            allowed = typing.get_args(typing.get_args(type(self).model_fields["unit"].annotation)[0])
            yield Problem(("unit",), "给出数值时必须写单位", " / ".join(allowed), "缺失")
        if self.value is not None and (self.min is not None or self.max is not None):
            yield Problem(("value",), "`value`(确数)不能与 `min`/`max`(范围)同时使用", "二选一", "都有")
        if self.min is not None and self.max is not None and self.min > self.max:
            yield Problem(("min",), "范围颠倒：下限大于上限", "min ≤ max", f"min={self.min:g}, max={self.max:g}")
        low, high = self.bounds
        for name in self.value_fields:
            number = getattr(self, name)
            if number is None:
                continue
            if low is not None and number < low:
                yield Problem((name,), f"数值不合理(小于 {low:g}{self.unit})", f"≥ {low:g}", f"{number:g}")
            if high is not None and number > high:
                yield Problem((name,), f"数值不合理(大于 {high:g}{self.unit})", f"≤ {high:g}", f"{number:g}")

    def sort_key(self) -> float | None:
        """The number a comparison column sorts on."""
        for number in (self.value, self.min, self.max):
            if number is not None:
                return number
        return None

    def zh(self) -> str:
        """`不少于 80㎡`, `2–3 名`, `约 376.62 万元`."""
        def num(x: float) -> str:
            return f"{x:g}" if abs(x) < 1e15 else str(x)

        if self.value is not None:
            text = ("约 " if self.approx else "") + num(self.value)
        elif self.min is not None and self.max is not None:
            text = f"{num(self.min)}–{num(self.max)}"
        elif self.min is not None:
            text = f"不少于 {num(self.min)}"
        elif self.max is not None:
            text = f"不超过 {num(self.max)}"
        else:
            return ""
        return f"{text} {self.unit}".replace(" %", "%").replace(" ㎡", "㎡")

    def value_text(self) -> str:
        return f"{self.per} {self.zh()}" if self.per else self.zh()


class Area(Quantity):
    """面积，单位 ㎡。"""
    unit: Literal["㎡"] | None = None
    """单位：㎡。给出数值时必填。"""


class Headcount(Quantity):
    """人数，单位 名。"""
    unit: Literal["名"] | None = None
    """单位：名。给出数值时必填。"""


class Age(Quantity):
    """年龄，单位 岁。"""
    unit: Literal["岁"] | None = None
    """单位：岁。给出数值时必填。"""
    bounds: ClassVar[tuple[float | None, float | None]] = (16, 80)


class Hours(Quantity):
    """学时，单位 学时。"""
    unit: Literal["学时"] | None = None
    """单位：学时。给出数值时必填。"""
    bounds: ClassVar[tuple[float | None, float | None]] = (0, 2000)


class Money(Quantity):
    """金额，单位 万元。"""
    unit: Literal["万元"] | None = None
    """单位：万元。给出数值时必填。"""


class Percent(Quantity):
    """比例，单位 %。"""
    unit: Literal["%"] | None = None
    """单位：%。给出数值时必填。"""
    bounds: ClassVar[tuple[float | None, float | None]] = (0, 100)


class Duration(Quantity):
    """时长，单位 年 / 月 / 日 / 工作日。"""
    unit: Literal["年", "月", "日", "工作日"] | None = None
    """单位：年 / 月 / 日 / 工作日。给出数值时必填。"""


class Count(Quantity):
    """个数或次数，单位 个 / 次。"""
    unit: Literal["个", "次"] | None = None
    """单位：个 / 次。给出数值时必填。"""


class Statistic(Quantity):
    """统计数字(如投入金额、项目数、服务人次)，`label` 必填说明统计的是什么。"""
    unit: Unit | None = None
    """单位，给出数值时必填。"""
    bounds: ClassVar[tuple[float | None, float | None]] = (0, None)

    def problems(self) -> Iterator[Problem]:
        yield from super().problems()
        if not self.label:
            yield Problem(("label",), "统计数字必须用 label 说明统计的是什么", "如“2019年购买服务资金”", "缺失")


# --------------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------------

DocLevel = Literal["national", "province", "prefecture", "county"]
RegionLevel = Literal["province", "prefecture", "county"]
LEVEL_ZH: dict[str, str] = {"national": "国家级", "province": "省级", "prefecture": "地市级", "county": "县级"}


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
    date: DateValue | None = None
    """成文或发布日期，写到来源给出的精度。"""
    level: DocLevel
    """发文层级：national / province / prefecture / county。"""
    region: RegionId | None = None
    """文件管辖的地区 ID；国家级文件不写。"""
    scope: Literal["region_wide", "pilot"] = "region_wide"
    """适用范围：region_wide = 全域推行；pilot = 试点。"""
    status: Literal["in_force", "trial", "repealed", "unknown"] = "unknown"
    """效力状态：in_force 现行 / trial 试行 / repealed 已失效 / unknown 未知。"""
    doc_type: Literal["notice", "plan", "opinion", "news", "project_plan", "summary"] = "plan"
    """文件类型：通知 / 方案 / 意见 / 新闻报道 / 项目计划 / 摘要转载。"""
    based_on: list[DocumentId] = []
    """本文件所依据的、已收录的上级文件。"""
    seed_file: str | None = None
    """来源材料文件名(shared/seeds/ 下)，如 `004_480974a17e011854.txt`；只被引用、没有正文的文件写引用它的那个来源。"""
    seed_section: str | None = None
    """在来源材料中的位置，如“第四节”“文中引用”。"""
    summary: str | None = None
    """内容概述，用我们自己的话。"""

    def problems(self) -> Iterator[Problem]:
        if self.level != "national" and self.region is None:
            yield Problem(("region",), "非国家级文件必须注明管辖地区", "地区 ID", "缺失")


class Region(StrictModel):
    """地区：省、地市或县级，靠 `parent` 嵌套。"""

    id: Slug
    """稳定的 ID，如 `changshu`。"""
    name: Text
    """正式名称，如 `常熟市`。"""
    level: RegionLevel
    """province 省级 / prefecture 地市级 / county 县级(含县级市、市辖区)。"""
    parent: RegionId | None = None
    """上级地区 ID；省级不写。"""
    summary: str | None = None
    """概况，用我们自己的话。"""
    station: "SiteRules | None" = None
    """镇(街道)社会工作站的规定。"""
    room: "SiteRules | None" = None
    """村(社区)社会工作室的规定。"""
    staffing: "list[StaffingRule]" = []
    """各岗位的配备与任职要求。"""
    services: "list[ServiceDomain]" = []
    """本地的服务领域，经对照表映射到 15 项服务。"""
    recipients: list[TextFact] = []
    """服务对象。"""
    funding: "Funding | None" = None
    """资金来源与标准。"""
    purchase: "Purchase | None" = None
    """政府购买服务机制。"""
    governance: "Governance | None" = None
    """工作体系与各方职责。"""
    timeline: "list[Milestone]" = []
    """时间节点。"""
    exclusions: list[TextFact] = []
    """明确不属于社工站的事项(如行政性事务)。"""
    practices: list[TextFact] = []
    """本地做法、模式和特色(label 写名称，如“三社联动”)。"""
    statistics: "list[Statistic]" = []
    """统计数字：投入、规模、成效。"""


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


POST_ZH: dict[str, str] = {"station": "社工站", "room": "社工室", "county_center": "县级总站/中心",
                           "city_center": "市级中心", "project": "项目"}


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


Phase = Literal["pilot", "rollout", "full_coverage", "standardised", "upgrade", "preparation",
                "procurement", "contract", "service", "payment", "evaluation", "goal"]
PHASE_ZH: dict[str, str] = {
    "pilot": "试点", "rollout": "推开", "full_coverage": "全覆盖", "standardised": "规范运行",
    "upgrade": "提升", "preparation": "筹备", "procurement": "采购", "contract": "签约",
    "service": "服务", "payment": "拨付", "evaluation": "评估", "goal": "远期目标",
}


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

    def sort_date(self) -> date | None:
        point = self.date or self.start
        return point.first_day() if point else None

    def problems(self) -> Iterator[Problem]:
        yield from super().problems()
        if self.date is not None and (self.start is not None or self.end is not None):
            yield Problem(("date",), "`date`(单点)不能与 `start`/`end`(范围)同时使用", "二选一", "都有")
        if (self.start is None) != (self.end is None):
            yield Problem(("start" if self.start is None else "end",), "范围必须同时给出 start 和 end",
                          "start 与 end", "只有其一")
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


class Term(StrictModel):
    """术语。"""

    id: Slug
    term: Text
    """规范名称，如“最低生活保障”。"""
    abbreviations: list[Text] = []
    """简称、缩写，如“低保”。"""
    synonyms: list[Text] = []
    """同义说法。"""
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
}
