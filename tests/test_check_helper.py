"""On Linux, a first `vn check --no-routes` of a long story shares its files with a forked copy
of itself; what it prints is what checking it whole prints, however the copy's share goes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_long_game

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the copy is forked on Linux only")

# a fresh interpreter (no pygame, one thread) checking file by file, saying whether a copy helped
PROBE = """
import json, sys
import vn.incremental_check as inc
forked = []
class Counting(inc.Helper):
    def __init__(self, story, todo):
        super().__init__(story, todo)
        forked.append(len(self.share))
inc.Helper = Counting
result = inc.incremental_check(sys.argv[1], explore=False)
print(json.dumps({"forked": forked, "said": None if result is None else
                  [[d.format(), d.source_line] for d in result.diagnostics]}))
"""


def probe(folder: Path, cache: Path) -> dict:
    env = dict(os.environ, VN_CACHE_DIR=str(cache), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def whole(folder: Path) -> list:
    from vn import cli
    return [[d.format(), d.source_line] for d in cli.check_folder(str(folder), explore=False).diagnostics]


@pytest.fixture(scope="module")
def long_story(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long") / "story"
    write_long_game(folder, 20_000)
    return folder


def test_a_copy_checks_half_the_files_and_the_report_is_the_whole_checks(long_story, tmp_path):
    first = probe(long_story, tmp_path / "cache")
    assert first["forked"] and first["forked"][0] >= 5          # the copy took a share of the files
    assert first["said"] == whole(long_story)
    again = probe(long_story, tmp_path / "cache")
    assert again["forked"] == [] and again["said"] == first["said"]      # all from the cache now


def test_a_share_with_an_error_in_it_is_reported_as_the_whole_check_does(long_story, tmp_path):
    import shutil
    folder = tmp_path / "story"
    shutil.copytree(long_story, folder)
    for n in (3, 16):       # one file in each half, whichever way the halves fall
        story = folder / f"story_{n:02d}.yaml"
        story.write_text(story.read_text(encoding="utf-8").replace("Keep moving.", "Keep moving, {nobody}.", 1),
                         encoding="utf-8")
    found = probe(folder, tmp_path / "cache")
    assert found["forked"] and found["said"] == whole(folder)
    assert "VN008" in json.dumps(found["said"])
    (folder / "story_07.yaml").write_text("part_7: [\n", encoding="utf-8")    # and a file that does not parse
    assert probe(folder, tmp_path / "cache2")["said"] is None       # the whole check's to report
