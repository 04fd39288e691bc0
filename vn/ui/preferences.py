"""The player's settings, kept in memory while the game runs."""
from __future__ import annotations

from dataclasses import dataclass

TEXT_SPEED_RANGE = (10, 120)   # characters per second the settings slider offers


@dataclass
class Settings:
    text_speed: float = 45.0        # typewriter speed, characters per second
    fullscreen: bool = False
    reduced_flashes: bool = False   # no white flashes, muzzle strobes or screen shake
    auto_delay: float = 1.5         # seconds a finished line stays before auto-advance moves on
    volume: float = 0.8             # master volume, 0..1
    text_size: float = 1.0          # scale applied to the themed dialogue font

    def clamped_text_speed(self) -> float:
        low, high = TEXT_SPEED_RANGE
        return float(min(max(self.text_speed, low), high))
