"""Styled text (vn/script/markup.py) laid out and drawn: bold, italic and coloured runs,
wrapped by words across runs, and the waits of a line placed on its rows.

Wrapping follows text_layout.wrap (greedy by words, newlines kept, a word too long for a
row cut), measuring each piece in its own face, so a bold word is never measured as a
regular one. A row is a list of segments: (text, style).
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pygame

from ..script.markup import NoWait, Run, Wait, parse
from .fonts import drawable
from .text_layout import MAX_TEXT, line_height, typographic

PLAIN = Run("")


class StyleFonts:
    """The faces of one element at one size: regular, bold, italic, bold italic (made when first asked)."""

    def __init__(self, theme, element: str, size: int | None = None):
        self.theme, self.element, self.size = theme, element, size
        self._faces: dict[tuple[bool, bool], object] = {}

    def __call__(self, style: Run):
        key = (style.bold, style.italic)
        face = self._faces.get(key)
        if face is None:
            face = self._faces[key] = self.theme.styled_font(self.element, self.size, *key)
        return face

    @property
    def regular(self):
        return self(PLAIN)


@dataclass
class StyledText:
    text: str                               # every character drawn, in order
    starts: list[int]                       # where each style's segment starts in text
    styles: list[Run]
    waits: list[tuple[int, float | None]]   # (index in text, seconds; None waits for a click)
    no_wait: bool = False

    def segments(self, start: int, end: int) -> list[tuple[str, Run]]:
        out = []
        for n, style in enumerate(self.styles):
            a = max(start, self.starts[n])
            b = min(end, self.starts[n + 1] if n + 1 < len(self.starts) else len(self.text))
            if a < b:
                out.append((self.text[a:b], style))
        return out

    def style_at(self, index: int) -> Run:
        found = PLAIN
        for start, style in zip(self.starts, self.styles):
            if start > index:
                break
            found = style
        return found


def styled(markup: str, keep_newlines: bool = True, quotes: bool = False) -> StyledText:
    """`markup` made ready to draw: drawable text, curly quotes, and with `quotes` the whole
    in quotation marks (speech, as the box shows it)."""
    parts, starts, styles, waits, no_wait = [], [], [], [], False
    length = 0
    for piece in parse(markup):
        if isinstance(piece, Wait):
            waits.append((length, piece.seconds))
        elif isinstance(piece, NoWait):
            no_wait = True
        else:
            text = drawable(piece.text, keep_newlines)[:MAX_TEXT - length]
            if text:
                starts.append(length)
                styles.append(Run("", piece.bold, piece.italic, piece.colour, piece.speed))
                parts.append(text)
                length += len(text)
    text = typographic("".join(parts))      # one character for one: indices stay put
    if quotes and not text.startswith("\u201c"):
        text = f"\u201c{text}\u201d"
        starts = [0] + [s + 1 for s in starts]
        styles = [PLAIN] + styles
        waits = [(at + 1, seconds) for at, seconds in waits]
        starts.append(len(text) - 1)
        styles.append(PLAIN)
    if not styles:
        starts, styles = [0], [PLAIN]
    return StyledText(text, starts, styles, waits, no_wait)


def measure(fonts: StyleFonts, styled_text: StyledText, start: int, end: int) -> int:
    return sum(fonts(style).size(text)[0] for text, style in styled_text.segments(start, end))


def wrap_ranges(fonts: StyleFonts, st: StyledText, width: int) -> list[tuple[int, int]]:
    """The rows of `st` within `width` pixels, as (start, end) ranges of its text."""
    rows: list[tuple[int, int]] = []
    text = st.text
    paragraph = 0
    while True:
        stop = text.find("\n", paragraph)
        stop = len(text) if stop < 0 else stop
        line: tuple[int, int] | None = None
        word = paragraph
        while word <= stop:
            end = text.find(" ", word, stop)
            end = stop if end < 0 else end
            # as text_layout.wrap: a row with nothing on it yet takes the word alone
            candidate = (line[0], end) if line and line[0] < line[1] else (word, end)
            if measure(fonts, st, *candidate) <= width:
                line = candidate
            else:
                if line and line[0] < line[1]:
                    rows.append(line)
                start = word
                while end - start > 1 and measure(fonts, st, start, end) > width:
                    cut = _longest_fit(fonts, st, start, min(end, start + max(1, width) + 1), width)
                    rows.append((start, cut))
                    start = cut
                line = (start, end)
            word = end + 1
        rows.append(line or (paragraph, paragraph))
        if stop >= len(text):
            return rows
        paragraph = stop + 1


def _longest_fit(fonts, st, start: int, end: int, width: int) -> int:
    low, high = start + 1, end
    while low < high:
        mid = (low + high + 1) // 2
        if measure(fonts, st, start, mid) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def render_segments(fonts: StyleFonts, segments: list[tuple[str, Run]], colour, upto: int | None = None):
    """One row of segments (its first `upto` characters) on one surface."""
    pieces = []
    left = upto if upto is not None else 1 << 30
    for text, style in segments:
        if left <= 0:
            break
        text = text[:left]
        left -= len(text)
        ink = pygame.Color(style.colour) if style.colour else colour
        pieces.append(fonts(style).render(text, True, ink))
    height = max([fonts.regular.get_height()] + [p.get_height() for p in pieces])
    out = pygame.Surface((max(1, sum(p.get_width() for p in pieces)), height), pygame.SRCALPHA)
    x = 0
    for piece in pieces:
        out.blit(piece, (x, 0))
        x += piece.get_width()
    return out


def render_block(theme, element: str, markup: str, colour, width: int, max_rows: int = 1):
    """`markup` wrapped within `width` and `max_rows` rows (the rest left out), on one
    surface: an option, a save's quote."""
    fonts = StyleFonts(theme, element)
    st = styled(markup, keep_newlines=False)
    rows = wrap_ranges(fonts, st, width)[:max_rows]
    step = line_height(fonts.regular)
    images = [render_segments(fonts, st.segments(*row), colour) for row in rows]
    out = pygame.Surface((max(1, max(i.get_width() for i in images)), step * (len(images) - 1)
                          + images[-1].get_height()), pygame.SRCALPHA)
    for n, image in enumerate(images):
        out.blit(image, (0, n * step))
    return out


def paginate_styled(theme, st: StyledText, element: str, area: pygame.Rect, natural: int, smallest: int):
    """As dialogue_box.paginate, for a styled line: (fonts, pages of rows as (start, end) ranges,
    row height), shrunk to fit one page if it can be, else over pages at its own size."""
    spacing = theme.misc(element, "line_spacing", 1.35)
    size = natural
    while True:
        fonts = StyleFonts(theme, element, size)
        rows = wrap_ranges(fonts, st, area.width)
        row_height = line_height(fonts.regular, spacing)
        if len(rows) * row_height <= area.height + row_height // 3:
            return fonts, [rows], row_height
        if size <= smallest:
            break
        size -= 2
    fonts = StyleFonts(theme, element, natural)
    rows = wrap_ranges(fonts, st, area.width)
    row_height = line_height(fonts.regular, spacing)
    per_page = max(1, (area.height + row_height // 3) // row_height)
    return fonts, [rows[n:n + per_page] for n in range(0, len(rows), per_page)], row_height


def page_stops(st: StyledText, rows: list[tuple[int, int]]) -> tuple[list[tuple[int, float | None]], list]:
    """Where on a page (counted in characters typed) each wait falls, and the typing speed
    from each such count on: [(count, speed)]."""
    stops, speeds, count = [], [], 0
    for start, end in rows:
        for at, seconds in st.waits:
            if start <= at <= end and not (stops and stops[-1][0] == count + at - start and at == start):
                stops.append((count + at - start, seconds))
        for index in [start] + [s for s in st.starts if start < s < end]:
            speeds.append((count + index - start, st.style_at(index).speed))
        count += end - start
    return stops, speeds


def styled_html(st: StyledText) -> str:
    """The styled text in pygame_gui's HTML subset (the history's text box)."""
    out = []
    for text, style in st.segments(0, len(st.text)):
        piece = escape(text)
        if style.italic:
            piece = f"<i>{piece}</i>"
        if style.bold:
            piece = f"<b>{piece}</b>"
        if style.colour:
            piece = f"<font color='{style.colour}'>{piece}</font>"
        out.append(piece)
    return "".join(out)
