"""How the route explorer follows random draws: every outcome of a draw is a branch.

The explorer runs the story with a DrawSource. It answers each draw by the draw's
position in the run (the state's draw count), from the outcomes chosen so far on
this branch, and raises DrawNeeded at a draw not yet chosen. The explorer then
goes back to the state before the step that drew (a choice, or the start) and
replays that step once per outcome: a draw point is a choice whose options are
the outcomes, and route counts multiply through it the same way.

Answering by position, not by order of asking, matters at a choice: the runtime
draws a menu's conditions again after a rollback to it (see Runtime._available),
from the same position, so they must get the same answers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .chance import DrawNeeded, ForcedRandom
from .runtime import StoryError

# random(1, 1000000) as a branch of a million routes would stall the explorer: past this
# many outcomes the route fails, as a script error would (VN027 in vn check).
MAX_OUTCOMES = 1000


class DrawSource(ForcedRandom):
    """Answers a draw at position n from `known[n]`; raises DrawNeeded for one not yet known."""

    def __init__(self, owner, known: dict | None = None):
        super().__init__(owner)
        self.known: dict[int, object] = known or {}
        self.position = 0            # where the last DrawNeeded was asked

    def integer(self, a: int, b: int) -> int:
        if abs(b - a) >= MAX_OUTCOMES:
            rt = self.owner
            raise StoryError(rt._lc.code[rt._pc].pos, f"random({a}, {b}) has {abs(b - a) + 1:,} outcomes, too many to explore "
                                  f"(at most {MAX_OUTCOMES:,})")
        return super().integer(a, b)

    def _next(self, possible: tuple):
        rng = self.owner.state.rng
        n = rng["draws"]
        if len(possible) == 1:
            value = possible[0]
        elif n in self.known and self.known[n] in possible:
            value = self.known[n]
        else:
            self.position = n
            raise DrawNeeded(possible)
        rng["draws"] = n + 1
        return value


@dataclass(frozen=True, slots=True)
class Outcome:
    """One branch of a draw point, shaped like an offered choice (index, id) for the explorer."""
    index: int | None           # the choice to take again from the state before the draw (None: none)
    id: str                     # how the route shows it: "random=4", "chance=true"
    known: dict                 # every draw's outcome on this branch, by position


def outcomes(source: DrawSource, needed: DrawNeeded, choice: int | None) -> tuple[Outcome, ...]:
    """The branches of the draw `needed` reports: one per possible outcome."""
    kind = "chance" if isinstance(needed.outcomes[0], bool) else "random"
    return tuple(Outcome(choice, f"{kind}={_shown(value)}", {**source.known, source.position: value})
                 for value in needed.outcomes)


def _shown(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
