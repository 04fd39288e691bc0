"""Text helpers for what the game draws itself: wrapping, letter spacing, soft shadows."""
from __future__ import annotations

import re

import pygame

_OPENS_QUOTE = re.compile(r"""(^|[\s(\[{\u2014-])(["'])""")


def typographic(text: str) -> str:
    """Curly quotes and apostrophes for display: "It's" reads as “It’s”."""
    text = _OPENS_QUOTE.sub(lambda m: m.group(1) + ("\u201c" if m.group(2) == '"' else "\u2018"), text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` pixels; honours newlines and breaks words too long for a line."""
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
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def line_height(font: pygame.font.Font, spacing: float = 1.0) -> int:
    return round(font.get_linesize() * spacing)


def render_tracked(font: pygame.font.Font, text: str, colour, tracking: int = 0) -> pygame.Surface:
    """Text with extra space between letters (for titles and small capitals)."""
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


def soft_shadow(text_surface: pygame.Surface, colour, radius: int = 6) -> pygame.Surface:
    """A blurred silhouette of `text_surface`, to lift text off a busy background."""
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
