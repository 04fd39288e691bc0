"""A story's own `theme.json`: its fonts and colours laid over the engine's theme.

The file has the engine's theme shape (assets/theme.json): pygame_gui blocks, and the
`game_ui` block for what the game draws itself. Only what it names changes; the rest
stays the engine's. Every file it names (font files: `regular_path`, `bold_path`,
`italic_path`, `bold_italic_path`, and font files in a `fallback` list) is looked up in
the story folder, and must stay inside it: a path that is absolute, climbs out with
`..`, or reaches out through a symbolic link is refused with a ThemeError naming it.
"""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath

FILE_NAME = "theme.json"
PATH_KEYS = ("regular_path", "bold_path", "italic_path", "bold_italic_path")
FONT_FILES = (".ttf", ".otf", ".ttc")
MAX_BYTES = 1 << 20


class ThemeError(Exception):
    pass


def inside(folder: Path, relative: str, what: str) -> str:
    """`relative` as a path inside `folder`, or ThemeError."""
    if not isinstance(relative, str) or not relative:
        raise ThemeError(f"{what} must be a file name inside the story folder")
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute() \
            or PureWindowsPath(relative).drive:
        raise ThemeError(f"{what} '{relative}' is an absolute path: name a file inside the story folder")
    if ".." in PurePosixPath(relative.replace("\\", "/")).parts:
        raise ThemeError(f"{what} '{relative}' leaves the story folder ('..')")
    root = folder.resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise ThemeError(f"{what} '{relative}' leads outside the story folder (a link?)")
    if not path.is_file():
        raise ThemeError(f"{what} '{relative}' is not a file in the story folder")
    return str(path)


def read(folder: Path) -> dict | None:
    """The story's theme with every path checked and made absolute; None when it has none."""
    folder = Path(folder)
    file = folder / FILE_NAME
    if not file.exists():
        return None
    if file.is_symlink() or not file.is_file():
        raise ThemeError(f"{FILE_NAME} must be a plain file in the story folder")
    if file.stat().st_size > MAX_BYTES:
        raise ThemeError(f"{FILE_NAME} is larger than {MAX_BYTES // 1024} KB")
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{FILE_NAME} is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ThemeError(f"{FILE_NAME} must hold an object of blocks")
    blocks = [(f"'{name}'", block) for name, block in data.items() if name != "game_ui"]
    game_ui = data.get("game_ui", {})
    if not isinstance(game_ui, dict):
        raise ThemeError(f"{FILE_NAME}: 'game_ui' must be an object of blocks")
    blocks += [(f"'game_ui.{name}'", block) for name, block in game_ui.items()]
    for name, block in blocks:
        if not isinstance(block, dict):
            raise ThemeError(f"{FILE_NAME}: block {name} must be an object")
        font = block.get("font")
        if not isinstance(font, dict):
            continue
        for key in PATH_KEYS:
            if key in font:
                font[key] = inside(folder, font[key], f"{FILE_NAME}: {name} font {key}")
        fallback = font.get("fallback")
        if isinstance(fallback, list):
            font["fallback"] = [inside(folder, n, f"{FILE_NAME}: {name} fallback font")
                                if isinstance(n, str) and n.lower().endswith(FONT_FILES) else n for n in fallback]
    return data
