"""Layout checks the readable-text tests share: rects within a frame and apart, and the help
screen's parts each in a place of its own."""
from __future__ import annotations

import itertools

import pygame

from vn.ui.screens.help import PANEL


def assert_laid_out(rects: list[pygame.Rect], within: pygame.Rect) -> None:
    for rect in rects:
        assert within.contains(rect), (rect, within)
    for a, b in itertools.combinations(rects, 2):
        assert not a.colliderect(b), (a, b)


def assert_help_laid_out(help_screen) -> None:
    """The help's heading, Back, table and key hint each in a place of its own, within the
    panel, and every piece of the table's text inside the table without overlapping another."""
    back, table = pygame.Rect(help_screen.back_button.rect), help_screen.table_rect
    assert PANEL.contains(back) and PANEL.contains(table)
    assert max(help_screen.heading_bottom, back.bottom) <= table.top
    assert all(PANEL.x + 36 + row.get_width() <= back.left for row in help_screen._heading)
    assert table.bottom <= help_screen.hint_top
    assert help_screen.hint_top + sum(row.get_height() for row in help_screen._hint) <= PANEL.bottom
    assert all(row.get_width() <= PANEL.width for row in help_screen._hint)
    assert table.height >= 4 * help_screen.body_step          # room to read a few rows at a time
    assert_laid_out(help_screen.cells, help_screen.page.get_rect())
