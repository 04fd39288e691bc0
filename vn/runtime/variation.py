"""Which showing of a line this is, for text that varies per visit (`{seq: …}`, `{cycle: …}`,
`{once: …}`, `{shuffle: …}`; parsed in vn/script/variation.py).

The state counts, in `seen`, the times each line has been shown: only lines (and menus) whose
text varies, so plain lines cost nothing and saves stay small. The k-th showing (0-based)
picks the alternative. A menu counts once per offer, under its own id, for its prompt and
every option.

A shuffle's order needs no draw from the story's random source: the order of round r (visits
r·n to r·n + n − 1) of a group is a permutation seeded by mix(seed, a stable hash of the line,
the group and r). The route explorer need not branch on what only changes text, and a save or
a rollback shows the same text again.
"""
from __future__ import annotations

from ..script.digests import blake2b
from .chance import mix


def stable_hash(*parts: object) -> int:
    """64 bits that depend only on the parts (never Python's hash(), which changes per run)."""
    data = "\x1f".join(str(part) for part in parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


def shuffle_order(seed: int, key: str, group: int, n: int, round_: int) -> list[int]:
    """The order of the n alternatives in that round: every one once. From three alternatives
    on, a round never begins with the one the round before ended with."""
    order = _permutation(seed, key, group, n, round_)
    if round_ > 0 and n > 2 and order[0] == _permutation(seed, key, group, n, round_ - 1)[-1]:
        order[0], order[1] = order[1], order[0]   # position n-1 stays: the next round's check still holds
    return order


def _permutation(seed: int, key: str, group: int, n: int, round_: int) -> list[int]:
    base = mix(seed, stable_hash(key, group, round_))
    order = list(range(n))
    for i in range(n - 1, 0, -1):      # Fisher-Yates, the i-th swap drawn from the round's own stream
        j = mix(base, i) % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


class Showing:
    """The k-th showing of a line, what Template.render needs to pick alternatives."""

    __slots__ = ("count", "seed", "key")

    def __init__(self, count: int, seed: int, key: str):
        self.count, self.seed, self.key = count, seed, key

    def order(self, group: int, n: int, round_: int) -> list[int]:
        return shuffle_order(self.seed, self.key, group, n, round_)

    def keyed(self, key: str) -> "Showing":
        """The same showing for another text of it (a menu's options each shuffle on their own)."""
        return Showing(self.count, self.seed, key)


def next_showing(state, line_id: str) -> Showing:
    """Count a showing of the line and say which it is."""
    seen = state.seen
    count = max(0, seen.get(line_id, 0))   # a save is untrusted: a negative count counts as none
    seen[line_id] = count + 1
    return Showing(count, state.rng["seed"], line_id)


def menu_showing(state, menu_id: str, key: str) -> Showing:
    """The showing of a menu on offer now (counted when it was offered), for one of its texts."""
    return Showing(max(0, state.seen.get(menu_id, 1) - 1), state.rng["seed"], key)


def offer_showing(state, menu, key: str) -> Showing | None:
    """For a text of the menu instruction on offer (its prompt's id, or an option's): its showing,
    or None when nothing in the menu varies."""
    return menu_showing(state, menu.id, key) if menu.arg.varies else None
