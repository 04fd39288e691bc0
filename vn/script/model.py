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
SHOWN_AS = ("plate", "silhouette", "figure", "spirit")


@dataclass(frozen=True, slots=True)
class Say:
    id: str
    pos: Pos
    speaker: str | None  # a character id, or None for narration
    text: Template
    text_pos: Pos


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


@dataclass(frozen=True, slots=True)
class Menu:
    id: str
    pos: Pos
    options: tuple[Option, ...]


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
    at: str = "center"


@dataclass(frozen=True, slots=True)
class Hide:
    id: str
    pos: Pos
    character: str


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


Statement = Union[Say, Set, Menu, If, Jump, Call, Return, Scene, Show, Hide, Pause, Effect, Ending]


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


@dataclass(frozen=True, slots=True)
class Background:
    id: str
    title: str
    variants: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    default: object
    type: type
    pos: Pos


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


@dataclass(frozen=True, slots=True)
class Game:
    manifest: Manifest
    labels: dict[str, Label]
    files: tuple[str, ...]
    fingerprint: str  # hash of every script file's bytes, for save compatibility notes
