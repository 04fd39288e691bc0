"""Sound in the window, played by posted events through the real loop with the recording
back end (VN_AUDIO=record): the story's music, ambience and one-shots, captions on screen and
in the history, skip silencing one-shots, rollback and load restoring ambience, a voice
ducking the rest and stopping when the player moves on, the title stopping it all."""
from __future__ import annotations

import pygame
import pytest

from test_audio_engine import wav
from uiplayer import SCENE_SPOT, Player
from vn.save.settings import Settings
from vn.ui.audio.engine import DUCK
from vn.ui.screens import game as g
from vn.ui.screens.history import HistoryScreen

MANIFEST = """\
game:
  id: audio-window-test
  title: "Audio Test"
  start: start
characters:
  ann: {name: Ann}
backgrounds:
  bar: {painted: bar}
sounds:
  hum: {file: "audio/hum.wav"}
  buzz: {file: "audio/buzz.wav"}
  rain: {file: "audio/rain.wav", caption: "rain on the window"}
  theme: {file: "audio/theme.wav"}
  click: {file: "audio/click.wav", caption: "the gun clicks empty"}
endings:
  done: {title: Done}
"""

STORY = """\
start:
  - scene: bar
  - ambience: [hum, buzz]
  - music: theme
  - ann: "One."
  - sound: click
  - ann: "Two."
  - ambience: {play: rain, fade: 0.5}
  - ann: "Three."
  - voice: voice/four.wav
  - ann: "Four."
  - ann: "Five."
  - ending: done
"""

HUM, BUZZ, RAIN, THEME, CLICK, VOICE = ("file:audio/hum.wav", "file:audio/buzz.wav", "file:audio/rain.wav",
                                        "file:audio/theme.wav", "file:audio/click.wav", "file:voice/four.wav")


@pytest.fixture
def story(tmp_path):
    root = tmp_path / "story"
    root.mkdir()
    (root / "game.yaml").write_text(MANIFEST)
    (root / "story.yaml").write_text(STORY)
    for name in ("hum", "buzz", "rain", "theme"):
        wav(root / "audio" / f"{name}.wav", 0.5)
    wav(root / "audio" / "click.wav", 0.2)
    wav(root / "voice" / "four.wav", 1.0)
    return root


@pytest.fixture
def sound_app(story, monkeypatch):
    from vn.ui.app import App
    monkeypatch.setenv("VN_AUDIO", "record")
    settings = Settings(volume=1.0, music_volume=1.0, ambience_volume=1.0, sound_volume=1.0, voice_volume=1.0)
    app = App(story, settings=settings, paint_in_background=False)
    assert app.load()
    yield app
    app.close()


@pytest.fixture
def player(sound_app):
    player = Player(sound_app)
    player.frames(2)
    return player


def rec(app):
    return app.audio.backend


def reach(player, game, text: str) -> None:
    player.play_until(game, lambda: game.waiting == g.READING and game.dialogue.line.text == text)
    player.frames(30)


def test_the_story_plays_its_music_ambience_and_one_shots(player, sound_app):
    game = player.start_game()
    reach(player, game, "One.")
    assert set(rec(sound_app).playing("ambience")) == {HUM, BUZZ}
    assert rec(sound_app).playing("music") == {THEME: 1.0}
    reach(player, game, "Two.")
    assert rec(sound_app).plays("sound") == [CLICK]
    reach(player, game, "Three.")
    assert rec(sound_app).playing("ambience") == {RAIN: 1.0}      # the crossfade is over


def test_captions_show_over_the_scene_and_in_the_history(player, sound_app):
    sound_app.settings.sound_captions = True
    game = player.start_game()
    reach(player, game, "Two.")
    assert [c.text for c in game.sound.captions] == ["[the gun clicks empty]"]
    assert game.sound.captions[0].surface.get_rect(topleft=(26, 26)).bottom < 200    # far from the dialogue box
    canvas = sound_app.display.canvas
    before = canvas.get_at((40, 40))
    game.sound.captions.clear()
    player.frames(1)
    assert canvas.get_at((40, 40)) != before             # the caption was drawn there, top left
    reach(player, game, "Three.")
    player.key(pygame.K_l)
    history = sound_app.top
    assert isinstance(history, HistoryScreen)
    texts = [e if isinstance(e, str) else e.text for e in history.lines]
    assert texts == ["One.", "[the gun clicks empty]", "Two.", "[rain on the window]", "Three."]
    assert "<i>[the gun clicks empty]</i>" in history.text_box.html_text


def test_captions_off_shows_none_and_the_history_has_only_lines(player, sound_app):
    game = player.start_game()
    reach(player, game, "Three.")
    assert game.sound.captions == []
    player.key(pygame.K_l)
    assert [e.text for e in sound_app.top.lines] == ["One.", "Two.", "Three."]


def test_skipping_plays_no_one_shots_but_follows_the_ambience(player, sound_app):
    sound_app.settings.skip_unseen = True
    sound_app.settings.sound_captions = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_TAB)
    player.play_until(game, lambda: game.waiting == g.ENDING, frames_per_beat=1, limit=400)
    player.frames(30)
    assert rec(sound_app).plays("sound") == [] and rec(sound_app).plays("voice") == []
    assert rec(sound_app).playing("ambience") == {RAIN: 1.0}
    assert game.sound.captions == []


def test_rollback_restores_ambience_and_replays_no_one_shot(player, sound_app):
    game = player.start_game()
    reach(player, game, "Three.")
    assert rec(sound_app).playing("ambience") == {RAIN: 1.0}
    player.key(pygame.K_PAGEUP)
    player.frames(60)
    assert game.dialogue.line.text == "Two."
    assert set(rec(sound_app).playing("ambience")) == {HUM, BUZZ}
    assert rec(sound_app).plays("sound") == [CLICK]         # the click is not heard again
    player.key(pygame.K_PAGEUP)
    player.frames(60)
    assert game.dialogue.line.text == "One."
    player.key(pygame.K_PAGEDOWN)
    player.key(pygame.K_PAGEDOWN)
    player.frames(60)
    assert game.dialogue.line.text == "Three."
    assert rec(sound_app).playing("ambience") == {RAIN: 1.0}
    assert rec(sound_app).plays("sound") == [CLICK]


def test_loading_a_save_restores_the_ambience(player, sound_app):
    game = player.start_game()
    reach(player, game, "Three.")
    player.key(pygame.K_F5)
    player.key(pygame.K_PAGEUP)
    player.key(pygame.K_PAGEUP)
    player.frames(60)
    assert set(rec(sound_app).playing("ambience")) == {HUM, BUZZ}
    player.key(pygame.K_F9)
    loaded = sound_app.top
    player.play_until(loaded, lambda: loaded.waiting == g.READING and loaded.dialogue.complete)
    player.frames(60)
    assert loaded.dialogue.line.text == "Three."
    assert rec(sound_app).playing("ambience") == {RAIN: 1.0}
    assert rec(sound_app).playing("music") == {THEME: 1.0}


def test_a_voice_ducks_the_rest_and_stops_when_the_player_moves_on(player, sound_app):
    game = player.start_game()
    reach(player, game, "Four.")
    assert rec(sound_app).playing("voice") == {VOICE: 1.0}
    assert rec(sound_app).playing("ambience")[RAIN] == pytest.approx(DUCK)
    assert rec(sound_app).playing("music")[THEME] == pytest.approx(DUCK)
    player.click_at(SCENE_SPOT)
    player.frames(60)
    assert game.dialogue.line.text == "Five."
    assert rec(sound_app).playing("voice") == {}
    assert rec(sound_app).playing("ambience")[RAIN] == pytest.approx(1.0)


def test_returning_to_the_title_stops_the_story_sound(player, sound_app):
    game = player.start_game()
    reach(player, game, "Three.")
    sound_app.show_title()
    player.frames(90)
    assert rec(sound_app).playing() == {}


def test_m_mutes_anywhere_and_is_kept(player, sound_app):
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_m)
    player.frames(20)
    assert sound_app.settings.muted and "Sound off" in sound_app.toasts.texts
    assert set(rec(sound_app).playing("ambience").values()) == {0.0}
    player.key(pygame.K_m)
    player.frames(20)
    assert not sound_app.settings.muted
    assert set(rec(sound_app).playing("ambience").values()) == {1.0}


def test_the_sound_settings_are_reached_by_keys_and_kept(player, sound_app):
    from vn.ui.screens.settings import CAPTIONS, MUSIC, SettingsScreen
    player.click(sound_app.top.menu.button("settings"))
    screen = sound_app.top
    assert isinstance(screen, SettingsScreen)
    for _ in range(MUSIC + 1):
        player.key(pygame.K_DOWN)
    assert screen.focus == MUSIC
    player.key(pygame.K_LEFT)
    assert sound_app.settings.music_volume == pytest.approx(0.95)
    for _ in range(CAPTIONS - MUSIC):
        player.key(pygame.K_DOWN)
    player.key(pygame.K_RETURN)
    assert sound_app.settings.sound_captions is True
    player.click(screen.mute_toggle)
    assert sound_app.settings.muted is True
    player.key(pygame.K_ESCAPE)
    assert sound_app.persistent.settings.to_dict()["music_volume"] == pytest.approx(0.95)


def test_older_settings_load_with_sound_defaults_and_bad_values_fall_back():
    old = Settings.from_dict({"text_speed": 60, "volume": 0.3, "fullscreen": False})
    assert old.volume == pytest.approx(0.3) and old.text_speed == 60
    assert (old.music_volume, old.sound_volume, old.muted, old.sound_captions) == (0.8, 1.0, False, False)
    odd = Settings.from_dict({"music_volume": 7, "voice_volume": -1, "muted": "yes", "ambience_volume": float("nan")})
    assert (odd.music_volume, odd.voice_volume, odd.muted, odd.ambience_volume) == (1.0, 0.0, False, 0.8)
