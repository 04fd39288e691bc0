"""The error screen: what went wrong in the scripts, by file and line, instead of a traceback.

Load-time problems list the loader's diagnostics (the same ones `vn check`
prints); a run-time StoryError shows its position and message. From here
the player (or writer) can try again after fixing the file, go back to the
title, or quit.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from ..widgets.button_column import ButtonColumn, Entry
from ..widgets.sizing import button_size
from ..widgets.decor import paint_kicker
from ..display import LOGICAL_SIZE
from ..screen import Screen
from ..text_layout import wrap, wrap_rows

LEFT = 112
WIDTH = LOGICAL_SIZE[0] - 2 * LEFT
LIST_TOP = 212
LIST_BOTTOM = LOGICAL_SIZE[1] - 130
BUTTON_WIDTH, BUTTON_HEIGHT, BUTTON_GAP = 220, 50, 16


@dataclass(frozen=True)
class Problem:
    """One thing to report: where, what, and how to fix it when known."""
    path: str
    line: int
    column: int
    message: str
    code: str = ""
    hint: str = ""
    source_line: str = ""

    @property
    def location(self) -> str:
        where = f"{Path(self.path).name}, line {self.line}" if self.line else Path(self.path).name
        if self.column > 1:
            where += f", column {self.column}"
        return where + (f"  \u00b7  {self.code}" if self.code else "")


def _source_line(path: str, line: int) -> str:
    """The text of the line at fault, if the file is still there to read."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


class ErrorScreen(Screen):
    def __init__(self, app, heading: str, problems: list[Problem], actions: list[Entry], summary: str = ""):
        super().__init__(app)
        self.heading = heading
        self.spoken_title = f"{heading}. {summary}".strip(". ") if summary else heading
        self.problems = problems
        self._kicker = paint_kicker(self.theme, "Script error")
        heading_font = self.theme.font("screen.heading")
        rows = wrap_rows(heading_font, heading, WIDTH, 2)
        self._heading = pygame.Surface((WIDTH, heading_font.get_linesize() * len(rows)), pygame.SRCALPHA)
        for n, row in enumerate(rows):
            self._heading.blit(heading_font.render(row, True, self.theme.colour("screen.heading")),
                               (0, n * heading_font.get_linesize()))
        hint_font = self.theme.font("screen.hint")
        self._summary = [hint_font.render(row, True, self.theme.colour("screen.hint"))
                         for row in wrap(hint_font, summary, WIDTH)] if summary else []
        width, height = button_size(self.theme, "#panel_button", [a.text for a in actions], BUTTON_WIDTH,
                                    BUTTON_HEIGHT)
        self.buttons_top = LOGICAL_SIZE[1] - 46 - height
        self.list_top = max(LIST_TOP, self._header_bottom() + 16)
        self._blocks = self._paint_problems(problems)
        self.actions = self.own(ButtonColumn(self.ui, actions, left=LEFT, top=self.buttons_top,
                                             width=width, height=height, gap=BUTTON_GAP,
                                             object_id="#panel_button", horizontal=True))

    def _header_bottom(self) -> int:
        bottom = 72 + self._kicker.get_height() + 12 + self._heading.get_height() + 8
        return bottom + sum(row.get_height() for row in self._summary)

    def focus_rect(self):
        return self.actions.focus_rect()

    # -- the three ways to get here -----------------------------------------------------
    @classmethod
    def for_load_error(cls, app, error) -> "ErrorScreen":
        diagnostics = [d for d in error.diagnostics if d.is_error] or list(error.diagnostics)
        problems = [Problem(d.pos.path, d.pos.line, d.pos.column, d.message, d.code, d.hint, d.source_line)
                    for d in diagnostics]
        count = len(problems)
        summary = f"{count} problem{'s' * (count != 1)} in {app.scripts_dir}. Fix the file, then try again."
        return cls(app, "The story could not be loaded", problems,
                   [Entry("retry", "Try again"), Entry("quit", "Quit")], summary)

    @classmethod
    def for_story_error(cls, app, error) -> "ErrorScreen":
        pos = error.pos
        path, line = getattr(pos, "path", "?"), getattr(pos, "line", 0)
        problem = Problem(path, line, getattr(pos, "column", 0), error.message,
                          source_line=_source_line(path, line))
        return cls(app, "The story stopped at an error", [problem],
                   [Entry("title", "Return to title"), Entry("quit", "Quit")],
                   f"The script went wrong while it was playing ({path}).")

    @classmethod
    def for_exception(cls, app, message: str) -> "ErrorScreen":
        return cls(app, "The story could not be loaded", [Problem(str(app.scripts_dir), 0, 0, message)],
                   [Entry("retry", "Try again"), Entry("quit", "Quit")])

    # -- painting, once ------------------------------------------------------------------
    def _paint_problems(self, problems: list[Problem]) -> list[list[tuple[pygame.Surface, int]]]:
        """Each problem as rows of (surface, x indent); stops when the screen is full."""
        theme = self.theme
        location_font, message_font = theme.font("error.location"), theme.font("error.message")
        hint_font, source_font = theme.font("error.hint"), theme.font("error.source")
        blocks, y = [], self.list_top
        for n, problem in enumerate(problems):
            rows = [(location_font.render(problem.location, True, theme.colour("error.location")), 0)]
            rows += [(message_font.render(r, True, theme.colour("error.message")), 0)
                     for r in wrap(message_font, problem.message, WIDTH)]
            if problem.source_line.strip():
                source = problem.source_line.rstrip("\n").expandtabs(1)
                rows.append((source_font.render(source.strip(), True, theme.colour("error.source")), 24))
            if problem.hint:
                rows += [(hint_font.render(r, True, theme.colour("error.hint")), 0)
                         for r in wrap(hint_font, problem.hint, WIDTH)]
            height = sum(r.get_height() + 4 for r, _ in rows) + 22
            limit = self.buttons_top - 24 - hint_font.get_linesize()
            if y + height > limit and blocks:
                more = len(problems) - n
                note = f"\u2026 and {more} more. Run `vn check` to see every one."
                blocks.append([(hint_font.render(note, True, theme.colour("screen.hint")), 0)])
                break
            if y + height > limit:
                # one problem taller than the room (the largest text): what fits, and where the rest is
                kept, used = [], y
                for row in rows:
                    if used + row[0].get_height() + 4 > limit:
                        break
                    kept.append(row)
                    used += row[0].get_height() + 4
                note = "\u2026 `vn check` shows the whole of it."
                blocks.append(kept + [(hint_font.render(note, True, theme.colour("screen.hint")), 0)])
                break
            blocks.append(rows)
            y += height
        return blocks

    # -- the contract -------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        picked = self.actions.process_event(event)
        if picked == "retry":
            self.app.load()
        elif picked == "title":
            self.app.show_title()
        elif picked == "quit" or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.quit()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.colour("error.screen", "dark_bg"))
        pygame.draw.rect(surface, self.theme.colour("error.location"), (0, 0, 6, LOGICAL_SIZE[1]))
        y = 72
        surface.blit(self._kicker, (LEFT, y))
        y += self._kicker.get_height() + 12
        surface.blit(self._heading, (LEFT, y))
        y += self._heading.get_height() + 8
        for row in self._summary:
            surface.blit(row, (LEFT, y))
            y += row.get_height()
        y = self.list_top
        for rows in self._blocks:
            for row, indent in rows:
                surface.blit(row, (LEFT + indent, y))
                y += row.get_height() + 4
            y += 22
