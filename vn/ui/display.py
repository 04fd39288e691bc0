"""The window: a fixed logical canvas scaled into any window size with letterbox bars.

Everything is drawn at LOGICAL_SIZE into `Display.canvas`; `present()` scales
that canvas, keeping its aspect ratio, into the window and fills the bars.
When the window is exactly the logical size (the default window) the canvas
*is* the window's surface, so a frame is not copied once more to be shown.
Mouse events arrive in window pixels, so `to_logical` / `map_event` convert
them before any screen or pygame_gui sees them.
"""
from __future__ import annotations

import os

import pygame

# SDL's hint for how a software-drawn window is shown. Left to itself, SDL presents it
# through an OpenGL texture; on a machine without a GPU driver that means a software
# OpenGL (llvmpipe) rasterising every frame again: measured under X11, 193 MB and 42 %
# of a core at the title, against 92 MB and 12 % when the frame is handed straight to
# the window system. Every frame here is drawn by the CPU anyway, so the straight way
# costs nothing on machines with a GPU either. A player can still choose:
# SDL_FRAMEBUFFER_ACCELERATION=1 (or opengl, software, ...) in the environment wins.
PRESENT_HINT = "SDL_FRAMEBUFFER_ACCELERATION"
PRESENT_DEFAULT = "0"


def choose_presenter() -> str:
    """Set how frames reach the window, before the display starts; returns the choice."""
    return os.environ.setdefault(PRESENT_HINT, PRESENT_DEFAULT)


LOGICAL_SIZE = (1280, 720)
BAR_COLOUR = (0, 0, 0)
MIN_WINDOW = (320, 180)

_POSITIONED_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)


class Display:
    def __init__(self, caption: str, window_size: tuple[int, int] | None = None, fullscreen: bool = False):
        pygame.display.set_caption(caption)
        from .window_icon import window_icon
        pygame.display.set_icon(window_icon())     # before the window opens, as some systems need
        self.windowed_size = tuple(window_size or LOGICAL_SIZE)
        self.fullscreen = False
        self.window = self._open(self.windowed_size, fullscreen=False)
        self._offscreen: pygame.Surface | None = None
        self.canvas = self.window
        self._scaled: pygame.Surface | None = None
        self.viewport = pygame.Rect((0, 0), LOGICAL_SIZE)
        self.scale = 1.0
        self._layout()
        if fullscreen:
            self.set_fullscreen(True)

    @staticmethod
    def _open(size, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            # (0, 0) asks for the desktop's own resolution
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = (max(MIN_WINDOW[0], int(size[0])), max(MIN_WINDOW[1], int(size[1])))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _layout(self) -> None:
        """Fit the logical canvas into the window, centred, as large as the aspect ratio allows."""
        self.window = pygame.display.get_surface() or self.window
        width, height = self.window.get_size()
        self.scale = min(width / LOGICAL_SIZE[0], height / LOGICAL_SIZE[1])
        size = (max(1, round(LOGICAL_SIZE[0] * self.scale)), max(1, round(LOGICAL_SIZE[1] * self.scale)))
        self.viewport = pygame.Rect(((width - size[0]) // 2, (height - size[1]) // 2), size)
        self._scaled = None if size == LOGICAL_SIZE else pygame.Surface(size).convert()
        self.canvas = self._canvas_for(self.window)
        v = self.viewport
        bars = [pygame.Rect(0, 0, width, v.top), pygame.Rect(0, v.bottom, width, height - v.bottom),
                pygame.Rect(0, v.top, v.left, v.height), pygame.Rect(v.right, v.top, width - v.right, v.height)]
        self._bars = [bar for bar in bars if bar.width > 0 and bar.height > 0]

    def _canvas_for(self, window: pygame.Surface) -> pygame.Surface:
        """The window itself when it is the logical size, else an offscreen canvas
        (every frame is drawn whole, so nothing needs carrying across)."""
        if window.get_size() == LOGICAL_SIZE:
            return window
        if self._offscreen is None:
            self._offscreen = pygame.Surface(LOGICAL_SIZE).convert()
        return self._offscreen

    @property
    def window_size(self) -> tuple[int, int]:
        return self.window.get_size()

    # -- window changes ---------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        """Follow a window resize. A real resize has already changed the window surface;
        a synthetic one (a posted event, a test) has not, so set the mode then."""
        if self.fullscreen:
            self._layout()
            return
        current = pygame.display.get_surface()
        if current is None or current.get_size() != tuple(size):
            self.window = self._open(size, fullscreen=False)
        self.windowed_size = self.window.get_size()
        self._layout()

    def set_fullscreen(self, on: bool) -> bool:
        """Switch to or from fullscreen; returns the state actually reached."""
        if on == self.fullscreen:
            return self.fullscreen
        try:
            self.window = self._open(self.windowed_size, fullscreen=on)
            self.fullscreen = on
        except pygame.error:
            # some drivers refuse fullscreen; stay windowed rather than fail
            self.window = self._open(self.windowed_size, fullscreen=False)
            self.fullscreen = False
        self._layout()
        return self.fullscreen

    # -- coordinates ------------------------------------------------------------------
    def to_logical(self, pos) -> tuple[int, int]:
        x = (pos[0] - self.viewport.x) / self.scale
        y = (pos[1] - self.viewport.y) / self.scale
        return int(x), int(y)

    def to_window(self, pos) -> tuple[int, int]:
        """Where a logical point appears in the window (tests click through this)."""
        return (round(self.viewport.x + (pos[0] + 0.5) * self.scale),
                round(self.viewport.y + (pos[1] + 0.5) * self.scale))

    def map_event(self, event: pygame.event.Event) -> pygame.event.Event:
        """The same event with its position (and motion) in logical coordinates."""
        if event.type not in _POSITIONED_EVENTS or not hasattr(event, "pos"):
            return event
        data = dict(event.dict)
        data["pos"] = self.to_logical(event.pos)
        if "rel" in data:
            data["rel"] = (int(data["rel"][0] / self.scale), int(data["rel"][1] / self.scale))
        return pygame.event.Event(event.type, data)

    # -- drawing ----------------------------------------------------------------------
    def present(self) -> None:
        if self.canvas is self.window:
            pygame.display.flip()
            return
        # bars are refilled every frame: some platforms do not keep the window's pixels
        for bar in self._bars:
            self.window.fill(BAR_COLOUR, bar)
        if self._scaled is None:
            self.window.blit(self.canvas, self.viewport)
        else:
            pygame.transform.smoothscale(self.canvas, self.viewport.size, self._scaled)
            self.window.blit(self._scaled, self.viewport)
        pygame.display.flip()
