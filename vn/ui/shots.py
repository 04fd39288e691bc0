"""`vn shots OUTDIR`: screenshots of every screen, rendered headless by the real app.

The app runs on SDL's dummy video driver and is driven the way a player
drives it, with posted key presses and the real frame loop: the title, the
settings, the content note, each scene and stage (a line in the box), a
choice menu, the in-game menu, each ending's last frame reached along a real
route (the scenes' clocks run on at a reader's pace, so the cemetery's dawn is
as far along as a player would see it), and the error screen for a script that fails to load and for one that
fails while playing.

Along the first route it also saves into a few slots and opens the history;
after that first ending it shoots the title with Continue enabled and the
endings count, the endings screen, and the save and load screens with those
saves (one of them damaged on purpose, to show a refused card). Saves and
persistent data go to a temporary folder, never the player's own.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import deque
from pathlib import Path
from typing import Callable

FRAME = 1 / 60
# a reader's pace: the scenes' clocks run on by this while a line is read (the dawn
# in the cemetery takes a minute), though the shooter moves on at once
READ_CHARS_PER_SECOND = 18.0
READ_MIN_SECONDS = 1.5

BROKEN_MANIFEST = """\
game:
  id: broken
  title: "A Short Night"
  start: opening
characters:
  ann: {name: Ann, shown: plate}
backgrounds:
  bar: {title: "The Bar"}
variables:
  zero: 0
  ratio: 1.0
endings:
  done: {title: "Done"}
"""
# two load errors: a speaker nobody declared and a jump to a missing label
BROKEN_AT_LOAD = """\
opening:
  - scene: bar
  - ann: "Pour me one more."
  - bob: "Who let me in?"
  - jump: closing_time
"""
# loads cleanly, then divides by zero on the third statement
BROKEN_AT_RUN = """\
opening:
  - scene: bar
  - ann: "Pour me one more."
  - set: {ratio: "1 / zero"}
  - ending: done
"""


def write_shots(scripts_dir, outdir, log: Callable[[str], None] = print) -> list[Path]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from ..save.datadir import ENV
    from .app import App
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vn-shots-data-") as data:
        kept = os.environ.get(ENV)
        os.environ[ENV] = data
        app = App(scripts_dir, paint_in_background=False)
        try:
            shooter = _Shooter(app, out, log)
            if app.load():
                shooter.menus()
                shooter.routes()
            else:
                shooter.save("error-load")
            shooter.broken_games()
            return shooter.written
        finally:
            app.close()
            if kept is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = kept


class _Shooter:
    def __init__(self, app, out: Path, log):
        self.app, self.out, self.log = app, out, log
        self.written: list[Path] = []

    # -- driving the app like a player --------------------------------------------------
    def key(self, key, mod=0) -> None:
        import pygame
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=key, mod=mod, unicode="", scancode=0))
        self.app.step(FRAME)

    def frames(self, count: int) -> None:
        self.app.run_frames(count, FRAME)

    def read(self, screen) -> None:
        """Let the scene live through the time a player takes to read the line on
        screen (its clock and animations only: nothing is drawn meanwhile)."""
        if screen.scene is None or screen.dialogue.line is None:
            return
        seconds = max(READ_MIN_SECONDS, len(screen.dialogue.line.text) / READ_CHARS_PER_SECOND)
        for _ in range(int(seconds / 0.1)):
            screen.scene.update(0.1)

    def save(self, name: str) -> None:
        import pygame
        path = self.out / f"{name}.png"
        pygame.image.save(self.app.display.canvas, str(path))
        self.written.append(path)
        self.log(f"wrote {path}")

    # -- screens ----------------------------------------------------------------------------
    def menus(self) -> None:
        import pygame
        from .screens.title import TitleScreen
        title = self.app.top
        assert isinstance(title, TitleScreen)
        self.frames(2)
        self.frames(150)                       # the painted scene fades in
        self.save("title")
        self.app.nav.push("settings")
        self.key(pygame.K_DOWN)                # the text speed row, highlighted
        self.frames(40)                        # the preview line half typed
        self.save("settings")
        self.key(pygame.K_ESCAPE)
        self.key(pygame.K_F1)                  # the help, printed from the key map
        self.frames(5)
        self.save("help")
        self.key(pygame.K_ESCAPE)
        self.key(pygame.K_DOWN)                # focus "New game"
        self.key(pygame.K_RETURN)
        self.frames(20)
        self.save("content-note")
        self.key(pygame.K_ESCAPE)
        self.frames(5)

    def routes(self) -> None:
        """Play to every ending along the explorer's example routes, then along routes to any
        scene those did not pass through, shooting each new scene and stage on the way."""
        from ..runtime.routes import explore_routes
        program = self.app.program
        examples = explore_routes(program).examples
        self.seen: set = set()
        self.shot_game_menu = self.shot_choice_menu = self.shot_speaker = False
        self.slots_saved = 0
        self.shot_history = self.shot_save_screen = False
        first = True
        for ending in program.manifest.endings:
            if ending in examples:
                self.play(examples[ending], shoot_ending=ending, keepsakes=first)
                if first:
                    self.after_first_ending()
                    first = False
        for background, declared in program.manifest.backgrounds.items():
            for variant in (None, *declared.variants):
                if not any(key[:2] == (background, variant) for key in self.seen):
                    route = route_to_scene(program, (background, variant))
                    if route is not None:
                        self.play(route, stop_at=(background, variant))

    def start_game(self):
        import pygame
        from .navigation import screen_class
        self.app.show_title()
        self.frames(2)
        self.key(pygame.K_DOWN)
        self.key(pygame.K_RETURN)
        if not isinstance(self.app.top, screen_class("game")):
            self.key(pygame.K_RETURN)           # confirm the content note
        return self.app.top

    def keepsakes(self, screen) -> None:
        """Along the first route: a save at each new stage, the history once it is long
        enough to scroll, and the save screen once there are saves to show."""
        import pygame
        if len(screen.rollback.lines()) >= 30 and screen.dialogue.line.speaker and not self.shot_history:
            self.shot_history = True
            self.key(pygame.K_l)
            self.frames(20)
            self.save("history")
            self.key(pygame.K_ESCAPE)
        if self.slots_saved >= 3 and not self.shot_save_screen:
            self.shot_save_screen = True
            self.key(pygame.K_ESCAPE)
            for _ in range(2):
                self.key(pygame.K_DOWN)         # the menu's second entry: Save
            self.key(pygame.K_RETURN)
            for key in (pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_DOWN):
                self.key(key)                   # the keyboard's focus on the first empty slot
            self.frames(20)
            self.save("save-screen")
            self.key(pygame.K_ESCAPE)
            self.key(pygame.K_ESCAPE)

    def after_first_ending(self) -> None:
        import pygame
        self.frames(150)                       # back at the title, its scene faded in
        self.save("title-continue")
        self.app.nav.push("endings")
        self.frames(30)
        self.save("endings")
        self.key(pygame.K_ESCAPE)
        damaged = self.app.saves.path("4")
        game_id = json.dumps(self.app.program.manifest.game_id)
        damaged.write_text('{"format": "vn-save", "version": 1, "game": ' + game_id, encoding="utf-8")
        self.app.nav.push("saves", "load")
        self.app.top.show_page(1)
        self.frames(20)
        self.save("load-screen")
        self.key(pygame.K_ESCAPE)
        damaged.unlink()

    def play(self, route: list[str], shoot_ending: str | None = None, stop_at=None, keepsakes=False) -> None:
        import pygame
        from .play import waits as g
        screen = self.start_game()
        route = list(route)
        for _ in range(20000):
            if self.app.top is not screen:
                return
            if screen.waiting == g.TRANSITION:
                self.frames(1)                  # let transitions play out: the scene settles in
            elif screen.waiting == g.READING:
                if not screen.dialogue.complete or not screen.dialogue.fully_visible:
                    self.key(pygame.K_SPACE) if not screen.dialogue.complete else self.frames(1)
                    continue
                stage = (*(screen.scene_key or ("plain", None)),
                         tuple(sorted(screen.runtime.state.stage["figures"])))
                if screen.dialogue.line.speaker and not self.shot_speaker:
                    self.shot_speaker = True
                    self.frames(30)
                    self.save("dialogue-speaker")
                if keepsakes:
                    self.keepsakes(screen)
                if stage not in self.seen:
                    self.seen.add(stage)
                    self.frames(45)
                    self.save("scene-" + "-".join(p for p in (stage[0], stage[1], *stage[2]) if p))
                    if keepsakes and self.slots_saved < 3:
                        from .play.saving import write_save
                        self.slots_saved += 1
                        write_save(screen, str(self.slots_saved))
                    if not self.shot_game_menu:
                        self.shot_game_menu = True
                        self.key(pygame.K_ESCAPE)
                        self.key(pygame.K_DOWN)
                        self.frames(12)
                        self.save("game-menu")
                        self.key(pygame.K_ESCAPE)
                    if stop_at is not None and stage[:2] == stop_at:
                        return
                self.read(screen)
                self.key(pygame.K_SPACE)
            elif screen.waiting == g.CHOOSING:
                wanted = route.pop(0)
                index = next(n for n, c in enumerate(screen.choices.options) if c.id == wanted)
                if not self.shot_choice_menu:
                    self.shot_choice_menu = True
                    self.key(pygame.K_DOWN)     # show the keyboard focus on the first option
                    self.frames(12)
                    self.save("choice-menu")
                self.key(pygame.K_1 + index)
            elif screen.waiting == g.ENDING:
                if not screen.ending_card.complete:
                    self.frames(10)
                    continue
                if shoot_ending:
                    self.frames(30)
                    self.save(f"ending-{shoot_ending}")
                    shoot_ending = None
                self.key(pygame.K_SPACE)
            else:
                self.key(pygame.K_SPACE)        # a pause: click through

    def broken_games(self) -> None:
        import pygame
        with tempfile.TemporaryDirectory(prefix="vn-shots-") as tmp:
            for name, story in (("error-load", BROKEN_AT_LOAD), ("error-runtime", BROKEN_AT_RUN)):
                folder = Path(tmp) / name
                folder.mkdir()
                (folder / "game.yaml").write_text(BROKEN_MANIFEST, encoding="utf-8")
                (folder / "story.yaml").write_text(story, encoding="utf-8")
                self.app.scripts_dir = folder
                if self.app.load():
                    self.start_game()
                    for _ in range(400):
                        if type(self.app.top).__name__ == "ErrorScreen":
                            break
                        self.key(pygame.K_SPACE)
                self.frames(10)
                self.save(name)


def route_to_scene(program, key) -> list[str] | None:
    """Option ids of a shortest route on which the story shows scene `key` (breadth first)."""
    from ..runtime import events as ev
    from ..runtime.runtime import Runtime, StoryError
    start = Runtime(program)
    pending = deque([(start.snapshot(), [])])
    for _ in range(5000):
        if not pending:
            return None
        state, path = pending.popleft()
        rt = Runtime(program, state)
        try:
            while True:
                event = rt.advance()
                if isinstance(event, ev.SceneChange) and (event.background, event.variant) == tuple(key):
                    return path
                if isinstance(event, ev.End):
                    break
                if isinstance(event, ev.Choices):
                    base = rt.snapshot()
                    for choice in event.options:
                        branch = Runtime(program, base)
                        branch.choose(choice.index)
                        pending.append((branch.snapshot(), path + [choice.id]))
                    break
        except StoryError:
            continue
    return None
