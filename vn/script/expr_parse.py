"""Syntax tree and parser of the script expression language.

Grammar, lowest precedence first:

    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum [("==" | "!=" | "<" | "<=" | ">" | ">=") sum]
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/" | "%") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER | STRING | "true" | "false" | NAME | NAME "(" args ")" | "(" or_expr ")"

Every node records `column`, the 0-based offset where its text starts, so that
errors found later (by the type checker) can point at the exact operand.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Union

from .diagnostics import did_you_mean
from .expr_tokens import (  # noqa: F401  (ExprError, EvalError and the tokenizer are imported from here too)
    COMPARISONS, COUNTERS, DRAWS, FUNCTIONS, KEYWORDS, SYNTAX, EvalError, ExprError, Token, tokenize,
)
from .expr_tokens import syntax_error as _syntax

UNKNOWN_VARIABLE = "VN008"
TYPE = "VN015"
UNKNOWN_LABEL = "VN005"

# Hostile or generated input must not exhaust the Python stack in the parser,
# the checker or the compiled closures, all of which recurse over the tree.
MAX_LENGTH = 1000
MAX_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Const:
    column: int
    value: int | float | bool | str


@dataclass(frozen=True, slots=True)
class Var:
    column: int
    name: str


@dataclass(frozen=True, slots=True)
class Unary:
    column: int
    op: str  # "-" or "not"
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary:
    column: int
    op: str  # arithmetic, comparison, "and" or "or"
    left: Node
    right: Node
    op_column: int


@dataclass(frozen=True, slots=True)
class Call:
    column: int
    func: str  # "min", "max" or "abs"
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Visits:
    column: int
    label: str
    label_column: int  # where the quoted label name starts
    func: str = "visits"   # or another counter: picks('label.option'), turns_since('label')


@dataclass(frozen=True, slots=True)
class Draw:
    column: int
    func: str  # "random" (a, b: whole numbers, both ends included) or "chance" (p: 0 to 1)
    args: tuple[Node, ...]


Node = Union[Const, Var, Unary, Binary, Call, Visits, Draw]


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, (Call, Draw)):
        return node.args
    return ()


def walk(root: Node) -> Iterator[tuple[Node, int]]:
    """Every node with its depth (root = 1); iterative, so any depth is safe."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in reversed(children(node)))


def suggest(name: str, candidates: Iterable[str], otherwise: str) -> str:
    return did_you_mean(name, candidates) or otherwise


# ---------------------------------------------------------------- parser

def _too_deep(column: int) -> ExprError:
    return _syntax(f"expression is nested more than {MAX_DEPTH} levels deep", column,
                   "split it into simpler expressions")


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.pos = 0
        self.nesting = 0  # recursion depth of the parser itself

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def enter(self, tok: Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise _too_deep(tok.column)

    def parse(self) -> Node:
        node = self.or_expr()
        tok = self.tok
        if tok.text == ")":
            raise _syntax("this ')' has no matching '('", tok.column, "remove it or add a '(' before it")
        if tok.kind != "end":
            raise _syntax(f"expected an operator after '{self.tokens[self.pos - 1].text}', got '{tok.text}'",
                          tok.column, "join values with an operator such as '+', '==' or 'and'")
        return node

    def chain(self, ops: frozenset[str] | tuple[str, ...], operand) -> Node:
        left = operand()
        while self.tok.text in ops:
            op = self.advance()
            left = Binary(left.column, op.text, left, operand(), op.column)
        return left

    def or_expr(self) -> Node:
        return self.chain(("or",), self.and_expr)

    def and_expr(self) -> Node:
        return self.chain(("and",), self.not_expr)

    def not_expr(self) -> Node:
        if self.tok.text != "not":
            return self.comparison()
        op = self.advance()
        self.enter(op)
        operand = self.not_expr()
        self.nesting -= 1
        return Unary(op.column, "not", operand)

    def comparison(self) -> Node:
        left = self.sum()
        if self.tok.text not in COMPARISONS:
            return left
        op = self.advance()
        right = self.sum()
        if self.tok.text in COMPARISONS:
            raise _syntax("comparisons can't be chained", self.tok.column,
                          "join them with 'and', as in 'a < b and b < c'")
        return Binary(left.column, op.text, left, right, op.column)

    def sum(self) -> Node:
        return self.chain(("+", "-"), self.product)

    def product(self) -> Node:
        return self.chain(("*", "/", "%"), self.unary)

    def unary(self) -> Node:
        if self.tok.text != "-":
            return self.atom()
        op = self.advance()
        self.enter(op)
        operand = self.unary()
        self.nesting -= 1
        if isinstance(operand, Const) and type(operand.value) in (int, float):
            return Const(op.column, -operand.value)  # so "-3" costs no more than "3"
        return Unary(op.column, "-", operand)

    def atom(self) -> Node:
        tok = self.tok
        if tok.kind in ("num", "str"):
            self.advance()
            return Const(tok.column, tok.value)
        if tok.text in ("true", "false"):
            self.advance()
            return Const(tok.column, tok.text == "true")
        if tok.kind == "name":
            self.advance()
            if tok.text.lower() in ("true", "false"):
                raise _syntax(f"'{tok.text}' is not a value", tok.column, f"did you mean {tok.text.lower()}?")
            if self.tok.text == "(":
                return self.call(tok)
            return Var(tok.column, tok.text)
        if tok.text == "(":
            self.advance()
            self.enter(tok)
            inner = self.or_expr()
            self.close(tok, "expected ')' or an operator")
            self.nesting -= 1
            # An operator node starts at its parenthesis, so errors about it point there.
            return inner if isinstance(inner, (Const, Var, Visits)) else replace(inner, column=tok.column)
        raise self.expected_value()

    def expected_value(self) -> ExprError:
        tok = self.tok
        previous = self.tokens[self.pos - 1].text if self.pos else None
        if previous is None:
            if tok.kind == "end":
                return _syntax("expected an expression, got nothing", tok.column,
                               "write a value such as 3, true, 'text' or a variable name")
            return _syntax(f"expected a value, got '{tok.text}'", tok.column)
        if tok.kind == "end":
            return _syntax(f"expected a value after '{previous}'", tok.column,
                           f"finish the expression or remove the '{previous}'")
        hint = "put 'not ...' in parentheses" if tok.text == "not" else ""
        return _syntax(f"expected a value after '{previous}', got '{tok.text}'", tok.column, hint)

    def close(self, opening: Token, message: str) -> None:
        tok = self.tok
        if tok.text == ")":
            self.advance()
        elif tok.kind == "end":
            raise _syntax("this '(' is never closed", opening.column, "add a ')' to close it")
        else:
            raise _syntax(f"{message}, got '{tok.text}'", tok.column)

    def call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            raise _syntax(f"unknown function '{name.text}'", name.column,
                          suggest(name.text, FUNCTIONS, "the functions are " + ", ".join(FUNCTIONS)))
        opening = self.advance()
        self.enter(opening)
        args = []
        if self.tok.text != ")":
            args.append(self.or_expr())
            while self.tok.text == ",":
                self.advance()
                args.append(self.or_expr())
        self.close(opening, f"expected ',' or ')' in {name.text}()")
        self.nesting -= 1
        if name.text in DRAWS:
            wanted = 2 if name.text == "random" else 1
            if len(args) != wanted:
                example = "random(1, 6)" if wanted == 2 else "chance(0.5)"
                raise _syntax(f"{name.text}() takes {wanted} value{'s' * (wanted > 1)}, got {len(args)}", name.column,
                              f"write {example}")
            return Draw(name.column, name.text, tuple(args))
        if name.text in COUNTERS:
            if len(args) == 1 and isinstance(args[0], Const) and type(args[0].value) is str:
                return Visits(name.column, args[0].value, args[0].column, name.text)
            example = args[0].name if len(args) == 1 and isinstance(args[0], Var) else "label_name"
            raise _syntax(f"{name.text}() takes one label name in quotes", name.column, f"write {name.text}('{example}')")
        if name.text == "abs" and len(args) != 1:
            raise _syntax(f"abs() takes exactly 1 value, got {len(args)}", name.column)
        if name.text != "abs" and len(args) < 2:
            raise _syntax(f"{name.text}() needs at least 2 values, got {len(args)}", name.column)
        return Call(name.column, name.text, tuple(args))


def parse_tree(source: str) -> Node:
    """The syntax tree of `source`; raises ExprError (VN014) pointing at the problem."""
    if len(source) > MAX_LENGTH:
        raise _syntax(f"expression is {len(source)} characters long, more than the limit of {MAX_LENGTH}", 0,
                      "split it into simpler expressions")
    parser = _Parser(source)
    root = parser.parse()
    # Long operator chains ("a + b + c ...") build deep trees without deep parser
    # recursion. A tree is never deeper than its token count, so most skip the walk.
    if len(parser.tokens) > MAX_DEPTH:
        for node, depth in walk(root):
            if depth > MAX_DEPTH:
                raise _too_deep(node.column)
    return root
