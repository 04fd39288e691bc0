"""The settings screen. Reading and text: text speed, auto-advance delay, text size (of the
whole interface), the dyslexia-friendly font, line spacing, high contrast, fullscreen, reduced
flashes and shake, whether skipping passes unseen text, keeps on after choices, cuts
transitions. Sound: master, music, ambience, sound and voice volumes, mute, sound captions,
self-voicing (shown as unavailable, with the reason, where the system has no speech).

Rows are laid out from the fonts (widgets/settings_layout.py), so the screen reflows at every
text size: two columns at the usual size, one at large sizes, over pages when they do not fit
("Previous" and "Next", or PageUp and PageDown). Labels, values and descriptions are drawn by
the screen, wrapped, never cut; the sliders and toggles are pygame_gui's.

Changes apply at once to the app's one Settings object (the audio engine reads it every
frame), and are written with the persistent data when the screen closes. A change of text
size, font, spacing or contrast lays every screen out again (app.restyle) once the mouse
button is up. The keyboard works too: Up and Down (or Tab) pick a row, the page following,
with a ring around it; Left and Right move a slider, Enter or Space flip a toggle or press a
button, Esc goes back.
"""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIHorizontalSlider

from ..widgets.sizing import button_size
from ..widgets.decor import paint_panel, paint_veil
from ..widgets.settings_layout import Fonts, layout_rows
from ..display import LOGICAL_SIZE
from ..pacing import ACTIVE, STILL
from ..readability import scaled_size
from ..screen import Screen
from ..settings_rows import (  # noqa: F401  (the row keys, which tests and callers name from here)
    AMBIENCE, AUTO, BACK, CAPTIONS, CONTRAST, FONT, FULLSCREEN, MUSIC, MUTE, NEXT, PREVIOUS, READABILITY, REDUCED,
    ROW_SPECS, SELF_VOICING, SIZE, SKIP_AFTER_CHOICES, SKIP_TRANSITIONS, SKIP_UNSEEN, SOUND, SPACING, SPEED, TOGGLES,
    VOICE, VOLUME, shown_specs, slider_rows)

PANEL = pygame.Rect(20, 10, LOGICAL_SIZE[0] - 40, LOGICAL_SIZE[1] - 20)
INSET = 40
TOGGLE_SIZE = (112, 36)
PREVIEW_TEXT = "Words arrive at this pace."
PREVIEW_REST = 1.2      # seconds the finished preview stays before it types again
PREVIEW_SIZE = 20       # the preview's font size at 100 %


class SettingsScreen(Screen):
    overlay = True
    spoken_title = "Settings"
    animates_below = True

    def __init__(self, app):
        super().__init__(app)
        theme = self.theme
        self.panel_rect = pygame.Rect(PANEL)
        self._veil = paint_veil(theme)
        self._panel = paint_panel(theme, PANEL.size, opaque=True)
        self._heading = theme.font("screen.heading").render("Settings", True, theme.colour("screen.heading"))
        self.slider_rows = slider_rows()
        self.fonts = Fonts(theme.font("screen.body"), theme.font("screen.hint"), theme.font("screen.body"),
                           theme.font("dialogue.text", scaled_size(PREVIEW_SIZE, theme.scale)),
                           theme.readability.line_spacing)
        back_size = button_size(theme, "#panel_button", ("Back", "\u2039 Previous", "Next \u203a"), 200, 50)
        self.button_size = back_size
        top = PANEL.y + 28 + self._heading.get_height() + 16
        area = pygame.Rect(PANEL.x + INSET, top, PANEL.width - 2 * INSET, PANEL.bottom - 24 - back_size[1] - 16 - top)
        toggle = button_size(theme, "#toggle_on", ("On", "Off"), *TOGGLE_SIZE, pad=(36, 10))
        value_width = max(self.fonts.value.size(text)[0] for text in ("120 / s", "5.0 s", "200 %", "2.0\u00d7"))
        speech = app.speech
        specs = shown_specs("" if speech.available else speech.reason)
        self.placed, self.pages = layout_rows(specs, self.fonts, area, toggle, value_width)
        self.layout = {p.spec.key: p for p in self.placed}
        self.page = 0
        self.sliders: dict[int, UIHorizontalSlider] = {}
        self.toggles: dict[UIButton, int] = {}
        for placed in self.placed:
            key = placed.spec.key
            if key in self.slider_rows:
                spec = self.slider_rows[key]
                self.sliders[key] = self.own(UIHorizontalSlider(placed.control, spec.read(self.settings), spec.units,
                                                                manager=self.ui, click_increment=spec.step))
            else:
                self.toggles[self.own(UIButton(placed.control, "", manager=self.ui, object_id="#toggle_off"))] = key
        self.controls = {**self.sliders, **{row: toggle for toggle, row in self.toggles.items()}}
        self.speed_slider = self.sliders[SPEED]
        self.fullscreen_toggle, self.reduced_toggle = self.controls[FULLSCREEN], self.controls[REDUCED]
        self.skip_unseen_toggle, self.mute_toggle = self.controls[SKIP_UNSEEN], self.controls[MUTE]
        self.captions_toggle, self.font_toggle = self.controls[CAPTIONS], self.controls[FONT]
        self.contrast_toggle = self.controls[CONTRAST]
        self.skip_after_choices_toggle = self.controls[SKIP_AFTER_CHOICES]
        self.skip_transitions_toggle = self.controls[SKIP_TRANSITIONS]
        self.voicing_toggle = self.controls[SELF_VOICING]
        if not speech.available:
            self.voicing_toggle.disable()
        buttons_y = PANEL.bottom - 24 - back_size[1]
        self.back_button = self.own(UIButton(pygame.Rect((PANEL.centerx - back_size[0] // 2, buttons_y), back_size),
                                             "Back", manager=self.ui, object_id="#panel_button"))
        self.page_buttons: dict[int, UIButton] = {}
        if self.pages > 1:
            for key, text, x in ((PREVIOUS, "\u2039 Previous", PANEL.x + INSET),
                                 (NEXT, "Next \u203a", PANEL.right - INSET - back_size[0])):
                self.page_buttons[key] = self.own(UIButton(pygame.Rect((x, buttons_y), back_size), text,
                                                           manager=self.ui, object_id="#panel_button"))
        self.order = [p.spec.key for p in self.placed] + list(self.page_buttons) + [BACK]
        self.focus: int | None = None
        self._shown_state: tuple | None = None
        self._preview_time = 0.0
        self._preview_colour = theme.colour("screen.body")
        self._restyle_pending = False
        self._text = self._paint_text()
        self.show_page(0)
        self._refresh()

    # -- what the screen draws itself ---------------------------------------------------------
    def _paint_text(self) -> list[tuple[int, pygame.Surface, tuple[int, int]]]:
        """(page, surface, position) of every label, description and section heading."""
        theme, fonts = self.theme, self.fonts
        label_colour, hint_colour = theme.colour("screen.body"), theme.colour("screen.hint")
        out = []
        for placed in self.placed:
            x, y = placed.label_pos
            for row in placed.label_rows:
                out.append((placed.page, fonts.label.render(row, True, label_colour), (x, y)))
                y += fonts.label.get_linesize()
            x, y = placed.description_pos
            for row in placed.description_rows:
                out.append((placed.page, fonts.description.render(row, True, hint_colour), (x, y)))
                y += placed.description_step
        return out

    def description_rows(self, row: int) -> list[str]:
        return self.layout[row].description_rows

    # -- pages and focus ------------------------------------------------------------------------
    def show_page(self, page: int) -> None:
        self.page = page % self.pages
        for key, control in self.controls.items():
            control.show() if self.layout[key].page == self.page else control.hide()

    def set_focus(self, key: int | None) -> None:
        for button in (self.back_button, *self.page_buttons.values(), *self.toggles):
            button.unselect()
        self.focus = key
        if key in self.layout and self.layout[key].page != self.page:
            self.show_page(self.layout[key].page)
        element = self._element(key)
        if isinstance(element, UIButton):
            element.select()

    def _element(self, key):
        if key == BACK:
            return self.back_button
        return self.page_buttons.get(key) or self.controls.get(key)

    def focus_rect(self):
        if self.focus in self.layout:
            return pygame.Rect(self.layout[self.focus].band)
        element = self._element(self.focus)
        return pygame.Rect(element.rect) if element is not None else None

    def restyle(self) -> "SettingsScreen":
        """Laid out again in place (the player is here, and whoever holds this screen keeps it),
        on the row the player was on."""
        focus = self.focus
        self.__init__(self.app)
        if focus in self.order:
            self.set_focus(focus)
        return self

    # -- state <-> widgets ----------------------------------------------------------------
    def _refresh(self) -> None:
        """Make the widgets show the settings (F11 may change fullscreen while this is open)."""
        s = self.settings
        state = (tuple(spec.read(s) for spec in self.slider_rows.values()),
                 tuple(getattr(s, name) for name in TOGGLES.values()))
        if state == self._shown_state:
            return
        self._shown_state = state
        self._values = {}
        for row, spec in self.slider_rows.items():
            value = spec.read(s)
            self._values[row] = self.fonts.value.render(spec.shown(value), True, self.theme.colour("title.kicker"))
            if self.sliders[row].get_current_value() != value:
                self.sliders[row].set_current_value(value)
        for toggle, row in self.toggles.items():
            on = getattr(s, TOGGLES[row])
            toggle.change_object_id("#toggle_on" if on else "#toggle_off")
            toggle.set_text("On" if on else "Off")
            if self.focus == row:
                toggle.select()

    def _set_slider(self, row: int, value: float) -> None:
        spec = self.slider_rows[row]
        low, high = spec.units
        before = spec.read(self.settings)
        spec.write(self.settings, int(min(max(round(value), low), high)))
        if row in (SPEED, SIZE):
            self._preview_time = 0.0
        if row in READABILITY and spec.read(self.settings) != before:
            self._restyle_pending = True
        self._refresh()

    def _set_speed(self, value: float) -> None:
        self._set_slider(SPEED, value)

    def _activate(self, row: int) -> None:
        if row == FULLSCREEN:
            self.app.set_fullscreen(not self.settings.fullscreen)
        elif row == SELF_VOICING:
            if self.app.speech.available:
                self.app.toasts.show(self.app.speech.toggle())
        elif row == SELF_VOICING:
            if self.app.speech.available:
                self.app.toasts.show(self.app.speech.toggle())
        elif row in TOGGLES:
            setattr(self.settings, TOGGLES[row], not getattr(self.settings, TOGGLES[row]))
            self._restyle_pending = self._restyle_pending or row in READABILITY
        elif row == BACK:
            self.app.pop()
            return
        elif row in (PREVIOUS, NEXT):
            self.show_page(self.page + (1 if row == NEXT else -1))
        self._refresh()

    def spoken_focus(self) -> str | None:
        """The row the keyboard is on, with its value: "Text speed, 45 / s, slider"."""
        if self.focus is None:
            return super().spoken_focus()
        label = self.row_labels.get(self.focus, "")
        if self.focus in self.slider_rows:
            spec = self.slider_rows[self.focus]
            return f"{label}, {spec.shown(spec.read(self.settings))}, slider"
        if self.focus in TOGGLES:
            if self.focus == SELF_VOICING and not self.app.speech.available:
                return f"{label}, unavailable: {self.app.speech.reason}"
            return f"{label}, {'on' if getattr(self.settings, TOGGLES[self.focus]) else 'off'}, toggle"
        return f"{label}, button"

    def spoken_focus(self) -> str | None:
        """The row the keyboard is on, with its value: "Text speed, 45 / s, slider"."""
        if self.focus is None:
            return super().spoken_focus()
        if self.focus not in self.layout:
            element = self._element(self.focus)
            return None if element is None else element.text.strip(" \u2039\u203a") + ", button"
        label = self.layout[self.focus].spec.label
        if self.focus in self.slider_rows:
            spec = self.slider_rows[self.focus]
            return f"{label}, {spec.shown(spec.read(self.settings))}, slider"
        if self.focus == SELF_VOICING and not self.app.speech.available:
            return f"{label}, unavailable: {self.app.speech.reason}"
        return f"{label}, {'on' if getattr(self.settings, TOGGLES[self.focus]) else 'off'}, toggle"

    def leave(self) -> None:
        self.app.settings_changed()
        super().leave()

    # -- the contract -------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            for row, slider in self.sliders.items():
                if event.ui_element is slider:
                    self._set_slider(row, event.value)
                    return True
            return False
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element in self.toggles:
                self._activate(self.toggles[event.ui_element])
                return True
            for key, button in ((BACK, self.back_button), *self.page_buttons.items()):
                if event.ui_element is button:
                    self._activate(key)
                    return True
            return False
        if event.type != pygame.KEYDOWN:
            return False
        return self._key(event)

    def _key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key == pygame.K_ESCAPE:
            self.app.pop()
        elif key in (pygame.K_DOWN, pygame.K_UP, pygame.K_TAB):
            step = -1 if key == pygame.K_UP or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT) else 1
            if self.focus is None:
                self.set_focus(self.order[0] if step > 0 else BACK)
            else:
                self.set_focus(self.order[(self.order.index(self.focus) + step) % len(self.order)])
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.show_page(self.page + (1 if key == pygame.K_PAGEDOWN else -1))
            first = next(p.spec.key for p in self.placed if p.page == self.page)
            self.set_focus(first)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus in self.slider_rows:
            spec = self.slider_rows[self.focus]
            step = spec.step if key == pygame.K_RIGHT else -spec.step
            self._set_slider(self.focus, spec.read(self.settings) + step)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus is not None:
            self._activate(self.focus)
        else:
            return False
        return True

    def pace(self) -> int:
        typing = len(PREVIEW_TEXT) / self.settings.clamped_text_speed()
        return ACTIVE if self._preview_time <= typing or self._restyle_pending else STILL

    def update(self, dt: float) -> None:
        self._preview_time += dt
        self._refresh()
        # a slider being dragged keeps its element until the button is let go
        if self._restyle_pending and not any(pygame.mouse.get_pressed()):
            self._restyle_pending = False
            self.app.request_restyle()

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, PANEL)
        surface.blit(self._heading, (PANEL.x + INSET, PANEL.y + 28))
        self._draw_section_and_page(surface)
        if self.focus in self.layout:
            band = self.layout[self.focus].band
            tint = pygame.Surface(band.size, pygame.SRCALPHA)
            pygame.draw.rect(tint, self.theme.colour("screen.panel", "focus"), tint.get_rect(), border_radius=10)
            surface.blit(tint, band)
        for page, text, pos in self._text:
            if page == self.page:
                surface.blit(text, pos)
        for row, value in self._values.items():
            placed = self.layout[row]
            if placed.page == self.page:
                surface.blit(value, (placed.value.right - value.get_width(),
                                     placed.value.centery - value.get_height() // 2))
        self._draw_preview(surface)

    def _draw_section_and_page(self, surface: pygame.Surface) -> None:
        sections = list(dict.fromkeys(p.spec.section for p in self.placed if p.page == self.page))
        caption = " \u00b7 ".join(sections).upper() + (f"   {self.page + 1} / {self.pages}" if self.pages > 1 else "")
        text = self.fonts.description.render(caption, True, self.theme.colour("title.kicker"))
        surface.blit(text, (PANEL.right - INSET - text.get_width(),
                            PANEL.y + 28 + self._heading.get_height() - text.get_height()))

    def _draw_preview(self, surface: pygame.Surface) -> None:
        """A line typing out at the chosen speed and size, so the player sees what the numbers mean."""
        placed = self.layout[SPEED]
        if placed.page != self.page:
            return
        speed = self.settings.clamped_text_speed()
        typing = len(PREVIEW_TEXT) / speed
        shown = len(PREVIEW_TEXT) if self._preview_time > typing else int(self._preview_time * speed)
        if self._preview_time > typing + PREVIEW_REST:
            self._preview_time = 0.0
        if shown:
            font = self.fonts.preview
            text = font.render(PREVIEW_TEXT[:shown], True, self._preview_colour)
            x, bottom = placed.preview_pos
            surface.blit(text, (x, bottom - font.get_linesize()))
