"""What the title keeps in memory: nothing there only later screens need, and nothing kept
larger than it is drawn (bench/bench_window.py measures the whole: <= 80 MB at the title)."""
from __future__ import annotations

import warnings

import pygame

from vn.ui.gui_manager import SHAPE_PAGE, CompactShapeCache

from uiplayer import Player


def _settle(app, frames: int = 30) -> None:
    """The title's menu built and pygame_gui's cache filled (it files one shape a frame)."""
    Player(app).frames(frames)


def test_pygame_guis_shape_cache_pages_are_a_quarter_of_its_own_and_still_share_the_menus_shapes(app):
    _settle(app)
    cache = app.ui.get_theme().shape_cache
    assert isinstance(cache, CompactShapeCache)
    assert [page["surface"].get_size() for page in cache.cache_surfaces] == [SHAPE_PAGE]
    assert SHAPE_PAGE[0] * SHAPE_PAGE[1] * 4 == 1024 * 1024      # 1 MB a page, not 4
    # the seven menu buttons, alike, are drawn from shapes the cache holds (normal, hovered, ...)
    cached = [key for key in cache.cache_long_term_lookup if key.startswith("rounded_rectangle_")]
    assert cached, "the menu's button shapes were not cached"
    menu = app.top.menu
    width, height = menu.buttons[0].rect.size
    assert all(f"_{width}_{height}_" in key for key in cached)


def test_a_shape_wider_than_a_page_of_pygame_guis_own_cache_fits_and_a_taller_one_is_drawn_uncached(app):
    _settle(app, 2)
    cache = app.ui.get_theme().shape_cache
    wide = pygame.Surface((900, 40), pygame.SRCALPHA)       # a choice button across the screen
    tall = pygame.Surface((80, SHAPE_PAGE[1] + 1), pygame.SRCALPHA)
    cache.add_surface_to_cache(wide, "wide")
    cache.add_surface_to_cache(tall, "tall")
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # pygame_gui warns of shapes it cannot cache
        for _ in range(4):
            cache.update()
    assert "wide" in cache.cache_long_term_lookup
    assert cache.cache_long_term_lookup["wide"]["surface"].get_size() == (900, 40)
    assert "tall" not in cache.cache_long_term_lookup
    assert len(cache.cache_surfaces) == 1 and not cache.low_on_space     # no page made for it


def test_the_title_keeps_a_band_of_its_side_shade_and_draws_it_the_screens_whole_height(app):
    from vn.ui.widgets.decor import SHADE_BAND, draw_side_shade, paint_side_shade
    _settle(app, 2)
    title = app.top
    assert title._shade.get_height() == SHADE_BAND       # not the screen's 720 rows (2 MB)
    shade = paint_side_shade(app.theme, 760)
    surface = pygame.Surface((1280, 720)).convert()
    surface.fill((240, 230, 200))
    draw_side_shade(surface, shade)
    pixels = pygame.image.tobytes(surface, "RGB")
    row = 1280 * 3
    first = pixels[:row]
    assert all(pixels[y * row:(y + 1) * row] == first for y in range(720)), "a row of the shade differs"
    assert surface.get_at((0, 0)) != surface.get_at((1000, 0))        # dark at the left edge
    assert surface.get_at((1000, 719)) == (240, 230, 200)             # nothing beyond its width
    assert surface.get_at((10, 719)) == surface.get_at((10, 0))       # the last rows are shaded too


def test_the_menus_buttons_keep_one_picture_a_state_and_draw_every_state_as_pygame_guis_own_do(app):
    from pygame_gui.elements import UIButton
    from vn.ui.widgets.lean_button import LeanButton
    player = Player(app)
    player.frames(30)
    menu = app.top.menu
    assert all(isinstance(button, LeanButton) for button in menu.buttons)
    # the menu's disabled Continue, and a button hovered and then focused by the keyboard
    new_game = menu.button("new")
    player.click_at((-50, -50))      # nothing hovered yet
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=app.display.to_window(new_game.rect.center),
                                         rel=(0, 0), buttons=(0, 0, 0)))
    player.frames(30)
    player.key(pygame.K_DOWN)
    player.frames(30)
    twin = UIButton(pygame.Rect(new_game.relative_rect), "New game", manager=app.ui, object_id="#menu_button")
    player.frames(30)
    for button in menu.buttons:
        for state in button.drawable_shape.states.values():
            assert state.text_surface is None and state.pre_text_surface is None, state.state_id
    drawn = [name for name, state in new_game.drawable_shape.states.items() if state.generated]
    assert {"normal", "hovered", "selected"} <= set(drawn)
    for name in drawn:
        twin.drawable_shape.set_active_state(name)       # pygame_gui draws a state when first shown
        ours = new_game.drawable_shape.states[name].surface
        theirs = twin.drawable_shape.states[name].surface
        assert pygame.image.tobytes(ours, "RGBA") == pygame.image.tobytes(theirs, "RGBA"), name
    assert twin.drawable_shape.states["normal"].text_surface is not None     # what the lean ones drop
    twin.kill()


def test_pygame_guis_own_fonts_are_read_from_their_files_not_held_in_memory(app):
    from pygame_gui.core.package_resource import PackageResource
    _settle(app, 2)
    fonts = app.ui.get_theme().get_font_dictionary().loaded_fonts
    defaults = [fonts[key] for key in fonts if "_by_path_" not in key]    # pygame_gui's, not the theme's
    assert len(defaults) == 2
    for font in defaults:
        assert not isinstance(font.location, PackageResource), font.location
        assert font.location.endswith(".ttf") and font.loaded_font is not None
        width, height = font.loaded_font.size("Load \u2190")
        assert width > 0 and height > 0


def test_the_title_lets_its_fonts_go_once_its_words_are_painted_and_they_open_again_when_needed(app):
    _settle(app, 3)
    title = app.top
    assert title.menu is not None and title._endings_badge is not None
    assert app.theme._fonts == {}, "fonts (half a megabyte each) kept open at the title"
    # laid out again at a larger text size: painted with the new fonts, which go again
    height = title.menu.buttons[0].rect.height
    app.settings.text_size = 1.5
    app.request_restyle()
    _settle(app, 3)
    assert app.top is title and title.menu.buttons[0].rect.height > height
    assert app.theme._fonts == {}
    # whatever writes next opens what it needs
    app.toasts.show("Saved", "info")
    _settle(app, 2)
    assert [key[0] for key in app.theme._fonts] == ["toast.text"]


def test_a_painted_scene_works_out_its_gunfire_glow_at_the_first_shot_not_before(app):
    from vn.ui.scenes.registry import images_mb
    _settle(app, 3)
    scene = app.top.scene
    assert scene is not None
    assert scene._muzzle_glow is None         # 0.65 MB the title never draws
    before = images_mb(scene)
    scene.trigger("gunfire")
    assert scene._muzzle_glow is not None
    lit = 0
    for _ in range(30):
        scene.update(1 / 60)
        scene.draw(app.display.canvas)
        lit += scene.flash_active
    assert lit > 0 and images_mb(scene) > before


def test_what_the_title_keeps_in_pictures_besides_its_scene_stays_small(app):
    """The window's canvas (3.5 MB), pygame_gui's menu and shape cache, the title's words and
    shade: 8.8 MB, where they were 17 MB. The scene has its own bound (test_scenes.py)."""
    from vn.ui.scenes.registry import images_mb
    _settle(app, 150)        # the scene faded in, the fade's still picture let go
    title = app.top
    assert title.scene is not None and not title.intro.active
    assert images_mb(app) - images_mb(title.scene) <= 10.0
    assert images_mb(app.ui) <= 5.0
