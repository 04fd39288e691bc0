"""`vn shots` on any story folder: one with pictures and sprites, one without backgrounds."""
from __future__ import annotations

import pygame

from picturestory import GREEN, RED, SPRITE_SIZE, near, solid, write_story
from vn.ui.shots import write_shots


def test_shots_of_a_picture_story_and_of_one_without_backgrounds(tmp_path):
    pygame.display.init()
    pygame.display.set_mode((8, 8))
    folder = tmp_path / "story"
    solid(folder / "images/bg.png", (1600, 900), RED)
    solid(folder / "images/ann.png", SPRITE_SIZE, GREEN, alpha=True)
    write_story(folder, """characters:
  ann: {name: Ann, images: {calm: images/ann.png}}
backgrounds:
  hall: {image: images/bg.png}
""", """start:
  - scene: hall
  - show: {character: ann, expression: calm, at: left}
  - ann: "Here I stand."
  - ending: done
""")
    shots = write_shots(folder, tmp_path / "out", log=lambda _: None)
    names = {p.stem for p in shots}
    assert {"title", "scene-hall-ann", "ending-done", "error-load", "error-runtime"} <= names
    scene = pygame.image.load(str(tmp_path / "out" / "scene-hall-ann.png"))
    assert near(tuple(scene.get_at((320, 400)))[:3], GREEN) and near(tuple(scene.get_at((900, 100)))[:3], RED, 15)

    bare = write_story(tmp_path / "bare", "characters:\n  ann: {name: Ann}\n",
                       'start:\n  - ann: "No scenery."\n  - ending: done\n')
    names = {p.stem for p in write_shots(bare, tmp_path / "out2", log=lambda _: None)}
    assert {"title", "scene-plain", "ending-done"} <= names


def test_vn_shots_takes_the_story_folder_first_as_vn_play_does(tmp_path):
    import subprocess
    import sys
    folder = write_story(tmp_path / "bare", "characters:\n  ann: {name: Ann}\n",
                         'start:\n  - ann: "No scenery."\n  - ending: done\n')
    done = subprocess.run([sys.executable, "-m", "vn", "shots", str(folder), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "scene-plain.png").is_file()
    wrong = subprocess.run([sys.executable, "-m", "vn", "shots", "a", "b", "c"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "story folder" in wrong.stderr and not (tmp_path / "a").exists()
