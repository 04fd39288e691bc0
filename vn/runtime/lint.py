"""What only playing the routes out shows: run-time errors on a route (errors), endings no route
reaches, options never offered, and labels, menus and statements no route runs (warnings).

When the story has more states than the budget, the exploration stops and random
playthroughs take over: what they find going wrong is real, but what they do not
see may still be reachable, so it is listed apart (VN124), never called dead."""
from __future__ import annotations

import time

from ..script import program as p
from ..script.diagnostics import WARNING, Diagnostic
from .routekey import StateKeys
from .routes import RouteReport, explore_routes
from .sampling import SampleReport, sample_routes
from .unreached import LABEL, MENU, unreached

CHECK_STATES = 50_000  # enough for a large branching game; past it `vn check` samples instead
CHECK_SECONDS = 0.5    # and the same when a story's states are cheap to count but slow to play
# (a hub of twelve once-only options, 4,096 states, is explored whole in about 0.4 s; `vn routes`
# has the longer budget, and `vn check` keeps what it found until the story's flow changes)
CHECK_SAMPLES = 2_000  # random playthroughs then: a defect on 1 route in 20 is all but sure to show
SAMPLE_SECONDS = 0.25  # however many of them fit in this time after exploring: some 1,400 on a 350-line
# investigation (where a second core plays them during the exploration, they have its time instead)
LISTED = 5             # unseen items named in VN124; the rest are counted


def route_warnings(program: p.Program, report: RouteReport, sample: SampleReport | None = None) -> list[Diagnostic]:
    manifest = program.manifest
    errors = {(str(e.pos), e.message): e for e in report.errors + (sample.errors if sample else [])}
    diags = [Diagnostic(e.pos, "VN027", e.message,
                        "some route reaches this and fails; 'vn routes' shows the choices that lead here")
             for e in errors.values()]
    if report.truncated:
        why = "the limit of states" if report.stopped_by == "states" else f"its time ran out, {report.seconds:.1f} s"
        after = (f"; {sample.runs:,} random playthroughs were played instead" if sample else "")
        diags.append(Diagnostic(manifest.start_pos, "VN107",
                                f"route exploration stopped after {report.states:,} choice states ({why}){after}, "
                                "so unreachable endings, impossible choices and dead content were not checked",
                                "run 'vn routes --budget 60s' for a longer exploration, 'vn routes --sample 10000' "
                                "for more playthroughs, or simplify the state (fewer counters)", WARNING))
        if sample is not None:
            diags += _unseen(program, report, sample)
        return diags
    for eid, count in report.endings.items():
        if count == 0:
            diags.append(Diagnostic(manifest.endings[eid].pos, "VN105", f"no route reaches the ending '{eid}'",
                                    "check the conditions that lead to it with 'vn routes' and 'vn graph'", WARNING))
    for lc in program.labels.values():
        for ins in lc.code:
            if ins.op != p.MENU or ins.id not in report.menus_reached:
                continue  # a menu no route reaches is reported below (VN122), or its label (VN121)
            for option in ins.arg:
                if option.condition is not None and option.id not in report.offered:
                    diags.append(Diagnostic(option.condition_pos or ins.pos, "VN106",
                                            f"the condition '{option.condition.source}' is never true when this "
                                            "menu is reached, so the option is never offered",
                                            "check the variables it reads on the routes that lead here", WARNING))
    if report.coverage is not None:
        diags += dead_content(program, report)
    return diags


def dead_content(program: p.Program, report: RouteReport) -> list[Diagnostic]:
    """VN121-VN123, from a complete exploration."""
    out = []
    for item in unreached(program, report.coverage):
        if item.kind == LABEL:
            out.append(Diagnostic(item.pos, "VN121", f"no route enters the label '{item.label}'",
                                  "the jumps and options that lead here never run on any route: check their "
                                  "conditions with 'vn routes' and 'vn graph', or remove the label", WARNING))
        elif item.kind == MENU:
            out.append(Diagnostic(item.pos, "VN122", "no route reaches this menu",
                                  "every route leaves the label before it (a jump or an ending above, or "
                                  "conditions that are never true): move the menu, or remove it", WARNING))
        else:
            more = f" (nor the {item.count - 1 if item.count > 2 else 'one'} after it)" if item.count > 1 else ""
            out.append(Diagnostic(item.pos, "VN123", f"no route reaches this statement{more}",
                                  "the conditions that lead here are never true on any route: check them with "
                                  "'vn routes', or remove the statements", WARNING))
    return out


def _unseen(program: p.Program, report: RouteReport, sample: SampleReport) -> list[Diagnostic]:
    """VN124: what neither the partial exploration nor the sample ran."""
    seen = report.coverage
    if seen is None or sample.coverage is None:
        return []
    items = unreached(program, seen.merge(sample.coverage))
    if not items:
        return []
    named = "; ".join(item.describe() for item in items[:LISTED])
    more = f"; and {len(items) - LISTED} more" if len(items) > LISTED else ""
    return [Diagnostic(program.manifest.start_pos, "VN124",
                       f"not seen in the {report.states:,} states explored or the {sample.runs:,} random "
                       f"playthroughs: {named}{more}",
                       "a sample cannot show that something is unreachable: 'vn routes --sample N' with a larger "
                       "N, or a longer --budget, looks further", WARNING)]


def explored(program: p.Program, max_states: int = CHECK_STATES, max_seconds: float = CHECK_SECONDS,
             sample_seconds: float = SAMPLE_SECONDS, seed: int = 0,
             beside=None) -> tuple[RouteReport, SampleReport | None]:
    """The routes explored within a budget, and sampled if that was not enough to see them all.

    `beside(program, keys, runs, seed, seconds)`: starts the sample in another process as the
    exploration starts, for as long as the exploration may take (a handle with cancel() and
    result(program, not_before), which lets it play on until then at least), or returns None;
    without it the sample follows the exploration."""
    keys = StateKeys(program)
    started = time.monotonic()
    sampling = beside(program, keys, CHECK_SAMPLES, seed, max(max_seconds, sample_seconds)) if beside else None
    try:
        report = explore_routes(program, max_states, max_seconds, keys=keys)
    except BaseException:       # Ctrl+C, or anything unforeseen: the copy is not left playing
        if sampling is not None:
            sampling.cancel()
        raise
    if not report.truncated:
        if sampling is not None:
            sampling.cancel()
        return report, None
    sample = sampling.result(program, started + sample_seconds) if sampling is not None else None
    if sample is None:
        sample = sample_routes(program, CHECK_SAMPLES, seed, sample_seconds, keys=keys)
    return report, sample


def check_routes(program: p.Program, max_states: int = CHECK_STATES,
                 max_seconds: float = CHECK_SECONDS, beside=None) -> list[Diagnostic]:
    return route_warnings(program, *explored(program, max_states, max_seconds, beside=beside))
