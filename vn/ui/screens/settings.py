"""The settings screen, in two columns. Reading: text speed, auto-advance delay, text
size, fullscreen, reduced flashes and shake, whether skipping passes unseen text, keeps on
after choices, cuts transitions. Sound: master, music, ambience, sound and voice volumes,
mute, sound captions, self-voicing (shown as unavailable, with the reason, where the
system has no speech).

Changes apply at once to the app's one Settings object (the audio engine reads it every
frame), and are written with the persistent data when the screen closes. The keyboard
works too: Up and Down pick a row (it is highlighted; down the reading column, then the
sound column), Left and Right move a slider, Enter or Space flip a toggle, Esc goes back.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIHorizontalSlider, UILabel

from ..widgets.decor import paint_panel, paint_veil
from ..display import LOGICAL_SIZE
from ..preferences import AUTO_DELAY_RANGE, TEXT_SIZE_RANGE, TEXT_SPEED_RANGE
from ..pacing import ACTIVE, STILL
from ..screen import Screen

PANEL_SIZE = (1200, 664)
# (label, control, control's right edge) of each column, relative to the panel
COLUMNS = ((48, 300, 566), (630, 860, 1152))
LABEL_X = COLUMNS[0][0]
TOGGLE_SIZE = (112, 36)
SPEED_STEP = 5
PREVIEW_TEXT = "Words arrive at this pace."     # short: at the largest text size it stays in its column
PREVIEW_REST = 1.2      # seconds the finished preview stays before it types again

(SPEED, AUTO, SIZE, FULLSCREEN, REDUCED, SKIP_UNSEEN, SKIP_AFTER_CHOICES, SKIP_TRANSITIONS,
 VOLUME, MUSIC, AMBIENCE, SOUND, VOICE, MUTE, CAPTIONS, SELF_VOICING, BACK) = range(17)
ROWS = {SPEED: 100, AUTO: 188, SIZE: 244, FULLSCREEN: 304, REDUCED: 358, SKIP_UNSEEN: 438,
        SKIP_AFTER_CHOICES: 512, SKIP_TRANSITIONS: 562,
        VOLUME: 100, MUSIC: 156, AMBIENCE: 212, SOUND: 268, VOICE: 324, MUTE: 384, CAPTIONS: 438, SELF_VOICING: 512}
SOUND_COLUMN = frozenset({VOLUME, MUSIC, AMBIENCE, SOUND, VOICE, MUTE, CAPTIONS, SELF_VOICING})
BAND_HEIGHTS = {SPEED: 96, REDUCED: 80, SKIP_UNSEEN: 80, CAPTIONS: 80, SELF_VOICING: 80}   # with a line beneath; others 54
TOGGLES = {FULLSCREEN: "fullscreen", REDUCED: "reduced_flashes", SKIP_UNSEEN: "skip_unseen", MUTE: "muted",
           CAPTIONS: "sound_captions", SELF_VOICING: "self_voicing", SKIP_AFTER_CHOICES: "skip_after_choices",
           SKIP_TRANSITIONS: "skip_transitions"}


@dataclass
class SliderRow:
    """A setting shown on an integer slider: how the setting maps to slider units and back."""
    label: str
    units: tuple[int, int]
    step: int
    read: Callable[[object], int]
    write: Callable[[object, int], None]
    shown: Callable[[int], str]


def _slider_rows() -> dict[int, SliderRow]:
    def units(bounds, scale):
        return round(bounds[0] * scale), round(bounds[1] * scale)
    return {
        SPEED: SliderRow("Text speed", units(TEXT_SPEED_RANGE, 1), SPEED_STEP,
                         lambda s: round(s.clamped_text_speed()), lambda s, v: setattr(s, "text_speed", float(v)),
                         lambda v: f"{v} / s"),
        AUTO: SliderRow("Auto-advance delay", units(AUTO_DELAY_RANGE, 10), 1,
                        lambda s: round(s.auto_delay * 10), lambda s, v: setattr(s, "auto_delay", v / 10),
                        lambda v: f"{v / 10:.1f} s"),
        SIZE: SliderRow("Text size", units(TEXT_SIZE_RANGE, 100), 5,
                        lambda s: round(s.text_size * 100), lambda s, v: setattr(s, "text_size", v / 100),
                        lambda v: f"{v} %"),
        **{row: _volume_row(label, name) for row, label, name in (
            (VOLUME, "Master volume", "volume"), (MUSIC, "Music", "music_volume"),
            (AMBIENCE, "Ambience", "ambience_volume"), (SOUND, "Sounds", "sound_volume"),
            (VOICE, "Voices", "voice_volume"))},
    }


def _volume_row(label: str, name: str) -> SliderRow:
    return SliderRow(label, (0, 100), 5, lambda s: round(getattr(s, name) * 100),
                     lambda s, v: setattr(s, name, v / 100), lambda v: f"{v} %")


def _column(row: int) -> tuple[int, int, int]:
    return COLUMNS[1 if row in SOUND_COLUMN else 0]


class SettingsScreen(Screen):
    overlay = True
    spoken_title = "Settings"
    animates_below = True

    def __init__(self, app):
        super().__init__(app)
        self._veil = paint_veil(self.theme)
        self.panel_rect = pygame.Rect((0, 0), PANEL_SIZE)
        self.panel_rect.center = (LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2)
        self._panel = paint_panel(self.theme, PANEL_SIZE)
        self._heading = self.theme.font("screen.heading").render("Settings", True, self.theme.colour("screen.heading"))
        px, py = self.panel_rect.topleft
        self.rows = {row: py + offset for row, offset in ROWS.items()}
        self.row_labels: dict[int, str] = {BACK: "Back"}     # what self-voicing reads for each row
        self.slider_rows = _slider_rows()
        self.sliders: dict[int, UIHorizontalSlider] = {}
        self.values: dict[int, UILabel] = {}
        for row, spec in self.slider_rows.items():
            self._label(spec.label, row)
            _, control_x, right = _column(row)
            self.sliders[row] = self.own(UIHorizontalSlider(
                pygame.Rect(px + control_x, self.rows[row] + 2, right - control_x - 86, 30),
                spec.read(self.settings), spec.units, manager=self.ui, click_increment=spec.step))
            self.values[row] = self.own(UILabel(pygame.Rect(px + right - 80, self.rows[row], 80, 34), "",
                                                manager=self.ui, object_id="#setting_value"))
        self.speed_slider = self.sliders[SPEED]

        self._column_heading("Sound", 1)     # the left column sits under the screen's own heading
        self._label("Fullscreen", FULLSCREEN)
        self.fullscreen_toggle = self.own(self._toggle(FULLSCREEN))
        self._label("Reduced flashes and shake", REDUCED)
        self.reduced_toggle = self.own(self._toggle(REDUCED))
        self._hint_below(REDUCED, "No white flashes, muzzle strobes or shake; the story is the same.")
        self._label("Skip unseen text", SKIP_UNSEEN)
        self.skip_unseen_toggle = self.own(self._toggle(SKIP_UNSEEN))
        self._hint_below(SKIP_UNSEEN, "Off: skipping (Ctrl, Tab) stops at the first unread line.")
        self._label("Mute (M)", MUTE)
        self.mute_toggle = self.own(self._toggle(MUTE))
        self._label("Sound captions", CAPTIONS)
        self.captions_toggle = self.own(self._toggle(CAPTIONS))
        self._hint_below(CAPTIONS, "Words at the top left for sounds that tell the story.")
        self._label("Keep skipping after choices", SKIP_AFTER_CHOICES)
        self.skip_after_choices_toggle = self.own(self._toggle(SKIP_AFTER_CHOICES))
        self._label("Skip transitions", SKIP_TRANSITIONS)
        self.skip_transitions_toggle = self.own(self._toggle(SKIP_TRANSITIONS))
        self._label("Self-voicing (Shift+V)", SELF_VOICING)
        self.voicing_toggle = self.own(self._toggle(SELF_VOICING))
        speech = app.speech
        self._hint_below(SELF_VOICING, "Reads lines, choices and menus aloud." if speech.available
                         else f"Unavailable: {speech.reason}.")
        if not speech.available:
            self.voicing_toggle.disable()
        self.back_button = self.own(UIButton(
            pygame.Rect(self.panel_rect.x + COLUMNS[1][2] - 200, self.panel_rect.bottom - 24 - 50, 200, 50), "Back",
            manager=self.ui, object_id="#panel_button"))
        self.toggles = {self.fullscreen_toggle: FULLSCREEN, self.reduced_toggle: REDUCED,
                        self.skip_unseen_toggle: SKIP_UNSEEN, self.mute_toggle: MUTE, self.captions_toggle: CAPTIONS,
                        self.skip_after_choices_toggle: SKIP_AFTER_CHOICES,
                        self.skip_transitions_toggle: SKIP_TRANSITIONS, self.voicing_toggle: SELF_VOICING}
        self.focus: int | None = None
        self._shown_state: tuple | None = None
        self._preview_time = 0.0
        self._preview_colour = self.theme.colour("screen.body")
        self._highlights = {row: self._paint_highlight(BAND_HEIGHTS.get(row, 54)) for row in self.rows}
        self._refresh()

    def _paint_highlight(self, height: int) -> pygame.Surface:
        """The band behind the row the keyboard is on."""
        band = pygame.Surface((PANEL_SIZE[0] // 2 - 36, height), pygame.SRCALPHA)
        pygame.draw.rect(band, self.theme.colour("screen.panel", "focus"), band.get_rect(), border_radius=10)
        return band

    def _label(self, text: str, row: int) -> None:
        label_x, control_x, right = _column(row)
        width = (right - TOGGLE_SIZE[0] if row in TOGGLES else control_x) - label_x - 16
        self.row_labels[row] = text
        self.own(UILabel(pygame.Rect(self.panel_rect.x + label_x, self.rows[row], width, 34),
                         text, manager=self.ui, object_id="#setting_label"))

    def _column_heading(self, text: str, column: int) -> None:
        self.own(UILabel(pygame.Rect(self.panel_rect.x + COLUMNS[column][0], self.panel_rect.y + 50, 300, 26),
                         text.upper(), manager=self.ui, object_id="#setting_hint"))

    def _hint_below(self, row: int, text: str) -> None:
        label_x, _, right = _column(row)
        self.own(UILabel(pygame.Rect(self.panel_rect.x + label_x, self.rows[row] + 36, right - label_x, 26),
                         text, manager=self.ui, object_id="#setting_hint"))

    def _toggle(self, row: int) -> UIButton:
        rect = pygame.Rect((self.panel_rect.x + _column(row)[2] - TOGGLE_SIZE[0], self.rows[row]), TOGGLE_SIZE)
        return UIButton(rect, "", manager=self.ui, object_id="#toggle_off")

    # -- state <-> widgets ----------------------------------------------------------------
    def _refresh(self) -> None:
        """Make the widgets show the settings (F11 may change fullscreen while this is open)."""
        s = self.settings
        state = (tuple(spec.read(s) for spec in self.slider_rows.values()),
                 tuple(getattr(s, name) for name in TOGGLES.values()))
        if state == self._shown_state:
            return
        self._shown_state = state
        for row, spec in self.slider_rows.items():
            value = spec.read(s)
            self.values[row].set_text(spec.shown(value))
            if self.sliders[row].get_current_value() != value:
                self.sliders[row].set_current_value(value)
        for toggle, row in self.toggles.items():
            on = getattr(s, TOGGLES[row])
            toggle.change_object_id("#toggle_on" if on else "#toggle_off")
            toggle.set_text("On" if on else "Off")

    def _set_slider(self, row: int, value: float) -> None:
        spec = self.slider_rows[row]
        low, high = spec.units
        spec.write(self.settings, int(min(max(round(value), low), high)))
        if row in (SPEED, SIZE):
            self._preview_time = 0.0
        self._refresh()

    def _set_speed(self, value: float) -> None:
        self._set_slider(SPEED, value)

    def _activate(self, row: int) -> None:
        if row == FULLSCREEN:
            self.app.set_fullscreen(not self.settings.fullscreen)
        elif row == SELF_VOICING:
            if self.app.speech.available:
                self.app.toasts.show(self.app.speech.toggle())
        elif row in TOGGLES:
            setattr(self.settings, TOGGLES[row], not getattr(self.settings, TOGGLES[row]))
        elif row == BACK:
            self.app.pop()
            return
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
            if event.ui_element is self.back_button:
                self._activate(BACK)
                return True
            return False
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.key in (pygame.K_DOWN, pygame.K_UP):
            step = 1 if event.key == pygame.K_DOWN else -1
            self.focus = (SPEED if step > 0 else BACK) if self.focus is None else (self.focus + step) % (BACK + 1)
            self.back_button.select() if self.focus == BACK else self.back_button.unselect()
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus in self.slider_rows:
            spec = self.slider_rows[self.focus]
            step = spec.step if event.key == pygame.K_RIGHT else -spec.step
            self._set_slider(self.focus, spec.read(self.settings) + step)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus is not None:
            self._activate(self.focus)
        else:
            return False
        return True

    def pace(self) -> int:
        typing = len(PREVIEW_TEXT) / self.settings.clamped_text_speed()
        return ACTIVE if self._preview_time <= typing else STILL

    def update(self, dt: float) -> None:
        self._preview_time += dt
        self._refresh()

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self._veil, (0, 0))
        surface.blit(self._panel, self.panel_rect)
        surface.blit(self._heading, (self.panel_rect.x + LABEL_X, self.panel_rect.y + 36))
        if self.focus in self.rows:
            x = self.panel_rect.x + (24 if self.focus not in SOUND_COLUMN else PANEL_SIZE[0] // 2 + 12)
            surface.blit(self._highlights[self.focus], (x, self.rows[self.focus] - 10))
        self._draw_preview(surface)

    def _draw_preview(self, surface: pygame.Surface) -> None:
        """A line typing out at the chosen speed and size, so the player sees what the numbers mean."""
        speed = self.settings.clamped_text_speed()
        typing = len(PREVIEW_TEXT) / speed
        shown = len(PREVIEW_TEXT) if self._preview_time > typing else int(self._preview_time * speed)
        if self._preview_time > typing + PREVIEW_REST:
            self._preview_time = 0.0
        if shown:
            font = self.theme.font("dialogue.text", round(20 * self.settings.text_size))
            text = font.render(PREVIEW_TEXT[:shown], True, self._preview_colour)
            surface.blit(text, (self.panel_rect.x + LABEL_X, self.rows[SPEED] + 44))
