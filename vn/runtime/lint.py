"""What only playing the routes out shows: run-time errors on a route (errors), endings no route
reaches and options never offered (warnings)."""
from __future__ import annotations

from ..script import program as p
from ..script.diagnostics import WARNING, Diagnostic
from .routes import RouteReport, explore_routes

CHECK_STATES = 20_000  # enough for a large branching game; past it `vn check` says it stopped early
CHECK_SECONDS = 20.0   # and the same when a story's states are cheap to count but slow to play


def route_warnings(program: p.Program, report: RouteReport) -> list[Diagnostic]:
    manifest = program.manifest
    diags = [Diagnostic(e.pos, "VN027", e.message,
                        "some route reaches this and fails; 'vn routes' shows the choices that lead here")
             for e in report.errors]
    if report.truncated:
        diags.append(Diagnostic(manifest.start_pos, "VN107",
                                f"route exploration stopped after {report.states:,} choice states (a budget of "
                                f"{CHECK_STATES:,} states and {CHECK_SECONDS:.0f} s); unreachable endings and "
                                "impossible choices were not checked",
                                "run 'vn routes' for the full exploration, or simplify the state (fewer counters)",
                                WARNING))
        return diags
    for eid, count in report.endings.items():
        if count == 0:
            diags.append(Diagnostic(manifest.endings[eid].pos, "VN105", f"no route reaches the ending '{eid}'",
                                    "check the conditions that lead to it with 'vn routes' and 'vn graph'", WARNING))
    for lc in program.labels.values():
        for ins in lc.code:
            if ins.op != p.MENU or ins.id not in report.menus_reached:
                continue  # a menu no route reaches is reported as an unreachable label or statement
            for option in ins.arg:
                if option.condition is not None and option.id not in report.offered:
                    diags.append(Diagnostic(option.condition_pos or ins.pos, "VN106",
                                            f"the condition '{option.condition.source}' is never true when this "
                                            "menu is reached, so the option is never offered",
                                            "check the variables it reads on the routes that lead here", WARNING))
    return diags


def check_routes(program: p.Program, max_states: int = CHECK_STATES,
                 max_seconds: float = CHECK_SECONDS) -> list[Diagnostic]:
    return route_warnings(program, explore_routes(program, max_states, max_seconds))
