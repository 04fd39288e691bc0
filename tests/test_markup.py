"""Styled text: the tag parser, plain text, escaping, and the checker over a template's source."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vn.script.expr import parse_template
from vn.script.markup import NoWait, Run, Wait, colour_value, ends_without_wait, escape, parse, plain, runs
from vn.script.markup_check import brace_tags, check


def codes(source):
    return [(p.code, p.column) for p in check(source)]


# -- parsing ------------------------------------------------------------------------------
def test_text_without_brackets_is_one_plain_run():
    assert parse("Hello there.") == (Run("Hello there."),)
    assert plain("Hello there.") == "Hello there."
    assert parse("") == ()


def test_styles_nest_and_close():
    pieces = parse("a [b]bold [i]both[/i][/b] [color=#e0c080]gold[/color]")
    assert pieces == (Run("a "), Run("bold ", bold=True), Run("both", bold=True, italic=True), Run(" "),
                      Run("gold", colour="#e0c080"))
    assert plain("a [b]bold [i]both[/i][/b] [color=#e0c080]gold[/color]") == "a bold both gold"


def test_colours_short_long_and_named():
    assert colour_value("#abc") == "#aabbcc"
    assert colour_value("#A0B1C2") == "#a0b1c2"
    assert colour_value("gold") == "#e0c080"
    assert colour_value("#ggg") is None and colour_value("sepia") is None and colour_value("#abcd") is None


def test_waits_speed_and_no_wait():
    pieces = parse("One[w] two[w=0.5] [speed=0.5]slow[/speed] end[nw]")
    assert Wait(None) in pieces and Wait(0.5) in pieces
    assert Run("slow", speed=0.5) in pieces
    assert isinstance(pieces[-1], NoWait) and ends_without_wait("end[nw]")
    assert not ends_without_wait("end") and not ends_without_wait(None)
    assert plain("One[w] two[w=0.5] [speed=0.5]slow[/speed] end[nw]") == "One two slow end"


def test_escapes_and_lone_brackets():
    assert plain("[[b] is a tag, ] alone is not") == "[b] is a tag, ] alone is not"
    assert escape("a [b] c") == "a [[b] c"
    assert plain("[unknown] [b") == "[unknown] [b"      # what is not a tag shows as written


def test_runs_leave_waits_out():
    assert runs("a[w]b") == (Run("a"), Run("b"))


# -- templates ---------------------------------------------------------------------------
def test_a_template_knows_it_has_tags():
    assert not parse_template("Hello {mood}.").styled
    assert not parse_template("Hello.").styled
    assert parse_template("[b]Hello[/b].").styled
    assert parse_template("[b]{mood}[/b]").styled


def test_interpolated_values_are_text_never_markup():
    template = parse_template("[b]{mood}[/b] and {mood}")
    rendered = template.render({"mood": "[i]grim"}, lambda _: 0)
    assert rendered == "[b][[i]grim[/b] and [[i]grim"
    assert plain(rendered) == "[i]grim and [i]grim"
    # a template without tags leaves its values as they are: there is no markup to escape from
    assert parse_template("{mood}").render({"mood": "[b]x"}, lambda _: 0) == "[b]x"


# -- the checker -------------------------------------------------------------------------
def test_well_formed_text_has_nothing_to_say():
    assert check("[b]a[/b] [i]b[/i] [color=red]c[/color] [speed=2]d[/speed][w][w=10] e[nw]") == []
    assert check("[[not a tag] and a ] bracket") == []


def test_unknown_tags_with_what_was_meant():
    problems = check("Say [bold]it[/bold]")
    assert [(p.code, p.column) for p in problems] == [("VN045", 4), ("VN045", 12)]
    assert "[b]" in problems[0].hint and "[/b]" in problems[1].hint
    assert "[color]" in check("[colr=#fff]x")[0].hint
    assert codes("a [ b") == [("VN045", 2)]


def test_unbalanced_tags():
    assert codes("[b]never closed") == [("VN046", 0)]
    assert codes("closes [/i] nothing") == [("VN046", 7)]
    assert codes("[b][i]x[/b][/i]") == [("VN046", 7)]
    assert codes("[w]x[/w]") == [("VN046", 4)]


def test_colours_and_values():
    assert codes("[color=#12]x[/color]") == [("VN047", 0)]
    assert codes("[color]x[/color]") == [("VN047", 0)]
    assert codes("[w=0]") == [("VN048", 0)]
    assert codes("[w=10.5]") == [("VN048", 0)]
    assert codes("[w=soon]") == [("VN048", 0)]
    assert codes("[speed=20]x[/speed]") == [("VN048", 0)]
    assert codes("[b=1]x[/b]") == [("VN048", 0)]
    assert codes("a[nw] b") == [("VN048", 1)]
    assert codes("a [nw]  ") == []


def test_interpolation_groups_are_opaque():
    # braces, quotes and brackets inside an expression are no tags, and columns still count from the source
    assert check("{'[b]' + mood} [i]x[/i]") == []
    assert codes("{'}' + mood} [bold]") == [("VN045", 13)]
    assert codes("{{ [b] }}") == [("VN046", 3)]
    assert codes("[color={c}]x[/color]") == [("VN048", 0)]


def test_html_like_tags_are_warnings():
    problems = check("I <i>knew</i> it <color=red>x</color>")
    assert [(p.code, p.column, p.severity) for p in problems][:2] == [("VN115", 2, "warning"), ("VN115", 9, "warning")]
    assert "[i]" in problems[0].hint
    assert check("a < b and c > d") == []


def test_other_engines_brace_tags():
    found = brace_tags("I {i}knew{/i} it {color=#f00}x{/color} {w=0.5} {{b}}")
    assert [(column, written, bare) for column, written, _, bare in found] == [
        (2, "{i}", True), (9, "{/i}", False), (17, "{color=#f00}", False), (30, "{/color}", False),
        (39, "{w=0.5}", False)]
    assert "[color=#f00]" in found[2][2]


# -- properties --------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text())
def test_plain_of_escaped_text_is_the_text(text):
    assert plain(escape(text)) == text
    assert check(escape(text).replace("{", "{{").replace("}", "}}")) == [] or "<" in text


_REFERENCE = re.compile(r"\[\[|\[(?:/b|/i|/color|/speed|b|i|color=red|w=0\.5|w|nw|speed=2)\]")
TAGGED = st.lists(st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="[]{}<"), max_size=8),
    st.sampled_from(["[b]", "[/b]", "[i]", "[/i]", "[color=red]", "[/color]", "[w]", "[w=0.5]", "[nw]",
                     "[speed=2]", "[/speed]", "[[", "]", "[x]", "[color=#zz]"])), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(TAGGED)
def test_parse_never_fails_and_text_that_passes_check_keeps_its_words(markup):
    pieces = parse(markup)                  # never raises, whatever the tags
    text = plain(markup)
    assert text == "".join(p.text for p in pieces if isinstance(p, Run))
    if not check(markup):
        # every '[' was a tag or an escape: the words are what a left-to-right strip of them leaves
        assert text == _REFERENCE.sub(lambda m: "[" if m.group() == "[[" else "", markup)


def test_a_bare_single_letter_is_a_tag_only_when_it_names_one():
    assert [written for _, written, _, _ in brace_tags("{a} {k} {b} {u}")] == ["{b}", "{u}"]
    assert [written for _, written, _, _ in brace_tags("{/a}")] == ["{/a}"]
