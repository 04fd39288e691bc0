"""The script expression language: parsed once at load, type checked, then evaluated fast.

`parse` builds a syntax tree (see expr_parse) and compiles it right away into
nested closures, so evaluating never walks the tree or dispatches on node types.
Type checking is separate (`check`) because it needs the game's variables and
labels, which the loader knows only after reading every file.
"""
from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field
from typing import Callable, Collection, Mapping

from .expr_check import check
from .expr_parse import (
    SYNTAX, TYPE, Binary, Call, Const, EvalError, ExprError,
    Node, Unary, Var, Visits, children, parse_tree,
)
from .limits import MAX_NUMBER, MAX_TEXT
from .markup import escape

__all__ = [
    "Binary", "Call", "Const", "EvalError", "Expr", "ExprError", "Node", "Template", "Unary", "Var",
    "Visits", "check", "check_template", "evaluate", "format_value", "literal", "parse", "parse_template",
]

Runner = Callable[[Mapping[str, object], Callable[[str], int]], object]


@dataclass(frozen=True, slots=True)
class Expr:
    source: str
    root: Node
    _run: Runner = field(repr=False, compare=False)
    _variables: frozenset[str] = field(repr=False, compare=False)
    _labels: frozenset[str] = field(repr=False, compare=False)
    # (function, name) of every picks() and turns_since() read: the route explorer keys on them
    _counters: frozenset[tuple[str, str]] = field(repr=False, compare=False, default=frozenset())

    def variables(self) -> frozenset[str]:
        """The names of the variables the expression reads."""
        return self._variables

    def labels(self) -> frozenset[str]:
        """The labels passed to visits()."""
        return self._labels

    def counters(self) -> frozenset[tuple[str, str]]:
        return self._counters


def _wrap(source: str, root: Node) -> Expr:
    names: set[str] = set()
    labels: set[str] = set()
    counters: set[tuple[str, str]] = set()
    _collect(root, names, labels, counters)
    return Expr(source, root, _compile(root), frozenset(names), frozenset(labels), frozenset(counters))


def _collect(node: Node, names: set[str], labels: set[str], counters: set) -> None:
    if isinstance(node, Var):
        names.add(node.name)
    elif isinstance(node, Visits):
        if node.func == "visits":
            labels.add(node.label)
        else:
            counters.add((node.func, node.label))
    for child in children(node):
        _collect(child, names, labels, counters)


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


_OPERATORS: dict[str, Callable[[object, object], object]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "%": operator.mod,
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge,
}


def _compile(node: Node) -> Runner:
    if isinstance(node, Const):
        value = node.value
        return lambda v, s: value
    if isinstance(node, Var):
        name = node.name
        return lambda v, s: v[name]
    if isinstance(node, Unary):
        return _compile_unary(node)
    if isinstance(node, Binary):
        if node.op in ("and", "or"):
            return _compile_logic(node)
        return _compile_binary(_OPERATORS[node.op], node.left, node.right)
    if isinstance(node, Call):
        return _compile_call(node)
    if node.func != "visits":
        return _compile_counter(node.func, node.label)
    return _compile_visits(node.label)


def _compile_unary(node: Unary) -> Runner:
    # A variable operand is read inline: one closure call less in the common "not flag".
    if isinstance(node.operand, Var):
        name = node.operand.name
        return (lambda v, s: not v[name]) if node.op == "not" else (lambda v, s: -v[name])
    run = _compile(node.operand)
    return (lambda v, s: not run(v, s)) if node.op == "not" else (lambda v, s: -run(v, s))


def _compile_binary(op: Callable[[object, object], object], left: Node, right: Node) -> Runner:
    # Variables and constants are read inline rather than through their own
    # closures: that halves the calls in typical conditions like "humanity > 3".
    if isinstance(left, Var):
        a = left.name
        if isinstance(right, Const):
            c = right.value
            return lambda v, s: op(v[a], c)
        if isinstance(right, Var):
            b = right.name
            return lambda v, s: op(v[a], v[b])
        run_right = _compile(right)
        return lambda v, s: op(v[a], run_right(v, s))
    run_left = _compile(left)
    if isinstance(right, Const):
        c = right.value
        return lambda v, s: op(run_left(v, s), c)
    if isinstance(right, Var):
        b = right.name
        return lambda v, s: op(run_left(v, s), v[b])
    run_right = _compile(right)
    return lambda v, s: op(run_left(v, s), run_right(v, s))


def _compile_logic(node: Binary) -> Runner:
    # Python's own and/or give the short circuit; the operands are checked to be bools.
    left, right = _compile(node.left), _compile(node.right)
    if node.op == "and":
        return lambda v, s: left(v, s) and right(v, s)
    return lambda v, s: left(v, s) or right(v, s)


def _compile_call(node: Call) -> Runner:
    func = {"min": min, "max": max, "abs": abs}[node.func]
    args = tuple(_compile(arg) for arg in node.args)
    if len(args) == 1:
        (a,) = args
        return lambda v, s: func(a(v, s))
    if len(args) == 2:
        a, b = args
        return lambda v, s: func(a(v, s), b(v, s))
    return lambda v, s: func([arg(v, s) for arg in args])


def _compile_visits(label: str) -> Runner:
    def run(v: Mapping[str, object], visits: Callable[[str], int]) -> object:
        try:
            return visits(label)
        except KeyError:
            raise EvalError(f"visits() of unknown label '{label}'") from None
    return run


def _compile_counter(func: str, name: str) -> Runner:
    # the visits callable answers the other counters too, given the counter's name
    def run(v: Mapping[str, object], visits) -> object:
        try:
            return visits(name, func)
        except (KeyError, TypeError):
            raise EvalError(f"{func}() cannot be counted here") from None
    return run


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
    parts: tuple[str | Expr, ...]
    is_plain: bool  # no expressions: render() always gives the same text
    _offsets: tuple[int, ...] = field(repr=False, compare=False)  # where each Expr part starts in source
    # the text has style tags (markup.py): values interpolated into it are escaped, never read as tags
    styled: bool = False

    def variables(self) -> frozenset[str]:
        return frozenset().union(*(p.variables() for p in self.parts if isinstance(p, Expr)))

    def labels(self) -> frozenset[str]:
        return frozenset().union(*(p.labels() for p in self.parts if isinstance(p, Expr)))

    def counters(self) -> frozenset[tuple[str, str]]:
        return frozenset().union(*(p.counters() for p in self.parts if isinstance(p, Expr)))

    def render(self, variables: Mapping[str, object], visits: Callable[[str], int]) -> str:
        if self.is_plain:
            return self.parts[0]  # plain text is always exactly one part
        if self.styled:
            return "".join([p if p.__class__ is str else escape(format_value(evaluate(p, variables, visits)))
                            for p in self.parts])
        return "".join([p if p.__class__ is str else format_value(evaluate(p, variables, visits))
                        for p in self.parts])


_BRACE = re.compile(r"[{}]")


def _closing_brace(text: str, start: int) -> int:
    """The index of the '}' closing the '{' at `start`; quotes may hide braces."""
    quote, quote_at, i = None, 0, start + 1
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
            return i
        i += 1
    if quote is not None:
        raise ExprError(SYNTAX, "this string is never closed", quote_at, f"add {quote} at its end")
    raise ExprError(SYNTAX, "this '{' is never closed", start, "add a '}' after the expression, or write '{{' for a brace")


def parse_template(text: str) -> Template:
    """Split text into literal parts and `{expression}` parts; columns in errors count from the start of `text`."""
    if "{" not in text and "}" not in text:  # most lines: nothing to interpolate
        return Template(text, (text,), True, (), "[" in text)
    parts: list[str | Expr] = []
    offsets: list[int] = []
    pending: list[str] = []  # literal text not yet added to parts
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
            end = _closing_brace(text, at)
        except ExprError as exc:
            found = _apostrophe(text[at + 1:])
            raise (found.shifted(at + 1) if found else exc) from None
        try:
            expr = parse(text[at + 1:end])
        except ExprError as exc:
            raise exc.shifted(at + 1) from None
        if "".join(pending):
            parts.append("".join(pending))
        pending = []
        parts.append(expr)
        offsets.append(at + 1)
        i = end + 1
    pending.append(text[i:])
    if "".join(pending) or not parts:
        parts.append("".join(pending))
    styled = any(p.__class__ is str and "[" in p for p in parts)
    return Template(text, tuple(parts), not offsets, tuple(offsets), styled)


def check_template(template: Template, var_types: Mapping[str, type], labels: Collection[str],
                   picks: Collection[str] = ()) -> list[ExprError]:
    """Every error in the template's expressions, with columns counted from the start of its text."""
    errors: list[ExprError] = []
    exprs = [p for p in template.parts if isinstance(p, Expr)]
    for expr, offset in zip(exprs, template._offsets):
        errors.extend(error.shifted(offset) for error in check(expr, var_types, labels, picks)[1])
    return errors
