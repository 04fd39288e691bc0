"""The illustrated example story (examples/lighthouse, "The Last Lamp"): it checks clean,
its pictures are the ones its script draws, it plays through the window to each ending,
its sprites stand where the script puts them and change face in place, `vn shots` covers
it, and its executable passes --selftest."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from vn.cli import check_folder
from vn.runtime.routes import explore_routes
from vn.script.program import compile_game

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "examples" / "lighthouse"
NAME = "the-last-lamp"
SPRITE_SIZE = (300, 560)
ROUTES = {          # option ids, in the order the story offers them -> the ending they reach
    ("kitchen_honest", "lamp_learn"): "apprentice",
    ("kitchen_firm", "lamp_wind"): "last_watch",
    ("kitchen_honest", "lamp_switch"): "new_light",
}


def _game():
    result = check_folder(str(STORY))
    assert result.game is not None
    return result.game


# -- the folder ---------------------------------------------------------------------------
def test_vn_check_is_clean():
    done = subprocess.run([sys.executable, "-m", "vn", "check", str(STORY)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors, 0 warnings. All clear." in done.stdout, done.stdout


def test_every_ending_is_reached_and_no_route_stops_short():
    report = explore_routes(compile_game(_game()))
    assert report.ok
    assert set(report.examples) == {"last_watch", "new_light", "apprentice"}
    assert not report.dead_ends


def test_the_manifest_uses_each_kind_of_picture():
    manifest = _game().manifest
    kinds = {bg.id: bg.kind for bg in manifest.backgrounds.values()}
    assert kinds == {"harbour": "layers", "kitchen": "image", "lamp_room": "image", "black": "color"}
    assert manifest.backgrounds["black"].color.lower() == "#000000"
    motions = [layer.motion for layer in manifest.backgrounds["harbour"].layers]
    assert any(m.drift != (0.0, 0.0) for m in motions)
    assert any(m.flicker > 0 for m in motions) and any(m.pulse[0] > 0 for m in motions)
    assert any(m.sway[0] > 0 for m in motions)
    for character in manifest.characters.values():
        assert len(character.images) >= 3, character.id
    assert len(manifest.characters) == 2
    names = [n for bg in manifest.backgrounds.values() for n in bg.pictures()]
    names += [n for c in manifest.characters.values() for n in c.images.values()]
    assert any(" " in n for n in names)
    assert (STORY / "theme.json").is_file()


def test_the_pictures_fit_and_the_folder_stays_small():
    images = STORY / "images"
    total = sum(p.stat().st_size for p in STORY.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < 3 * 1024 * 1024
    full_hd = [p for p in images.rglob("*.jpg") if pygame.image.load(str(p)).get_size() == (1920, 1080)]
    assert full_hd, "one background is a 1920x1080 JPEG"
    for character in _game().manifest.characters.values():
        for expression, name in character.images.items():
            sprite = pygame.image.load(str(STORY / name))
            assert sprite.get_size() == SPRITE_SIZE and sprite.get_flags() & pygame.SRCALPHA, name
            assert sprite.get_at((2, 2)).a == 0 and sprite.get_at((150, 300)).a == 255, name
    for background in _game().manifest.backgrounds.values():
        for name in background.pictures():
            w, h = pygame.image.load(str(STORY / name)).get_size()
            assert w >= 1280 and h >= 720, name


def test_make_pictures_draws_the_committed_pictures(tmp_path):
    """The pictures are the script's output: drawn again, each matches what is committed
    (allowing JPEG and scaling a little rounding on another machine)."""
    done = subprocess.run([sys.executable, str(STORY / "make_pictures.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    committed = sorted(p.relative_to(STORY / "images") for p in (STORY / "images").rglob("*.*"))
    drawn = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.*"))
    assert drawn == committed
    for name in committed:
        a, b = pygame.image.load(str(STORY / "images" / name)), pygame.image.load(str(tmp_path / name))
        assert a.get_size() == b.get_size(), name
        small = (a.get_width() // 8, a.get_height() // 8)
        a, b = pygame.transform.smoothscale(a, small), pygame.transform.smoothscale(b, small)
        diff = sum(abs(x - y) for px in range(0, small[0], 3) for py in range(0, small[1], 3)
                   for x, y in zip(a.get_at((px, py)), b.get_at((px, py))))
        samples = len(range(0, small[0], 3)) * len(range(0, small[1], 3)) * 4
        assert diff / samples < 2.0, name


# -- in the window ------------------------------------------------------------------------
@pytest.fixture
def story_app():
    from vn.ui.app import App
    app = App(STORY, paint_in_background=False)
    assert app.load()
    yield app
    app.close()


@pytest.fixture
def story_player(story_app):
    from uiplayer import Player
    player = Player(story_app)
    player.frames(2)
    return player


@pytest.mark.parametrize("route", list(ROUTES), ids=list(ROUTES.values()))
def test_each_route_plays_through_the_window_to_its_ending(story_player, route):
    game = story_player.start_game()
    story_player.play_until(game, lambda: game.ending is not None, route=list(route), limit=3000)
    assert game.ending is not None and game.ending.id == ROUTES[route]
    assert game.scene_key is not None and game.scene_key[0] == "black"      # the fade to black came first


def _on_line(game, start: str):
    line = getattr(game.dialogue, "line", None)
    return line is not None and line.text.startswith(start)


def _sprite_match(canvas, name: str, centre_x: float, rows=range(40, 240), step: int = 4,
                  only=None) -> float:
    """The share of the sprite's opaque pixels (in its upper part, above the dialogue box)
    that the canvas shows unchanged where a sprite centred at centre_x stands."""
    sprite = pygame.image.load(str(STORY / name))
    left, top = round(centre_x - sprite.get_width() / 2), 720 - sprite.get_height()
    total = same = 0
    for y in rows[::step] if isinstance(rows, range) else rows:
        for x in range(0, sprite.get_width(), step):
            if only is not None and (x, y) not in only:
                continue
            pixel = sprite.get_at((x, y))
            if pixel.a < 255:
                continue
            total += 1
            shown = canvas.get_at((left + x, top + y))
            same += all(abs(p - q) <= 3 for p, q in zip(pixel[:3], shown[:3]))
    assert total > 0
    return same / total


def _differences(a: str, b: str) -> set[tuple[int, int]]:
    """Where two expressions of one character differ clearly (both opaque): the face."""
    pa, pb = pygame.image.load(str(STORY / a)), pygame.image.load(str(STORY / b))
    out = set()
    for y in range(60, 200):
        for x in range(0, pa.get_width()):
            p, q = pa.get_at((x, y)), pb.get_at((x, y))
            if p.a == 255 and q.a == 255 and sum(abs(i - j) for i, j in zip(p[:3], q[:3])) > 90:
                out.add((x, y))
    return out


def test_sprites_stand_at_their_places_and_change_expression_in_place(story_player, story_app):
    game = story_player.start_game()
    canvas = story_app.display.canvas
    assert canvas.get_size() == (1280, 720)

    story_player.play_until(game, lambda: _on_line(game, "A young man stands"))
    story_player.frames(60)                               # the 0.6 s dissolve is over
    assert _sprite_match(canvas, "images/ansel neutral.png", 0.25 * 1280) > 0.97
    assert _sprite_match(canvas, "images/ansel neutral.png", 0.75 * 1280) < 0.2      # nobody on the right yet

    face = _differences("images/ansel neutral.png", "images/ansel unsure.png")
    assert len(face) > 50
    assert _sprite_match(canvas, "images/ansel neutral.png", 320, sorted({y for _, y in face}), 1, face) > 0.95
    story_player.play_until(game, lambda: _on_line(game, "Tonight I only have to tell her"))
    story_player.frames(2)
    unsure = _sprite_match(canvas, "images/ansel unsure.png", 320, sorted({y for _, y in face}), 1, face)
    neutral = _sprite_match(canvas, "images/ansel neutral.png", 320, sorted({y for _, y in face}), 1, face)
    assert unsure > 0.95 and neutral < 0.3, (unsure, neutral)
    assert _sprite_match(canvas, "images/ansel unsure.png", 320) > 0.97   # and the same place

    story_player.play_until(game, lambda: _on_line(game, "The keeper comes down the path"))
    story_player.frames(60)
    assert _sprite_match(canvas, "images/maren calm.png", 0.75 * 1280) > 0.97
    assert _sprite_match(canvas, "images/ansel unsure.png", 320) > 0.97

    # in the kitchen the two stand at numbers across the screen: 0.3 and 0.72
    story_player.play_until(game, lambda: _on_line(game, "The keeper's kitchen is one warm room"))
    story_player.frames(90)
    assert _sprite_match(canvas, "images/maren calm.png", 0.3 * 1280) > 0.97
    assert _sprite_match(canvas, "images/ansel neutral.png", 0.72 * 1280) > 0.97


def test_the_layered_harbour_moves(story_player, story_app):
    game = story_player.start_game()
    story_player.play_until(game, lambda: _on_line(game, "Dusk on the breakwater"))
    story_player.frames(30)
    canvas = story_app.display.canvas
    sky = pygame.Rect(700, 20, 560, 160)                 # clouds drift here; nobody stands in it
    before = canvas.subsurface(sky).copy()
    story_player.frames(150)
    after = canvas.subsurface(sky)
    changed = sum(before.get_at((x, y)) != after.get_at((x, y)) for x in range(0, sky.w, 8) for y in range(0, sky.h, 8))
    assert changed > 0.3 * (sky.w // 8) * (sky.h // 8)


# -- tools --------------------------------------------------------------------------------
def test_vn_shots_covers_the_example(tmp_path):
    out = tmp_path / "shots"
    done = subprocess.run([sys.executable, "-m", "vn", "shots", "--dir", str(STORY), str(out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    names = {p.name for p in out.glob("*.png")}
    for scene in ("harbour", "kitchen", "lamp_room", "black"):
        assert any(n.startswith(f"scene-{scene}") for n in names), (scene, sorted(names))
    for ending in ("last_watch", "new_light", "apprentice"):
        assert f"ending-{ending}.png" in names
    staged = [n for n in names if n.startswith("scene-harbour-") and "ansel" in n]
    assert staged, sorted(names)
    shot = pygame.image.load(str(out / sorted(staged)[0]))
    assert shot.get_size() == (1280, 720)
    expressions = [f"images/ansel {e}.png" for e in ("neutral", "unsure", "grin")]
    assert max(_sprite_match(shot, e, 320) for e in expressions) > 0.9


def test_selftest_from_the_source_tree_plays_the_example():
    done = subprocess.run([sys.executable, "-m", "vn.launcher", "--selftest", str(STORY)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "selftest ok: reached" in done.stdout and "14 pictures decoded" in done.stdout, done.stdout


@pytest.mark.slow
def test_the_example_builds_into_its_own_executable_that_passes_its_selftest(tmp_path):
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    env = {k: v for k, v in os.environ.items() if k != "VN_DATA_DIR"}
    env["VN_STORY"] = "examples/lighthouse"
    env["HOME"] = str(tmp_path / "home")
    env.pop("XDG_DATA_HOME", None)
    build = subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
                            str(ROOT / "build.spec")], cwd=ROOT, capture_output=True, text=True, timeout=900,
                           env=env)
    assert build.returncode == 0, build.stderr[-3000:]
    bundle = tmp_path / "dist" / NAME
    exe = bundle / NAME
    assert exe.is_file()
    story = bundle / "_internal" / "scripts"
    assert (story / "game.yaml").is_file() and (story / "theme.json").is_file()
    assert (story / "images" / "lamp room.jpg").is_file()
    assert (story / "images" / "harbour" / "clouds.png").is_file()
    assert not list(story.rglob("*.py")), "the code that drew the pictures stays out of the bundle"

    env.pop("VN_STORY")
    selftest = subprocess.run([str(exe), "--selftest"], capture_output=True, text=True, timeout=300, env=env)
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "selftest ok: reached" in selftest.stdout and "14 pictures decoded" in selftest.stdout
    check = subprocess.run([str(exe), "check"], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert check.returncode == 0 and "All clear" in check.stdout, check.stdout + check.stderr
