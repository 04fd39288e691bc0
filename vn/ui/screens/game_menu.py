"""The in-game menu (Esc): resume, save, load, history, settings, help, return to title, quit. Esc again resumes."""
from __future__ import annotations

import pygame

from ..widgets.button_column import ButtonColumn, Entry
from ..widgets.decor import paint_kicker, paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..text_layout import typographic

PANEL_SIZE = (420, 640)
BUTTON_WIDTH, BUTTON_HEIGHT, GAP = 300, 46, 8


class GameMenuScreen(Screen):
    overlay = True

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.spoken_title = f"Paused: {app.program.manifest.title}"
        self._veil = paint_veil(self.theme)
        self.panel_rect = pygame.Rect((0, 0), PANEL_SIZE)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, PANEL_SIZE)
        self._kicker = paint_kicker(self.theme, "Paused")
        self._heading = self.theme.font("screen.heading").render(
            typographic(app.program.manifest.title), True, self.theme.colour("screen.heading"))
        self._hint = self.theme.font("screen.hint").render("Esc to resume", True, self.theme.colour("screen.hint"))
        top = self.panel_rect.y + 140
        self.menu = self.own(ButtonColumn(self.ui, [
            Entry("resume", "Resume"),
            Entry("save", "Save"),
            Entry("load", "Load"),
            Entry("history", "History"),
            Entry("settings", "Settings"),
            Entry("help", "Help"),
            Entry("title", "Return to title"),
            Entry("quit", "Quit"),
        ], left=self.panel_rect.centerx - BUTTON_WIDTH // 2, top=top, width=BUTTON_WIDTH,
            height=BUTTON_HEIGHT, gap=GAP, object_id="#panel_button"))

    def process_event(self, event: pygame.event.Event) -> bool:
        picked = self.menu.process_event(event)
        if picked == "resume" or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.pop()
        elif picked == "save":
            self.app.nav.push("saves", "save", self.game)
        elif picked == "load":
            self.app.nav.push("saves", "load", self.game)
        elif picked == "history":
            self.app.pop()
            self.game.open_history()
        elif picked == "settings":
            self.app.nav.push("settings")
        elif picked == "help":
            self.app.nav.push("help")
        elif picked == "title":
            self.app.show_title()
        elif picked == "quit":
            self.app.quit()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        cx = self.panel_rect.centerx
        y = self.panel_rect.y + 44
        surface.blit(self._kicker, (cx - self._kicker.get_width() // 2, y))
        y += self._kicker.get_height() + 12
        heading = self._heading
        if heading.get_width() > PANEL_SIZE[0] - 48:
            heading = pygame.transform.smoothscale_by(heading, (PANEL_SIZE[0] - 48) / heading.get_width())
        surface.blit(heading, (cx - heading.get_width() // 2, y))
        surface.blit(self._hint, (cx - self._hint.get_width() // 2,
                                  self.panel_rect.bottom - 22 - self._hint.get_height()))
