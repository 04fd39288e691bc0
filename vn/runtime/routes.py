"""Explore every route through a story, merging equal states so it stays fast.

Two states with the same key (see routekey.py: position, call stack, the
variables and counts the script reads, once-only options taken) play on
identically, so the explorer plays each such state once and counts the routes
through it by adding up its successors' counts, as on a DAG.

Memory grows with the number of states, not with the length of the routes: a
state is stored as its key, the state it was first reached from and the step
taken (parent links: an example route is rebuilt by following them back), and
the tuple of its outcome counts (shared between states with equal counts). Only
the states on the current depth-first path hold a snapshot.

A route that comes back to a state on the current path has found a circle: the
routes are then unbounded (any number of turns round it). The circle is named by
its options, and the counts are of the routes that go round none.

A random draw is a branch point like a choice: the story plays with a
route_draws.DrawSource, which answers each draw by its position from the outcomes
chosen on this branch and raises DrawNeeded at a new one; the explorer then
replays the step that drew (a choice, or the start) once per outcome.
"""
from __future__ import annotations

import time
from array import array
from dataclasses import dataclass, field

from .chance import DrawNeeded
from .playthrough import Coverage, play_to_choice
from .route_draws import DrawSource, outcomes
from .routekey import StateKeys, packed
from .runtime import Runtime, StoryError

LONG_STRETCH = 12    # lines between a choice and the next that make replaying them worth skipping
MAX_STATES = 1_000_000
MAX_SECONDS = 10.0
KEEP_EXAMPLES = 50                  # routes kept per kind of problem; the rest are only counted

DEAD_END, ERROR, LOOP = "", "!error", "!loop"


@dataclass
class RouteReport:
    endings: dict[str, int]                 # ending id -> number of routes reaching it
    routes: int                             # distinct routes (choice sequences) in all
    dead_ends: list[list[str]]              # option ids of routes that stop without an ending
    loops: list[list[str]]                  # option ids of routes that return to a state they passed
    failures: list[tuple[list[str], str]]   # routes that hit a run-time script error
    unreachable: list[str]                  # declared endings no route reaches (never claimed when truncated)
    states: int                             # distinct choice states explored
    truncated: bool = False
    examples: dict[str, list[str]] = field(default_factory=dict)  # one route per ending
    menus_reached: set[str] = field(default_factory=set)            # menu ids some route reaches
    offered: set[str] = field(default_factory=set)                  # option ids some route is offered
    errors: list[StoryError] = field(default_factory=list)          # each distinct failure once, with its place
    cycles: list[list[str]] = field(default_factory=list)           # option ids around each circle found
    coverage: "Coverage | None" = None                              # what the routes explored ran
    # dead_ends/loops/failures: how many times the explorer met one (each merged state once);
    # dead_end_routes/failure_routes/loop_routes: how many routes end so
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stopped_by: str = ""                                            # "states" or "time" when truncated

    @property
    def unbounded(self) -> bool:
        """Routes can go round a circle any number of times: there are endlessly many of them."""
        return bool(self.cycles)

    @property
    def ok(self) -> bool:
        return not (self.dead_ends or self.unreachable or self.loops or self.failures or self.truncated)

    def to_json(self) -> dict:
        return {"ok": self.ok, "routes": self.routes, "states": self.states, "endings": self.endings,
                "unreachable_endings": self.unreachable, "dead_ends": self.dead_ends, "loops": self.loops,
                "failures": [{"route": r, "error": e} for r, e in self.failures],
                "truncated": self.truncated, "stopped_by": self.stopped_by, "examples": self.examples,
                "unbounded": self.unbounded, "cycles": self.cycles, "counts": self.counts,
                "seconds": round(self.seconds, 3)}


@dataclass
class _Frame:
    """A choice state whose options are being tried."""
    id: int
    base: object            # the runtime's snapshot at this choice
    choices: tuple
    known: dict             # the draws made on the way here, by position (the menu's own included)
    total: list
    offered: tuple          # Runtime.offer() here: each option is taken from the same offer
    next: int = 0


@dataclass
class _DrawFrame:
    """A random draw on the way from a choice (or the start) to the next: each outcome is a branch."""
    parent: int             # the state it was reached from (-1: the start)
    base: object
    choice: object          # the Choice taken at `parent`, or None
    drawn: tuple            # how the draws on the way so far show in a route ("random=4")
    outcomes: tuple         # route_draws.Outcome: one per value this draw can give
    total: list
    next: int = 0


class _Explorer:
    def __init__(self, program, keys: StateKeys, make_runtime):
        self.program = program
        self.keys = keys
        self.rt = make_runtime(program)
        # lines are only counted here, never read; a runtime of the caller's may look at them
        self.rt.quiet = make_runtime is Runtime
        self.no_draws = DrawSource(self.rt)     # knows no outcome: one serves every arrival before a draw
        self.columns = {name: n for n, name in enumerate([*program.manifest.endings, DEAD_END, ERROR, LOOP])}
        width = len(self.columns)
        self.units = {name: tuple(int(i == n) for i in range(width)) for name, n in self.columns.items()}
        self.zero = (0,) * width
        self.ids: dict[bytes, int] = {}     # merge key -> state
        # A choice followed by a long stretch of lines: the state just after taking it -> where the
        # stretch ended (a state, or an outcome), so an arrival there again skips replaying it.
        # Only for long stretches: the key costs a few microseconds, and the table memory.
        self.long_after: set[str] = set()
        self.after: dict[bytes, object] = {}
        self.parent = array("q")        # state -> the state it was first reached from
        self.step = array("q")          # state -> the step taken there (index into self.steps)
        self.steps: list[tuple] = []    # (option index, option id, the draws after it as routes show them)
        self.step_ids: dict[tuple, int] = {}
        self.totals: list = []          # state -> outcome counts; None while on the depth-first path
        self.shared: dict[tuple, tuple] = {}
        self.depth: dict[int, int] = {}  # state on the path -> its place on the frame stack
        self.coverage = Coverage(program)
        self.found: dict[str, list] = {"dead_ends": [], "loops": [], "failures": []}
        self.counts = {"dead_ends": 0, "loops": 0, "failures": 0}
        self.errors: dict[tuple, StoryError] = {}
        self.examples: dict[str, tuple] = {}
        self.cycles: dict[frozenset, list[str]] = {}
        self.max_states = MAX_STATES
        self.deadline = float("inf")
        self.arrivals = 0
        self.stopped_by = ""

    def _step(self, choice, drawn: tuple) -> int:
        step = (choice.index, choice.id, drawn) if choice is not None else (-1, "", drawn)
        n = self.step_ids.get(step)
        if n is None:
            n = self.step_ids[step] = len(self.steps)
            self.steps.append(step)
        return n

    def _note(self, kind: str, item) -> None:
        self.counts[kind] += 1
        if len(self.found[kind]) < KEEP_EXAMPLES:
            self.found[kind].append(item)

    def arrive(self, parent: int, base, choice, known: dict, drawn: tuple = (), offered: tuple | None = None):
        """From the state `base`, take `choice` (if any) with the draws `known` (by position;
        `drawn` shows them in routes; `offered`: the options `base` offers, if known), and play
        to the next choice: a finished outcome tuple, or a frame with branches still to try."""
        self.arrivals += 1
        if self.stopped_by or (self.arrivals & 255 == 0 and time.monotonic() > self.deadline
                               and self._stop("time")):
            return self.zero
        rt = self.rt
        rt.restore(base, offered)
        rt.random = DrawSource(rt, known) if known else self.no_draws
        before = None
        try:
            if choice is not None:
                rt.choose(choice.index)
                if not known and choice.id in self.long_after:
                    before = self.keys.key(rt)
                    again = self.after.get(before)
                    if again is not None:
                        return self._again(again, parent, choice, drawn)
            outcome = play_to_choice(rt, self.coverage, self.keys.key)
            if choice is not None and self.coverage.events >= LONG_STRETCH:
                self.long_after.add(choice.id)
        except DrawNeeded as need:
            branches = outcomes(rt.random, need, None if choice is None else choice.index)
            return _DrawFrame(parent, base, choice, drawn, branches, list(self.zero))
        except StoryError as exc:
            self.coverage.at_state(rt)      # what it entered before failing was reached all the same
            self._note("failures", (parent, self._step(choice, drawn), str(exc)))
            self.errors.setdefault((str(exc.pos), exc.message), exc)
            return self.units[ERROR]
        self.coverage.at_state(rt)
        if outcome.__class__ is str:
            if before is not None and not rt.random.known:
                self.after[before] = outcome
            if outcome == DEAD_END:
                self._note("dead_ends", (parent, self._step(choice, drawn)))
            elif outcome not in self.examples:
                self.examples[outcome] = (parent, self._step(choice, drawn))
            return self.units.get(outcome) or self.zero
        key = self.keys.key(rt)
        if rt.random.known:     # after a draw, equal states may offer different options (drawn conditions)
            key += packed(tuple(c.id for c in outcome.options))
        merged = self.ids.get(key)
        if before is not None and merged is not None and not rt.random.known:
            self.after[before] = merged
        if merged is not None:
            total = self.totals[merged]
            if total is None:           # on the current path: a circle
                self._circle(merged, parent, choice, drawn)
                return self.units[LOOP]
            return total
        if len(self.ids) >= self.max_states and self._stop("states"):
            return self.zero
        sid = len(self.ids)
        self.ids[key] = sid
        if before is not None and not rt.random.known:
            self.after[before] = sid
        self.parent.append(parent)
        self.step.append(self._step(choice, drawn))
        self.totals.append(None)
        self.coverage.menus.add(rt.state.frame.at)
        choices = outcome.options
        self.coverage.offered.update(c.id for c in choices)
        rt.state.route = []   # the route is in the parent links; a copy per snapshot would grow with it
        return _Frame(sid, rt.snapshot(), choices, rt.random.known, list(self.zero), rt.offer())

    def _again(self, where, parent: int, choice, drawn):
        """An arrival at a state seen just after a choice before: where its stretch of lines ended
        then (a state, or an outcome), without playing the stretch again."""
        if where.__class__ is str:
            if where == DEAD_END:
                self._note("dead_ends", (parent, self._step(choice, drawn)))
            return self.units.get(where) or self.zero
        total = self.totals[where]
        if total is None:               # on the current path: a circle
            self._circle(where, parent, choice, drawn)
            return self.units[LOOP]
        return total

    def _stop(self, why: str) -> bool:
        self.stopped_by = why
        return True

    def _circle(self, target: int, parent: int, choice, drawn) -> None:
        self._note("loops", (parent, self._step(choice, drawn)))
        if len(self.cycles) >= KEEP_EXAMPLES:
            return
        ring = [f.choices[f.next - 1].id for f in self.stack[self.depth[target]:]
                if isinstance(f, _Frame) and f.next]
        self.cycles.setdefault(frozenset(ring), ring)

    def explore(self) -> tuple:
        """Outcome counts from the start. Depth-first with an explicit stack: a long story can
        hold thousands of choices in a row, far past Python's recursion limit."""
        self.stack: list = []
        first = self.arrive(-1, self.rt.snapshot(), None, {})
        if isinstance(first, tuple):
            return first
        self._push(first)
        stack, add = self.stack, self._add
        while True:
            top = stack[-1]
            if top.__class__ is _Frame:
                if top.next < len(top.choices):
                    choice = top.choices[top.next]
                    top.next += 1
                    got = self.arrive(top.id, top.base, choice, top.known, offered=top.offered)
                else:
                    got = None
            elif top.next < len(top.outcomes):
                branch = top.outcomes[top.next]
                top.next += 1
                got = self.arrive(top.parent, top.base, top.choice, branch.known, top.drawn + (branch.id,))
            else:
                got = None
            if got is None:
                stack.pop()
                total = tuple(top.total)
                if top.__class__ is _Frame:
                    del self.depth[top.id]
                    self.totals[top.id] = total = self.shared.setdefault(total, total)
                if not stack:
                    return total
                add(stack[-1].total, total)
            elif got.__class__ is tuple:
                add(top.total, got)
            else:
                self._push(got)

    def _push(self, frame) -> None:
        if frame.__class__ is _Frame:
            self.depth[frame.id] = len(self.stack)
        self.stack.append(frame)

    @staticmethod
    def _add(total: list, got: tuple) -> None:
        for n, count in enumerate(got):
            if count:
                total[n] += count

    def route(self, parent: int, step: int | None = None) -> list[str]:
        """The option ids (and draws) of the route to `parent`, then `step`, from the start."""
        out = []
        if step is not None:
            out.append(step)
        while parent >= 0:
            out.append(self.step[parent])
            parent = self.parent[parent]
        return [part for n in reversed(out) for part in _step_text(self.steps[n])]


def _step_text(step: tuple) -> list[str]:
    index, option, drawn = step
    return ([option] if option else []) + list(drawn)


def explore_routes(program, max_states: int = MAX_STATES, max_seconds: float = MAX_SECONDS,
                   reduced: bool = True, make_runtime=Runtime, keys: StateKeys | None = None) -> RouteReport:
    """Every route's outcome; stops early (`truncated`) past `max_states` choice states or
    `max_seconds`, and then claims no ending unreachable: the rest was not looked at.

    `reduced=False` merges only states equal in everything (for tests of the reduction);
    `make_runtime(program)` builds the runtime to play with; `keys`: StateKeys(program, reduced),
    when the caller has them already."""
    started = time.monotonic()
    explorer = _Explorer(program, keys or StateKeys(program, reduced), make_runtime)
    explorer.max_states = max_states
    explorer.deadline = started + max_seconds
    totals = explorer.explore()
    outcomes = {name: totals[n] for name, n in explorer.columns.items()}
    endings = {eid: outcomes[eid] for eid in program.manifest.endings}
    truncated = bool(explorer.stopped_by)
    unreachable = [] if truncated else [eid for eid, n in endings.items() if n == 0]
    found, route = explorer.found, explorer.route
    explorer.coverage.finish()
    return RouteReport(
        endings, sum(totals),
        [route(parent, step) for parent, step in found["dead_ends"]],
        [route(parent, step) for parent, step in found["loops"]],
        [(route(parent, step), error) for parent, step, error in found["failures"]],
        unreachable, len(explorer.ids), truncated,
        {eid: route(*where) for eid, where in explorer.examples.items()},
        explorer.coverage.menus, explorer.coverage.offered, list(explorer.errors.values()),
        list(explorer.cycles.values()), explorer.coverage,
        {**explorer.counts, "dead_end_routes": outcomes[DEAD_END], "failure_routes": outcomes[ERROR],
         "loop_routes": outcomes[LOOP]}, time.monotonic() - started, explorer.stopped_by)
