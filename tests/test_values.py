"""Constants and enum variables: declared in game.yaml, type checked, kept right across saves."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.routes import explore_routes
from vn.runtime.runtime import Runtime
from vn.script.loader import load_game
from vn.script.program import compile_game

from gamefiles import write_game

MANIFEST = """\
game: {id: values, title: Values, start: start}
characters:
  ada: {name: Ada}
constants:
  max_trust: 3
  greeting: "Hello"
  rate: 0.5
  strict: true
variables:
  trust: 0
  mood: {type: enum, values: [calm, angry, broken], default: calm}
  last: {type: enum, values: [calm, angry, broken]}
  weather: {type: enum, values: [sun, rain]}
  note: "x"
endings:
  good: {title: Good}
  bad: {title: Bad}
"""

STORY = """
start:
  - ada: "{greeting}, you are {mood}."
  - menu:
      - text: "Rage."
        set: {mood: angry, trust: "trust + 1"}
      - text: "Calm down."
        set: {last: mood, mood: "'calm'"}
  - if: "trust >= max_trust and strict"
    then: [{ending: bad}]
  - if: "mood == 'angry' and last != mood"
    then: [{jump: start}]
  - set: {weather: rain}
  - ending: good
"""


def load(tmp_path, story=STORY, manifest=MANIFEST):
    return load_game(write_game(tmp_path, story, manifest))


def program_of(tmp_path, story=STORY, manifest=MANIFEST):
    result = load(tmp_path, story, manifest)
    assert result.game is not None, "\n".join(d.format() for d in result.diagnostics)
    return compile_game(result.game)


def errors(tmp_path, story=STORY, manifest=MANIFEST):
    return [d for d in load(tmp_path, story, manifest).diagnostics if d.is_error]


def codes(tmp_path, story=STORY, manifest=MANIFEST):
    return [(d.code, d.pos.line, d.pos.column) for d in errors(tmp_path, story, manifest)]


def test_constants_and_enums_play(tmp_path):
    rt = Runtime(program_of(tmp_path))
    assert rt.advance().text == "Hello, you are calm."
    assert isinstance(rt.advance(), ev.Choices)
    rt.choose(0)
    assert rt.advance().text == "Hello, you are angry."       # angry and last (calm) differ: again
    assert rt.state.variables["mood"] == "angry" and rt.state.variables["max_trust"] == 3


def test_an_enum_starts_at_its_default_or_its_first_name(tmp_path):
    program = program_of(tmp_path)
    defaults = program.defaults()
    assert defaults["mood"] == "calm" and defaults["last"] == "calm" and defaults["weather"] == "sun"
    variables = {v.name: v for v in program.manifest.variables.values()}
    assert variables["mood"].has_default and not variables["weather"].has_default


def test_a_constant_takes_its_new_value_when_a_save_loads(tmp_path):
    program = program_of(tmp_path / "a")
    rt = Runtime(program)
    rt.advance()
    saved = json.loads(json.dumps(rt.to_dict()))
    changed = program_of(tmp_path / "b", manifest=MANIFEST.replace("max_trust: 3", "max_trust: 5"))
    assert Runtime(changed, saved).state.variables["max_trust"] == 5


def test_an_enum_name_the_script_lost_falls_back_to_the_default(tmp_path):
    rt = Runtime(program_of(tmp_path / "a"))
    rt.advance()
    rt.state.variables["mood"] = "broken"
    rt.state.variables["last"] = "angry"
    saved = json.loads(json.dumps(rt.to_dict()))
    edited = MANIFEST.replace("values: [calm, angry, broken], default: calm", "values: [calm, angry], default: angry")
    edited = edited.replace("last: {type: enum, values: [calm, angry, broken]}", "last: {type: enum, values: [calm, angry]}")
    restored = Runtime(program_of(tmp_path / "b", manifest=edited), saved)
    assert restored.state.variables["mood"] == "angry"       # 'broken' is gone: the default
    assert restored.state.variables["last"] == "angry"       # still a name: kept


def test_routes_count_through_constants_and_enums(tmp_path):
    report = explore_routes(program_of(tmp_path))
    assert report.ok and report.endings["bad"] > 0 and report.endings["good"] > 0


# ---------------------------------------------------------------- diagnostics

def test_setting_a_constant_is_vn057(tmp_path):
    story = STORY.replace('set: {mood: angry, trust: "trust + 1"}', 'set: {mood: angry, max_trust: 4}')
    assert codes(tmp_path, story) == [("VN057", 6, 28)]


def test_a_name_both_variable_and_constant_is_vn058(tmp_path):
    manifest = MANIFEST.replace("  strict: true\n", "  strict: true\n  trust: 2\n")
    found = errors(tmp_path, manifest=manifest)
    assert [(d.code, d.pos.line) for d in found] == [("VN058", 9)]
    assert "variable at line 11" in found[0].message


@pytest.mark.parametrize("written,where,hint", [
    ("set: {mood: angyr}", 17, "did you mean 'angry'?"),
    ("set: {mood: \"'brokn'\"}", 18, "did you mean 'broken'?"),
    ("if: \"mood == 'clam'\"\n    then: [\"x\"]", 18, "did you mean 'calm'?"),
    ("if: \"'angr' != mood\"\n    then: [\"x\"]", 10, "did you mean 'angry'?"),
])
def test_a_name_not_in_the_enum_is_vn059_with_did_you_mean(tmp_path, written, where, hint):
    story = STORY.replace("  - set: {weather: rain}", "  - " + written)
    found = errors(tmp_path, story)
    assert [d.code for d in found] == ["VN059"], [d.format() for d in found]
    assert found[0].pos.column == where and found[0].hint == hint


def test_a_default_not_in_the_enum_is_vn059(tmp_path):
    manifest = MANIFEST.replace("default: calm", "default: clam")
    found = errors(tmp_path, manifest=manifest)
    assert [(d.code, d.hint) for d in found] == [("VN059", "did you mean 'calm'?")]


@pytest.mark.parametrize("written", [
    "set: {mood: weather}",           # another enum
    "set: {mood: note}",              # plain text
    "set: {mood: 3}",
    "if: \"mood == weather\"\n    then: [\"x\"]",
    "if: \"mood == note\"\n    then: [\"x\"]",
    "if: \"mood < 'calm'\"\n    then: [\"x\"]",
    "set: {note: mood}",
])
def test_mixing_an_enum_with_another_type_is_vn015(tmp_path, written):
    story = STORY.replace("  - set: {weather: rain}", "  - " + written)
    assert [c for c, _, _ in codes(tmp_path, story)] == ["VN015"]


@pytest.mark.parametrize("declaration,code", [
    ("{type: enum}", "VN018"),
    ("{type: enum, values: []}", "VN004"),
    ("{type: enum, values: calm}", "VN004"),
    ("{type: enum, values: [calm, 'not a name']}", "VN020"),
    ("{type: enum, values: [calm, and]}", "VN020"),
    ("{type: enum, values: [calm, calm]}", "VN016"),
    ("{type: enum, values: [calm], colour: red}", "VN003"),
    ("{type: int, values: [calm]}", "VN003"),
    ("{type: enm, values: [calm]}", "VN023"),
])
def test_a_bad_enum_declaration_is_reported(tmp_path, declaration, code):
    manifest = MANIFEST.replace("{type: enum, values: [sun, rain]}", declaration)
    story = STORY.replace("  - set: {weather: rain}\n", "")
    assert code in [c for c, _, _ in codes(tmp_path, story, manifest)]


def test_a_bad_constant_is_reported(tmp_path):
    manifest = MANIFEST.replace('greeting: "Hello"', "greeting: [a, b]")
    assert [c for c, _, _ in codes(tmp_path, manifest=manifest)][:1] == ["VN004"]


# ---------------------------------------------------------------- properties

@settings(max_examples=30, deadline=None)
@given(names=st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=6, unique=True),
       pick=st.integers(0, 5))
def test_any_declared_enum_plays_its_names(tmp_path_factory, names, pick):
    names = [n for n in names if n not in ("and", "or", "not", "true", "false")]
    if not names:
        return
    chosen = names[pick % len(names)]
    manifest = MANIFEST.replace("[sun, rain]", "[" + ", ".join(names) + "]")
    story = STORY.replace("set: {weather: rain}", f"set: {{weather: {chosen}}}")
    story = story.replace("  - ending: good", "  - ada: \"It is {weather}.\"\n  - ending: good")
    program = program_of(tmp_path_factory.mktemp("enum"), story, manifest)
    rt = Runtime(program)
    texts = []
    while True:
        e = rt.advance()
        if isinstance(e, ev.Choices):
            rt.choose(1)
        elif isinstance(e, ev.Line):
            texts.append(e.text)
        elif isinstance(e, ev.End):
            break
    assert texts[-1] == f"It is {chosen}."


def test_a_constant_nothing_reads_is_vn120(tmp_path):
    from vn.cli import check_folder
    write_game(tmp_path, STORY, MANIFEST.replace("  rate: 0.5\n", "  rate: 0.5\n  unused: 2\n"))
    found = [(d.code, d.pos.line, d.severity) for d in check_folder(str(tmp_path), explore=False).diagnostics
             if d.code == "VN120"]
    # rate is never read either
    assert found == [("VN120", 7, "warning"), ("VN120", 8, "warning")]


def test_an_enum_name_without_quotes_in_a_condition_says_to_quote_it(tmp_path):
    story = STORY.replace("  - set: {weather: rain}", "  - if: \"mood == angry\"\n    then: [\"x\"]")
    found = errors(tmp_path, story)
    assert [d.code for d in found] == ["VN008"]
    assert found[0].hint == "'angry' is a name of the enum 'mood': put it in quotes, as in \"mood == 'angry'\""
