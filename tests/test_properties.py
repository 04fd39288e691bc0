"""Property tests over the shipped game and over damaged scripts."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.runtime.state import StateError, StoryState
from vn.script.loader import load_game
from vn.script.program import load_program

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
PROGRAM = load_program(SCRIPTS)
FILES = {p.name: p.read_bytes() for p in sorted(SCRIPTS.glob("*.yaml"))}


def play_out(rt: Runtime, picks) -> list:
    """Events until the end; choice k takes option picks[k] modulo how many are offered."""
    out, k = [], 0
    while True:
        e = rt.advance()
        out.append(e)
        if isinstance(e, ev.Choices):
            rt.choose(picks[k % len(picks)] % len(e.options) if picks else 0)
            k += 1
        elif isinstance(e, ev.End):
            return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=20))
def test_random_choices_always_reach_an_ending(picks):
    events = play_out(Runtime(PROGRAM), picks)
    assert isinstance(events[-1], ev.End)
    assert events[-1].ending in PROGRAM.manifest.endings
    assert isinstance(events[-2], ev.EndingReached)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=20), st.integers(0, 400))
def test_state_saved_to_json_mid_route_plays_on_identically(picks, stop_after):
    original = Runtime(PROGRAM)
    k = 0
    for _ in range(stop_after):  # walk part of the way
        if original.status == "ended":
            break
        if original.status == "choosing":
            original.choose(picks[k % len(picks)] % len(original.choices))
            k += 1
            continue
        original.advance()
    saved = json.loads(json.dumps(original.to_dict()))
    restored = Runtime(PROGRAM, saved)
    assert restored.to_dict() == original.to_dict()
    rest = picks[k % len(picks):] + picks[:k % len(picks)]
    if original.status == "choosing":  # both must agree on what is on offer
        assert restored.choices == original.choices
        pick = rest[0] % len(original.choices)
        original.choose(pick)
        restored.choose(pick)
        rest = rest[1:] + rest[:1]
    assert play_out(restored, rest) == play_out(original, rest)
    assert restored.to_dict() == original.to_dict()


def _damage(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for kind, where, value in edits:
        if not b:
            break
        i = where % len(b)
        if kind == 0:
            del b[i:i + 1 + value % 8]
        elif kind == 1:
            b[i:i] = bytes([value])
        elif kind == 2:
            b[i] = value
        else:  # swap two lines
            lines = bytes(b).split(b"\n")
            j, k = where % len(lines), value % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            b = bytearray(b"\n".join(lines))
    return bytes(b)


EDIT = st.tuples(st.integers(0, 3), st.integers(0, 10**6), st.integers(0, 255))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(FILES)), st.lists(EDIT, min_size=1, max_size=6))
def test_damaged_scripts_give_diagnostics_never_a_traceback(tmp_path_factory, name, edits):
    folder = tmp_path_factory.mktemp("damaged")
    for n, data in FILES.items():
        (folder / n).write_bytes(_damage(data, edits) if n == name else data)
    result = load_game(folder)  # must not raise
    if result.game is None:
        assert result.errors
        for d in result.errors:
            assert d.code.startswith("VN") and d.pos.line >= 1 and d.pos.column >= 1
            d.format()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_random_text_as_a_script_gives_diagnostics_never_a_traceback(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("random")
    (folder / "game.yaml").write_bytes(FILES["game.yaml"])
    (folder / "story.yaml").write_text(text, encoding="utf-8")
    load_game(folder)


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                       lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                       max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_state_dicts_are_refused_with_state_error(data):
    state = Runtime(PROGRAM).to_dict()
    key = data.draw(st.sampled_from(sorted(state)))
    state[key] = data.draw(JSONISH)
    try:
        restored = StoryState.from_dict(state)
    except StateError:
        return
    try:
        Runtime(PROGRAM, restored)
    except StateError:
        pass
