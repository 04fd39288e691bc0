"""What the rest of a story needs to know of one file's labels, so a check can leave the file unread.

The file-by-file check (vn/incremental_check.py) keeps this for each file. Checking the other files
needs only the names: which labels a file defines and where, which labels each can jump to
(for "never reached"), its line and option ids (unique across the story), the options it
names for picks(), and its lines' places (for voice recordings).

`flow` is a digest of everything in the file that can change how the story plays: every
statement and its place, every condition, value and jump, the expressions and varying parts
inside texts; but not the words of a line or an option, nor the ids derived from them. Route
exploration and the variable lint read nothing else, so when no file's flow has changed
their findings still hold after a line has been reworded.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model as m
from .diagnostics import Pos
from .digests import blake2s
from .expr import Expr, Template
from .variation import Alternatives, Conditional


@dataclass
class LabelInfo:
    name: str
    pos: Pos
    targets: list[str]      # labels its statements can jump to or call


@dataclass
class FileSummary:
    labels: list[LabelInfo]
    ids: list[str]                  # line and option ids, in the order written
    picks: dict[str, Pos]           # 'label.name' -> where that option name is written first
    lines: dict[str, Pos]           # line id -> where the line is (for voice recordings)
    flow: str                       # "" until asked for (see summarize)
    reads: list[str] = field(default_factory=list)     # every variable or constant some expression reads

    def to_json(self) -> dict:
        return {"labels": [[i.name, i.pos.line, i.pos.column, i.targets] for i in self.labels],
                "ids": self.ids, "picks": {k: [p.line, p.column] for k, p in self.picks.items()},
                "lines": {k: [p.line, p.column] for k, p in self.lines.items()}, "flow": self.flow,
                "reads": self.reads}

    @classmethod
    def from_json(cls, data: dict, path: str) -> "FileSummary":
        """Raises TypeError, ValueError or KeyError on anything but what to_json wrote."""
        labels = [LabelInfo(text_field(name), Pos(path, number_field(line), number_field(column)),
                            [text_field(t) for t in targets])
                  for name, line, column, targets in data["labels"]]
        return cls(labels, [text_field(i) for i in data["ids"]], _places(data["picks"], path),
                   _places(data["lines"], path), text_field(data["flow"]), [text_field(r) for r in data["reads"]])


def summarize(path: str, labels: dict[str, m.Label], flow: bool = True) -> FileSummary:
    """`flow=False` leaves the flow's digest out (""): only route findings and the flow-based
    lint are kept under it, and a check that runs neither need not pay for it."""
    out = FileSummary([], [], {}, {}, "")
    reads: set[str] = set()
    for name, label in labels.items():
        targets: set[str] = set()
        _walk(name, label.body, out, targets, reads)
        out.labels.append(LabelInfo(name, label.pos, sorted(targets)))
    out.reads = sorted(reads)
    if flow:
        out.flow = flow_digest(path, labels)
    return out


def flow_digest(path: str, labels: dict[str, m.Label]) -> str:
    digest = _Flow(path)
    for name, label in labels.items():
        digest.add((name, label.pos, label.body))
    return digest.digest()


def _walk(label: str, body, out: FileSummary, targets: set[str], reads: set[str]) -> None:
    # the reads are the compiled program's (script/lint.py): texts, conditions, assigned values
    for s in body:
        kind = s.__class__
        if kind is m.Say:
            out.ids.append(s.id)
            out.lines.setdefault(s.id, s.pos)
            reads |= s.text.variables()
        elif kind is m.Set:
            for a in s.assigns:
                reads |= a.value.variables()
        elif kind is m.Jump or kind is m.Call:
            targets.add(s.target)
        elif kind is m.Menu:
            if s.prompt is not None:
                out.ids.append(s.prompt.id)
                out.lines.setdefault(s.prompt.id, s.prompt.pos)
                reads |= s.prompt.text.variables()
            for o in s.options:
                out.ids.append(o.id)
                reads |= o.text.variables()
                if o.condition is not None:
                    reads |= o.condition.variables()
                for a in o.assigns:
                    reads |= a.value.variables()
                if o.name:
                    out.picks.setdefault(f"{label}.{o.name}", o.name_pos)
                if o.jump:
                    targets.add(o.jump)
                _walk(label, o.body, out, targets, reads)
        elif kind is m.If:
            for b in s.branches:
                if b.condition is not None:
                    reads |= b.condition.variables()
                _walk(label, b.body, out, targets, reads)


class _Flow:
    """A digest of nested model values, leaving out the words of texts and the ids.

    Values are written out as a flat list of tokens (a type's name opens its fields), which
    is all a digest needs and a good deal cheaper than nested tuples for a long story."""

    def __init__(self, path: str):
        self.digest_of = blake2s(path.encode())
        self.fields: dict[type, tuple[str, ...]] = {}

    def add(self, value) -> None:
        out: list = []
        self.tokens(value, out)
        self.digest_of.update(repr(out).encode())

    def digest(self) -> str:
        return self.digest_of.hexdigest()

    def tokens(self, value, out: list) -> None:
        kind = value.__class__
        if kind is str or kind is int or kind is float or kind is bool or value is None:
            out.append(value)
        elif kind is tuple or kind is list:
            out.append(len(value))
            for item in value:
                self.tokens(item, out)
        elif kind is m.Say:         # most statements are lines: written out here, not field by field
            text, where, at = value.text, value.pos, value.text_pos
            out.extend(("Say", where.line, where.column, value.speaker, at.line, at.column, value.glue))
            if text.is_plain:
                out.append("plain")
            else:
                self.tokens(text, out)
        elif kind is Template:
            if not value.is_plain:      # a plain text is words only: nothing of it counts
                out.append("text")
                self.tokens(tuple(p for p in value.parts if p.__class__ is not str), out)
            else:
                out.append("plain")
        elif kind is Pos or isinstance(value, Pos):     # a TextPos too: its place, not its file
            out.append(value.line)
            out.append(value.column)
        elif kind is Expr:
            out.append(value.source)
            out.append(tuple(sorted(value.labels())))
        elif kind is Conditional:
            out.append("?")
            self.tokens(value.condition, out)
            self.tokens(value.branches, out)
        elif kind is Alternatives:
            out.append(value.kind)
            out.append(value.ordinal)
            self.tokens(value.items, out)
        elif kind is dict:
            self.tokens(tuple(value.items()), out)
        else:
            names = self.fields.get(kind)
            if names is None:
                names = self.fields[kind] = tuple(n for n in kind.__slots__ if n != "id")
            out.append(kind.__name__)
            for name in names:      # the common fields here, not a call each
                field = getattr(value, name)
                cls = field.__class__
                if cls is str or cls is int or cls is float or cls is bool or field is None:
                    out.append(field)
                elif cls is Pos:
                    out.append(field.line)
                    out.append(field.column)
                else:
                    self.tokens(field, out)


def _places(data: dict, path: str) -> dict[str, Pos]:
    return {text_field(k): Pos(path, number_field(line), number_field(column))
            for k, (line, column) in data.items()}


def text_field(value) -> str:
    """A field read back from JSON that must be text; TypeError if it is not."""
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def number_field(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value
