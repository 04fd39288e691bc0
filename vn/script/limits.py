"""Bounds on the numbers and texts a story may hold.

Past these the tools fail in ways unrelated to the story: Python refuses to
print an int of more than 4,300 digits (the autosave's json.dumps does), an int
past 2**53 loses precision as a float or overflows one, and the window turns
durations into frame counts and buffers. So numbers are bounded where they
enter: literals when the game loads (VN025) and values the story computes when
it plays (a StoryError at the statement).
"""
from __future__ import annotations

import math

OUT_OF_RANGE = "VN025"
MAX_NUMBER = 2 ** 53           # beyond it ints are no longer exact as floats
MAX_SECONDS = 600.0            # a pause, duration or transition; ten minutes is surely a mistake
MAX_TEXT = 100_000             # characters of a string the story builds with '+'


def number_problem(value) -> str | None:
    """Why an int or float literal is out of range, or None when it is fine."""
    if isinstance(value, float) and not math.isfinite(value):
        return "this number is too large to use"
    if not -MAX_NUMBER <= value <= MAX_NUMBER:
        return f"this number is beyond ±{MAX_NUMBER:,} (2^53), the largest the story can count to"
    return None


def seconds_problem(value) -> str | None:
    """Why a number of seconds is out of range (negative values are a type problem, reported elsewhere)."""
    if isinstance(value, float) and not math.isfinite(value) or value > MAX_SECONDS:
        return f"at most {MAX_SECONDS:.0f} seconds, got {_short(value)}"
    return None


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 12 else f"a {len(text)}-digit number"


def range_problem(value, low: float, high: float) -> str | None:
    """Why a number is outside [low, high] (or not finite), or None when it is fine."""
    if isinstance(value, float) and not math.isfinite(value) or not low <= value <= high:
        return f"between {low:g} and {high:g}, got {_short(value)}"
    return None
