"""`vn check` file by file: after an edit it builds only what changed, and says exactly what the
whole-story check says, for every kind of edit, with a cache in any state."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from vn import checkcache, cli, incremental_check as inc
from vn.script import loader
from vn.script.filememo import FileMemo
from vn.script.program import compile_game

ROOT = Path(__file__).resolve().parent.parent
STORIES = [ROOT / "scripts", *sorted(p for p in (ROOT / "examples").iterdir() if (p / "game.yaml").exists())]


def shown(result) -> list[tuple[str, str]]:
    return [(d.format(), d.source_line) for d in result.diagnostics]


def whole(folder: Path) -> list[tuple[str, str]]:
    return shown(cli.check_folder(str(folder)))


def by_file(folder: Path):
    result = inc.incremental_check(str(folder))
    assert result is not None, "the file-by-file check gave up on a story it should check"
    return result


def counted_files(monkeypatch, module, name: str) -> list[str]:
    """The name of each file `module.name` (a builder given the file's SourceFile first) is called for."""
    made = []
    real = getattr(module, name)

    def counting(source, *args):
        made.append(Path(source.path).name)
        return real(source, *args)
    monkeypatch.setattr(module, name, counting)
    return made


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """The files the file-by-file check built (parsed and made labels of)."""
    return counted_files(monkeypatch, inc, "build_file")


@pytest.fixture
def reloads(monkeypatch) -> list[str]:
    """The files the loader built, as hot reload runs it (load_game with a FileMemo)."""
    return counted_files(monkeypatch, loader, "file_labels")


@pytest.fixture
def compiles(monkeypatch) -> list[int]:
    made = []
    import vn.script.program as program
    real = program.compile_game

    def counting(game, memo=None):
        made.append(1)
        return real(game, memo)
    monkeypatch.setattr(program, "compile_game", counting)
    return made


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_cold_and_warm_say_what_the_whole_check_says(story, tmp_path, builds):
    folder = tmp_path / story.name
    shutil.copytree(story, folder)
    expected = whole(folder)
    assert shown(by_file(folder)) == expected
    built = len(builds)
    assert built == len(list(folder.glob("*.yaml"))) - 1       # every script but the manifest
    assert shown(by_file(folder)) == expected                  # and again, from the cache
    assert len(builds) == built


EDITS = {
    # name: (file, change, the files built again (None: not asked), whether the routes are played again)
    "a line reworded": ("bar.yaml", lambda t: t.replace("Willy", "Billy", 1), ["bar.yaml"], False),
    "a choice added": ("bar.yaml", lambda t: t.replace(
        "  - menu:\n", "  - menu:\n      - text: \"Say nothing at all\"\n        jump: walk_to_cemetery\n", 1),
        None, True),      # playing the routes again needs every file's labels
    "a label added": ("endings.yaml", lambda t: t + "\nspare_room:\n  - \"Nobody sleeps here.\"\n  - ending: "
                      "every_morning\n", None, True),
    "an unknown variable": ("bar.yaml", lambda t: t.replace("Willy", "{wily}", 1), ["bar.yaml"], None),
    "a jump to nowhere": ("walk.yaml", lambda t: t + "\nlost:\n  - jump: nowhere_at_all\n", None, None),
    "a line made too long": ("bar.yaml", lambda t: t.replace("Willy", "Willy " + "and so on " * 90, 1),
                             ["bar.yaml"], False),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=str)
def test_an_edit_is_checked_as_the_whole_check_would(edit, tmp_path, builds, compiles):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    by_file(folder)
    name, change, rebuilt, replayed = EDITS[edit]
    path = folder / name
    changed = change(path.read_text(encoding="utf-8"))
    assert changed != path.read_text(encoding="utf-8")
    path.write_text(changed, encoding="utf-8")
    del builds[:], compiles[:]
    found = shown(by_file(folder))
    if rebuilt is not None:
        assert builds == rebuilt
    if replayed is not None:
        assert bool(compiles) == replayed
    assert found == whole(folder)


def test_a_story_beyond_one_file_gets_the_whole_check(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    by_file(folder)
    walk = folder / "walk.yaml"
    first_label = re.search(r"^(\w+):", walk.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    (folder / "extra.yaml").write_text(f"{first_label}:\n  - \"Twice.\"\n", encoding="utf-8")
    assert inc.incremental_check(str(folder)) is None           # a label in two files
    result = cli.checked(str(folder))
    assert "VN016" in {d.code for d in result.diagnostics}
    (folder / "extra.yaml").write_text("broken: [\n", encoding="utf-8")
    assert inc.incremental_check(str(folder)) is None           # a file that does not parse
    assert "VN001" in {d.code for d in cli.checked(str(folder)).diagnostics}


@pytest.mark.parametrize("damage", ["{not json", '{"format": 3, "key": "x"}', "[]", "\x00\xff"])
def test_a_damaged_file_entry_is_built_again(damage, tmp_path, builds):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    expected = shown(by_file(folder))
    entries = sorted(checkcache.cache_folder("files").glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text(damage, encoding="utf-8", errors="surrogateescape")
    del builds[:]
    assert shown(by_file(folder)) == expected
    assert len(builds) == len(entries)
    del builds[:]
    assert shown(by_file(folder)) == expected and builds == []     # rebuilt, and stored again


def test_a_field_of_the_wrong_kind_in_an_entry_is_not_trusted(tmp_path, builds):
    import json
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    expected = shown(by_file(folder))
    for entry in checkcache.cache_folder("files").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["summary"]["labels"][0][1] = "seven"                 # a line number that is text
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert shown(by_file(folder)) == expected


def test_a_new_engine_trusts_no_entry(tmp_path, builds, monkeypatch):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    by_file(folder)
    del builds[:]
    monkeypatch.setattr(checkcache, "engine_digest", lambda: "another engine")
    by_file(folder)
    assert len(builds) == len(list(folder.glob("*.yaml"))) - 1


def test_hot_reload_builds_only_the_saved_file(tmp_path, reloads):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    memo = FileMemo()
    loader.load_game(folder, memo)
    assert len(reloads) == len(list(folder.glob("*.yaml"))) - 1
    bar = folder / "bar.yaml"
    bar.write_text(bar.read_text(encoding="utf-8").replace("Willy", "Billy", 1), encoding="utf-8")
    del reloads[:]
    reloaded = loader.load_game(folder, memo)
    assert reloads == ["bar.yaml"]
    fresh = loader.load_game(folder)
    assert reloaded.game.labels == fresh.game.labels
    assert [d.format() for d in reloaded.diagnostics] == [d.format() for d in fresh.diagnostics]
    assert compile_game(reloaded.game).labels.keys() == compile_game(fresh.game).labels.keys()
    (folder / "game.yaml").write_text((folder / "game.yaml").read_text(encoding="utf-8") + "\n",
                                      encoding="utf-8")
    del reloads[:]
    loader.load_game(folder, memo)
    assert len(reloads) == len(list(folder.glob("*.yaml"))) - 1     # a new manifest: every file again


def _sound_story(folder: Path) -> Path:
    from soundfiles import sound_story
    sound_story(folder, 'start:\n  - sound: {play: "audio/shot.mp3"}\n  - "Bang."\n  - jump: later\n')
    (folder / "later.yaml").write_text('later:\n  - "Quiet."\n  - ending: done\n', encoding="utf-8")
    return folder


def test_a_file_the_story_does_not_use_builds_nothing_again(tmp_path, builds):
    """An editor's swap file, a .git folder, notes: none is asked of by a build, so none
    makes a file be built again (nor turns the cache off, however many files it holds)."""
    folder = _sound_story(tmp_path / "story")
    expected = shown(by_file(folder))
    del builds[:]
    (folder / ".story.yaml.swp").write_bytes(b"swap")
    (folder / ".git" / "objects").mkdir(parents=True)
    for n in range(50):
        (folder / ".git" / "objects" / f"{n:02x}").write_bytes(b"x" * n)
    (folder / "notes.txt").write_text("ideas", encoding="utf-8")
    assert shown(by_file(folder)) == expected == whole(folder)
    assert builds == []


def test_a_changed_sound_file_builds_the_file_that_plays_it(tmp_path, builds):
    folder = _sound_story(tmp_path / "story")
    by_file(folder)
    del builds[:]
    (folder / "audio" / "shot.mp3").write_bytes(b"not a sound at all, only words")
    found = by_file(folder)
    assert builds == ["story.yaml"]                   # the file that plays it, not later.yaml
    assert "VN037" in {d.code for d in found.diagnostics}
    assert shown(found) == whole(folder)
    (folder / "audio" / "shot.mp3").unlink()
    del builds[:]
    assert shown(by_file(folder)) == whole(folder)
    assert builds == ["story.yaml"]


def test_hot_reload_keeps_what_a_sound_file_change_leaves_standing(tmp_path, reloads):
    folder = _sound_story(tmp_path / "story")
    memo = FileMemo()
    loader.load_game(folder, memo)
    (folder / "notes.txt").write_text("ideas", encoding="utf-8")
    del reloads[:]
    loader.load_game(folder, memo)
    assert reloads == []
    (folder / "audio" / "shot.mp3").write_bytes(b"not a sound")
    reloaded = loader.load_game(folder, memo)
    assert reloads == ["story.yaml"]
    assert [d.format() for d in reloaded.diagnostics] == [d.format() for d in loader.load_game(folder).diagnostics]


def test_a_folder_too_big_to_list_is_still_checked_file_by_file(tmp_path, builds, monkeypatch):
    from vn.script import filememo
    folder = _sound_story(tmp_path / "story")
    monkeypatch.setattr(filememo, "MAX_FILES", 3)       # more files than the whole-result key lists
    assert checkcache.check_key(str(folder), "explore=True") is None
    first = shown(cli.checked(str(folder)))
    assert sorted(builds) == ["later.yaml", "story.yaml"]      # file by file, not the whole check
    del builds[:]
    assert shown(cli.checked(str(folder))) == first == whole(folder)
    assert builds == []


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_without_routes_each_files_reads_say_what_the_lint_says(story, tmp_path, compiles):
    """--no-routes, and no variable without a default: VN103 and VN120 come from what each file
    reads, with nothing compiled; then a check with routes still finds every file's flow."""
    folder = tmp_path / story.name
    shutil.copytree(story, folder)
    game = folder / "game.yaml"
    game.write_text(game.read_text(encoding="utf-8").replace("variables:\n", "variables:\n  never_read: 3\n", 1),
                    encoding="utf-8")
    quick = inc.incremental_check(str(folder), explore=False)
    assert not compiles
    assert shown(quick) == shown(cli.check_folder(str(folder), explore=False))
    assert "VN103" in {d.code for d in quick.diagnostics}
    assert shown(by_file(folder)) == whole(folder)
