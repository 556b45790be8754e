"""One vocabulary: every code list the models declare as a `Literal` has a Chinese label for each
code in swkb.catalog.labels, and no label for a code the models do not know. A code added to a
model without its label would show up on pages as the bare code (or fail with a KeyError)."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal

import pytest

from swkb.catalog import labels
from swkb.catalog.models import ENTRY_KINDS, LIST_FILES, DateBasis, DocLevel, Document, Milestone, RegionLevel, StaffingRule
from swkb.catalog.onboarding import ChecklistItem, ExclusionKind
from swkb.search.documents import SearchKind
from swkb.site.labels_js import JS_LABELS, LABELS_JS, labels_script, stale_labels_script
from swkb.views.cards import CARD_SECTIONS

from .conftest import ROOT


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
    (
        "entry kinds (ENTRY_KINDS, LIST_FILES)",
        set(ENTRY_KINDS) | {kind for _, _, kind in LIST_FILES.values()},
        "KIND_ZH",
        set(),
        set(),
    ),
    # The kind a search result shows. Pages about the site and the preview's status page are
    # never indexed (swkb.search.documents.PageDocs.of, swkb.site.adapter), so need no label.
    ("SearchKind (search results)", codes(SearchKind), "SEARCH_KIND_ZH", {"about", "preview"}, set()),
]


@pytest.mark.parametrize(("what", "model_codes", "label_name", "unlabelled", "extra"), PAIRS, ids=[p[0] for p in PAIRS])
def test_each_code_list_has_exactly_the_keys_of_its_labels(
    what: str, model_codes: set[str], label_name: str, unlabelled: set[str], extra: set[str]
) -> None:
    label_keys = set(getattr(labels, label_name))
    missing = model_codes - unlabelled - label_keys
    unknown = label_keys - extra - model_codes
    assert not missing and not unknown, f"{what} and labels.{label_name} disagree: " + "; ".join(
        filter(
            None,
            [
                f"codes without a label: {sorted(missing)}" if missing else "",
                f"labels of no code: {sorted(unknown)}" if unknown else "",
            ],
        )
    )


def test_region_levels_are_document_levels() -> None:
    assert codes(RegionLevel) <= codes(DocLevel), "a region level without its document level (and label)"


def test_card_sections_name_every_section_a_checklist_item_may_point_at() -> None:
    # The card's own checklist section is no code of the catalog: items cannot point at it.
    sections = field(ChecklistItem, "card_section")
    assert set(CARD_SECTIONS) - {"checklist"} == sections, (
        f"ChecklistItem.card_section and views.cards.CARD_SECTIONS disagree: {sorted(set(CARD_SECTIONS) ^ sections ^ {'checklist'})}"
    )


def test_the_page_scripts_labels_are_generated_from_labels_py() -> None:
    """docs/javascripts/labels.js is labels.py's words for the browser: stale when a label
    changed and `python scripts/labels_js.py` was not run."""
    assert stale_labels_script(ROOT / "docs") == []


def test_the_check_sees_a_stale_labels_script(tmp_path) -> None:
    (tmp_path / LABELS_JS).parent.mkdir()
    assert stale_labels_script(tmp_path) != []
    (tmp_path / LABELS_JS).write_text(labels_script().replace(labels.NOT_STATED, "未规定"), encoding="utf-8")
    assert "已过期" in stale_labels_script(tmp_path)[0]


def test_no_page_script_copies_a_label_it_can_read() -> None:
    """A word that labels.js ships is read from window.SWKB_LABELS, never written out again as a
    string in a script (where a renamed label would silently stay old)."""
    words = {getattr(labels, name) for name in JS_LABELS}
    scripts = [p for p in (ROOT / "docs").rglob("*.js") if p != ROOT / "docs" / LABELS_JS]
    scripts += list((ROOT / "docs").rglob("*.mjs"))
    strings = re.compile(r'"([^"\n]*)"|\'([^\'\n]*)\'')
    copied = [
        (p.relative_to(ROOT).as_posix(), match.group(match.lastindex or 0))
        for p in scripts
        for match in strings.finditer(p.read_text(encoding="utf-8"))
        if match.lastindex and match.group(match.lastindex) in words
    ]
    assert copied == [], f"脚本里抄写了 labels.js 已有的词，应改读 window.SWKB_LABELS：{copied}"
