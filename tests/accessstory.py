"""A small story for the accessibility tests in the window (self-voicing, the controller,
the help, pace), its app and player fixtures, and the helpers those tests share. Speech is
heard by the recording speaker (VN_SPEECH=record), sound by the recording audio back end."""
from __future__ import annotations

import pygame
import pytest

from test_audio_engine import wav
from uiplayer import SCENE_SPOT, Player
from vn.save.settings import Settings
from vn.ui.screens import game as g

MANIFEST = """\
game:
  id: access-window-test
  title: "Access Test"
  start: start
characters:
  ann: {name: Ann}
backgrounds:
  bar: {painted: bar}
  street: {painted: street}
sounds:
  theme: {file: "audio/theme.wav"}
  click: {file: "audio/click.wav", caption: "the gun clicks empty"}
endings:
  done: {title: Done}
"""

LONG = ("Two: a long line that goes on and on, about the rain on the window, the smoke in the room, "
        "the clock above the bar and the man who had not come back.")
STORY = f"""\
start:
  - scene: bar
  - music: theme
  - ann: "One."
  - sound: click
  - ann: "{LONG}"
  - "Three."
  - menu:
      - text: "Left."
      - text: "Right."
    prompt: {{ann: "Which way?"}}
  - ann: "After."
  - scene: {{background: street, transition: dissolve, duration: 2.0}}
  - ann: "Last."
  - ending: done
"""


@pytest.fixture
def story(tmp_path):
    root = tmp_path / "story"
    root.mkdir()
    (root / "game.yaml").write_text(MANIFEST)
    (root / "story.yaml").write_text(STORY)
    wav(root / "audio" / "theme.wav", 0.5)
    wav(root / "audio" / "click.wav", 0.2)
    return root


@pytest.fixture
def app(story, monkeypatch):
    from vn.ui.app import App
    monkeypatch.setenv("VN_AUDIO", "record")
    monkeypatch.setenv("VN_SPEECH", "record")
    app = App(story, settings=Settings(volume=1.0, music_volume=1.0, ambience_volume=1.0), paint_in_background=False)
    assert app.load()
    yield app
    app.close()


@pytest.fixture
def player(app):
    player = Player(app)
    player.frames(2)
    return player


def heard(app) -> list[str]:
    return app.speech.speaker.spoken


def reach(player, game, text: str) -> None:
    """Click on to the line `text`, typed out in full, taking the first option of any choice."""
    for _ in range(200):
        if game.waiting == g.READING and game.dialogue.line.text == text and game.dialogue.complete:
            player.frames(2)
            return
        if game.waiting == g.CHOOSING:
            player.key(pygame.K_1)
        else:
            player.click_at(SCENE_SPOT)
        player.frames(1)
    raise AssertionError(f"never reached {text!r}")


def mouse_away(player) -> None:
    """The pointer off every button, so what self-voicing reads is the keyboard's focus."""
    pos = player.app.display.to_window((2, 2))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    player.frames(1)


def pad_button(player, button: int, frames: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0, button=button))
    player.frames(frames)
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONUP, instance_id=0, button=button))
    player.frames(1)


def stick(player, axis: int, value: int, frames: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=0, axis=axis, value=value))
    player.frames(frames)
