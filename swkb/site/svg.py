"""Timeline pictures as inline SVG, drawn at build time from the layout in swkb.views.timeline.

The markup is in templates/timeline.svg.j2, which escapes every text from the catalog as XML.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from swkb.catalog.models import Milestone
from swkb.views.timeline import layout

TEMPLATE_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_svg(lanes_in: list[tuple[str, list[Milestone]]], title: str) -> str:
    """An SVG with one lane per (label, milestones); all lanes share one year axis."""
    chart = layout(lanes_in, title)
    if chart is None:
        return ""
    svg = _environment().get_template("timeline.svg.j2").render(
        title=chart.title, lanes=chart.lanes, years=chart.years, width=chart.width, height=chart.height,
        label_width=chart.label_width, row_height=chart.row_height, axis_height=chart.axis_height,
    )
    # A raw HTML block in Markdown ends at a blank line: keep the picture in one block.
    return "\n".join(line for line in svg.splitlines() if line.strip())
