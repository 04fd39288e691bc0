"""Diagnostics that name what the writer meant: other engines' syntax, YAML comments, a nested
'else', an apostrophe in an expression string, a sound written as a speaker."""
from __future__ import annotations

import pytest

from vn.script.loader import load_game

from gamefiles import write_game


def found(tmp_path, story, code):
    return [d for d in load_game(write_game(tmp_path, story)).diagnostics if d.code == code]


@pytest.mark.parametrize("line,ours", [
    ("$ took_lighter = True", "set: {took_lighter: true}"),
    ("$ humanity += 1", 'set: {humanity: "humanity + 1"}'),
    ("return", "return: ~"),
    ("<<wait 1>>", "pause: 1"),
    ("<<jump bar>>", "jump: bar"),
    ("-> knot", "jump: knot"),
])
def test_another_engines_command_is_not_silently_narration(tmp_path, line, ours):
    story = f"start:\n  - {line}\n  - ending: good\n"
    warnings = found(tmp_path, story, "VN113")
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert (warnings[0].pos.line, warnings[0].pos.column) == (2, 5)
    assert ours in warnings[0].hint and "quote" in warnings[0].hint


@pytest.mark.parametrize("line", ['"$ took_lighter = True"', '"return"', "'<<wait 1>>'", "Returning home",
                                  "xander: <<wait 1>>", "xander: \"-> knot\""])
def test_quoted_or_ordinary_text_is_meant(tmp_path, line):
    expect = 1 if line == "xander: <<wait 1>>" else 0  # a speaker's plain text is checked too
    assert len(found(tmp_path, f"start:\n  - {line}\n  - ending: good\n", "VN113")) == expect


def test_a_tag_after_text_is_not_silently_dropped(tmp_path):
    story = ("start:\n  - Hello there #happy\n  - xander: Nobody leaves.   #angry\n"
             "  # a comment of its own\n  - \"Quoted #kept\"\n  - buffy: \"Quoted\"  # a note\n"
             "  - ending: good  # fine\n")
    warnings = found(tmp_path, story, "VN114")
    assert [(w.pos.line, w.pos.column) for w in warnings] == [(2, 17), (3, 30)]
    assert "quote" in warnings[0].hint and "id:" in warnings[0].hint


def test_else_inside_the_if_mapping_says_it_must_be_its_own_item(tmp_path):
    story = 'start:\n  - if: took_lighter\n    then: ["lit"]\n    else: ["dark"]\n  - ending: good\n'
    errors = found(tmp_path, story, "VN019")
    assert len(errors) == 1 and (errors[0].pos.line, errors[0].pos.column) == (4, 5)
    assert "own" in errors[0].message and "without an 'if'" not in errors[0].message
    assert "- else:" in errors[0].hint
    assert not found(tmp_path, story, "VN003")  # the 'if' itself is still read, without a second complaint


def test_apostrophe_in_an_expression_string_names_the_escape(tmp_path):
    for story, column in (('start:\n  - if: "mood == \'Bob\'s car\'"\n    then: ["x"]\n  - ending: good\n', 22),
                          ('start:\n  - "Is it {mood == \'don\'t\'}?"\n  - ending: good\n', 25)):
        errors = found(tmp_path, story, "VN014")
        assert len(errors) == 1 and "apostrophe" in errors[0].message, errors
        assert "\\'" in errors[0].hint
        assert errors[0].pos.column == column


@pytest.mark.parametrize("line,hint", [
    ("play: {file: audio/a.ogg}", "'music:', 'ambience:', 'sound:' or 'voice:'"),
    ("sfx: click", "'music:', 'ambience:', 'sound:' or 'voice:'"),
    ("scnee: {background: bar}", "did you mean 'scene'?"),
    ("musik: theme", "did you mean 'music'?"),
    ("xandr: {text: hi}", "did you mean 'xander'?"),
])
def test_an_unknown_key_on_a_line_is_neither_character_nor_statement(tmp_path, line, hint):
    errors = found(tmp_path, f"start:\n  - {line}\n  - ending: good\n", "VN006")
    assert len(errors) == 1 and hint in errors[0].hint, errors
    assert "character or a statement" in errors[0].message or "character or statement" in errors[0].message
    assert not found(tmp_path, f"start:\n  - {line}\n  - ending: good\n", "VN004")


def test_the_quoting_table_of_the_script_language_holds(tmp_path):
    story = """start:
  - "Room #4: empty."
  - '"Run," she said.'
  - "\\"Run,\\" she said."
  - "return"
  - Don't.
  - if: "mood == 'grim'"
    then: ["a"]
  - if: "mood == \\"Bob's\\""
    then: ["b"]
  - if: "mood == 'Bob\\\\'s'"
    then: ["c"]
  - if: 'mood == "Bob''s"'
    then: ["d"]
  - if: mood == "Bob's"
    then: ["e"]
  - set: {mood: "'grim'"}
  - "{'Bob\\\\'s' + ' car'}"
  - "{\\"Bob's\\" + ' car'}"
  - "Set {{x}}"
  - ending: good
"""
    result = load_game(write_game(tmp_path, story))
    assert not result.diagnostics, [d.format() for d in result.diagnostics]
    from vn.script.expr import evaluate
    texts = [s.text for s in result.game.labels["start"].body if type(s).__name__ == "Say"]
    shown = ["".join(p if isinstance(p, str) else evaluate(p, {}, lambda _: 0) for p in t.parts) for t in texts]
    assert shown[-3:] == ["Bob's car", "Bob's car", "Set {x}"]
    assert shown[:5] == ["Room #4: empty.", '"Run," she said.', '"Run," she said.', "return", "Don't."]
