"""Timeline pictures as inline SVG strips beside HTML labels, drawn at build time from the layout in swkb.views.timeline.

The markup is in templates/timeline.svg.j2, which escapes every text from the catalog as XML.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jinja2

from swkb.catalog.models import Milestone
from swkb.views.timeline import MERGE_UNITS, layout

TEMPLATE_DIR = Path(__file__).parent / "templates"
GRID_LANES = 20


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["n"] = svg_number
    return env


def svg_number(value: float) -> str:
    """A coordinate to a tenth of a unit, without float noise (169.10000000000002 → 169.1)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_svg(lanes_in: list[tuple[str, list[Milestone]]], title: str,
               anchor_of: Callable[[Milestone], str | None] | None = None, merge_units: float = MERGE_UNITS) -> str:
    """An SVG with one lane per (label, milestones); all lanes share one year axis. With
    `anchor_of`, each mark is a link to its milestone's row (click, tap or keyboard)."""
    chart = layout(lanes_in, title, anchor_of, merge_units)
    if chart is None:
        return ""
    svg = _environment().get_template("timeline.svg.j2").render(
        title=chart.title, lanes=chart.lanes, years=chart.years, width=chart.width, height=chart.height,
        label_width=chart.label_width, row_height=chart.row_height, axis_height=chart.axis_height,
        chart_width=chart.width - chart.label_width, focus=round(chart.focus - chart.label_width),
        # Year lines in every lane help a few lanes; in a chart of every province the axis row has them.
        lane_grid=len(chart.lanes) <= GRID_LANES,
    )
    # A raw HTML block in Markdown ends at a blank line: keep the picture in one block.
    return "\n".join(line for line in svg.splitlines() if line.strip())
