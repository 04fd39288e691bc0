"""Styled text: square-bracket tags inside a line or an option.

    [b]bold[/b] [i]italic[/i] [color=#e0c080]colour[/color] [speed=0.5]slowly[/speed]
    a wait for a click[w] or a timed one[w=0.5], and [nw] at the very end: the line moves on by itself.

`[[` is a literal `[`; a `]` alone is literal. Square brackets because `{...}` is
interpolation: a tag can never be read as an expression, nor an expression as a tag.
An interpolated value is text, never markup: a styled template escapes it (`escape`).

`parse` never raises: what is not a well-formed tag is shown as written. `vn check`
(markup_check.py) refuses such text before it ever plays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# named colours a writer may use instead of #rgb / #rrggbb (a short list: more would only invite guessing)
NAMED_COLOURS: dict[str, str] = {
    "red": "#d9534f", "orange": "#e8964a", "gold": "#e0c080", "yellow": "#f0dc6e", "green": "#6cc070",
    "teal": "#4fb3a9", "blue": "#6a9fe0", "purple": "#a87fd8", "pink": "#e68ab8", "white": "#ffffff",
    "grey": "#9a9a9a", "gray": "#9a9a9a", "black": "#000000",
}
PAIRED = ("b", "i", "color", "speed")       # tags that enclose text and are closed by [/name]
SINGLE = ("w", "nw")                        # tags that stand alone
TAGS = PAIRED + SINGLE
MAX_WAIT = 10.0
SPEED_RANGE = (0.1, 10.0)
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# a tag as written: [name], [/name] or [name=value]; neither brackets nor braces inside
TAG = re.compile(r"\[(/?)([^\[\]=\s{}]*)(?:=([^\[\]{}]*))?\]")


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one style. `colour` is '#rrggbb' or None (the box's own); `speed` multiplies typing."""
    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    speed: float = 1.0


@dataclass(frozen=True, slots=True)
class Wait:
    """Typing stops here: for a click (seconds None) or for a number of seconds."""
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class NoWait:
    """At a line's end: once typed, the line moves on without a click."""


Piece = Run | Wait | NoWait


def colour_value(text: str) -> str | None:
    """'#rrggbb' for a colour as written (#rgb, #rrggbb or a named colour), else None."""
    text = text.strip()
    if _HEX.fullmatch(text):
        return "#" + "".join(c * 2 for c in text[1:]).lower() if len(text) == 4 else text.lower()
    return NAMED_COLOURS.get(text.lower())


def number_value(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def escape(text: str) -> str:
    """Text shown as written inside markup: every '[' doubled."""
    return text.replace("[", "[[") if "[" in text else text


@lru_cache(maxsize=4096)
def parse(markup: str) -> tuple[Piece, ...]:
    """The pieces of `markup`, in order. Never raises; ill-formed tags are text."""
    if "[" not in markup:
        return (Run(markup),) if markup else ()
    pieces: list[Piece] = []
    text: list[str] = []
    stack: list[tuple[str, object]] = []      # open paired tags: (name, value)
    style = Run("")

    def flush() -> None:
        joined = "".join(text)
        text.clear()
        if joined:
            pieces.append(Run(joined, style.bold, style.italic, style.colour, style.speed))

    i = 0
    while i < len(markup):
        at = markup.find("[", i)
        if at < 0:
            text.append(markup[i:])
            break
        text.append(markup[i:at])
        if markup.startswith("[[", at):
            text.append("[")
            i = at + 2
            continue
        found = TAG.match(markup, at)
        tag = _tag(found) if found else None
        if tag is None:
            text.append("[")
            i = at + 1
            continue
        closing, name, value = tag
        i = found.end()
        flush()
        if name == "w":
            pieces.append(Wait(value))
        elif name == "nw":
            pieces.append(NoWait())
        elif closing:
            names = [n for n, _ in stack]
            if name in names:
                del stack[len(names) - 1 - names[::-1].index(name)]
        else:
            stack.append((name, value))
        style = _style(stack)
    flush()
    return tuple(pieces)


def _tag(found: re.Match) -> tuple[bool, str, object] | None:
    """(closing, name, value) of a well-formed tag, else None."""
    closing, name, value = bool(found.group(1)), found.group(2), found.group(3)
    if name not in TAGS or (closing and (name not in PAIRED or value is not None)):
        return None
    if closing:
        return True, name, None
    if name in ("b", "i", "nw"):
        return (False, name, None) if value is None else None
    if name == "color":
        colour = colour_value(value) if value is not None else None
        return (False, name, colour) if colour else None
    if name == "w" and value is None:
        return False, name, None
    number = number_value(value) if value is not None else None
    if number is None:
        return None
    if name == "w":
        return (False, name, number) if 0 < number <= MAX_WAIT else None
    return (False, name, number) if SPEED_RANGE[0] <= number <= SPEED_RANGE[1] else None


def _style(stack: list[tuple[str, object]]) -> Run:
    bold = italic = False
    colour, speed = None, 1.0
    for name, value in stack:
        if name == "b":
            bold = True
        elif name == "i":
            italic = True
        elif name == "color":
            colour = value
        else:
            speed = value
    return Run("", bold, italic, colour, speed)


@lru_cache(maxsize=4096)
def plain(markup: str) -> str:
    """The text without its tags ('[[' as '['): what history search and speech get."""
    if "[" not in markup:
        return markup
    return "".join(p.text for p in parse(markup) if isinstance(p, Run))


def runs(markup: str) -> tuple[Run, ...]:
    """Only the styled text (waits left out): what the history, options and saves draw."""
    return tuple(p for p in parse(markup) if isinstance(p, Run))


def ends_without_wait(markup: str | None) -> bool:
    pieces = parse(markup) if markup else ()
    return bool(pieces) and isinstance(pieces[-1], NoWait)
