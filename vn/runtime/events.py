"""What the runtime hands to whoever presents the story: plain, immutable values."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    id: str
    speaker: str | None     # character id; None for narration
    name: str | None        # the speaker's display name
    text: str                   # plain: style tags taken out (what history search and speech use)
    voice: str | None = None    # "file:voice/<line id>.ogg" when the story has a recording of this line
    markup: str | None = None   # the text with its style tags, when it has any (see vn/script/markup)


@dataclass(frozen=True, slots=True)
class Choice:
    index: int              # pass this to Runtime.choose()
    id: str
    text: str                   # plain
    markup: str | None = None   # with style tags, when it has any


@dataclass(frozen=True, slots=True)
class Choices:
    options: tuple[Choice, ...]
    prompt: Line | None = None   # the menu's question, shown in the dialogue box with the options


@dataclass(frozen=True, slots=True)
class SceneChange:
    background: str
    variant: str | None
    title: str
    transition: str
    duration: float


@dataclass(frozen=True, slots=True)
class Show:
    character: str
    name: str
    shown: str              # plate | silhouette | figure | spirit (how a character without pictures is drawn)
    at: str | float         # left | center | right, or 0..1 across the screen
    expression: str | None = None   # a key of the character's images; None for characters without pictures
    transition: str = "none"        # none | dissolve
    duration: float = 0.0


@dataclass(frozen=True, slots=True)
class Hide:
    character: str
    transition: str = "none"
    duration: float = 0.0


@dataclass(frozen=True, slots=True)
class Pause:
    seconds: float


@dataclass(frozen=True, slots=True)
class Effect:
    name: str
    duration: float | None


@dataclass(frozen=True, slots=True)
class EndingReached:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class End:
    """The story is over. `ending` is None when a route stopped without one (a dead end)."""
    ending: str | None


@dataclass(frozen=True, slots=True)
class Audio:
    channel: str            # music | ambience | sound | voice
    play: tuple[str, ...]   # sources: "file:<path in the story folder>" or "synth:<name>"; () stops
    fade: float = 0.0       # seconds: fade in, fade out, or crossfade from what played before
    caption: str = ""       # shown when the player has sound captions on; "" for none
    volume: float = 1.0


Event = Line | Choices | SceneChange | Show | Hide | Pause | Effect | EndingReached | End | Audio
