"""The app: owns the window, the logical canvas, the pygame_gui manager, the settings and the
screen stack, and runs the frame loop.

One frame (`step`): read the window's events, map mouse positions to logical coordinates, give
each event to pygame_gui and then (unless consumed) to the top screen; update; draw the screens
from the topmost opaque one up, then pygame_gui's elements and the focus ring; present. `run()`
paces frames by what is on screen (pacing.py); `run_frames()` steps with a fixed dt and never
waits, which is how tests and screenshots drive the very same loop. Screens are reached by name
through `self.nav` (navigation.py). Once the story is loaded the app also keeps what outlives a
screen: the save store, the persistent data (endings, lines seen, the settings, loaded at
start-up and written back where `save_persistent` is called), and the toasts.
"""
from __future__ import annotations

import time
from pathlib import Path

import pygame

from ..paths import assets_dir
from .audio import AudioEngine
from .display import LOGICAL_SIZE, Display, choose_presenter
from .fonts import drawable
from .input import app_keys
from .input.controller import EVENTS as CONTROLLER_EVENTS, Controllers
from .navigation import Navigator
from .pacing import FramePacer
from .preferences import Settings
from .pictures.cache import PictureCache
from .readability import Readability
from .scene_loader import SceneLoader
from .screen import Screen
from .story_open import apply_story_theme, open_player_data
from .speech import SelfVoicing
from .theme import Theme
from .widgets.focus import draw_focus_ring
from .widgets.toast import Toasts, write_failure

FPS = 60
MAX_DT = 0.1    # after a stall (window dragged, debugger), never jump the story by more than this
SEEN_SAVE_SECONDS = 30.0    # lines seen are written this often at most, never on every line


class App:
    def __init__(self, scripts_dir: str | Path, *, settings: Settings | None = None,
                 window_size: tuple[int, int] | None = None, caption: str = "Visual novel",
                 paint_in_background: bool = True, dev: bool = False):
        choose_presenter()
        pygame.display.init()
        pygame.font.init()
        self.scripts_dir = Path(scripts_dir)
        self._settings_given = settings is not None
        self.settings = settings or Settings()
        self.display = Display(caption, window_size)
        if self.settings.fullscreen:
            self.settings.fullscreen = self.display.set_fullscreen(True)
        self.theme = Theme.load(assets_dir() / "theme.json")
        self.theme.set_readability(Readability.of(self.settings))
        self._restyle_wanted = False
        self.toasts = Toasts(self.theme)
        self.audio = AudioEngine(settings=self.settings, story_dir=self.scripts_dir, background=paint_in_background,
                                 notice=lambda text: self.toasts.show(text, "warning"))   # opened after frame 1
        self.speech = SelfVoicing(self.settings)          # self-voicing, when the player turns it on
        self.controllers = Controllers(notice=self.toasts.show)
        self.persistent = None       # Persistent, once the story (and so the game's id) is known
        self.saves = None            # SaveStore, likewise
        self._persistent_dirty = False
        self._since_persisted = 0.0
        self._ui = None
        # the story's own pictures, and the scenes, each made on a worker thread of its own
        self.pictures = PictureCache(self.scripts_dir, background=paint_in_background)
        self.scenes = SceneLoader(self.build_scene, background=paint_in_background)
        self.program = None
        self.screens: list[Screen] = []
        self.nav = Navigator(self)
        self.running = True
        self.frames = 0
        self.pacer = FramePacer()
        self._pending: list[pygame.event.Event] = []     # events read while waiting for a frame
        self.dev = None              # DevMode when writers play with hot reload (vn play --dev)
        if dev:
            from .dev_reload import DevMode
            self.dev = DevMode(self)

    @property
    def ui(self):
        """The pygame_gui manager, made on first use: importing pygame_gui and loading its
        fonts takes a tenth of a second, which the first frame need not wait for."""
        if self._ui is None:
            from .gui_manager import make_ui_manager
            self._ui = make_ui_manager(self.theme)
        return self._ui

    # -- the story --------------------------------------------------------------------
    def load(self) -> bool:
        """Load the scripts and show the title, or the error screen naming what is wrong."""
        from ..script.diagnostics import ScriptError
        from ..script.program import load_program
        try:
            # with hot reload, the first load already keeps each file's labels for the reloads
            kept = (self.dev.reloader.memo, self.dev.reloader.compiled) if self.dev else (None, None)
            self.program = load_program(self.scripts_dir, *kept)
        except ScriptError as exc:
            self.program = None
            self.nav.reset("error", exc, via="for_load_error")
            return False
        except OSError as exc:
            self.program = None
            self.nav.reset("error", f"The scripts could not be read: {exc}", via="for_exception")
            return False
        pygame.display.set_caption(drawable(self.program.manifest.title, keep_newlines=False)[:200])
        if not apply_story_theme(self):
            return False
        self.theme.add_story_fonts(self.scripts_dir / "fonts")
        self.pictures.retarget(self.scripts_dir)
        if not open_player_data(self):
            return False
        self.show_title()
        return True

    def show_title(self) -> None:
        from .scenes.registry import clear_caches
        self.save_persistent()
        # the story's scenes are not coming back: let them go before the title paints its own
        # (clearing afterwards could race the title's painter thread)
        self.scenes.keep_only(set())
        while self.screens:
            self.screens.pop().leave()
        clear_caches()
        self.nav.reset("title")

    # -- what outlives a session ---------------------------------------------------------
    def was_seen(self, line_id: str) -> bool:
        return self.persistent is not None and line_id in self.persistent.seen

    def mark_seen(self, line_id: str) -> bool:
        """Record a line as shown; whether it had been seen before."""
        if self.persistent is None:
            return False
        if line_id in self.persistent.seen:
            return True
        self.persistent.mark_seen(line_id)
        self._persistent_dirty = True
        return False

    def reach_ending(self, ending: str) -> None:
        if self.persistent is not None:
            self.persistent.reach_ending(ending)
            self._persistent_dirty = True
            self.save_persistent()

    def settings_changed(self) -> None:
        self._persistent_dirty = True
        self.save_persistent()

    def request_restyle(self) -> None:
        """Readability settings changed: lay the screens out again once this frame's updates are done."""
        self._restyle_wanted = True

    def restyle(self) -> None:
        from .restyle import restyle_stack
        restyle_stack(self)

    def save_persistent(self) -> None:
        """Write endings, seen lines and settings if anything changed. A disk that refuses
        costs the player a toast, never the game."""
        self._since_persisted = 0.0
        if self.persistent is None or not self._persistent_dirty:
            return
        try:
            self.persistent.save()
            self._persistent_dirty = False
        except Exception as exc:  # PersistentError, or anything else a disk or a hostile file finds
            self.toasts.show(write_failure("Progress could not be written", exc), "warning")

    def load_save(self, slot: str, play_time: float = 0.0) -> bool:
        """Continue the story from `slot`; a refused save says why in a toast and changes nothing."""
        from ..save.resume import resume
        from ..save.slots import SaveError
        try:
            runtime, notices = resume(self.program, self.saves, slot)
        except SaveError as exc:
            self.toasts.show(str(exc), "warning")
            return False
        self.nav.reset("game", runtime, resumed=True, play_time=play_time)
        for notice in notices:
            self.toasts.show(notice, "warning")
        return True

    def new_game(self) -> None:
        self.nav.reset("game")

    def show_story_error(self, error) -> None:
        self.nav.reset("error", error, via="for_story_error")

    def set_fullscreen(self, on: bool) -> None:
        self.settings.fullscreen = self.display.set_fullscreen(on)
        self._persistent_dirty = True

    def quit(self) -> None:
        self.running = False

    # -- the screen stack ---------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.screens[-1] if self.screens else None

    def push(self, screen: Screen) -> None:
        if self.screens:
            self.screens[-1].cover()
        self.screens.append(screen)
        screen.enter()

    def pop(self) -> Screen:
        screen = self.screens.pop()
        screen.leave()
        if self.screens:
            self.screens[-1].uncover()
        return screen

    def replace(self, screen: Screen) -> None:
        if self.screens:
            self.screens.pop().leave()
        self.screens.append(screen)
        screen.enter()

    def reset(self, screen: Screen) -> None:
        """Empty the stack and start over with `screen`."""
        while self.screens:
            self.screens.pop().leave()
        self.screens.append(screen)
        screen.enter()

    # -- the loop -----------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        self.pacer.note(event)
        if self.dev is not None and self.dev.handles(event):
            return
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.display.resize(event.size)
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            self.display.resize((event.x, event.y))
            return
        if event.type in CONTROLLER_EVENTS:     # a controller acts as the keys it stands for
            for key_event in self.controllers.translate(event):
                self.handle_event(key_event)
            return
        if app_keys.handle(self, event):
            return
        ui = self._ui
        if event.type == pygame.WINDOWLEAVE and ui is not None:
            ui.pointer = (-1, -1)
        event = self.display.map_event(event)
        if ui is not None:
            if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                ui.pointer = event.pos
            if ui.process_events(event):
                return
        if self.screens:
            self.screens[-1].process_event(event)

    def step(self, dt: float) -> None:
        """One frame: events, update, draw, present."""
        if not self._handle_events():
            return
        dt = min(max(dt, 0.0), MAX_DT)
        if self._ui is not None:
            self._ui.update(dt)
        for screen in reversed(list(self.screens)):
            screen.update(dt)
            if not screen.animates_below:
                break
        for key_event in self.controllers.update(dt):
            self.handle_event(key_event)
        if self._restyle_wanted:
            self.restyle()
        self.toasts.update(dt)
        self.audio.speech_playing = self.speech.update(self.top)    # music and ambience duck under speech
        self.audio.update(dt)
        self._since_persisted += dt
        if self._persistent_dirty and self._since_persisted >= SEEN_SAVE_SECONDS:
            self.save_persistent()
        self.draw()
        self.display.present()
        self.frames += 1
        self.audio.start()      # once: the mixer opens after the first frame is presented, on a worker thread

    def draw(self) -> None:
        canvas = self.display.canvas
        first = len(self.screens) - 1
        while first > 0 and self.screens[first].overlay:
            first -= 1
        if not self.screens:
            canvas.fill((0, 0, 0))
        for screen in self.screens[max(first, 0):]:
            screen.draw(canvas)
        if self._ui is not None:
            self._ui.draw_ui(canvas)
        if self.screens:
            draw_focus_ring(canvas, self.theme, self.screens[-1].focus_rect())
        self.toasts.draw(canvas)
        if self.dev is not None:
            self.dev.draw(canvas)

    def run_frames(self, count: int, dt: float = 1 / FPS) -> None:
        """Step `count` frames with a fixed dt and no waiting."""
        for _ in range(count):
            if not self.running:
                return
            self.step(dt)

    def _handle_events(self) -> bool:
        """Handle what arrived since the last frame; False once the app is to stop."""
        pending, self._pending = self._pending, []
        for event in pending + pygame.event.get():
            self.handle_event(event)
            if not self.running:
                return False
        return True

    def pace(self) -> int:
        """What the screens being animated need this moment (pacing.py): the most of them."""
        need = max(self.toasts.pace(), self.audio.pace())
        for screen in reversed(self.screens):
            need = max(need, screen.pace())
            if not screen.animates_below:
                break
        return need

    def run(self, on_first_frame=None) -> int:
        """The real loop, paced by what is on screen (pacing.py); returns the process exit code."""
        last = time.perf_counter()
        while self.running:
            self._pending.extend(self.pacer.wait(self.pace()))
            now = time.perf_counter()
            dt, last = now - last, now
            if self.pacer.hidden:
                # minimised or hidden: nothing is drawn and the story's clocks stand still
                self._handle_events()
                continue
            self.step(dt)
            if self.frames == 1 and on_first_frame is not None and on_first_frame() is False:
                break
        return 0

    def close(self, wait_for_painter: bool = True) -> None:
        """Leave every screen and close the window. Quitting the game need not wait for a
        scene still being painted (the worker is a daemon); tests wait, for a clean slate."""
        if self.dev is not None:
            self.dev.stop()
        while self.screens:
            self.screens.pop().leave()
        self.save_persistent()
        self.speech.close()
        self.audio.close()
        self.scenes.close(wait=wait_for_painter)
        self.pictures.close(wait=wait_for_painter)
        pygame.display.quit()

    def build_scene(self, background: str, variant: str | None):
        """The scene for a background, on the painter's thread: one of the engine's painted
        scenes, or one made of the story's pictures (scenes/factory.py)."""
        from .scenes.factory import build_scene
        manifest = self.program.manifest if self.program is not None else None
        plain = (self.theme.colour("title.screen", "top_bg"), self.theme.colour("title.screen", "bottom_bg"))
        return build_scene(manifest, background, variant, self.pictures.picture, plain)
