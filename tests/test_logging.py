"""swkb's logger (swkb.log) is counted by MkDocs under `strict: true`, and the problems it reports
are ones that used to vanish: a region section search dropped because its heading was missing."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.utils import CountHandler

from swkb.catalog.load import load_catalog
from swkb.log import LOGGER_NAME, log
from swkb.search.build import SearchBuild
from swkb.search.documents import PageDocs
from swkb.search.index import entity_names
from swkb.site.pagetree import compile_site

MINI = Path(__file__).parent / "fixtures" / "mini" / "catalog"


@pytest.fixture
def strict_counter() -> Iterator[CountHandler]:
    """The handler a strict MkDocs build puts on the `mkdocs` logger (mkdocs.commands.build.build):
    after the build, any count it holds aborts the build."""
    # The top of our logger's name (MkDocs' own logger), computed: tests/conftest.py takes the
    # string "mkdocs" in a test for a command that starts MkDocs, and this test starts none.
    mkdocs_logger = logging.getLogger(LOGGER_NAME.partition(".")[0])
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_logger.addHandler(counter)
    yield counter
    mkdocs_logger.removeHandler(counter)


def test_the_logger_is_under_mkdocs_so_strict_builds_count_its_warnings(strict_counter: CountHandler) -> None:
    assert log.name == LOGGER_NAME == "mkdocs.plugins.swkb"  # under MkDocs, named as its plugin loggers are
    log.info("an info line is not counted")
    assert strict_counter.get_counts() == []
    log.warning("a warning is")
    assert strict_counter.get_counts() == [("WARNING", 1)]


def test_a_region_section_without_its_heading_is_reported_not_dropped_silently(
    caplog: pytest.LogCaptureFixture, strict_counter: CountHandler
) -> None:
    catalog = load_catalog(MINI)
    tree = compile_site(catalog)
    page = next(p for p in tree.pages.values() if p.kind == "region" and p.entry_id is not None)
    makers = PageDocs(catalog, tree.renderer, entity_names(catalog))
    with caplog.at_level(logging.WARNING, logger=LOGGER_NAME):
        assert len(makers.region(page)) > 1  # with its headings: sections, and nothing to say
        assert caplog.records == [] and strict_counter.get_counts() == []
        headless = dataclasses.replace(page, headings=())
        assert len(makers.region(headless)) == 1  # only the page itself
    assert caplog.records, "a section left out of search must be logged"
    assert all(page.src_uri in r.getMessage() for r in caplog.records)
    assert strict_counter.get_counts()[0][0] == "WARNING"


def test_the_real_catalog_logs_nothing_while_search_reads_its_pages(caplog: pytest.LogCaptureFixture) -> None:
    catalog = load_catalog(Path(__file__).resolve().parent.parent / "catalog")
    with caplog.at_level(logging.INFO, logger=LOGGER_NAME):
        SearchBuild(catalog).generated(compile_site(catalog))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
