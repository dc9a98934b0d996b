"""Geometry for the dashboard's server-rendered SVG bar charts (no JavaScript, no assets).

Pure functions: rows in, bar rectangles out. Templates draw them; the same numbers are
printed in a table next to each chart for screen readers and copying.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_COLOR = "#0969da"
LABEL_WIDTH = 170  # room for the category names left of horizontal bars
ROW_HEIGHT = 28
BAR_AREA = 300
COLUMN_WIDTH = 40
COLUMN_AREA = 160


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    color: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    label_x: int = LABEL_WIDTH - 8


def _scale(values: list[int], room: float) -> float:
    top = max(values, default=0)
    return room / top if top else 0.0


def horizontal_bars(
    rows: list[dict[str, Any]], *, label: str, value: str = "n", color: str | None = None
) -> Chart:
    """One bar per row, the longest filling BAR_AREA; value printed after each bar."""
    factor = _scale([row[value] for row in rows], BAR_AREA)
    bars = []
    for i, row in enumerate(rows):
        width = row[value] * factor
        y = i * ROW_HEIGHT + 4
        bars.append(
            Bar(
                label=str(row[label]),
                value=row[value],
                x=LABEL_WIDTH,
                y=y,
                width=width,
                height=ROW_HEIGHT - 8,
                color=row.get(color or "", None) or DEFAULT_COLOR,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + (ROW_HEIGHT - 8) / 2 + 5,
            )
        )
    return Chart(
        width=LABEL_WIDTH + BAR_AREA + 50, height=max(len(rows), 1) * ROW_HEIGHT, bars=bars
    )


def columns(rows: list[dict[str, Any]], *, label: str, value: str = "n") -> Chart:
    """One column per row (e.g. per week), the tallest filling COLUMN_AREA; labels below."""
    factor = _scale([row[value] for row in rows], COLUMN_AREA)
    top = 20  # room for the value above the tallest column
    bars = []
    for i, row in enumerate(rows):
        height = row[value] * factor
        x = i * (COLUMN_WIDTH + 8) + 8
        bars.append(
            Bar(
                label=str(row[label]),
                value=row[value],
                x=x,
                y=top + COLUMN_AREA - height,
                width=COLUMN_WIDTH,
                height=height,
                color=DEFAULT_COLOR,
                text_x=x + COLUMN_WIDTH / 2,
                text_y=top + COLUMN_AREA - height - 5,
            )
        )
    return Chart(width=len(rows) * (COLUMN_WIDTH + 8) + 8, height=top + COLUMN_AREA + 24, bars=bars)
