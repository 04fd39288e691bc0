"""Self-voicing, the controller, the help screen and pace, in the window, driven by posted
events through the real loop: speech is heard by the recording speaker (VN_SPEECH=record),
sound by the recording audio back end (VN_AUDIO=record)."""
from __future__ import annotations

import pygame
import pytest

from test_audio_engine import wav
from uiplayer import SCENE_SPOT, Player
from vn.save.settings import Settings
from vn.ui.audio.engine import DUCK
from vn.ui.input import keymap
from vn.ui.play.skip_auto import auto_wait
from vn.ui.screens import game as g
from vn.ui.screens.game_menu import GameMenuScreen
from vn.ui.screens.help import HelpScreen
from vn.ui.screens.settings import SELF_VOICING, SKIP_AFTER_CHOICES, SPEED, SettingsScreen
from vn.ui.speech import SpeechChoice

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


# -- self-voicing ------------------------------------------------------------------------------
def test_shift_v_turns_self_voicing_on_and_lines_are_read_name_first(player, app):
    game = player.start_game()
    reach(player, game, "One.")
    assert heard(app) == []                                   # off by default
    player.key(pygame.K_v, pygame.KMOD_LSHIFT)
    assert app.settings.self_voicing
    assert heard(app)[-1] == "Self-voicing on. Ann: One."
    player.click_at(SCENE_SPOT)
    player.frames(2)
    assert app.speech.speaker.stops >= 1                      # moving on stops what was being read
    assert heard(app)[-1] == f"the gun clicks empty. Ann: {LONG}"   # the caption, then the line
    player.click_at(SCENE_SPOT)                               # finishes the typing: not a move on
    player.click_at(SCENE_SPOT)
    player.frames(2)
    assert heard(app)[-1] == "Three."                         # narration: the text alone
    player.key(pygame.K_v, pygame.KMOD_LSHIFT)
    assert not app.settings.self_voicing and not app.speech.speaker.speaking()
    count = len(heard(app))
    player.click_at(SCENE_SPOT)
    player.frames(3)
    assert len(heard(app)) == count


def test_choices_are_read_with_the_question_then_the_highlighted_option(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    player.frames(2)
    assert heard(app)[-1] == "Ann: Which way?. Choose: 1: Left.; 2: Right."
    player.key(pygame.K_DOWN)
    player.frames(1)
    assert heard(app)[-1] == "Left., option 1 of 2"
    player.key(pygame.K_DOWN)
    player.frames(1)
    assert heard(app)[-1] == "Right., option 2 of 2"


def test_menus_say_their_title_and_the_focused_button_and_settings_the_slider_value(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    reach(player, game, "One.")
    mouse_away(player)
    player.key(pygame.K_ESCAPE)
    assert isinstance(app.top, GameMenuScreen)
    assert heard(app)[-1] == "Paused: Access Test"
    player.key(pygame.K_DOWN)
    assert heard(app)[-1] == "Resume, button"
    for _ in range(4):
        player.key(pygame.K_DOWN)
    assert heard(app)[-1] == "Settings, button"
    player.key(pygame.K_RETURN)
    assert isinstance(app.top, SettingsScreen)
    assert heard(app)[-1] == "Settings"
    player.key(pygame.K_DOWN)
    assert app.top.focus == SPEED
    assert heard(app)[-1] == "Text speed, 45 / s, slider"
    player.key(pygame.K_RIGHT)
    assert heard(app)[-1] == "Text speed, 50 / s, slider"
    player.key(pygame.K_ESCAPE)
    player.key(pygame.K_ESCAPE)
    assert app.top is game
    assert heard(app)[-1] == "Ann: One."                      # back in the story: the line again


def test_music_ducks_while_self_voicing_speaks(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    reach(player, game, "One.")
    player.frames(30)
    theme = "file:audio/theme.wav"
    assert app.speech.speaker.speaking()
    assert app.audio.backend.playing("music")[theme] == pytest.approx(DUCK)
    app.speech.speaker.finish()                               # the utterance ends
    player.frames(60)
    assert app.audio.backend.playing("music")[theme] == pytest.approx(1.0)


def test_without_speech_the_setting_is_unavailable_with_the_reason(player, app):
    app.speech.choice = SpeechChoice(None, "no speech program (speech-dispatcher or espeak-ng)")
    player.key(pygame.K_v, pygame.KMOD_LSHIFT)
    assert not app.settings.self_voicing
    assert "Self-voicing is unavailable: no speech program (speech-dispatcher or espeak-ng)." in app.toasts.texts
    player.click(app.top.menu.button("settings"))
    screen = app.top
    assert not screen.voicing_toggle.is_enabled
    hints = [e.text for e in screen._elements if getattr(e, "text", "").startswith("Unavailable")]
    assert hints == ["Unavailable: no speech program (speech-dispatcher or espeak-ng)."]
    for _ in range(SELF_VOICING + 1):
        player.key(pygame.K_DOWN)
    player.key(pygame.K_RETURN)
    assert not app.settings.self_voicing


# -- the controller ------------------------------------------------------------------------------
def test_a_controller_plays_the_story_in_renpys_layout(player, app):
    game = player.start_game()
    reach(player, game, "One.")
    pad_button(player, pygame.CONTROLLER_BUTTON_A)            # A: finish typing, then the next line
    pad_button(player, pygame.CONTROLLER_BUTTON_A)
    player.frames(2)
    assert game.dialogue.line.text == LONG
    pad_button(player, pygame.CONTROLLER_BUTTON_LEFTSHOULDER)     # rolls back
    assert game.dialogue.line.text == "One."
    pad_button(player, pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)    # and forward
    assert game.dialogue.line.text == LONG
    pad_button(player, pygame.CONTROLLER_BUTTON_Y)            # hides the interface
    assert game.ui_hidden
    pad_button(player, pygame.CONTROLLER_BUTTON_A)            # any button brings it back
    assert not game.ui_hidden and game.dialogue.line.text == LONG
    pad_button(player, pygame.CONTROLLER_BUTTON_START)        # the menu
    menu = app.top
    assert isinstance(menu, GameMenuScreen)
    pad_button(player, pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    pad_button(player, pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    assert menu.menu.focus == 1
    stick(player, pygame.CONTROLLER_AXIS_LEFTY, 32000)        # the left stick moves the focus too
    stick(player, pygame.CONTROLLER_AXIS_LEFTY, 0)
    assert menu.menu.focus == 2
    pad_button(player, pygame.CONTROLLER_BUTTON_B)            # B goes back
    assert app.top is game


def test_a_held_direction_repeats_after_a_delay(player, app):
    player.click(app.top.menu.button("settings"))
    screen = app.top
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0,
                                         button=pygame.CONTROLLER_BUTTON_DPAD_DOWN))
    player.frames(12)                                         # 0.2 s: under the repeat delay
    assert screen.focus == SPEED
    player.frames(36)                                         # 0.6 s more: repeating every 0.1 s
    assert screen.focus >= SPEED + 4
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONUP, instance_id=0,
                                         button=pygame.CONTROLLER_BUTTON_DPAD_DOWN))
    player.frames(1)
    held_at = screen.focus
    player.frames(30)
    assert screen.focus == held_at                            # let go: no more
    for _ in range(held_at - SPEED):
        pad_button(player, pygame.CONTROLLER_BUTTON_DPAD_UP)
    assert screen.focus == SPEED
    speed = app.settings.text_speed
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 30000)        # a stick pushed right moves the slider, repeating
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 31000, frames=40)
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 12000)        # easing off a little still holds it
    assert app.settings.text_speed >= speed + 3 * 5
    stick(player, pygame.CONTROLLER_AXIS_LEFTX, 4000)         # near the centre: let go
    after = app.settings.text_speed
    player.frames(30)
    assert app.settings.text_speed == after


def test_controllers_plugged_in_and_out_are_opened_and_closed(player, app, monkeypatch):
    class Pad:
        name = "Test Pad"
        closed = False

        def as_joystick(self):
            return type("Joystick", (), {"get_instance_id": lambda self: 7})()

        def quit(self):
            Pad.closed = True

    assert app.controllers._module is not None                # SDL's controllers, opened after the first frame
    module = type("Controllers", (), {"Controller": lambda self, index: Pad()})()
    monkeypatch.setattr(app.controllers, "_module", module)
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=0))
    player.frames(1)
    assert 7 in app.controllers.pads
    assert "Controller connected: Test Pad" in app.toasts.texts
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=7))
    player.frames(1)
    assert app.controllers.pads == {} and Pad.closed
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=99))   # never opened
    player.frames(1)
    assert app.running


# -- the help screen ------------------------------------------------------------------------------
def test_f1_opens_the_help_anywhere_and_it_lists_the_key_map(player, app):
    player.key(pygame.K_F1)
    help_screen = app.top
    assert isinstance(help_screen, HelpScreen)
    said = [item.words for item in help_screen.items]
    for binding in keymap.BINDINGS:                           # every binding, with its keys and buttons
        row = next(words for words in said if words.startswith(binding.does))
        assert keymap.keys_text(binding) in row and keymap.pad_text(binding) in row
    player.key(pygame.K_F1)
    assert not isinstance(app.top, HelpScreen)
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_F1)
    assert isinstance(app.top, HelpScreen)
    player.key(pygame.K_ESCAPE)
    assert app.top is game and game.dialogue.line.text == "One."


def test_help_is_in_the_menus_and_its_rows_are_read_by_keys(player, app):
    player.click(app.top.menu.button("help"))
    help_screen = app.top
    assert isinstance(help_screen, HelpScreen)
    app.settings.self_voicing = True
    player.frames(1)
    assert heard(app)[-1].startswith("Help: keys, mouse and controller")
    for _ in range(2):
        player.key(pygame.K_DOWN)
    assert heard(app)[-1] == "Finish the line, then the next page or line, Keyboard: Enter, Space, keypad Enter, " \
                             "Mouse: Left click, Controller: A, right trigger"
    for _ in range(len(help_screen.items)):
        player.key(pygame.K_DOWN)
    assert help_screen.offset == help_screen.most_offset > 0      # the last row scrolled into view
    player.click(help_screen.back_button)
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_ESCAPE)
    player.click(app.top.menu.button("help"))
    assert isinstance(app.top, HelpScreen)


def test_the_play_keys_do_what_the_help_says(player, app):
    app.settings.skip_unseen = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(keymap.key_for("auto"))
    assert game.modes.auto
    player.key(keymap.key_for("auto"))
    assert not game.modes.auto
    player.key(keymap.key_for("skip"))
    player.frames(5)
    assert game.waiting == g.CHOOSING                         # skipped to the choice, and stopped there
    player.key(keymap.key_for("hide"))
    assert game.ui_hidden
    player.key(pygame.K_SPACE)
    player.key(keymap.key_for("roll_back"))
    assert game.waiting == g.READING and game.dialogue.line.text == "Three."
    player.key(keymap.key_for("history"))
    assert type(app.top).__name__ == "HistoryScreen"


# -- pace ---------------------------------------------------------------------------------------
def test_auto_forward_waits_longer_for_a_longer_line():
    assert auto_wait(1.5, 0) == pytest.approx(1.5)
    assert auto_wait(1.5, 100) == pytest.approx(7.5)          # Ren'Py's defaults
    assert auto_wait(3.0, 100) == pytest.approx(2 * auto_wait(1.5, 100))


def frames_until_the_line_changes(player, game, limit=2000) -> int:
    line = game.dialogue.line
    for n in range(limit):
        player.frames(1)
        if game.dialogue.line is not line:
            return n
    raise AssertionError("auto-forward never moved on")


def test_auto_mode_waits_by_length_and_for_self_voicing(player, app):
    app.settings.auto_delay = 0.5
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_a)
    short = frames_until_the_line_changes(player, game)
    long = frames_until_the_line_changes(player, game)
    typing = len(LONG) / app.settings.text_speed * 60
    assert short < 60 < long - typing
    assert long - typing == pytest.approx(auto_wait(0.5, len(LONG)) * 60, abs=30)
    app.settings.self_voicing = True
    player.frames(round(auto_wait(0.5, 10) * 60) + 30)         # "Three." is still being read aloud
    assert game.dialogue.line.text == "Three."
    app.speech.speaker.finish()
    player.frames(round(auto_wait(0.5, 10) * 60) + 10)
    assert game.dialogue.line.text != "Three."


def test_skipping_stops_at_a_choice_and_goes_on_after_it_with_the_setting(player, app):
    app.settings.skip_unseen = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_TAB)
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    assert not game.modes.skipping
    player.key(pygame.K_1)
    player.frames(3)
    assert not game.modes.skipping                            # the setting off: skipping has stopped


def test_keep_skipping_after_choices(player, app):
    app.settings.skip_unseen = app.settings.skip_after_choices = True
    game = player.start_game()
    reach(player, game, "One.")
    player.key(pygame.K_TAB)
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    assert not game.modes.skipping                            # the choice is the player's
    player.key(pygame.K_1)
    assert game.modes.skipping
    player.frames(10)
    assert game.waiting == g.ENDING


def test_skip_transitions_cuts_scene_transitions(player, app):
    game = player.start_game()
    reach(player, game, "After.")
    player.click_at(SCENE_SPOT)
    assert game.waiting == g.TRANSITION                       # the two-second dissolve
    player.key(pygame.K_PAGEUP)
    assert game.dialogue.line.text == "After."
    app.settings.skip_transitions = True
    player.click_at(SCENE_SPOT)
    assert game.waiting == g.READING and game.dialogue.line.text == "Last."
    assert game.scene_key == ("street", None)


def test_the_option_under_the_mouse_is_read_too(player, app):
    app.settings.self_voicing = True
    game = player.start_game()
    player.play_until(game, lambda: game.waiting == g.CHOOSING)
    player.frames(2)
    button = game.choices.column.buttons[1]
    pos = app.display.to_window(button.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    player.frames(2)
    assert heard(app)[-1] == "Right., option 2 of 2"


def test_the_new_settings_are_reached_by_keys_and_kept(player, app):
    import json
    player.click(app.top.menu.button("settings"))
    screen = app.top
    for _ in range(SKIP_AFTER_CHOICES + 1):
        player.key(pygame.K_DOWN)
    player.key(pygame.K_RETURN)
    player.click(screen.skip_transitions_toggle)
    player.click(screen.voicing_toggle)
    assert app.settings.self_voicing and heard(app)[-1].startswith("Self-voicing on")
    player.click(screen.back_button)
    stored = json.loads(app.persistent.path.read_text())["settings"]
    assert stored["skip_after_choices"] is stored["skip_transitions"] is stored["self_voicing"] is True
