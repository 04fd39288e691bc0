"""One test per diagnostic code: each bad input yields exactly the code, at the right place."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vn.script.diagnostics import CODES
from vn.script.loader import load_game

from gamefiles import MANIFEST, write_game

DOCS = Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md"

# (code, story text, (line, column) of the expected diagnostic in story.yaml)
CASES = [
    ("VN001", 'start:\n  - "unclosed\n', None),
    ("VN002", 'start:\n  - ending: good\nstart:\n  - ending: bad\n', (3, 1)),
    ("VN003", 'start:\n  - scene: {background: bar, transiton: fade}\n  - ending: good\n', (2, 30)),
    ("VN004", 'start:\n  - pause: soon\n  - ending: good\n', (2, 12)),
    ("VN005", 'start:\n  - jump: nowhere\n', (2, 5)),
    ("VN006", 'start:\n  - xandr: "hi"\n  - ending: good\n', (2, 5)),
    ("VN007", 'start:\n  - scene: {background: bar, variant: flooded}\n  - ending: good\n', (2, 5)),
    ("VN008", 'start:\n  - if: "humanty > 1"\n    then: ["x"]\n  - ending: good\n', (2, 10)),
    ("VN009", 'start:\n  - ending: god\n', (2, 5)),
    ("VN010", 'start:\n  - &a "x"\n  - *a\n  - ending: good\n', (2, 5)),
    ("VN012", 'start:\n\t- ending: good\n', (2, 1)),
    ("VN014", 'start:\n  - set: {humanity: "humanity +"}\n  - ending: good\n', (2, 32)),
    ("VN015", 'start:\n  - set: {humanity: "took_lighter + 1"}\n  - ending: good\n', (2, 22)),
    ("VN016", None, None),
    ("VN017", 'start:\n  - xander: "a"\n    id: same\n  - buffy: "b"\n    id: same\n  - ending: good\n', (4, 5)),
    ("VN019", 'start:\n  - else: ["x"]\n  - ending: good\n', (2, 5)),
    ("VN020", 'start:\n  - jump: "not a label"\n', (2, 11)),
    ("VN021", 'start:\n  - effect: explode\n  - ending: good\n', (2, 13)),
    ("VN022", 'start:\n  - menu: []\n  - ending: good\n', (2, 11)),
    ("VN025", 'start:\n  - pause: 601\n  - ending: good\n', (2, 12)),
    ("VN042", 'start:\n  - menu:\n      - text: "Go."\n    prompt: ["Which", "way?"]\n  - ending: good\n',
     (4, 13)),
    ("VN044", 'start:\n  - menu:\n      - text: "Go."\n        name: go\n  - if: "picks(\'start.og\') > 0"\n'
              '    then: ["x"]\n  - ending: good\n', (5, 16)),
    ("VN043", 'start:\n  - menu:\n      - text: "Go."\n        echo: 3\n  - ending: good\n', (4, 15)),
    ("VN045", 'start:\n  - xander: "That is [bold]not[/bold] funny."\n  - ending: good\n', (2, 22)),
    ("VN046", 'start:\n  - "[b]Run.[/i]"\n  - ending: good\n', (2, 6)),
    ("VN047", 'start:\n  - menu:\n      - text: "A [color=#ggg]green[/color] door"\n  - ending: good\n', (3, 18)),
    ("VN048", 'start:\n  - "Wait.[w=30] Longer."\n  - ending: good\n', (2, 11)),
    ("VN049", 'start:\n  - "I {i}knew{/i} it."\n  - ending: good\n', (2, 8)),
    ("VN050", 'start:\n  - "A {sequence: a | b}."\n  - ending: good\n', (2, 9)),
    ("VN051", 'start:\n  - "A {? a | b}."\n  - ending: good\n', (2, 9)),
    ("VN052", 'start:\n  - "A {humanity ? a | b}."\n  - ending: good\n', (2, 9)),
    ("VN053", 'start:\n  - "A"\n  - glue: {xander: "b"}\n  - ending: good\n', (3, 11)),
    ("VN054", 'start:\n  - "A {took_lighter ? a | b | c}."\n  - ending: good\n', (2, 32)),
    ("VN055", 'start:\n  - xander: "You roll {random(1, 6)}."\n  - ending: good\n', (2, 24)),
    ("VN056", 'start:\n  - if: "chance(50)"\n    then: ["x"]\n  - ending: good\n', (2, 17)),
    ("VN060", 'start:\n  - menu:\n      - text: "Go."\n        do:\n          - label: inside\n'
              '  - ending: good\n', (5, 13)),
    ("VN061", 'start:\n  - label: door\n  - "a"\n  - label: door\n  - ending: good\n', (4, 12)),
    ("VN062", 'start:\n  - label: "the door"\n  - ending: good\n', (2, 12)),
    ("VN063", 'start:\n  - label: menu\n  - ending: good\n', (2, 12)),
    ("VN064", 'start:\n  - jump: start.door\nstart.door:\n  - ending: good\n', (3, 1)),
]


def codes_of(result, code):
    return [d for d in result.diagnostics if d.code == code]


@pytest.mark.parametrize("code,story,where", [c for c in CASES if c[1] is not None], ids=lambda v: str(v)[:12])
def test_each_code_is_reported_where_it_happens(tmp_path, code, story, where):
    result = load_game(write_game(tmp_path, story))
    found = codes_of(result, code)
    assert found, [d.format() for d in result.diagnostics]
    assert result.game is None
    if where is not None:
        assert (found[0].pos.line, found[0].pos.column) == where, found[0].format()
        assert found[0].pos.path.endswith("story.yaml")


def test_duplicate_label_across_files(tmp_path):
    write_game(tmp_path, "start:\n  - ending: good\n")
    (tmp_path / "more.yaml").write_text("start:\n  - ending: bad\n")
    assert codes_of(load_game(tmp_path), "VN016")


def test_file_too_large(tmp_path):
    write_game(tmp_path, "start:\n  - ending: good\n")
    (tmp_path / "huge.yaml").write_text("x:\n" + ("  - \"" + "a" * 100 + "\"\n") * 30_000)
    found = codes_of(load_game(tmp_path), "VN011")
    assert found and found[0].pos.path.endswith("huge.yaml")


def test_not_utf8_names_line_and_column(tmp_path):
    write_game(tmp_path, "start:\n  - ending: good\n")
    (tmp_path / "latin.yaml").write_bytes("x:\n  - \"caf\xe9\"\n".encode("latin-1"))
    found = codes_of(load_game(tmp_path), "VN013")
    assert found and (found[0].pos.line, found[0].pos.column) == (2, 9)


def test_missing_manifest(tmp_path):
    (tmp_path / "story.yaml").write_text("start:\n  - ending: good\n")
    assert codes_of(load_game(tmp_path), "VN018")


def test_unknown_key_suggests_the_closest(tmp_path):
    result = load_game(write_game(tmp_path, 'start:\n  - menu:\n      - text: "a"\n        iff: took_lighter\n'
                                               '      - text: "b"\n  - ending: good\n'))
    found = codes_of(result, "VN003")
    assert found and "did you mean 'if'?" in found[0].hint


def test_invalid_shown_value(tmp_path):
    manifest = MANIFEST.replace("shown: spirit", "shown: ghostly")
    assert codes_of(load_game(write_game(tmp_path, "start:\n  - ending: good\n", manifest)), "VN023")


def test_unreached_label_and_dead_statement_are_warnings(tmp_path):
    result = load_game(write_game(tmp_path, 'start:\n  - ending: good\n  - "never"\nlonely:\n  - ending: bad\n'))
    assert result.game is not None
    assert [d.code for d in result.warnings] == ["VN102", "VN101"]
    assert all(d.severity == "warning" for d in result.warnings)


def test_all_errors_of_a_run_are_reported(tmp_path):
    story = ('start:\n  - xandr: "a"\n  - jump: nowhere\n  - set: {humanity: "1 +"}\n'
             '  - scene: barn\n  - ending: gud\n')
    result = load_game(write_game(tmp_path, story))
    assert {"VN006", "VN005", "VN014", "VN007", "VN009"} <= {d.code for d in result.errors}


def test_format_shows_source_line_caret_and_hint(tmp_path):
    result = load_game(write_game(tmp_path, 'start:\n  - xandr: "hi"\n  - ending: good\n'))
    text = result.errors[0].format()
    lines = text.splitlines()
    assert re.match(r".*story\.yaml:2:5: error VN006: unknown character or statement 'xandr'", lines[0])
    assert lines[1].strip() == '- xandr: "hi"'
    assert lines[2].index("^") == lines[1].index("x")
    assert "did you mean 'xander'?" in lines[3]


def test_every_code_has_a_documentation_entry():
    documented = set(re.findall(r"^## (VN\d{3})", DOCS.read_text(), re.MULTILINE))
    assert set(CODES) == documented


def test_every_error_code_has_a_test():
    tested = {c for c, _, _ in CASES} | {"VN011", "VN013", "VN018", "VN023", "VN024", "VN101", "VN102",
                                          "VN103", "VN104", "VN105", "VN106", "VN107",
                                          "VN121", "VN122", "VN123", "VN124",  # test_routes.py
                                          "VN026", "VN027",  # these two: test_hostile_scripts.py
                                          # pictures: test_pictures_check.py
                                          "VN028", "VN029", "VN030", "VN031", "VN032", "VN033", "VN034",
                                          "VN041",  # test_pictures_window.py
                                          # the window's text: test_window_text.py
                                          "VN108", "VN109", "VN110",
                                          # sound: test_sound_check.py
                                          "VN035", "VN036", "VN037", "VN038", "VN039", "VN040",
                                          "VN111", "VN112",
                                          # test_diagnostics_guidance.py
                                          "VN113", "VN114",
                                          "VN115",  # test_markup_check.py
                                          "VN117",  # test_variation.py
                                          "VN118",  # test_glue.py
                                          # constants and enums: test_values.py
                                          "VN057", "VN058", "VN059", "VN119", "VN120",
                                          "VN116"}  # test_local_labels.py
    assert set(CODES) == tested


def check_codes(folder, **kwargs):
    from vn.cli import check_folder
    return [(d.code, d.pos.line, d.pos.column) for d in check_folder(str(folder), **kwargs).diagnostics]


def test_variable_warnings(tmp_path):
    story = """start:
  - set: {humanity: "humanity + 1"}
  - menu:
      - text: "a"
        set: {took_lighter: true}
      - text: "b"
  - if: took_lighter
    then: ["lit"]
  - ending: good
"""
    found = check_codes(write_game(tmp_path, story), explore=False)
    # took_lighter is unset on the "b" route, but its default in game.yaml is the writer's chosen value
    assert not [f for f in found if f[0] == "VN104"]
    unread = {line for c, line, _ in found if c == "VN103"}
    assert unread == {14, 15}                 # mood and ratio are never read; the others are


def test_read_before_set_warns_only_without_a_default(tmp_path):
    story = """start:
  - set: {humanity: "humanity + 1"}
  - menu:
      - text: "a"
        set: {took_lighter: true}
      - text: "b"
  - if: took_lighter
    then: ["lit"]
  - ending: good
"""
    manifest = MANIFEST.replace("humanity: 0", "humanity: {type: int}").replace(
        "took_lighter: false", "took_lighter: {type: bool}")
    found = check_codes(write_game(tmp_path, story, manifest), explore=False)
    assert ("VN104", 7, 9) in found          # took_lighter has no default and is unset on the "b" route
    assert not any(c == "VN104" and line == 2 for c, line, _ in found)  # self-update is fine
    result = load_game(tmp_path)
    assert result.game is not None and result.game.manifest.variables["took_lighter"].default is False


def test_a_declared_type_must_be_one_of_four(tmp_path):
    manifest = MANIFEST.replace("humanity: 0", "humanity: {type: integer}")
    found = codes_of(load_game(write_game(tmp_path, "start:\n  - ending: good\n", manifest)), "VN023")
    assert found and "did you mean 'int'?" in found[0].hint


def test_explicit_set_on_every_branch_silences_read_before_set(tmp_path):
    story = """start:
  - menu:
      - text: "a"
        set: {took_lighter: true}
      - text: "b"
        set: {took_lighter: false}
  - if: took_lighter
    then: ["lit"]
  - ending: good
"""
    assert not [f for f in check_codes(write_game(tmp_path, story), explore=False) if f[0] == "VN104"]


def test_route_warnings(tmp_path):
    story = """start:
  - menu:
      - text: "never"
        if: "humanity > 5"
        jump: bad_end
      - text: "ok"
  - ending: good
bad_end:
  - ending: bad
"""
    found = check_codes(write_game(tmp_path, story))
    assert ("VN106", 4, 14) in found
    assert ("VN105", 18, 3) in found          # the "bad" ending's line in game.yaml


def test_route_exploration_that_stops_early_says_so(tmp_path):
    from vn.runtime.lint import check_routes
    from vn.script.program import compile_game
    story = """start:
  - set: {humanity: "humanity + 1"}
  - menu:
      - text: "again"
        jump: start
      - text: "stop"
        jump: done
done:
  - ending: good
"""
    program = compile_game(load_game(write_game(tmp_path, story)).game)
    assert [d.code for d in check_routes(program, max_states=50)] == ["VN107"]


def test_deep_nesting_is_a_diagnostic_not_a_crash(tmp_path):
    lines, indent = ["start:"], "  "
    for _ in range(400):
        lines += [indent + '- if: "true"', indent + "  then:"]
        indent += "    "
    lines.append(indent + '- "deep"')
    result = load_game(write_game(tmp_path, "\n".join(lines) + "\n"))
    assert [d.code for d in result.errors] == ["VN024"]


def test_a_very_long_line_is_shown_around_the_caret(tmp_path):
    story = "start:\n  - " + '"' + "x" * 5000 + '" ' + "extra\n"
    result = load_game(write_game(tmp_path, story))
    text = result.errors[0].format()
    shown, caret = text.splitlines()[1:3]
    assert len(shown) < 120
    assert caret.index("^") < len(shown)


def test_no_code_is_given_twice():
    """Two parts of the engine once took the same number: a dict literal keeps the last
    silently, and a set of headings hides the first, so count them."""
    source = (Path(__file__).resolve().parent.parent / "vn" / "script" / "diagnostics.py").read_text()
    keys = re.findall(r'^\s*"(VN\d{3})":', source, re.MULTILINE)
    headings = re.findall(r"^## (VN\d{3})", DOCS.read_text(), re.MULTILINE)
    assert len(keys) == len(set(keys)) and len(headings) == len(set(headings))
