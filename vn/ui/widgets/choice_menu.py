"""The choice menu: one pygame_gui button per option, centred above the dialogue box.

Options are picked with the mouse, the number keys 1-9, or the arrow keys and
Enter. Each button has a small key badge to its left showing its number.

A menu of more options than fit above the box is shown a page at a time, with
"Previous" and "More" buttons under the page (or the Left and Right keys).
Only the page on screen has buttons: a menu of 10,000 options costs what a menu
of five does (one button each once ran the window out of memory). An option's
text is cut with an ellipsis to the widest button.
"""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIImage

from ...runtime.events import Choice
from .button_column import ButtonColumn, Entry
from .sizing import button_size
from .dialogue_box import box_rect
from ..display import LOGICAL_SIZE
from ..fonts import drawable
from ..styled_text import render_block
from ..text_layout import fit, typographic
from ..theme import Theme

BUTTON_HEIGHT = 56
GAP = 14
MIN_WIDTH, MAX_WIDTH = 560, 980
AREA_BOTTOM = 470            # the menu is centred in the space above the dialogue box (at 100 %)
ABOVE_BOX = 52               # AREA_BOTTOM's distance from the box, which grows with the text size
BADGE = 30
PER_SCREEN = (AREA_BOTTOM - 24 + GAP) // (BUTTON_HEIGHT + GAP)   # rows that fit above the box at 100 %
PER_PAGE = PER_SCREEN - 1    # when paged, the last row holds Previous and More
PAGE_KEYS = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}    # Page Up and Down roll the story back and forth


class ChoiceMenu:
    def __init__(self, ui, theme: Theme):
        self.ui = ui
        self.theme = theme
        self.column: ButtonColumn | None = None
        self.nav: ButtonColumn | None = None        # Previous and More, when the options take pages
        self.options: tuple[Choice, ...] = ()
        self.page = 0
        self._badges: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self._shade: pygame.Surface | None = None
        # sized for the text scale: taller buttons, so fewer of them above a taller box
        self.area_bottom = box_rect(theme).top - ABOVE_BOX
        self.button_height = button_size(theme, "#choice_button", (), 0, BUTTON_HEIGHT)[1]
        self.badge = max(BADGE, theme.font("choice.key").get_linesize() + 6)
        self.per_screen = max(2, (self.area_bottom - 24 + GAP) // (self.button_height + GAP))
        self.per_page = self.per_screen - 1

    @property
    def showing(self) -> bool:
        return self.column is not None

    @property
    def paged(self) -> bool:
        return len(self.options) > self.per_screen

    @property
    def pages(self) -> int:
        return -(-len(self.options) // self.per_page) if self.paged else 1

    @property
    def visible(self) -> tuple[Choice, ...]:
        """The options on the page shown, in order: what the buttons and number keys pick from."""
        if not self.paged:
            return self.options
        return self.options[self.page * self.per_page:(self.page + 1) * self.per_page]

    def show(self, options: tuple[Choice, ...]) -> None:
        self.hide()
        self.options = tuple(options)
        self.page = 0
        self._build()

    def show_page(self, page: int) -> None:
        if self.paged:
            self._kill_buttons()
            self.page = page % self.pages
            self._build()

    def _build(self) -> None:
        font = self.theme.font("choice.key")
        button_font = self._button_font()
        visible = self.visible
        widest_room = LOGICAL_SIZE[0] - 2 * (self.badge + 40)       # the badges stay on screen
        labels = [fit(button_font, typographic(drawable(o.text, keep_newlines=False)), widest_room - 120)
                  for o in visible]
        widest = max((button_font.size(label)[0] for label in labels), default=0)
        width = max(MIN_WIDTH, min(max(MAX_WIDTH, widest_room if self.theme.scale > 1 else MAX_WIDTH),
                                   widest + 120))
        height = self.button_height
        rows = len(visible) + (1 if self.paged else 0)
        total = rows * height + (rows - 1) * GAP
        top = max(24, (self.area_bottom - total) // 2)
        left = (LOGICAL_SIZE[0] - width) // 2
        self.column = ButtonColumn(self.ui, [Entry(o.index, label) for o, label in zip(visible, labels)], left=left,
                                   top=top, width=width, height=height, gap=GAP, object_id="#choice_button",
                                   number_keys=True)
        if self.paged:
            half = (width - GAP) // 2
            back, more = "\u2039 Previous", f"More ({self.page + 1}/{self.pages}) \u203a"
            if max(button_font.size(back)[0], button_font.size(more)[0]) > half - 24:
                back, more = "\u2039", f"{self.page + 1}/{self.pages} \u203a"     # large text: the marks alone
            self.nav = ButtonColumn(self.ui, [Entry(-1, back), Entry(+1, more)],
                                    left=left, top=top + len(visible) * (height + GAP), width=half,
                                    height=height, gap=GAP, object_id="#choice_button", horizontal=True)
        self._label_styled(visible)
        self._badges = []
        for n, _ in enumerate(visible[:9]):
            badge = self._paint_badge(str(n + 1), font)
            y = top + n * (height + GAP) + (height - self.badge) // 2
            self._badges.append((badge, (left - self.badge - 16, y)))
        self._shade = self._paint_shade(pygame.Rect(left, top, width, total))

    def _label_styled(self, visible) -> None:
        """An option with style tags: its button keeps the plain words (for the keyboard and the
        tests) in a transparent ink, and its styled words are drawn over it."""
        self._styled_labels = []
        for option, button in zip(visible, self.column.buttons):
            if not option.markup:
                continue
            button.change_object_id("#choice_button_styled")
            image = render_block(self.theme, "choice.text", option.markup, self.theme.colour("choice.text"),
                                 MAX_WIDTH - 120)
            rect = image.get_rect(center=button.rect.center)
            self._styled_labels.append(_StyledLabel(rect, image, manager=self.ui, starting_height=3))

    def _kill_buttons(self) -> None:
        for column in (self.column, self.nav):
            if column is not None:
                column.kill()
        self.column = self.nav = None
        for label in getattr(self, "_styled_labels", ()):
            label.kill()
        self._styled_labels = []

    def hide(self) -> None:
        self._kill_buttons()
        self.options = ()
        self._badges = []

    def set_visible(self, visible: bool) -> None:
        for column in (self.column, self.nav):
            if column is not None:
                column.show() if visible else column.hide()
        for label in getattr(self, "_styled_labels", ()):
            label.show() if visible else label.hide()

    def process_event(self, event: pygame.event.Event) -> int | None:
        """The index of the option this event picked, or None."""
        if self.column is None:
            return None
        if self.nav is not None:
            turn = self.nav.process_event(event) if event.type == pygame_gui.UI_BUTTON_PRESSED else None
            if turn is None and event.type == pygame.KEYDOWN:
                turn = PAGE_KEYS.get(event.key)
            if turn is not None:
                self.show_page(self.page + turn)
                return None
        return self.column.process_event(event)

    def focus_rect(self):
        for column in (self.column, self.nav):
            if column is not None and column.focus_rect() is not None:
                return column.focus_rect()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The shade and key badges; the buttons themselves are drawn by pygame_gui after this."""
        if self.column is None:
            return
        if self._shade is not None:
            surface.blit(self._shade, (0, 0))
        for badge, pos in self._badges:
            surface.blit(badge, pos)

    # -- painting -----------------------------------------------------------------------
    def _button_font(self):
        return self.ui.get_theme().get_font(["#choice_button"])  # the font the buttons really use

    def _paint_badge(self, label: str, font: pygame.font.Font) -> pygame.Surface:
        size = self.badge
        badge = pygame.Surface((size, size), pygame.SRCALPHA)
        rect = badge.get_rect()
        pygame.draw.rect(badge, self.theme.colour("choice.key", "dark_bg"), rect, border_radius=size // 2)
        pygame.draw.rect(badge, self.theme.colour("choice.key", "normal_border"), rect, 1, border_radius=size // 2)
        text = font.render(label, True, self.theme.colour("choice.key"))
        badge.blit(text, text.get_rect(center=rect.center))
        return badge

    def _paint_shade(self, area: pygame.Rect) -> pygame.Surface:
        """A soft darkening behind the options, so they read over any scene."""
        shade = pygame.Surface(LOGICAL_SIZE, pygame.SRCALPHA)
        glow = pygame.Surface((64, 36), pygame.SRCALPHA)
        centre = pygame.Vector2(32, 18)
        for y in range(36):
            for x in range(64):
                d = pygame.Vector2((x - centre.x) / 32, (y - centre.y) / 18).length()
                glow.set_at((x, y), (0, 0, 0, round(150 * max(0.0, 1 - d) ** 1.3)))
        size = (area.width + 520, area.height + 260)
        scaled = pygame.transform.smoothscale(glow, size)
        shade.blit(scaled, scaled.get_rect(center=area.center))
        return shade


class _StyledLabel(UIImage):
    """An option's styled words over its button; the pointer passes through to the button."""

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False
