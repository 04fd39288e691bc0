"""A volume that moves to its target at a steady rate, one frame at a time.

Every volume the engine sets goes through one of these: a layer's fade (in, out, or to a
new level), a channel's gain (the player's settings, mute, ducking). SDL's own fades are
not used: they own the channel's volume while they run, so they fight ducking and the
settings, and `get_volume()` reads 0.0 right after `Channel.play(fade_ms=...)`.
"""
from __future__ import annotations


class Ramp:
    __slots__ = ("value", "target", "rate")

    def __init__(self, value: float = 0.0):
        self.value = self.target = float(value)
        self.rate = 0.0     # units a second; 0 with value == target

    def to(self, target: float, seconds: float) -> None:
        """Head for `target`, arriving in `seconds` (at once when 0)."""
        self.target = float(target)
        if seconds <= 0.0 or self.value == self.target:
            self.value, self.rate = self.target, 0.0
        else:
            self.rate = abs(self.target - self.value) / seconds

    def update(self, dt: float) -> None:
        if self.value == self.target:
            return
        step = self.rate * dt
        if abs(self.target - self.value) <= step:
            self.value = self.target
        elif self.target > self.value:
            self.value += step
        else:
            self.value -= step

    @property
    def moving(self) -> bool:
        return self.value != self.target
