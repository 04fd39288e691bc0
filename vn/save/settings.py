"""The player's settings: what they are, their defaults and bounds, and reading them back safely."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

TEXT_SPEED_RANGE = (10.0, 120.0)   # characters per second the settings slider offers
AUTO_DELAY_RANGE = (0.5, 5.0)      # seconds a finished line stays before auto mode moves on
TEXT_SIZE_RANGE = (0.75, 2.0)     # the whole interface's text scale: every screen reflows within it
LINE_SPACING_RANGE = (1.0, 2.0)    # a factor on every text's own line spacing
VOLUME_FIELDS = ("volume", "music_volume", "ambience_volume", "sound_volume", "voice_volume")   # each 0..1


@dataclass
class Settings:
    text_speed: float = 45.0        # typewriter speed, characters per second
    fullscreen: bool = False
    reduced_flashes: bool = False   # no white flashes, muzzle strobes or screen shake
    auto_delay: float = 1.5
    volume: float = 0.8             # master volume, 0..1 (the name older settings files use)
    text_size: float = 1.0          # scale of all text: dialogue, choices, menus, history, saves, settings
    skip_unseen: bool = False       # whether skip also passes lines never seen before
    music_volume: float = 0.8       # each channel's own volume, 0..1, under the master volume
    ambience_volume: float = 0.8
    sound_volume: float = 1.0
    voice_volume: float = 1.0
    muted: bool = False
    sound_captions: bool = False    # a short caption over the scene for each sound that carries story
    dyslexia_font: bool = False     # OpenDyslexic (assets/fonts) for the interface's text instead of the theme's
    line_spacing: float = 1.0       # factor on the space between rows of text
    high_contrast: bool = False     # opaque boxes, the plainest colours, no text over the scene
    self_voicing: bool = False      # lines, focused controls, titles and captions read aloud (Shift+V)
    skip_after_choices: bool = False    # skipping (Tab) carries on after a choice instead of stopping
    skip_transitions: bool = False  # scene and figure transitions cut, as when skipping

    def clamped_text_speed(self) -> float:
        return _clamp(self.text_speed, TEXT_SPEED_RANGE)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> "Settings":
        """Unknown keys are ignored and bad values fall back to defaults, one field at a time,
        so a hand-edited or older settings file never costs the player the rest."""
        out = cls()
        if not isinstance(data, dict):
            return out
        for f in fields(cls):
            value = data.get(f.name)
            default = getattr(out, f.name)
            if isinstance(default, bool):
                if isinstance(value, bool):
                    setattr(out, f.name, value)
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
                try:
                    setattr(out, f.name, float(value))
                except OverflowError:  # an int past a float's range: the clamp below takes it to the top
                    setattr(out, f.name, float("inf") if value > 0 else float("-inf"))
        out.text_speed = _clamp(out.text_speed, TEXT_SPEED_RANGE)
        out.auto_delay = _clamp(out.auto_delay, AUTO_DELAY_RANGE)
        out.text_size = _clamp(out.text_size, TEXT_SIZE_RANGE)
        out.line_spacing = _clamp(out.line_spacing, LINE_SPACING_RANGE)
        for name in VOLUME_FIELDS:
            setattr(out, name, _clamp(getattr(out, name), (0.0, 1.0)))
        return out


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return float(min(max(value, low), high))
