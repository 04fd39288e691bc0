"""Styled text in a story: what `vn check` says about its tags (VN045-VN049, VN115), and what
the runtime, saves and the text player make of it."""
from __future__ import annotations

import io
import json

from gamefiles import MANIFEST, write_game
from vn.cli import check_folder
from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.runtime.state import StoryState
from vn.save.slots import SaveStore
from vn.script.loader import load_game
from vn.script.program import compile_game
from vn.textplayer import play_text


def diagnostics(tmp_path, story, manifest=MANIFEST):
    return [(d.code, d.pos.line, d.pos.column, d.severity)
            for d in check_folder(str(write_game(tmp_path, story, manifest)), explore=False).diagnostics]


def program(tmp_path, story):
    result = load_game(write_game(tmp_path, story))
    assert result.game is not None, [d.format() for d in result.diagnostics]
    return compile_game(result.game)


def test_html_like_tags_warn_and_the_story_still_loads(tmp_path):
    story = 'start:\n  - "I <i>knew</i> it."\n  - ending: good\n'
    assert [d for d in diagnostics(tmp_path, story) if d[0] == "VN115"] == [("VN115", 2, 8, "warning"),
                                                                          ("VN115", 2, 15, "warning")]
    assert not [d for d in diagnostics(tmp_path, story) if d[3] == "error"]
    assert load_game(tmp_path).game is not None


def test_a_bare_brace_tag_is_named_unless_a_variable_has_that_name(tmp_path):
    story = 'start:\n  - "Wait{w} for it."\n  - ending: good\n'
    found = check_folder(str(write_game(tmp_path / "a", story)), explore=False).diagnostics
    assert [(d.code, d.pos.line, d.pos.column) for d in found] == [("VN049", 2, 10)]
    assert "[w]" in found[0].hint
    declared = MANIFEST.replace("  humanity: 0\n", "  humanity: 0\n  w: \"!\"\n")
    story = 'start:\n  - "Wait{w} for it."\n  - ending: good\n'
    assert not [d for d in diagnostics(tmp_path / "b", story, declared) if d[3] == "error"]


def test_columns_point_at_the_tag_in_block_and_option_text(tmp_path):
    story = ('start:\n  - menu:\n      - text: "Go [b]on"\n        jump: done\n    prompt: {xander: "[i]Which?"}\n'
             '  - |\n    First row,\n    then [colour=red]red[/colour].\ndone:\n  - ending: good\n')
    found = {(code, line, column) for code, line, column, _ in diagnostics(tmp_path, story)}
    assert ("VN046", 3, 19) in found        # [b] never closed, in the option
    assert ("VN046", 5, 23) in found        # [i] never closed, in the prompt
    assert ("VN045", 8, 10) in found        # [colour=red], in the block scalar's second row


def test_the_page_length_check_measures_the_words_not_the_tags(tmp_path):
    words = "Rain on the glass. " * 20
    tags = "[b][/b][i][/i]" * 60
    story = f'start:\n  - "{words.strip()}{tags}"\n  - ending: good\n'
    assert not [d for d in diagnostics(tmp_path, story) if d[0] == "VN108"]


STORY = """start:
  - xander: "The [color=gold]{mood}[/color] door.[w] Open it."
  - menu:
      - text: "[b]Open[/b] it"
        jump: done
    prompt: "[i]Well?[/i]"
done:
  - ending: good
"""


def test_the_runtime_hands_out_plain_text_and_markup(tmp_path):
    rt = Runtime(program(tmp_path, STORY.replace("door.", "door [[{mood}].")))
    rt.state.variables["mood"] = "[b]grim"
    line = rt.advance()
    assert isinstance(line, ev.Line)
    assert line.text == "The [b]grim door [[b]grim]. Open it."
    assert line.markup == "The [color=gold][[b]grim[/color] door [[[[b]grim].[w] Open it."
    assert rt.state.last_line["markup"] == line.markup and rt.state.last_line["text"] == line.text
    choices = rt.advance()
    assert choices.prompt.text == "Well?" and choices.prompt.markup == "[i]Well?[/i]"
    assert [(c.text, c.markup) for c in choices.options] == [("Open it", "[b]Open[/b] it")]
    assert rt.state.last_line["markup"] == "[i]Well?[/i]"
    rt.choose(0)
    assert rt.state.route[-1]["text"] == "Open it"      # routes keep plain text


def test_a_plain_line_has_no_markup(tmp_path):
    rt = Runtime(program(tmp_path, 'start:\n  - "Plain {mood}."\n  - ending: good\n'))
    line = rt.advance()
    assert line.markup is None and "markup" not in rt.state.last_line


def test_a_saved_markup_that_is_not_text_is_dropped(tmp_path):
    rt = Runtime(program(tmp_path, STORY))
    rt.advance()
    data = rt.to_dict()
    data["last_line"]["markup"] = {"evil": True}
    state = StoryState.from_dict(json.loads(json.dumps(data)))
    assert "markup" not in state.last_line and state.last_line["text"]


def test_a_save_keeps_the_markup_of_its_last_line(tmp_path):
    rt = Runtime(program(tmp_path / "game", STORY))
    line = rt.advance()
    store = SaveStore(tmp_path / "saves", "test-game", "fp")
    store.write("1", rt.state)
    info = store.info("1")
    assert info.last_line == line.text and info.last_markup == line.markup
    doc = json.loads((tmp_path / "saves" / "1.json").read_text())
    doc["last_markup"] = ["not", "text"]
    (tmp_path / "saves" / "1.json").write_text(json.dumps(doc))
    assert store.info("1").ok and store.info("1").last_markup == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_text_player_styles_a_terminal_and_nothing_else(tmp_path):
    game = program(tmp_path, STORY)
    shown = FakeTerminal()
    play_text(game, [1], interactive=False, out=shown)
    assert "\x1b[38;2;224;192;128m" in shown.getvalue()     # gold
    assert "\x1b[1mOpen\x1b[0m it" in shown.getvalue()
    assert "\x1b[3mWell?\x1b[0m" in shown.getvalue()
    piped = io.StringIO()
    play_text(game, [1], interactive=False, out=piped)
    assert "\x1b" not in piped.getvalue()
    assert "Xander: The calm door. Open it.\nWell?\n  1. Open it\n" in piped.getvalue()
