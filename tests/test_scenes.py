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

from vn.ui.scenes.registry import BACKGROUNDS, images_mb, make_scene, variants  # noqa: E402
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
        "from vn.ui.scenes.registry import make_scene\n"
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
    from vn.ui.scenes.registry import clear_caches
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


# -- memory ------------------------------------------------------------------------------
SCENE_IMAGES_MB = 30        # images one scene may hold (a full-screen 32-bit image is 3.5 MB)
TITLE_SCENE_IMAGES_MB = 16  # the title screen's scene: the game must fit in 100 MB there


@pytest.mark.parametrize("bg,var", CASES)
def test_a_scene_holds_little_image_memory(screen, bg, var):
    scene = make_scene(bg, var)
    if bg in FIGURES and var != "empty":
        scene.show_figure(*FIGURES[bg])
    scene.trigger("gunfire")        # the effects' working images count too
    run(scene, 0.5)
    for _ in range(20):
        scene.update(DT)
        scene.draw(screen)
    assert images_mb(scene) <= (TITLE_SCENE_IMAGES_MB + 6 if bg == "cemetery" else SCENE_IMAGES_MB)


def test_the_title_scene_is_small(screen):
    scene = make_scene("cemetery", None)
    scene.show_figure(*FIGURES["cemetery"])
    run(scene, 0.5)
    scene.draw(screen)
    assert images_mb(scene) <= TITLE_SCENE_IMAGES_MB


def test_dropping_a_scene_frees_its_layers(screen):
    import gc
    import weakref
    from vn.ui.scenes.registry import clear_caches
    scene = make_scene("street", "dark")
    scene.draw(screen)
    layers = weakref.ref(scene.layers)
    del scene
    # loading a story freezes what exists then (vn/script/loader.py): a scene an earlier test left
    # in a reference cycle would be out of the collector's sight, and hold these shared layers
    gc.unfreeze()
    gc.collect()
    clear_caches()
    gc.collect()
    assert layers() is None, "the static layers outlived their scene"


def test_live_scenes_share_their_layers():
    a, b = make_scene("street", "burning"), make_scene("street", "burning")
    assert a.layers is b.layers
    plain, burning = make_scene("bar", None), make_scene("bar", "burning")
    assert "burn" not in plain.layers           # the plain bar paints no fire until it is set alight
    plain.trigger("ignite")
    assert plain.layers["burn"] is burning.layers["burn"]


def test_a_shaken_frame_is_moved_and_its_edge_filled(screen):
    from vn.ui.scenes.data import effects_config
    scene = make_scene("street", "dark")
    scene.trigger("shake")
    edge = tuple(int(effects_config()["shake"]["edge"].lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    for _ in range(30):
        scene.update(DT)
        ox, oy = scene.shake_offset
        if ox and oy:
            break
    scene.draw(screen)
    x = 0 if ox > 0 else LOGICAL_SIZE[0] - 1
    y = 0 if oy > 0 else LOGICAL_SIZE[1] - 1
    assert tuple(screen.get_at((x, LOGICAL_SIZE[1] // 2)))[:3] == edge
    assert tuple(screen.get_at((LOGICAL_SIZE[0] // 2, y)))[:3] == edge


def test_canvas_strips_match_one_whole_drawing():
    """Supersampled drawing is played back a strip at a time; the strips must join
    without a seam, exactly as if the image had been drawn whole."""
    import random
    from vn.ui.scenes import paint
    rng = random.Random(4)
    polys = [[(rng.uniform(-20, 340), rng.uniform(-20, 220)) for _ in range(rng.randint(3, 6))]
             for _ in range(40)]
    cv = paint.Canvas((320, 200), 2, alpha=False, fill=(0, 0, 0))
    whole = pygame.Surface((640, 400))
    whole.fill((0, 0, 0))
    for i, p in enumerate(polys):
        color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        cv.poly(p, color)
        pygame.draw.polygon(whole, color, cv.p(p))
        if i % 5 == 0:
            cv.line(p[0], p[1], color, 2.5)
            (ax, ay), (bx, by) = cv.p(p[:2])
            pygame.draw.line(whole, color, (ax, ay), (bx, by), 5)
    old = paint.Canvas.STRIP_BYTES
    paint.Canvas.STRIP_BYTES = 640 * 4 * 2 * 37      # odd-sized strips, and many of them
    try:
        strips = cv.result()
    finally:
        paint.Canvas.STRIP_BYTES = old
    expected = pygame.transform.smoothscale(whole, (320, 200))
    assert pygame.image.tobytes(strips, "RGB") == pygame.image.tobytes(expected, "RGB")


def test_cemetery_composite_follows_the_dawn_band_by_band(screen):
    """The composite is repainted a band per frame; after a full cycle it matches
    a repaint of every band at once (to within the colour drift of one cycle)."""
    scene = make_scene("cemetery", None)
    run(scene, 20.0)
    for _ in range(len(scene._bands) * 2):
        scene.update(DT)
        scene.draw(screen)
    by_bands = pygame.image.tobytes(scene.comp, "RGB")
    scene._cycle_t = None           # force a repaint of every band
    scene.draw(screen)
    whole = pygame.image.tobytes(scene.comp, "RGB")
    assert max(abs(a - b) for a, b in zip(by_bands[::97], whole[::97])) <= 4


def test_headroom_is_what_the_brightest_channel_leaves(screen):
    from vn.ui.scenes import paint
    img = pygame.Surface((4, 2))
    img.fill((200, 30, 90))
    img.fill((10, 250, 0), (2, 0, 2, 2))
    # the area reaches two pixels past the image on the right: there is all the room there
    room = paint.headroom(img, (0, 0, 6, 2), (6, 2))
    assert tuple(room.get_at((0, 0)))[:3] == (55, 55, 55)
    assert tuple(room.get_at((3, 1)))[:3] == (5, 5, 5)
    assert tuple(room.get_at((5, 0)))[:3] == (255, 255, 255)
    # shrunk by two, no pixel is more than any pixel of its 2 x 2 block
    img.fill((200, 30, 90))
    img.set_at((1, 1), (254, 0, 0))
    small = paint.headroom(img, (0, 0, 4, 2), (2, 1))
    assert tuple(small.get_at((0, 0)))[:3] == (1, 1, 1)
    assert tuple(small.get_at((1, 0)))[:3] in ((1, 1, 1), (55, 55, 55))


@pytest.mark.parametrize("light", ["bulb", "burn"])
def test_a_lights_haze_never_clips_its_layer(screen, light):
    from vn.ui.scenes.bar import BarScene
    scene = BarScene("burning" if light == "burn" else None)
    layer = 0 if light == "bulb" else 1
    haze = scene.haze[layer]
    (w, h), (cx, cy) = haze.size, scene._haze_center(light)
    diff = scene.layers[light]["diff"]
    area = pygame.Rect(cx - w // 2, cy - h // 2, w, h).clip(diff.get_rect())
    glow = haze.layer(123.0, 1.0)
    summed = pygame.image.tobytes(diff.subsurface(area), "RGB")
    added = pygame.image.tobytes(glow.subsurface(area.move(-(cx - w // 2), -(cy - h // 2))), "RGB")
    assert max(added) > 40, "the haze should show"
    assert max(a + b for a, b in zip(summed, added)) <= 255


def test_a_drifting_haze_layer_is_remade_a_band_per_frame(screen):
    from vn.ui.scenes.bar import BarScene
    haze = BarScene(None).haze[0]
    fresh = BarScene(None).haze[0]
    first = pygame.image.tobytes(haze.layer(100.0, 0.7), "RGB")
    drifted = 100.0 + 3 * haze.scale             # three pixels of the reduced size on
    partly = pygame.image.tobytes(haze.layer(drifted, 0.7), "RGB")
    assert partly != first                        # the first band follows at once ...
    for _ in range(haze.LAYER_BANDS - 1):
        haze.layer(drifted, 0.7)
    whole = pygame.image.tobytes(fresh.layer(drifted, 0.7), "RGB")
    assert partly != whole                        # ... the rest a frame at a time
    assert pygame.image.tobytes(haze.layer(drifted, 0.7), "RGB") == whole
