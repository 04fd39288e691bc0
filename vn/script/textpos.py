"""Where a character of a scalar's value sits in the file.

A value is not always a copy of its source text: escapes in double quotes
(`\\t` is one character written as two), doubled quotes in single quotes, the
indentation and folding of `|` and `>` blocks, and quoted text that wraps onto
further lines. An error found at offset n of the value must still point at the
right line and column, so positions inside such scalars are worked out from
the file itself, and only when a diagnostic needs one.
"""
from __future__ import annotations

from .diagnostics import Pos

_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}


class TextPos(Pos):
    """The position where a scalar's value begins; `shifted(n)` finds the value's n-th character."""

    __slots__ = ("_source", "_node_line", "_node_column", "_style", "_value")

    def __init__(self, source, node_line: int, node_column: int, style: str, value: str, shown: Pos):
        Pos.__init__(self, shown.path, shown.line, shown.column)
        self._source, self._node_line, self._node_column = source, node_line, node_column
        self._style, self._value = style, value

    def shifted(self, columns: int) -> Pos:
        try:
            line, column = _locate(self._source, self._node_line, self._node_column, self._style,
                                   self._value, columns)
        except (IndexError, ValueError):  # a text the walk cannot follow: the old, approximate place
            return Pos(self.path, self.line, self.column + columns)
        return Pos(self.path, line + 1, column + 1)


def _locate(source, node_line: int, node_column: int, style: str, value: str, wanted: int) -> tuple[int, int]:
    """0-based (line, column) of value[wanted], by walking the source alongside the value.

    Each value character is matched to the next source character equal to it (or to an
    escape that stands for it); source characters with no counterpart (indentation, line
    folding, block headers) are stepped over."""
    text = source.text
    at = source.offset(node_line, node_column)
    if style in ('"', "'"):
        at += 1
    elif style in ("|", ">"):
        at = text.index("\n", at) + 1  # the block's text starts on the next line
    end = len(text)
    v = 0
    wanted = max(0, min(wanted, len(value)))
    while v < wanted and at < end:
        ch = text[at]
        if style == '"' and ch == "\\" and at + 1 < end:
            kind = text[at + 1]
            if kind == "\n":  # an escaped line break stands for nothing
                at += 2
                continue
            at += _ESCAPE_LENGTH.get(kind, 2)
            v += 1
        elif style == "'" and ch == "'" and text.startswith("''", at) and value[v] == "'":
            at += 2
            v += 1
        elif ch == value[v]:
            at += 1
            v += 1
        else:
            at += 1
    # step over what has no counterpart before the wanted character, so the caret lands on it
    while wanted < len(value) and at < end and text[at] != value[wanted] and text[at] in " \n\r" \
            and not (style == '"' and text[at] == "\\"):
        at += 1
    line = text.count("\n", 0, at)
    return line, at - (text.rfind("\n", 0, at) + 1)


def text_start(source, node_line: int, node_column: int, style: str, value: str, column: int) -> TextPos:
    """TextPos(source, node_line, node_column, style, value, Pos(source.path, node_line + 1, column)),
    built without the Pos it would copy: the loader makes one for every quoted text."""
    where = _new(TextPos)
    where.path, where.line, where.column = source.path, node_line + 1, column
    where._source, where._node_line, where._node_column = source, node_line, node_column
    where._style, where._value = style, value
    return where


_new = object.__new__
