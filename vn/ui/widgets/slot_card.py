"""One save slot as the save/load screen shows it: a painted card with the thumbnail, the
slot's name, the date and time, the scene, the route summary and the last line.

An empty slot and a refused (damaged) one have cards of their own: a refused save
says why, in the warning colour, so the player knows which file to look at, and the
other cards list and load as usual.

A save file is untrusted even after vn.save has read it: every date, number and
string is made safe to draw here as well (a date no time zone can show, a play
time of NaN, a NUL, a summary of 100,000 characters), and a card costs the same
few measurements whatever its text.
"""
from __future__ import annotations

import math
from datetime import datetime

import pygame

from ...save.slots import SaveInfo, slot_title
from ..fonts import drawable
from ...script.markup import plain
from ..styled_text import render_block
from ..text_layout import fit, render_tracked, typographic, wrap
from ..theme import Theme
from ..thumbnail import decode_png

CARD_SIZE = (530, 140)
PAD = 12
THUMB = (208, 117)
TEXT_LEFT = PAD + THUMB[0] + 18


COMPACT_ABOVE = 1.25     # text scale above which a card closes up its gaps
MAX_CARD_TEXT = 600      # characters of a save's text a card considers: it shows three rows at most
MAX_HOURS = 999_999


def info_when(info: SaveInfo) -> datetime | None:
    try:
        return info.when
    except (ValueError, TypeError, OverflowError):
        return None


def when_text(when: datetime | None) -> str:
    if when is None:
        return ""
    try:
        local = when.astimezone()   # year 9999 at -14:00 or year 1 at +14:00 cannot move to local time
        return f"{local.day} {local:%b %Y} \u00b7 {local:%H:%M}"
    except (ValueError, OverflowError, OSError):
        return ""


def play_time_text(seconds: float) -> str:
    try:
        seconds = float(seconds)
    except (TypeError, ValueError, OverflowError):
        seconds = 0.0
    if not math.isfinite(seconds):
        seconds = 0.0
    minutes = int(min(max(seconds, 0.0), MAX_HOURS * 3600.0) // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{max(minutes, 1)} min"


def card_text(text: object) -> str:
    return drawable(text if isinstance(text, str) else "")[:MAX_CARD_TEXT]


class SlotCard:
    """The card for `slot`; `info` is None for an empty slot."""

    def __init__(self, theme: Theme, slot: str, info: SaveInfo | None, action: str,
                 size: tuple[int, int] = CARD_SIZE):
        self.theme = theme
        self.size = size
        self.slot = slot
        self.info = info
        self.thumbnail = decode_png(info.thumbnail) if info is not None and info.ok else None
        self.surface = self._paint(action)

    @property
    def empty(self) -> bool:
        return self.info is None

    @property
    def refused(self) -> bool:
        return self.info is not None and not self.info.ok

    # -- painting -----------------------------------------------------------------------
    @property
    def spoken(self) -> str:
        """The card as self-voicing reads it."""
        said = [slot_title(self.slot)]
        if self.empty:
            said.append("empty")
        elif self.refused:
            said += ["refused", card_text(self.info.reason)]
        else:
            said += [when_text(info_when(self.info)), card_text(self.info.scene) or "Somewhere in the story",
                     card_text(self.info.summary)]
        return ", ".join(part for part in said if part)

    def _paint(self, action: str) -> pygame.Surface:
        theme = self.theme
        card = pygame.Surface(self.size, pygame.SRCALPHA)
        rect = card.get_rect()
        radius = 12
        bg = theme.colour("slot.card", "refused_bg" if self.refused else "dark_bg")
        pygame.draw.rect(card, bg, rect, border_radius=radius)
        pygame.draw.rect(card, theme.colour("slot.card", "normal_border"), rect, 1, border_radius=radius)
        thumb_rect = pygame.Rect((PAD, PAD), (THUMB[0], min(THUMB[1], self.size[1] - 2 * PAD)))
        self._paint_picture(card, thumb_rect)
        width = CARD_SIZE[0] - TEXT_LEFT - PAD - 4
        title = render_tracked(theme.font("slot.title"), slot_title(self.slot).upper(),
                               theme.colour("slot.title", "warning" if self.refused else "normal_text"),
                               theme.misc("slot.title", "tracking", 0))
        compact = theme.scale > COMPACT_ABOVE
        y = PAD // 2 if compact else PAD + 2
        card.blit(title, (TEXT_LEFT, y))
        date_text = when_text(info_when(self.info)) if self.info is not None and self.info.ok else ""
        date_font = theme.font("slot.date")
        # the date beside the slot's name when both fit; at a large text size, a row of its own
        beside = title.get_width() + 16 + date_font.size(date_text)[0] <= width
        if date_text and beside:
            date = date_font.render(date_text, True, theme.colour("slot.date"))
            card.blit(date, (CARD_SIZE[0] - PAD - 4 - date.get_width(), y))
        y += title.get_height() + (2 if compact else 8)
        if self.empty:
            self._paint_rows(card, y, width, "slot.scene", "Empty")
            self._paint_rows(card, y + theme.font("slot.scene").get_linesize(), width, "slot.quote", action)
        elif self.refused:
            y = self._paint_rows(card, y, width, "slot.scene", "Refused")
            reason = card_text(self.info.reason)
            self._paint_rows(card, y + 2, width, "slot.reason", reason[:1].upper() + reason[1:], max_rows=3)
        else:
            info = self.info
            scene, summary, last_line = card_text(info.scene), card_text(info.summary), card_text(info.last_line)
            y = self._paint_rows(card, y, width, "slot.scene", scene or "Somewhere in the story")
            if date_text and not beside:
                y = self._paint_rows(card, y, width, "slot.date", date_text)
            after = self._paint_rows(card, y + 2, width, "slot.summary", summary or "No choices made yet", max_rows=2)
            if last_line and after - y < 2 * theme.font("slot.summary").get_linesize():
                # the line in its styles (its waits mean nothing here), when they still say the same words
                if info.last_markup and plain(info.last_markup) == info.last_line:
                    card.blit(render_block(theme, "slot.quote", f"\u201c{card_text(info.last_markup)}\u201d",
                                           theme.colour("slot.quote"), width), (TEXT_LEFT, after + 4))
                else:
                    self._paint_rows(card, after + 4, width, "slot.quote", f"\u201c{typographic(last_line)}\u201d")
            if not info.same_script:
                self._paint_pill(card, "story changed", (CARD_SIZE[0] - PAD - 4, self.size[1] - PAD), right=True)
        return card

    def _paint_rows(self, card: pygame.Surface, y: int, width: int, element: str, text: str,
                    max_rows: int = 1) -> int:
        font = self.theme.font(element)
        colour = self.theme.colour(element)
        rows = wrap(font, typographic(card_text(text)), width)
        if len(rows) > max_rows:
            rows = rows[:max_rows - 1] + [" ".join(rows[max_rows - 1:])]
        for n, row in enumerate(rows):
            if y + font.get_height() > self.size[1] - PAD // 2:
                break       # at a large text size a card shows what fits, never text over its edge
            surface = font.render(fit(font, row, width) if n == len(rows) - 1 else row, True, colour)
            card.blit(surface, (TEXT_LEFT, y))
            y += font.get_linesize()
        return y

    def _paint_pill(self, card: pygame.Surface, text: str, at: tuple[int, int], right: bool = False) -> None:
        """A small dark label, set on the picture (the play time) or the card's corner."""
        font = self.theme.font("slot.date")
        label = font.render(text, True, self.theme.colour("slot.pill"))
        pill = pygame.Surface((label.get_width() + 16, label.get_height() + 4), pygame.SRCALPHA)
        pygame.draw.rect(pill, self.theme.colour("slot.pill", "dark_bg"), pill.get_rect(),
                         border_radius=pill.get_height() // 2)
        pill.blit(label, (8, 2))
        left = at[0] - pill.get_width() if right else at[0]
        card.blit(pill, (left, at[1] - pill.get_height()))

    def _paint_picture(self, card: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.theme
        if self.thumbnail is not None:
            picture = pygame.transform.smoothscale(self.thumbnail, area.size)
            # rounded corners: the picture is cut by a mask of the frame's shape
            shape = pygame.Surface(area.size, pygame.SRCALPHA)
            pygame.draw.rect(shape, (255, 255, 255, 255), shape.get_rect(), border_radius=8)
            framed = picture.convert_alpha()
            framed.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            card.blit(framed, area)
            pygame.draw.rect(card, theme.colour("slot.card", "frame"), area, 1, border_radius=8)
            self._paint_pill(card, play_time_text(self.info.play_time), (area.x + 6, area.bottom - 6))
            return
        pygame.draw.rect(card, theme.colour("slot.card", "empty_bg"), area, border_radius=8)
        pygame.draw.rect(card, theme.colour("slot.card", "frame"), area, 1, border_radius=8)
        cx, cy = area.center
        if self.refused:
            colour = theme.colour("slot.reason")
            points = [(cx, cy - 22), (cx + 25, cy + 20), (cx - 25, cy + 20)]
            pygame.draw.polygon(card, colour, points, 2)
            pygame.draw.line(card, colour, (cx, cy - 8), (cx, cy + 6), 3)
            pygame.draw.circle(card, colour, (cx, cy + 13), 2)
        elif self.empty:
            colour = theme.colour("slot.card", "frame")
            pygame.draw.line(card, colour, (cx - 12, cy), (cx + 12, cy), 2)
            pygame.draw.line(card, colour, (cx, cy - 12), (cx, cy + 12), 2)
        else:   # a save without a picture (made by `vn run --save`): the scene's name stands in
            font = theme.font("slot.date")
            label = font.render("No picture", True, theme.colour("slot.date"))
            card.blit(label, label.get_rect(center=area.center))
