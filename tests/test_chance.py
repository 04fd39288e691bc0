"""The seeded random source: draws are a pure function of the seed and the draw count, so a
state's JSON round-trip replays them; the forced source names every outcome it needs."""
import json

import pytest
from hypothesis import given, strategies as st

from vn.runtime.chance import DrawNeeded, ForcedRandom, SeededRandom
from vn.runtime.state import Frame, StoryState


class Owner:
    def __init__(self, seed):
        self.state = StoryState("running", Frame("start", "x"), rng={"seed": seed, "draws": 0})


@given(st.integers(0, 2 ** 63 - 1), st.integers(0, 20),
       st.lists(st.tuples(st.integers(-50, 50), st.integers(-50, 50)), min_size=1, max_size=30))
def test_draws_replay_after_a_json_round_trip(seed, before, ranges):
    owner = Owner(seed)
    source = SeededRandom(owner)
    for _ in range(before):
        source.chance(0.5)
    saved = json.loads(json.dumps(owner.state.to_dict()))
    first = [source.integer(a, b) for a, b in ranges]
    owner.state = StoryState.from_dict(saved)
    assert [source.integer(a, b) for a, b in ranges] == first
    assert all(min(a, b) <= x <= max(a, b) for x, (a, b) in zip(first, ranges))


def test_draws_cover_the_range_and_chance_follows_p():
    source = SeededRandom(Owner(12345))
    rolls = [source.integer(1, 6) for _ in range(600)]
    assert set(rolls) == {1, 2, 3, 4, 5, 6}
    hits = sum(source.chance(0.25) for _ in range(4000))
    assert 850 < hits < 1150
    assert source.chance(0) is False and source.chance(1) is True


def test_forced_source_replays_outcomes_then_asks():
    owner = Owner(1)
    forced = ForcedRandom(owner, [3, False])
    assert forced.integer(1, 6) == 3
    assert forced.chance(0.5) is False
    assert forced.integer(4, 4) == 4          # one outcome: nothing to branch on
    with pytest.raises(DrawNeeded) as caught:
        forced.integer(1, 3)
    assert caught.value.outcomes == (1, 2, 3)
    assert owner.state.rng["draws"] == 3
    with pytest.raises(ValueError):
        ForcedRandom(owner, [9]).integer(1, 6)


def test_a_state_older_than_format_5_gets_a_seed():
    old = StoryState("running", Frame("start", "x")).to_dict()
    old["version"] = 4
    del old["rng"], old["seen"]
    restored = StoryState.from_dict(old)
    assert 0 <= restored.rng["seed"] < 2 ** 63 and restored.rng["draws"] == 0 and restored.seen == {}
