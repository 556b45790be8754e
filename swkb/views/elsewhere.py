"""Comparable regions: where a region's document is silent, what the nearest regions that do
state a rule say. Every stated rule is put once into pools reachable by region, by province and
all together, so picking for one card never walks the whole catalog.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from swkb.catalog.models import Fact
from swkb.catalog.store import Catalog

# Comparable regions shown for one silent item (the nearest; the rest are counted): a card must
# print on two sheets.
MAX_ELSEWHERE = 1
SUPPORT_FIELDS = ("training", "supervision", "assessment")


@dataclass(frozen=True)
class Elsewhere:
    """Another region's rule, shown for reference only."""

    region_id: str
    fact: Fact
    role_id: str | None = None
    post: str | None = None
    ancestor: bool = False
    """The region is above the card's region (its province or city)."""


@dataclass
class Pool:
    """Stated rules of one kind, reachable by region, by province and all together."""

    items: list[Elsewhere] = field(default_factory=list)
    by_region: dict[str, list[Elsewhere]] = field(default_factory=lambda: defaultdict(list))
    by_province: dict[str, list[Elsewhere]] = field(default_factory=lambda: defaultdict(list))

    def add(self, province: str, item: Elsewhere) -> None:
        self.items.append(item)
        self.by_region[item.region_id].append(item)
        self.by_province[province].append(item)

    @property
    def regions(self) -> set[str]:
        return set(self.by_region)

    def tier(self, kind: str, key: str) -> list[Elsewhere]:
        if kind == "region":
            return self.by_region.get(key, [])
        if kind == "province":
            return self.by_province.get(key, [])
        return self.items


class Comparables:
    """Stated rules of every region of a catalog, for picking the nearest ones to a region."""

    def __init__(self, catalog: Catalog, rule_fields: list[str]) -> None:
        self.catalog = catalog
        self.rule_fields = rule_fields
        """The staffing fields whose stated values are pooled."""

    def pick(
        self, region_id: str, pools: list[Pool], accept: Callable[[Elsewhere], bool] = lambda e: True, limit: int = MAX_ELSEWHERE
    ) -> list[Elsewhere]:
        """Nearest first: the region's own city and province, then its province's other regions,
        then the rest; within each, the card's own role before comparable ones; one item per region."""
        ancestors = self.catalog.ancestors(region_id)
        province = self.catalog.province_of(region_id)
        tiers: list[tuple[str, str]] = [("region", a) for a in reversed(ancestors)] + [("province", province), ("all", "")]
        chosen: list[Elsewhere] = []
        seen = {region_id}
        for tier in tiers:
            for pool in pools:
                for item in pool.tier(*tier):
                    if item.region_id in seen or not accept(item):
                        continue
                    seen.add(item.region_id)
                    # Pooled items say ancestor=False; only the few from above are copied.
                    chosen.append(replace(item, ancestor=True) if item.region_id in ancestors else item)
                    if len(chosen) == limit:
                        return chosen
        return chosen

    @cached_property
    def _rule_pools(self) -> dict[tuple[str, str], Pool]:
        """(field, role) → every stated staffing fact of that field and role."""
        pools: dict[tuple[str, str], Pool] = defaultdict(Pool)
        for rid in sorted(self.catalog.regions):
            province = self.catalog.province_of(rid)
            for rule in self.catalog.regions[rid].staffing:
                for name in self.rule_fields:
                    fact = getattr(rule, name)
                    if fact is not None and fact.status == "stated":
                        pools[name, rule.role].add(province, Elsewhere(rid, fact, rule.role, rule.post))
        return pools

    def rule_pool(self, name: str, role: str) -> Pool:
        return self._rule_pools.get((name, role)) or Pool()

    @cached_property
    def _support_pools(self) -> dict[str, Pool]:
        pools: dict[str, Pool] = defaultdict(Pool)
        for rid in sorted(self.catalog.regions):
            workforce = self.catalog.regions[rid].workforce
            for name in SUPPORT_FIELDS:
                for fact in getattr(workforce, name) if workforce else []:
                    if fact.status == "stated":
                        pools[name].add(self.catalog.province_of(rid), Elsewhere(rid, fact))
        return pools

    def support_pool(self, name: str) -> Pool:
        return self._support_pools.get(name) or Pool()

    @cached_property
    def _exclusion_pools(self) -> dict[str, Pool]:
        pools: dict[str, Pool] = defaultdict(Pool)
        for rid in sorted(self.catalog.regions):
            for fact in self.catalog.regions[rid].exclusions:
                if fact.status == "stated" and fact.kind is not None:
                    pools[fact.kind].add(self.catalog.province_of(rid), Elsewhere(rid, fact))
        return pools

    def exclusion_pool(self, kind: str) -> Pool:
        return self._exclusion_pools.get(kind) or Pool()
