"""The layout of a Gantt-style timeline: lanes, marks and a shared year axis, as plain data.

The picture itself is drawn as inline SVG by swkb.site.svg (no script, no outside request), so
it works offline, from file://, and in print. Only coordinates are computed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from swkb.catalog.labels import PHASE_ZH
from swkb.catalog.models import Milestone

MERGE_UNITS = 1.0
"""Marks at the same place (to a unit) are drawn once; a national chart merges more widely."""
# Phase colours, used by the SVG marks and by the legend above the charts.
PHASE_COLOURS: dict[str, str] = {
    "preparation": "#90a4ae",
    "pilot": "#ffb74d",
    "rollout": "#4fc3f7",
    "procurement": "#b0bec5",
    "contract": "#78909c",
    "service": "#5c6bc0",
    "payment": "#8d6e63",
    "evaluation": "#7e57c2",
    "full_coverage": "#66bb6a",
    "standardised": "#26a69a",
    "upgrade": "#00897b",
    "goal": "#ab47bc",
}
OTHER_COLOUR = "#9fa8da"
LABEL_WIDTH = 190
CHART_WIDTH = 620
ROW_HEIGHT = 24
AXIS_HEIGHT = 26
LABEL_CHARS = 13


@dataclass(frozen=True)
class Mark:
    """One milestone drawn on a row: a bar (period or range) or a diamond (a day or a deadline)."""

    x: float
    width: float
    shape: str  # "bar" | "diamond"
    colour: str
    tooltip: str
    href: str = ""
    """Where the mark leads when clicked, tapped or activated by keyboard (its row in the list
    of milestones), so details never depend on hovering."""
    y: float = 0
    height: float = 0
    """Top and height of the mark in its lane (set by `_stack`: marks that would overlap are
    drawn in separate tracks of the lane, so none hides another)."""


@dataclass(frozen=True)
class Lane:
    label: str
    title: str
    marks: list[Mark]
    height: int = ROW_HEIGHT


TRACK_HEIGHT = 16
DIAMOND_HALF = 6
"""A diamond is 12 units wide, centred on its day."""


def _extent(mark: Mark) -> tuple[float, float]:
    if mark.shape == "diamond":
        return mark.x - DIAMOND_HALF, mark.x + DIAMOND_HALF
    return mark.x, mark.x + mark.width


def _stack(marks: list[Mark]) -> tuple[list[Mark], int]:
    """Marks of one lane in tracks: each goes into the first track where it overlaps no mark
    already there (a 试点 year and a 全覆盖 deadline in that year get a track each). Returns the
    marks with their y and height, and the lane's height; a lane of one track keeps the plain
    row's geometry."""
    ends: list[float] = []
    track_of: list[int] = []
    for mark in marks:
        start, stop = _extent(mark)
        track = next((i for i, end in enumerate(ends) if start >= end + 1), len(ends))
        if track == len(ends):
            ends.append(stop)
        else:
            ends[track] = max(ends[track], stop)
        track_of.append(track)
    if len(ends) <= 1:
        return [
            replace(m, y=4 if m.shape == "diamond" else 5, height=ROW_HEIGHT - 8 if m.shape == "diamond" else ROW_HEIGHT - 10)
            for m in marks
        ], ROW_HEIGHT
    out = []
    for mark, track in zip(marks, track_of):
        top = 2 + TRACK_HEIGHT * track
        out.append(
            replace(mark, y=top + 1, height=TRACK_HEIGHT - 2)
            if mark.shape == "diamond"
            else replace(mark, y=top + 2, height=TRACK_HEIGHT - 4)
        )
    return out, 4 + TRACK_HEIGHT * len(ends)


def _span(m: Milestone) -> tuple[date, date]:
    if m.start is not None and m.end is not None:
        return m.start.first_day(), m.end.last_day()
    assert m.date is not None
    return m.date.first_day(), m.date.last_day()


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


@dataclass(frozen=True)
class Chart:
    """A whole timeline picture: lanes on one year axis, in SVG user units."""

    title: str
    lanes: list[Lane]
    years: list[tuple[int, float]]
    """(year, x of its 1 January)."""
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    row_height: int = ROW_HEIGHT
    axis_height: int = AXIS_HEIGHT
    focus: float = 0
    """x of the median mark: where a phone's narrow view of the chart starts."""


def layout(
    lanes_in: list[tuple[str, list[Milestone]]],
    title: str,
    anchor_of: Callable[[Milestone], str | None] | None = None,
    merge_units: float = MERGE_UNITS,
) -> Chart | None:
    """One lane per (label, milestones), all on one year axis; None when nothing is dated.
    `anchor_of` gives a milestone's row id on the page, which its mark then links to; marks of a
    lane closer than `merge_units` are drawn as one."""
    dated = [m for _, ms in lanes_in for m in ms if m.sort_date() is not None]
    if not dated:
        return None
    first_year = min(_span(m)[0].year for m in dated)
    last_year = max(_span(m)[1].year for m in dated)
    origin, end = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    total = (end - origin).days

    def x(day: date) -> float:
        return round(LABEL_WIDTH + (day - origin).days / total * CHART_WIDTH, 1)

    lanes = []
    for label, milestones in lanes_in:
        marks: list[Mark] = []
        # A province lane of a national catalog repeats many marks at (nearly) the same place:
        # each place is drawn once, its tooltip counting the milestones it stands for.
        drawn: dict[tuple[int, int, str, str], int] = {}
        counts: list[int] = []
        for m in milestones:
            if m.sort_date() is None:
                continue
            start, stop = _span(m)
            colour = PHASE_COLOURS.get(m.phase or "", OTHER_COLOUR)
            tooltip = f"{m.zh()} {PHASE_ZH.get(m.phase or '', '')} {m.event}".replace("  ", " ")
            if m.precision == "day" or m.before:
                mark = Mark(x(stop), 0, "diamond", colour, tooltip)
            else:
                mark = Mark(x(start), max(3.0, x(stop) - x(start)), "bar", colour, tooltip)
            anchor = anchor_of(m) if anchor_of is not None else None
            if anchor:
                mark = Mark(mark.x, mark.width, mark.shape, mark.colour, mark.tooltip, f"#{anchor}")
            key = (round(mark.x / merge_units), round(mark.width / merge_units), mark.shape, mark.colour)
            if key in drawn:
                counts[drawn[key]] += 1
            else:
                drawn[key] = len(marks)
                marks.append(mark)
                counts.append(1)
        if merge_units > MERGE_UNITS:  # merged marks say how many milestones they stand for
            marks = [replace(mark, tooltip=f"{mark.tooltip} 等 {n} 个节点") if n > 1 else mark for mark, n in zip(marks, counts)]
        # Earlier marks first, so each track fills from the left; ties keep the timeline's order.
        order = sorted(range(len(marks)), key=lambda i: (_extent(marks[i])[0], i))
        stacked, lane_height = _stack([marks[i] for i in order])
        lanes.append(Lane(_shorten(label), label, stacked, lane_height))
    years = [(y, x(date(y, 1, 1))) for y in range(first_year, last_year + 2)]
    height = AXIS_HEIGHT + sum(lane.height for lane in lanes) + 6
    xs = sorted(mark.x for lane in lanes for mark in lane.marks)
    focus = xs[len(xs) // 2] if xs else LABEL_WIDTH
    return Chart(title, lanes, years, LABEL_WIDTH + CHART_WIDTH + 20, height, focus=focus)
