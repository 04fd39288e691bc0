"""`vn routes`: every route explored within a budget, or random playthroughs; every route it
prints replays with `vn run --text --choices ...`."""
from __future__ import annotations

import json
import re
import sys

SHOWN_ROUTES = 10


def parse_budget(text: str) -> float:
    """'10s', '2m', '500ms' or a plain number of seconds."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min)?\s*", text or "")
    if not found:
        raise ValueError(f"--budget takes a time such as 10s, 2m or 500ms, not {text!r}")
    value = float(found.group(1))
    return value * {"ms": 0.001, "m": 60.0, "min": 60.0}.get(found.group(2) or "s", 1.0)


def _replay(program, route: list[str]) -> str:
    """How to replay a route: 1-based numbers when they can be worked out, else the option ids."""
    from .runtime.playthrough import choice_numbers
    if not route:
        return "(no choice)"
    numbers = choice_numbers(program, route)
    if numbers is not None:
        return "--choices " + ",".join(map(str, numbers))
    return "--choices " + ",".join(step for step in route if not step.startswith("random=")) + \
        ("  (after random draws: " + ", ".join(s for s in route if s.startswith("random=")) + ")"
         if any(s.startswith("random=") for s in route) else "")


def cmd_routes(args, load) -> int:
    from .runtime.lint import explored
    from .runtime.routes import MAX_SECONDS, MAX_STATES
    from .runtime.sampling import sample_routes
    from .sampler_process import start as sample_beside
    program, _ = load(args.dir)
    if program is None:
        return 1
    try:
        seconds = parse_budget(args.budget) if args.budget else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.sample:
        sample = sample_routes(program, args.sample, args.seed, seconds or 600.0)
        if args.json:
            print(json.dumps({"sample": sample.to_json(), "not_seen": _unseen(program, None, sample)}, indent=2))
        else:
            _print_sample(program, sample)
        return 0 if sample.ok else 1
    budget = seconds or MAX_SECONDS
    # when the exploration stops short, random playthroughs: a quarter of its budget again after
    # it, or on a second core, as long as it takes
    report, sample = explored(program, args.max_states or MAX_STATES, budget, budget / 4, args.seed,
                              beside=sample_beside)
    if args.json:
        data = report.to_json()
        data["sample"] = sample.to_json() if sample else None
        data["not_reached" if sample is None else "not_seen"] = _unseen(program, report, sample)
        print(json.dumps(data, indent=2))
    else:
        _print_report(program, report, sample)
    return 0 if report.ok and (sample is None or sample.ok) else 1


def _unseen(program, report, sample) -> list[str]:
    from .runtime.unreached import unreached
    if report is not None and report.coverage is not None:
        coverage = report.coverage if sample is None else report.coverage.merge(sample.coverage)
    else:
        coverage = sample.coverage
    return [item.describe() for item in unreached(program, coverage)]


def _print_report(program, report, sample) -> None:
    titles = {eid: e.title for eid, e in program.manifest.endings.items()}
    if report.truncated:
        limit = "the limit of states" if report.stopped_by == "states" else "the time budget"
        print(f"Exploration stopped early, after {report.states:,} choice states ({report.seconds:.1f} s): {limit} "
              "was reached. Counts cover only the routes explored; endings they miss are 'not reached within "
              "the budget', not unreachable.")
    else:
        explored = f"({report.states:,} choice states explored in {report.seconds:.2f} s)"
        if report.unbounded:
            ends = report.routes - report.counts.get("loop_routes", 0)
            print(f"Routes are unbounded: a route can go round a circle any number of times. {ends:,} reach "
                  f"an end without going round one {explored}")
        else:
            print(f"{report.routes:,} distinct routes {explored}")
    print("Endings:")
    for eid, n in report.endings.items():
        where = ""
        if eid in report.examples:
            where = "   e.g. " + _replay(program, report.examples[eid])
        elif eid in report.unreachable:
            where = "   UNREACHABLE"
        elif report.truncated:
            where = "   not reached within the budget"
            if sample is not None:
                where += f"; the sample reached it {sample.endings[eid]:,} times" if sample.endings[eid] \
                    else "; nor in the sample"
        print(f"  {titles[eid]:<24} {n:>8,} route{'s' * (n != 1)}{where}")
    for label, key, items in (("Dead ends (stop without an ending)", "dead_ends", report.dead_ends),
                              ("Circles (routes that come back to a state they passed)", "loops", report.loops)):
        print(f"{label}: {report.counts.get(key, 0) or 'none'}")
        for path in items[:SHOWN_ROUTES]:
            print("   after " + (" > ".join(path) or "no choice") + "\n     replay: " + _replay(program, path))
    for ring in report.cycles[:SHOWN_ROUTES]:
        print("   the circle: " + " > ".join(ring) + " > and round again")
    if report.failures:
        print(f"Run-time errors: {report.counts.get('failures', len(report.failures))}")
        for error, paths in _grouped(report.failures).items():
            print(f"   {error}")
            path = paths[0]
            print("     e.g. after " + (" > ".join(path) or "no choice") + "\n     replay: " + _replay(program, path))
    if report.truncated:
        if sample is not None:
            _print_sample(program, sample, heading=False)
        unseen = _unseen(program, report, sample)
        print(f"Not seen in the exploration or the sample: {len(unseen) or 'nothing'}")
    else:
        print("Unreachable endings: " + (", ".join(report.unreachable) or "none"))
        unseen = _unseen(program, report, None)
        print(f"Dead content (no route reaches it): {len(unseen) or 'none'}")
    for item in unseen[:SHOWN_ROUTES * 2]:
        print("   " + item)


def _grouped(items) -> dict[str, list]:
    """(route, message) pairs -> message: its routes, shortest first."""
    out: dict[str, list] = {}
    for route, message in items:
        out.setdefault(message, []).append(route)
    return {message: sorted(routes, key=lambda r: len(getattr(r, "choices", r))) for message, routes in out.items()}


def _print_sample(program, sample, heading: bool = True) -> None:
    titles = {eid: e.title for eid, e in program.manifest.endings.items()}
    runs = max(sample.runs, 1)
    stopped = " (stopped early: the time ran out)" if sample.stopped_by else ""
    print(f"{sample.runs:,} random playthroughs (seed {sample.seed}, {sample.seconds:.1f} s){stopped}:")
    if heading:
        print("Endings:")
    for eid, title in titles.items():
        n = sample.endings[eid]
        print(f"  {title:<24} {n:>8,}  {100 * n / runs:5.1f} %" + ("" if n else "   not reached in the sample"))
    for kind, label in (("out_of_choices", "Ran out of choices (a menu with no option on offer)"),
                        ("out_of_content", "Ran out of content (stopped without an ending)"),
                        ("endless", "Never ended (a loop they did not leave)"),
                        ("failures", "Run-time errors")):
        found = getattr(sample, kind)
        count = sample.counts[kind]
        print(f"{label}: " + (f"{count:,} ({100 * count / runs:.1f} %)" if count else "none"))
        for message, routes in _grouped([(route, route.message) for route in found]).items():
            if message:
                print(f"   {message}")
            shown: dict = {}
            for route in routes:                # the same route found twice is shown once
                shown.setdefault(",".join(map(str, route.choices)), route)
            for route in list(shown.values())[:3]:
                seed = f"--seed {route.seed}" if sample.draws else ""
                numbers = ",".join(map(str, route.choices))
                replay = " ".join(part for part in (seed, numbers and "--choices " + numbers) if part)
                print(f"     replay: {replay or '(no choice needed)'}" if len(route.choices) <= 200 else
                      f"     after {len(route.choices):,} choices (seed {route.seed}); the first 50: "
                      f"--choices {','.join(map(str, route.choices[:50]))}")
    if heading:
        unseen = _unseen(program, None, sample)
        print(f"Not seen in the sample: {len(unseen) or 'nothing'}")
        for item in unseen[:SHOWN_ROUTES * 2]:
            print("   " + item)


def add_parser(sub, default_dir: str, load) -> None:
    routes = sub.add_parser("routes", help="explore every route; report endings, dead ends and dead content")
    routes.add_argument("dir", nargs="?", default=default_dir)
    routes.add_argument("--json", action="store_true")
    routes.add_argument("--budget", metavar="TIME", help="stop exploring after this long (e.g. 30s, 2m; default 10s), "
                                                                "then sample for a quarter of it")
    routes.add_argument("--max-states", type=int, metavar="N", help="stop exploring after N choice states "
                                                                     "(default 1,000,000)")
    routes.add_argument("--sample", type=int, metavar="N",
                        help="instead, play N random playthroughs and report what they find")
    routes.add_argument("--seed", type=int, default=0, help="the sample's seed (the same seed, the same playthroughs)")
    routes.set_defaults(func=lambda args: cmd_routes(args, load))
