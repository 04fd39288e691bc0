"""Readable text: the player's text scale, font, line spacing and high-contrast mode, laid over
the theme (theme.py) before anything is drawn with it.

Every font size in the theme, pygame_gui's blocks and the game's own (`game_ui`), is scaled
here, so the dialogue, the choices, the menus, history, saves and settings all follow one
setting; the screens lay themselves out from the fonts' real line heights, so they reflow.
Display sizes (headings over DISPLAY_SIZE pixels) grow by as many pixels as DISPLAY_SIZE text
would: they are readable already, and a title twice its size would not fit the screen.

The dyslexia-friendly font is OpenDyslexic (assets/fonts, SIL Open Font License); code
(the error screen's source lines) keeps its monospaced face.

High contrast is worked out from the theme's own colours, so a story's theme gets it too:
every box behind text is opaque, dark ones black and light ones (a speaker's plate, a
switched-on toggle) kept in their hue; text is black on light and white on dark; borders and
accents turn white and yellow.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import pygame

from ..paths import assets_dir

DISPLAY_SIZE = 30
MONOSPACED = frozenset({"fira_code"})
DYSLEXIA_NAME = "opendyslexic"
DYSLEXIA_FILES = {"regular_path": "OpenDyslexic-Regular.woff", "bold_path": "OpenDyslexic-Bold.woff",
                  "italic_path": "OpenDyslexic-Italic.woff", "bold_italic_path": "OpenDyslexic-BoldItalic.woff"}
BLACK, WHITE, YELLOW = "#000000ff", "#ffffffff", "#ffd200ff"
FOCUS_TINT = "#ffd20030"        # a band behind white text: faint, so the text keeps its contrast
TRANSPARENT_BELOW = 32          # a fill this faint is a hover tint over something painted: it stays
LIGHT_ABOVE = 0.3               # relative luminance of a fill that takes black text
STATES = ("normal", "hovered", "selected", "active", "disabled")


@dataclass(frozen=True)
class Readability:
    scale: float = 1.0
    dyslexia_font: bool = False
    line_spacing: float = 1.0
    high_contrast: bool = False

    @classmethod
    def of(cls, settings) -> "Readability":
        return cls(float(settings.text_size), bool(settings.dyslexia_font), float(settings.line_spacing),
                   bool(settings.high_contrast))


def scaled_size(size: int, scale: float) -> int:
    if size <= DISPLAY_SIZE:
        return max(1, round(size * scale))
    return max(1, round(size + DISPLAY_SIZE * (scale - 1)))


def dyslexia_font_path(key: str = "regular_path") -> str:
    return str(assets_dir() / "fonts" / DYSLEXIA_FILES[key])


def readable(game_ui: dict, gui_data: dict, readability: Readability) -> tuple[dict, dict]:
    """Copies of the theme's two halves with `readability` applied."""
    game_ui, gui_data = copy.deepcopy(game_ui), copy.deepcopy(gui_data)
    for half, for_gui in ((game_ui, False), (gui_data, True)):
        for block in half.values():
            if not isinstance(block, dict):
                continue
            font = block.get("font")
            if isinstance(font, dict):
                _readable_font(font, readability)
            misc = block.get("misc")
            # the game's own line spacings are scaled where they are read (Theme.misc)
            if for_gui and isinstance(misc, dict) and "line_spacing" in misc:
                misc["line_spacing"] = str(round(_number(misc["line_spacing"], 1.0) * readability.line_spacing, 3))
            if readability.high_contrast and isinstance(block.get("colours"), dict):
                block["colours"] = _high_contrast(block["colours"])
    return game_ui, gui_data


def _number(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _readable_font(font: dict, readability: Readability) -> None:
    if "size" in font:
        font["size"] = str(scaled_size(int(_number(font["size"], 20)), readability.scale))
    if readability.dyslexia_font and font.get("name") not in MONOSPACED:
        font["name"] = DYSLEXIA_NAME
        font.pop("system", None)        # a preferred system serif would win over the chosen font
        for key in DYSLEXIA_FILES:
            font[key] = dyslexia_font_path(key)


def _colour(value) -> pygame.Color | None:
    try:
        return pygame.Color(value)
    except (ValueError, TypeError):
        return None     # a gradient or a colour pygame cannot read: left as it is


def luminance(c: pygame.Color) -> float:
    """Relative luminance (WCAG 2)."""
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a, b) -> float:
    la, lb = sorted((luminance(pygame.Color(a)), luminance(pygame.Color(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(c: pygame.Color) -> str:
    return f"#{c.r:02x}{c.g:02x}{c.b:02x}{c.a:02x}"


def _high_contrast(colours: dict) -> dict:
    out = dict(colours)
    light: dict[str, bool] = {}          # state -> whether its fill is light (takes black text)
    for key, value in colours.items():
        c = _colour(value)
        if c is None:
            continue
        if key.endswith("_bg") or key in ("veil", "shade"):
            state = key.split("_", 1)[0]
            if c.a < TRANSPARENT_BELOW:
                light.setdefault(state, False)      # a faint tint over a black panel: dark underneath
                continue
            is_light = luminance(c) > LIGHT_ABOVE
            light[state] = light.get(state, False) or is_light
            out[key] = _hex(pygame.Color(c.r, c.g, c.b, 255)) if is_light else BLACK
        elif "border" in key or key == "frame":
            out[key] = WHITE if key.startswith("normal") or key == "frame" else YELLOW
        elif key in ("accent", "marker", "filled_bar"):
            out[key] = YELLOW
        elif key == "focus":
            out[key] = FOCUS_TINT
        elif key == "warning":
            out[key] = "#ffb0a4ff"
        elif "shadow" in key:
            out[key] = BLACK
    for key, value in colours.items():
        if ("text" in key and "shadow" not in key) and _colour(value) is not None:
            state = key.split("_", 1)[0]
            on_light = light.get(state, light.get("normal", light.get("dark", False)))
            out[key] = BLACK if on_light else ("#c8c8c8ff" if state == "disabled" else WHITE)
    return out
