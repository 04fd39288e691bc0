"""Hot reload for writers (`vn play --dev`, `make dev`): watch scripts/, reload on save.

A watcher thread (watchfiles) posts SCRIPTS_CHANGED into pygame's event queue;
the main loop reloads there, so the story is only ever touched by one thread.
A script with errors never replaces the running one: its diagnostics stay on
screen until a later save fixes them.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pygame

from ..script.filememo import FileMemo
from ..script.loader import load_game
from ..script.program import compile_game

SCRIPTS_CHANGED = pygame.event.custom_type()


class ScriptWatcher:
    """Posts SCRIPTS_CHANGED whenever a .yaml file under `folder` is saved."""

    def __init__(self, folder: Path, debounce_ms: int = 150):
        self.folder = Path(folder)
        self.debounce_ms = debounce_ms
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="script-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _run(self) -> None:
        from watchfiles import watch

        def yaml_only(change, path: str) -> bool:
            return path.endswith((".yaml", ".yml"))

        first = True
        for changes in watch(self.folder, watch_filter=yaml_only, debounce=self.debounce_ms, step=30,
                             stop_event=self._stop, yield_on_timeout=True, rust_timeout=200,
                             raise_interrupt=False):
            if first:
                self.ready.set()  # the first timeout means the watch is armed
                first = False
            if changes:
                paths = sorted({Path(p).name for _, p in changes})
                pygame.event.post(pygame.event.Event(SCRIPTS_CHANGED, paths=paths))


class DevReloader:
    """Reloads the program on SCRIPTS_CHANGED and keeps the diagnostics of a broken one."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.diagnostics: list = []     # errors of the latest save, shown until fixed
        self.message = ""               # a short note after a good reload
        # each file's labels as the last reload built them: saving one file of a long story
        # builds that file again, not every file (the same keys as `vn check`'s cache)
        self.memo = FileMemo()
        self.compiled: dict = {}        # and each label's code: only the saved file's is compiled again

    def reload(self):
        """The new program, or None when the scripts have errors (kept in self.diagnostics)."""
        result = load_game(self.folder, self.memo)
        if result.game is None:
            self.diagnostics = result.errors
            self.message = ""
            return None
        self.diagnostics = []
        return compile_game(result.game, self.compiled)


class DiagnosticsOverlay:
    """A panel over the game listing file:line:col diagnostics, drawn while a save is broken."""

    def __init__(self, font_name: str | None = None):
        self.title_font = pygame.font.SysFont(font_name, 22, bold=True)
        self.font = pygame.font.SysFont("monospace", 16)

    def draw(self, surface: pygame.Surface, diagnostics: list) -> None:
        if not diagnostics:
            return
        width = surface.get_width() - 80
        lines: list[tuple[str, tuple[int, int, int]]] = []
        for d in diagnostics[:8]:
            lines.append((f"{d.pos}: {d.code}: {d.message}", (255, 214, 170)))
            if d.hint:
                lines.append((f"    hint: {d.hint}", (200, 200, 210)))
        if len(diagnostics) > 8:
            lines.append((f"... and {len(diagnostics) - 8} more", (200, 200, 210)))
        height = 64 + 22 * len(lines)
        panel = pygame.Surface((width, height), pygame.SRCALPHA)
        panel.fill((30, 8, 8, 225))
        pygame.draw.rect(panel, (220, 90, 70), panel.get_rect(), 2, border_radius=6)
        title = self.title_font.render("Script errors: still playing the last good version", True,
                                       (255, 235, 220))
        panel.blit(title, (18, 14))
        for n, (text, colour) in enumerate(lines):
            rendered = self.font.render(text, True, colour)
            panel.blit(rendered, (18, 50 + 22 * n), area=pygame.Rect(0, 0, width - 36, 22))
        surface.blit(panel, (40, 40))


def reload_game(game, program) -> list[str]:
    """Continue `game` (a GameScreen) on a reloaded program from the line on screen.

    The state taken is the one from just before the line or choice on screen, so
    that line shows again, edited if it was; rollback starts afresh, because the
    states it kept name lines of the old script."""
    from ..runtime.hotswap import carry_over
    from ..runtime.runtime import Runtime
    from .play.waits import CHOOSING, READING
    from .play.rollback import Rollback

    beat = game.rollback.current
    on_screen = beat is not None and game.waiting in (READING, CHOOSING)
    state = beat.before if on_screen else game.runtime.state
    old = game.runtime.program.manifest
    moved, notices = carry_over(game.runtime.program, program, state)
    game.runtime = Runtime(program, moved)
    _take_new_pictures(game, old, program.manifest)
    game.rollback = Rollback()
    game.choices.hide()
    game.transition.finish()
    game.pause_left = 0.0
    if game._set_stage(moved.stage):
        game._advance()
        game.dialogue.show_at_once()
    return notices + game.runtime.notices


def _looks(background) -> tuple | None:
    """What a background shows, apart from where it is written."""
    if background is None:
        return None
    return (background.kind, background.color, background.painted, background.pictures(),
            tuple(layer.motion for layer in background.layers))


def _take_new_pictures(game, old, new) -> None:
    """A reload may change what a background or a character looks like: the scene on screen is
    built again if its declaration changed, the figures are put up afresh, and pictures are
    read from disk again (a writer may have saved a new one alongside)."""
    game.app.pictures.retarget(game.app.scripts_dir)
    game.dialogue.plate_colours = {name: c.color for name, c in new.characters.items() if c.color}
    key = game.scene_key
    if key is not None and _looks(old.backgrounds.get(key[0])) != _looks(new.backgrounds.get(key[0])):
        game.scene_key = None
        game.app.scenes.keep_only(set())
    game._figures_shown = None


class DevMode:
    """What `vn play --dev` adds to the App: the watcher, reloads, and the error overlay."""

    def __init__(self, app):
        self.app = app
        self.reloader = DevReloader(app.scripts_dir)
        self.watcher = ScriptWatcher(app.scripts_dir)
        self.watcher.start()
        self._overlay: DiagnosticsOverlay | None = None

    def handles(self, event) -> bool:
        if event.type != SCRIPTS_CHANGED:
            return False
        self.reload(", ".join(event.paths))
        return True

    def reload(self, what: str = "scripts") -> None:
        from .navigation import screen_class
        program = self.reloader.reload()
        if program is None:
            return  # the overlay shows why; the last good version plays on
        app = self.app
        if app.program is None:  # the game never loaded: start it now that it does
            app.load()
            return
        app.program = program
        games = [s for s in app.screens if isinstance(s, screen_class("game"))]
        notices = reload_game(games[-1], program) if games else []
        app.toasts.show(f"Reloaded {what}")
        for notice in notices:
            app.toasts.show(notice, "warning")

    def draw(self, canvas) -> None:
        if self.reloader.diagnostics:
            if self._overlay is None:
                self._overlay = DiagnosticsOverlay()
            self._overlay.draw(canvas, self.reloader.diagnostics)

    def stop(self) -> None:
        self.watcher.stop()
