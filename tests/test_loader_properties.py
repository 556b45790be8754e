"""Property-based tests of the loader: any file content either loads or raises the catalog's own
error type with a location, never another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import load_catalog

from .conftest import MINI

FIELD_NAMES = [
    "id",
    "name",
    "level",
    "parent",
    "station",
    "floor_area",
    "min",
    "max",
    "value",
    "unit",
    "source",
    "clause",
    "status",
    "staffing",
    "role",
    "post",
    "timeline",
    "date",
    "start",
    "end",
    "event",
    "services",
    "maps_to",
    "summary",
    "funding",
    "note",
    "label",
    "x",
    "名称",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["county", "prov", "doc-one", "㎡", "岁", "2021-02-30", "2021-08", "not_stated", "worker", "policy-talk"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=6)
    ),
    max_leaves=25,
)
VALID = (MINI / "regions/county.yml").read_text(encoding="utf-8")


def check(content: bytes, name: str = "regions/county.yml") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Path(tmp) / "catalog"
        shutil.copytree(MINI, catalog)
        (catalog / name).write_bytes(content)
        try:
            load_catalog(catalog)
        except CatalogErrors as exc:  # loading may also succeed: pytest.raises would demand an error
            assert exc.errors  # noqa: PT017
            for error in exc.errors:
                assert error.file.startswith("catalog/") and error.line >= 0 and error.message
                str(error)  # formatting never fails


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_yaml_structure(document: object) -> None:
    check(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes(content: bytes) -> None:
    check(content, "roles/worker.yml")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(VALID)), st.integers(0, 12), st.text(alphabet=":[]{}-#'\"\t\n ,&*!|>%@`x1", max_size=6))
def test_any_edit_of_a_valid_file(at: int, cut: int, insert: str) -> None:
    check((VALID[:at] + insert + VALID[at + cut :]).encode("utf-8"))
