"""Powersave: draw only as often as what is on screen needs.

Each screen (and the toasts) says what it needs this moment, as one of three paces:

- ACTIVE: something moves fast or answers the player (text typing, a transition, a
  shake, a fade): the full rate.
- AMBIENT: only slow ambient animation (a flickering bulb, drifting mist): a lower
  rate that still looks continuous, since every animation runs on elapsed time.
- STILL: nothing moves (a menu over a paused game): a few frames a second, enough to
  notice a scene finished painting or a toast.

Input always gets a prompt frame: the pacer looks for events every few milliseconds
while it waits for the next frame, so a key or a click ends the wait, and for a moment
after input the pace is ACTIVE (hover highlights, presses). Frames are never closer than
the full rate, however fast the mouse sends motion. While the window is minimised or
hidden nothing is drawn at all; events are still read, so closing it works.

Like Ren'Py's powersave, this costs nothing visible: animations advance by the real
time between frames, so a change of rate changes how often they are sampled, never
their speed.
"""
from __future__ import annotations

import time

import pygame

STILL, AMBIENT, ACTIVE = 0, 1, 2
RATES = {ACTIVE: 60.0, AMBIENT: 24.0, STILL: 5.0}   # frames a second
INPUT_GRACE = 0.3          # seconds of full rate after the player's last input
HIDDEN_POLL = 0.25         # how often a hidden window looks for events (quit, restore)
INPUT_POLL = 0.004         # how often a waiting frame looks for input: well under a frame at 60

INPUT_EVENTS = frozenset({
    pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP, pygame.JOYAXISMOTION,
    pygame.JOYHATMOTION, pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP, pygame.CONTROLLERAXISMOTION,
    pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION,
})
HIDING_EVENTS = frozenset({pygame.WINDOWMINIMIZED, pygame.WINDOWHIDDEN})
SHOWING_EVENTS = frozenset({pygame.WINDOWRESTORED, pygame.WINDOWSHOWN, pygame.WINDOWMAXIMIZED,
                            pygame.WINDOWEXPOSED})


class FramePacer:
    def __init__(self, clock=time.perf_counter):
        self.clock = clock
        self.hidden = False
        self._last_input = -INPUT_GRACE
        self._last_frame = clock()

    def note(self, event: pygame.event.Event) -> None:
        """See every event the app handles: input and the window's visibility."""
        if event.type in INPUT_EVENTS:
            self._last_input = self.clock()
        elif event.type in HIDING_EVENTS:
            self.hidden = True
        elif event.type in SHOWING_EVENTS:
            self.hidden = False

    def pace(self, need: int) -> int:
        """The pace to draw at, given what the screens need."""
        if self.clock() - self._last_input < INPUT_GRACE:
            return ACTIVE
        return need

    def interval(self, need: int) -> float:
        return HIDDEN_POLL if self.hidden else 1.0 / RATES[self.pace(need)]

    def wait(self, need: int) -> list[pygame.event.Event]:
        """Wait until the next frame is due, or input makes it due sooner; returns the
        events that arrived meanwhile, in order, for the app to handle."""
        events: list[pygame.event.Event] = []
        while True:
            # what is queued is seen before any frame, so none is drawn for a window that
            # has just been minimised, and input brings the next frame forward
            for event in pygame.event.get():
                events.append(event)
                self.note(event)
            remaining = self._last_frame + self.interval(need) - self.clock()
            if remaining <= 0:
                break
            # short naps rather than pygame.event.wait, which polls every millisecond
            # inside (2.4 % of a core measured, doing nothing)
            time.sleep(min(remaining, HIDDEN_POLL if self.hidden else INPUT_POLL))
        self._last_frame = self.clock()
        return events
