"""Fonts with a fallback chain, and text made safe to hand to SDL_ttf.

A story's text is whatever its writers typed: it may hold characters the game's
font has no glyph for (Chinese, Korean, Arabic, emoji), tabs, a NUL, a lone
surrogate, or only zero-width characters. SDL_ttf raises on the last three and
draws the rest as boxes. `TextFont` wraps the themed font: it cleans the text,
and draws each character with the first font of the chain that has it: the
themed font, then the story's own fonts (`fonts/` beside its scripts), then the
theme's `fallback` list (system fonts, found by name with pygame's font
matcher). Which font has a glyph is asked of FreeType (`get_metrics` gives None
for a missing one; SDL_ttf's own metrics give the box's), once per character.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pygame

MAX_DRAWN = 1000        # characters drawn in one piece; longer text must be wrapped or fitted first
TAB = "    "
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def drawable(text: object, keep_newlines: bool = True) -> str:
    """`text` as SDL_ttf can draw it: no NUL or other control characters, no lone
    surrogates, tabs as spaces; newlines kept for wrapping, or made spaces."""
    text = text if isinstance(text, str) else str(text)
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\t", TAB)
    # a lone surrogate becomes U+FFFD; a pair (from surrogateescape or JSON) becomes its character
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = _CONTROL.sub(lambda m: "\n" if m.group() in "\r\u2028\u2029" else "", text)
    if not keep_newlines:
        text = text.replace("\n", " ")
    return text


def is_right_to_left(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


@lru_cache(maxsize=32)
def _face(path: str | None):
    """A FreeType face of the font file, only to ask which glyphs it has."""
    import pygame.freetype
    if not pygame.freetype.get_init():
        pygame.freetype.init()
    try:
        return pygame.freetype.Font(path, 12)
    except (OSError, pygame.error):
        return None


def has_glyphs(path: str | None, text: str) -> list[bool]:
    face = _face(path)
    if face is None:
        return [False] * len(text)
    try:
        return [m is not None for m in face.get_metrics(text)]
    except (pygame.error, ValueError):
        return [False] * len(text)


def needs_no_glyph(ch: str) -> bool:
    """Spaces and invisible format characters: no font draws anything for them."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Mn", "Zs")


class FallbackChain:
    """The font files tried for each character, in order, and which one draws each
    character (remembered: asked once per character for the life of the chain)."""

    def __init__(self, first: str | None, more=lambda: []):
        self._first = first
        self._more = more           # the rest, found only once a character needs them
        self._paths: list[str | None] | None = None
        self._which: dict[str, int] = {}
        self._drawn: dict[str, bool] = {}

    @property
    def paths(self) -> list[str | None]:
        if self._paths is None:
            self._paths = list(dict.fromkeys([self._first, *self._more()]))
        return self._paths

    def index(self, ch: str) -> int:
        """The first font with a glyph for `ch`; 0 (the themed font, which draws a box) if none."""
        found = self._which.get(ch)
        if found is None:
            found = 0
            if not needs_no_glyph(ch) and not has_glyphs(self._first, ch)[0]:
                for n, path in enumerate(self.paths):
                    if has_glyphs(path, ch)[0]:
                        found = n
                        break
            self._which[ch] = found
        return found

    def first_draws(self, text: str) -> bool:
        """Whether the themed font itself has a glyph for every character of `text` (so that
        none of them is missing), asked of FreeType in one go."""
        return all(has_glyphs(self._first, text))

    def missing(self, text: str) -> list[str]:
        """The characters of `text` no font of the chain can draw, each once."""
        out = []
        for ch in dict.fromkeys(text):
            drawn = self._drawn.get(ch)
            if drawn is None:
                drawn = needs_no_glyph(ch) or ch == "\n" or self.index(ch) != 0 or has_glyphs(self._first, ch)[0]
                self._drawn[ch] = drawn      # a story repeats its characters: ask the fonts once each
            if not drawn:
                out.append(ch)
        return out


class TextFont:
    """What the game draws its own text with: pygame.font.Font's size/render/get_linesize,
    over a fallback chain. ASCII text goes straight to the themed font."""

    def __init__(self, primary: pygame.font.Font, chain: FallbackChain, size: int):
        self.primary = primary
        self.chain = chain
        self.point_size = size
        self._fonts: dict[int, pygame.font.Font] = {0: primary}

    def get_linesize(self) -> int:
        return self.primary.get_linesize()

    def get_height(self) -> int:
        return self.primary.get_height()

    def get_ascent(self) -> int:
        return self.primary.get_ascent()

    def _font(self, n: int) -> pygame.font.Font:
        font = self._fonts.get(n)
        if font is None:
            try:
                font = pygame.font.Font(self.chain.paths[n], self.point_size)
            except (OSError, pygame.error):
                font = self.primary
            self._fonts[n] = font
        return font

    def _runs(self, text: str) -> list[tuple[int, str]]:
        if text.isascii():
            return [(0, text)]
        runs: list[tuple[int, str]] = []
        index = self.chain.index
        start, current = 0, index(text[0]) if text else 0
        for i in range(1, len(text)):
            n = index(text[i])
            if n != current:
                runs.append((current, text[start:i]))
                start, current = i, n
        runs.append((current, text[start:]))
        return runs

    def size(self, text: str) -> tuple[int, int]:
        text = drawable(text, keep_newlines=False)
        runs = self._runs(text)
        if len(runs) == 1:
            return self._font(runs[0][0]).size(runs[0][1])
        return sum(self._font(n).size(part)[0] for n, part in runs), self.get_height()

    def render(self, text: str, antialias: bool, colour, background=None) -> pygame.Surface:
        text = drawable(text, keep_newlines=False)[:MAX_DRAWN]
        runs = [(n, part) for n, part in self._runs(text) if self._font(n).size(part)[0] > 0]
        if not runs:    # nothing visible ("Text has zero width" otherwise)
            return pygame.Surface((1, self.get_height()), pygame.SRCALPHA)
        if len(runs) == 1 and runs[0][0] == 0:
            return self.primary.render(runs[0][1], antialias, colour, background)
        pieces = [(self._font(n), self._font(n).render(part, antialias, colour)) for n, part in runs]
        ascent = max(font.get_ascent() for font, _ in pieces)
        height = max(self.get_height(), max(ascent - font.get_ascent() + s.get_height() for font, s in pieces))
        out = pygame.Surface((sum(s.get_width() for _, s in pieces), height), pygame.SRCALPHA)
        x = 0
        for font, piece in pieces:
            # runs never overlap: the brighter of the two is the run's own pixel
            out.blit(piece, (x, ascent - font.get_ascent()), special_flags=pygame.BLEND_RGBA_MAX)
            x += piece.get_width()
        return out
