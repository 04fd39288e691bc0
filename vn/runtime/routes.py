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

    def explore(self, rt: Runtime, path: list[str]) -> Counter:
        """Counter of outcome -> number of routes from this state (outcome '' = dead end)."""
        try:
            outcome = self.play_to_choice(rt)
        except StoryError as exc:
            self.failures.append((list(path), str(exc)))
            return Counter({"!error": 1})
        if outcome is not None:
            if outcome == "":
                self.dead_ends.append(list(path))
            else:
                self.examples.setdefault(outcome, list(path))
            return Counter({outcome: 1})
        key = self.key(rt)
        if key in self.memo:
            return self.memo[key]
        if key in self.on_path:
            self.loops.append(list(path))
            return Counter({"!loop": 1})
        if len(self.memo) >= MAX_STATES:
            self.truncated = True
            return Counter()
        self.on_path.add(key)
        total: Counter = Counter()
        base = rt.snapshot()
        for choice in rt.choices:
            rt.restore(base)
            rt.choose(choice.index)
            total += self.explore(rt, path + [choice.id])
        self.on_path.discard(key)
        self.memo[key] = total
        return total


def explore_routes(program) -> RouteReport:
    explorer = _Explorer(program)
    rt = Runtime(program)
    outcomes = explorer.explore(rt, [])
    endings = {eid: outcomes.get(eid, 0) for eid in program.manifest.endings}
    unreachable = [eid for eid, n in endings.items() if n == 0]
    routes = sum(outcomes.values())
    return RouteReport(endings, routes, explorer.dead_ends, explorer.loops, explorer.failures, unreachable,
                       len(explorer.memo), explorer.truncated, explorer.examples)
