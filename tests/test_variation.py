"""Text that varies inside a line: {cond ? a | b}, {seq:}, {cycle:}, {once:}, {shuffle:}."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.routes import explore_routes
from vn.runtime.runtime import Runtime
from vn.runtime.variation import Showing, shuffle_order
from vn.script.expr import ExprError, check_template, parse_template
from vn.script.loader import load_game
from vn.script.variation import Alternatives, Conditional

from gamefiles import write_game
from test_statements import program_of

TYPES = {"met": bool, "n": int, "name": str}
NOTHING_READ = {"met": False, "n": 0, "name": "Bob"}


def render(text: str, count: int = 0, variables=None, seed: int = 7, key: str = "line") -> str:
    return parse_template(text).render(variables or NOTHING_READ, {}.__getitem__, Showing(count, seed, key))


def shown(rt: Runtime, times: int) -> list[str]:
    """The text of each line the story shows, `times` lines, answering any choice with its first option."""
    out = []
    while len(out) < times:
        e = rt.advance()
        if isinstance(e, ev.Line):
            out.append(e.text)
        elif isinstance(e, ev.Choices):
            rt.choose(0)
        elif isinstance(e, ev.End):
            break
    return out


LOOP = """
start:
  - "{seq: first | second | ever after} {cycle: a | b | c} {once: x | y}"
  - set: {humanity: "humanity + 1"}
  - if: "humanity < 6"
    then: [jump: start]
  - ending: good
"""


# ---------------------------------------------------------------- parsing

def test_conditional_parts_and_optional_otherwise():
    template = parse_template("Hello{met ? again | , stranger}.")
    assert template.is_plain is False and template.varies is False
    assert render("Hello{met ? again | , stranger}.") == "Hello, stranger."
    assert render("Hello {met ? again | stranger}.", variables={**NOTHING_READ, "met": True}) == "Hello again."
    assert render("Hello{met ? again}.") == "Hello."


def test_alternatives_are_templates_with_interpolation_nesting_and_escapes():
    text = "{seq: {name} | {n > 0 ? many | none} | {'|'} and {{braces{'}'} | it's \"quoted\" | }"
    assert [render(text, k) for k in range(6)] == ["Bob", "none", "| and {braces}", 'it\'s "quoted"', "", ""]
    template = parse_template(text)
    (part,) = template.parts
    assert isinstance(part, Alternatives) and part.kind == "seq" and len(part.items) == 5
    assert isinstance(part.items[1].parts[0], Conditional)
    assert template.variables() == {"name", "n"}


def test_question_mark_and_colon_inside_strings_and_plain_text_change_nothing():
    assert render('{name == "?" ? q | plain}') == "plain"
    assert render("What? {n}: none") == "What? 0: none"
    assert parse_template("{n}").parts[0].source == "n"


def test_variables_labels_and_counters_are_collected_from_nested_templates():
    template = parse_template("{visits('bar') > 1 ? {seq: {n} | {picks('bar.go')}} | {turns_since('x')}}")
    assert template.labels() == {"bar"}
    assert template.variables() == {"n"}
    assert template.counters() == {("picks", "bar.go"), ("turns_since", "x")}
    assert template.varies


@pytest.mark.parametrize("text,code,column", [
    ("A {sequence: a | b}", "VN050", 3),
    ("A {random: a | b}", "VN050", 3),
    ("A {~a|b}", "VN050", 3),
    ("A {a | b}", "VN050", 5),
    ("A {? a | b}", "VN051", 3),
    ("A {met ? a | b | c}", "VN054", 17),
    ("A {seq: a | b", "VN014", 2),
    ("A {met ? {n + } | b}", "VN014", 14),
    ("{seq: x} {cycle: {seq: {once: {n ! 2}}}}", "VN014", 33),
])
def test_errors_point_into_the_text(text, code, column):
    with pytest.raises(ExprError) as caught:
        parse_template(text)
    assert (caught.value.code, caught.value.column) == (code, column), caught.value


def test_unknown_kind_names_the_right_one():
    with pytest.raises(ExprError) as caught:
        parse_template("{sequence: a | b}")
    assert "did you mean 'seq'?" in caught.value.hint
    with pytest.raises(ExprError) as caught:
        parse_template("{cycel: a | b}")
    assert "did you mean 'cycle'?" in caught.value.hint


def test_nesting_is_bounded():
    with pytest.raises(ExprError):
        parse_template("{seq: " * 40 + "x" + "}" * 40)


def test_type_errors_and_non_boolean_conditions_inside_alternatives():
    errors = check_template(parse_template("Hi {seq: {n + name} | {n ? a | b}}"), TYPES, ())
    assert [(e.code, e.column) for e in errors] == [("VN015", 14), ("VN052", 23)]


# ---------------------------------------------------------------- choosing per showing

def test_seq_cycle_once_per_showing():
    text = "{seq: a | b | c}{cycle: 1 | 2}{once: x | y}"
    assert [render(text, k) for k in range(5)] == ["a1x", "b2y", "c1", "c2", "c1"]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2 ** 63 - 1), n=st.integers(1, 7), rounds=st.integers(1, 4), key=st.text(max_size=8))
def test_a_shuffle_shows_every_item_once_in_each_round(seed, n, rounds, key):
    text = "{shuffle: " + " | ".join(str(i) for i in range(n)) + "}"
    texts = [render(text, k, seed=seed, key=key) for k in range(n * rounds)]
    for r in range(rounds):
        assert sorted(texts[r * n:(r + 1) * n]) == [str(i) for i in range(n)]
    if n > 2:   # a new round never begins with the item the last one ended on
        assert all(texts[r * n - 1] != texts[r * n] for r in range(1, rounds))


def test_shuffle_orders_are_stable_and_depend_on_seed_line_and_round():
    assert shuffle_order(1, "a.1", 3, 6, 0) == shuffle_order(1, "a.1", 3, 6, 0)
    orders = {tuple(shuffle_order(seed, key, 3, 6, r)) for seed in (1, 2) for key in ("a.1", "a.2") for r in (0, 1)}
    assert len(orders) > 4


@settings(max_examples=80, deadline=None)
@given(met=st.booleans(), n=st.integers(-5, 5), yes=st.text("abc xyz.", max_size=6), no=st.text("def .", max_size=6))
def test_a_conditional_renders_the_branch_its_condition_picks(met, n, yes, no):
    text = f"<{{met and n > 0 ? {yes} | {no}}}>"
    want = yes.strip() if met and n > 0 else no.strip()
    assert render(text, variables={"met": met, "n": n, "name": ""}) == f"<{want}>"


# ---------------------------------------------------------------- in the runtime

def test_lines_vary_per_visit_and_only_varying_lines_are_counted(tmp_path):
    program = program_of(tmp_path, LOOP + "other:\n  - \"plain {humanity}\"\n  - ending: bad\n")
    rt = Runtime(program)
    texts = shown(rt, 6)
    # a once that has run out shows nothing; the text around it stays as written
    assert texts == ["first a x", "second b y", "ever after c ", "ever after a ", "ever after b ", "ever after c "]
    assert list(rt.state.seen.values()) == [6]


def test_plain_lines_are_not_counted(tmp_path):
    rt = Runtime(program_of(tmp_path, 'start:\n  - "one {humanity}"\n  - "two"\n  - ending: good\n'))
    shown(rt, 3)
    assert rt.state.seen == {}


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2 ** 63 - 1), stop=st.integers(0, 9))
def test_a_save_mid_sequence_replays_the_same_texts(tmp_path_factory, seed, stop):
    program = program_of(tmp_path_factory.mktemp("g"), """
start:
  - "{seq: one | two | three} {shuffle: a | b | c | d} {cycle: x | y}"
  - set: {humanity: "humanity + 1"}
  - if: "humanity < 12"
    then: [jump: start]
  - ending: good
""")
    straight = shown(Runtime(program, seed=seed), 12)
    first = Runtime(program, seed=seed)
    before = shown(first, stop)
    resumed = Runtime(program, json.loads(json.dumps(first.to_dict())))
    assert before + shown(resumed, 12 - stop) == straight


def test_rolling_back_shows_the_same_text_again(tmp_path):
    rt = Runtime(program_of(tmp_path, LOOP), seed=3)
    shown(rt, 2)
    snapshot = rt.snapshot()
    ahead = shown(rt, 2)
    rt.restore(snapshot)
    assert shown(rt, 2) == ahead


MENU = """
start:
  - menu:
      - text: "{cycle: Knock | Knock again}"
      - text: "{once: Leave | Leave now}"
    prompt: {buffy: "{seq: Well? | Well?? | Well???}"}
  - set: {humanity: "humanity + 1"}
  - if: "humanity < 3"
    then: [jump: start]
  - ending: good
"""


def test_a_menu_counts_once_per_offer_for_its_prompt_and_options(tmp_path):
    rt = Runtime(program_of(tmp_path, MENU))
    offers = []
    while not isinstance(e := rt.advance(), ev.End):
        if isinstance(e, ev.Choices):
            assert rt.choices == e.options            # read again: the same texts
            offers.append((e.prompt.text, [c.text for c in e.options]))
            rt.choose(1)
    assert offers == [("Well?", ["Knock", "Leave"]), ("Well??", ["Knock again", "Leave now"]),
                      ("Well???", ["Knock", ""])]
    assert [r["text"] for r in rt.state.route] == ["Leave", "Leave now", ""]


def test_a_story_loaded_at_a_choice_shows_the_same_texts(tmp_path):
    program = program_of(tmp_path, MENU)
    rt = Runtime(program)
    rt.advance()
    rt.choose(0)
    offered = rt.advance()
    again = Runtime(program, json.loads(json.dumps(rt.to_dict()))).choices_event()
    assert again == offered


def test_route_exploration_is_not_multiplied_by_varying_text(tmp_path):
    plain = explore_routes(program_of(tmp_path / "a", MENU.replace("{cycle: Knock | Knock again}", "Knock")
                                      .replace("{once: Leave | Leave now}", "Leave")))
    varied = explore_routes(program_of(tmp_path / "b", MENU))
    assert (varied.routes, varied.states, varied.endings) == (plain.routes, plain.states, plain.endings)


# ---------------------------------------------------------------- vn check

def codes(tmp_path, story):
    return [(d.code, d.pos.line, d.pos.column, d.severity) for d in load_game(write_game(tmp_path, story)).diagnostics]


def test_one_alternative_is_a_warning_pointing_at_the_keyword(tmp_path):
    found = codes(tmp_path, 'start:\n  - "A {cycle: only} {once: x} {met_before ? a}"\n  - ending: good\n'
                  .replace("met_before", "took_lighter"))
    assert found == [("VN117", 2, 9, "warning")]


def test_columns_follow_escapes_in_double_quoted_yaml(tmp_path):
    found = codes(tmp_path, 'start:\n  - "\\t{humanity ? a | b}"\n  - ending: good\n')
    assert found == [("VN052", 2, 9, "error")]


def test_the_shipped_story_still_checks_clean():
    from pathlib import Path
    from vn.cli import check_folder
    result = check_folder(str(Path(__file__).resolve().parent.parent / "scripts"), explore=False)
    assert not result.diagnostics, [d.format() for d in result.diagnostics]


DOC_MANIFEST = """\
game: {id: doc-game, title: "Docs", start: start}
characters:
  xander: {name: Xander}
  buffy: {name: Buffy}
  willy: {name: Willy}
backgrounds:
  bar: {title: "The Bar"}
variables:
  met_before: false
  coins: 0
  took_lighter: false
  kept_gun: false
  shot_willy: false
  met: false
  name: "Bob"
endings:
  good: {title: "Good"}
"""


@pytest.mark.parametrize("section", ["### Text that varies", "### Glue"])
def test_the_documented_examples_load_and_play(tmp_path, section):
    import re
    from pathlib import Path
    doc = (Path(__file__).resolve().parent.parent / "docs" / "script-language.md").read_text(encoding="utf-8")
    body = doc[doc.index(section):]
    body = body[:body.index("\n### ", 1)]
    blocks = re.findall(r"```yaml\n(.*?)```", body, re.DOTALL)
    assert blocks
    story = "start:\n" + "".join("  " + line + "\n" for block in blocks for line in block.splitlines()) \
        + "  - ending: good\n"
    result = load_game(write_game(tmp_path, story, DOC_MANIFEST))
    assert result.game is not None and not result.diagnostics, [d.format() for d in result.diagnostics]
    from vn.script.program import compile_game
    rt = Runtime(compile_game(result.game))
    texts = shown(rt, 20)
    assert texts and not any("{" in t or "|" in t for t in texts)


def test_a_save_with_counts_out_of_range_still_plays(tmp_path):
    program = program_of(tmp_path, LOOP)
    rt = Runtime(program)
    data = rt.to_dict()
    line_id = program.labels["start"].code[0].id
    for count in (-10, 2 ** 62):
        data["seen"] = {line_id: count}
        texts = shown(Runtime(program, json.loads(json.dumps(data))), 1)
        assert texts == (["first a x"] if count < 0 else ["ever after b "])   # 2^62 % 3 == 1


def test_style_tags_balance_inside_each_alternative(tmp_path):
    """The tag checker skips every {...}; each alternative is text of its own, checked alone, and
    an apostrophe in one is only an apostrophe."""
    found = codes(tmp_path, 'start:\n  - "{seq: What\'ll it be? | [i]Again?[/i]} {once: [b]Don\'t.}"\n'
                            '  - ending: good\n')
    assert found == [("VN046", 2, 51, "error")]
    assert codes(tmp_path / "b", 'start:\n  - "{took_lighter ? [b]It\'s you.[/b] | [i]Who?[/i]}"\n'
                                 '  - ending: good\n') == []


def test_tags_after_varying_text_with_an_apostrophe_are_checked(tmp_path):
    """The tag checker finds where a {...} group ends as the template parser does: in varying text
    an apostrophe opens no string, so the tags after the group are still seen."""
    found = codes(tmp_path, 'start:\n  - "{seq: What\'ll it be? | Back again?} [b]The usual."\n  - ending: good\n')
    assert found == [("VN046", 2, 42, "error")]
