"""The window with a story's own pictures, played by posted events: backgrounds of every
kind, sprites at their positions, expressions, dissolves, a story without backgrounds."""
from __future__ import annotations

import pygame
import pytest

from picturestory import BLUE, GREEN, RED, SPRITE_SIZE, YELLOW, near, pixel, solid, write_story
from uiplayer import Player
from vn.ui.app import App
from vn.ui.screens.game import GameScreen
from vn.ui.screens.title import TitleScreen

SKY = (120, 160, 220)
CAST = """characters:
  ann:
    name: Ann
    color: "#c8ffc8"
    images: {happy: "images/ann happy.png", sad: "images/ann sad.png"}
  bob: {name: Bob, shown: silhouette}
"""


@pytest.fixture
def story(tmp_path):
    pygame.display.init()
    pygame.display.set_mode((8, 8))
    folder = tmp_path / "story"
    solid(folder / "images/bg one.png", (1600, 900), RED)
    solid(folder / "images/two.jpg", (1920, 1080), BLUE)
    solid(folder / "images/ann happy.png", SPRITE_SIZE, GREEN, alpha=True)
    solid(folder / "images/ann sad.png", SPRITE_SIZE, YELLOW, alpha=True)
    return folder


def play(folder):
    app = App(folder, paint_in_background=False)
    assert app.load()
    player = Player(app)
    player.frames(2)
    return app, player


def advance_to(player, game, done, limit=400):
    for _ in range(limit):
        if done():
            return
        player.click_at((640, 200))
        player.frames(2)
    raise AssertionError("the story never got there")


def go_on(player, game):
    """Past the line on screen: finish its typing first, then click on."""
    if not game.dialogue.complete:
        player.click_at((640, 200))
    player.click_at((640, 200))


def line_is(game, text):
    return lambda: game.waiting == "reading" and game.dialogue.line is not None and game.dialogue.line.text == text


def sprite_column(app, x, y=380):
    return pixel(app, (x, y))


def test_picture_background_fills_the_screen_and_sprites_stand_where_told(story):
    write_story(story, CAST + """backgrounds:
  one: {image: "images/bg one.png"}
  two: {image: images/two.jpg}
""", """start:
  - scene: {background: one, transition: none}
  - show: {character: ann, expression: happy, at: left}
  - ann: "Left."
  - show: {character: ann, at: center}
  - ann: "Centre."
  - show: {character: ann, at: right}
  - ann: "Right."
  - show: {character: ann, at: 0.1}
  - ann: "Far left."
  - show: {character: ann, expression: sad}
  - ann: "Sad."
  - hide: ann
  - "Gone."
  - scene: {background: two, transition: none}
  - "Blue."
  - ending: done
""")
    app, player = play(story)
    try:
        game = player.start_game()
        advance_to(player, game, line_is(game, "Left."))
        for corner in ((2, 2), (1277, 2), (640, 100)):
            assert near(pixel(app, corner), RED, 15), corner
        assert near(sprite_column(app, 320), GREEN), "the sprite stands at a quarter of the width"
        assert near(sprite_column(app, 640), RED, 15)
        top = 720 - SPRITE_SIZE[1] + 10       # the picture's own transparent border is 10 px
        assert near(pixel(app, (320, top + 3)), GREEN) and near(pixel(app, (320, top - 4)), RED, 15), \
            "it stands on the bottom edge at its own pixel size"
        advance_to(player, game, line_is(game, "Centre."))
        assert near(sprite_column(app, 640), GREEN) and near(sprite_column(app, 320), RED, 15)
        advance_to(player, game, line_is(game, "Right."))
        assert near(sprite_column(app, 960), GREEN) and near(sprite_column(app, 640), RED, 15)
        advance_to(player, game, line_is(game, "Far left."))
        assert near(sprite_column(app, 128), GREEN) and near(sprite_column(app, 960), RED, 15)
        advance_to(player, game, line_is(game, "Sad."))
        assert near(sprite_column(app, 128), YELLOW), "the expression swapped the picture in place"
        advance_to(player, game, line_is(game, "Gone."))
        assert near(sprite_column(app, 128), RED, 15), "a hidden sprite is gone"
        advance_to(player, game, line_is(game, "Blue."))
        game.transition.finish()
        player.frames(2)
        assert near(pixel(app, (2, 2)), BLUE, 15), "a JPEG background"
    finally:
        app.close()


def test_dissolve_blends_old_and_new(story):
    write_story(story, CAST + "backgrounds:\n  black: {color: \"#000000\"}\n", """start:
  - scene: {background: black, transition: none}
  - show: {character: ann, expression: happy, at: center}
  - "Happy."
  - show: {character: ann, expression: sad, transition: dissolve, duration: 1.0}
  - "Sad."
  - hide: {character: ann, transition: dissolve, duration: 1.0}
  - "Gone."
  - ending: done
""")
    app, player = play(story)
    try:
        game = player.start_game()
        advance_to(player, game, line_is(game, "Happy."))
        assert near(pixel(app, (2, 2)), (0, 0, 0), 3), "a colour background"
        assert near(sprite_column(app, 640), GREEN)
        go_on(player, game)               # on to "Sad.": the cross-fade starts
        player.frames(28)                 # about half way through the second
        mid = sprite_column(app, 640)
        assert not near(mid, GREEN, 20) and not near(mid, YELLOW, 20), mid
        assert mid[0] > 30 and mid[1] > 100, f"both pictures show through: {mid}"
        player.frames(40)
        assert near(sprite_column(app, 640), YELLOW)
        advance_to(player, game, line_is(game, "Sad."))
        go_on(player, game)
        player.frames(28)
        fading = sprite_column(app, 640)
        assert 40 < fading[0] < 200, f"half faded out: {fading}"
        player.frames(40)
        assert near(sprite_column(app, 640), (0, 0, 0), 3)
    finally:
        app.close()


def test_cover_keeps_the_aspect_ratio(story):
    square = story / "images/square.png"
    surf = pygame.Surface((800, 800))
    surf.fill(BLUE)
    surf.fill(RED, (0, 0, 800, 100))          # cropped away: a square covers 16:9 by its middle
    surf.fill(GREEN, (0, 700, 800, 100))
    pygame.image.save(surf, str(square))
    write_story(story, "backgrounds:\n  sq: {image: images/square.png}\n",
                "start:\n  - scene: {background: sq, transition: none}\n  - \"Square.\"\n  - ending: done\n")
    app, player = play(story)
    try:
        game = player.start_game()
        advance_to(player, game, line_is(game, "Square."))
        assert near(pixel(app, (640, 4)), BLUE, 15) and near(pixel(app, (4, 300)), BLUE, 15)
    finally:
        app.close()


def test_a_story_without_backgrounds_plays_to_its_end_on_the_plain_backdrop(story):
    write_story(story, CAST, """start:
  - show: {character: ann, expression: happy, at: right}
  - ann: "No scenery at all."
  - show: {character: bob, at: left}
  - bob: "None."
  - ending: done
""")
    app, player = play(story)
    try:
        title = app.top
        assert isinstance(title, TitleScreen) and title.scene_key is None
        player.frames(30)
        game = player.start_game()
        advance_to(player, game, line_is(game, "No scenery at all."))
        assert near(sprite_column(app, 960), GREEN)
        backdrop = app.theme.colour("title.screen", "top_bg")
        assert near(pixel(app, (4, 2)), tuple(backdrop)[:3], 12)
        advance_to(player, game, lambda: game.waiting == "ending")
        assert game.ending is not None and game.ending.id == "done"
    finally:
        app.close()


def test_title_stands_on_the_first_picture_background(story):
    write_story(story, "backgrounds:\n  two: {image: images/two.jpg}\n  one: {image: \"images/bg one.png\"}\n",
                "start:\n  - scene: two\n  - \"Hi.\"\n  - ending: done\n")
    app, player = play(story)
    try:
        title = app.top
        player.frames(150)
        assert title.scene is not None and title.scene_key == ("two", None)
        assert near(pixel(app, (1270, 200)), BLUE, 40)
    finally:
        app.close()


def test_a_picture_damaged_after_the_check_shows_the_plain_backdrop_and_a_toast(story):
    write_story(story, "backgrounds:\n  one: {image: \"images/bg one.png\"}\n",
                "start:\n  - scene: {background: one, transition: none}\n  - \"Hi.\"\n  - ending: done\n")
    app, player = play(story)
    try:
        data = (story / "images/bg one.png").read_bytes()
        (story / "images/bg one.png").write_bytes(data[:200])     # the header passes, the pixels are gone
        app.pictures.retarget(story)
        game = player.start_game()
        advance_to(player, game, line_is(game, "Hi."))
        assert isinstance(app.top, GameScreen)
        assert game.scene.problem and "could not" in game.scene.problem
        assert any("could not" in text for text in app.toasts.texts)
        backdrop = app.theme.colour("title.screen", "top_bg")
        assert near(pixel(app, (4, 2)), tuple(backdrop)[:3], 12)
    finally:
        app.close()


def test_rollback_loading_a_save_and_hot_reload_keep_the_pictures(story):
    from vn.script.program import load_program
    from vn.ui.dev_reload import reload_game
    from vn.ui.play.saving import write_save
    write_story(story, CAST + """backgrounds:
  one: {image: "images/bg one.png"}
  two: {image: images/two.jpg}
""", """start:
  - scene: {background: one, transition: none}
  - show: {character: ann, expression: happy, at: left}
  - ann: "Red."
  - scene: {background: two, transition: none}
  - show: {character: ann, expression: sad, at: right}
  - ann: "Blue."
  - ending: done
""")
    app, player = play(story)
    try:
        game = player.start_game()
        advance_to(player, game, line_is(game, "Red."))
        write_save(game, "1")
        advance_to(player, game, line_is(game, "Blue."))
        assert near(pixel(app, (2, 2)), BLUE, 15) and near(sprite_column(app, 960), YELLOW)
        player.key(pygame.K_PAGEUP)             # roll back over the scene change
        player.frames(2)
        assert game.dialogue.line.text == "Red."
        assert near(pixel(app, (2, 2)), RED, 15) and near(sprite_column(app, 320), GREEN)
        assert near(sprite_column(app, 960), RED, 15)

        # a writer points the background at another picture and saves: the scene is built again
        manifest = (story / "game.yaml").read_text().replace('"images/bg one.png"', "images/two.jpg")
        (story / "game.yaml").write_text(manifest)
        app.program = load_program(story)       # as DevMode.reload does
        reload_game(game, app.program)
        player.frames(2)
        assert near(pixel(app, (2, 2)), BLUE, 15) and near(sprite_column(app, 320), GREEN)

        assert app.load_save("1")               # the save made on the red scene, as the script now has it
        player.frames(30)
        loaded = app.top
        assert near(pixel(app, (2, 2)), BLUE, 15) and near(sprite_column(app, 320), GREEN)
        assert loaded.dialogue.line.text == "Red."
    finally:
        app.close()


def test_a_name_plate_takes_the_manifest_colour_with_ink_that_reads_on_it(story):
    write_story(story, """characters:
  ann: {name: Annabelle, color: "#c8ffc8", images: {happy: "images/ann happy.png"}}
  dee: {name: Deirdre, color: "#1a2a6c"}
backgrounds:
  black: {color: "#000000"}
""", """start:
  - scene: {background: black, transition: none}
  - ann: "A light plate."
  - dee: "A dark plate."
  - ending: done
""")
    from vn.ui.ink import contrast
    app, player = play(story)
    try:
        game = player.start_game()
        for text, fill in (("A light plate.", (0xc8, 0xff, 0xc8)), ("A dark plate.", (0x1a, 0x2a, 0x6c))):
            advance_to(player, game, line_is(game, text))
            player.frames(40)          # the box has faded in
            box = game.dialogue.rect
            plate = pygame.Rect(box.x + game.dialogue.padding - 18, box.y - 20, 150, 40)
            colours = [pixel(app, (x, y)) for x in range(plate.left, plate.right) for y in range(plate.top, plate.bottom)]
            filled = [c for c in colours if near(c, fill, 6)]
            assert len(filled) > len(colours) // 3, f"the plate is filled with {fill}"
            ink = max(colours, key=lambda c: contrast(pygame.Color(*c), pygame.Color(*fill)))
            assert contrast(pygame.Color(*ink), pygame.Color(*fill)) >= 4.5, "the name reads on its plate"
    finally:
        app.close()


def test_a_webp_picture_is_checked_with_the_window_decoder(story, monkeypatch):
    """WebP decodes where pygame's image module was built with it; elsewhere vn check says
    so (VN041) before the game runs, instead of a plain backdrop in the window."""
    import struct
    from vn.cli import check_folder
    # a WebP header (RIFF/WEBP, a lossless VP8L chunk of 64x48): enough for the script's size check
    bits = (64 - 1) | ((48 - 1) << 14)
    chunk = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", bits) + b"\x00"
    (story / "images").mkdir(exist_ok=True)
    (story / "images/sky.webp").write_bytes(b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk)
    write_story(story, "backgrounds:\n  sky: {image: images/sky.webp}\n",
                "start:\n  - scene: sky\n  - \"Sky.\"\n  - ending: done\n")
    codes = [d.code for d in check_folder(str(story), explore=False).diagnostics]
    decodes = True
    try:
        pygame.image.load(str(story / "images/sky.webp"))
    except pygame.error:
        decodes = False
    assert "VN030" not in codes                  # the header is a sound WebP header
    assert ("VN041" in codes) == (not decodes)
    # whatever this machine's build does, a decoder without WebP is caught
    monkeypatch.setattr(pygame.image, "load", lambda *a: (_ for _ in ()).throw(pygame.error("no WebP here")))
    codes = [d.code for d in check_folder(str(story), explore=False).diagnostics]
    assert "VN041" in codes
