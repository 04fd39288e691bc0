"""The script expression language: parsed once at load, type checked, then evaluated fast.

`parse` builds a syntax tree (see expr_parse) and compiles it right away into
nested closures, so evaluating never walks the tree or dispatches on node types.
Type checking is separate (`check`) because it needs the game's variables and
labels, which the loader knows only after reading every file.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Collection, Mapping

from .expr_check import check
from .expr_compile import Runner, compile_tree
from .expr_parse import (
    SYNTAX, TYPE, Binary, Call, Const, Draw, EvalError, ExprError,
    Node, Unary, Var, Visits, children, parse_tree,
)
from .limits import MAX_NUMBER, MAX_TEXT
from .markup import escape
from .variation import Alternatives, Conditional, check_parts, scan_group

__all__ = [
    "Binary", "Call", "Const", "Draw", "EvalError", "Expr", "ExprError", "Node", "Template", "Unary", "Var",
    "Visits", "check", "check_template", "with_root", "evaluate", "format_value", "literal", "parse",
    "parse_template",
]

@dataclass(frozen=True, slots=True)
class Expr:
    source: str
    root: Node
    _run: Runner = field(repr=False, compare=False)
    _variables: frozenset[str] = field(repr=False, compare=False)
    _labels: frozenset[str] = field(repr=False, compare=False)
    # (function, name) of every picks() and turns_since() read: the route explorer keys on them
    _counters: frozenset[tuple[str, str]] = field(repr=False, compare=False, default=frozenset())
    _draws: tuple[Draw, ...] = field(repr=False, compare=False, default=())

    def variables(self) -> frozenset[str]:
        """The names of the variables the expression reads."""
        return self._variables

    def labels(self) -> frozenset[str]:
        """The labels passed to visits()."""
        return self._labels

    def counters(self) -> frozenset[tuple[str, str]]:
        return self._counters

    def draws(self) -> tuple[Draw, ...]:
        """The random() and chance() calls in it: empty when evaluating it never draws."""
        return self._draws


def _wrap(source: str, root: Node) -> Expr:
    names: set[str] = set()
    labels: set[str] = set()
    counters: set[tuple[str, str]] = set()
    draws: list[Draw] = []
    _collect(root, names, labels, counters, draws)
    return Expr(source, root, compile_tree(root), frozenset(names), frozenset(labels), frozenset(counters),
                tuple(draws))


def with_root(expr: Expr, root: Node) -> Expr:
    """`expr` with another tree, compiled afresh: the same text with its label names resolved."""
    return _wrap(expr.source, root)


def _collect(node: Node, names: set[str], labels: set[str], counters: set, draws: list) -> None:
    if isinstance(node, Var):
        names.add(node.name)
    elif isinstance(node, Draw):
        draws.append(node)
    elif isinstance(node, Visits):
        if node.func == "visits":
            labels.add(node.label)
        else:
            counters.add((node.func, node.label))
    for child in children(node):
        _collect(child, names, labels, counters, draws)


@functools.lru_cache(maxsize=8192)
def parse(source: str) -> Expr:
    """Parse and compile `source`; raises ExprError (VN014) with the column of the problem.

    Scripts repeat the same conditions and updates many times, and an Expr is
    immutable, so equal sources share one parsed expression."""
    try:
        return _wrap(source, parse_tree(source))
    except ExprError as exc:
        raise _apostrophe(source) or exc from None


APOSTROPHE_HINT = ("inside '...' write an apostrophe as \\' ('Bob\\'s'), or put the string in \"...\" "
                   "(\"Bob's\"); in a YAML \"...\" scalar double the backslash: \"name == 'Bob\\\\'s'\"")


def _apostrophe(source: str) -> ExprError | None:
    """The real cause when a syntax error follows a string in '...' that runs straight into a
    letter ('Bob's'): the apostrophe closed the string, and what follows no longer parses."""
    i = 0
    while i < len(source):
        quote = source[i]
        if quote not in "'\"":
            i += 1
            continue
        end = i + 1
        while end < len(source) and source[end] != quote:
            end += 2 if source[end] == "\\" else 1
        if end >= len(source):
            return None
        if quote == "'" and end + 1 < len(source) and source[end + 1].isalpha():
            return ExprError(SYNTAX, f"this apostrophe ends the string {source[i:end + 1]}", end, APOSTROPHE_HINT)
        i = end + 1
    return None


def literal(value: object) -> Expr:
    """A constant expression for a YAML scalar, e.g. the 3 in `set: {x: 3}`."""
    kind = next((t for t in (bool, int, float, str) if isinstance(value, t)), None)
    if kind is None:
        raise ExprError(TYPE, f"expected a number, true/false or a string, got {type(value).__name__}", 0,
                        "write a number, true, false or an expression in quotes")
    value = kind(value)
    return _wrap(_literal_source(value), Const(0, value))


def _literal_source(value: int | float | bool | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return repr(value)


# ---------------------------------------------------------------- evaluation

def evaluate(expr: Expr, variables: Mapping[str, object], visits: Callable[[str], int]) -> object:
    """The value of a checked expression; raises EvalError for run-time failures."""
    try:
        value = expr._run(variables, visits)
    except ZeroDivisionError:
        raise EvalError(f"division by zero in '{expr.source}'") from None
    except KeyError as exc:
        raise EvalError(f"variable {exc} has no value in '{expr.source}'") from None
    except OverflowError:
        raise EvalError(f"a number is too large in '{expr.source}'") from None
    except TypeError as exc:  # only when values do not have the types the check assumed
        raise EvalError(f"cannot evaluate '{expr.source}': {exc}") from None
    # Bounded here, where every computed value passes, so no variable, text or save ever holds
    # a number Python cannot print or a float cannot hold (see limits.py).
    cls = value.__class__
    if cls is bool:  # most evaluations are conditions
        return value
    if cls is int or cls is float:
        if not -MAX_NUMBER <= value <= MAX_NUMBER:  # NaN fails this too
            raise EvalError(f"a number is too large in '{expr.source}' (the limit is ±2^53)")
    elif cls is str and len(value) > MAX_TEXT:
        raise EvalError(f"a text grows past {MAX_TEXT:,} characters in '{expr.source}'")
    return value




# ---------------------------------------------------------------- text interpolation

def format_value(value: object) -> str:
    """How a value appears in text: true/false, floats without binary noise (0.1 + 0.2 shows 0.3)."""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is float:
        text = f"{value:.12g}"
        return text + ".0" if text.lstrip("-").isdigit() else text
    return str(value)


@dataclass(frozen=True, slots=True)
class Template:
    source: str
    parts: tuple[str | Expr | Conditional | Alternatives, ...]
    is_plain: bool  # no expressions: render() always gives the same text
    _offsets: tuple[int, ...] = field(repr=False, compare=False)  # where each non-text part starts in source
    varies: bool = False  # holds seq/cycle/once/shuffle: the text depends on how often the line was shown
    chooses: bool = False  # holds varying text of any kind ({cond ? a | b} too)
    # the text has style tags (markup.py): values interpolated into it are escaped, never read as tags
    styled: bool = False

    # a plain text (most lines) reads nothing: asked for every line by the compiler and the lint
    def variables(self) -> frozenset[str]:
        if self.is_plain:
            return _NONE
        return _NONE.union(*[p.variables() for p in self.parts if p.__class__ is not str])

    def labels(self) -> frozenset[str]:
        if self.is_plain:
            return _NONE
        return _NONE.union(*[p.labels() for p in self.parts if p.__class__ is not str])

    def counters(self) -> frozenset[tuple[str, str]]:
        if self.is_plain:
            return _NONE
        return _NONE.union(*[p.counters() for p in self.parts if p.__class__ is not str])

    def render(self, variables: Mapping[str, object], visits: Callable[[str], int], showing=None,
               escaped: bool = False) -> str:
        """`showing`: which showing of its line this is (the runtime's; see vn/runtime/variation.py),
        for seq, cycle, once and shuffle; None renders the first. `escaped`: the text around this
        one has style tags, so interpolated values are escaped here too."""
        if self.is_plain:
            return self.parts[0]  # plain text is always exactly one part
        if self.chooses:
            return "".join([p if p.__class__ is str else _value(p, variables, visits, escaped or self.styled)
                            if p.__class__ is Expr else _vary(p, variables, visits, showing, escaped or self.styled)
                            for p in self.parts])
        if self.styled or escaped:
            return "".join([p if p.__class__ is str else escape(format_value(evaluate(p, variables, visits)))
                            for p in self.parts])
        return "".join([p if p.__class__ is str else format_value(evaluate(p, variables, visits))
                        for p in self.parts])


_NONE: frozenset = frozenset()


def _value(expr: Expr, variables, visits, escaped: bool) -> str:
    text = format_value(evaluate(expr, variables, visits))
    return escape(text) if escaped else text


def _vary(part, variables, visits, showing, escaped: bool = False) -> str:
    if part.__class__ is Conditional:
        chosen = part.branches[evaluate(part.condition, variables, visits) is not True]
    else:
        chosen = part.pick(showing)
        if chosen is None:
            return ""
    return chosen.render(variables, visits, showing, escaped)


_BRACE = re.compile(r"[{}]")


def parse_template(text: str, _base: int = 0) -> Template:
    """Split text into literal parts, `{expression}` parts and varying text (see variation.py);
    columns in errors count from the start of `text`. `_base`: where `text` sits in the whole line."""
    if "{" not in text and "}" not in text:  # most lines: nothing to interpolate
        return Template(text, (text,), True, (), styled="[" in text)
    parts: list = []
    offsets: list[int] = []
    pending: list[str] = []  # literal text not yet added to parts
    varies = chooses = False
    i = 0
    while (found := _BRACE.search(text, i)) is not None:
        at = found.start()
        pending.append(text[i:at])
        if text.startswith("{{", at) or text.startswith("}}", at):
            pending.append(text[at])
            i = at + 2
            continue
        if text[at] == "}":
            raise ExprError(SYNTAX, "this '}' closes nothing", at, "write '}}' for a literal brace")
        try:
            group = scan_group(text, at)
        except ExprError as exc:
            found = _apostrophe(text[at + 1:]) if exc.code == SYNTAX else None
            raise (found.shifted(at + 1) if found else exc) from None
        start, end = group.head
        if group.kind is None:
            try:
                part = parse(text[start:end])
            except ExprError as exc:
                raise exc.shifted(start) from None
        else:
            part = _varying(text, group, _base)
            varies, chooses = varies or part.varies, True
        if "".join(pending):
            parts.append("".join(pending))
        pending = []
        parts.append(part)
        offsets.append(start)
        i = group.end + 1
    pending.append(text[i:])
    if "".join(pending) or not parts:
        parts.append("".join(pending))
    styled = any("[" in p if p.__class__ is str else p.__class__ is not Expr and p.styled for p in parts)
    return Template(text, tuple(parts), not offsets, tuple(offsets), varies, chooses, styled)


def _varying(text: str, group, base: int) -> Conditional | Alternatives:
    items = []
    for start, end in group.spans:
        try:
            items.append(parse_template(text[start:end], base + start))
        except ExprError as exc:
            raise exc.shifted(start) from None
    offsets = tuple(start for start, _ in group.spans)
    at = group.head[0]
    if group.kind != "?":
        return Alternatives(group.kind, tuple(items), at, offsets, base + at)
    try:
        condition = parse(text[at:group.head[1]])
    except ExprError as exc:
        raise exc.shifted(at) from None
    if len(items) == 1:   # no '|': nothing shows when the condition is false
        items.append(_NOTHING)
        offsets += (group.end,)
    return Conditional(condition, tuple(items), at, offsets)


_NOTHING = Template("", ("",), True, ())


def check_template(template: Template, var_types: Mapping[str, type], labels: Collection[str],
                   picks: Collection[str] = ()) -> list[ExprError]:
    """Every error in the template's expressions, with columns counted from the start of its text."""
    return check_parts(template, var_types, labels, picks)
