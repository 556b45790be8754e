"""One vocabulary: every code list the models declare as a `Literal` has a Chinese label for each
code in swkb.catalog.labels, and no label for a code the models do not know. A code added to a
model without its label would show up on pages as the bare code (or fail with a KeyError)."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

import pytest

from swkb.catalog import labels
from swkb.catalog.models import ENTRY_KINDS, LIST_FILES, DateBasis, DocLevel, Document, Milestone, RegionLevel, StaffingRule
from swkb.catalog.onboarding import ChecklistItem, ExclusionKind
from swkb.search.documents import SearchKind
from swkb.views.cards import CARD_SECTIONS


def codes(annotation: Any) -> set[str]:
    """The strings of a Literal, through `X | None` and nested Literals."""
    if typing.get_origin(annotation) is Literal:
        return {str(a) for a in typing.get_args(annotation)}
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return set().union(*(codes(a) for a in typing.get_args(annotation) if a is not type(None)))
    raise TypeError(f"not a Literal: {annotation!r}")


def field(model: Any, name: str) -> set[str]:
    return codes(model.model_fields[name].annotation)


# (what is coded, its codes, its label dict's name, codes that have no label on purpose, labels that are no model code on purpose)
PAIRS: list[tuple[str, set[str], str, set[str], set[str]]] = [
    ("DocLevel (Document.level)", codes(DocLevel), "LEVEL_ZH", set(), set()),
    ("Document.scope", field(Document, "scope"), "SCOPE_ZH", set(), set()),
    ("Document.status", field(Document, "status"), "STATUS_ZH", set(), set()),
    ("Document.doc_type", field(Document, "doc_type"), "DOC_TYPE_ZH", set(), set()),
    # The basis pages mark: the default, a date the document itself gives, is shown unmarked.
    ("DateBasis (Document.date_basis)", codes(DateBasis), "DATE_BASIS_ZH", {"document"}, set()),
    ("StaffingRule.post", field(StaffingRule, "post"), "POST_ZH", set(), set()),
    ("Phase (Milestone.phase)", field(Milestone, "phase"), "PHASE_ZH", set(), set()),
    ("ExclusionKind", codes(ExclusionKind), "EXCLUSION_KIND_ZH", set(), set()),
    ("ChecklistItem.stage", field(ChecklistItem, "stage"), "CHECKLIST_STAGE_ZH", set(), set()),
    # Entry kinds and the kinds of the list files' items.
    ("entry kinds (ENTRY_KINDS, LIST_FILES)", set(ENTRY_KINDS) | {kind for _, _, kind in LIST_FILES.values()}, "KIND_ZH",
     set(), set()),
    # The kind a search result shows. Pages about the site and the preview's status page are
    # never indexed (swkb.search.documents.PageDocs.of, swkb.site.adapter), so need no label.
    ("SearchKind (search results)", codes(SearchKind), "SEARCH_KIND_ZH", {"about", "preview"}, set()),
]


@pytest.mark.parametrize(("what", "model_codes", "label_name", "unlabelled", "extra"), PAIRS, ids=[p[0] for p in PAIRS])
def test_each_code_list_has_exactly_the_keys_of_its_labels(what: str, model_codes: set[str], label_name: str,
                                                          unlabelled: set[str], extra: set[str]) -> None:
    label_keys = set(getattr(labels, label_name))
    missing = model_codes - unlabelled - label_keys
    unknown = label_keys - extra - model_codes
    assert not missing and not unknown, (
        f"{what} and labels.{label_name} disagree: "
        + "; ".join(filter(None, [f"codes without a label: {sorted(missing)}" if missing else "",
                                  f"labels of no code: {sorted(unknown)}" if unknown else ""])))


def test_region_levels_are_document_levels() -> None:
    assert codes(RegionLevel) <= codes(DocLevel), "a region level without its document level (and label)"


def test_card_sections_name_every_section_a_checklist_item_may_point_at() -> None:
    # The card's own checklist section is no code of the catalog: items cannot point at it.
    sections = field(ChecklistItem, "card_section")
    assert set(CARD_SECTIONS) - {"checklist"} == sections, (
        f"ChecklistItem.card_section and views.cards.CARD_SECTIONS disagree: {sorted(set(CARD_SECTIONS) ^ sections ^ {'checklist'})}")
