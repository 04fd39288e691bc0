"""Read one YAML file into light nodes that remember where they came from.

PyYAML's composer is slow (it resolves every scalar through regexes and builds
two marks per node), so nodes are built here straight from the C parser's
event stream. That single pass also refuses anchors and aliases, which the
composer would silently accept ("billion laughs").

A node is a plain tuple for speed: (kind, value, line, column, style) with
0-based line and column as YAML reports them. Use the accessors below.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml
from yaml import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                  SequenceEndEvent, SequenceStartEvent, DocumentStartEvent)

from .diagnostics import Diagnostic, Pos

MAX_FILE_BYTES = 2 * 1024 * 1024

SCALAR, MAPPING, SEQUENCE = "scalar", "mapping", "sequence"
_KIND, _VALUE, _LINE, _COL, _STYLE = range(5)

try:  # the C parser is much faster; the pure one gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
# Python refuses to convert longer digit strings to int; any such literal is far out of range anyway
_MAX_INT_DIGITS = 4000
# what YAML refuses to read; found here because the parser reports only an offset, not a line
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def kind(node) -> str:
    return node[_KIND]


def raw(node):
    return node[_VALUE]


def style(node):
    return node[_STYLE]


def pos(path: str, node) -> Pos:
    return Pos(path, node[_LINE] + 1, node[_COL] + 1)


def scalar_value(node):
    """The typed value of a scalar: plain scalars may be null, bool, int or float."""
    text = node[_VALUE]
    if node[_STYLE] is not None:  # quoted or block scalars are always strings
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        if len(text) > _MAX_INT_DIGITS:
            return float("-inf") if text[0] == "-" else float("inf")
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class SourceFile:
    """One file's text and lines, kept for printing the line under a diagnostic."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self._lines: list[str] | None = None
        self._starts: list[int] | None = None
        self.has_hash: bool | None = None  # whether ' #' occurs at all: if not, no line needs looking at
        # text -> what the statement builder made of it (statements.py): a story repeats its lines
        # and option texts, and each is parsed and checked once per file, so once per load too
        # (and ("literal", words) -> the expression of a number or true/false)
        self.parsed: dict[object, object] = {}
        self.hashes: dict[tuple[str, ...], str] = {}   # the same for the hashes of derived ids

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return ""

    def offset(self, line: int, column: int) -> int:
        """The index in the text of a 0-based line and column."""
        if self._starts is None:
            starts, at = [0], self.text.find("\n")
            while at != -1:
                starts.append(at + 1)
                at = self.text.find("\n", at + 1)
            self._starts = starts
        return self._starts[min(line, len(self._starts) - 1)] + column

    def diag(self, pos: Pos, code: str, message: str, hint: str = "", severity: str = "error") -> Diagnostic:
        return Diagnostic(pos, code, message, hint, severity, self.line(pos.line))


def read_text(path: Path, display: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Read a file as UTF-8, refusing special, oversized and undecodable files."""
    try:
        data = _read_regular(path)
    except _NotStoryFile as exc:
        return None, [not_a_story_file(display, str(exc))]
    except OSError as exc:
        return None, [not_a_story_file(display, f"cannot be read: {exc.strerror or exc}")]
    if data is None:
        return None, [Diagnostic(Pos(display, 1, 1), "VN011",
                                 f"file is over {MAX_FILE_BYTES:,} bytes, the limit",
                                 "split the story into several files")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Diagnostic(Pos(display, line, column), "VN013",
                                 f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                                 "save the file as UTF-8 in your editor")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(display, text), []


class _NotStoryFile(Exception):
    pass


def not_a_story_file(display: str, why: str) -> Diagnostic:
    return Diagnostic(Pos(display, 1, 1), "VN026", f"not read: {why}",
                      "story files are plain files inside the story folder; remove this one, "
                      "or put the file itself there instead of a link")


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file, or None when it is over the size limit.

    Opened without blocking and checked after opening, so a FIFO, a device or a
    folder is refused rather than waited on or read without end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotStoryFile(file_kind(info.st_mode))
        if info.st_size > MAX_FILE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    return data if len(data) <= MAX_FILE_BYTES else None


def file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "it is a folder"
    if stat.S_ISFIFO(mode):
        return "it is a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device"
    return "it is not a regular file"


def parse(source: SourceFile) -> tuple[object | None, list[Diagnostic]]:
    """Build the node tree of one file; returns (root or None, diagnostics)."""
    diags: list[Diagnostic] = []
    for match in _TAB_INDENT.finditer(source.text):
        line = source.text.count("\n", 0, match.start()) + 1
        diags.append(source.diag(Pos(source.path, line, len(match.group(1)) + 1), "VN012",
                                 "tab used for indentation", "indent with spaces only"))
    if diags:
        return None, diags
    try:
        return _build(source, diags), diags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.append(source.diag(Pos(source.path, line, col), "VN001", problem,
                                 "check quotes, colons and indentation near this point"))
        return None, diags
    except yaml.YAMLError as exc:
        diags.append(_unreadable(source, exc))
        return None, diags


def _unreadable(source: SourceFile, exc: yaml.YAMLError) -> Diagnostic:
    """A reader error (a control character): placed at the character itself."""
    bad = _NOT_PRINTABLE.search(source.text)
    if bad is None:
        return source.diag(Pos(source.path, 1, 1), "VN001", str(exc).split("\n")[0], "check the file's YAML syntax")
    at = bad.start()
    line = source.text.count("\n", 0, at) + 1
    column = at - (source.text.rfind("\n", 0, at) + 1) + 1
    return source.diag(Pos(source.path, line, column), "VN001",
                       f"control character U+{ord(bad.group()):04X} is not allowed in a script",
                       "delete it; write \\t or \\n inside double quotes if you meant a tab or a new line")


def _build(source: SourceFile, diags: list[Diagnostic]):
    # the loader's own get_event, called until it has no more, rather than yaml.parse's
    # generator over check_event and get_event: the same events, with a third of the calls
    loader = _Loader(source.text)
    try:
        return _tree(source, diags, iter(loader.get_event, None))
    finally:
        loader.dispose()


def _tree(source: SourceFile, diags: list[Diagnostic], events):
    stack: list = []    # the lists of the open collections, innermost last
    push, pop = stack.append, stack.pop
    add = None          # append of the innermost open collection's list
    root = None
    documents = 0
    for ev in events:
        cls = ev.__class__
        if cls is ScalarEvent:
            m = ev.start_mark
            node = (SCALAR, ev.value, m.line, m.column, ev.style or None)  # C parser: "" for plain
            if ev.anchor is not None:
                _anchor(source, diags, m)
            if add is not None:
                add(node)
            else:
                root = node
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            pop()
            add = stack[-1].append if stack else None
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            m = ev.start_mark
            items: list = []
            node = (MAPPING if cls is MappingStartEvent else SEQUENCE, items, m.line, m.column, None)
            if ev.anchor is not None:
                _anchor(source, diags, m)
            if add is not None:
                add(node)
            else:
                root = node
            push(items)
            add = items.append
        elif cls is AliasEvent:
            _anchor(source, diags, ev.start_mark)
            if add is not None:  # keep the tree well-formed; the diagnostic already refuses the file
                add((SCALAR, "", ev.start_mark.line, ev.start_mark.column, None))
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                m = ev.start_mark
                diags.append(source.diag(Pos(source.path, m.line + 1, m.column + 1), "VN001",
                                         "a script file holds one YAML document",
                                         "remove the '---' separator or move the rest into another file"))
                return None
    return root


def _anchor(source: SourceFile, diags: list[Diagnostic], mark) -> None:
    diags.append(source.diag(Pos(source.path, mark.line + 1, mark.column + 1), "VN010",
                             "anchors and aliases ('&name', '*name') are not allowed",
                             "write the content out in full"))


def mapping_items(source: SourceFile, node, diags: list[Diagnostic]) -> list[tuple[str, object, object]]:
    """(key, key node, value node) of a mapping, reporting duplicate and non-string keys."""
    items = node[_VALUE]
    if len(items) == 2 and items[0][_KIND] == SCALAR:   # one entry, as most statements are
        return [(items[0][_VALUE], items[0], items[1])]
    out = []
    seen: dict[str, object] = {}
    for i in range(0, len(items) - 1, 2):
        knode, vnode = items[i], items[i + 1]
        if knode[_KIND] != SCALAR:
            diags.append(source.diag(pos(source.path, knode), "VN004", "a key must be a plain name",
                                     "use a simple word before the ':'"))
            continue
        key = knode[_VALUE]
        if key in seen:
            first = pos(source.path, seen[key])
            diags.append(source.diag(pos(source.path, knode), "VN002",
                                     f"duplicate key '{key}' (first at line {first.line})",
                                     "remove or rename one of them"))
            continue
        seen[key] = knode
        out.append((key, knode, vnode))
    return out
