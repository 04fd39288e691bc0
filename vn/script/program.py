"""Compile a loaded Game into flat per-label code that the runtime executes.

Each label becomes a list of instructions; nested blocks (if branches, option
bodies) are laid out inline with explicit jumps. Every instruction carries a
stable id (a statement's id, or one derived from it), and the runtime stores
positions as (label, id), never as list indexes, so a save taken before the
script was edited still finds its place.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass, field

from . import model as m
from .collector import collector_paused
from .expr import Expr, Template
from .values import assigned_value

# opcodes
SAY, SET, MENU, BRANCH, GOTO, JUMP, CALL, RETURN, SCENE, SHOW, HIDE, PAUSE, EFFECT, ENDING, END = range(15)
AUDIO = 15   # numbered after the others, so theirs stay as they were


@dataclass(frozen=True, slots=True)
class Instr:
    op: int
    id: str
    pos: m.Pos
    arg: object = None     # op-specific payload
    target: int = -1       # BRANCH: where to go when false; GOTO: where to go


@dataclass(frozen=True, slots=True)
class OptionCode:
    index: int             # position in the menu as written
    id: str
    text: Template
    condition: Expr | None
    once: bool
    assigns: tuple[tuple[str, Expr], ...]
    target: int            # first instruction of the option's own code
    note: str = ""
    condition_pos: m.Pos | None = None
    counted: str = ""      # 'label.name' for an option with a name: picks() counts it


# the slots' own setters, past the frozen __setattr__ (see _instr)
_set_op, _set_id, _set_pos, _set_arg, _set_target = m.slot_setters(Instr)
_new = object.__new__


def _instr(op: int, id: str, pos: m.Pos, arg=None, target: int = -1) -> Instr:
    """Instr(op, id, pos, arg, target), without the frozen __init__'s object.__setattr__ for each
    field: a program has an instruction for every statement and more."""
    instr = _new(Instr)
    _set_op(instr, op)
    _set_id(instr, id)
    _set_pos(instr, pos)
    _set_arg(instr, arg)
    _set_target(instr, target)
    return instr


class MenuOptions(tuple):
    """A MENU instruction's options, carrying the menu's prompt (a SAY-like (id, speaker,
    template) or None) along, so that whatever iterates the options needs no change."""
    prompt = None
    varies = False      # the prompt or an option's text holds seq/cycle/once/shuffle: count showings


class Glued(tuple):
    """A SAY's (speaker, template) for `glue:`: the runtime joins its text to the line before it.
    Still a SAY, so whatever walks lines (ids, voices, look-ahead) treats it as one."""


@dataclass(slots=True)
class LabelCode:
    name: str
    code: list[Instr] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)  # instruction id -> position in code


@dataclass(frozen=True, slots=True)
class Program:
    game: m.Game
    labels: dict[str, LabelCode]
    uses_visits: bool       # whether any expression reads visits(); the route explorer needs to know
    # (function, name) of every picks() and turns_since() some expression reads, for the same reason
    counters: frozenset[tuple[str, str]] = frozenset()
    has_glue: bool = False  # any glue: only then does the runtime look past a line for more of it

    @property
    def manifest(self) -> m.Manifest:
        return self.game.manifest

    def defaults(self) -> dict[str, object]:
        """Every variable's starting value, and the constants' values (read the same way)."""
        out = {name: v.default for name, v in self.manifest.variables.items()}
        out.update((name, c.default) for name, c in self.manifest.constants.items())
        return out

    def fit_values(self, variables: dict[str, object]) -> None:
        """Fit a restored state's values to the manifest: constants take their current values, and
        an enum holding a name it no longer has goes back to its default."""
        for name, c in self.manifest.constants.items():
            variables[name] = c.default
        for name, v in self.manifest.variables.items():
            names = getattr(v.type, "values", None)
            if names is not None and variables.get(name) not in names:
                variables[name] = v.default

    def line_ids(self) -> list[str]:
        return [i.id if i.op == SAY else i.arg.prompt[0] for lc in self.labels.values() for i in lc.code
                if i.op == SAY or (i.op == MENU and i.arg.prompt)]


class _Compiler:
    def __init__(self, label: str, manifest: m.Manifest | None = None):
        self.lc = LabelCode(label)
        variables = manifest.variables if manifest else {}
        self.var_types = {name: v.type for name, v in variables.items()}
        self.declared = set(variables) | set(manifest.constants if manifest else ())
        self.uses_visits = False
        self.has_glue = False
        self.counters: set[tuple[str, str]] = set()

    def emit(self, op: int, id: str, pos: m.Pos, arg=None, target: int = -1) -> int:
        self.lc.code.append(_instr(op, id, pos, arg, target))
        return len(self.lc.code) - 1

    def patch(self, at: int, target: int) -> None:
        # the instruction is this compiler's own until the program is handed out: set its
        # target in place rather than building it again
        _set_target(self.lc.code[at], target)

    def note_expr(self, e) -> None:
        if e is not None and not (e.__class__ is Template and e.is_plain):
            if e.labels():
                self.uses_visits = True
            if e.counters():
                self.counters |= e.counters()

    def block(self, body) -> None:
        compilers = _COMPILERS
        for s in body:
            compilers[s.__class__](self, s)

    def assigns(self, assigns) -> tuple[tuple[str, Expr], ...]:
        return tuple((a.name, assigned_value(a.value, self.var_types.get(a.name), self.declared)) for a in assigns)

    def c_say(self, s: m.Say) -> None:
        self.note_expr(s.text)
        self.has_glue = self.has_glue or s.glue
        self.emit(SAY, s.id, s.pos, Glued((None, s.text)) if s.glue else (s.speaker, s.text))

    def c_set(self, s: m.Set) -> None:
        for a in s.assigns:
            self.note_expr(a.value)
        self.emit(SET, s.id, s.pos, self.assigns(s.assigns))

    def c_menu(self, s: m.Menu) -> None:
        at = self.emit(MENU, s.id, s.pos)
        options, exits = [], []
        for n, o in enumerate(s.options):
            self.note_expr(o.condition)
            self.note_expr(o.text)
            for a in o.assigns:
                self.note_expr(a.value)
            start = len(self.lc.code)
            self.block(o.body)
            if o.jump is not None:
                self.emit(JUMP, f"{o.id}/jump", o.jump_pos, o.jump)
            else:
                exits.append(self.emit(GOTO, f"{o.id}/next", o.pos))
            options.append(OptionCode(n, o.id, o.text, o.condition, o.once,
                                      self.assigns(o.assigns), start, o.note,
                                      o.condition_pos, f"{self.lc.name}.{o.name}" if o.name else ""))
        end = len(self.lc.code)
        for e in exits:
            self.patch(e, end)
        old = self.lc.code[at]
        arg = MenuOptions(options)
        if s.prompt is not None:
            self.note_expr(s.prompt.text)
            arg.prompt = (s.prompt.id, s.prompt.speaker, s.prompt.text)
        arg.varies = any(o.text.varies for o in s.options) or (s.prompt is not None and s.prompt.text.varies)
        _set_arg(old, arg)     # the MENU emitted above, still this compiler's own

    def c_if(self, s: m.If) -> None:
        exits = []
        for n, b in enumerate(s.branches):
            self.note_expr(b.condition)
            test = None
            if b.condition is not None:
                test = self.emit(BRANCH, s.id if n == 0 else f"{s.id}/elif{n}", b.condition_pos, b.condition)
            self.block(b.body)
            exits.append(self.emit(GOTO, f"{s.id}/done{n}", s.pos))
            if test is not None:
                self.patch(test, len(self.lc.code))
        for e in exits:
            self.patch(e, len(self.lc.code))

    def c_jump(self, s: m.Jump) -> None:
        self.emit(JUMP, s.id, s.pos, s.target)

    def c_call(self, s: m.Call) -> None:
        self.emit(CALL, s.id, s.pos, s.target)

    def c_return(self, s: m.Return) -> None:
        self.emit(RETURN, s.id, s.pos)

    def c_scene(self, s: m.Scene) -> None:
        self.emit(SCENE, s.id, s.pos, s)

    def c_show(self, s: m.Show) -> None:
        self.emit(SHOW, s.id, s.pos, s)

    def c_hide(self, s: m.Hide) -> None:
        self.emit(HIDE, s.id, s.pos, s)

    def c_pause(self, s: m.Pause) -> None:
        self.emit(PAUSE, s.id, s.pos, s.seconds)

    def c_effect(self, s: m.Effect) -> None:
        self.emit(EFFECT, s.id, s.pos, s)

    def c_audio(self, s: m.Audio) -> None:
        self.emit(AUDIO, s.id, s.pos, s)

    def c_ending(self, s: m.Ending) -> None:
        self.emit(ENDING, s.id, s.pos, s.ending)


# the method that compiles each kind of statement: c_say for a Say, and so on
_COMPILERS = {kind: getattr(_Compiler, "c_" + kind.__name__.lower()) for kind in typing.get_args(m.Statement)}


def compile_game(game: m.Game, memo: dict | None = None) -> Program:
    """`memo`: a dict kept by a caller that compiles the same label objects again, under the
    same manifest (a checker that stays running, whose labels are kept by each file's text and
    the manifest's), where each label's code is kept; it holds this game's labels after."""
    with collector_paused():
        return _compile_game(game, memo)


def _compile_game(game: m.Game, memo: dict | None) -> Program:
    labels: dict[str, LabelCode] = {}
    uses_visits = has_glue = False
    counters: set[tuple[str, str]] = set()
    kept = {}
    for name, label in game.labels.items():
        done = memo.get(id(label)) if memo is not None else None
        if done is None or done[0] is not label:    # an id is only the label's while it lives
            done = (label, *_compile_label(name, label, game.manifest))
        kept[id(label)] = done
        _, lc, label_visits, label_counters, label_glue = done
        labels[name] = lc
        uses_visits = uses_visits or label_visits
        counters |= label_counters
        has_glue = has_glue or label_glue
    if memo is not None:
        memo.clear()
        memo.update(kept)
    return Program(game, labels, uses_visits, frozenset(counters), has_glue)


def _compile_label(name: str, label: m.Label, manifest: m.Manifest) -> tuple:
    """(its code, whether it reads visits(), the counters it reads, whether it has glue)."""
    c = _Compiler(name, manifest)
    c.block(label.body)
    c.emit(END, f"{name}/end", label.pos)
    lc = c.lc
    for n, instr in enumerate(lc.code):
        lc.index.setdefault(instr.id, n)
    return lc, c.uses_visits, c.counters, c.has_glue


def load_program(directory, memo=None, compiled: dict | None = None) -> Program:
    """Load, validate and compile a game folder; raises ScriptError on errors. `memo`: a
    filememo.FileMemo the files' labels are kept in for later loads (hot reload), and
    `compiled` their code (see compile_game)."""
    from .loader import load_or_raise  # the loader needs yaml; keep it out of runtime imports
    return compile_game(load_or_raise(directory, memo), compiled)
