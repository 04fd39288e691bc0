"""The loaded game: frozen dataclasses, each statement with its position and stable id.

Nothing here knows about YAML or the display; the loader builds these, the
validator checks them and the compiler turns labels into runtime code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .diagnostics import Pos
from .expr import Expr, Template

TRANSITIONS = ("none", "fade", "dissolve", "flash")
EFFECTS = ("gunfire", "shake", "flash", "ignite", "sirens")
POSITIONS = ("left", "center", "right")
POSITION_X = {"left": 0.25, "center": 0.5, "right": 0.75}   # a named position's share of the width
SHOWN_AS = ("plate", "silhouette", "figure", "spirit")
SPRITE_TRANSITIONS = ("none", "dissolve")
# the scenes the engine paints in code, with the variants each has (vn/ui/scenes/registry.py
# builds them; a test keeps the two lists equal)
PAINTED_SCENES = {"bar": ("burning",), "street": ("burning", "dark"), "cemetery": ("empty",)}
BACKGROUND_KINDS = ("image", "color", "painted", "layers", "plain")
# sound: the four channels, and the sounds the engine makes in code (vn/ui/audio/synth builds
# them; a test keeps the two lists equal). A source is "file:<path in the story folder>" or
# "synth:<name>": plain text, so what is playing saves as JSON.
AUDIO_CHANNELS = ("music", "ambience", "sound", "voice")
LOOPING_CHANNELS = ("music", "ambience")     # these keep playing, and saves and rollback restore them
SYNTH_SOUNDS = (
    "neon_hum", "electric_buzz",            # the bar
    "gunfire", "ear_ringing", "gun_click",  # the sixty, heard by a deafened man; the dead man's click
    "pistol_shot",                          # the forty-five, once, heard the same way
    "deaf_room",                            # after it: pressure, a heartbeat, a thin whine (a loop)
    "fire", "fire_roar",                    # a crackle that grows into a roar; the roar as a loop
    "sirens",                               # approaching and passing, with a Doppler shift
    "street_rain", "lamp_buzz",             # the wet street; the one failing lamp
    "dawn_wind", "dawn_birds",              # the cemetery at sunrise
    "door_knock",                           # Dawn's Birthday
)
AUDIO_FILE_TYPES = (".ogg", ".wav", ".flac", ".mp3")


@dataclass(frozen=True, slots=True)
class Say:
    id: str
    pos: Pos
    speaker: str | None  # a character id, or None for narration
    text: Template
    text_pos: Pos
    glue: bool = False   # `- glue: "…"`: continues the line shown before it (see vn/runtime/glue.py)


@dataclass(frozen=True, slots=True)
class Assign:
    name: str
    value: Expr
    pos: Pos        # of the variable name
    value_pos: Pos  # where the expression text starts


@dataclass(frozen=True, slots=True)
class Set:
    id: str
    pos: Pos
    assigns: tuple[Assign, ...]


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    pos: Pos
    text: Template
    text_pos: Pos
    condition: Expr | None = None
    condition_pos: Pos | None = None
    once: bool = False
    assigns: tuple[Assign, ...] = ()
    body: tuple["Statement", ...] = ()
    jump: str | None = None
    jump_pos: Pos | None = None
    note: str = ""  # a few words for route summaries in saves, e.g. "spared Willy"
    name: str = ""  # counted by picks('label.name'); unique in its label
    name_pos: Pos | None = None


@dataclass(frozen=True, slots=True)
class Menu:
    id: str
    pos: Pos
    options: tuple[Option, ...]
    prompt: Say | None = None   # a line shown in the dialogue box while the options are up


@dataclass(frozen=True, slots=True)
class Branch:
    condition: Expr | None  # None for else
    condition_pos: Pos
    body: tuple["Statement", ...]


@dataclass(frozen=True, slots=True)
class If:
    id: str
    pos: Pos
    branches: tuple[Branch, ...]


@dataclass(frozen=True, slots=True)
class Jump:
    id: str
    pos: Pos
    target: str


@dataclass(frozen=True, slots=True)
class Call:
    id: str
    pos: Pos
    target: str


@dataclass(frozen=True, slots=True)
class Return:
    id: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    pos: Pos
    background: str
    variant: str | None = None
    transition: str = "fade"
    duration: float = 1.0


@dataclass(frozen=True, slots=True)
class Show:
    id: str
    pos: Pos
    character: str
    at: str | float = "center"       # a named position, or 0..1 across the screen (the sprite's centre)
    expression: str | None = None    # None: keep the one showing (or the character's first, if new)
    transition: str = "none"         # one of SPRITE_TRANSITIONS
    duration: float = 0.5
    at_given: bool = True            # False: `at` was not written, so a figure on stage keeps its place
    expression_pos: Pos | None = None   # where the expression was written, for diagnostics


@dataclass(frozen=True, slots=True)
class Hide:
    id: str
    pos: Pos
    character: str
    transition: str = "none"
    duration: float = 0.5


@dataclass(frozen=True, slots=True)
class Pause:
    id: str
    pos: Pos
    seconds: float


@dataclass(frozen=True, slots=True)
class Effect:
    id: str
    pos: Pos
    name: str
    duration: float | None = None


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    pos: Pos
    ending: str


@dataclass(frozen=True, slots=True)
class Audio:
    """music / ambience / sound / voice: play sources on a channel (crossfading what played
    there), or stop it. One-shots (sound, voice) never loop and are not restored."""
    id: str
    pos: Pos
    channel: str                     # one of AUDIO_CHANNELS
    play: tuple[str, ...] = ()       # sources ("file:..." / "synth:..."); () stops the channel
    fade: float = 0.0                # seconds of fade in, fade out or crossfade
    caption: str = ""                # for players who cannot hear: "[sirens, far off]"
    volume: float = 1.0              # 0..1, times the channel's volume


Statement = Union[Say, Set, Menu, If, Jump, Call, Return, Scene, Show, Hide, Pause, Effect, Ending, Audio]


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    pos: Pos
    body: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    shown: str
    pos: Pos
    color: str | None = None                       # the name plate's colour, "#rrggbb"
    images: dict[str, str] = field(default_factory=dict)   # expression -> picture, relative to the story folder
    image_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # picture -> (w, h) from its header

    @property
    def default_expression(self) -> str | None:
        return next(iter(self.images), None)


@dataclass(frozen=True, slots=True)
class Motion:
    """How a background layer moves; every field is optional and they combine.

    drift:   (x, y) pixels a second; the layer wraps round, so it tiles seamlessly
    flicker: 0..1, how deep random dips of brightness go (a failing bulb)
    pulse:   (depth 0..1, period s): brightness swells and fades on a sine
    sway:    (amplitude px, period s): the layer swings side to side on a sine
    """
    drift: tuple[float, float] = (0.0, 0.0)
    flicker: float = 0.0
    pulse: tuple[float, float] = (0.0, 2.0)
    sway: tuple[float, float] = (0.0, 4.0)

    @property
    def still(self) -> bool:
        return self.drift == (0.0, 0.0) and self.flicker == 0.0 and self.pulse[0] == 0.0 and self.sway[0] == 0.0


@dataclass(frozen=True, slots=True)
class Layer:
    image: str                 # relative to the story folder
    pos: Pos
    motion: Motion = Motion()


@dataclass(frozen=True, slots=True)
class Background:
    id: str
    title: str
    variants: tuple[str, ...]
    pos: Pos
    kind: str = "painted"                  # one of BACKGROUND_KINDS ("plain": the engine's plain backdrop)
    image: str | None = None               # kind "image": relative to the story folder
    color: str | None = None               # kind "color": "#rrggbb"
    painted: str | None = None             # kind "painted": a key of PAINTED_SCENES
    layers: tuple[Layer, ...] = ()         # kind "layers": drawn back to front
    variant_images: dict[str, str] = field(default_factory=dict)   # variant -> its own picture
    image_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # picture -> (w, h) from its header

    def pictures(self) -> tuple[str, ...]:
        """Every picture file this background can show."""
        own = (self.image,) if self.image else ()
        return own + tuple(layer.image for layer in self.layers) + tuple(self.variant_images.values())


@dataclass(frozen=True, slots=True)
class SoundDef:
    """A sound the manifest names: a file of the story's, or one the engine makes in code."""
    id: str
    pos: Pos
    source: str                      # "file:<path>" or "synth:<name>"
    caption: str = ""                # the caption it gets unless a statement gives another
    volume: float = 1.0


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    default: object
    type: type
    pos: Pos
    # False for `name: {type: int}`: it starts at its type's zero, and a read
    # before any `set` is likely a mistake (VN104); a written default is meant
    has_default: bool = True


@dataclass(frozen=True, slots=True)
class EndingDef:
    id: str
    title: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Manifest:
    game_id: str
    title: str
    start: str
    start_pos: Pos
    content_note: str = ""
    characters: dict[str, Character] = field(default_factory=dict)
    backgrounds: dict[str, Background] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    endings: dict[str, EndingDef] = field(default_factory=dict)
    sounds: dict[str, SoundDef] = field(default_factory=dict)
    # read like variables, never assigned; a state always takes their values from here
    constants: dict[str, Variable] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Game:
    manifest: Manifest
    labels: dict[str, Label]
    files: tuple[str, ...]
    fingerprint: str  # hash of every script file's bytes, for save compatibility notes
    root: str = ""    # the story folder, absolute: every picture path is relative to it
    # line id -> "file:voice/<line id>.<ext>": the recordings in the story's voice/ folder, listed once at load
    voices: dict[str, str] = field(default_factory=dict)


# The loader builds a Say for nearly every line, and an Option, Assign and Branch for much of
# the rest. A frozen dataclass's __init__ sets each field through object.__setattr__; these set
# each slot through its own setter, a third faster, and make objects equal to the constructors'.
_new = object.__new__


def slot_setters(cls) -> tuple:
    """The setter of each field of a frozen dataclass with slots, in the order declared."""
    return tuple(cls.__dict__[name].__set__ for name in cls.__dataclass_fields__)


def new_say(id: str, pos: Pos, speaker: str | None, text: Template, text_pos: Pos, glue: bool = False) -> Say:
    say = _new(Say)
    _say_id(say, id)
    _say_pos(say, pos)
    _say_speaker(say, speaker)
    _say_text(say, text)
    _say_text_pos(say, text_pos)
    _say_glue(say, glue)
    return say


def new_option(id, pos, text, text_pos, condition, condition_pos, once, assigns, body, jump, jump_pos, note,
               name, name_pos) -> Option:
    """Option(...) with every field given, in the order declared."""
    option = _new(Option)
    set_id, set_pos, set_text, set_text_pos, set_condition, set_condition_pos, set_once, set_assigns, set_body, \
        set_jump, set_jump_pos, set_note, set_name, set_name_pos = _OPTION
    set_id(option, id)
    set_pos(option, pos)
    set_text(option, text)
    set_text_pos(option, text_pos)
    set_condition(option, condition)
    set_condition_pos(option, condition_pos)
    set_once(option, once)
    set_assigns(option, assigns)
    set_body(option, body)
    set_jump(option, jump)
    set_jump_pos(option, jump_pos)
    set_note(option, note)
    set_name(option, name)
    set_name_pos(option, name_pos)
    return option


def new_assign(name: str, value: Expr, pos: Pos, value_pos: Pos) -> Assign:
    assign = _new(Assign)
    _assign_name(assign, name)
    _assign_value(assign, value)
    _assign_pos(assign, pos)
    _assign_value_pos(assign, value_pos)
    return assign


_say_id, _say_pos, _say_speaker, _say_text, _say_text_pos, _say_glue = slot_setters(Say)
_OPTION = slot_setters(Option)
_assign_name, _assign_value, _assign_pos, _assign_value_pos = slot_setters(Assign)
