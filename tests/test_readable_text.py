"""Readable text: one text scale for every screen (reflowing at 75 % and 200 %), the dyslexia
font, line spacing, high contrast, and keyboard focus with a ring on every screen."""
from __future__ import annotations

import pygame
import pytest

from layoutchecks import assert_help_laid_out, assert_laid_out
from uiplayer import SCENE_SPOT, Player
from vn.save.settings import Settings
from vn.ui.app import App
from vn.ui.display import LOGICAL_SIZE
from vn.ui.readability import contrast

SCREEN = pygame.Rect((0, 0), LOGICAL_SIZE)


def open_app(scripts_dir, **settings) -> tuple[App, Player]:
    app = App(scripts_dir, settings=Settings(**settings), paint_in_background=False)
    assert app.load()
    player = Player(app)
    player.frames(2)
    return app, player


def gui_rects(screen) -> list[pygame.Rect]:
    return [pygame.Rect(e.rect) for e in screen._elements if hasattr(e, "rect") and getattr(e, "visible", True)]


def menu_rects(column) -> list[pygame.Rect]:
    return [pygame.Rect(b.rect) for b in column.buttons]


# -- settings ------------------------------------------------------------------------------
def test_new_settings_read_back_clamped():
    s = Settings.from_dict({"text_size": 9, "line_spacing": 0.2, "dyslexia_font": True, "high_contrast": "yes"})
    assert (s.text_size, s.line_spacing, s.dyslexia_font, s.high_contrast) == (2.0, 1.0, True, False)
    assert Settings.from_dict({"text_size": 0.1}).text_size == 0.75


@pytest.mark.parametrize("scale, dyslexia, spacing", [(0.75, False, 1.0), (1.0, False, 1.0), (2.0, False, 1.0),
                                                     (2.0, True, 2.0)])
def test_settings_rows_fit_their_page_and_every_description_is_whole(scripts_dir, scale, dyslexia, spacing):
    app, player = open_app(scripts_dir, text_size=scale, dyslexia_font=dyslexia, line_spacing=spacing)
    try:
        player.click(app.top.menu.button("settings"))
        screen = app.top
        from vn.ui.screens.settings import ROW_SPECS
        inside = screen.panel_rect.inflate(-20, -20)
        for page in range(screen.pages):
            bands = [p.band for p in screen.placed if p.page == page]
            assert_laid_out(bands, inside)
            assert all(b.bottom < screen.back_button.rect.top for b in bands)
        for placed in screen.placed:
            assert placed.band.contains(placed.control)
            spec = next(s for s in ROW_SPECS if s.key == placed.spec.key)
            # wrapped, never cut: the rows put together are the description, and each fits the band
            assert " ".join(placed.description_rows) == spec.description
            font = screen.fonts.description
            assert all(font.size(row)[0] <= placed.band.width for row in placed.description_rows)
            assert placed.description_step >= font.get_linesize()
            bottom = placed.description_pos[1] + len(placed.description_rows) * placed.description_step
            assert bottom <= placed.band.bottom
        # the buttons along the bottom stay on the panel and apart
        assert_laid_out([pygame.Rect(b.rect) for b in (screen.back_button, *screen.page_buttons.values())],
                        screen.panel_rect)
    finally:
        app.close()


def test_text_size_applies_to_every_screen_at_once(player, app):
    player.click(app.top.menu.button("settings"))
    from vn.ui.screens.settings import SIZE
    before = app.theme.font("screen.body").get_linesize()
    for _ in range(SIZE + 1):
        player.key(pygame.K_DOWN)
    for _ in range(4):
        player.key(pygame.K_RIGHT)            # +20 %
    player.frames(2)
    assert app.settings.text_size == pytest.approx(1.2)
    assert app.theme.font("screen.body").get_linesize() > before
    assert app.top.focus == SIZE              # the screen made again keeps the row the player was on
    title = app.screens[0]
    assert title.menu.buttons[0].rect.height > 50
    player.key(pygame.K_ESCAPE)
    assert app.top is title


# -- every screen at both ends of the scale -------------------------------------------------
@pytest.mark.parametrize("scale, dyslexia", [(0.75, False), (1.25, False), (1.5, True), (2.0, False), (2.0, True)])
def test_every_screen_reflows_without_overlap(scripts_dir, scale, dyslexia):
    app, player = open_app(scripts_dir, text_size=scale, dyslexia_font=dyslexia)
    try:
        title = app.top
        assert_laid_out(menu_rects(title.menu), SCREEN)
        text, (x, y), _ = title._title_rows[-1]
        assert y + text.get_height() < title.menu.buttons[0].rect.top
        player.click(title.menu.button("help"))
        assert_help_laid_out(app.top)
        player.key(pygame.K_ESCAPE)
        player.click(title.menu.button("endings"))
        endings = app.top
        cards = [endings.card_rect(n) for n in range(len(endings.cards))]
        assert_laid_out(cards + [pygame.Rect(endings.back_button.rect)], endings.panel_rect)
        player.key(pygame.K_ESCAPE)
        player.click(title.menu.button("new"))
        note = app.top
        assert_laid_out(menu_rects(note.buttons), note.panel_rect)
        assert SCREEN.contains(note.panel_rect)
        player.click(note.buttons.button("continue"))
        game = app.top
        box = game.dialogue.rect
        assert SCREEN.contains(box)
        while not game.choices.showing:
            player.click_at(SCENE_SPOT)
            player.frames(5)
        choices = menu_rects(game.choices.column)
        assert_laid_out(choices, SCREEN)
        assert all(r.bottom < box.top for r in choices)
        player.key(pygame.K_ESCAPE)
        menu = app.top
        assert SCREEN.contains(menu.panel_rect)
        assert_laid_out(menu_rects(menu.menu), menu.panel_rect)
        player.click(menu.menu.button("save"))
        saves = app.top
        assert_laid_out([saves.card_rect(n) for n in range(6)], saves._panel.get_rect(topleft=(60, 26)))
        tabs = [pygame.Rect(b.rect) for b in (*saves.page_tabs, *saves.mode_tabs.values(), saves.back_button)]
        assert_laid_out(tabs, SCREEN)
        assert all(t.bottom < saves.card_rect(0).top for t in tabs)
        heading_right = 60 + 40 + saves._headings["save"].get_width()
        assert heading_right < min(b.rect.left for b in (saves.back_button, *saves.mode_tabs.values()))
        player.click(saves.card_buttons[0])
        player.click(saves.card_buttons[0])           # a filled slot: overwrite asks first
        confirm = app.top
        assert SCREEN.contains(confirm.panel_rect)
        assert_laid_out(menu_rects(confirm.buttons), confirm.panel_rect)
        player.key(pygame.K_ESCAPE)
        player.key(pygame.K_ESCAPE)
        player.key(pygame.K_ESCAPE)
        game.open_history()
        player.frames(2)
        history = app.top
        assert not history.box_rect.colliderect(history.back_button.rect)
        assert history.box_rect.top > history.back_button.rect.bottom
        player.key(pygame.K_ESCAPE)
        app.nav.reset("error", "The scripts could not be read: " + "a long reason " * 8, via="for_exception")
        error = app.top
        assert 112 + error._heading.get_width() <= LOGICAL_SIZE[0]
        assert error._header_bottom() <= error.list_top
        bottom = error.list_top + sum(row.get_height() + 4 for block in error._blocks for row, _ in block)
        assert bottom < error.actions.buttons[0].rect.top
        assert_laid_out(menu_rects(error.actions), SCREEN)
    finally:
        app.close()


# -- the keyboard reaches every control, and the ring shows where ----------------------------
def walk(player, screen, key=pygame.K_TAB, limit=60) -> list[pygame.Rect]:
    rings = []
    for _ in range(limit):
        player.key(key)
        rect = screen.focus_rect()
        assert rect is not None
        if rect in rings:
            break
        rings.append(rect)
    return rings


def press_on(player, screen, target, key=pygame.K_DOWN) -> None:
    """Move the focus with `key` until it is on `target` (a gui element), then press Enter."""
    for _ in range(40):
        if screen.focus_rect() == pygame.Rect(target.rect):
            player.key(pygame.K_RETURN)
            return
        player.key(key)
    raise AssertionError("the keys never reached it")


def test_keys_alone_reach_every_control_with_a_ring(player, app):
    """Every screen driven by key presses only, from the title through a game to the error
    screen: each control gets the focus, and the ring, in turn."""
    title = app.top
    assert len(walk(player, title, pygame.K_DOWN)) == sum(b.is_enabled for b in title.menu.buttons)
    press_on(player, title, title.menu.button("settings"))
    settings = app.top
    seen = set()
    for _ in range(len(settings.order)):
        player.key(pygame.K_DOWN)
        seen.add(settings.focus)
        assert settings.focus_rect() is not None
    assert seen == set(settings.order)
    press_on(player, settings, settings.back_button)
    assert app.top is title
    press_on(player, title, title.menu.button("help"))
    help_screen = app.top
    assert walk(player, help_screen) == [pygame.Rect(help_screen.back_button.rect)]
    rows = []
    for _ in range(len(help_screen.items)):        # ↓ reads the table row by row, the ring on each
        player.key(pygame.K_DOWN)
        rect = help_screen.focus_rect()
        assert rect is not None and help_screen.table_rect.inflate(16, 6).contains(rect)
        rows.append(help_screen.focus)
    assert rows == list(range(len(help_screen.items)))
    press_on(player, help_screen, help_screen.back_button, pygame.K_TAB)
    assert app.top is title
    press_on(player, title, title.menu.button("endings"))
    assert walk(player, app.top) == [pygame.Rect(app.top.back_button.rect)]
    player.key(pygame.K_RETURN)
    assert app.top is title
    press_on(player, title, title.menu.button("new"))
    note = app.top
    assert len(walk(player, note)) == 2
    press_on(player, note, note.buttons.button("continue"), pygame.K_TAB)
    game = app.top
    for _ in range(300):
        player.frames(1)
        if game.dialogue.line is not None:
            break
    player.key(pygame.K_l)
    history = app.top
    assert walk(player, history) == [pygame.Rect(history.back_button.rect)]
    player.key(pygame.K_RETURN)
    assert app.top is game
    player.key(pygame.K_ESCAPE)
    menu = app.top
    assert len(walk(player, menu, pygame.K_DOWN)) == len(menu.menu.buttons)
    press_on(player, menu, menu.menu.button("save"))
    saves = app.top
    rings = walk(player, saves)
    assert sorted(map(tuple, rings)) == sorted(tuple(pygame.Rect(e.rect)) for _, e in saves.cycle.entries)
    press_on(player, saves, saves.card_buttons[0], pygame.K_TAB)         # saves into the empty slot
    press_on(player, saves, saves.card_buttons[0], pygame.K_TAB)         # a filled one asks first
    confirm = app.top
    assert len(walk(player, confirm)) == 2
    player.key(pygame.K_ESCAPE)
    assert app.top is saves
    press_on(player, saves, saves.delete_buttons["1"], pygame.K_TAB)
    assert len(walk(player, app.top)) == 2
    player.key(pygame.K_ESCAPE)
    app.nav.reset("error", "The scripts could not be read.", via="for_exception")
    error = app.top
    assert len(walk(player, error)) == len(error.actions.buttons)


def test_the_ring_is_drawn_around_the_focused_control(player, app):
    title = app.top
    player.key(pygame.K_DOWN)
    rect = title.focus_rect()
    player.frames(1)
    ring_colour = app.theme.colour("focus.ring", "accent")
    canvas = app.display.canvas
    above = (rect.centerx, rect.top - 5 - 1)
    assert tuple(canvas.get_at(above))[:3] == tuple(ring_colour)[:3]


# -- fonts and contrast ------------------------------------------------------------------
def test_dyslexia_font_is_bundled_and_used(scripts_dir):
    from vn.ui.readability import dyslexia_font_path
    assert dyslexia_font_path().endswith("OpenDyslexic-Regular.woff")
    app, player = open_app(scripts_dir, dyslexia_font=True)
    try:
        assert app.theme.font("dialogue.text").chain.paths[0] == dyslexia_font_path()
        assert app.theme.gui_data["#menu_button"]["font"]["regular_path"] == dyslexia_font_path()
        default = pygame.font.Font(None, 26).size("Readable")
        assert app.theme.font("dialogue.text").size("Readable") != default
    finally:
        app.close()


def test_line_spacing_spreads_the_dialogue_rows(scripts_dir):
    from vn.ui.widgets.dialogue_box import paginate
    app, _ = open_app(scripts_dir)
    try:
        normal = paginate(app.theme, "word " * 20, False)[2]
        app.settings.line_spacing = 1.5
        app.restyle()
        assert paginate(app.theme, "word " * 20, False)[2] >= round(normal * 1.4)
    finally:
        app.close()


def test_high_contrast_box_is_opaque_with_body_text_at_seven_to_one(scripts_dir):
    app, player = open_app(scripts_dir, high_contrast=True)
    try:
        player.click(app.top.menu.button("new"))
        player.click(app.top.buttons.button("continue"))
        game = app.top
        for _ in range(600):
            player.frames(1)
            if game.dialogue.line is not None and game.dialogue.complete and game.dialogue.fully_visible:
                break
        player.frames(2)
        box = game.dialogue.rect
        canvas = app.display.canvas
        background = pygame.Color(app.theme.colour("dialogue.box", "dark_bg"))
        assert background.a == 255
        # an opaque box: its empty right part is exactly the box colour, whatever the scene
        for x in range(box.right - 40, box.right - 20, 5):
            for y in (box.top + 10, box.bottom - 12):
                assert tuple(canvas.get_at((x, y)))[:3] == tuple(background)[:3]
        text_area = game.dialogue.text_rect
        pixels = [canvas.get_at((x, y)) for x in range(text_area.x, text_area.x + 300, 2)
                  for y in range(text_area.y, text_area.y + game.dialogue._row_height)]
        brightest = max(pixels, key=lambda c: c.r + c.g + c.b)
        assert contrast(brightest, background) >= 7
        for element in ("dialogue.text", "dialogue.narration", "screen.body", "screen.hint"):
            assert contrast(app.theme.colour(element), background) >= 7
    finally:
        app.close()


def test_a_note_longer_than_the_screen_scrolls_to_its_last_row_by_keys(scripts_dir):
    app, player = open_app(scripts_dir, text_size=2.0, dyslexia_font=True, line_spacing=2.0)
    try:
        player.click(app.top.menu.button("new"))
        note = app.top
        assert note.scrolls and SCREEN.contains(note.panel_rect)
        assert note._visible_rows(note.scroll)[1] < len(note._rows)
        for _ in range(len(note._rows)):
            player.key(pygame.K_DOWN)
        assert note._visible_rows(note.scroll)[1] == len(note._rows)      # the last row is shown
        for _ in range(len(note._rows)):
            player.key(pygame.K_UP)
        assert note.scroll == 0
    finally:
        app.close()


def test_the_game_is_laid_out_again_in_place_when_the_text_grows(player, app):
    game = player.start_game()
    for _ in range(300):
        player.frames(1)
        if game.dialogue.line is not None:
            break
    line, box = game.dialogue.line, game.dialogue.rect
    player.key(pygame.K_ESCAPE)
    player.click(app.top.menu.button("settings"))
    app.settings.text_size = 1.6
    app.top._restyle_pending = True
    player.frames(2)
    player.key(pygame.K_ESCAPE)
    player.key(pygame.K_ESCAPE)
    assert app.top is game                      # the same story, not a new one
    assert game.dialogue.line is line
    assert game.dialogue.rect.height > box.height and SCREEN.contains(game.dialogue.rect)


# -- high contrast from any theme's colours (a story's own too) --------------------------------
from hypothesis import given, strategies as st  # noqa: E402

from vn.ui.readability import Readability, readable  # noqa: E402

colour = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)).map(
    lambda c: "#%02x%02x%02x%02x" % c)
STATE_KEYS = [f"{state}_{part}" for state in ("normal", "hovered", "selected", "active", "disabled")
              for part in ("bg", "text")]


@given(st.dictionaries(st.sampled_from(STATE_KEYS + ["dark_bg"]), colour, min_size=1))
def test_high_contrast_text_reads_at_seven_to_one_on_its_own_box(colours):
    _, gui = readable({}, {"#any": {"colours": colours}}, Readability(high_contrast=True))
    out = gui["#any"]["colours"]
    for key, value in out.items():
        if not key.endswith("_text"):
            continue
        state = key.removesuffix("_text")
        box = out.get(f"{state}_bg", out.get("normal_bg", out.get("dark_bg")))
        if box is None or pygame.Color(box).a < 32:
            box = "#000000"         # a faint fill lies over the high-contrast black panels
        floor = 7 if state != "disabled" else 4.5
        assert contrast(value, box) >= floor, (key, value, box)


def test_every_description_is_whole_at_every_step_of_the_text_size_slider(player, app):
    """The slider's every value, 75 % to 200 % by 5: each description wraps inside its row, on a
    page, above the buttons, with nothing cut."""
    from vn.ui.screens.settings import ROW_SPECS
    player.click(app.top.menu.button("settings"))
    screen = app.top
    for percent in range(75, 201, 5):
        app.settings.text_size = percent / 100
        app.restyle()
        font = screen.fonts.description
        for placed in screen.placed:
            spec = next(s for s in ROW_SPECS if s.key == placed.spec.key)
            assert " ".join(placed.description_rows) == spec.description, percent
            assert all(font.size(row)[0] <= placed.band.width for row in placed.description_rows), percent
            bottom = placed.description_pos[1] + len(placed.description_rows) * placed.description_step
            assert bottom <= placed.band.bottom < screen.back_button.rect.top, percent
            assert placed.band.contains(placed.control), percent
