"""The settings screen's rows: their keys, in the order the keyboard walks them, what each
shows (label, control, description, section) and how a slider maps its setting to slider units.
A new setting is a key, a RowSpec in ROW_SPECS, and a SliderRow or a TOGGLES entry; the
screen lays it out (widgets/settings_layout.py)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from .preferences import AUTO_DELAY_RANGE, LINE_SPACING_RANGE, TEXT_SIZE_RANGE, TEXT_SPEED_RANGE
from .widgets.settings_layout import RowSpec

SPEED_STEP = 5

# in the order the rows are shown and the keyboard walks them
(SPEED, AUTO, SIZE, FONT, SPACING, CONTRAST, FULLSCREEN, REDUCED, SKIP_UNSEEN, SKIP_AFTER_CHOICES, SKIP_TRANSITIONS,
 VOLUME, MUSIC, AMBIENCE, SOUND, VOICE, MUTE, CAPTIONS, SELF_VOICING, BACK, PREVIOUS, NEXT) = range(22)
TOGGLES = {FONT: "dyslexia_font", CONTRAST: "high_contrast", FULLSCREEN: "fullscreen", REDUCED: "reduced_flashes",
           SKIP_UNSEEN: "skip_unseen", SKIP_AFTER_CHOICES: "skip_after_choices", SKIP_TRANSITIONS: "skip_transitions",
           MUTE: "muted", CAPTIONS: "sound_captions", SELF_VOICING: "self_voicing"}
READABILITY = frozenset({SIZE, FONT, SPACING, CONTRAST})
READING, SOUND_SECTION = "Reading and text", "Sound"

ROW_SPECS = [
    RowSpec(SPEED, "Text speed", "slider", "How fast the words of a line appear; the line below types at "
            "this pace.", READING, preview=True),
    RowSpec(AUTO, "Auto-advance delay", "slider", "In auto mode (A), how long a finished line stays before the "
            "story goes on; longer lines stay longer.", READING),
    RowSpec(SIZE, "Text size", "slider", "All the text: dialogue, choices, menus, history, saves and these "
            "settings.", READING),
    RowSpec(FONT, "Dyslexia-friendly font", "toggle", "OpenDyslexic, whose heavier letter bottoms some readers "
            "find easier to follow.", READING),
    RowSpec(SPACING, "Line spacing", "slider", "The room between lines of text.", READING),
    RowSpec(CONTRAST, "High contrast", "toggle", "Opaque boxes, white and yellow on black, and no text over the "
            "scenery.", READING),
    RowSpec(FULLSCREEN, "Fullscreen", "toggle", "F11 or Alt+Enter switch at any time.", READING),
    RowSpec(REDUCED, "Reduced flashes and shake", "toggle", "No white flashes, muzzle strobes or shake; the story "
            "is the same.", READING),
    RowSpec(SKIP_UNSEEN, "Skip unseen text", "toggle", "Off: skipping (Ctrl, Tab) stops at the first unread "
            "line.", READING),
    RowSpec(SKIP_AFTER_CHOICES, "Keep skipping after choices", "toggle", "Off: skipping stops at a choice and "
            "stays off.", READING),
    RowSpec(SKIP_TRANSITIONS, "Skip transitions", "toggle", "Scenes and figures change at once, as when "
            "skipping.", READING),
    RowSpec(VOLUME, "Master volume", "slider", "", SOUND_SECTION),
    RowSpec(MUSIC, "Music", "slider", "", SOUND_SECTION),
    RowSpec(AMBIENCE, "Ambience", "slider", "", SOUND_SECTION),
    RowSpec(SOUND, "Sounds", "slider", "", SOUND_SECTION),
    RowSpec(VOICE, "Voices", "slider", "", SOUND_SECTION),
    RowSpec(MUTE, "Mute (M)", "toggle", "M mutes and unmutes anywhere.", SOUND_SECTION),
    RowSpec(CAPTIONS, "Sound captions", "toggle", "Words at the top left for sounds that tell the story.",
            SOUND_SECTION),
    RowSpec(SELF_VOICING, "Self-voicing (Shift+V)", "toggle", "Reads lines, choices, menus and captions aloud.",
            SOUND_SECTION),
]


def shown_specs(voicing_unavailable: str = "") -> list[RowSpec]:
    """The rows as the screen shows them: where the system has no speech, self-voicing's
    description gives the reason instead (the toggle is disabled)."""
    if not voicing_unavailable:
        return ROW_SPECS
    return [replace(spec, description=f"Unavailable: {voicing_unavailable}.") if spec.key == SELF_VOICING else spec
            for spec in ROW_SPECS]


@dataclass
class SliderRow:
    """A setting shown on an integer slider: how the setting maps to slider units and back."""
    label: str
    units: tuple[int, int]
    step: int
    read: Callable[[object], int]
    write: Callable[[object, int], None]
    shown: Callable[[int], str]


def slider_rows() -> dict[int, SliderRow]:
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
        SPACING: SliderRow("Line spacing", units(LINE_SPACING_RANGE, 10), 1,
                           lambda s: round(s.line_spacing * 10), lambda s, v: setattr(s, "line_spacing", v / 10),
                           lambda v: f"{v / 10:.1f}\u00d7"),
        **{row: _volume_row(label, name) for row, label, name in (
            (VOLUME, "Master volume", "volume"), (MUSIC, "Music", "music_volume"),
            (AMBIENCE, "Ambience", "ambience_volume"), (SOUND, "Sounds", "sound_volume"),
            (VOICE, "Voices", "voice_volume"))},
    }


def _volume_row(label: str, name: str) -> SliderRow:
    return SliderRow(label, (0, 100), 5, lambda s: round(getattr(s, name) * 100),
                     lambda s, v: setattr(s, name, v / 100), lambda v: f"{v} %")
