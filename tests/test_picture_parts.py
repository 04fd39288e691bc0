"""The parts behind a story's pictures: layer motions, the picture cache, the look-ahead."""
from __future__ import annotations

import pygame
import pytest

from picturestory import GREEN, RED, solid
from vn.script.model import Motion
from vn.ui.pictures.cache import COVER, SPRITE, PictureCache, PictureError, cover
from vn.ui.scenes.motion import MovingLayer


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((8, 8))
    yield


def half_and_half() -> pygame.Surface:
    """Left half red, right half green, opaque, 1280x720."""
    surf = pygame.Surface((1280, 720))
    surf.fill(RED)
    surf.fill(GREEN, (640, 0, 640, 720))
    return surf.convert()


def lamp() -> pygame.Surface:
    """A white square in the middle of a transparent screen."""
    surf = pygame.Surface((1280, 720), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    surf.fill((255, 255, 255, 255), (600, 300, 80, 80))
    return surf.convert_alpha()


def drawn(layer: MovingLayer, under=(0, 0, 0)) -> pygame.Surface:
    out = pygame.Surface((1280, 720)).convert()
    out.fill(under)
    layer.draw(out)
    return out


def test_drift_moves_the_layer_and_wraps_it_round():
    layer = MovingLayer(half_and_half(), Motion(drift=(100.0, 0.0)))
    assert tuple(drawn(layer).get_at((700, 10)))[:3] == GREEN
    layer.update(1.0)                       # 100 px to the right
    frame = drawn(layer)
    assert tuple(frame.get_at((700, 10)))[:3] == RED
    assert tuple(frame.get_at((50, 10)))[:3] == GREEN, "what leaves on the right comes in on the left"
    layer.update(11.8)                      # 1280 px in all: a whole turn
    assert tuple(drawn(layer).get_at((700, 10)))[:3] == GREEN


def test_sway_swings_side_to_side_on_a_sine():
    layer = MovingLayer(half_and_half(), Motion(sway=(40.0, 4.0)))
    xs = []
    for _ in range(4):
        xs.append(layer.position()[0])
        layer.update(1.0)
    assert xs == [0, 40, 0, -40]
    layer.t = 1.0
    assert tuple(drawn(layer).get_at((660, 10)))[:3] == RED, "a quarter period in, 40 px right"


def test_pulse_dims_an_opaque_layer_toward_black_and_back():
    layer = MovingLayer(half_and_half(), Motion(pulse=(0.5, 2.0)))
    assert tuple(drawn(layer).get_at((10, 10)))[:3] == RED
    layer.update(1.0)                       # half a period: the deepest point
    dim = drawn(layer).get_at((10, 10))
    assert abs(dim.r - RED[0] * 0.5) <= 2
    layer.update(1.0)
    assert tuple(drawn(layer).get_at((10, 10)))[:3] == RED


def test_pulse_fades_a_transparent_layer_toward_what_is_behind_it():
    layer = MovingLayer(lamp(), Motion(pulse=(1.0, 2.0)))
    assert tuple(drawn(layer).get_at((640, 340)))[:3] == (255, 255, 255)
    layer.update(1.0)
    assert tuple(drawn(layer, under=(0, 0, 200)).get_at((640, 340)))[:3] == (0, 0, 200), "faded out wholly"
    layer.update(0.5)
    mid = drawn(layer, under=(0, 0, 0)).get_at((640, 340))
    assert 100 < mid.r < 160


def test_flicker_dips_the_brightness_at_random_never_below_one_minus_its_depth():
    layer = MovingLayer(lamp(), Motion(flicker=0.4), seed=3)
    levels = []
    for _ in range(400):
        layer.update(1 / 60)
        levels.append(layer.brightness())
    assert min(levels) >= 0.6 - 1e-9 and max(levels) <= 1.0
    assert len({round(k, 3) for k in levels}) > 5, "it changes"
    assert sum(k < 0.85 for k in levels) > 10, "and dips deep now and then"
    again = MovingLayer(lamp(), Motion(flicker=0.4), seed=3)
    for _ in range(400):
        again.update(1 / 60)
    assert again.brightness() == levels[-1], "the same seed flickers the same way"


def test_a_transparent_still_layer_blits_only_its_visible_part():
    layer = MovingLayer(lamp(), Motion(flicker=0.2))
    assert layer.picture.get_size() == (80, 80) and layer.offset == (600, 300)


# -- the cache --------------------------------------------------------------------------
def test_cover_scales_to_cover_and_crops_evenly():
    tall = pygame.Surface((400, 900)).convert()
    tall.fill(RED)
    tall.fill(GREEN, (0, 0, 400, 100))
    out = cover(tall)
    assert out.get_size() == (1280, 720)
    assert tuple(out.get_at((640, 2)))[:3] == RED, "the top was cropped away"


def make_pictures(folder, count, size=(640, 360)):
    for n in range(count):
        solid(folder / f"p{n}.png", size, (n * 10 % 255, 50, 50))


def test_lru_lets_the_least_recently_used_go_beyond_the_budget(tmp_path):
    make_pictures(tmp_path, 6)
    one = 1280 * 720 * 4
    cache = PictureCache(tmp_path, budget=3 * one, background=False)
    for n in range(3):
        cache.get((f"p{n}.png", COVER))
    cache.get(("p0.png", COVER))             # used again: now the most recent
    cache.get(("p3.png", COVER))
    loaded = {k[0] for k in cache.loaded}
    assert loaded == {"p0.png", "p2.png", "p3.png"}, loaded
    assert cache.used_bytes <= 3 * one


def test_lru_never_lets_go_of_what_is_on_screen(tmp_path):
    make_pictures(tmp_path, 6)
    one = 1280 * 720 * 4
    cache = PictureCache(tmp_path, budget=2 * one, background=False)
    cache.get(("p0.png", COVER))
    cache.pin({("p0.png", COVER)})
    for n in range(1, 6):
        cache.get((f"p{n}.png", COVER))
    loaded = {k[0] for k in cache.loaded}
    assert "p0.png" in loaded and "p5.png" in loaded and len(loaded) == 2


def test_request_decodes_ahead_on_the_worker_within_the_budget(tmp_path):
    make_pictures(tmp_path, 8)
    one = 1280 * 720 * 4
    cache = PictureCache(tmp_path, budget=3 * one)
    try:
        cache.request([(f"p{n}.png", COVER) for n in range(8)])
        cache.get(("p0.png", COVER))
        for n in range(3):
            cache.get((f"p{n}.png", COVER))
        assert cache.decoded == 3, "only as many as the budget holds were asked for"
    finally:
        cache.close(wait=True)


def test_sprites_keep_their_pixel_size_and_a_bad_file_raises_a_picture_error(tmp_path):
    solid(tmp_path / "s.png", (123, 321), GREEN, alpha=True)
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    cache = PictureCache(tmp_path, background=False)
    sprite = cache.get(("s.png", SPRITE))
    assert sprite.get_size() == (123, 321) and sprite.get_flags() & pygame.SRCALPHA
    with pytest.raises(PictureError):
        cache.get(("bad.png", COVER))
    with pytest.raises(PictureError):
        cache.get(("../outside.png", COVER))
    assert ("bad.png", COVER) not in cache.loaded


# -- effects over a picture background ---------------------------------------------------
def test_flash_shake_and_gunfire_play_over_a_picture_background_and_its_sprites():
    from vn.script.model import Background
    from vn.ui.play.sprites import SpriteStage
    from vn.ui.scenes.picture import PictureScene
    bg = Background("hall", "Hall", (), None, kind="color", color="#202020")
    scene = PictureScene(bg, None, fetch=None)
    sprite = pygame.Surface((100, 300), pygame.SRCALPHA)
    sprite.fill((0, 200, 0, 255))
    stage = SpriteStage(lambda path, fit: sprite)
    stage.show("ann", "ann.png", "center")
    scene.overlay = stage
    out = pygame.Surface((1280, 720)).convert()
    scene.draw(out)
    assert tuple(out.get_at((640, 600)))[:3] == (0, 200, 0) and tuple(out.get_at((10, 10)))[:3] == (32, 32, 32)
    scene.trigger("flash")
    scene.update(0.05)
    scene.draw(out)
    assert out.get_at((10, 10)).r > 150 and out.get_at((640, 600)).r > 150, "the flash lights the sprite too"
    scene.settle()
    scene.trigger("shake")
    moved = False
    for _ in range(10):
        scene.update(1 / 60)
        if scene.shake_offset[0] > 3:
            scene.draw(out)
            ox = scene.shake_offset[0]
            assert tuple(out.get_at((640 + 50 + ox - 2, 600)))[:3] == (0, 200, 0), "the sprite shakes along"
            moved = True
            break
    assert moved
    scene.settle()
    scene.trigger("gunfire")
    peak = 0
    for _ in range(40):
        scene.update(1 / 60)
        scene.draw(out)
        peak = max(peak, sum(tuple(out.get_at((40, 360)))[:3]))
    assert peak > 3 * 32 + 60, "the muzzle light shows on the picture"
