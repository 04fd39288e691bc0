"""Warnings that need the stories' routes played out: endings no route reaches, options never offered."""
from __future__ import annotations

from ..script import program as p
from ..script.diagnostics import WARNING, Diagnostic
from .routes import RouteReport, explore_routes

CHECK_STATES = 20_000  # enough for a large branching game; past it `vn check` says it stopped early


def route_warnings(program: p.Program, report: RouteReport) -> list[Diagnostic]:
    manifest = program.manifest
    if report.truncated:
        return [Diagnostic(manifest.start_pos, "VN107",
                           f"route exploration stopped after {report.states:,} choice states; unreachable endings "
                           "and impossible choices were not checked",
                           "run 'vn routes' for the full exploration, or simplify the state (fewer counters)",
                           WARNING)]
    diags = []
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


def check_routes(program: p.Program, max_states: int = CHECK_STATES) -> list[Diagnostic]:
    return route_warnings(program, explore_routes(program, max_states))
