"""Saves: round trips, script edits between save and load, damage, migration, persistent data."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.save.migrate import MigrationError, migrate
from vn.save.persistent import Persistent
from vn.save.resume import open_store, resume, route_summary
from vn.save.settings import Settings
from vn.save.slots import SaveError
from vn.script.program import load_program

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = load_program(ROOT / "scripts")
ROUTE = [2, 0, 1, 1, 0, 1, 0, 1, 0]  # haul Willy, take the lighter, walk out, ...


def events_to_end(rt: Runtime, picks: list[int]) -> list:
    out = []
    while True:
        e = rt.advance()
        out.append(e)
        if isinstance(e, ev.Choices):
            rt.choose(picks.pop(0) % len(e.options) if picks else 0)
        elif isinstance(e, ev.End):
            return out


def test_save_and_load_resume_identically_at_every_line(tmp_path):
    store = open_store(PROGRAM, tmp_path)
    reference = events_to_end(Runtime(PROGRAM), list(ROUTE))
    rt = Runtime(PROGRAM)
    picks = list(ROUTE)
    seen = 0
    while True:
        e = rt.advance()
        seen += 1
        if isinstance(e, ev.Choices):
            rt.choose(picks.pop(0) % len(e.options))
        if isinstance(e, ev.End):
            break
        if isinstance(e, ev.Line):
            store.write("1", rt.state, scene="x", summary=route_summary(rt.state))
            loaded, notices = resume(PROGRAM, store, "1")
            assert notices == []
            assert loaded.to_dict() == rt.to_dict()
            assert events_to_end(loaded, list(picks)) == reference[seen:]
    assert seen == len(reference)


def choose_by_id(rt: Runtime, ids: list[str]) -> None:
    """Play on, taking the listed option ids in order, until they are used up."""
    ids = list(ids)
    while ids:
        e = rt.advance()
        if isinstance(e, ev.Choices):
            rt.choose(next(c.index for c in e.options if c.id == ids[0]))
            ids.pop(0)


def test_summary_uses_the_writers_notes(tmp_path):
    rt = Runtime(PROGRAM)
    choose_by_id(rt, ["willy_leave", "lighter_take", "fire_walk", "walk_away"])
    assert route_summary(rt.state) == "left Willy bleeding · took the lighter · no fire · let them run"


def _copy_game(tmp_path) -> Path:
    folder = tmp_path / "game"
    shutil.copytree(ROOT / "scripts", folder)
    return folder


def _save_at_line(program, store, text_start: str) -> ev.Line:
    """Save while the line is on screen, as the game does: the state from just before
    the advance that showed it, so loading shows that line again."""
    rt = Runtime(program)
    while True:
        before = rt.snapshot()
        e = rt.advance()
        if isinstance(e, ev.Choices):
            rt.choose(0)
        if isinstance(e, ev.Line) and e.text.startswith(text_start):
            store.write("1", before, last_line=e.text)
            return e


def test_load_after_a_line_moved_resumes_at_that_line(tmp_path):
    folder = _copy_game(tmp_path)
    program = load_program(folder)
    store = open_store(program, tmp_path / "saves")
    saved = _save_at_line(program, store, "The grenade went off")
    bar = folder / "bar.yaml"
    text = bar.read_text()
    assert text.count(saved.text) == 1
    # move the saved line below the one after it; its derived id must not change
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if saved.text in line)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]
    after_it = lines[i + 2]
    bar.write_text("\n".join(lines))
    edited = load_program(folder)
    loaded, notices = resume(edited, open_store(edited, tmp_path / "saves"), "1")
    assert notices == ["The story has changed since this save was made."]
    assert loaded.advance() == saved  # the same line, found by its id in its new place
    assert loaded.advance().text in after_it


def test_load_after_the_saved_line_changed_resumes_at_label_start(tmp_path):
    folder = _copy_game(tmp_path)
    program = load_program(folder)
    store = open_store(program, tmp_path / "saves")
    saved = _save_at_line(program, store, "The grenade went off")
    bar = folder / "bar.yaml"
    bar.write_text(bar.read_text().replace(saved.text, "An edited line."))
    edited = load_program(folder)
    loaded, notices = resume(edited, open_store(edited, tmp_path / "saves"), "1")
    assert any("resuming at the start of 'bar_opening'" in n for n in notices)
    first = loaded.advance()
    assert isinstance(first, ev.SceneChange) or first.text.startswith("Smoke")


def test_load_after_the_label_was_removed_is_refused(tmp_path):
    folder = _copy_game(tmp_path)
    program = load_program(folder)
    store = open_store(program, tmp_path / "saves")
    _save_at_line(program, store, "Smoke. Glass")
    bar = folder / "bar.yaml"
    text = bar.read_text().replace("bar_opening:", "bar_beginning:").replace("start: bar_opening", "")
    bar.write_text(text)
    game = folder / "game.yaml"
    game.write_text(game.read_text().replace("start: bar_opening", "start: bar_beginning"))
    edited = load_program(folder)
    with pytest.raises(SaveError, match="Slot 1: cannot be resumed: the story has no label 'bar_opening'"):
        resume(edited, open_store(edited, tmp_path / "saves"), "1")


def _damage(data: bytes, how: int, where: int, value: int) -> bytes:
    if how == 0:
        return data[: where % max(len(data), 1)]                     # truncated
    if how == 1:
        return bytes([value]) * (where % 200)                         # random bytes
    doc = json.loads(data)
    if how == 2:
        key = sorted(doc)[where % len(doc)]
        del doc[key]                                                  # a missing key
    elif how == 3:
        key = sorted(doc)[where % len(doc)]
        doc[key] = [value, "x"] if value % 2 else {"x": value}        # wrong types
    else:
        key = sorted(doc["state"])[where % len(doc["state"])]
        doc["state"][key] = "damaged" if value % 2 else 12345         # damage inside the state
    return json.dumps(doc).encode()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=st.integers(0, 4), where=st.integers(0, 10_000), value=st.integers(0, 255))
def test_damaged_saves_are_refused_and_the_others_still_load(tmp_path_factory, how, where, value):
    folder = tmp_path_factory.mktemp("saves")
    store = open_store(PROGRAM, folder)
    rt = Runtime(PROGRAM)
    events_to_end(rt, [0]) if False else None
    for _ in range(5):
        rt.advance()
    for slot in ("1", "2", "3"):
        store.write(slot, rt.state, scene="Bar")
    path = store.path("2")
    damaged = _damage(path.read_bytes(), how, where, value)
    path.write_bytes(damaged)
    infos = {i.slot: i for i in store.list()}
    assert infos["1"].ok and infos["3"].ok
    resume(PROGRAM, store, "1")
    resume(PROGRAM, store, "3")
    if not infos["2"].ok:
        assert infos["2"].reason
        with pytest.raises(SaveError, match="^Slot 2: "):
            resume(PROGRAM, store, "2")
    else:  # some damage is harmless (e.g. a removed thumbnail); it must still play
        loaded, _ = resume(PROGRAM, store, "2")
        events_to_end(loaded, [0])


def test_newer_format_is_refused(tmp_path):
    store = open_store(PROGRAM, tmp_path)
    store.write("1", Runtime(PROGRAM).state)
    doc = json.loads(store.path("1").read_text())
    doc["version"] = 99
    store.path("1").write_text(json.dumps(doc))
    info = store.info("1")
    assert not info.ok and "newer version of the game" in info.reason


def test_older_formats_migrate_step_by_step():
    calls = []

    def one_to_two(doc):
        calls.append(1)
        return {**doc, "version": 2, "renamed": doc["old"]}

    def two_to_three(doc):
        calls.append(2)
        return {**doc, "version": 3, "extra": doc["renamed"] + "!"}

    steps = {1: one_to_two, 2: two_to_three}
    out = migrate({"version": 1, "old": "x"}, steps, current=3, oldest=1)
    assert calls == [1, 2] and out["extra"] == "x!" and out["version"] == 3
    assert migrate({"version": 2, "renamed": "y"}, steps, current=3, oldest=1)["extra"] == "y!"
    with pytest.raises(MigrationError, match="too old"):
        migrate({"version": 0}, steps, current=3, oldest=1)
    with pytest.raises(MigrationError, match="newer"):
        migrate({"version": 4}, steps, current=3, oldest=1)


def test_autosaves_rotate(tmp_path):
    store = open_store(PROGRAM, tmp_path)
    state = Runtime(PROGRAM).state
    written = [store.write_autosave(state).slot for _ in range(5)]
    assert written[:3] == ["auto-1", "auto-2", "auto-3"]
    assert written[3] == "auto-1" and written[4] == "auto-2"


def test_newest_save_is_found(tmp_path):
    store = open_store(PROGRAM, tmp_path)
    state = Runtime(PROGRAM).state
    store.write("5", state)
    store.write("quick", state)
    assert store.newest().slot == "quick"


def test_persistent_data_round_trip_and_damage(tmp_path):
    p = Persistent.load(tmp_path, "g")
    assert p.reach_ending("every_morning") and not p.reach_ending("every_morning")
    p.mark_seen("bar.1")
    p.settings.text_speed = 80
    p.save()
    again = Persistent.load(tmp_path, "g")
    assert again.endings == ["every_morning"] and again.seen == {"bar.1"} and again.settings.text_speed == 80
    (tmp_path / "persistent.json").write_bytes(b"\x00garbage")
    damaged = Persistent.load(tmp_path, "g")
    assert damaged.endings == [] and "damaged" in damaged.problem
    assert list(tmp_path.glob("persistent.json.damaged-*"))  # kept aside, not lost


def test_settings_from_bad_values_keep_what_is_good():
    s = Settings.from_dict({"text_speed": "fast", "fullscreen": True, "auto_delay": 99, "volume": None})
    assert s.text_speed == Settings().text_speed and s.fullscreen is True and s.auto_delay == 5.0


def test_an_enormous_file_is_refused_without_reading_it(tmp_path):
    store = open_store(PROGRAM, tmp_path)
    with open(store.path("7"), "wb") as f:
        f.truncate(17 * 1024 * 1024)
    info = store.info("7")
    assert not info.ok and "too large" in info.reason
