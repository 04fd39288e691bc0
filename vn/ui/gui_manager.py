"""The pygame_gui manager the app draws its buttons, sliders and labels with.

Imported when the first gui element is needed, not at start-up: importing pygame_gui
and loading its fonts takes a tenth of a second the first frame need not wait for.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core.package_resource import PackageResource
from pygame_gui.core.surface_cache import SurfaceCache

from .display import LOGICAL_SIZE

# pygame_gui caches only shapes under 40,000 pixels and at most 1024 wide (drawable_shapes), so
# pages of 1024x256 take every width it caches, and a screen's few kinds of button fill a
# fraction of one. Its own pages are 1024x1024: 4 MB, the first one made up front.
SHAPE_PAGE = (1024, 256)


class CompactShapeCache(SurfaceCache):
    """pygame_gui's cache of drawn shapes (a button's rounded rectangle in each state, shared by
    every button alike), on pages a quarter the size of its own, at most three as before."""

    @property
    def cache_surface_size(self) -> tuple[int, int]:
        return SHAPE_PAGE

    @cache_surface_size.setter
    def cache_surface_size(self, _size) -> None:
        pass    # SurfaceCache.__init__ sets its own 1024x1024 before making the first page

    def add_surface_to_long_term_cache(self, cached_item, string_id: str):
        # a shape taller than a page is drawn uncached, as pygame_gui draws larger shapes, rather
        # than warned about (its size check compares (width, height) as a tuple) or making pages
        # it cannot fit in
        surface = cached_item["surface"]
        if isinstance(surface, pygame.Surface) and (surface.get_width() > SHAPE_PAGE[0]
                                                    or surface.get_height() > SHAPE_PAGE[1]):
            return None
        return super().add_surface_to_long_term_cache(cached_item, string_id)


class LetterboxedUIManager(pygame_gui.UIManager):
    """pygame_gui reads the mouse itself for hovering; here it reads the last
    logical pointer position the app saw instead, so hovering stays right
    whatever the window's size and letterbox."""

    pointer = (-1, -1)

    def _update_mouse_position(self):
        self.mouse_position = self.pointer


def read_default_fonts_from_files(manager) -> None:
    """pygame_gui loads its own two fonts (for an element the theme gives none, and its symbols)
    by reading each whole file into memory, where it stays as long as the font: 0.8 MB. Loaded
    from the file's path instead, a font reads what it needs, as the theme's fonts do
    (theme.py names them by path)."""
    for font in manager.get_theme().get_font_dictionary().loaded_fonts.values():
        if not isinstance(font.location, PackageResource):
            continue
        path = _package_file(font.location.package, font.location.resource)
        if path is None:
            continue
        if path.is_file():
            packaged = font.location
            font.location = str(path)
            if font.load() is not None:     # the font read into memory stays, as pygame_gui left it
                font.location = packaged


def make_ui_manager(theme) -> LetterboxedUIManager:
    manager = LetterboxedUIManager(LOGICAL_SIZE, theme.gui_data, enable_live_theme_updates=False)
    manager.get_theme().shape_cache = CompactShapeCache()
    read_default_fonts_from_files(manager)
    return manager


def _package_file(package: str, resource: str) -> Path | None:
    """A file of an installed package, by the package's folder: importlib.resources would do,
    but it imports zipfile and its readers, a hundredth of a second the first frame waits for."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / resource
