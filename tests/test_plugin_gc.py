"""The build's process collects cycles rarely (swkb.site.plugin.GC_THRESHOLDS): a build keeps its
catalog and pages alive to the end, and frequent collections walked them all again."""

from __future__ import annotations

import gc

from swkb.site.plugin import GC_THRESHOLDS, SwkbPlugin


def test_the_plugin_sets_rare_collections_when_mkdocs_starts() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        SwkbPlugin().on_startup(command="build", dirty=False)
        assert gc.get_threshold() == GC_THRESHOLDS
        assert GC_THRESHOLDS[0] >= 50 * 700  # young collections far rarer than Python's default
    finally:
        gc.set_threshold(*before)
