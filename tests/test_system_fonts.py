"""A system typeface is looked up once, not at every start: the answer is kept until a font
folder changes or the font found is gone."""
from __future__ import annotations

import pygame
import pytest

from vn.ui import system_fonts


@pytest.fixture
def fonts(tmp_path, monkeypatch):
    """A font folder of our own, a fresh process memory, and pygame's lookups counted."""
    folder = tmp_path / "fonts"
    (folder / "dejavu").mkdir(parents=True)
    font = folder / "dejavu" / "Serif.ttf"
    font.write_bytes(b"font")
    monkeypatch.setattr(system_fonts, "font_folders", lambda: [folder])
    monkeypatch.setattr(system_fonts, "_found", {})
    asked = []

    def lookup(names, bold=False, italic=False):
        asked.append(names)
        return str(font) if "serif" in names else None
    monkeypatch.setattr(pygame.font, "match_font", lookup)
    return folder, font, asked


def restart(monkeypatch):
    monkeypatch.setattr(system_fonts, "_found", {})


def test_the_answer_is_kept_across_starts(fonts, monkeypatch):
    folder, font, asked = fonts
    assert system_fonts.match_font("garamond,serif") == str(font)
    assert system_fonts.match_font("nothing") is None
    assert len(asked) == 2
    restart(monkeypatch)
    assert system_fonts.match_font("garamond,serif") == str(font)
    assert system_fonts.match_font("nothing") is None        # a font not there is remembered too
    assert len(asked) == 2


def test_a_new_font_folder_asks_again(fonts, monkeypatch):
    folder, font, asked = fonts
    system_fonts.match_font("garamond,serif")
    (folder / "ebgaramond").mkdir()                          # a font package installed
    restart(monkeypatch)
    system_fonts.match_font("garamond,serif")
    assert len(asked) == 2


def test_a_font_gone_or_a_damaged_cache_asks_again(fonts, monkeypatch):
    folder, font, asked = fonts
    system_fonts.match_font("garamond,serif")
    restart(monkeypatch)
    (system_fonts.cache_dir() / system_fonts.CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert system_fonts.match_font("garamond,serif") == str(font)
    assert len(asked) == 2
    restart(monkeypatch)
    import os
    stamp, times = system_fonts.folders_stamp(), os.stat(font.parent)
    font.unlink()                                            # gone, where no folder's time shows it
    os.utime(font.parent, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert system_fonts.folders_stamp() == stamp
    system_fonts.match_font("garamond,serif")
    assert len(asked) == 3


def test_a_second_start_lists_no_fonts_before_the_title():
    """pygame lists the system's fonts by running fc-list (and importing subprocess); with the
    answer kept from the first start, the second reaches its title without either."""
    from startprobe import after_title
    first = after_title("print('subprocess' in sys.modules)")
    second = after_title("print('subprocess' in sys.modules)")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert second.stdout.strip().splitlines()[-1] == "False"
