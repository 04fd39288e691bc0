"""The route explorer merges states on a reduced key (only the variables and counts the script
reads, counts clamped past the constants they are compared with). On random small stories,
exploring with that key and with the whole state must find the same things."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from vn.runtime.routes import explore_routes
from vn.script.loader import load_game
from vn.script.program import compile_game

from gamefiles import write_game

MANIFEST = """\
game:
  id: reduction
  title: "Reduction"
  start: l0
characters:
  ann: {name: Ann}
variables:
  n: 0
  flag: false
  unread: 0
endings:
  good: {title: "Good"}
  bad: {title: "Bad"}
"""


@st.composite
def stories(draw) -> str:
    """Labels l0..lk; plain jumps only go forward, and only once-only options go back, so every
    route ends and even the unreduced exploration is finite. Conditions read visits, picks,
    turns_since and variables, compared with constants or not; text shows a count; some
    statements draw at random."""
    count = draw(st.integers(2, 4))
    menus = {k: draw(st.integers(0, 3)) for k in range(count)}     # options of each label's menu (0: none)
    names = [f"l{k}.o{o}" for k, options in menus.items() for o in range(options)]

    def condition() -> str:
        kind = draw(st.sampled_from(["visits", "picks", "turns", "n", "flag", "sum"]))
        c = draw(st.integers(0, 3))
        op = draw(st.sampled_from(["<", ">=", "==", ">", "!="]))
        label = f"l{draw(st.integers(0, count - 1))}"
        if kind == "picks" and names:
            return f"picks('{draw(st.sampled_from(names))}') {op} {c}"
        if kind == "turns":
            return f"turns_since('{label}') {op} {c}"
        if kind == "n":
            return f"n {op} {c}"
        if kind == "flag":
            return "flag"
        if kind == "sum":                       # a count used in arithmetic: never clamped
            return f"visits('{label}') + n {op} {c + 1}"
        return f"visits('{label}') {op} {c}"

    out = []
    for k in range(count):
        out.append(f"l{k}:")
        for _ in range(draw(st.integers(0, 2))):
            what = draw(st.sampled_from(["line", "count", "set", "unread", "if", "draw"]))
            if what == "line":
                out.append(f'  - "Line in {k}."')
            elif what == "count":
                out.append(f"  - \"Seen l0 {{visits('l0')}} times.\"")
            elif what == "set":
                out.append(draw(st.sampled_from(['  - set: {n: "n + 1"}', "  - set: {flag: true}"])))
            elif what == "draw":                # a random draw: a branch point for both explorers
                out.append(draw(st.sampled_from(['  - set: {n: "random(0, 2)"}', '  - set: {flag: "chance(0.5)"}'])))
            elif what == "unread":
                out.append('  - set: {unread: "unread + 1"}')
            else:
                out += [f'  - if: "{condition()}"', "    then:", f'      - "Inside {k}."']
                if k + 1 < count and draw(st.booleans()):
                    out.append(f"      - jump: l{draw(st.integers(k + 1, count - 1))}")
        if menus[k]:
            out.append("  - menu:")
            for o in range(menus[k]):
                once = draw(st.booleans())
                out += [f'      - text: "Option {o} of {k}"', f"        name: o{o}"]
                if once:
                    out.append("        once: true")
                if draw(st.booleans()):
                    out.append(f'        if: "{condition()}"')
                if draw(st.booleans()):
                    out.append('        set: {n: "n + 1"}')
                targets = list(range(k + 1, count)) + (list(range(0, k + 1)) if once else [])
                if targets and draw(st.booleans()):
                    out.append(f"        jump: l{draw(st.sampled_from(targets))}")
        end = draw(st.sampled_from(["good", "bad", "stop", "jump"]))
        if end in ("good", "bad"):
            out.append(f"  - ending: {end}")
        elif end == "jump" and k + 1 < count:
            out.append(f"  - jump: l{draw(st.integers(k + 1, count - 1))}")
    return "\n".join(out) + "\n"


def found(report) -> dict:
    coverage = report.coverage
    routes = {kind: report.counts[kind] for kind in ("dead_end_routes", "failure_routes", "loop_routes")}
    return {"endings": report.endings, "routes": report.routes, "ending_routes": routes,
            "dead_end": bool(report.dead_ends),
            "failures": sorted({error for _, error in report.failures}),
            "covered": {name: sorted(done) for name, done in coverage.covered.items()},
            "menus": coverage.menus, "offered": coverage.offered, "labels": coverage.labels}


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(stories())
def test_the_reduced_key_finds_what_the_whole_state_finds(story):
    with tempfile.TemporaryDirectory() as tmp:
        result = load_game(write_game(Path(tmp), story, MANIFEST))
    assume(result.game is not None)
    program = compile_game(result.game)
    whole = explore_routes(program, max_states=20_000, max_seconds=20, reduced=False)
    assume(not whole.truncated)
    reduced = explore_routes(program, max_states=20_000, max_seconds=20)
    assert not reduced.truncated
    assert reduced.states <= whole.states
    # the state graph has no circles here (every way back uses up a once-only option), so even the
    # route counts agree: merging states never changes how many routes pass through them
    assert found(reduced) == found(whole), story
    assert set(reduced.examples) == set(whole.examples)


@st.composite
def hubs(draw) -> str:
    """A hub (l1) whose options add 1 or 2 to n while n is small and come back: routes of
    different lengths meet in states equal but for their counts, which climb past the constants
    the conditions compare them with. That is where clamping counts too early would show."""
    options = draw(st.integers(2, 3))
    limit = draw(st.integers(2, 4))
    count = st.sampled_from(["visits('l1')", "picks('l1.o0')", "picks('l1.o1')", "turns_since('l0')",
                             "turns_since('l1')", "turns_since('l2')", "n"])
    op = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])

    def condition() -> str:
        return f"{draw(count)} {draw(op)} {draw(st.integers(-1, 4))}"

    out = ["l0:", '  - "The square."', "  - jump: l1", "l1:"]
    if draw(st.booleans()):
        out += [f'  - if: "{condition()}"', "    then:", "      - ending: good"]
    out.append("  - menu:")
    for o in range(options):
        out += [f'      - text: "Step {o}"', f"        name: o{o}", f'        if: "n < {limit}"',
                f'        set: {{n: "n + {draw(st.integers(1, 2))}"}}', "        jump: l1"]
    if draw(st.booleans()):     # a step no other count sees: only visits('l1') and turns tell
        out += ['      - text: "Look around"', "        name: look", "        if: \"picks('l1.look') < 2\"",
                "        jump: l1"]
    out += ['      - text: "Leave"', f'        if: "{condition()}"', "        jump: l2"]
    out += ["l2:", f'  - if: "{condition()}"', "    then:", "      - ending: good", "  - ending: bad"]
    return "\n".join(out) + "\n"


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hubs())
def test_on_hubs_the_clamped_counts_find_what_the_exact_counts_find(story):
    test_the_reduced_key_finds_what_the_whole_state_finds.hypothesis.inner_test(story)


def test_a_count_compared_with_constants_is_clamped_and_one_used_otherwise_is_not(tmp_path):
    from vn.runtime.routekey import UNCLAMPED, counter_limits
    story = """
        l0:
          - if: "visits('l0') < 3 or picks('l0.o0') >= 2"
            then: ["Few."]
          - "Seen {turns_since('l0')} turns ago."
          - menu:
              - text: "Again"
                name: o0
                if: "4 > visits('l0')"
                jump: l0
              - text: "Stop"
          - ending: good
    """
    program = compile_game(load_game(write_game(tmp_path, story, MANIFEST)).game)
    assert counter_limits(program) == {("visits", "l0"): 5, ("picks", "l0.o0"): 3,
                                       ("turns_since", "l0"): UNCLAMPED}
