"""Save slots against hostile files: each example of issue 17 that concerns a slot, and what it stands for.

One file in the saves folder may be refused, never stop the listing, the title's Continue
or `vn saves`; a save that loads can always be written again; names and folders are checked."""
from __future__ import annotations

import errno
import json
import math
import os
import time

import pytest

from vn.cli import main
from vn.runtime.runtime import Runtime
from vn.save.resume import open_store, resume
from vn.save.slots import SaveError

from hostile import (PROGRAM, ROOT, is_clean, make_special, nested, png, put, release_fifo, save_doc,
                     state_with_a_choice, store_with_saves, within)

SCRIPTS = str(ROOT / "scripts")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files need POSIX")


def saves_folder():
    return open_store(PROGRAM).folder


def assert_others_fine(store, damaged: str):
    infos = {i.slot: i for i in store.list()}
    for slot, info in infos.items():
        if slot != damaged:
            assert info.ok, f"{info.title}: {info.reason}"
    return infos


def vn_saves_prints(capsys) -> str:
    assert main(["saves", SCRIPTS]) == 0
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return out


# -- §1: one file must never stop the game from starting ----------------------------------

@pytest.mark.parametrize("created", ["2020-01-01", "2020-01-01T00:00:00"])
def test_a_date_without_a_zone_beside_dates_with_one(created, capsys):
    store = store_with_saves(saves_folder())
    doc = save_doc(store, "2")
    doc["created"] = created
    put(store, "2", doc)
    assert store.newest() is not None   # compares every save's date
    infos = assert_others_fine(store, "2")
    assert infos["2"].ok and infos["2"].when.tzinfo is not None
    assert "Slot 2" in vn_saves_prints(capsys)


def test_json_nested_a_thousand_deep_is_refused(capsys):
    store = store_with_saves(saves_folder())
    put(store, "3", nested(1000))
    infos = assert_others_fine(store, "3")
    assert not infos["3"].ok and "nested" in infos["3"].reason
    assert store.newest() is not None
    assert "REFUSED" in vn_saves_prints(capsys)


def test_deep_nesting_inside_a_real_save_is_refused():
    store = store_with_saves(saves_folder())
    doc = save_doc(store, "3")
    doc["state"]["variables"]["x"] = json.loads(nested(900))
    put(store, "3", doc)
    assert not assert_others_fine(store, "3")["3"].ok


def test_a_fifo_named_like_a_slot_does_not_hang(capsys):
    store = store_with_saves(saves_folder())
    make_special(store.path("3"), "fifo")
    try:
        infos = within(5, assert_others_fine, store, "3")
        assert not infos["3"].ok and "regular file" in infos["3"].reason
        within(5, vn_saves_prints, capsys)
    finally:
        release_fifo(store.path("3"))


def test_a_link_to_dev_zero_is_refused_without_reading_it(capsys):
    store = store_with_saves(saves_folder())
    make_special(store.path("3"), "zero")
    infos = within(5, assert_others_fine, store, "3")
    assert not infos["3"].ok and infos["3"].reason
    within(5, vn_saves_prints, capsys)


def test_a_utf8_bom_is_accepted():
    store = store_with_saves(saves_folder())
    store.path("2").write_bytes(b"\xef\xbb\xbf" + store.path("2").read_bytes())
    assert store.info("2").ok


# -- §2: two writers never lose each other's saves ----------------------------------------

def test_opening_the_store_keeps_a_temporary_being_written():
    from vn.save.locking import locked
    store = store_with_saves(saves_folder())
    tmp = store.folder / ".4.json.abcd1234.tmp"
    with locked(store.path("4")):
        tmp.write_bytes(b"{half a save")
        open_store(PROGRAM)
        assert tmp.exists()
    open_store(PROGRAM)              # no writer holds it now: abandoned
    assert not tmp.exists()


def test_an_old_temporary_is_removed_even_where_nothing_can_lock(monkeypatch):
    from vn.save import atomic
    store = store_with_saves(saves_folder())
    fresh, old = store.folder / ".4.json.aaaa1111.tmp", store.folder / ".5.json.bbbb2222.tmp"
    fresh.write_bytes(b"x")
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 120, time.time() - 120))
    monkeypatch.setattr(atomic, "held_by_nobody", lambda target: False)  # a folder that cannot lock
    assert atomic.remove_stale_temporaries(store.folder) == 1
    assert fresh.exists() and not old.exists()


def test_saving_while_another_copy_opens_the_folder_loses_nothing():
    """The issue's second case: one copy saving in a loop, another opening the folder in a loop."""
    import threading
    store = store_with_saves(saves_folder())
    state = state_with_a_choice()
    stop = threading.Event()

    def opener():
        while not stop.is_set():
            open_store(PROGRAM)
    t = threading.Thread(target=opener)
    t.start()
    failures = 0
    try:
        for n in range(300):
            try:
                store.write(str(n % 3 + 1), state, scene="x", summary=f"save {n}")
            except (SaveError, OSError):
                failures += 1
    finally:
        stop.set()
        t.join()
    assert failures == 0
    assert [store.info(s).summary for s in ("1", "2", "3")] == ["save 297", "save 298", "save 299"]


def _fail_writes(monkeypatch, err: int):
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(err, os.strerror(err))
    monkeypatch.setattr(tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("err", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_run_save_on_a_disk_that_refuses_says_so(monkeypatch, capsys, err):
    _fail_writes(monkeypatch, err)
    code = main(["run", "--text", SCRIPTS, "--choices", "1", "--save", "3"])
    captured = capsys.readouterr()
    assert code == 1
    assert f"error: Slot 3: could not be saved ({os.strerror(err)})" in captured.err
    assert "Traceback" not in captured.err + captured.out


# -- §3: what the save screen shows is always drawable ---------------------------------------

@pytest.mark.parametrize("play_time", ["NaN", "Infinity", "-Infinity", "1e999", "-5", str(10 ** 400)])
def test_play_time_comes_out_finite(play_time, capsys):
    store = store_with_saves(saves_folder())
    text = json.dumps(save_doc(store, "2")).replace('"play_time": 0.0', f'"play_time": {play_time}')
    assert play_time in text
    put(store, "2", text)
    info = store.info("2")
    assert info.ok and math.isfinite(info.play_time) and info.play_time >= 0
    out = json.loads(main(["saves", SCRIPTS, "--json"]) == 0 and capsys.readouterr().out)
    assert all(math.isfinite(s["play_time"]) for s in out["saves"])


@pytest.mark.parametrize("created", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
                                     "9999-12-31T23:59:59", "0001-01-01", "yesterday", "2020-13-45"])
def test_a_date_at_the_ends_of_time_never_overflows(created, capsys):
    store = store_with_saves(saves_folder())
    doc = save_doc(store, "2")
    doc["created"] = created
    put(store, "2", doc)
    info = store.info("2")
    assert info.ok
    if info.when is not None:
        info.when.astimezone()       # what slot_card and `vn saves` do with it
        info.when.astimezone(__import__("datetime").timezone.utc)
    store.newest()
    assert "Slot 2" in vn_saves_prints(capsys)


@pytest.mark.parametrize("field", ["summary", "scene", "last_line"])
@pytest.mark.parametrize("bad", ["a\\u0000b", "a\\ud800b", "\\udfff", "x" * 100_000,
                                 "line\\nbreak\\u001b[2J\\u2028"])
def test_strings_come_out_drawable(field, bad, capsys):
    store = store_with_saves(saves_folder())
    text = json.dumps(save_doc(store, "2")).replace(f'"{field}": "', f'"{field}": "{bad}', 1)
    put(store, "2", text)
    info = store.info("2")
    assert info.ok
    for value in (info.summary, info.scene, info.last_line, info.reason):
        assert is_clean(value) and len(value) <= 500
    vn_saves_prints(capsys)


def test_a_thumbnail_beyond_the_thumbnail_size_is_dropped_and_the_save_kept():
    import base64
    store = open_store(PROGRAM, saves_folder())
    state = state_with_a_choice()
    store.write("1", state, thumbnail=png(320, 180))
    store.write("2", state, thumbnail=png(27000, 27000, with_pixels=False))
    store.write("3", state, thumbnail=png(16000, 16000, with_pixels=False))
    assert store.info("1").thumbnail is not None
    for slot in ("2", "3"):
        info = store.info(slot)
        assert info.ok and info.thumbnail is None
    doc = save_doc(store, "1")
    doc["thumbnail"] = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()
    put(store, "1", doc)
    assert store.info("1").ok and store.info("1").thumbnail is None


def test_the_thumbnail_limit_is_the_size_the_window_writes():
    pytest.importorskip("pygame")
    from vn.save.png import THUMB_MAX
    from vn.ui.thumbnail import THUMB_SIZE
    assert THUMB_MAX == THUMB_SIZE


def test_vn_save_never_imports_pygame():
    import subprocess
    import sys
    code = "import sys, vn.save.slots, vn.save.persistent, vn.save.png; assert 'pygame' not in sys.modules"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- §4: after one odd save, later saves still work ------------------------------------------

def test_a_lone_surrogate_in_the_route_text_does_not_break_later_saves():
    store = store_with_saves(saves_folder())
    text = json.dumps(save_doc(store, "2"))
    assert '"text": "' in text
    put(store, "2", text.replace('"text": "', '"text": "\\ud800', 1))
    runtime, _ = resume(PROGRAM, store, "2")
    store.write("2", runtime.state, summary="again")      # the autosave after loading it
    store.write_autosave(runtime.state)
    assert store.info("2").ok and store.info("auto-1").ok


def test_every_write_failure_is_a_save_error(monkeypatch):
    store = open_store(PROGRAM, saves_folder())
    state = Runtime(PROGRAM).state.to_dict()
    deep = [1]
    for _ in range(5000):
        deep = [deep]
    bad_states = [dict(state, variables={"x": float("nan")}), dict(state, variables={"x": 10 ** 5000}),
                  dict(state, variables={"x": deep}), {"a": object()}]
    for bad in bad_states:
        with pytest.raises(SaveError):
            store.write("4", bad)
    # strings that cannot be encoded are repaired, not refused
    store.write("4", state, scene="\ud800", summary="a\udfffb", last_line="\x00")
    assert store.info("4").ok
    _fail_writes(monkeypatch, errno.ENOSPC)
    with pytest.raises(SaveError, match="could not be saved") as caught:
        store.write("5", state)
    assert isinstance(caught.value, OSError)
    with pytest.raises(SaveError):
        store.write_autosave(state)


# -- §9: names and folders ---------------------------------------------------------------------

@pytest.mark.parametrize("slot", ["1\n", "quick\n", "\n1", "1 ", "auto-1\n", "１"])
def test_slot_names_are_matched_whole(slot, capsys):
    store = open_store(PROGRAM, saves_folder())
    with pytest.raises(SaveError):
        store.path(slot)
    assert main(["run", "--text", SCRIPTS, "--choices", "1", "--save", slot]) == 2
    assert "not a valid slot name" in capsys.readouterr().err
    assert not list(store.folder.glob("*.json")) if store.folder.exists() else True


def test_a_file_with_a_newline_in_its_name_is_not_listed():
    store = store_with_saves(saves_folder(), slots=("1",))
    (store.folder / "1\n.json").write_bytes(store.path("1").read_bytes())
    assert store.slots() == ["1"]


def test_a_tilde_in_vn_data_dir_means_home(monkeypatch, tmp_path):
    from vn.save.datadir import data_dir
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VN_DATA_DIR", "~/x")
    assert data_dir("g") == tmp_path / "home" / "x"
    monkeypatch.setenv("VN_DATA_DIR", "rel/dir")
    assert data_dir("g") == tmp_path / "rel" / "dir"


def test_a_tilde_that_names_no_home_is_refused_with_a_message(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VN_DATA_DIR", "~no-such-user-here/x")
    assert main(["saves", SCRIPTS]) == 2
    assert "VN_DATA_DIR" in capsys.readouterr().err
    assert main(["run", "--text", SCRIPTS, "--choices", "1", "--save", "3"]) == 2
    assert not (tmp_path / "~no-such-user-here").exists()
