"""Pictures drawn at build time as inline SVG: timeline strips beside HTML labels (from the layout in
swkb.views.timeline) and the national tile map (from swkb.views.overview).

The markup is in templates/partials/timeline.svg.j2 and overview.svg.j2, which escape every text from the
catalog as XML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from swkb.catalog.models import Milestone
from swkb.views.overview import GRID_COLUMNS, GRID_ROWS, ProvinceFigures
from swkb.views.timeline import MERGE_UNITS, layout

TEMPLATE_DIR = Path(__file__).parent / "templates"
GRID_LANES = 20


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["n"] = svg_number
    return env


def svg_number(value: float) -> str:
    """A coordinate to a tenth of a unit, without float noise (169.10000000000002 → 169.1)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_svg(
    lanes_in: list[tuple[str, list[Milestone]]],
    title: str,
    anchor_of: Callable[[Milestone], str | None] | None = None,
    merge_units: float = MERGE_UNITS,
) -> str:
    """An SVG with one lane per (label, milestones); all lanes share one year axis. With
    `anchor_of`, each mark is a link to its milestone's row (click, tap or keyboard)."""
    chart = layout(lanes_in, title, anchor_of, merge_units)
    if chart is None:
        return ""
    svg = (
        _environment()
        .get_template("partials/timeline.svg.j2")
        .render(
            title=chart.title,
            lanes=chart.lanes,
            years=chart.years,
            width=chart.width,
            height=chart.height,
            label_width=chart.label_width,
            row_height=chart.row_height,
            axis_height=chart.axis_height,
            chart_width=chart.width - chart.label_width,
            focus=round(chart.focus - chart.label_width),
            # Year lines in every lane help a few lanes; in a chart of every province the axis row has them.
            lane_grid=len(chart.lanes) <= GRID_LANES,
        )
    )
    # A raw HTML block in Markdown ends at a blank line: keep the picture in one block.
    return "\n".join(line for line in svg.splitlines() if line.strip())


# ----- the national tile map (compare/overview) -----

TILE = 60
TILE_GAP = 4
MODES = ("coverage", "documents", "regions")
"""What the tiles show, switched on the page: coverage year, documents, regions collected."""


@dataclass(frozen=True)
class TileValue:
    """A tile's figure in one mode: its words (the value and a note under it) and its fill
    class (a colour with its own pattern, so values differ without colour too)."""

    text: str
    note: str
    fill: str


@dataclass(frozen=True)
class Tile:
    x: int
    y: int
    short: str
    label: str
    """The whole tile said in words (its accessible name): every figure, not only the one shown."""
    href: str
    values: dict[str, TileValue]


def tile_values(p: ProvinceFigures, level_zh: dict[str, str], catalog_levels: dict[str, str]) -> dict[str, TileValue]:
    """The tile's figure in each mode. Fill classes: none (未收集, dashed frame), zero (dots), low (stripes), high (solid)."""
    if not p.collected:
        return {mode: TileValue("未收集", "", "none") for mode in MODES}
    if p.coverage_year is not None:
        coverage = TileValue(f"{p.coverage_year}年", "省级", "high")
    elif p.earliest_local is not None:
        coverage = TileValue(f"{p.local_year}年", level_zh[catalog_levels[p.earliest_local[0]]], "low")
    else:
        coverage = TileValue("未写明", "", "zero")
    return {
        "coverage": coverage,
        "documents": TileValue(f"{p.documents}份", "文件", "zero" if not p.documents else "low" if p.documents < 3 else "high"),
        "regions": TileValue(f"{len(p.region_ids)}个", "地区", "low" if len(p.region_ids) < 3 else "high"),
    }


def tile_label(p: ProvinceFigures, level_zh: dict[str, str], names: dict[str, str], catalog_levels: dict[str, str]) -> str:
    if not p.collected:
        return f"{p.name}：未收集"
    if p.coverage_year is not None:
        coverage = f"省级方案写明 {p.coverage_year} 年全覆盖"
    elif p.earliest_local is not None:
        rid = p.earliest_local[0]
        coverage = f"省级方案未写明全覆盖时间，省内最早 {p.local_year} 年({names[rid]}，{level_zh[catalog_levels[rid]]})"
    else:
        coverage = "未写明全覆盖时间"
    return f"{p.name}：收集 {len(p.region_ids)} 个地区，{p.documents} 份政策文件，{coverage}。打开并排对照"


def render_tile_map(
    figures: list[ProvinceFigures],
    href_of: Callable[[ProvinceFigures], str],
    level_zh: dict[str, str],
    names: dict[str, str],
    catalog_levels: dict[str, str],
) -> str:
    """The tile map of the divisions in `figures` (those with a tile), as inline SVG. Each
    collected province's tile is a link (`href_of`) to its regions side by side; the others
    are images that say 未收集."""
    step = TILE + TILE_GAP
    tiles = [
        Tile(
            p.division.col * step,
            p.division.row * step,
            p.short,
            tile_label(p, level_zh, names, catalog_levels),
            href_of(p) if p.collected else "",
            tile_values(p, level_zh, catalog_levels),
        )
        for p in figures
        if p.division is not None
    ]
    svg = (
        _environment()
        .get_template("partials/overview.svg.j2")
        .render(tiles=tiles, tile=TILE, modes=MODES, width=GRID_COLUMNS * step - TILE_GAP, height=GRID_ROWS * step - TILE_GAP)
    )
    return "\n".join(line for line in svg.splitlines() if line.strip())
