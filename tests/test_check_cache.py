"""`vn check` keeps its results: an unchanged story is not checked again, and anything a check
reads (a script, a picture, the engine, the options) changing makes it check afresh."""
import json
import os
import shutil
from pathlib import Path

import pytest

from vn import checkcache, cli
from vn.cli import main

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture
def story(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(SCRIPTS, folder)
    return folder


def checks_made(monkeypatch) -> list:
    """The checks the whole-result cache did not answer."""
    made = []
    real = cli.fresh_check

    def counting(directory, explore, engine):
        made.append(directory)
        return real(directory, explore, engine)
    monkeypatch.setattr(cli, "fresh_check", counting)
    return made


def test_an_unchanged_story_is_answered_from_the_cache(story, monkeypatch, capsys):
    made = checks_made(monkeypatch)
    assert main(["check", str(story)]) == 0
    first = capsys.readouterr().out
    assert main(["check", str(story)]) == 0
    assert capsys.readouterr().out == first and "All clear" in first
    assert len(made) == 1
    assert main(["check", str(story), "--no-routes"]) == 0      # other options: another result
    assert len(made) == 2


def test_warnings_and_errors_come_back_the_same(story, monkeypatch, capsys):
    made = checks_made(monkeypatch)
    bar = story / "bar.yaml"
    bar.write_text(bar.read_text(encoding="utf-8") + "\nlonely:\n  - \"Nobody comes here.\"\n  - jump: nowhere\n",
                   encoding="utf-8")
    assert main(["check", str(story), "--json"]) == 1
    first = json.loads(capsys.readouterr().out)
    assert main(["check", str(story), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == first
    assert {d["code"] for d in first["diagnostics"]} >= {"VN005"}
    assert len(made) == 1
    main(["check", str(story)])
    shown = capsys.readouterr().out
    assert "jump: nowhere" in shown and "^" in shown      # the source line and caret survive the cache


def test_an_edited_script_or_a_touched_picture_is_checked_again(story, monkeypatch):
    made = checks_made(monkeypatch)
    main(["check", str(story)])
    bar = story / "bar.yaml"
    bar.write_text(bar.read_text(encoding="utf-8").replace("Willy", "Willy", 1) + "\n", encoding="utf-8")
    main(["check", str(story)])
    assert len(made) == 2
    (story / "fonts").mkdir()
    (story / "fonts" / "extra.ttf").write_bytes(b"not really a font")
    main(["check", str(story)])
    assert len(made) == 3
    stamp = os.stat(story / "fonts" / "extra.ttf").st_mtime_ns + 5_000_000_000
    os.utime(story / "fonts" / "extra.ttf", ns=(stamp, stamp))
    main(["check", str(story)])
    assert len(made) == 4


def test_a_changed_engine_never_trusts_an_old_result(story, tmp_path, monkeypatch):
    engine = tmp_path / "engine"
    engine.mkdir()
    (engine / "module.py").write_text("X = 1\n")
    monkeypatch.setattr(checkcache, "ENGINE", engine)
    before = checkcache.check_key(str(story), "x")
    assert checkcache.check_key(str(story), "x") == before
    (engine / "module.py").write_text("X = 22\n")
    assert checkcache.check_key(str(story), "x") != before


@pytest.mark.parametrize("damage", ["{not json", json.dumps({"format": 1, "key": "other"}),
                                    json.dumps({"format": 1, "diagnostics": [{"file": 3}]}), "\x00\xff"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(story, monkeypatch, capsys, damage):
    made = checks_made(monkeypatch)
    main(["check", str(story)])
    first = capsys.readouterr().out
    key = checkcache.check_key(str(story), "explore=True")
    (checkcache.cache_folder() / f"{key}.json").write_text(damage, encoding="utf-8", errors="surrogateescape")
    assert main(["check", str(story)]) == 0
    assert capsys.readouterr().out == first
    assert len(made) == 2
    assert checkcache.load(key) is not None       # rebuilt


def test_no_cache_reads_and_writes_nothing(story, monkeypatch):
    made = checks_made(monkeypatch)
    main(["check", str(story), "--no-cache"])
    main(["check", str(story), "--no-cache"])
    assert len(made) == 2
    assert not checkcache.cache_folder().exists() or not list(checkcache.cache_folder().glob("*.json"))


def test_the_cache_keeps_a_bounded_number_of_results(story, monkeypatch):
    monkeypatch.setattr(checkcache, "KEEP", 3)
    for n in range(5):
        (story / "notes.yaml").write_text(f"note_{n}:\n  - \"A note.\"\n  - ending: every_morning\n", encoding="utf-8")
        main(["check", str(story)])
    assert len(list(checkcache.cache_folder().glob("*.json"))) == 3
