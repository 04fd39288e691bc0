"""Explore every route through a story, merging equal states so it stays fast.

Two states that agree on position, call stack, variables, once-only options
taken (and visit counts, when the script reads them) play on identically, so
the explorer computes the outcome of each such state once and counts routes
through it by multiplication rather than by replaying them.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from . import events as ev
from .chance import DrawNeeded
from .route_draws import DrawSource, outcomes
from .runtime import Runtime, StoryError

MAX_STATES = 200_000
MAX_SECONDS = 120.0
# Between two choices a story may show any number of lines, but past this many the explorer
# starts comparing states: the same state again with no choice between is a loop nobody can leave.
WATCH_AFTER_EVENTS = 2_000
MAX_EVENTS_WITHOUT_CHOICE = 50_000  # a loop that never repeats a state (visits() grows) still ends


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
    errors: list[StoryError] = field(default_factory=list)          # each distinct failure once, with its place

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
        # only the counts that expressions read tell states apart: the others would split equal
        # states (turns grows with every choice) and the exploration would never end
        self.counters = tuple(sorted(program.counters))
        self.memo: dict[tuple, Counter] = {}
        self.on_path: set[tuple] = set()
        self.dead_ends: list[list[str]] = []
        self.loops: list[list[str]] = []
        self.failures: list[tuple[list[str], str]] = []
        self.errors: dict[tuple, StoryError] = {}
        self.deadline = float("inf")
        self.out_of_time = False
        self.arrivals = 0
        self.examples: dict[str, list[str]] = {}
        self.truncated = False
        self.menus_reached: set[str] = set()
        self.offered: set[str] = set()

    def key(self, rt: Runtime) -> tuple:
        st = rt.state
        return (st.frame.label, st.frame.at, tuple((f.label, f.at) for f in st.stack),
                tuple(sorted(st.variables.items())), tuple(sorted(st.once)),
                tuple(sorted(st.visits.items())) if self.program.uses_visits else (),
                tuple(rt._visits(name, counter) for counter, name in self.counters) if self.counters else ())

    def play_to_choice(self, rt: Runtime) -> str | None:
        """Advance until a choice or the end; returns the ending id, '' for a dead end, None at a choice."""
        advance = rt.advance
        for _ in range(WATCH_AFTER_EVENTS):
            event = advance()
            if event.__class__ is ev.Choices:
                return None
            if event.__class__ is ev.End:
                return event.ending or ""
        return self._play_watching(rt)

    def _play_watching(self, rt: Runtime) -> str | None:
        """play_to_choice, comparing states to find a loop (Brent's method: one saved state,
        replaced at each power of two, so memory stays constant however long the loop)."""
        saved, power, since = self.key(rt), 1, 0
        for n in range(MAX_EVENTS_WITHOUT_CHOICE):
            event = rt.advance()
            if event.__class__ is ev.Choices:
                return None
            if event.__class__ is ev.End:
                return event.ending or ""
            now = self.key(rt)
            if now == saved:
                raise StoryError(self._loop_pos(rt), "endless loop: the story comes back to the same state "
                                                     "with no choice and no ending on the way")
            since += 1
            if since == power:
                saved, power, since = now, power * 2, 0
        raise StoryError(self._loop_pos(rt), f"the story shows {WATCH_AFTER_EVENTS + MAX_EVENTS_WITHOUT_CHOICE:,} "
                                             "events with no choice and no ending (an endless loop?)")

    def _loop_pos(self, rt: Runtime):
        if rt.last_jump is not None:
            return rt.last_jump.pos
        lc = rt.program.labels[rt.state.frame.label]
        return lc.code[lc.index[rt.state.frame.at]].pos

    def arrive(self, rt: Runtime, path, choice=None, base=None, known=None) -> "Counter | _Frame":
        """Take `choice` (if any) and play to the next choice: a finished outcome count, or a
        frame whose options are still to try. `base`: the state before, to branch from on a draw
        whose outcomes `known` (by position) does not hold yet."""
        self.arrivals += 1
        if self.arrivals & 255 == 0 and time.monotonic() > self.deadline:
            self.out_of_time = True
        if self.out_of_time:
            self.truncated = True
            return Counter()
        rt.random.known = known if known is not None else {}
        try:
            if choice is not None:
                rt.choose(choice)
            outcome = self.play_to_choice(rt)
        except DrawNeeded as needed:        # a draw point: one branch per outcome, from `base`
            return _Frame(None, base, outcomes(rt.random, needed, choice), path, known=rt.random.known)
        except StoryError as exc:
            self.failures.append((_unlink(path), str(exc)))
            self.errors.setdefault((str(exc.pos), exc.message), exc)
            return Counter({"!error": 1})
        if outcome is not None:
            if outcome == "":
                self.dead_ends.append(_unlink(path))
            elif outcome not in self.examples:
                self.examples[outcome] = _unlink(path)
            return Counter({outcome: 1})
        key = self.key(rt)
        if rt.random.known:     # after a draw, equal states may offer different options (drawn conditions)
            key += (tuple(c.id for c in rt.choices),)
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
        # the route so far is in `path`; a copy in every snapshot would make a long route quadratic
        rt.state.route = []
        self.offered.update(c.id for c in choices)
        return _Frame(key, rt.snapshot(), choices, path, known=rt.random.known)

    def explore(self, rt: Runtime) -> Counter:
        """Outcome -> number of routes from the start ('' = dead end).

        Depth-first with an explicit stack: a long story can hold thousands of
        choices in a row, far past Python's recursion limit."""
        rt.random = DrawSource(rt)
        first = self.arrive(rt, None, base=rt.snapshot())
        if not isinstance(first, _Frame):
            return first
        stack = [first]
        while True:
            top = stack[-1]
            if top.next < len(top.choices):
                choice = top.choices[top.next]
                top.next += 1
                rt.restore(top.base)
                got = self.arrive(rt, (top.path, choice.id), choice.index, top.base,
                                  getattr(choice, "known", top.known))
                if isinstance(got, _Frame):
                    stack.append(got)
                else:
                    top.total += got
                continue
            stack.pop()
            if top.key is not None:         # a draw point has no state of its own to remember
                self.on_path.discard(top.key)
                self.memo[top.key] = top.total
            if not stack:
                return top.total
            stack[-1].total += top.total


@dataclass
class _Frame:
    key: tuple | None               # None for a draw point
    base: object                    # the runtime's snapshot at this choice (a draw point: before its step)
    choices: tuple                  # the options offered, or a draw point's route_draws.Outcome
    path: object                    # (parent path, option id) links back to the start, or None
    next: int = 0
    total: Counter = field(default_factory=Counter)
    known: dict = field(default_factory=dict)   # the outcomes drawn on the way here, by position


def _unlink(path) -> list[str]:
    """The option ids of a linked path, from the start."""
    out = []
    while path is not None:
        path, option = path
        out.append(option)
    return out[::-1]


def explore_routes(program, max_states: int = MAX_STATES, max_seconds: float = MAX_SECONDS) -> RouteReport:
    """Every route's outcome; stops early (`truncated`) past `max_states` choice states or
    `max_seconds`, and then claims no ending unreachable: the rest was not looked at."""
    explorer = _Explorer(program)
    explorer.max_states = max_states
    explorer.deadline = time.monotonic() + max_seconds
    rt = Runtime(program)
    outcomes = explorer.explore(rt)
    endings = {eid: outcomes.get(eid, 0) for eid in program.manifest.endings}
    unreachable = [] if explorer.truncated else [eid for eid, n in endings.items() if n == 0]
    routes = sum(outcomes.values())
    return RouteReport(endings, routes, explorer.dead_ends, explorer.loops, explorer.failures, unreachable,
                       len(explorer.memo), explorer.truncated, explorer.examples, explorer.menus_reached,
                       explorer.offered, list(explorer.errors.values()))
