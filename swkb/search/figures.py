"""Figures for search: every stated quantity of an entry, as (dimension, low, high) in one base
unit per dimension, so that 80平方米, 80㎡ and 80 m2 all find the fact "不少于 80㎡", and 5万元
finds a fact stated in 万元 as well as text that says 50000元.

The worker (docs/assets/javascripts/search/figures.mjs) reads the same dimensions; the unit
words a reader may type are listed there, next to the query parser that needs them.
"""

from __future__ import annotations

from collections.abc import Iterable

from swkb.catalog.models import Quantity
from swkb.catalog.values import StrictModel

# Unit of the catalog → (dimension, factor to the dimension's base unit).
UNIT_DIMENSION: dict[str, tuple[str, float]] = {
    "㎡": ("area", 1),
    "名": ("people", 1),
    "人": ("people", 1),
    "岁": ("age", 1),
    "学时": ("hours", 1),
    "万元": ("money", 10_000),
    "元": ("money", 1),
    "%": ("percent", 1),
    "年": ("years", 1),
    "月": ("months", 1),
    "日": ("days", 1),
    "工作日": ("workdays", 1),
    "个": ("count", 1),
    "次": ("times", 1),
    "人次": ("visits", 1),
    "户": ("households", 1),
}

Figure = tuple[str, float | None, float | None]
"""(dimension, low, high): a value is low == high; 不少于 x is (x, None); 不超过 x is (None, x)."""


def figure_of(fact: Quantity) -> Figure | None:
    """The fact's figure in base units, or None when it states no number or an unknown unit."""
    if fact.status != "stated" or fact.unit not in UNIT_DIMENSION:
        return None
    dimension, factor = UNIT_DIMENSION[fact.unit]

    def base(x: float | None) -> float | None:
        return None if x is None else round(x * factor, 6)

    if fact.value is not None:
        return (dimension, base(fact.value), base(fact.value))
    if fact.min is None and fact.max is None:
        return None
    return (dimension, base(fact.min), base(fact.max))


def figures_in(models: Iterable[StrictModel | None]) -> list[Figure]:
    """Every figure stated anywhere inside `models` (the models themselves included), each once,
    in order."""
    out: dict[Figure, None] = {}

    def visit(value: object) -> None:
        # Field values straight from the model's __dict__: a national catalog has millions.
        if isinstance(value, Quantity):
            figure = figure_of(value)
            if figure is not None:
                out.setdefault(figure, None)
        elif isinstance(value, StrictModel):
            for item in value.__dict__.values():
                if isinstance(item, (StrictModel, list)):
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, (StrictModel, list)):
                    visit(item)

    for model in models:
        visit(model)
    return list(out)


def compact(figures: list[Figure]) -> list[list[str | float | None]]:
    """Figures as JSON lists, integers without a trailing .0."""

    def num(x: float | None) -> float | None:
        return None if x is None else (int(x) if float(x).is_integer() else x)

    return [[d, num(lo), num(hi)] for d, lo, hi in figures]
