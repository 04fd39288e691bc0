"""The settings screen: text speed, fullscreen, reduced flashes and shake.

Changes apply at once to the app's in-memory Settings. The keyboard works
too: Up and Down pick a row (it is highlighted), Left and Right move the
text speed, Enter or Space flip a toggle, Esc goes back.
"""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIHorizontalSlider, UILabel

from .decor import paint_panel, paint_veil
from .display import LOGICAL_SIZE
from .preferences import TEXT_SPEED_RANGE
from .screen import Screen

PANEL_SIZE = (780, 520)
LABEL_X, CONTROL_X, CONTROL_RIGHT = 56, 380, 724     # relative to the panel
TOGGLE_SIZE = (112, 36)
SPEED_STEP = 5
PREVIEW_TEXT = "Words arrive at this pace, one letter after another."
PREVIEW_REST = 1.2      # seconds the finished preview stays before it types again

SPEED, FULLSCREEN, REDUCED, BACK = range(4)


class SettingsScreen(Screen):
    overlay = True
    animates_below = True

    def __init__(self, app):
        super().__init__(app)
        self._veil = paint_veil(self.theme)
        self.panel_rect = pygame.Rect((0, 0), PANEL_SIZE)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, PANEL_SIZE)
        self._heading = self.theme.font("screen.heading").render("Settings", True, self.theme.colour("screen.heading"))
        px, py = self.panel_rect.topleft
        self.rows = {SPEED: py + 128, FULLSCREEN: py + 262, REDUCED: py + 332}

        self._label("Text speed", SPEED)
        self.speed_slider = self.own(UIHorizontalSlider(
            pygame.Rect(px + CONTROL_X, self.rows[SPEED] + 2, CONTROL_RIGHT - CONTROL_X - 96, 30),
            int(self.settings.clamped_text_speed()), TEXT_SPEED_RANGE, manager=self.ui,
            click_increment=SPEED_STEP))
        self.speed_value = self.own(UILabel(
            pygame.Rect(px + CONTROL_RIGHT - 90, self.rows[SPEED], 90, 34), "", manager=self.ui,
            object_id="#setting_value"))

        self._label("Fullscreen", FULLSCREEN)
        self.fullscreen_toggle = self.own(self._toggle(FULLSCREEN))
        self._label("Reduced flashes and shake", REDUCED)
        self.reduced_toggle = self.own(self._toggle(REDUCED))
        self.own(UILabel(pygame.Rect(px + LABEL_X, self.rows[REDUCED] + 36, CONTROL_RIGHT - LABEL_X, 26),
                         "No white flashes, muzzle strobes or screen shake; the story plays the same.",
                         manager=self.ui, object_id="#setting_hint"))
        self.back_button = self.own(UIButton(
            pygame.Rect(self.panel_rect.centerx - 100, self.panel_rect.bottom - 48 - 50, 200, 50), "Back",
            manager=self.ui, object_id="#panel_button"))
        self.focus: int | None = None
        self._shown_state: tuple | None = None
        self._preview_time = 0.0
        self._preview_font = self.theme.font("dialogue.text", 22)
        self._preview_colour = self.theme.colour("screen.body")
        self._highlights = {tall: self._paint_highlight(112 if tall else 54) for tall in (False, True)}
        self._refresh()

    def _paint_highlight(self, height: int) -> pygame.Surface:
        """The band behind the row the keyboard is on."""
        band = pygame.Surface((PANEL_SIZE[0] - 48, height), pygame.SRCALPHA)
        pygame.draw.rect(band, self.theme.colour("screen.panel", "focus"), band.get_rect(), border_radius=10)
        return band

    def _label(self, text: str, row: int) -> None:
        self.own(UILabel(pygame.Rect(self.panel_rect.x + LABEL_X, self.rows[row], CONTROL_X - LABEL_X - 16, 34),
                         text, manager=self.ui, object_id="#setting_label"))

    def _toggle(self, row: int) -> UIButton:
        rect = pygame.Rect((self.panel_rect.x + CONTROL_RIGHT - TOGGLE_SIZE[0], self.rows[row]), TOGGLE_SIZE)
        return UIButton(rect, "", manager=self.ui, object_id="#toggle_off")

    # -- state <-> widgets ----------------------------------------------------------------
    def _refresh(self) -> None:
        """Make the widgets show the settings (F11 may change fullscreen while this is open)."""
        state = (round(self.settings.clamped_text_speed()), self.settings.fullscreen, self.settings.reduced_flashes)
        if state == self._shown_state:
            return
        self._shown_state = state
        self.speed_value.set_text(f"{state[0]} / s")
        for toggle, on in ((self.fullscreen_toggle, state[1]), (self.reduced_toggle, state[2])):
            toggle.change_object_id("#toggle_on" if on else "#toggle_off")
            toggle.set_text("On" if on else "Off")

    def _set_speed(self, value: float) -> None:
        low, high = TEXT_SPEED_RANGE
        self.settings.text_speed = float(min(max(round(value), low), high))
        if self.speed_slider.get_current_value() != int(self.settings.text_speed):
            self.speed_slider.set_current_value(int(self.settings.text_speed))
        self._preview_time = 0.0
        self._refresh()

    def _activate(self, row: int) -> None:
        if row == FULLSCREEN:
            self.app.set_fullscreen(not self.settings.fullscreen)
        elif row == REDUCED:
            self.settings.reduced_flashes = not self.settings.reduced_flashes
        elif row == BACK:
            self.app.pop()
            return
        self._refresh()

    # -- the contract -------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.speed_slider:
            self._set_speed(event.value)
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            targets = {self.fullscreen_toggle: FULLSCREEN, self.reduced_toggle: REDUCED, self.back_button: BACK}
            if event.ui_element in targets:
                self._activate(targets[event.ui_element])
                return True
            return False
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.key in (pygame.K_DOWN, pygame.K_UP):
            step = 1 if event.key == pygame.K_DOWN else -1
            self.focus = (SPEED if step > 0 else BACK) if self.focus is None else (self.focus + step) % 4
            self.back_button.select() if self.focus == BACK else self.back_button.unselect()
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus == SPEED:
            step = SPEED_STEP if event.key == pygame.K_RIGHT else -SPEED_STEP
            self._set_speed(self.settings.text_speed + step)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus is not None:
            self._activate(self.focus)
        else:
            return False
        return True

    def update(self, dt: float) -> None:
        self._preview_time += dt
        self._refresh()

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        surface.blit(self._heading, (self.panel_rect.x + LABEL_X, self.panel_rect.y + 44))
        if self.focus in self.rows:
            highlight = self._highlights[self.focus == SPEED]
            surface.blit(highlight, (self.panel_rect.x + 24, self.rows[self.focus] - 10))
        self._draw_preview(surface)

    def _draw_preview(self, surface: pygame.Surface) -> None:
        """A line typing out at the chosen speed, so the player sees what the number means."""
        speed = self.settings.clamped_text_speed()
        typing = len(PREVIEW_TEXT) / speed
        shown = len(PREVIEW_TEXT) if self._preview_time > typing else int(self._preview_time * speed)
        if self._preview_time > typing + PREVIEW_REST:
            self._preview_time = 0.0
        if shown:
            text = self._preview_font.render(PREVIEW_TEXT[:shown], True, self._preview_colour)
            surface.blit(text, (self.panel_rect.x + LABEL_X, self.rows[SPEED] + 56))
