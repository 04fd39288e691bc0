"""persistent.json against hostile files: it may be refused or set aside, never stop the game from starting,
and whatever loads can always be written again."""
from __future__ import annotations

import errno
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from vn.save.persistent import Persistent

from hostile import make_special, nested, release_fifo, within

pytestmark = pytest.mark.skipif(os.name != "posix", reason="special files need POSIX")

GAME = "g"


def good(folder: Path) -> Persistent:
    p = Persistent(folder, GAME)
    p.reach_ending("every_morning")
    p.mark_seen("bar.1")
    p.save()
    return p


def load(folder: Path) -> Persistent:
    return within(5, Persistent.load, folder, GAME)


def test_nested_a_thousand_deep_is_set_aside(tmp_path):
    (tmp_path / "persistent.json").write_text(nested(1000))
    p = load(tmp_path)
    assert p.endings == [] and "nested" in p.problem
    assert list(tmp_path.glob("persistent.json.damaged-*"))


def test_deep_values_inside_the_settings_are_refused(tmp_path):
    doc = json.loads(good(tmp_path).path.read_text())
    doc["settings"] = {"volume": json.loads(nested(500))}
    (tmp_path / "persistent.json").write_text(json.dumps(doc))
    assert "nested" in load(tmp_path).problem


def test_a_fifo_does_not_hang_the_start(tmp_path):
    path = tmp_path / "persistent.json"
    make_special(path, "fifo")
    try:
        p = load(tmp_path)
        assert "regular file" in p.problem
        p.reach_ending("x")
        p.save()                    # the FIFO was moved aside: progress is written again
        assert load(tmp_path).endings == ["x"]
    finally:
        release_fifo(path)
        for aside in tmp_path.glob("persistent.json.damaged-*"):
            release_fifo(aside)


@pytest.mark.parametrize("kind", ["zero", "directory"])
def test_a_file_that_is_not_one_is_set_aside(tmp_path, kind):
    make_special(tmp_path / "persistent.json", kind)
    p = load(tmp_path)
    assert p.problem and p.endings == []
    p.save()
    assert load(tmp_path).problem == ""


def test_a_damaged_file_in_a_read_only_folder_is_left_and_the_game_starts(tmp_path, monkeypatch):
    (tmp_path / "persistent.json").write_bytes(b"\x00garbage")

    def read_only(self, target):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))
    monkeypatch.setattr(Path, "replace", read_only)
    p = load(tmp_path)
    assert p.endings == [] and "could not be moved aside" in p.problem
    assert (tmp_path / "persistent.json").read_bytes() == b"\x00garbage"


def test_a_gigabyte_is_refused_without_reading_it(tmp_path):
    make_special(tmp_path / "persistent.json", "sparse")
    tracemalloc.start()
    try:
        p = within(2, Persistent.load, tmp_path, GAME)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too large" in p.problem and peak < 20 * 1024 * 1024


def test_a_utf8_bom_is_accepted(tmp_path):
    path = good(tmp_path).path
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    p = load(tmp_path)
    assert p.problem == "" and p.endings == ["every_morning"] and p.seen == {"bar.1"}


def test_a_lone_surrogate_in_seen_lines_does_not_break_later_writes(tmp_path):
    path = good(tmp_path).path
    path.write_text(path.read_text().replace('"bar.1"', '"bar.\\ud800"'))
    p = load(tmp_path)
    assert p.problem == "" and len(p.seen) == 1
    p.mark_seen("street.2")
    p.save()
    assert load(tmp_path).seen == p.seen


@pytest.mark.parametrize("value", [str(10 ** 400), "1e999", "-1e999", "NaN"])
def test_settings_past_every_range_are_clamped(tmp_path, value):
    path = good(tmp_path).path
    doc = json.loads(path.read_text())
    text = json.dumps(doc).replace('"volume": 0.8', f'"volume": {value}')
    assert value in text
    path.write_text(text)
    p = load(tmp_path)
    assert p.problem == "" and 0.0 <= p.settings.volume <= 1.0
    p.save()


def test_every_write_failure_is_a_persistent_error(tmp_path, monkeypatch):
    from vn.save.persistent import PersistentError
    p = good(tmp_path)
    p.seen.add("\udcff")                   # repaired on the way out, not refused
    p.save()
    p.settings.volume = float("nan")       # a caller's mistake: still one kind of error
    with pytest.raises(PersistentError):
        p.save()
    p.settings.volume = 0.5
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(PersistentError, match="No space left") as caught:
        p.save()
    assert isinstance(caught.value, OSError)
