"""Random playthroughs, for stories with more states than an exhaustive exploration can visit.

Each playthrough picks uniformly among the options offered, and draws its random
numbers from its own seeded source, so playthrough i of seed S is the same every
time: what it finds can be replayed. Reported: how often each ending came up, the
playthroughs that ran out of choices (a menu with no option on offer) or out of
content (the story stops without an ending), that failed with another run-time
error, or that did not end within MAX_CHOICES choices (a loop they never left).
"""
from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from ..script.diagnostics import Pos
from .routekey import StateKeys, expressions
from .playthrough import Coverage, EndlessLoop, is_stuck, play_to_choice
from .routes import KEEP_EXAMPLES
from .runtime import Runtime, StoryError

SAMPLES = 2_000
MAX_CHOICES = 20_000    # a playthrough still going after this many choices is counted as endless
SAMPLE_SECONDS = 60.0


@dataclass
class SampledRoute:
    choices: list[int]          # 1-based, as `vn run --choices` takes them
    options: list[str]          # the same route as option ids
    seed: int                   # the playthrough's seed for its random draws
    message: str = ""           # what went wrong, with its place


@dataclass
class SampleReport:
    runs: int                                   # playthroughs made
    seed: int
    endings: Counter = field(default_factory=Counter)
    out_of_choices: list[SampledRoute] = field(default_factory=list)
    out_of_content: list[SampledRoute] = field(default_factory=list)
    endless: list[SampledRoute] = field(default_factory=list)
    failures: list[SampledRoute] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)    # playthroughs of each kind, examples or not
    errors: list[StoryError] = field(default_factory=list)  # each distinct failure once, with its place
    coverage: Coverage | None = None
    seconds: float = 0.0
    stopped_by: str = ""                        # "time" when the time ran out before `runs` were made
    draws: bool = False                         # the story draws at random: a replay needs its seed

    @property
    def ok(self) -> bool:
        return not (self.out_of_choices or self.out_of_content or self.endless or self.failures)

    def to_json(self) -> dict:
        def routes(items):
            return [{"choices": r.choices, "options": r.options, "seed": r.seed, "error": r.message}
                    for r in items]
        return {"ok": self.ok, "runs": self.runs, "seed": self.seed, "endings": dict(self.endings),
                "out_of_choices": routes(self.out_of_choices), "out_of_content": routes(self.out_of_content),
                "endless": routes(self.endless), "failures": routes(self.failures),
                "counts": dict(self.counts), "seconds": round(self.seconds, 3), "stopped_by": self.stopped_by}


def report_to_dict(report: SampleReport) -> dict:
    """Everything in the report, JSON-safe: what a sample played in another process hands back."""
    def routes(items):
        return [[r.choices, r.options, r.seed, r.message] for r in items]
    return {"runs": report.runs, "seed": report.seed, "endings": dict(report.endings),
            **{kind: routes(getattr(report, kind)) for kind in _ROUTE_KINDS}, "counts": dict(report.counts),
            "errors": [[e.pos.path, e.pos.line, e.pos.column, e.message] for e in report.errors],
            "coverage": report.coverage.to_dict(), "seconds": report.seconds, "stopped_by": report.stopped_by,
            "draws": report.draws}


def report_from_dict(program, data: dict) -> SampleReport:
    """Raises KeyError, TypeError or ValueError on anything but what report_to_dict wrote."""
    report = SampleReport(int(data["runs"]), int(data["seed"]), Counter(data["endings"]),
                          counts=Counter(data["counts"]), coverage=Coverage.from_dict(program, data["coverage"]),
                          seconds=float(data["seconds"]), stopped_by=str(data["stopped_by"]), draws=bool(data["draws"]))
    for kind in _ROUTE_KINDS:
        setattr(report, kind, [SampledRoute(list(choices), list(options), int(seed), str(message))
                               for choices, options, seed, message in data[kind]])
    report.errors = [StoryError(Pos(str(path), int(line), int(column)), str(message))
                     for path, line, column, message in data["errors"]]
    return report


_ROUTE_KINDS = ("out_of_choices", "out_of_content", "endless", "failures")


def sample_routes(program, runs: int = SAMPLES, seed: int = 0, max_seconds: float = SAMPLE_SECONDS,
                  make_runtime=Runtime, keys: StateKeys | None = None, keep_going=None) -> SampleReport:
    """`keys`: the program's StateKeys, when the caller has them already (they walk every expression);
    `keep_going()`: asked before each playthrough after the first, False stops the sample there."""
    started = time.monotonic()
    report = SampleReport(0, seed, coverage=Coverage(program),
                          draws=any(expr.draws() for expr in expressions(program)))
    keys = keys or StateKeys(program)
    errors: dict[tuple, StoryError] = {}
    for n in range(runs):
        if n and (time.monotonic() - started > max_seconds or (keep_going is not None and not keep_going())):
            report.stopped_by = "time"
            break
        play_seed = (seed * 1_000_003 + n) % (1 << 63)
        if not _playthrough(program, make_runtime, play_seed, random.Random(play_seed), keys, report, errors,
                            started + max_seconds if n else float("inf")):
            report.stopped_by = "time"       # cut short: neither an ending nor a fault, so not counted
            break
        report.runs += 1
    report.errors = list(errors.values())
    report.coverage.finish()
    report.seconds = time.monotonic() - started
    return report


def _playthrough(program, make_runtime, play_seed: int, picker: random.Random, keys, report, errors,
                 deadline: float) -> bool:
    """One playthrough, noted in `report`; False when the deadline came first."""
    rt = make_runtime(program, seed=play_seed)
    rt.quiet = make_runtime is Runtime       # its words are never read: only what ran
    coverage = report.coverage
    numbers: list[int] = []
    options: list[str] = []

    def note(kind: str, message: str = "") -> None:
        report.counts[kind] += 1
        found = getattr(report, kind)
        if len(found) < KEEP_EXAMPLES:
            found.append(SampledRoute(list(numbers), list(options), play_seed, message))

    try:
        for made in range(MAX_CHOICES):
            if made & 255 == 255 and time.monotonic() > deadline:
                return False
            outcome = play_to_choice(rt, coverage, keys.key)
            coverage.at_state(rt)
            if outcome.__class__ is str:
                if outcome:
                    report.endings[outcome] += 1
                else:
                    note("out_of_content")
                return True
            choices = outcome.options
            coverage.menus.add(rt.state.frame.at)
            coverage.offered.update(c.id for c in choices)
            pick = choices[picker.randrange(len(choices))]
            numbers.append(pick.index + 1)
            options.append(pick.id)
            rt.choose(pick.index)
            rt.state.route.clear()     # the route is in `options`; a long playthrough must not hold it twice
        note("endless", f"no ending after {MAX_CHOICES:,} choices")
    except EndlessLoop as exc:
        note("endless", str(exc))
    except StoryError as exc:
        coverage.at_state(rt)
        errors.setdefault((str(exc.pos), exc.message), exc)
        note("out_of_choices" if is_stuck(rt) else "failures", str(exc))
    return True
