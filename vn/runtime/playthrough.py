"""Playing a story from one choice to the next, as the route explorer and the sampler do,
noting what ran on the way (for dead-content reports)."""
from __future__ import annotations

from ..script import program as p
from . import events as ev
from .chance import DrawNeeded, ForcedRandom
from .runtime import Runtime, StoryError
from .state import CHOOSING

# Between two choices a story may show any number of lines, but past this many the explorer
# starts comparing states: the same state again with no choice between is a loop nobody can leave.
WATCH_AFTER_EVENTS = 2_000
MAX_EVENTS_WITHOUT_CHOICE = 50_000  # a loop that never repeats a state (visits() grows) still ends


class EndlessLoop(StoryError):
    """The story runs on without a choice or an ending, and never will have one."""


# instructions that hand out an event: the explorer sees each one run
SHOWN = frozenset({p.SAY, p.SCENE, p.SHOW, p.HIDE, p.PAUSE, p.EFFECT, p.AUDIO, p.ENDING, p.MENU})


class Coverage:
    """What a playthrough ran: instructions by label, menus, options offered, labels entered."""

    def __init__(self, program):
        self.covered: dict[str, set[int]] = {name: set() for name in program.labels}
        self.menus: set[str] = set()
        self.offered: set[str] = set()
        self.labels: set[str] = set()
        # labels with nothing to show are seen entered only in the visit counts
        self.silent = {name for name, lc in program.labels.items()
                       if not any(ins.op in SHOWN for ins in lc.code)}
        self.events = 0     # what the last playthrough showed before its choice or end

    def at_state(self, rt) -> None:
        if self.silent:
            visits = rt.state.visits
            for name in [n for n in self.silent if n in visits]:
                self.silent.discard(name)
                self.labels.add(name)

    def finish(self) -> None:
        self.labels |= {name for name, done in self.covered.items() if done}

    def merge(self, other: "Coverage") -> "Coverage":
        """Everything either ran."""
        for name, done in other.covered.items():
            self.covered[name] |= done
        self.menus |= other.menus
        self.offered |= other.offered
        self.labels |= other.labels
        return self

    def to_dict(self) -> dict:
        """JSON-safe, for a sample played in another process (see from_dict)."""
        return {"covered": {name: list(ran) for name, ran in self.covered.items() if ran},
                "menus": list(self.menus), "offered": list(self.offered), "labels": list(self.labels)}

    @classmethod
    def from_dict(cls, program, data: dict) -> "Coverage":
        """Raises KeyError or TypeError on anything but what to_dict wrote for this program."""
        coverage = cls(program)
        for name, ran in data["covered"].items():
            coverage.covered[name].update(int(n) for n in ran)
        coverage.menus, coverage.offered, coverage.labels = (set(map(str, data[k])) for k in ("menus", "offered", "labels"))
        return coverage



def play_to_choice(rt: Runtime, coverage: Coverage, key) -> str | ev.Choices:
    """Advance until a choice or the end, noting what ran; returns the ending id, '' for a
    dead end, or the Choices event at a choice."""
    advance, covered = rt.advance, coverage.covered
    for n in range(WATCH_AFTER_EVENTS):
        event = advance()
        cls = event.__class__
        if cls is ev.Choices:
            covered[rt._lc.name].add(rt._pc)
            coverage.events = n
            return event
        if cls is ev.End:
            coverage.events = n
            return event.ending or ""
        covered[rt._lc.name].add(rt._pc - 1)
    coverage.events = WATCH_AFTER_EVENTS
    return _play_watching(rt, coverage, key)


def _play_watching(rt: Runtime, coverage: Coverage, key) -> str | ev.Choices:
    """play_to_choice, comparing states to find a loop (Brent's method: one saved state,
    replaced at each power of two, so memory stays constant however long the loop)."""
    rt._settle()
    saved, power, since = key(rt), 1, 0
    covered = coverage.covered
    for _ in range(MAX_EVENTS_WITHOUT_CHOICE):
        event = rt.advance()
        if event.__class__ is ev.Choices:
            covered[rt._lc.name].add(rt._pc)
            return event
        if event.__class__ is ev.End:
            return event.ending or ""
        covered[rt._lc.name].add(rt._pc - 1)
        rt._settle()        # a quiet runtime leaves its position unsettled between choices
        now = key(rt)
        if now == saved:
            raise EndlessLoop(_loop_pos(rt), "endless loop: the story comes back to the same state "
                                             "with no choice and no ending on the way")
        since += 1
        if since == power:
            saved, power, since = now, power * 2, 0
    raise EndlessLoop(_loop_pos(rt), f"the story shows {WATCH_AFTER_EVENTS + MAX_EVENTS_WITHOUT_CHOICE:,} "
                                     "events with no choice and no ending (an endless loop?)")


def _loop_pos(rt: Runtime):
    if rt.last_jump is not None:
        return rt.last_jump.pos
    lc = rt.program.labels[rt.state.frame.label]
    return lc.code[lc.index[rt.state.frame.at]].pos


def is_stuck(rt: Runtime) -> bool:
    """After a StoryError: whether it came from a menu with no option left to offer."""
    return rt.state.status == CHOOSING


def choice_numbers(program, route: list[str], make_runtime=Runtime) -> list[int] | None:
    """The 1-based numbers `vn run --choices` takes for a route given as option ids (and
    `random=V` draws); None when the route does not replay (or needs draws, which --choices
    cannot force)."""
    if any(step.startswith("random=") for step in route):
        return None
    rt = make_runtime(program)
    rt.random = ForcedRandom(rt)
    numbers = []
    try:
        for option in route:
            while rt.advance().__class__ is not ev.Choices:
                pass
            index = next(c.index for c in rt.choices if c.id == option)
            numbers.append(index + 1)
            rt.choose(index)
    except (StoryError, DrawNeeded, StopIteration, RuntimeError):
        return None
    return numbers
