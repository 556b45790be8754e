"""Building blocks of the catalog models: facts with their three states, quantities with units,
dates with a precision, and the base model every entry shares.

Facts have three states (see swkb.catalog.models): stated (value, source and clause), not stated
by the cited source, or not collected (the field is absent).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from swkb.catalog.labels import reading_mark

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

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=True)

    def problems(self) -> Iterator[Problem]:
        """Semantic checks beyond types (ranges, bounds); the loader adds the location."""
        return iter(())

    @model_validator(mode="after")
    def _report_problems(self) -> StrictModel:
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
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$",
            "description": "2021、2021-08 或 2021-08-15，写到来源给出的精度为止",
        }
    ),
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
    reading: str | None = None
    """原文可以有不止一种读法时，写出另一种读法(我们自己的话)；取值(`text` 或数值)是本站采用的读法，
    页面、导出和引用都标明“本站理解”。"""

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
        if self.note:
            text = f"{text}（{self.note}）"
        return f"{text}（{self.reading_text()}）" if self.reading else text

    def reading_text(self) -> str:
        """`本站理解；原文也可读作：…` for a fact whose source reads more than one way, else empty."""
        return reading_mark(self.reading) if self.reading else ""

    def problems(self) -> Iterator[Problem]:
        if self.status == "stated":
            if not self.clause:
                yield Problem(("clause",), "有规定的事实必须注明条款", "条款编号，如 四、(一)2", "缺失")
            if not self.has_value():
                names = " / ".join(self.value_fields)
                yield Problem((), f"有规定的事实必须给出取值({names})；若来源未规定，请写 status: not_stated", names, "缺失")
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
    """数量型事实：`value` 为确数，`min`/`max` 为下限/上限(可同时给出表示范围)，`per` 为计量口径。

    四者在页面、排序和导出中始终分开：“不少于 3%”是下限、“不超过 3%”是上限，不会混成同一个 3；
    “2–5 名”有下限 2 和上限 5；“每2个村(社区)不少于1名”的下限 1 带着它的口径(`per`，`per_count: 2`)。"""

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
    per_count: Number | None = None
    """口径里的数量，如“每2个村(社区)”写 2；比较表排序时折算为每 1 个单位(1 名 / 2 个村 = 0.5)。
    口径是“每个…”时不写。"""
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
        if self.per_count is not None and (self.per is None or self.per_count <= 0):
            yield Problem(
                ("per_count",),
                "`per_count` 须与 `per`(口径文字)一起写，且大于 0",
                "如 per: 每2个村(社区), per_count: 2",
                f"per={self.per!r}, per_count={self.per_count:g}",
            )
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

    def floor(self) -> float | None:
        """The lower bound: the exact value, else `min`; None for a ceiling alone (never its max)."""
        return self.value if self.value is not None else self.min

    def ceiling(self) -> float | None:
        """The upper bound: the exact value, else `max`; None for a floor alone."""
        return self.value if self.value is not None else self.max

    def zh(self, compact: bool = False) -> str:
        """`不少于 80㎡`, `2–3 名`, `约 376.62 万元`; compact (for quotes): `不少于80㎡`."""

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
        text = f"{text} {self.unit}".replace(" %", "%").replace(" ㎡", "㎡")
        return text.replace(" ", "") if compact else text

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
