"""What `vn check` asks of the window: whether each text of the story can be drawn.

Only vn/ui may import pygame, so the checks that need fonts live here and the
command line calls them (vn/cli.py). They measure with the very fonts and the
box the window uses:

* VN108: a line longer than one page of the dialogue box (it is shown over pages);
* VN109: characters no font of the story can draw (they would show as boxes);
* VN110: right-to-left text (Arabic, Hebrew), which is drawn left to right.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from ..script.diagnostics import WARNING, Diagnostic, Pos
from ..script.expr import Expr, Template
from ..script.markup import plain as without_tags
from ..script import model as m
from .fonts import drawable, is_right_to_left

SHOWN_MISSING = 5        # characters named in one warning; the count says how many more
VISIBLE_ASCII = "".join(chr(code) for code in range(33, 127))   # printable ASCII but the space


NARRATION, SPEECH = "narration", "speech"


def _texts(game) -> list[tuple[Pos, str, str | None]]:
    """(position, words as written, NARRATION or SPEECH for a line of the dialogue box, else
    None) for every text the player reads."""
    out: list[tuple[Pos, str, str | None]] = []

    def plain(template: Template) -> str:
        # a {…} part becomes a space: its value is unknown here, and its digits need no check;
        # style tags are not drawn, so they are neither measured nor looked up in the fonts;
        # varying text ({seq: …}, {cond ? …}) its longest alternative, the most the line can hold
        if template.is_plain:   # most lines: one part, the text itself
            text = template.parts[0]
        else:
            text = "".join(p if isinstance(p, str) else longest(p) for p in template.parts)
        return without_tags(text) if template.styled else text

    def longest(part) -> str:
        if part.__class__ is Expr:
            return " "
        texts = getattr(part, "items", None) or getattr(part, "branches", ())
        return max((plain(t) for t in texts), key=len, default=" ")

    def walk(body) -> None:
        # only lines and options carry text; menus and ifs hold bodies of their own
        for node in body:
            kind = type(node)
            if kind is m.Say:
                out.append((node.text_pos, plain(node.text), NARRATION if node.speaker is None else SPEECH))
            elif kind is m.Menu:
                walk((node.prompt,) if node.prompt else ())
                for option in node.options:
                    out.append((option.text_pos, plain(option.text), None))
                    walk(option.body)
            elif kind is m.If:
                for branch in node.branches:
                    walk(branch.body)

    for label in game.labels.values():
        walk(label.body)
    manifest = game.manifest
    out.append((manifest.start_pos, manifest.title, None))
    for group in (manifest.characters, manifest.endings, manifest.backgrounds):
        for item in group.values():
            out.append((item.pos, getattr(item, "name", None) or getattr(item, "title", "") or "", None))
    return out


def text_warnings(game, scripts_dir: str | Path) -> list[Diagnostic]:
    """The warnings above for a loaded game (vn.script's Game)."""
    import pygame
    pygame.font.init()
    from ..paths import assets_dir
    from .theme import Theme
    theme = Theme.load(assets_dir() / "theme.json")
    theme.add_story_fonts(Path(scripts_dir) / "fonts")
    chain = theme.text_chain()
    fits = _OnePage(theme)
    out: list[Diagnostic] = []
    drawn: set[str] = set()     # characters the chain was asked about and can draw
    # most stories are written in printable ASCII: when the themed font draws all of it, such a
    # text needs no asking about glyphs (and is neither right-to-left nor changed by drawable())
    ascii_drawn = chain.first_draws(VISIBLE_ASCII)
    for pos, text, kind in _texts(game):
        if not text:
            continue
        if text.isascii() and text.isprintable():
            if ascii_drawn:
                if kind is not None and not fits.surely(text, kind == NARRATION):
                    _long_line(out, theme, pos, text, kind)
                continue
        else:
            text = drawable(text)
        seen = set(text)
        missing = chain.missing(text) if not seen <= drawn else ()
        if missing:
            named = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:SHOWN_MISSING])
            more = f" and {len(missing) - SHOWN_MISSING} more" if len(missing) > SHOWN_MISSING else ""
            out.append(Diagnostic(pos, "VN109", f"no font of the story can draw {named}{more}; they show as boxes",
                                  "put a font that has them (.ttf or .otf) in the story's fonts/ folder",
                                  WARNING))
        else:
            drawn |= seen
        if not text.isascii() and any(is_right_to_left(ch) for ch in text):
            out.append(Diagnostic(pos, "VN110", "right-to-left text is drawn left to right, in the order it is "
                                  "stored: the engine does not lay out right-to-left scripts yet",
                                  "keep right-to-left text out of the story until the engine supports it",
                                  WARNING))
        if kind is not None and not fits.surely(text, kind == NARRATION):
            _long_line(out, theme, pos, text, kind)
    return out


def _long_line(out: list[Diagnostic], theme, pos: Pos, text: str, kind: str) -> None:
    """VN108 if the line, laid out as the dialogue box does, takes more than one page."""
    from .widgets.dialogue_box import display_text, paginate
    narration = kind == NARRATION
    _, pages, _ = paginate(theme, display_text(theme, text, narration), narration)
    if len(pages) > 1:
        out.append(Diagnostic(pos, "VN108", f"this line takes {len(pages)} pages of the dialogue box "
                              f"({len(text)} characters)", "split it into several lines", WARNING))


class _OnePage:
    """A quick bound, so that only long lines are laid out: wrapped rows each hold at least
    the box's width less the widest word (and its space), so a line whose one-row width
    leaves room for that many rows fits a page at its natural size, as `paginate` would
    find at its first try."""

    def __init__(self, theme):
        from .text_layout import line_height
        from .widgets.dialogue_box import box_text_rect
        self.area = box_text_rect(theme)
        self.fonts = {}
        for narration in (True, False):
            element = "dialogue.narration" if narration else "dialogue.text"
            font = theme.font(element)
            rows = (self.area.height + line_height(font, theme.misc(element, "line_spacing", 1.35)) // 3) \
                // line_height(font, theme.misc(element, "line_spacing", 1.35))
            widest = max(font.size(chr(code))[0] for code in range(32, 127))   # all of printable ASCII
            self.fonts[narration] = (font, rows, widest)
        # text -> the answer, for narration and for speech: a story repeats its lines
        self.known: dict[bool, dict[str, bool]] = {True: {}, False: {}}

    def surely(self, text: str, narration: bool) -> bool:
        known = self.known[narration]
        answer = known.get(text)
        if answer is None:
            answer = known[text] = self._surely(text, narration)
        return answer

    def _surely(self, text: str, narration: bool) -> bool:
        if not text.isascii() or "\n" in text:
            return False
        font, rows, widest = self.fonts[narration]
        longest_word = max(map(len, text.split()), default=0) + 3     # quotes and a space
        usable = self.area.width - longest_word * widest
        # every row but the last is at least `usable` wide, so a wrap into more than `rows` rows
        # has `rows` full ones and needs rows * usable: anything narrower takes `rows` at most;
        # a tenth more for the box's curly quotes and kerning
        if usable <= 0:
            return False
        if len(text) * widest * 1.1 <= usable * rows:
            return True     # no letter is wider than `widest`: most lines need no measuring
        # drawable ASCII text is measured by the themed font alone (TextFont.size would say the
        # same, after checking that again)
        return font.primary.size(text)[0] * 1.1 <= usable * rows
