"""Where the story's random draws come from.

Every draw goes through a random source with two questions, `integer(a, b)` and
`chance(p)`. The runtime's default source is seeded from the story state
(`state.rng`: a seed and the number of draws made), so the n-th draw of a run is
a pure function of the seed and n: loading a save or rolling back replays the
same draws, and a state is still one JSON value.

The route explorer swaps in a ForcedRandom: it answers from a list of outcomes
it was given and raises DrawNeeded, naming every possible outcome, when the list
runs out, so that the explorer can follow each outcome as a branch.
"""
from __future__ import annotations

MASK = (1 << 64) - 1
UNIT = 1.0 / (1 << 53)


def mix(seed: int, n: int) -> int:
    """SplitMix64 of the n-th step from `seed`: 64 well-mixed bits, cheap, and stable everywhere."""
    z = (seed + (n + 1) * 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class DrawNeeded(Exception):
    """Raised by a ForcedRandom that has no outcome left: `outcomes` lists every possible one."""

    def __init__(self, outcomes: tuple):
        super().__init__(outcomes)
        self.outcomes = outcomes


def integer_outcomes(a: int, b: int) -> tuple[int, ...]:
    return tuple(range(a, b + 1)) if a <= b else tuple(range(b, a + 1))


def chance_outcomes(p: float) -> tuple[bool, ...]:
    if p <= 0:
        return (False,)
    if p >= 1:
        return (True,)
    return (True, False)


class SeededRandom:
    """Draws from the state's seed; `state.rng["draws"]` counts them, so a copy of the state
    (a save, a rollback snapshot) carries the generator's position with it."""

    def __init__(self, owner):
        self.owner = owner          # anything with a `state` (the Runtime): restore() replaces it

    def _bits(self) -> int:
        rng = self.owner.state.rng
        n = rng["draws"]
        rng["draws"] = n + 1
        return mix(rng["seed"], n)

    def integer(self, a: int, b: int) -> int:
        low, high = (a, b) if a <= b else (b, a)
        return low + self._bits() % (high - low + 1)

    def chance(self, p: float) -> bool:
        if p <= 0:
            return False
        if p >= 1:
            return True
        return (self._bits() >> 11) * UNIT < p


class ForcedRandom:
    """Answers from `outcomes` in order; raises DrawNeeded when none is left. The draw count
    still advances, so states reached this way look as the seeded run would leave them."""

    def __init__(self, owner, outcomes=()):
        self.owner = owner
        self.outcomes = list(outcomes)
        self.used = 0

    def _next(self, possible: tuple):
        if len(possible) == 1:
            value = possible[0]
        elif self.used < len(self.outcomes):
            value = self.outcomes[self.used]
            self.used += 1
            if value not in possible:
                raise ValueError(f"forced outcome {value!r} is not one of {possible!r}")
        else:
            raise DrawNeeded(possible)
        self.owner.state.rng["draws"] += 1
        return value

    def integer(self, a: int, b: int) -> int:
        return self._next(integer_outcomes(a, b))

    def chance(self, p: float) -> bool:
        return self._next(chance_outcomes(p))
