"""Compiling an expression's syntax tree into nested closures, once, at load.

Each closure takes (variables, visits) and returns the value; `visits` is the runtime's
callable that also answers picks(), turns_since() and random draws. Variables and constants
are read inline in the common shapes, which halves the calls in typical conditions.
"""
from __future__ import annotations

import operator
from typing import Callable, Mapping

from .expr_parse import Binary, Call, Const, Draw, EvalError, Node, Unary, Var

Runner = Callable[[Mapping[str, object], Callable[[str], int]], object]

_OPERATORS: dict[str, Callable[[object, object], object]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "%": operator.mod,
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge,
}


def compile_tree(node: Node) -> Runner:
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
    if isinstance(node, Draw):
        return _compile_draw(node)
    if node.func != "visits":
        return _compile_counter(node.func, node.label)
    return _compile_visits(node.label)


def _compile_unary(node: Unary) -> Runner:
    # A variable operand is read inline: one closure call less in the common "not flag".
    if isinstance(node.operand, Var):
        name = node.operand.name
        return (lambda v, s: not v[name]) if node.op == "not" else (lambda v, s: -v[name])
    run = compile_tree(node.operand)
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
        run_right = compile_tree(right)
        return lambda v, s: op(v[a], run_right(v, s))
    run_left = compile_tree(left)
    if isinstance(right, Const):
        c = right.value
        return lambda v, s: op(run_left(v, s), c)
    if isinstance(right, Var):
        b = right.name
        return lambda v, s: op(run_left(v, s), v[b])
    run_right = compile_tree(right)
    return lambda v, s: op(run_left(v, s), run_right(v, s))


def _compile_logic(node: Binary) -> Runner:
    # Python's own and/or give the short circuit; the operands are checked to be bools.
    left, right = compile_tree(node.left), compile_tree(node.right)
    if node.op == "and":
        return lambda v, s: left(v, s) and right(v, s)
    return lambda v, s: left(v, s) or right(v, s)


def _compile_call(node: Call) -> Runner:
    func = {"min": min, "max": max, "abs": abs}[node.func]
    args = tuple(compile_tree(arg) for arg in node.args)
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


def _compile_draw(node: Draw) -> Runner:
    # The draw comes from the runtime, through the callable that answers visits(): it is asked
    # with the arguments and the function's name. Arguments are evaluated left to right first,
    # so a run draws in the same order every time.
    func = node.func
    if func == "chance":
        (p,) = (compile_tree(arg) for arg in node.args)
        return lambda v, s: s(p(v, s), "chance")
    a, b = (compile_tree(arg) for arg in node.args)

    def run(v: Mapping[str, object], draw) -> object:
        low = a(v, draw)
        return draw((low, b(v, draw)), "random")
    return run
