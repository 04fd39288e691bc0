"""The tokenizer of the script expression language, and the error every stage of it raises."""
from __future__ import annotations

import re
from typing import NamedTuple

from .limits import MAX_NUMBER, OUT_OF_RANGE, number_problem

SYNTAX = "VN014"


class ExprError(Exception):
    """A problem in an expression, found while parsing or type checking."""

    def __init__(self, code: str, message: str, column: int, hint: str = "") -> None:
        # All four go to Exception so that the error pickles and copies intact.
        super().__init__(code, message, column, hint)
        self.code = code
        self.message = message
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.code} at column {self.column}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def shifted(self, offset: int) -> ExprError:
        """The same error with its column moved by `offset`, for text embedded in a larger text."""
        return ExprError(self.code, self.message, self.column + offset, self.hint)


class EvalError(Exception):
    """A run-time failure: division by zero, or a variable or label that the checked program had but the runtime lacks."""


class Token(NamedTuple):
    kind: str  # "num", "str", "name", "kw", "op" or "end"
    text: str  # as written in the source
    column: int
    value: object = None


KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
COUNTERS = ("visits", "picks", "turns_since")
DRAWS = ("random", "chance")    # random draws: the runtime answers them, seeded
FUNCTIONS = ("min", "max", "abs") + COUNTERS + DRAWS
# Operators from other languages, with what to write instead.
_MISTAKES = (("&&", "and"), ("||", "or"), ("&", "and"), ("|", "or"), ("=", "=="), ("!", "not"))
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n"}
_DIGITS = frozenset("0123456789")
_NUMBER_LIKE = re.compile(r"[A-Za-z0-9_.]+")


def syntax_error(message: str, column: int, hint: str = "") -> ExprError:
    return ExprError(SYNTAX, message, column, hint)


def _string(source: str, start: int) -> tuple[Token, int]:
    quote, out, i = source[start], [], start + 1
    while i < len(source):
        ch = source[i]
        if ch == quote:
            return Token("str", source[start:i + 1], start, "".join(out)), i + 1
        if ch == "\\" and i + 1 < len(source):
            if source[i + 1] not in _ESCAPES:
                raise syntax_error(f"unknown escape '\\{source[i + 1]}'", i,
                              "the escapes are \\\\, \\\", \\' and \\n")
            out.append(_ESCAPES[source[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    raise syntax_error("this string is never closed", start, f"add {quote} at its end")


def _bad_number(source: str, start: int) -> ExprError:
    text = _NUMBER_LIKE.match(source, start).group()
    if text[:-1].isdigit() and text.endswith("."):
        return syntax_error("expected a digit after the decimal point", start + len(text),
                       f"write {text}0 or {text[:-1]}")
    return syntax_error(f"'{text}' is not a number", start,
                   "numbers are digits with an optional decimal point, like 3 or 2.5")


# The common tokens in one regex; anything it rejects takes the slow path, which explains the problem.
_TOKEN = re.compile(r"""
    [ \t\r\n]+
  | (?P<num> [0-9]+ (?:\.[0-9]+)? ) (?![A-Za-z0-9_.])
  | (?P<name> [A-Za-z_][A-Za-z0-9_]* )
  | (?P<op> ==|!=|<=|>=|[-+*/%<>(),] )
""", re.VERBOSE)


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        match = _TOKEN.match(source, i)
        if match is not None:
            kind, text = match.lastgroup, match.group()
            if kind == "num":
                value = float(text) if "." in text else int(text)
                if not -MAX_NUMBER <= value <= MAX_NUMBER:  # also refuses inf: 400 digits and a point
                    raise ExprError(OUT_OF_RANGE, number_problem(value), i, "numbers in a story stay within ±2^53")
                tokens.append(Token("num", text, i, value))
            elif kind == "name":
                tokens.append(Token("kw" if text in KEYWORDS else "name", text, i))
            elif kind == "op":
                tokens.append(Token("op", text, i))
            i = match.end()
            continue
        ch = source[i]
        if ch in "\"'":
            token, i = _string(source, i)
            tokens.append(token)
            continue
        if ch in _DIGITS:
            raise _bad_number(source, i)
        for wrong, right in _MISTAKES:
            if source.startswith(wrong, i):
                raise syntax_error(f"'{wrong}' is not an operator: use '{right}'" +
                              (" to compare" if right == "==" else ""), i,
                              "to change a variable, use a 'set' step" if right == "==" else "")
        if ch == "." and i + 1 < n and source[i + 1] in _DIGITS:
            raise syntax_error("a number must start with a digit", i, f"write 0{source[i:i + 2]}")
        hint = "names use only ASCII letters, digits and '_'" if ch.isalpha() else ""
        raise syntax_error(f"unexpected character {ch!r}", i, hint)
    tokens.append(Token("end", "", n))
    return tokens
