"""The game's look, read from one JSON file (`assets/theme.json`).

The file is a pygame_gui theme: every top-level block styles pygame_gui
elements (buttons, panels, labels, sliders) exactly as pygame_gui documents.
One extra top-level block, `game_ui`, holds blocks in the same shape
(`colours`, `font`, `misc`) for what the game draws itself with pygame.font:
the dialogue text, the speaker plate, the title, the ending card. It is taken
out before the rest goes to pygame_gui, so both halves share one palette file
without pygame_gui warning about ids it has no element for.

Block lookup for the game's own parts walks up dotted names, so
`dialogue.speaker.buffy` falls back to `dialogue.speaker`, then to
`game_ui.defaults`.

Every font the game draws with has a fallback chain (fonts.py): a story's own
fonts (`add_story_fonts`), then the `fallback` list of the element's font block:
system font names (comma-separated alternatives, as pygame.font.match_font takes
them) or font files beside the theme.
"""
from __future__ import annotations

import copy
import importlib.util
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pygame

from .fonts import FallbackChain, TextFont
from .system_fonts import match_font
from .readability import Readability, readable

GAME_UI_KEY = "game_ui"
FONT_FILES = (".ttf", ".otf", ".ttc")

# pygame_gui ships these fonts with its package, so they exist wherever the
# game runs (frozen or not) and need no download.
_PACKAGED_FONTS = {
    "noto_sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"),
    "fira_code": ("FiraCode-Regular.ttf",) * 4,
}


def _packaged_font_path(name: str, bold: bool, italic: bool) -> str | None:
    files = _PACKAGED_FONTS.get(name)
    if files is None:
        return None
    filename = files[(1 if bold else 0) + (2 if italic else 0)]
    return str(_pygame_gui_data() / filename)


@lru_cache(maxsize=1)
def _pygame_gui_data() -> Path:
    """pygame_gui's data folder, found without importing pygame_gui (which takes a tenth of a
    second the first frame would otherwise wait for)."""
    spec = importlib.util.find_spec("pygame_gui")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(list(spec.submodule_search_locations)[0]) / "data"
        if folder.is_dir():
            return folder
    return Path(str(resources.files("pygame_gui.data")))


def _fonts_by_path(gui_data: dict) -> dict:
    """Name pygame_gui's packaged fonts by their files' paths. Given only a name, pygame_gui
    reads the whole font file into memory again for every size it loads (a megabyte or two
    each, six sizes here); given a path, the font reads from the file as it needs."""
    for block in gui_data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if not isinstance(font, dict) or font.get("regular_path") or font.get("name") not in _PACKAGED_FONTS:
            continue
        name = font["name"]
        font["name"] = f"{name}_by_path"    # pygame_gui keeps the first paths it sees for a name
        for key, (bold, italic) in (("regular_path", (False, False)), ("bold_path", (True, False)),
                                    ("italic_path", (False, True)), ("bold_italic_path", (True, True))):
            font[key] = _packaged_font_path(name, bold, italic)
    return gui_data


def _merge(into: dict, over: dict) -> None:
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _flag(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes")


class Theme:
    def __init__(self, data: dict, base_dir: Path | None = None):
        data = copy.deepcopy(data)
        # the theme as written; game_ui and gui_data are these with the player's readability applied
        self._written_game_ui: dict = data.pop(GAME_UI_KEY, {})
        self._written_gui: dict = data
        self.readability = Readability()
        self.game_ui: dict = {}
        self.gui_data: dict = {}     # what pygame_gui's UIManager receives
        self.base_dir = base_dir
        self._fonts: dict[tuple, TextFont] = {}
        self._chains: dict[tuple, FallbackChain] = {}
        self.story_fonts: list[str] = []
        self._colours: dict[tuple, pygame.Color] = {}
        self._apply()

    def _apply(self) -> None:
        self.game_ui, gui_data = readable(self._written_game_ui, self._written_gui, self.readability)
        self.gui_data = _fonts_by_path(gui_data)
        self._fonts.clear()
        self._chains.clear()
        self._colours.clear()

    def set_readability(self, readability: Readability) -> bool:
        """Apply the player's text scale, font, spacing and contrast; whether anything changed."""
        if readability == self.readability:
            return False
        self.readability = readability
        self._apply()
        return True

    @property
    def high_contrast(self) -> bool:
        return self.readability.high_contrast

    @property
    def scale(self) -> float:
        return self.readability.scale

    @classmethod
    def load(cls, path: Path) -> "Theme":
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh), path.parent)

    def merge(self, data: dict) -> None:
        """Lay another theme over this one, block by block and key by key (a story's
        theme.json: story_theme.py checks its paths first)."""
        data = copy.deepcopy(data)
        _merge(self._written_game_ui, data.pop(GAME_UI_KEY, {}))
        _merge(self._written_gui, data)
        self._apply()

    # -- lookup -------------------------------------------------------------------
    def _chain(self, element: str):
        """The element's blocks, most specific first, ending with the defaults."""
        parts = element.split(".")
        for n in range(len(parts), 0, -1):
            block = self.game_ui.get(".".join(parts[:n]))
            if block:
                yield block
        yield self.game_ui.get("defaults", {})

    def _lookup(self, element: str, section: str, key: str):
        for block in self._chain(element):
            value = block.get(section, {}).get(key)
            if value is not None:
                return value
        return None

    def colour(self, element: str, key: str = "normal_text") -> pygame.Color:
        cache_key = (element, key)
        if cache_key not in self._colours:
            value = self._lookup(element, "colours", key)
            # a colour missing from the theme shows up loudly rather than passing unnoticed
            self._colours[cache_key] = pygame.Color(value if value is not None else "#ff00ff")
        return self._colours[cache_key]

    def misc(self, element: str, key: str, default):
        value = self._lookup(element, "misc", key)
        if value is None:
            value = default
        value = type(default)(value) if not isinstance(default, bool) else _flag(value)
        if key == "line_spacing":
            value *= self.readability.line_spacing      # the player's spacing, over every text's own
        return value

    def _font_spec(self, element: str) -> dict:
        spec: dict = {}
        for block in reversed(list(self._chain(element))):
            spec.update(block.get("font", {}))
        return spec

    def font_size(self, element: str) -> int:
        return int(self._font_spec(element).get("size", 20))

    def font(self, element: str, size: int | None = None) -> TextFont:
        """The element's font; `size` overrides the themed size (used to shrink long text)."""
        size = size or self.font_size(element)
        font = self._fonts.get((element, size))
        if font is None:
            spec = self._font_spec(element)
            bold, italic = _flag(spec.get("bold", 0)), _flag(spec.get("italic", 0))
            path, from_system = self._font_path(spec, bold, italic)
            primary = pygame.font.Font(path, size)
            if from_system:
                # a system family without a bold or italic file gets the style synthesised
                stem = Path(path).stem.lower()
                primary.bold = bold and "bold" not in stem
                primary.italic = italic and "italic" not in stem and "oblique" not in stem
            font = self._fonts[(element, size)] = TextFont(primary, self.chain(path, spec), size)
        return font

    def styled_font(self, element: str, size: int | None = None, bold: bool = False,
                    italic: bool = False) -> TextFont:
        """The element's font in bold and/or italic, for styled text: the face's own bold or italic
        file where the theme or the packaged family has one, else SDL_ttf's synthetic style."""
        if not bold and not italic:
            return self.font(element, size)
        size = size or self.font_size(element)
        font = self._fonts.get((element, size, bold, italic))
        if font is None:
            spec = self._font_spec(element)
            bold, italic = bold or _flag(spec.get("bold", 0)), italic or _flag(spec.get("italic", 0))
            path, from_system = self._font_path(spec, bold, italic)
            plain_path, _ = self._font_path(spec, False, False)
            primary = pygame.font.Font(path, size)
            stem = Path(path).stem.lower() if path else ""
            if from_system or path == plain_path:
                primary.bold = bold and "bold" not in stem
                primary.italic = italic and "italic" not in stem and "oblique" not in stem
            font = self._fonts[(element, size, bold, italic)] = TextFont(primary, self.chain(path, spec), size)
        return font

    def gui_font(self, object_id: str) -> pygame.font.Font:
        """The font pygame_gui draws `object_id`'s text with (the same file and size), to measure
        a button's words before pygame_gui is loaded."""
        spec = dict(self.gui_data.get("defaults", {}).get("font", {}))
        spec.update(self.gui_data.get(object_id, {}).get("font", {}))
        size = int(float(spec.get("size", 14)))
        bold = _flag(spec.get("bold", 0))
        path = spec.get("bold_path" if bold else "regular_path") or _packaged_font_path(
            str(spec.get("name", "noto_sans")).removesuffix("_by_path"), bold, False)
        key = ("gui", path, size)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = pygame.font.Font(path, size)
        return font

    def chain(self, path: str | None, spec: dict) -> FallbackChain:
        """The fallback chain after the font file `path`, shared by every size of it."""
        names = tuple(str(n) for n in spec.get("fallback", ()) if isinstance(n, str))
        key = (path, names)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = FallbackChain(path, lambda: self.story_fonts + self._fallbacks(names))
        return chain

    def text_chain(self, element: str = "dialogue.text") -> FallbackChain:
        """The chain the element's text is drawn with (what `vn check` asks about glyphs)."""
        return self.font(element).chain

    def release_fonts(self) -> None:
        """Let go of the fonts opened so far: each holds its file's shaping tables (half a
        megabyte for Noto Sans), and the next text drawn opens what it needs again. For a screen
        whose text is all painted, which writes nothing new while it stands (the title)."""
        self._fonts.clear()

    def add_story_fonts(self, folder: Path) -> None:
        """A story's own fonts (for its language), tried right after the themed font."""
        try:
            found = sorted(str(p) for p in Path(folder).iterdir()
                           if p.suffix.lower() in FONT_FILES and p.is_file())
        except OSError:
            return
        if found != self.story_fonts:
            self.story_fonts = found
            self._fonts.clear()
            self._chains.clear()

    def _fallbacks(self, names: tuple[str, ...]) -> list[str]:
        out = []
        for name in names:
            if name.lower().endswith(FONT_FILES):
                if self.base_dir is not None and (self.base_dir / name).is_file():
                    out.append(str(self.base_dir / name))
                continue
            found = match_font(name)
            if found:
                out.append(found)
        return out

    def _font_path(self, spec: dict, bold: bool, italic: bool) -> tuple[str | None, bool]:
        """(path, whether it is a system font); a None path is pygame's own default font."""
        # a preferred system typeface (a free serif, say) when the player has one installed
        if spec.get("system"):
            found = match_font(spec["system"], bold=bold, italic=italic)
            if found:
                return found, True
        style = "bold_italic_path" if bold and italic else "bold_path" if bold else \
            "italic_path" if italic else "regular_path"
        for key in (style, "regular_path"):
            if spec.get(key) and self.base_dir is not None:
                return str(self.base_dir / spec[key]), False
        return _packaged_font_path(spec.get("name", "noto_sans"), bold, italic), False
