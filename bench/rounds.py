"""Frame times measured in rounds: the stages of a benchmark take turns, and each
stage's figures are the medians of its rounds, so a busy spell on a shared
machine lands on one round of every stage rather than on the whole of one."""
from __future__ import annotations

import statistics


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def over_rounds(runs: list[list[float]]) -> dict[str, float]:
    """p50 and p99 (medians over the rounds), the worst round's p99 and the slowest frame."""
    p99s = [percentile(times, 99) for times in runs]
    return {"p50": statistics.median(percentile(times, 50) for times in runs),
            "p99": statistics.median(p99s), "p99_worst_round": max(p99s),
            "max": max(max(times) for times in runs)}
