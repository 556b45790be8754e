"""Figures for search: every stated quantity of an entry, as (dimension, low, high) in one base
unit per dimension, so that 80平方米, 80㎡ and 80 m2 all find the fact "不少于 80㎡", and 5万元
finds a fact stated in 万元 as well as text that says 50000元.

The worker (docs/assets/javascripts/search/figures.mjs) reads the same dimensions; the unit
words a reader may type are listed there, next to the query parser that needs them.
"""

from __future__ import annotations

from collections.abc import Iterable

from swkb.catalog.models import Quantity
from swkb.catalog.store import iter_facts
from swkb.catalog.values import StrictModel

# Unit of the catalog → (dimension, factor to the dimension's base unit).
UNIT_DIMENSION: dict[str, tuple[str, float]] = {
    "㎡": ("area", 1), "名": ("people", 1), "人": ("people", 1), "岁": ("age", 1), "学时": ("hours", 1),
    "万元": ("money", 10_000), "元": ("money", 1), "%": ("percent", 1), "年": ("years", 1), "月": ("months", 1),
    "日": ("days", 1), "工作日": ("workdays", 1), "个": ("count", 1), "次": ("times", 1), "人次": ("visits", 1),
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
    """Every figure stated anywhere inside `models`, each once, in order."""
    out: dict[Figure, None] = {}
    for model in models:
        if model is None:
            continue
        for fact in iter_facts(model):  # the model itself too, when it is a fact
            if isinstance(fact, Quantity):
                figure = figure_of(fact)
                if figure is not None:
                    out.setdefault(figure, None)
    return list(out)


def compact(figures: list[Figure]) -> list[list[str | float | None]]:
    """Figures as JSON lists, integers without a trailing .0."""
    def num(x: float | None) -> float | None:
        return None if x is None else (int(x) if float(x).is_integer() else x)

    return [[d, num(lo), num(hi)] for d, lo, hi in figures]
