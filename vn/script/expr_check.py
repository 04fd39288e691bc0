"""Type checking of the expression language: each node's type, and every error with its column.

Separate from parsing because it needs the game's variables and labels, which
the loader knows only after reading every file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Mapping

from .diagnostics import did_you_mean
from .expr_parse import TYPE, UNKNOWN_LABEL, UNKNOWN_VARIABLE, Binary, Call, Const, Draw, ExprError, Node, Unary, \
    Var, Visits, suggest

_TYPE_NAMES = {int: "int", float: "float", bool: "bool", str: "string"}
_ORDERING = frozenset({"<", "<=", ">", ">="})
UNKNOWN_OPTION = "VN044"
DRAW_RANGE = "VN056"
NOT_IN_ENUM = "VN059"


@dataclass(frozen=True, slots=True)
class EnumType:
    """The type of an enum variable: one of the names in `values`, a string at run time. Two
    enums with the same names are one type."""
    values: tuple[str, ...]
    owner: str = field(default="", compare=False)   # the variable that declared it, for messages

    def __str__(self) -> str:
        shown = ", ".join(self.values[:6]) + (", ..." if len(self.values) > 6 else "")
        return f"enum ({shown})"

    def problem(self, value: str) -> tuple[str, str] | None:
        """(message, hint) when the string `value` is not one of the names, else None."""
        if value in self.values:
            return None
        whose = f"'{self.owner}'" if self.owner else "this enum"
        return (f"'{value}' is not one of the names of {whose}",
                did_you_mean(value, self.values) or "its names: " + ", ".join(self.values))


def _name(t: type) -> str:
    if isinstance(t, EnumType):
        return str(t)
    return _TYPE_NAMES.get(t, getattr(t, "__name__", str(t)))


def _kind(t: type) -> str:
    """int and float are one kind: they mix freely in arithmetic and comparisons."""
    return "number" if t is int or t is float else _name(t)


class _Checker:
    def __init__(self, var_types: Mapping[str, type], labels: Collection[str], picks: Collection[str] = ()) -> None:
        self.var_types = var_types
        self.labels = labels
        self.picks = picks
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
            owner = next((t.owner for t in self.var_types.values()
                          if isinstance(t, EnumType) and node.name in t.values), None)
            hint = (f"'{node.name}' is a name of the enum '{owner}': put it in quotes, as in "
                    f"\"{owner} == '{node.name}'\"" if owner else
                    suggest(node.name, self.var_types, "declare it under 'variables' in game.yaml"))
            self.fail(UNKNOWN_VARIABLE, f"unknown variable '{node.name}'", node.column, hint)
            return None
        if isinstance(node, Visits):
            if node.func == "picks":
                if node.label not in self.picks:
                    self.fail(UNKNOWN_OPTION, f"no option is named '{node.label}'", node.label_column,
                              suggest(node.label, self.picks, "name an option with 'name:', and count it as "
                                                              "picks('label.name')"))
                return int
            if node.label not in self.labels:
                self.fail(UNKNOWN_LABEL, f"unknown label '{node.label}'", node.label_column,
                          suggest(node.label, self.labels, f"{node.func}() counts a label defined in a story file"))
            return int
        if isinstance(node, Unary):
            return self.unary(node)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Draw):
            return self.draw(node)
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
        if op in ("==", "!=") and (isinstance(lt, EnumType) or isinstance(rt, EnumType)):
            self.enum_comparison(node, lt, rt)
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


    def enum_comparison(self, node: Binary, lt, rt) -> None:
        """An enum compares with an enum of the same names, or with one of its names written out."""
        enum, other, other_type = (lt, node.right, rt) if isinstance(lt, EnumType) else (rt, node.left, lt)
        if other_type is None or other_type == enum:
            return
        if isinstance(other, Const) and type(other.value) is str:
            found = enum.problem(other.value)
            if found:
                self.fail(NOT_IN_ENUM, found[0], other.column, found[1])
            return
        owner = enum.owner or "x"
        hint = f"compare it with one of its names in quotes, as in '{owner} == \"{enum.values[0]}\"'"
        self.fail(TYPE, f"'{node.op}' compares values of one type, got {_name(lt)} and {_name(rt)}",
                  node.right.column, hint)

    def draw(self, node: Draw) -> type | None:
        types = [self.type_of(arg) for arg in node.args]
        if node.func == "chance":
            (p,), (t,) = node.args, types
            if t is not None and _kind(t) != "number":
                self.fail(TYPE, f"chance() needs a number from 0 to 1, got {_name(t)}", p.column,
                          "write a probability, as in chance(0.25)")
            elif isinstance(p, Const) and not 0 <= p.value <= 1:
                self.fail(DRAW_RANGE, f"chance({p.value}) is outside 0 to 1", p.column,
                          "a probability is from 0 (never) to 1 (always), as in chance(0.25)")
            return bool
        for arg, t in zip(node.args, types):
            if t is not None and t is not int:
                self.fail(TYPE, f"random() needs whole numbers, got {_name(t)}", arg.column,
                          "write whole numbers, as in random(1, 6)")
        low, high = node.args
        if isinstance(low, Const) and isinstance(high, Const) and type(low.value) is type(high.value) is int \
                and low.value > high.value:
            self.fail(DRAW_RANGE, f"random({low.value}, {high.value}) has its lowest value last", low.column,
                      f"write random({high.value}, {low.value})")
        return int


def check(expr, var_types: Mapping[str, type], labels: Collection[str],
          picks: Collection[str] = ()) -> tuple[type | None, list[ExprError]]:
    """The result type of `expr` (None when errors hide it) and every error found, in column order.
    `picks`: the named options, as 'label.name'."""
    checker = _Checker(var_types, labels, picks)
    result = checker.type_of(expr.root)
    return result, sorted(checker.errors, key=lambda e: e.column)
