"""Skip and auto mode: the state of each, and the small indicator shown while one is on.

Skip runs while Ctrl is held or after Tab turned it on; it passes lines the player has
seen before (or any line, with the "skip unseen text" setting), cuts transitions and
pauses short, and stops at choices (or, with "keep skipping after choices", waits out the
choice and then goes on). Auto mode (A) moves on by itself once a line has been fully
shown for a while that grows with its length (`auto_wait`), and, under self-voicing,
once it has been read aloud.
"""
from __future__ import annotations

import math

import pygame

from ..display import LOGICAL_SIZE
from ..pacing import ACTIVE, AMBIENT, STILL
from ..text_layout import render_tracked
from ..theme import Theme
from .waits import CHOOSING, ENDING, PAUSED, READING, TRANSITION

MARGIN = 26
# Ren'Py's auto-forward: a line waits (bonus + characters) / characters-per-wait; with its
# defaults (250 characters and a bonus of 25 per 15 units of the setting) an empty line
# waits 1.5 s and one of 100 characters 7.5 s, which our default setting of 1.5 s matches.
AUTO_BONUS_CHARACTERS = 25


def auto_wait(delay: float, characters: int) -> float:
    """Seconds a finished page of `characters` stays in auto mode: the setting is the wait
    for a line of no length, and every AUTO_BONUS_CHARACTERS more add as much again."""
    return delay * (AUTO_BONUS_CHARACTERS + max(characters, 0)) / AUTO_BONUS_CHARACTERS


class PlayModes:
    def __init__(self, theme: Theme):
        self.theme = theme
        self.skip_toggled = False
        self.skip_held = False
        self.skip_paused = False    # skipping stopped at a choice, to go on after it (a setting)
        self.auto = False
        self.auto_waited = 0.0      # how long the finished line has been on screen
        self._clock = 0.0
        self._badges = {name: self._paint_badge(name) for name in ("Skip", "Auto")}

    @property
    def skipping(self) -> bool:
        return self.skip_toggled or self.skip_held

    def toggle_skip(self) -> None:
        self.skip_toggled = not self.skip_toggled
        self.skip_paused = False

    def stop_at_choice(self) -> None:
        """A choice: skipping stops, remembering that it was on."""
        self.skip_paused = self.skip_toggled or self.skip_paused
        self.stop_skip()

    def after_choice(self, keep_skipping: bool) -> None:
        """The choice was answered: with "keep skipping after choices", skipping goes on."""
        if keep_skipping and self.skip_paused:
            self.skip_toggled = True
        self.skip_paused = False

    def stop_skip(self) -> None:
        """Skipping reached something the player must see or decide: the toggle turns off.
        A held Ctrl stays held; it can only pass what skipping may pass."""
        self.skip_toggled = False

    def toggle_auto(self) -> None:
        self.auto = not self.auto
        self.auto_waited = 0.0

    def release(self) -> None:
        """The screen lost the keyboard (a menu opened): a held key's release will not reach it."""
        self.skip_held = False

    def auto_due(self, dt: float, line_finished: bool, delay: float) -> bool:
        """Count the time a finished line has stood; True once auto mode should move on."""
        if not self.auto or not line_finished:
            self.auto_waited = 0.0
            return False
        self.auto_waited += dt
        if self.auto_waited >= delay:
            self.auto_waited = 0.0
            return True
        return False

    def pace(self) -> int:
        """Skipping passes a line a frame; an auto badge only breathes."""
        if self.skipping:
            return ACTIVE
        return AMBIENT if self.auto else STILL

    # -- the indicator ------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self._clock += dt

    def draw(self, surface: pygame.Surface) -> None:
        x = LOGICAL_SIZE[0] - MARGIN
        for name, on in (("Auto", self.auto), ("Skip", self.skipping)):
            if not on:
                continue
            badge = self._badges[name]
            # a slow breathing of the badge says the mode is running, without drawing the eye
            badge.set_alpha(round(200 + 55 * math.sin(self._clock * 3.2)))
            x -= badge.get_width()
            surface.blit(badge, (x, MARGIN))
            x -= 10

    def _paint_badge(self, name: str) -> pygame.Surface:
        font = self.theme.font("indicator.text")
        label = render_tracked(font, name.upper(), self.theme.colour("indicator.text"),
                               self.theme.misc("indicator.text", "tracking", 0))
        arrow_width = 16
        width, height = label.get_width() + arrow_width + 40, 34
        badge = pygame.Surface((width, height), pygame.SRCALPHA)
        pygame.draw.rect(badge, self.theme.colour("indicator.text", "dark_bg"), badge.get_rect(),
                         border_radius=height // 2)
        pygame.draw.rect(badge, self.theme.colour("indicator.text", "normal_border"), badge.get_rect(), 1,
                         border_radius=height // 2)
        colour = self.theme.colour("indicator.text", "accent")
        cy, left = height // 2, 16
        if name == "Skip":     # two chevrons: fast forward
            for dx in (0, 8):
                pygame.draw.polygon(badge, colour, [(left + dx, cy - 6), (left + dx + 7, cy), (left + dx, cy + 6)])
        else:                  # a play triangle
            pygame.draw.polygon(badge, colour, [(left + 2, cy - 7), (left + 13, cy), (left + 2, cy + 7)])
        badge.blit(label, (left + arrow_width + 8, (height - label.get_height()) // 2))
        return badge


def skip_step(game: "GameScreen") -> None:
    """One step of skipping: a line a frame, transitions and pauses cut short."""
    if game.waiting == READING:
        if game.line_seen or game.settings.skip_unseen or game.rollback.rolled_back:
            game.dialogue.complete_now()
            game.proceed()
        else:
            game.modes.stop_skip()
    elif game.waiting == TRANSITION:
        game.transition.finish()
    elif game.waiting == PAUSED:
        game.pause_left = 0.0
    elif game.waiting in (CHOOSING, ENDING):
        game.modes.stop_skip()
