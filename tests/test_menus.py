"""Menus: a prompt shown with the options, and options echoed as the line a speaker then says."""
from __future__ import annotations

import io

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.script.loader import load_game
from vn.textplayer import play_text

from gamefiles import write_game
from test_statements import lines, play, program_of

PROMPTED = """
    start:
      - "The road forks."
      - menu:
          - text: "Left."
          - text: "Right, {humanity}."
        prompt: {buffy: "Which way, {humanity}?"}
      - ending: good
"""


def test_prompt_comes_with_the_choices_as_a_line(tmp_path):
    events, rt = play(program_of(tmp_path, PROMPTED), [1])
    choices = next(e for e in events if isinstance(e, ev.Choices))
    assert choices.prompt == ev.Line(choices.prompt.id, "buffy", "Buffy", "Which way, 0?")
    assert [c.text for c in choices.options] == ["Left.", "Right, 0."]
    assert lines(events) == [(None, "The road forks.")]     # shown once, with the options


def test_prompt_id_is_derived_as_a_line_and_is_stable(tmp_path):
    first = next(e for e in play(program_of(tmp_path / "a", PROMPTED), [0])[0] if isinstance(e, ev.Choices))
    edited = PROMPTED.replace('"The road forks."', '"The road forks twice."')
    again = next(e for e in play(program_of(tmp_path / "b", edited), [0])[0] if isinstance(e, ev.Choices))
    assert first.prompt.id == again.prompt.id and first.prompt.id.startswith("start.")
    as_line = program_of(tmp_path / "c", 'start:\n  - buffy: "Which way, {humanity}?"\n  - ending: good\n')
    assert as_line.line_ids() == [first.prompt.id]


def test_narrated_prompt_and_prompt_with_its_own_id(tmp_path):
    story = """
        start:
          - menu:
              - text: "Go."
            prompt: "Now what?"
          - menu:
              - text: "Stay."
            prompt: {narrate: "And now?", id: and_now}
          - ending: good
    """
    events, _ = play(program_of(tmp_path, story), [0, 0])
    prompts = [e.prompt for e in events if isinstance(e, ev.Choices)]
    assert [(p.speaker, p.text) for p in prompts] == [(None, "Now what?"), (None, "And now?")]
    assert prompts[1].id == "and_now"


def test_a_restored_choice_offers_its_prompt_again(tmp_path):
    program = program_of(tmp_path, PROMPTED)
    rt = Runtime(program)
    rt.advance()
    offered = rt.advance()
    assert rt.state.last_line["text"] == "Which way, 0?"
    again = Runtime(program, rt.to_dict())
    assert again.choices_event() == offered
    rt.restore(rt.snapshot())
    assert rt.choices_event() == offered


def test_text_player_prints_the_prompt(tmp_path):
    out = io.StringIO()
    play_text(program_of(tmp_path, PROMPTED), [0], interactive=False, out=out)
    text = out.getvalue()
    assert "Buffy: Which way, 0?\n  1. Left." in text


def test_echo_says_the_option(tmp_path):
    story = """
        start:
          - menu:
              - text: "Shoot him."
                echo: xander
                do: ["He falls."]
              - text: "Walk away."
                echo: true
              - text: "Say nothing."
          - ending: good
    """
    program = program_of(tmp_path, story)
    assert lines(play(program, [0])[0]) == [("xander", "Shoot him."), (None, "He falls.")]
    assert lines(play(program, [1])[0]) == [(None, "Walk away.")]
    assert lines(play(program, [2])[0]) == []


def test_echo_on_the_menu_serves_every_option_unless_one_says_false(tmp_path):
    story = """
        start:
          - menu:
              - text: "Yes."
              - text: "No."
                echo: buffy
              - text: "..."
                echo: false
            echo: xander
          - ending: good
    """
    program = program_of(tmp_path, story)
    assert [lines(play(program, [n])[0]) for n in range(3)] == [
        [("xander", "Yes.")], [("buffy", "No.")], []]


def test_echo_id_is_the_id_the_written_line_had(tmp_path):
    written = 'start:\n  - menu:\n      - text: "Run."\n        do:\n          - xander: "Run."\n  - ending: good\n'
    echoed = 'start:\n  - menu:\n      - text: "Run."\n        echo: xander\n  - ending: good\n'
    ids = [[e.id for e in play(program_of(tmp_path / n, s), [0])[0] if isinstance(e, ev.Line)]
           for n, s in (("a", written), ("b", echoed))]
    assert ids[0] == ids[1] and len(ids[0]) == 1


def test_an_unknown_echo_speaker_is_reported_with_a_suggestion(tmp_path):
    result = load_game(write_game(tmp_path, 'start:\n  - menu:\n      - text: "Go."\n'
                                            '        echo: xandr\n  - ending: good\n'))
    [d] = [d for d in result.diagnostics if d.code == "VN006"]
    assert (d.pos.line, d.pos.column) == (4, 15) and "xander" in d.hint


# -- in the window ----------------------------------------------------------------------------
def test_window_shows_the_prompt_with_the_choices_and_history_keeps_it(tmp_path):
    import pygame

    from uiplayer import Player
    from vn.ui.app import App
    from vn.ui.screens import game as g
    from vn.ui.screens.history import HistoryScreen

    folder = write_game(tmp_path / "game", PROMPTED.replace("      - ending: good\n", """\
      - menu:
          - text: "Back."
          - text: "On."
        prompt: "Again?"
      - ending: good
"""))
    app = App(folder, paint_in_background=False)
    assert app.load()
    try:
        player = Player(app)
        player.frames(2)
        game = player.start_game()
        player.play_until(game, lambda: game.waiting == g.CHOOSING)
        assert game.dialogue.line.text == "Which way, 0?" and game.dialogue.line.speaker == "buffy"
        assert game.choices.showing and [c.text for c in game.choices.options] == ["Left.", "Right, 0."]
        player.click(game.choices.column.buttons[0])
        player.play_until(game, lambda: game.waiting == g.CHOOSING and game.dialogue.line.text == "Again?")
        player.key(pygame.K_l)
        history = app.top
        assert isinstance(history, HistoryScreen)
        assert [line.text for line in history.lines][-3:] == ["The road forks.", "Which way, 0?", "Again?"]
        player.key(pygame.K_ESCAPE)
        player.frames(2)
        player.click_at((640, 300))      # nothing to read on: the prompt waits with its options
        player.frames(2)
        assert game.waiting == g.CHOOSING and game.dialogue.line.text == "Again?"
    finally:
        app.close()


# -- counts -----------------------------------------------------------------------------------
COUNTED = """
    start:
      - "At the fork."
      - jump: fork
    fork:
      - "Turns since the fork: {turns_since('fork')}; since the start: {turns_since('start')}."
      - "Lefts so far: {picks('fork.left')}; visits here: {visits('fork')}; never: {turns_since('far')}."
      - menu:
          - text: "Left."
            name: left
            jump: fork
          - text: "Wait."
            do: ["{turns_since('fork')} turn since."]
          - text: "Stop."
            if: "picks('fork.left') >= 2"
            jump: far
      - jump: fork
    far:
      - ending: good
"""


def test_picks_visits_and_turns_since(tmp_path):
    program = program_of(tmp_path, COUNTED)
    events, rt = play(program, [0, 1, 0, 2])
    said = [text for _, text in lines(events)]
    assert said[1:3] == ["Turns since the fork: 0; since the start: 0.",
                         "Lefts so far: 0; visits here: 1; never: -1."]
    assert said[3:5] == ["Turns since the fork: 0; since the start: 1.",   # re-entered by the jump
                         "Lefts so far: 1; visits here: 2; never: -1."]
    assert said[5] == "1 turn since."
    assert said[6:8] == ["Turns since the fork: 0; since the start: 2.",
                         "Lefts so far: 1; visits here: 3; never: -1."]
    assert rt.state.picks == {"fork.left": 2} and rt.state.turns == 4
    assert rt.state.entered == {"start": 0, "fork": 3, "far": 4}


def test_counts_are_saved_restored_and_rolled_back(tmp_path):
    from vn.runtime.state import StoryState
    program = program_of(tmp_path, COUNTED)
    rt = Runtime(program)
    while not isinstance(rt.advance(), ev.Choices):
        pass
    before = rt.snapshot()
    rt.choose(0)
    saved = StoryState.from_dict(rt.to_dict())
    assert (saved.picks, saved.turns, saved.entered) == ({"fork.left": 1}, 1, {"start": 0, "fork": 0})
    rt.restore(before)
    assert (rt.state.picks, rt.state.turns) == ({}, 0)
    old = rt.to_dict()
    for key in ("picks", "turns", "entered"):
        del old[key]
    assert StoryState.from_dict(old).picks == {}


def test_route_explorer_keys_on_the_counts_it_reads(tmp_path):
    from vn.runtime.routes import explore_routes
    story = """
        start:
          - menu:
              - text: "Knock."
                name: knock
                if: "picks('start.knock') < 2"      # bounded: every count read keys a state
              - text: "Wait."
              - text: "Go in."
                if: "picks('start.knock') == 2 and turns_since('start') == 0"
                jump: inside
          - jump: start
        inside:
          - ending: good
    """
    report = explore_routes(program_of(tmp_path, story))
    assert not report.truncated and not report.failures
    # after no knock, one and two the same menu offers different options: three states, one way in
    assert report.endings["good"] == 1 and report.states == 3
    assert report.loops        # waiting comes back to the same counts: a loop, found, not explored forever


def test_two_options_of_a_label_with_one_name_are_refused(tmp_path):
    result = load_game(write_game(tmp_path, 'start:\n  - menu:\n      - text: "A."\n        name: turn\n'
                                            '  - menu:\n      - text: "B."\n        name: turn\n  - ending: good\n'))
    [d] = [d for d in result.diagnostics if d.code == "VN016"]
    assert (d.pos.line, d.pos.column) == (7, 15)


def test_counters_take_one_name_in_quotes_and_turns_since_needs_a_label(tmp_path):
    result = load_game(write_game(tmp_path, 'start:\n  - "{turns_since(\'strat\')} {picks(start)}"\n'
                                            '  - ending: good\n'))
    found = {(d.code, d.pos.column): d for d in result.diagnostics}
    assert set(found) == {("VN014", 30)}          # the syntax error stops the line before the checker
    assert "write picks('start')" in found[("VN014", 30)].hint
    result = load_game(write_game(tmp_path, 'start:\n  - "{turns_since(\'strat\')}"\n  - ending: good\n'))
    [d] = result.diagnostics
    assert d.code == "VN005" and "did you mean 'start'" in d.hint and "turns_since()" not in d.hint
