"""Where each settings row goes, worked out from the fonts: the settings screen at any text size.

A row is a label, a control (a slider with its value, or an On/Off toggle) and, beneath, a
description wrapped to the column, never cut. Rows flow down a column, then into the next
column, then onto the next page; a section (Sound) starts a column of its own. At the usual
text size two columns fit side by side; at large sizes one does, and the label stands above
its control when the two do not fit on one line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from ..text_layout import line_height, wrap

COLUMN_GAP = 36
MIN_COLUMN = 500        # narrower than this, a page shows one column
ROW_GAP = 12            # between one row's band and the next
BAND_PAD = 8            # the focus band's margin around a row
SLIDER_WIDTH = 200
VALUE_GAP = 12


@dataclass(frozen=True)
class RowSpec:
    key: int
    label: str
    kind: str                   # "slider" or "toggle"
    description: str = ""
    section: str = ""           # a new section starts a new column
    preview: bool = False       # the text speed row: a line typing below it


@dataclass
class PlacedRow:
    spec: RowSpec
    page: int
    band: pygame.Rect           # the whole row, what the focus band and ring surround
    label_rows: list[str]
    label_pos: tuple[int, int]
    control: pygame.Rect        # the slider or the toggle
    value: pygame.Rect | None   # a slider's value, right of it
    description_rows: list[str] = field(default_factory=list)
    description_pos: tuple[int, int] = (0, 0)
    description_step: int = 0       # pixels from one description row to the next
    preview_pos: tuple[int, int] | None = None     # the preview line's bottom left


@dataclass(frozen=True)
class Fonts:
    label: object
    description: object
    value: object
    preview: object
    spacing: float              # the player's line spacing, for the descriptions


def layout_rows(specs: list[RowSpec], fonts: Fonts, area: pygame.Rect, toggle_size: tuple[int, int],
                value_width: int) -> tuple[list[PlacedRow], int]:
    """Every row placed within `area` (the panel's inside, below the heading and above the
    buttons); (rows, number of pages)."""
    # a column holds a label and a slider side by side, with its description in a few rows
    least = max(MIN_COLUMN, fonts.label.size("Auto-advance delay")[0] + SLIDER_WIDTH + VALUE_GAP + value_width
                + 16 + 2 * BAND_PAD)
    columns = max(1, min(2, (area.width + COLUMN_GAP) // (least + COLUMN_GAP)))
    width = (area.width - (columns - 1) * COLUMN_GAP) // columns
    placed: list[PlacedRow] = []
    page, column, y = 0, 0, area.top
    section = specs[0].section if specs else ""
    for spec in specs:
        spacing = fonts.spacing
        row = _place(spec, fonts, width, toggle_size, value_width, spacing)
        while row[0] > area.height and spacing > 1.0:
            # a row taller than a page (the largest text at the widest spacing): its description
            # closes up its spacing, never its words, until the row fits
            spacing = max(1.0, spacing - 0.25)
            row = _place(spec, fonts, width, toggle_size, value_width, spacing)
        new_section = spec.section != section
        section = spec.section
        if (new_section and y > area.top) or (y + row[0] > area.bottom and y > area.top):
            column, y = column + 1, area.top
            if column >= columns:
                page, column = page + 1, 0
        left = area.left + column * (width + COLUMN_GAP)
        placed.append(_at(spec, row, page, left, y, width))
        y += row[0] + ROW_GAP
    return placed, page + 1


def _place(spec: RowSpec, fonts: Fonts, width: int, toggle_size, value_width, spacing: float):
    """(height, label rows, label height, control size, stacked) of a row in a column `width` wide."""
    control = toggle_size if spec.kind == "toggle" else (SLIDER_WIDTH + VALUE_GAP + value_width, toggle_size[1])
    inner = width - 2 * BAND_PAD
    beside = inner - control[0] - 16
    stacked = beside < inner * 0.4 or fonts.label.size(spec.label)[0] > beside
    label_rows = wrap(fonts.label, spec.label, inner if stacked else beside)
    label_height = len(label_rows) * fonts.label.get_linesize()
    top_height = label_height + control[1] + 6 if stacked else max(label_height, control[1])
    description = wrap(fonts.description, spec.description, inner) if spec.description else []
    step = line_height(fonts.description, spacing)
    height = top_height + len(description) * step
    if spec.preview:
        height += fonts.preview.get_linesize() + 4
    return height + 2 * BAND_PAD, label_rows, label_height, control, stacked, description, step


def _at(spec: RowSpec, row, page: int, left: int, top: int, width: int) -> PlacedRow:
    height, label_rows, label_height, control, stacked, description, step = row
    inner_left, inner_top = left + BAND_PAD, top + BAND_PAD
    if stacked:
        control_rect = pygame.Rect((inner_left, inner_top + label_height + 6), control)
        label_y = inner_top
        below = control_rect.bottom
    else:
        line = max(label_height, control[1])
        control_rect = pygame.Rect((left + width - BAND_PAD - control[0], inner_top + (line - control[1]) // 2),
                                   control)
        label_y = inner_top + (line - label_height) // 2
        below = inner_top + line
    slider, value = control_rect, None
    if spec.kind == "slider":
        slider = pygame.Rect(control_rect.x, control_rect.y, SLIDER_WIDTH, control_rect.height)
        value = pygame.Rect(slider.right + VALUE_GAP, control_rect.y, control_rect.width - SLIDER_WIDTH - VALUE_GAP,
                            control_rect.height)
    placed = PlacedRow(spec, page, pygame.Rect(left, top, width, height), label_rows, (inner_left, label_y),
                       slider, value, description, (inner_left, below), step)
    if spec.preview:
        placed.preview_pos = (inner_left, top + height - BAND_PAD)     # its bottom left
    return placed
