"""Explore every route through a story, merging equal states so it stays fast.

Two states that agree on position, call stack, variables, once-only options
taken (and visit counts, when the script reads them) play on identically, so
the explorer computes the outcome of each such state once and counts routes
through it by multiplication rather than by replaying them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import events as ev
from .runtime import Runtime, StoryError

MAX_STATES = 200_000


@dataclass
class RouteReport:
    endings: dict[str, int]                 # ending id -> number of routes reaching it
    routes: int                             # distinct routes (choice sequences) in all
    dead_ends: list[list[str]]              # option ids of routes that stop without an ending
    loops: list[list[str]]                  # option ids of routes that return to a state they passed
    failures: list[tuple[list[str], str]]   # routes that hit a run-time script error
    unreachable: list[str]                  # declared endings no route reaches
    states: int                             # distinct choice states explored
    truncated: bool = False
    examples: dict[str, list[str]] = field(default_factory=dict)  # one route per ending
    menus_reached: set[str] = field(default_factory=set)            # menu ids some route reaches
    offered: set[str] = field(default_factory=set)                  # option ids some route is offered

    @property
    def ok(self) -> bool:
        return not (self.dead_ends or self.unreachable or self.loops or self.failures or self.truncated)

    def to_json(self) -> dict:
        return {"ok": self.ok, "routes": self.routes, "states": self.states, "endings": self.endings,
                "unreachable_endings": self.unreachable, "dead_ends": self.dead_ends, "loops": self.loops,
                "failures": [{"route": r, "error": e} for r, e in self.failures],
                "truncated": self.truncated, "examples": self.examples}


class _Explorer:
    def __init__(self, program):
        self.program = program
        self.memo: dict[tuple, Counter] = {}
        self.on_path: set[tuple] = set()
        self.dead_ends: list[list[str]] = []
        self.loops: list[list[str]] = []
        self.failures: list[tuple[list[str], str]] = []
        self.examples: dict[str, list[str]] = {}
        self.truncated = False
        self.menus_reached: set[str] = set()
        self.offered: set[str] = set()

    def key(self, rt: Runtime) -> tuple:
        st = rt.state
        return (st.frame.label, st.frame.at, tuple((f.label, f.at) for f in st.stack),
                tuple(sorted(st.variables.items())), tuple(sorted(st.once)),
                tuple(sorted(st.visits.items())) if self.program.uses_visits else ())

    def play_to_choice(self, rt: Runtime) -> str | None:
        """Advance until a choice or the end; returns the ending id, '' for a dead end, None at a choice."""
        while True:
            event = rt.advance()
            if isinstance(event, ev.Choices):
                return None
            if isinstance(event, ev.End):
                return event.ending or ""

    def arrive(self, rt: Runtime, path) -> "Counter | _Frame":
        """Play to the next choice: a finished outcome count, or a frame whose options are still to try."""
        try:
            outcome = self.play_to_choice(rt)
        except StoryError as exc:
            self.failures.append((_unlink(path), str(exc)))
            return Counter({"!error": 1})
        if outcome is not None:
            if outcome == "":
                self.dead_ends.append(_unlink(path))
            elif outcome not in self.examples:
                self.examples[outcome] = _unlink(path)
            return Counter({outcome: 1})
        key = self.key(rt)
        if key in self.memo:
            return self.memo[key]
        if key in self.on_path:
            self.loops.append(_unlink(path))
            return Counter({"!loop": 1})
        if len(self.memo) + len(self.on_path) >= self.max_states:
            self.truncated = True
            return Counter()
        self.on_path.add(key)
        self.menus_reached.add(rt.state.frame.at)
        choices = rt.choices
        self.offered.update(c.id for c in choices)
        return _Frame(key, rt.snapshot(), choices, path)

    def explore(self, rt: Runtime) -> Counter:
        """Outcome -> number of routes from the start ('' = dead end).

        Depth-first with an explicit stack: a long story can hold thousands of
        choices in a row, far past Python's recursion limit."""
        first = self.arrive(rt, None)
        if not isinstance(first, _Frame):
            return first
        stack = [first]
        while True:
            top = stack[-1]
            if top.next < len(top.choices):
                choice = top.choices[top.next]
                top.next += 1
                rt.restore(top.base)
                rt.choose(choice.index)
                got = self.arrive(rt, (top.path, choice.id))
                if isinstance(got, _Frame):
                    stack.append(got)
                else:
                    top.total += got
                continue
            stack.pop()
            self.on_path.discard(top.key)
            self.memo[top.key] = top.total
            if not stack:
                return top.total
            stack[-1].total += top.total


@dataclass
class _Frame:
    key: tuple
    base: object                    # the runtime's snapshot at this choice
    choices: tuple
    path: object                    # (parent path, option id) links back to the start, or None
    next: int = 0
    total: Counter = field(default_factory=Counter)


def _unlink(path) -> list[str]:
    """The option ids of a linked path, from the start."""
    out = []
    while path is not None:
        path, option = path
        out.append(option)
    return out[::-1]


def explore_routes(program, max_states: int = MAX_STATES) -> RouteReport:
    explorer = _Explorer(program)
    explorer.max_states = max_states
    rt = Runtime(program)
    outcomes = explorer.explore(rt)
    endings = {eid: outcomes.get(eid, 0) for eid in program.manifest.endings}
    unreachable = [eid for eid, n in endings.items() if n == 0]
    routes = sum(outcomes.values())
    return RouteReport(endings, routes, explorer.dead_ends, explorer.loops, explorer.failures, unreachable,
                       len(explorer.memo), explorer.truncated, explorer.examples, explorer.menus_reached,
                       explorer.offered)
