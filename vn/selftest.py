"""`--selftest`: play one route through the real window, headless, and report.

It proves a build is whole, whichever story it carries: pygame and pygame-gui
load, the theme, fonts, scripts and painted scenes are found, every picture the
story names decodes (so the bundle has its files and pygame its PNG and JPEG
support), and the story runs from the title to an ending by posted clicks, as a
player would, on the first route the explorer finds. Saves go to a temporary folder.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time


def run(scripts_dir=None) -> int:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vn-selftest-") as data:
        os.environ["VN_DATA_DIR"] = data
        try:
            story = scripts_dir or _default_story()
            pictures = _decode_pictures(story)
            ending = _play(story)
        except Exception as exc:  # the report is the point: say what broke, exit non-zero
            print(f"selftest FAILED: {type(exc).__name__}: {exc}", flush=True)
            return 1
    print(f"selftest ok: reached '{ending}' in {time.perf_counter() - started:.1f} s "
          f"({pictures} picture{'s' * (pictures != 1)} decoded)", flush=True)
    return 0


def _default_story():
    from .paths import default_scripts_dir
    return default_scripts_dir()


def _decode_pictures(story) -> int:
    """Decode every picture the story's manifest names; the count, or an error naming the file."""
    from pathlib import Path

    import pygame

    from .script.loader import load_game

    result = load_game(story)
    if result.game is None or result.errors:
        raise RuntimeError(f"the story does not load: {result.errors[0].format() if result.errors else ''}")
    manifest = result.game.manifest
    names = {name for background in manifest.backgrounds.values() for name in background.pictures()}
    names |= {name for character in manifest.characters.values() for name in character.images.values()}
    for name in sorted(names):
        try:
            pygame.image.load(str(Path(story) / name))
        except (pygame.error, OSError) as exc:
            raise RuntimeError(f"picture {name!r} does not decode: {exc}") from exc
    return len(names)


def _play(story) -> str:
    import pygame

    from .runtime.routes import explore_routes
    from .ui.screens import game as game_screen
    from .ui.app import App

    app = App(story, paint_in_background=False)
    try:
        if not app.load():
            raise RuntimeError(f"the scripts did not load (screen: {type(app.top).__name__})")
        ending, route = next(iter(explore_routes(app.program).examples.items()))
        route = list(route)
        dt = 1 / 60

        def click(pos):
            window = app.display.to_window(pos)
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=window, rel=(0, 0), buttons=(0, 0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=window, button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=window, button=1))
            app.run_frames(2, dt)

        app.run_frames(2, dt)
        click(app.top.menu.button("new").rect.center)
        if not isinstance(app.top, game_screen.GameScreen):  # the content note comes first
            click(app.top.buttons.button("continue").rect.center)
        game = app.top
        if not isinstance(game, game_screen.GameScreen):
            raise RuntimeError(f"New game opened {type(game).__name__}, not the game")
        for _ in range(20_000):
            if game.ending is not None:
                if game.ending.id != ending:
                    raise RuntimeError(f"expected ending '{ending}', reached '{game.ending.id}'")
                return ending
            if app.top is not game:
                raise RuntimeError(f"play left the game for {type(app.top).__name__}")
            if game.waiting == game_screen.CHOOSING:
                wanted = route.pop(0)
                index = next(n for n, c in enumerate(game.choices.options) if c.id == wanted)
                click(game.choices.column.buttons[index].rect.center)
            else:
                click((640, 300))
        raise RuntimeError("the route did not reach its ending")
    finally:
        app.close()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
