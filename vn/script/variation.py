"""Text that varies inside one line: `{cond ? a | b}` and `{seq: a | b}`, `{cycle: …}`,
`{once: …}`, `{shuffle: …}`.

A `{…}` group of a template is one of three things, told apart by its start:
`{name: …}` names a kind of alternatives (`:` is no operator of the expression
language, so no expression ever began that way); a `?` outside quoted strings
makes the text before it a condition; anything else is an expression, as before.
After the keyword or the `?` the group holds text, not an expression: quotes are
plain characters there, `|` separates the alternatives, `}` always ends the group
(so nested groups close as `}}}`; a literal one is `{'}'}`), and each alternative
is a template of its own (interpolation and nested variation included).

Which alternative a line shows depends on how many times that line was shown
before (the runtime counts, see vn/runtime/variation.py); this module only
parses, checks and picks. Templates are duck-typed here (expr.py imports this
module, never the other way round).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Mapping, NamedTuple

from .diagnostics import did_you_mean
from .expr_check import check
from .expr_parse import SYNTAX, ExprError

UNKNOWN_KIND = "VN050"
NO_CONDITION = "VN051"
NOT_TRUE_FALSE = "VN052"
TOO_MANY_BRANCHES = "VN054"
ONE_ALTERNATIVE = "VN117"

SEQ, CYCLE, ONCE, SHUFFLE = "seq", "cycle", "once", "shuffle"
KINDS = (SEQ, CYCLE, ONCE, SHUFFLE)
# what writers coming from ink and other engines reach for first
OTHER_NAMES = {"sequence": SEQ, "stopping": SEQ, "stop": SEQ, "loop": CYCLE, "cycling": CYCLE, "repeat": CYCLE,
               "random": SHUFFLE, "shuffled": SHUFFLE, "onceonly": ONCE, "once_only": ONCE, "once-only": ONCE}
INK_SYMBOLS = {"&": CYCLE, "!": ONCE, "~": SHUFFLE}
MAX_NESTING = 16   # variation inside variation; deeper is surely a mistake, and would exhaust the stack
KINDS_HINT = "write seq:, cycle:, once: or shuffle: after the '{', e.g. {seq: first | then | ever after}"

_KEYWORD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_\-]*)\s*:")
_TYPE_NAMES = {bool: "true/false", int: "a whole number", float: "a number", str: "text"}


class Group(NamedTuple):
    """Where a `{…}` group of a template ends and what it holds; spans are absolute indexes."""
    end: int                            # the closing '}'
    kind: str | None                    # None for a plain {expression}, "?" for a condition, else one of KINDS
    head: tuple[int, int]               # the expression, condition or keyword
    spans: tuple[tuple[int, int], ...]  # the alternatives, spaces around them left out


def scan_group(text: str, start: int, depth: int = 0) -> Group:
    """The group whose '{' is at `start`; raises ExprError with columns counted in `text`."""
    if depth > MAX_NESTING:
        raise ExprError(SYNTAX, f"text varies inside varying text more than {MAX_NESTING} deep", start,
                        "split the line, or choose between whole lines with 'if'")
    keyword = _KEYWORD.match(text, start + 1)
    if keyword is not None:
        name = keyword.group(1)
        if name not in KINDS:
            raise _unknown_kind(name, keyword.start(1))
        end, spans = _alternatives(text, keyword.end(), start, depth)
        return Group(end, name, keyword.span(1), spans)
    quote, quote_at, bar_at, i = None, 0, -1, start + 1
    while i < len(text):
        ch = text[i]
        if quote is not None:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote, quote_at = ch, i
        elif ch == "}":
            if bar_at >= 0:
                raise _stray_bar(text, start, bar_at)
            return Group(i, None, (start + 1, i), ())
        elif ch == "?":
            condition = _trim(text, start + 1, i)
            if condition[0] == condition[1]:
                raise ExprError(NO_CONDITION, "this '?' has no condition before it", i,
                                "write the condition first: {met_before ? Welcome back | Welcome}")
            end, spans = _alternatives(text, i + 1, start, depth)
            if len(spans) > 2:
                raise ExprError(TOO_MANY_BRANCHES, "a condition chooses between two texts, this is a third",
                                spans[2][0], "nest a second condition in the second text: "
                                "{a ? one | {b ? two | three}}, or write '{'|'}' for a '|' in the text")
            return Group(end, "?", condition, spans)
        elif ch == "|" and bar_at < 0:
            bar_at = i
        i += 1
    if quote is not None:
        raise ExprError(SYNTAX, "this string is never closed", quote_at, f"add {quote} at its end")
    raise ExprError(SYNTAX, "this '{' is never closed", start, "add a '}' after the expression, or write '{{' for a brace")


def _alternatives(text: str, i: int, start: int, depth: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Text mode, from `i` to the group's closing brace: the spans between top-level '|'s."""
    spans: list[tuple[int, int]] = []
    begin = i
    while i < len(text):
        ch = text[i]
        if ch == "{":
            if text.startswith("{{", i):
                i += 2
                continue
            i = scan_group(text, i, depth + 1).end + 1
            continue
        if ch == "}":   # always the end: nested groups close as '}}}', so '}}' cannot mean a brace here
            spans.append(_trim(text, begin, i))
            return i, tuple(spans)
        if ch == "|":
            spans.append(_trim(text, begin, i))
            begin = i + 1
        i += 1
    raise ExprError(SYNTAX, "this '{' is never closed", start,
                    "add a '}' after the last alternative; in an alternative write {'}'} for a closing brace")


def _trim(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


def _unknown_kind(name: str, column: int) -> ExprError:
    known = OTHER_NAMES.get(name.lower())
    hint = f"did you mean '{known}'?" if known else did_you_mean(name, KINDS)
    return ExprError(UNKNOWN_KIND, f"'{name}' is not a kind of varying text", column,
                     f"{hint} {KINDS_HINT}" if hint else KINDS_HINT)


def _stray_bar(text: str, start: int, bar_at: int) -> ExprError:
    symbol = text[start + 1:start + 2]
    if symbol in INK_SYMBOLS:
        return ExprError(UNKNOWN_KIND, f"'{{{symbol}' is ink's; here it is written {{{INK_SYMBOLS[symbol]}: …}}",
                         start + 1, f"write {{{INK_SYMBOLS[symbol]}: a | b}}")
    return ExprError(UNKNOWN_KIND, "'|' separates alternatives only in varying text", bar_at,
                     "name the kind: {seq: a | b} (or cycle:, once:, shuffle:), or give a condition: "
                     "{met ? a | b}; write {'|'} for the character itself")


# ---------------------------------------------------------------- the parsed parts

@dataclass(frozen=True, slots=True)
class Conditional:
    """`{condition ? then | otherwise}`; columns count from the start of the template's text."""
    condition: object           # an Expr
    branches: tuple             # (then, otherwise): Templates
    at: int                     # where the condition begins
    offsets: tuple[int, int]    # where each branch begins

    def variables(self) -> frozenset[str]:
        return self.condition.variables().union(*(b.variables() for b in self.branches))

    def labels(self) -> frozenset[str]:
        return self.condition.labels().union(*(b.labels() for b in self.branches))

    def counters(self) -> frozenset[tuple[str, str]]:
        return self.condition.counters().union(*(b.counters() for b in self.branches))

    @property
    def varies(self) -> bool:
        return any(b.varies for b in self.branches)

    @property
    def styled(self) -> bool:
        return any(b.styled for b in self.branches)


@dataclass(frozen=True, slots=True)
class Alternatives:
    """`{seq: …}`, `{cycle: …}`, `{once: …}` or `{shuffle: …}`: one alternative per showing."""
    kind: str
    items: tuple                # Templates
    at: int                     # where the keyword begins
    offsets: tuple[int, ...]    # where each alternative begins
    ordinal: int                # the group's place in the whole line: two shuffles of one line differ

    def variables(self) -> frozenset[str]:
        return frozenset().union(*(t.variables() for t in self.items))

    def labels(self) -> frozenset[str]:
        return frozenset().union(*(t.labels() for t in self.items))

    def counters(self) -> frozenset[tuple[str, str]]:
        return frozenset().union(*(t.counters() for t in self.items))

    varies = True

    @property
    def styled(self) -> bool:
        return any(t.styled for t in self.items)

    def pick(self, showing):
        """The alternative for the line's showing (count 0 the first time), or None for nothing.
        `showing` (from the runtime) has `count` and `order(ordinal, n, round)`; None counts as the first."""
        items = self.items
        n = len(items)
        k = 0 if showing is None else showing.count
        kind = self.kind
        if kind == SEQ:
            return items[k if k < n else n - 1]
        if kind == CYCLE:
            return items[k % n]
        if kind == ONCE:
            return items[k] if k < n else None
        round_, place = divmod(k, n)
        if showing is None:
            return items[place]
        return items[showing.order(self.ordinal, n, round_)[place]]


# ---------------------------------------------------------------- checking

def check_parts(template, var_types: Mapping[str, type], labels: Collection[str], picks: Collection[str] = (),
                base: int = 0) -> list[ExprError]:
    """Every error in a template's expressions and conditions, nested ones too, columns counted
    from the start of the outermost text."""
    errors: list[ExprError] = []
    for part, offset in zip((p for p in template.parts if p.__class__ is not str), template._offsets):
        if part.__class__ is Alternatives:
            for item, at in zip(part.items, part.offsets):
                errors.extend(check_parts(item, var_types, labels, picks, base + at))
        elif part.__class__ is Conditional:
            result, found = check(part.condition, var_types, labels, picks)
            errors.extend(e.shifted(base + part.at) for e in found)
            if not found and result is not bool:
                errors.append(ExprError(
                    NOT_TRUE_FALSE, f"the condition of varying text must be true or false, this is "
                    f"{_TYPE_NAMES.get(result, 'unknown')}", base + part.at,
                    "compare it, e.g. {humanity > 2 ? kind | cold}"))
            for branch, at in zip(part.branches, part.offsets):
                errors.extend(check_parts(branch, var_types, labels, picks, base + at))
        else:
            errors.extend(e.shifted(base + offset) for e in check(part, var_types, labels, picks)[1])
    return errors


def lone_alternatives(template, base: int = 0) -> list[ExprError]:
    """VN117 for each seq, cycle or shuffle of one alternative: it always shows that one."""
    found: list[ExprError] = []
    for part in template.parts:
        if part.__class__ is Alternatives:
            if len(part.items) < 2 and part.kind != ONCE:
                found.append(ExprError(ONE_ALTERNATIVE, f"this {part.kind} has one alternative, so it never varies",
                                       base + part.at, "separate the alternatives with '|': "
                                       f"{{{part.kind}: one | two}}; write {{'|'}} for the character itself"))
            for item, at in zip(part.items, part.offsets):
                found.extend(lone_alternatives(item, base + at))
        elif part.__class__ is Conditional:
            for branch, at in zip(part.branches, part.offsets):
                found.extend(lone_alternatives(branch, base + at))
    return found


def alternative_texts(template, base: int = 0) -> list[tuple[str, int]]:
    """(source, where it starts in the whole text) of every alternative and branch, nested ones
    too: each is text of its own, so its style tags must balance inside it."""
    found: list[tuple[str, int]] = []
    for part in template.parts:
        items = part.items if part.__class__ is Alternatives else \
            part.branches if part.__class__ is Conditional else ()
        for item, at in zip(items, getattr(part, "offsets", ())):
            if item.source:
                found.append((item.source, base + at))
            found.extend(alternative_texts(item, base + at))
    return found
