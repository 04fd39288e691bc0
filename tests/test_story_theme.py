"""A story folder's theme.json over the engine's theme, its paths kept inside the folder."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from picturestory import write_story
from vn.ui.app import App
from vn.paths import assets_dir
from vn.ui.story_theme import ThemeError, read
from vn.ui.theme import Theme

STORY = 'start:\n  - ann: "Hello."\n  - ending: done\n'
CAST = "characters:\n  ann: {name: Ann}\n"


def font_file():
    from vn.ui.theme import _packaged_font_path
    return _packaged_font_path("noto_sans", False, True)


def test_a_story_theme_overrides_colours_and_fonts_and_keeps_the_rest(tmp_path):
    folder = write_story(tmp_path / "s", CAST, STORY)
    (folder / "fonts").mkdir()
    shutil.copy(font_file(), folder / "fonts" / "My Font.ttf")
    (folder / "theme.json").write_text(json.dumps({"game_ui": {
        "dialogue.text": {"colours": {"normal_text": "#123456"}, "font": {"regular_path": "fonts/My Font.ttf"}}}}))
    app = App(folder, paint_in_background=False)
    try:
        assert app.load()
        assert tuple(app.theme.colour("dialogue.text"))[:3] == (0x12, 0x34, 0x56)
        base = Theme.load(assets_dir() / "theme.json")
        assert app.theme.colour("title.heading") == base.colour("title.heading"), "the rest is the engine's"
        assert app.theme.font("dialogue.text") is not None
    finally:
        app.close()


@pytest.mark.parametrize("path", ["../outside.ttf", "/etc/fonts/x.ttf", "fonts/../../x.ttf", "link/x.ttf"])
def test_paths_that_leave_the_story_folder_are_refused(tmp_path, path):
    folder = tmp_path / "s"
    folder.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(font_file(), outside / "x.ttf")
    shutil.copy(font_file(), tmp_path / "outside.ttf")
    os.symlink(outside, folder / "link")
    (folder / "theme.json").write_text(json.dumps({"game_ui": {"dialogue.text": {"font": {"regular_path": path}}}}))
    with pytest.raises(ThemeError, match="regular_path"):
        read(folder)


def test_the_window_names_a_bad_theme_on_the_error_screen(tmp_path):
    folder = write_story(tmp_path / "s", CAST, STORY)
    (folder / "theme.json").write_text(json.dumps({"game_ui": {"title.heading": {"font": {"bold_path": "../x.ttf"}}}}))
    app = App(folder, paint_in_background=False)
    try:
        assert not app.load()
        assert type(app.top).__name__ == "ErrorScreen"
    finally:
        app.close()
