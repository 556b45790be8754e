"""Onboarding cards: one per (region, post) pair the catalog defines, as plain data.

A card gathers what a newcomer in that post needs from the region's entry: who employs them and
on what terms, the requirements of the post, training and supervision, the services under the
region's own names, what is not station work, the region's dates, and whom to ask. Where the
region's document is silent the card says so (来源未规定 / 未收集) and carries a few comparable
regions' rules, always as `Elsewhere` items so that a page can never show them as local ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from swkb.catalog.labels import (
    CHECKLIST_STAGE_ZH,
    EXCLUSION_KIND_ZH,
    NOT_COLLECTED,
    NOT_COLLECTED_HINT,
    NOT_STATED,
    NOT_STATED_HINT,
)
from swkb.catalog.models import ExclusionFact, Fact, Milestone, Region, Role, ScopedFact, ServiceDomain, StaffingRule, TextFact
from swkb.catalog.onboarding import CHECKLIST_LINK, ChecklistItem
from swkb.catalog.store import Catalog
from swkb.views.elsewhere import Comparables, Elsewhere

CARD_URI = "cards/{region}/{role}.md"
CARDS_INDEX = "cards/index.md"
CARDS_PROVINCE_URI = "cards/in/{province}.md"

Status = Literal["stated", "not_stated", "not_collected"]

EMPLOYMENT_FIELDS = [("held_by", "由谁担任"), ("employer", "用人单位"), ("contract", "劳动合同与待遇")]
REQUIREMENT_FIELDS = [
    ("age_max", "年龄上限"),
    ("education", "学历"),
    ("certificate", "资格证书"),
    ("certificate_deadline", "取证期限"),
    ("certificate_consequence", "逾期未取得证书"),
]
TRAINING_HOURS = ("training_hours", "每年培训学时")
SUPPORT_LISTS = [("training", "培训"), ("supervision", "督导"), ("assessment", "考核")]
AGREEMENT_FIELDS = [
    ("buyer", "购买方"),
    ("operator", "承接方"),
    ("contract_cycle", "服务周期"),
    ("contract_signing", "签约方式"),
    ("renewal", "续签条件"),
    ("evaluation", "评估"),
]
# Which of a role's posts the card leads with: a newcomer in a 驻站 role is most often in a station,
# then in a room; county and city centres and projects are the rarer posts (issue 24, item 14).
POST_ORDER = ("station", "room", "project", "county_center", "city_center")
# The category of services every station does whatever its region calls its own (清单第一类：政策宣传、
# 需求评估、资源评估); the guide starts with them and the checklist assigns them.
BASIC_CATEGORY = "jichu"

# The card's sections: anchor → heading (checklist items point to them by anchor).
CARD_SECTIONS: dict[str, str] = {
    "employment": "雇用与合同",
    "requirements": "任职要求",
    "support": "培训、督导与考核",
    "services": "本站的服务",
    "boundaries": "不归我做的事",
    "dates": "时间节点和报告",
    "contacts": "找谁",
    "checklist": "入职清单",
}

# Our own wording of each kind of boundary, shown (marked as a general rule) where the region's
# document says nothing of that kind.
GENERAL_EXCLUSIONS: dict[str, str] = {
    "government_duty": "资格认定和审批、执法、涉密事项以及镇(街道)的行政事务，由政府工作人员自己办理，不交给社工站。",
    "scope": "服务范围以服务协议和本地方案为准；协议以外的新任务，要经购买方同意才能加。",
    "dedicated": "驻站社工专职做社工站的服务，不应被长期抽调去做别的工作。",
    "subcontract": "承接机构要自己派人提供服务，不能把项目转手给别人。",
}


@dataclass(frozen=True)
class Placed:
    """A fact of one of the post's staffing rules; `fact` is None when that rule lacks the field."""

    post: str
    fact: Fact | None


def _status(facts: list[Fact | None]) -> Status:
    if any(f is not None and f.status == "stated" for f in facts):
        return "stated"
    return "not_stated" if any(f is not None for f in facts) else "not_collected"


@dataclass(frozen=True)
class Requirement:
    """One item of the post (age limit, education …) for each of its posts, and, when the region
    states nothing, what comparable regions require."""

    key: str
    """The staffing field, e.g. `age_max`."""
    label: str
    own: list[Placed]
    elsewhere: list[Elsewhere] = field(default_factory=list)
    more: int = 0
    """Further regions that state it, beyond those shown."""

    @property
    def status(self) -> Status:
        return _status([p.fact for p in self.own])

    def grouped(self) -> list[tuple[list[str], Fact | None]]:
        """Posts that share a value (the same fact, or none) together, in the order of the rules."""
        groups: list[tuple[list[str], Fact | None]] = []
        for placed in self.own:
            same = next((g for g in groups if g[1] == placed.fact), None)
            if same is None:
                groups.append(([placed.post], placed.fact))
            else:
                same[0].append(placed.post)
        return groups


@dataclass(frozen=True)
class SupportList:
    """Training, supervision or assessment: the region's items that apply to the post."""

    key: str
    """The workforce list, e.g. `training`."""
    label: str
    own: list[ScopedFact]
    elsewhere: list[Elsewhere] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return _status(list(self.own))

    @property
    def stated(self) -> list[ScopedFact]:
        return [f for f in self.own if f.status == "stated"]


@dataclass(frozen=True)
class ExclusionGroup:
    """The region's rules of one kind of boundary, or our general rule where it has none."""

    kind: str | None
    label: str
    own: list[ExclusionFact]
    general: str | None = None
    elsewhere: list[Elsewhere] = field(default_factory=list)


@dataclass(frozen=True)
class Colleague:
    """Another post of the same region (who else is in the station, and who holds it)."""

    role_id: str
    rule: StaffingRule


@dataclass(frozen=True)
class ChecklistEntry:
    """A checklist item with its text cut into plain pieces and catalog links."""

    item: ChecklistItem
    pieces: list[tuple[str, str | None, str | None]]
    """(text, kind, id): kind is None for plain text; for a link, text is its label or empty."""


@dataclass(frozen=True)
class ChecklistStage:
    stage: str
    label: str
    groups: list[tuple[str, list[ChecklistEntry]]]


@dataclass(frozen=True)
class CardRef:
    """Where a card is, for indexes and the chooser."""

    region_id: str
    role_id: str
    province_id: str

    @property
    def uri(self) -> str:
        return CARD_URI.format(region=self.region_id, role=self.role_id)


@dataclass(frozen=True)
class OtherPosts:
    """The same role's rules for the region's other posts (a 驻站社工 card's 社工室 and 县级总站
    rules): shown folded after the reader's own post, never mixed into its rows."""

    posts: list[str]
    employment: list[Requirement]
    requirements: list[Requirement]
    """Only the items some other post has a fact for: an empty row would read as a contradiction."""
    preferences: list[Placed]
    duties: list[Placed]

    def __bool__(self) -> bool:
        return bool(self.posts)


@dataclass(frozen=True)
class OnboardingCard:
    ref: CardRef
    region: Region
    role: Role
    rules: list[StaffingRule]
    """The role's rules in the region: the reader's own post first."""
    post: str
    """The post the card leads with (POST_ORDER)."""
    employment: list[Requirement]
    """Employment items of the reader's own post."""
    pay: Fact | None
    """What the region's plan says of pay (薪酬): part of the worker's own terms, not the agreement."""
    agreement: list[tuple[str, Fact | None]]
    """The service agreement between the buyer and the agency (服务周期, 续签条件 …)."""
    requirements: list[Requirement]
    silent_everywhere: list[Requirement]
    """Items nobody in the catalog states for this kind of post: listed in one line."""
    preferences: list[Placed]
    duties: list[Placed]
    other_posts: OtherPosts
    training_hours: Requirement
    support: list[SupportList]
    services: list[ServiceDomain]
    basic_services: list[str]
    """IDs of the basic services (清单第一类) the region's own service domains do not map to:
    shown as every station's job, marked as our general rule."""
    exclusions: list[ExclusionGroup]
    milestones: list[Milestone]
    reporting: list[TextFact]
    colleagues: list[Colleague]
    contacts: list[TextFact]
    documents: list[tuple[str, str]]
    """(document ID, short name) of every document the region's facts cite: citations on the card
    use the short name, and the card's head says which document each one is."""

    @property
    def short(self) -> dict[str, str]:
        return dict(self.documents)

    @property
    def posts(self) -> list[str]:
        return [r.post for r in self.rules]

    @property
    def mine(self) -> list[StaffingRule]:
        """The rules of the reader's own post."""
        return [r for r in self.rules if r.post == self.post]

    @property
    def title(self) -> str:
        return card_title(self.region, self.role)


def card_title(region: Region, role: Role) -> str:
    """A card's title: the region and the post's role."""
    return f"{region.name} · {role.name}"


def checklist_pieces(text: str) -> list[tuple[str, str | None, str | None]]:
    """Cut checklist text at its `[[kind:id|label]]` links (kinds and IDs checked when loading)."""
    pieces: list[tuple[str, str | None, str | None]] = []
    last = 0
    for match in CHECKLIST_LINK.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], None, None))
        pieces.append((match.group(3) or "", match.group(1), match.group(2)))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], None, None))
    return pieces


class CardSet:
    """Every onboarding card of a catalog, built on demand; comparable rules are indexed once,
    so a national catalog does not compare every region with every other."""

    sections = CARD_SECTIONS
    basic_category = BASIC_CATEGORY
    labels = {
        "not_stated": NOT_STATED,
        "not_stated_hint": NOT_STATED_HINT,
        "not_collected": NOT_COLLECTED,
        "not_collected_hint": NOT_COLLECTED_HINT,
    }

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.comparables = Comparables(catalog, [n for n, _ in EMPLOYMENT_FIELDS + REQUIREMENT_FIELDS] + [TRAINING_HOURS[0]])

    # ----- which cards exist -----

    @cached_property
    def refs(self) -> list[CardRef]:
        """One per (region, role) with a staffing rule, by province, then region, then rule order."""
        out: list[CardRef] = []
        for rid in sorted(self.catalog.regions, key=lambda r: (self.catalog.province_of(r), r)):
            roles = dict.fromkeys(rule.role for rule in self.catalog.regions[rid].staffing)
            out += [CardRef(rid, role, self.catalog.province_of(rid)) for role in roles]
        return out

    @cached_property
    def by_province(self) -> dict[str, list[CardRef]]:
        groups: dict[str, list[CardRef]] = defaultdict(list)
        for ref in self.refs:
            groups[ref.province_id].append(ref)
        return dict(groups)

    def by_region(self, refs: list[CardRef]) -> list[tuple[str, list[CardRef]]]:
        groups: dict[str, list[CardRef]] = {}
        for ref in refs:
            groups.setdefault(ref.region_id, []).append(ref)
        return list(groups.items())

    @cached_property
    def checklist(self) -> list[ChecklistStage]:
        stages: list[ChecklistStage] = []
        for stage, label in CHECKLIST_STAGE_ZH.items():
            groups: list[tuple[str, list[ChecklistEntry]]] = []
            for item in self.catalog.checklist:
                if item.stage != stage:
                    continue
                if not groups or groups[-1][0] != item.group:
                    groups.append((item.group, []))
                groups[-1][1].append(ChecklistEntry(item, checklist_pieces(item.text)))
            if groups:
                stages.append(ChecklistStage(stage, label, groups))
        return stages

    # ----- one card -----

    def card(self, ref: CardRef) -> OnboardingCard:
        catalog, rid, role_id = self.catalog, ref.region_id, ref.role_id
        region, role = catalog.regions[rid], catalog.roles[role_id]
        every = [r for r in region.staffing if r.role == role_id]
        post = min((r.post for r in every), key=lambda p: POST_ORDER.index(p) if p in POST_ORDER else len(POST_ORDER))
        rules = [r for r in every if r.post == post]
        others = [r for r in every if r.post != post]
        held = any(r.held_by is not None and r.held_by.status == "stated" for r in rules)
        # Posts held by officials or cadres as a side job have no agency employer or contract.
        employment = [
            self._requirement(ref, rules, name, label)
            for name, label in EMPLOYMENT_FIELDS
            if name == "held_by" and held or name != "held_by" and not held or any(getattr(r, name) is not None for r in rules)
        ]
        requirements: list[Requirement] = []
        silent: list[Requirement] = []
        for name, label in REQUIREMENT_FIELDS:
            req = self._requirement(ref, rules, name, label)
            (silent if req.status == "not_collected" and not req.elsewhere else requirements).append(req)
        purchase, funding, governance = region.purchase, region.funding, region.governance
        agreement: list[tuple[str, Fact | None]] = [
            (label, getattr(purchase, name) if purchase else None) for name, label in AGREEMENT_FIELDS
        ]
        contacts = ([governance.guidance_center] if governance and governance.guidance_center else []) + (
            list(governance.responsibilities) if governance else []
        )
        mapped = {sid for domain in region.services for sid in domain.maps_to}
        basic = sorted(
            (sid for sid, s in catalog.services.items() if s.category == BASIC_CATEGORY and sid not in mapped),
            key=lambda sid: catalog.services[sid].number,
        )
        return OnboardingCard(
            ref=ref,
            region=region,
            role=role,
            rules=rules + others,
            post=post,
            employment=employment,
            pay=funding.salary if funding else None,
            agreement=agreement,
            requirements=requirements,
            silent_everywhere=silent,
            preferences=[Placed(r.post, f) for r in rules for f in r.preferences],
            duties=[Placed(r.post, f) for r in rules for f in r.duties],
            other_posts=self._other_posts(others),
            training_hours=self._requirement(ref, rules, *TRAINING_HOURS),
            support=[self._support(ref, name, label) for name, label in SUPPORT_LISTS],
            services=list(region.services),
            basic_services=basic,
            exclusions=self._exclusions(ref),
            milestones=catalog.milestones(rid),
            reporting=list(purchase.reporting) if purchase else [],
            colleagues=[Colleague(r.role, r) for r in region.staffing if r.role != role_id],
            contacts=contacts,
            documents=self._short_names(region),
        )

    @staticmethod
    def _other_posts(others: list[StaffingRule]) -> OtherPosts:
        """The other posts' own facts only: no comparable regions (the folded part answers "what
        applies there", the reader's post already shows what others do where the region is silent)."""

        def own(name: str, label: str) -> Requirement:
            return Requirement(name, label, [Placed(r.post, getattr(r, name)) for r in others])

        stated = [
            (n, lbl)
            for n, lbl in EMPLOYMENT_FIELDS + REQUIREMENT_FIELDS + [TRAINING_HOURS]
            if any(getattr(r, n) is not None for r in others)
        ]
        employment = {n for n, _ in EMPLOYMENT_FIELDS}
        return OtherPosts(
            posts=list(dict.fromkeys(r.post for r in others)),
            employment=[own(n, lbl) for n, lbl in stated if n in employment],
            requirements=[own(n, lbl) for n, lbl in stated if n not in employment],
            preferences=[Placed(r.post, f) for r in others for f in r.preferences],
            duties=[Placed(r.post, f) for r in others for f in r.duties],
        )

    def _short_names(self, region: Region) -> list[tuple[str, str]]:
        """A document keeps its 文号; one without is “本地方案” (numbered when there are several)."""
        sources = list(dict.fromkeys(f.source for f in self.catalog.facts_of(region)))
        unnumbered = [d for d in sources if not self.catalog.documents[d].number]
        names = {d: "本地方案" if len(unnumbered) == 1 else f"本地方案{i + 1}" for i, d in enumerate(unnumbered)}
        return [(d, self.catalog.documents[d].number or names[d]) for d in sources]

    def cards(self) -> list[OnboardingCard]:
        return [self.card(ref) for ref in self.refs]

    def _roles_like(self, role_id: str) -> list[str]:
        return [role_id, *self.catalog.roles[role_id].comparable]

    def _requirement(self, ref: CardRef, rules: list[StaffingRule], name: str, label: str) -> Requirement:
        own = [Placed(r.post, getattr(r, name)) for r in rules]
        if _status([p.fact for p in own]) == "stated":
            return Requirement(name, label, own)
        roles = self._roles_like(ref.role_id)
        shown = self.comparables.pick(ref.region_id, [self.comparables.rule_pool(name, role) for role in roles])
        total = len(set().union(*(self.comparables.rule_pool(name, role).regions for role in roles)) - {ref.region_id})
        return Requirement(name, label, own, shown, total - len(shown))

    def _support(self, ref: CardRef, name: str, label: str) -> SupportList:
        workforce = self.catalog.regions[ref.region_id].workforce
        facts = getattr(workforce, name) if workforce else []
        own = [f for f in facts if not f.roles or ref.role_id in f.roles]
        if _status(list(own)) == "stated":
            return SupportList(name, label, own)
        roles = set(self._roles_like(ref.role_id))
        shown = self.comparables.pick(
            ref.region_id,
            [self.comparables.support_pool(name)],
            lambda e: not isinstance(e.fact, ScopedFact) or not e.fact.roles or bool(roles & set(e.fact.roles)),
        )
        return SupportList(name, label, own, shown)

    def _exclusions(self, ref: CardRef) -> list[ExclusionGroup]:
        own = self.catalog.regions[ref.region_id].exclusions
        groups = []
        for kind, label in EXCLUSION_KIND_ZH.items():
            mine = [f for f in own if f.kind == kind]
            if mine:
                groups.append(ExclusionGroup(kind, label, mine))
            else:
                groups.append(
                    ExclusionGroup(
                        kind,
                        label,
                        [],
                        GENERAL_EXCLUSIONS[kind],
                        self.comparables.pick(ref.region_id, [self.comparables.exclusion_pool(kind)], limit=1),
                    )
                )
        others = [f for f in own if f.kind is None]
        if others:
            groups.append(ExclusionGroup(None, "其他", others))
        return groups
