"""Property tests for the data folder: any JSON value at any depth, any kind of file, writers at once.

What must hold: no exception escapes listing, loading or writing; the other slots are
untouched; whatever loads can be written again; no save is lost to another writer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from vn.save.persistent import Persistent
from vn.save.resume import open_store, resume
from vn.save.slots import SaveError

from hostile import PROGRAM, ROOT, is_clean, make_special, release_fifo, save_doc, state_with_a_choice, within

pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files need POSIX")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])

HOSTILE = st.sampled_from(["\ud800", "a\x00b", "2020-01-01", "2020-01-01T00:00:00", "9999-12-31T23:59:59-14:00",
                           "0001-01-01T00:00:00+14:00", "vn-save", "1", float("nan"), float("inf"), 10 ** 400, []])
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=20) | HOSTILE)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
DEPTHS = st.sampled_from([0, 0, 0, 1, 30, 70, 1200, 100_000])  # hypothesis raises the recursion limit: go past it
MARKER = "\u2603planted\u2603"


def dump(value, depth: int, as_dict: bool, ascii_only: bool) -> str:
    """As a careless or hostile writer would: NaN allowed, surrogates kept, `depth` more levels around it
    (added as text: json.dumps itself cannot go that deep)."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    return ('{"x":' * depth + text + "}" * depth) if as_dict else ("[" * depth + text + "]" * depth)


def plant(doc: dict, where: str, value_text: str) -> str:
    """`doc` as JSON text with the field `where` ("state.x" for one inside the state) set to `value_text`."""
    if where.startswith("state."):
        doc["state"][where[6:]] = MARKER
    else:
        doc[where] = MARKER
    return json.dumps(doc).replace(json.dumps(MARKER), value_text)


def write(path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))   # a raw surrogate: invalid UTF-8, refused


@pytest.fixture(scope="module")
def template():
    return state_with_a_choice()


WHERE = st.sampled_from(["whole", "created", "play_time", "scene", "summary", "last_line", "thumbnail",
                         "fingerprint", "version", "game", "format", "state", "state.route", "state.variables",
                         "state.position", "state.last_line", "state.stage", "state.visits"])


@FAST
@given(value=values, where=WHERE, depth=DEPTHS, as_dict=st.booleans(), ascii_only=st.booleans())
def test_any_json_in_a_slot_costs_that_slot_only(tmp_path_factory, template, value, where, depth, as_dict,
                                                 ascii_only):
    store = open_store(PROGRAM, tmp_path_factory.mktemp("saves"))
    for slot in ("1", "2", "3"):
        store.write(slot, template, scene="Bar", summary="ok")
    before = {s: store.path(s).read_bytes() for s in ("1", "3")}
    value_text = dump(value, depth, as_dict, ascii_only)
    write(store.path("2"), value_text if where == "whole" else plant(save_doc(store, "2"), where, value_text))
    infos = {i.slot: i for i in store.list()}
    assert infos["1"].ok and infos["3"].ok
    assert {s: store.path(s).read_bytes() for s in ("1", "3")} == before
    store.newest()
    info = infos["2"]
    for text in (info.reason, info.scene, info.summary, info.last_line, info.created):
        assert is_clean(text) and len(text) <= 500
    if info.when is not None:
        info.when.astimezone()
    try:
        runtime, _ = resume(PROGRAM, store, "2")
    except SaveError:
        return
    store.write("2", runtime.state, scene=info.scene, summary=info.summary, play_time=info.play_time)
    assert store.info("2").ok


@FAST
@given(value=values, where=st.sampled_from(["whole", "endings", "seen", "settings", "version", "format"]),
       depth=DEPTHS, as_dict=st.booleans(), ascii_only=st.booleans())
def test_any_json_in_persistent_data_never_stops_the_start(tmp_path_factory, value, where, depth, as_dict,
                                                          ascii_only):
    folder = tmp_path_factory.mktemp("data")
    good = Persistent(folder, "g")
    good.mark_seen("a")
    good.save()
    value_text = dump(value, depth, as_dict, ascii_only)
    write(good.path, value_text if where == "whole" else plant(json.loads(good.path.read_text()), where, value_text))
    p = Persistent.load(folder, "g")
    assert is_clean(p.problem)
    p.mark_seen("b")
    p.save()
    again = Persistent.load(folder, "g")
    assert again.problem == "" and again.seen == p.seen and again.endings == p.endings


KINDS = ["fifo", "zero", "dangling", "directory", "empty", "sparse"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), slot=st.sampled_from(["2", "quick", "auto-1"]))
def test_any_kind_of_file_in_a_slot(tmp_path_factory, template, kind, slot):
    store = open_store(PROGRAM, tmp_path_factory.mktemp("saves"))
    for s in ("1", "3"):
        store.write(s, template)
    make_special(store.path(slot), kind)
    try:
        infos = within(5, lambda: {i.slot: i for i in store.list()})
        assert infos["1"].ok and infos["3"].ok
        if kind != "dangling":
            assert not infos[slot].ok and infos[slot].reason
        within(5, store.newest)
        try:
            store.write(slot, template)
            assert store.info(slot).ok
        except SaveError:
            assert kind == "directory"   # a folder where the save should go cannot be replaced
    finally:
        release_fifo(store.path(slot))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS))
def test_any_kind_of_file_as_persistent_data(tmp_path_factory, kind):
    folder = tmp_path_factory.mktemp("data")
    make_special(folder / "persistent.json", kind)
    try:
        p = within(5, Persistent.load, folder, "g")
        p.reach_ending("e")
        p.save()
        assert Persistent.load(folder, "g").endings == ["e"]
    finally:
        release_fifo(folder / "persistent.json")
        for aside in folder.glob("persistent.json.damaged-*"):
            release_fifo(aside)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.lists(st.sampled_from(["1", "2", "3", "quick"]), min_size=2, max_size=5))
def test_threads_writing_while_the_store_is_opened_lose_nothing(tmp_path_factory, template, plan):
    """Writer i saves into plan[i]; two writers may share a slot. Another thread opens the store in a loop."""
    folder = tmp_path_factory.mktemp("saves")
    rounds = 40
    errors, stop = [], threading.Event()

    def writer(i, slot):
        store = open_store(PROGRAM, folder)
        for n in range(rounds):
            try:
                store.write(slot, template, summary=f"w{i} n{n}")
            except Exception as exc:  # noqa: BLE001  (collected: the test reports every kind)
                errors.append(repr(exc))

    def opener():
        while not stop.is_set():
            try:
                for info in open_store(PROGRAM, folder).list():
                    assert info.ok, info.reason
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))
    threads = [threading.Thread(target=writer, args=(i, s)) for i, s in enumerate(plan)]
    watcher = threading.Thread(target=opener)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    watcher.join()
    assert errors == []
    store = open_store(PROGRAM, folder)
    for slot in set(plan):
        last = {f"w{i} n{rounds - 1}" for i, s in enumerate(plan) if s == slot}
        assert store.info(slot).summary in last
    assert not list(folder.glob(".*.tmp"))


WRITER = r"""
import sys
from pathlib import Path
from vn.runtime.runtime import Runtime
from vn.save.resume import open_store
from vn.script.program import load_program
program = load_program(sys.argv[1])
store = open_store(program, Path(sys.argv[2]))
name, slots, rounds = sys.argv[3], sys.argv[4].split(","), int(sys.argv[5])
state = Runtime(program).state
print("ready", flush=True)
sys.stdin.readline()
for n in range(rounds):
    for slot in slots:
        store.write(slot, state, summary=f"{name} {n}")
        open_store(program, Path(sys.argv[2]))
print("done", flush=True)
"""


def test_processes_writing_the_same_and_other_slots_lose_nothing(tmp_path):
    folder, rounds = tmp_path / "saves", 60
    plans = {"a": "5,1", "b": "5,2", "c": "quick"}
    procs = {name: subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT / "scripts"), str(folder), name, slots,
                                     str(rounds)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for name, slots in plans.items()}
    for p in procs.values():
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs.values():   # all start writing together
        p.stdin.write("go\n")
        p.stdin.flush()
    opened = 0
    while any(p.poll() is None for p in procs.values()):
        for info in open_store(PROGRAM, folder).list():
            assert info.ok, info.reason
        opened += 1
    for name, p in procs.items():
        out, err = p.communicate()
        assert p.returncode == 0 and "done" in out, f"writer {name}: {err}"
    store = open_store(PROGRAM, folder)
    last = f" {rounds - 1}"
    assert store.info("1").summary == "a" + last and store.info("2").summary == "b" + last
    assert store.info("quick").summary == "c" + last
    assert store.info("5").summary in {"a" + last, "b" + last}
    assert opened > 0
