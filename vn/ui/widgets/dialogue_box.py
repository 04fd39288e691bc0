"""The dialogue box: a dark translucent panel across the bottom of the screen,
a speaker plate for spoken lines, and typewriter text.

The text is wrapped once when a line arrives, so words never jump from one
row to the next while they type out. Rows that are fully revealed are
rendered once and kept; only the row being typed is rendered again, and only
when another character appears. Colours, fonts and sizes come from the
`dialogue.*` blocks of the theme.

A line too long for the box first shrinks (down to SMALLEST_FONT); one that still
does not fit goes on over pages at its own size: a click shows the next page, and
the game counts the line as read at its last (`paginate` is what `vn check`
measures too, to warn about such lines).

A styled line (one with markup) is laid out by styled_text: its rows are ranges of its
text drawn segment by segment. Its waits stop the typing: `[w]` until a click, `[w=s]`
for s seconds; a click while typing writes on up to the next wait.
"""
from __future__ import annotations

import math

import pygame

from ...runtime.events import Line
from ..display import LOGICAL_SIZE
from ..pacing import ACTIVE, AMBIENT, STILL
from ..preferences import Settings
from ..fonts import drawable
from ..ink import readable_on
from ..styled_text import page_stops, paginate_styled, render_segments, styled
from ..text_layout import line_height, typographic, wrap
from ..theme import Theme
from .box_backdrop import paint_box_backdrop

FADE_SPEED = 7.0           # box opacity change per second (a fade takes ~0.15 s)
SMALLEST_FONT = 16         # a line too long for the box shrinks, but never below this
SHADE_HEIGHT = 120         # how far above the box the darkening of the scene begins
PREMUL = pygame.BLEND_PREMULTIPLIED
OPENING_QUOTE, CLOSING_QUOTE = "\u201c", "\u201d"


TALLEST_BOX = 0.6          # of the screen's height, however large the text and its spacing


def box_rect(theme: Theme) -> pygame.Rect:
    """The box: the theme's height at the usual text size; with larger text or wider spacing
    its text area grows alike, so a line keeps about as many rows as the theme meant."""
    margin = theme.misc("dialogue.box", "margin", 56)
    bottom = theme.misc("dialogue.box", "bottom_margin", 22)
    padding = theme.misc("dialogue.box", "padding", 46)
    text_top = theme.misc("dialogue.box", "text_top", 38)
    height = theme.misc("dialogue.box", "height", 190)
    growth = max(1.0, theme.scale * theme.readability.line_spacing) - 1.0
    height = min(round(LOGICAL_SIZE[1] * TALLEST_BOX),
                 height + round((height - text_top - padding // 2) * growth)) if growth else height
    return pygame.Rect(margin, LOGICAL_SIZE[1] - bottom - height, LOGICAL_SIZE[0] - 2 * margin, height)


def box_text_rect(theme: Theme) -> pygame.Rect:
    padding = theme.misc("dialogue.box", "padding", 46)
    text_top = theme.misc("dialogue.box", "text_top", 38)
    box = box_rect(theme)
    return pygame.Rect(box.x + padding, box.y + text_top, box.width - 2 * padding,
                       box.height - text_top - padding // 2)


def display_text(theme: Theme, text: str, narration: bool) -> str:
    """A line's text as the box shows it: drawable, curly quotes, speech in quotation marks."""
    text = typographic(drawable(text))
    if not narration and theme.misc("dialogue.text", "quote_speech", False) and not text.startswith(OPENING_QUOTE):
        text = f"{OPENING_QUOTE}{text}{CLOSING_QUOTE}"
    return text


def paginate(theme: Theme, text: str, narration: bool):
    """(font, pages of rows, row height) for a line in the box, at the player's text size
    (the theme's fonts carry it): shrunk to fit one page if it can be, by no more than a
    fifth, else over pages at its own size."""
    element = "dialogue.narration" if narration else "dialogue.text"
    area = box_text_rect(theme)
    spacing = theme.misc(element, "line_spacing", 1.35)
    natural = size = theme.font_size(element)
    smallest = max(SMALLEST_FONT, round(natural * 0.8)) if theme.scale > 1 else SMALLEST_FONT
    while True:
        font = theme.font(element, size)
        rows = wrap(font, text, area.width)
        row_height = line_height(font, spacing)
        if len(rows) * row_height <= area.height + row_height // 3:
            return font, [rows], row_height
        if size <= smallest:
            break
        size -= 2
    font = theme.font(element, natural)
    rows = wrap(font, text, area.width)
    row_height = line_height(font, spacing)
    per_page = max(1, (area.height + row_height // 3) // row_height)
    return font, [rows[n:n + per_page] for n in range(0, len(rows), per_page)], row_height


class DialogueBox:
    def __init__(self, theme: Theme, settings: Settings):
        self.theme = theme
        self.settings = settings
        self.plate_colours: dict[str, str] = {}     # speaker -> the manifest's colour, which wins over the theme's
        self.padding = theme.misc("dialogue.box", "padding", 46)
        self.text_top = theme.misc("dialogue.box", "text_top", 38)
        self.rect = box_rect(theme)
        self.text_rect = pygame.Rect(self.rect.x + self.padding, self.rect.y + self.text_top,
                                     self.rect.width - 2 * self.padding,
                                     self.rect.height - self.text_top - self.padding // 2)
        # the box's images are kept with premultiplied alpha: they blend faster, and
        # the backdrop with the rows already written on it is one image to blend
        self._backdrop = paint_box_backdrop(self.theme, self.rect, SHADE_HEIGHT).premul_alpha()
        self._composed: tuple[tuple[int, int], pygame.Surface] | None = None
        self._serial = 0            # which line the composed image shows
        self._layer = pygame.Surface(LOGICAL_SIZE, pygame.SRCALPHA)
        self.line: Line | None = None
        self.opacity = 0.0
        self._shown = False
        self._rows: list[str] = []          # the page on screen
        self._pages: list[list[str]] = [[]]
        self.page = 0
        self._row_surfaces: list[pygame.Surface | None] = []
        self._partial: tuple[int, int, pygame.Surface] | None = None   # (row, length, surface)
        self._font: pygame.font.Font | None = None
        self._colour = pygame.Color("white")
        self._row_height = 0
        self._total = 0
        self.revealed = 0.0
        self._plate: pygame.Surface | None = None
        self._clock = 0.0
        self.show_marker = True     # off while a choice is waiting below the line
        self._styled = None                 # the StyledText of a line with markup, else None
        self._fonts = None                  # its StyleFonts
        self._stops: list[tuple[int, float | None]] = []    # waits on the page: (characters typed, seconds)
        self._speeds: list[tuple[int, float]] = []          # (characters typed, typing speed from there)
        self._next_stop = 0
        self.held: float | None = None      # seconds a wait has left (inf: until a click); None when typing
        self.no_wait = False                # [nw]: once typed, the line moves on by itself

    # -- what is shown ----------------------------------------------------------------
    def show_line(self, line: Line) -> None:
        self.line = line
        self._shown = True
        narration = line.speaker is None
        self._colour = self.theme.colour("dialogue.narration" if narration else "dialogue.text")
        self._styled = None
        if line.markup:
            self._show_styled(line.markup, narration)
        else:
            self._font, self._pages, self._row_height = paginate(
                self.theme, display_text(self.theme, line.text, narration), narration)
        self.no_wait = self._styled is not None and self._styled.no_wait
        self._plate = self._paint_plate(line).premul_alpha() if line.name else None
        self._show_page(0)

    def _show_styled(self, markup: str, narration: bool) -> None:
        element = "dialogue.narration" if narration else "dialogue.text"
        quotes = not narration and self.theme.misc("dialogue.text", "quote_speech", False)
        self._styled = styled(markup, quotes=quotes)
        natural = self.theme.font_size(element)     # the player's text size is in the theme's fonts
        smallest = max(SMALLEST_FONT, round(natural * 0.8)) if self.theme.scale > 1 else SMALLEST_FONT
        self._fonts, ranges, self._row_height = paginate_styled(self.theme, self._styled, element,
                                                                box_text_rect(self.theme), natural, smallest)
        self._font = self._fonts.regular
        self._pages = [[self._styled.text[a:b] for a, b in page] for page in ranges]
        self._ranges = ranges

    @property
    def page_characters(self) -> int:
        """How much text the page on screen holds (auto-forward waits longer for more)."""
        return self._total

    @property
    def on_last_page(self) -> bool:
        return self.page >= len(self._pages) - 1

    def next_page(self) -> bool:
        """Show the line's next page, typed afresh; False when this was the last."""
        if self.on_last_page:
            return False
        self._show_page(self.page + 1)
        return True

    def _show_page(self, page: int) -> None:
        self.page = page
        self._rows = self._pages[page]
        self._row_surfaces = [None] * len(self._rows)
        self._partial = None
        self._total = sum(len(r) for r in self._rows)
        self.revealed = 0.0
        self._serial += 1
        self._composed = None
        self._stops, self._speeds = page_stops(self._styled, self._ranges[page]) if self._styled else ([], [])
        self._next_stop, self.held = 0, None

    def hide(self) -> None:
        self._shown = False

    def show_at_once(self) -> None:
        """The box up and the whole line written, with no fade or typing (rollback, loading)."""
        self.opacity = 1.0 if self._shown else self.opacity
        self.complete_now()

    def draw_still(self, surface: pygame.Surface) -> None:
        """The box as it will look once the line is complete, whatever the fade and typing are
        doing now (for save thumbnails)."""
        if not self._shown or self.line is None:
            return
        revealed, self.revealed = self.revealed, float(self._total)
        marker, self.show_marker = self.show_marker, False
        self._draw_contents(surface)
        self.revealed, self.show_marker = revealed, marker

    @property
    def complete(self) -> bool:
        return self.revealed >= self._total

    def complete_now(self) -> None:
        self.revealed = float(self._total)
        self._next_stop, self.held = len(self._stops), None

    @property
    def held_for_click(self) -> bool:
        return self.held == math.inf

    def click(self) -> None:
        """A click while the line is not complete: go on from a wait, or write on up to the next."""
        if self.held is not None:
            self.held = None
        elif self._next_stop < len(self._stops):
            self.revealed = float(min(self._total, self._stops[self._next_stop][0]))
            self._hold()
        else:
            self.complete_now()

    def _hold(self) -> None:
        seconds = self._stops[self._next_stop][1]
        self.held = math.inf if seconds is None else seconds
        self._next_stop += 1

    def _type(self, dt: float) -> None:
        if self.held is not None:
            self.held -= dt
            if self.held > 0:
                return
            self.held = None
        speed = self.settings.clamped_text_speed()
        for count, multiplier in self._speeds:      # few: a speed change is a tag of its own
            if count > self.revealed:
                break
            speed = self.settings.clamped_text_speed() * multiplier
        self.revealed = min(float(self._total), self.revealed + speed * dt)
        if self._next_stop < len(self._stops) and self.revealed >= self._stops[self._next_stop][0]:
            self.revealed = float(self._stops[self._next_stop][0])
            if self.revealed < self._total:
                self._hold()
            else:
                self._next_stop += 1

    @property
    def fully_visible(self) -> bool:
        return self.opacity >= 1.0

    def pace(self) -> int:
        """Fading or typing wants every frame; a written line only bobs its marker."""
        target = 1.0 if self._shown else 0.0
        if self.opacity != target or (self._shown and not self.complete and not self.held_for_click):
            return ACTIVE
        return AMBIENT if self.opacity > 0.0 and self.show_marker else STILL

    # -- frame ------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self._clock += dt
        target = 1.0 if self._shown else 0.0
        if self.opacity < target:
            self.opacity = min(target, self.opacity + FADE_SPEED * dt)
        elif self.opacity > target:
            self.opacity = max(target, self.opacity - FADE_SPEED * dt)
        # text types only once the box is there to read it in
        if self._shown and self.opacity >= 1.0 and not self.complete:
            self._type(dt)

    def draw(self, surface: pygame.Surface) -> None:
        if self.opacity <= 0.0:
            return
        if self.opacity >= 1.0:
            self._draw_contents(surface)
            return
        # while fading, compose into a layer so the box and its text fade as one
        # (premultiplied: fading scales every channel, alpha too)
        region = self._bounds()
        self._layer.fill((0, 0, 0, 0), region)
        self._draw_contents(self._layer)
        o = round(255 * self.opacity)
        self._layer.fill((o, o, o, o), region, special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(self._layer, region.topleft, region, special_flags=PREMUL)

    def _bounds(self) -> pygame.Rect:
        top = self.rect.y - SHADE_HEIGHT
        return pygame.Rect(0, top, LOGICAL_SIZE[0], LOGICAL_SIZE[1] - top)

    def _draw_contents(self, surface: pygame.Surface) -> None:
        top = LOGICAL_SIZE[1] - self._backdrop.get_height()
        if self.line is None or self._font is None:
            surface.blit(self._backdrop, (0, top), special_flags=PREMUL)
            return
        left = int(self.revealed)
        whole = 0               # rows written out in full
        while whole < len(self._rows) and left >= len(self._rows[whole]):
            left -= len(self._rows[whole])
            whole += 1
        surface.blit(self._composed_image(whole, top), (0, top), special_flags=PREMUL)
        if whole < len(self._rows) and left > 0:
            if self._partial is None or self._partial[:2] != (whole, left):
                text = self._render_row(whole, left).premul_alpha()
                self._partial = (whole, left, text)
            surface.blit(self._partial[2], (self.text_rect.x, self.text_rect.y + whole * self._row_height),
                         special_flags=PREMUL)
        if (self.complete or self.held_for_click) and self.show_marker:
            self._draw_marker(surface)

    def _composed_image(self, whole: int, top: int) -> pygame.Surface:
        """The backdrop with the plate and the first ``whole`` rows on it (made again only
        when another row is complete)."""
        key = (self._serial, whole)
        if self._composed is not None and self._composed[0] == key:
            return self._composed[1]
        image = self._backdrop.copy()
        if self._plate is not None:
            image.blit(self._plate, (self.rect.x + self.padding - 18,
                                     self.rect.y - self._plate.get_height() // 2 - top), special_flags=PREMUL)
        for n in range(whole):
            rendered = self._row_surfaces[n]
            if rendered is None:
                rendered = self._row_surfaces[n] = self._render_row(n).premul_alpha()
            image.blit(rendered, (self.text_rect.x, self.text_rect.y + n * self._row_height - top),
                       special_flags=PREMUL)
        self._composed = (key, image)
        return image

    def _render_row(self, n: int, length: int | None = None) -> pygame.Surface:
        if self._styled is None:
            return self._font.render(self._rows[n] if length is None else self._rows[n][:length], True, self._colour)
        return render_segments(self._fonts, self._styled.segments(*self._ranges[self.page][n]), self._colour, length)

    def _draw_marker(self, surface: pygame.Surface) -> None:
        """A small chevron that bobs gently once the line is complete: click to go on."""
        colour = self.theme.colour("dialogue.box", "marker")
        bob = math.sin(self._clock * 4.0) * 3.0
        cx = self.rect.right - self.padding + 14
        cy = self.rect.bottom - 30 + bob
        points = [(cx - 8, cy - 4), (cx + 8, cy - 4), (cx, cy + 5)]
        pygame.draw.polygon(surface, colour, points)
        pygame.draw.aalines(surface, colour, True, points)

    # -- painting, once ------------------------------------------------------------------
    def _paint_plate(self, line: Line) -> pygame.Surface:
        element = f"dialogue.speaker.{line.speaker}"
        font = self.theme.font(element)
        colour, fill = self.theme.colour(element), self.theme.colour(element, "dark_bg")
        if line.speaker in self.plate_colours:
            try:
                # the manifest's colour is the plate's, as the theme's own plates are coloured
                # pills; the name is then written in whichever ink reads best on it
                fill = pygame.Color(self.plate_colours[line.speaker])
                colour = readable_on(fill, (colour, pygame.Color("#17120b"), pygame.Color("#f7f1e8")))
            except ValueError:
                pass    # the script checks colours; a bad one keeps the theme's
        text = font.render(line.name or "", True, colour)
        width, height = text.get_width() + 40, max(40, text.get_height() + 12)
        plate = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(plate, fill, plate.get_rect(), border_radius=height // 2)
        plate.blit(text, ((width - text.get_width()) // 2, (height - text.get_height()) // 2))
        return plate

