"""Text helpers for what the game draws itself: wrapping, fitting, letter spacing, soft shadows.

Every helper works within a bound whatever the text: a word too long for a row is cut by
binary search, a fitted row costs a logarithmic number of measurements, and nothing wider
than MAX_SHADOW_WIDTH is ever blurred (a blur of a title 111,000 pixels wide crashed SDL).
"""
from __future__ import annotations

import re

import pygame

from .fonts import MAX_DRAWN

MAX_TEXT = 100_000         # characters of one text laid out at all; the rest could never be read
MAX_SHADOW_WIDTH = 4096
ELLIPSIS = "\u2026"

_OPENS_QUOTE = re.compile(r"""(^|[\s(\[{\u2014-])(["'])""")


def typographic(text: str) -> str:
    """Curly quotes and apostrophes for display: "It's" reads as “It’s”."""
    text = _OPENS_QUOTE.sub(lambda m: m.group(1) + ("\u201c" if m.group(2) == '"' else "\u2018"), text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def _longest_fit(font, text: str, width: int, suffix: str = "") -> int:
    """How many leading characters of `text` (followed by `suffix`) fit `width`; at least 1."""
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if font.size(text[:mid] + suffix)[0] <= width:
            low = mid
        else:
            high = mid - 1
    return low


def fit(font, text: str, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    text = text[:MAX_TEXT]
    if font.size(text)[0] <= width:
        return text
    # a fitting prefix is at most as many characters as the width has pixels
    text = text[:max(1, width)]
    cut = _longest_fit(font, text, width, ELLIPSIS)
    return text[:cut].rstrip(" \u00b7,") + ELLIPSIS


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` pixels; honours newlines and breaks words too long for a line."""
    text = text[:MAX_TEXT]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while len(word) > 1:
                # no more characters fit a row than it has pixels: measure only those
                head = word[:max(1, width) + 1]
                if len(head) == len(word) and font.size(head)[0] <= width:
                    break
                cut = _longest_fit(font, head, width)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def line_height(font: pygame.font.Font, spacing: float = 1.0) -> int:
    return round(font.get_linesize() * spacing)


def wrap_rows(font, text: str, width: int, max_rows: int) -> list[str]:
    """`text` wrapped to `width`, at most `max_rows` rows, the last cut with an ellipsis if
    there is more: what a title or heading of any length can show."""
    rows = wrap(font, text, width)
    if len(rows) > max_rows:
        rows = rows[:max_rows - 1] + [fit(font, " ".join(rows[max_rows - 1:max_rows + 1]) + " " + ELLIPSIS, width)]
    return rows


def render_tracked(font: pygame.font.Font, text: str, colour, tracking: int = 0) -> pygame.Surface:
    """Text with extra space between letters (for titles and small capitals)."""
    text = text[:MAX_DRAWN]
    if tracking <= 0:
        return font.render(text, True, colour)
    # an apostrophe hugs the letter after it, or spaced capitals read "MAN’ S"
    advances = [font.size(ch)[0] + (0 if ch in "’'" else tracking) for ch in text]
    surface = pygame.Surface((max(1, sum(advances) - tracking + 2), font.get_height()), pygame.SRCALPHA)
    x = 0
    for ch, advance in zip(text, advances):
        surface.blit(font.render(ch, True, colour), (x, 0))
        x += advance
    return surface


def render_rows(font, text: str, colour, tracking: int, width: int, max_rows: int,
                spacing: float = 1.0) -> pygame.Surface:
    """`text` wrapped within `width` and `max_rows`, rows centred on one surface: a title
    of any length comes out no larger than that, before any shadow or effect works on it."""
    # rows are measured untracked: narrow the measure by the share tracking adds to a letter
    letter = max(1, font.size("n")[0])
    measure = max(1, width * letter // (letter + max(0, tracking)))
    rows = [render_tracked(font, row, colour, tracking) for row in wrap_rows(font, text, measure, max_rows)]
    step = line_height(font, spacing)
    widest = min(width, max(r.get_width() for r in rows))
    out = pygame.Surface((widest, step * (len(rows) - 1) + rows[-1].get_height()), pygame.SRCALPHA)
    for n, row in enumerate(rows):
        out.blit(row, ((widest - row.get_width()) // 2, n * step))
    return out


def soft_shadow(text_surface: pygame.Surface, colour, radius: int = 6) -> pygame.Surface:
    """A blurred silhouette of `text_surface`, to lift text off a busy background."""
    if text_surface.get_width() > MAX_SHADOW_WIDTH or text_surface.get_height() > MAX_SHADOW_WIDTH // 4:
        text_surface = text_surface.subsurface((0, 0, min(text_surface.get_width(), MAX_SHADOW_WIDTH),
                                                min(text_surface.get_height(), MAX_SHADOW_WIDTH // 4)))
    pad = radius * 2
    size = (text_surface.get_width() + pad * 2, text_surface.get_height() + pad * 2)
    mask = pygame.Surface(size, pygame.SRCALPHA)
    mask.blit(text_surface, (pad, pad))
    colour = pygame.Color(colour)
    # keep the glyphs' coverage (alpha), take the colour from the shadow (meant for dark shadows)
    mask.fill((colour.r, colour.g, colour.b, 255), special_flags=pygame.BLEND_RGBA_MIN)
    # blurring a quarter-size copy and scaling it back looks the same and is ~16x cheaper
    shrink = 4 if radius >= 8 else 1
    small = pygame.transform.smoothscale(mask, (max(1, size[0] // shrink), max(1, size[1] // shrink)))
    blurred = pygame.transform.smoothscale(pygame.transform.gaussian_blur(small, max(1, radius // shrink)), size)
    blurred.set_alpha(colour.a)
    return blurred


def blit_with_shadow(surface: pygame.Surface, text: pygame.Surface, shadow: pygame.Surface | None,
                     pos: tuple[int, int]) -> None:
    if shadow is not None:
        pad = (shadow.get_width() - text.get_width()) // 2
        surface.blit(shadow, (pos[0] - pad, pos[1] - pad + 2))
    surface.blit(text, pos)
