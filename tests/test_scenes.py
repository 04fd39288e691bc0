"""Tests of the painted backgrounds (vn.ui.scenes)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from vn.ui.scenes import BACKGROUNDS, make_scene, variants  # noqa: E402
from vn.ui.scenes.data import LOGICAL_SIZE, assets_dir, load_config  # noqa: E402

DT = 1 / 60
CASES = [(bg, var) for bg in BACKGROUNDS for var in variants(bg)]
FIGURES = {"bar": ("willy", "silhouette"), "cemetery": ("buffy", "spirit")}


@pytest.fixture(scope="module")
def screen():
    pygame.init()
    surf = pygame.display.set_mode(LOGICAL_SIZE)
    yield surf
    pygame.display.quit()


def run(scene, seconds: float) -> None:
    for _ in range(int(round(seconds / DT))):
        scene.update(DT)


def distinct_colors(surf: pygame.Surface, step: int = 41) -> int:
    data = pygame.image.tobytes(surf, "RGB")
    return len({data[i:i + 3] for i in range(0, len(data) - 3, 3 * step)})


def differing_pixels(a: pygame.Surface, b: pygame.Surface, step: int = 7) -> int:
    da, db = pygame.image.tobytes(a, "RGB"), pygame.image.tobytes(b, "RGB")
    return sum(1 for i in range(0, len(da) - 3, 3 * step) if da[i:i + 3] != db[i:i + 3])


def mean_brightness(surf: pygame.Surface, rect) -> float:
    sub = surf.subsurface(pygame.Rect(rect))
    r, g, b, *_ = pygame.transform.average_color(sub)
    return (r + g + b) / 3


@pytest.mark.parametrize("bg,var", CASES)
def test_every_scene_draws_a_painted_animated_frame(screen, bg, var):
    scene = make_scene(bg, var)
    assert scene.name == bg and scene.variant == var
    if bg in FIGURES and var != "empty":
        scene.show_figure(*FIGURES[bg])
    scene.show_figure("stranger", "silhouette", "left")
    run(scene, 2.0)
    a = pygame.Surface(LOGICAL_SIZE)
    scene.draw(a)
    assert distinct_colors(a) > 400, "frame looks flat"
    run(scene, 1.0)
    b = pygame.Surface(LOGICAL_SIZE)
    scene.draw(b)
    assert differing_pixels(a, b) > 300, "nothing moved in a second"
    scene.hide_figure("stranger")
    scene.clear_figures()
    scene.draw(b)


@pytest.mark.parametrize("bg", BACKGROUNDS)
@pytest.mark.parametrize("effect", ["gunfire", "flash", "shake", "ignite", "sirens"])
def test_reduced_effects_never_flash_or_shake(screen, bg, effect):
    scene = make_scene(bg, variants(bg)[0])
    run(scene, 0.5)
    scene.trigger(effect, reduced=True)
    for _ in range(150):
        scene.update(DT)
        scene.draw(screen)
        assert not scene.flash_active
        assert scene.shake_offset == (0, 0)


@pytest.mark.parametrize("bg", BACKGROUNDS)
def test_gunfire_strobes_and_shakes(screen, bg):
    scene = make_scene(bg, variants(bg)[0])
    scene.trigger("gunfire")
    flashes, shakes = 0, 0
    for _ in range(90):
        scene.update(DT)
        scene.draw(screen)
        flashes += scene.flash_active
        shakes += scene.shake_offset != (0, 0)
    assert 3 <= flashes < 90, "muzzle light should strobe, not stay on"
    assert shakes > 3
    run(scene, 2.0)
    assert not scene.flash_active and scene.shake_offset == (0, 0)


def test_flash_and_shake_effects(screen):
    scene = make_scene("street", "dark")
    scene.trigger("flash")
    scene.update(DT)
    assert scene.flash_active
    scene.trigger("shake", duration=0.3)
    scene.update(DT)
    scene.draw(screen)
    assert scene.shake_offset != (0, 0) or scene.flash_active
    run(scene, 1.0)
    assert not scene.flash_active and scene.shake_offset == (0, 0)


@pytest.mark.parametrize("reduced", [False, True])
def test_ignite_switches_the_bar_to_burning(screen, reduced):
    scene = make_scene("bar", None)
    scene.trigger("ignite", reduced=reduced)
    run(scene, 3.0)
    assert scene.variant == "burning"
    scene.draw(screen)


def test_unknown_background_raises_key_error():
    with pytest.raises(KeyError):
        make_scene("spaceship", None)


def test_unknown_variant_is_rejected():
    with pytest.raises(ValueError):
        make_scene("bar", "flooded")


def test_unknown_effect_and_character_are_harmless(screen):
    scene = make_scene("cemetery", "empty")
    scene.trigger("earthquake")
    scene.show_figure("dawn", "figure", "right")
    scene.hide_figure("nobody")
    scene.update(DT)
    scene.draw(screen)


def test_cemetery_sky_brightens_with_time(screen):
    scene = make_scene("cemetery", None)
    run(scene, 1.0)
    scene.draw(screen)
    early = mean_brightness(screen, (0, 0, 1280, 260))
    run(scene, 50.0)
    scene.draw(screen)
    late = mean_brightness(screen, (0, 0, 1280, 260))
    assert late > early + 40


def test_street_sirens_build_up(screen):
    scene = make_scene("street", "dark")
    scene.update(DT)
    assert scene.siren == 0.0
    scene.trigger("sirens")
    run(scene, 3.0)
    low = scene.siren
    run(scene, 10.0)
    assert 0.0 < low < scene.siren


def test_other_sizes_are_scaled(screen):
    scene = make_scene("bar", None, size=(640, 360))
    run(scene, 0.2)
    small = pygame.Surface((640, 360))
    scene.draw(small)
    assert distinct_colors(small, 13) > 200


def test_data_file_is_found_and_complete():
    assert (assets_dir() / "scenes.json").is_file()
    cfg = load_config()
    for key in ("effects", "figures", *BACKGROUNDS):
        assert key in cfg


def test_assets_dir_follows_pyinstaller(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets_dir() == Path(tmp_path) / "assets"


def test_works_without_a_display_mode():
    code = (
        "import os; os.environ['SDL_VIDEODRIVER']='dummy'\n"
        "import pygame\n"
        "from vn.ui.scenes import make_scene\n"
        "s = make_scene('street', 'burning')\n"
        "s.update(0.1)\n"
        "out = pygame.Surface((1280, 720)); s.draw(out)\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "ok" in res.stdout


def test_long_update_skips_time_and_caches_can_be_cleared(screen):
    from vn.ui.scenes import clear_caches
    scene = make_scene("cemetery", "empty")
    scene.update(30.0)
    assert scene.t == pytest.approx(30.0)
    scene.draw(screen)
    clear_caches()


def test_scene_built_on_a_worker_thread_draws_on_the_main_one(screen):
    import threading
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("scene", make_scene("street", "burning", seed=3)))
    worker.start()
    worker.join(timeout=60)
    scene = box["scene"]
    scene.update(DT)
    scene.draw(screen)
    assert distinct_colors(screen) > 400
