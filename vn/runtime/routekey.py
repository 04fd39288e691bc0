"""The key under which the route explorer merges states: only what the script can observe.

Two states with equal keys play on identically, so the explorer plays one and
counts the other's routes through it. What goes into the key:

- the position (label and instruction) and the call stack, as small integers;
- the variables some expression reads (one never read changes nothing ahead);
- the once-only options already taken, as one bit each;
- the counts an expression reads (`visits`, `picks`, `turns_since` of those labels
  only). A count the script only compares against constants (`visits('door') < 3`)
  is clamped just past the largest constant: from there on every comparison gives
  the same answer, so 3 visits and 300 are one state. A count used any other way
  (shown in text, added to a variable) is kept exact.

`full_key` keys on everything instead (every count, every variable); the tests
explore with both and compare what they find.
"""
from __future__ import annotations

import math
from operator import itemgetter

from ..script import program as p
from ..script.digests import blake2b
from ..script.expr import Binary, Const, Expr, Visits
from ..script.expr_parse import COMPARISONS, children
from ..script.lint import _reads as instruction_reads

UNCLAMPED = None


def expressions(program: p.Program):
    """Every expression the compiled program evaluates."""
    for lc in program.labels.values():
        for ins in lc.code:
            op, arg = ins.op, ins.arg
            if op == p.SAY:
                yield from _template_parts(arg[1])
            elif op == p.SET:
                yield from (e for _, e in arg)
            elif op == p.BRANCH:
                yield arg
            elif op == p.MENU:
                if arg.prompt:
                    yield from _template_parts(arg.prompt[2])
                for option in arg:
                    if option.condition is not None:
                        yield option.condition
                    yield from _template_parts(option.text)
                    yield from (e for _, e in option.assigns)


def _template_parts(template):
    return (part for part in template.parts if isinstance(part, Expr))


def counter_limits(program: p.Program) -> dict[tuple[str, str], int | None]:
    """(function, name) of every count some expression reads -> the value past which it can be
    clamped, or UNCLAMPED when some expression uses it other than in a comparison with a constant."""
    limits: dict[tuple[str, str], int | None] = {}

    def note(node: Visits, constant) -> None:
        key = (node.func, node.label)
        if constant is None or isinstance(constant, bool) or not isinstance(constant, (int, float)) \
                or not math.isfinite(constant):
            limits[key] = UNCLAMPED
        elif key not in limits or limits[key] is not UNCLAMPED:
            # every comparison with constants up to K answers alike for all counts above K
            past = math.floor(constant) + 1
            limits[key] = max(limits.get(key, past), past)

    if not program.uses_visits and not program.counters:
        return limits           # no expression reads a count
    for expr in expressions(program):
        if not (expr.labels() or expr.counters()):
            continue            # none in this one: its tree need not be walked
        stack = [expr.root]
        while stack:
            node = stack.pop()
            if isinstance(node, Binary) and node.op in COMPARISONS:
                left, right = node.left, node.right
                if isinstance(left, Visits) and isinstance(right, Const):
                    note(left, right.value)
                    continue
                if isinstance(right, Visits) and isinstance(left, Const):
                    note(right, left.value)
                    continue
            if isinstance(node, Visits):
                note(node, None)
            stack.extend(children(node))
    return limits


class StateKeys:
    """Builds merge keys for one program; `reduced=False` keys on the whole state."""

    def __init__(self, program: p.Program, reduced: bool = True):
        self.reduced = reduced
        width = 1 + max((len(lc.code) for lc in program.labels.values()), default=0)
        self.positions = {name: {ins.id: n * width + i for i, ins in enumerate(code.code)}
                          for n, (name, code) in enumerate(program.labels.items())}
        read: set[str] = set()
        for lc in program.labels.values():
            for ins in lc.code:
                read |= instruction_reads(ins, for_flow=False)
        names = tuple(name for name in program.manifest.variables if name in read)
        self.variables = (lambda values: ()) if not names else itemgetter(*names) if len(names) > 1 \
            else (lambda values, name=names[0]: (values[name],))
        self.limits = tuple(sorted(counter_limits(program).items(), key=lambda item: (item[0], item[1] or 0)))
        # a count the program reads that the walk above did not find: key on all of that kind
        found = {func for (func, _), _ in self.limits}
        self.all_visits = program.uses_visits and "visits" not in found
        self.all_counters = bool({func for func, _ in program.counters} - found)
        self.once_bits: dict[str, int] = {}

    def _bit(self, option_id: str) -> int:
        bit = self.once_bits.get(option_id)
        if bit is None:
            bit = self.once_bits[option_id] = 1 << len(self.once_bits)
        return bit

    def key(self, rt) -> bytes:
        if not self.reduced:
            return self.full_key(rt)
        st = rt.state
        frame = st.frame
        where = self.positions[frame.label][frame.at]
        stack = tuple([self.positions[f.label][f.at] for f in st.stack]) if st.stack else ()
        once = 0
        bits = self.once_bits
        for option in st.once:
            once |= bits.get(option) or self._bit(option)
        counts = []
        visits = rt._visits
        for (func, name), limit in self.limits:
            value = visits(name, func)
            counts.append(value if limit is None or value < limit else limit)
        extra = ()
        if self.all_visits or self.all_counters:
            extra = (tuple(sorted(st.visits.items())), tuple(sorted(st.picks.items())),
                     tuple(sorted((k, st.turns - v) for k, v in st.entered.items())))
        return packed((where, stack, self.variables(st.variables), once, tuple(counts), extra))

    @staticmethod
    def full_key(rt) -> bytes:
        """Everything the state holds that could steer what comes next."""
        st = rt.state
        return packed((st.frame.label, st.frame.at, tuple((f.label, f.at) for f in st.stack),
                       tuple(sorted(st.variables.items())), tuple(sorted(st.once)), tuple(sorted(st.visits.items())),
                       tuple(sorted(st.picks.items())), st.turns, tuple(sorted(st.entered.items()))))


def packed(key: tuple) -> bytes:
    """A key as 16 bytes: a million states must fit in memory, and a tuple of small values
    takes ten times that. The repr of ints, floats, bools and strings in tuples is exact, so
    equal keys give equal digests; two different keys share one with odds of 2^-128 a pair,
    far below any chance of a memory fault on the machine running the search."""
    return blake2b(repr(key).encode(), digest_size=16).digest()
