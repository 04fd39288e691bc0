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

from .expr_parse import (
    SYNTAX, TYPE, UNKNOWN_LABEL, UNKNOWN_VARIABLE, Binary, Call, Const, EvalError, ExprError,
    Node, Unary, Var, Visits, children, parse_tree, suggest,
)

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

    def variables(self) -> frozenset[str]:
        """The names of the variables the expression reads."""
        return self._variables

    def labels(self) -> frozenset[str]:
        """The labels passed to visits()."""
        return self._labels


def _wrap(source: str, root: Node) -> Expr:
    names: set[str] = set()
    labels: set[str] = set()
    _collect(root, names, labels)
    return Expr(source, root, _compile(root), frozenset(names), frozenset(labels))


def _collect(node: Node, names: set[str], labels: set[str]) -> None:
    if isinstance(node, Var):
        names.add(node.name)
    elif isinstance(node, Visits):
        labels.add(node.label)
    for child in children(node):
        _collect(child, names, labels)


@functools.lru_cache(maxsize=8192)
def parse(source: str) -> Expr:
    """Parse and compile `source`; raises ExprError (VN014) with the column of the problem.

    Scripts repeat the same conditions and updates many times, and an Expr is
    immutable, so equal sources share one parsed expression."""
    return _wrap(source, parse_tree(source))


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
        return expr._run(variables, visits)
    except ZeroDivisionError:
        raise EvalError(f"division by zero in '{expr.source}'") from None
    except KeyError as exc:
        raise EvalError(f"variable {exc} has no value in '{expr.source}'") from None
    except OverflowError:
        raise EvalError(f"a number is too large in '{expr.source}'") from None
    except TypeError as exc:  # only when values do not have the types the check assumed
        raise EvalError(f"cannot evaluate '{expr.source}': {exc}") from None


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


# ---------------------------------------------------------------- type checking

_TYPE_NAMES = {int: "int", float: "float", bool: "bool", str: "string"}
_ORDERING = frozenset({"<", "<=", ">", ">="})


def _name(t: type) -> str:
    return _TYPE_NAMES.get(t, getattr(t, "__name__", str(t)))


def _kind(t: type) -> str:
    """int and float are one kind: they mix freely in arithmetic and comparisons."""
    return "number" if t is int or t is float else _name(t)


class _Checker:
    def __init__(self, var_types: Mapping[str, type], labels: Collection[str]) -> None:
        self.var_types = var_types
        self.labels = labels
        self.errors: list[ExprError] = []

    def fail(self, code: str, message: str, column: int, hint: str = "") -> None:
        self.errors.append(ExprError(code, message, column, hint))

    def type_of(self, node: Node) -> type | None:
        """The type of `node`, or None when errors make it unknown."""
        if isinstance(node, Const):
            return type(node.value)
        if isinstance(node, Var):
            if node.name in self.var_types:
                return self.var_types[node.name]
            self.fail(UNKNOWN_VARIABLE, f"unknown variable '{node.name}'", node.column,
                      suggest(node.name, self.var_types, "declare it under 'variables' in game.yaml"))
            return None
        if isinstance(node, Visits):
            if node.label not in self.labels:
                self.fail(UNKNOWN_LABEL, f"unknown label '{node.label}'", node.label_column,
                          suggest(node.label, self.labels, "visits() counts a label defined in a story file"))
            return int
        if isinstance(node, Unary):
            return self.unary(node)
        if isinstance(node, Binary):
            return self.binary(node)
        return self.call(node)

    def unary(self, node: Unary) -> type | None:
        t = self.type_of(node.operand)
        if node.op == "not":
            if t is not None and t is not bool:
                self.fail(TYPE, f"'not' needs true or false, got {_name(t)}", node.operand.column,
                          "compare it first, as in 'not (x > 0)'")
            return bool
        if t is None or _kind(t) == "number":
            return t
        self.fail(TYPE, f"'-' needs a number, got {_name(t)}", node.operand.column)
        return None

    def binary(self, node: Binary) -> type | None:
        op, lt, rt = node.op, self.type_of(node.left), self.type_of(node.right)
        sides = ((node.left, lt), (node.right, rt))
        if op in ("and", "or"):
            for side, t in sides:
                if t is not None and t is not bool:
                    self.fail(TYPE, f"'{op}' needs true or false on both sides, got {_name(t)}", side.column,
                              "compare it first, as in 'x > 0'")
            return bool
        if op in ("==", "!="):
            if lt is not None and rt is not None and _kind(lt) != _kind(rt):
                self.fail(TYPE, f"'{op}' compares values of one type, got {_name(lt)} and {_name(rt)}",
                          node.right.column)
            return bool
        kinds = ("number", "string") if op == "+" or op in _ORDERING else ("number",)
        bad = next((side for side, t in sides if t is not None and _kind(t) not in kinds), None)
        if bad is None and lt is not None and rt is not None and _kind(lt) != _kind(rt):
            bad = node.right  # each side is fine alone; the right one breaks the pair
        if bad is not None:
            wanted = " or ".join(f"two {kind}s" for kind in kinds)
            got = " and ".join(_name(t) for t in (lt, rt) if t is not None)
            hint = "true and false are not numbers" if bool in (lt, rt) else ""
            self.fail(TYPE, f"'{op}' needs {wanted}, got {got}", bad.column, hint)
        if op in _ORDERING:
            return bool
        if bad is not None or lt is None or rt is None:
            return None
        if lt is str:
            return str
        return int if lt is int and rt is int and op != "/" else float

    def call(self, node: Call) -> type | None:
        types = [self.type_of(arg) for arg in node.args]
        for arg, t in zip(node.args, types):
            if t is not None and _kind(t) != "number":
                self.fail(TYPE, f"{node.func}() needs numbers, got {_name(t)}", arg.column)
        if any(t is None or _kind(t) != "number" for t in types):
            return None
        return int if all(t is int for t in types) else float


def check(expr: Expr, var_types: Mapping[str, type], labels: Collection[str]) -> tuple[type | None, list[ExprError]]:
    """The result type of `expr` (None when errors hide it) and every error found, in column order."""
    checker = _Checker(var_types, labels)
    result = checker.type_of(expr.root)
    return result, sorted(checker.errors, key=lambda e: e.column)


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

    def variables(self) -> frozenset[str]:
        return frozenset().union(*(p.variables() for p in self.parts if isinstance(p, Expr)))

    def labels(self) -> frozenset[str]:
        return frozenset().union(*(p.labels() for p in self.parts if isinstance(p, Expr)))

    def render(self, variables: Mapping[str, object], visits: Callable[[str], int]) -> str:
        if self.is_plain:
            return self.parts[0]  # plain text is always exactly one part
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
        return Template(text, (text,), True, ())
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
        end = _closing_brace(text, at)
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
    return Template(text, tuple(parts), not offsets, tuple(offsets))


def check_template(template: Template, var_types: Mapping[str, type], labels: Collection[str]) -> list[ExprError]:
    """Every error in the template's expressions, with columns counted from the start of its text."""
    errors: list[ExprError] = []
    exprs = [p for p in template.parts if isinstance(p, Expr)]
    for expr, offset in zip(exprs, template._offsets):
        errors.extend(error.shifted(offset) for error in check(expr, var_types, labels)[1])
    return errors
