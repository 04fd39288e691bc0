"""Diagnostics: what the loader and validator report, with position, code and hint.

Every code printed here has an entry in docs/diagnostics.md (a test checks it).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Iterable

ERROR = "error"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
SHOWN_LINE = 100  # characters of a source line printed under a diagnostic
WARNING = "warning"

# code -> one-line title; docs/diagnostics.md explains each in full.
CODES: dict[str, str] = {
    "VN001": "YAML syntax error",
    "VN002": "duplicate key",
    "VN003": "unknown key",
    "VN004": "wrong type",
    "VN005": "undefined label",
    "VN006": "undefined character",
    "VN007": "undefined background or variant",
    "VN008": "undefined variable",
    "VN009": "undefined ending",
    "VN010": "anchors and aliases are not allowed",
    "VN011": "file too large",
    "VN012": "tab used for indentation",
    "VN013": "text is not UTF-8",
    "VN014": "expression syntax error",
    "VN015": "type error",
    "VN016": "duplicate name",
    "VN017": "duplicate line id",
    "VN018": "missing manifest or required key",
    "VN019": "elif or else without if",
    "VN020": "invalid name",
    "VN021": "unknown transition, effect or position",
    "VN022": "empty block or menu",
    "VN023": "invalid value",
    "VN024": "blocks nested too deeply",
    "VN025": "number out of range",
    "VN026": "not a story file",
    "VN027": "a route fails when played",
    "VN028": "picture file not found",
    "VN029": "picture name differs in capitals",
    "VN030": "not a readable picture",
    "VN031": "picture outside the story folder, or not a file",
    "VN032": "unknown expression",
    "VN033": "background with nothing to show",
    "VN034": "no such painted scene or variant",
    "VN035": "sound file not found",
    "VN036": "sound file name differs in capitals",
    "VN037": "not a sound the mixer can play",
    "VN038": "sound outside the story folder, or not a file",
    "VN039": "no such sound of the engine",
    "VN040": "unknown sound name",
    "VN041": "picture this platform cannot decode",
    "VN042": "menu prompt is not one line",
    "VN043": "echo is not true, false or a character",
    "VN044": "no option has this name",
    "VN045": "unknown style tag",
    "VN046": "style tag not closed, or closed out of order",
    "VN047": "not a colour",
    "VN048": "bad style tag value",
    "VN049": "another engine's tag in braces",
    "VN050": "unknown kind of varying text",
    "VN051": "'?' with no condition",
    "VN052": "condition of varying text is not true or false",
    "VN053": "glue with a speaker, or not text",
    "VN054": "condition with more than two texts",
    "VN055": "random draw inside a text",
    "VN056": "random() or chance() range is wrong",
    "VN057": "assignment to a constant",
    "VN058": "name declared both as a variable and as a constant",
    "VN059": "not one of the enum's names",
    "VN060": "sub-label inside a block",
    "VN061": "two sub-labels with one name",
    "VN062": "invalid sub-label name",
    "VN063": "sub-label named like a statement",
    "VN064": "sub-label written as a label of its own",
    "VN101": "label is never reached",
    "VN102": "statement can never run",
    "VN103": "variable is never read",
    "VN104": "variable may be read before it is set",
    "VN105": "no route reaches this ending",
    "VN106": "choice condition is never true",
    "VN107": "route exploration stopped early",
    "VN121": "no route enters this label",
    "VN122": "no route reaches this menu",
    "VN123": "no route reaches this statement",
    "VN124": "not seen in the sample",
    "VN111": "sound without a caption",
    "VN112": "recording named after no line",
    "VN113": "another engine's command shown as text",
    "VN114": "text cut short by a YAML comment",
    "VN115": "HTML-like tag shown as text",
    "VN117": "varying text with one alternative",
    "VN118": "glue with no line to continue",
    "VN119": "random draw with one outcome",
    "VN120": "constant is never read",
    "VN116": "sub-label hides a label of the same name",
    # measured with the window's fonts and dialogue box (vn/ui/textcheck.py), reported by vn check
    "VN108": "line longer than a page of the dialogue box",
    "VN109": "characters no font can draw",
    "VN110": "right-to-left text",
}


@dataclass(slots=True)
class Pos:
    """A place in a source file; line and column are 1-based.

    Not frozen: the loader makes one for nearly every node, and a frozen
    dataclass takes three times as long to build. Treat it as immutable."""

    path: str
    line: int
    column: int

    def shifted(self, columns: int) -> "Pos":
        return Pos(self.path, self.line, self.column + columns)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    pos: Pos
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR
    source_line: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        out = [f"{self.pos}: {self.severity} {self.code}: {self.message}"]
        if self.source_line:
            # control characters would act on the terminal; one '?' each keeps the caret aligned
            text = _CONTROL.sub("?", self.source_line.rstrip("\n").expandtabs(1))
            caret = max(self.pos.column - 1, 0)
            if len(text) > SHOWN_LINE:  # show the part of a very long line around the caret
                start = max(0, min(caret - SHOWN_LINE // 2, len(text) - SHOWN_LINE))
                text = ("…" if start else "") + text[start:start + SHOWN_LINE] + \
                       ("…" if start + SHOWN_LINE < len(text) else "")
                caret = caret - start + (1 if start else 0)
            out.append(f"    {text}")
            out.append("    " + " " * caret + "^")
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return "\n".join(out)

    def to_json(self) -> dict:
        return {
            "file": self.pos.path,
            "line": self.pos.line,
            "column": self.pos.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class Report:
    """Errors and warnings of anything that holds `diagnostics`: a load, or a cached check."""
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


class ScriptError(Exception):
    """Raised when a game cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0].format() if self.diagnostics else "script error"
        super().__init__(first)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def sort_key(d: Diagnostic) -> tuple:
    return (d.pos.path, d.pos.line, d.pos.column, d.code)


def with_source_lines(diags: Iterable[Diagnostic], sources) -> list[Diagnostic]:
    """Each diagnostic with the line it points at (`sources`: path -> its SourceFile), for those
    found in a compiled story, which keeps no text of its files."""
    out = []
    for d in diags:
        source = sources.get(d.pos.path)
        out.append(replace(d, source_line=source.line(d.pos.line) if source else ""))
    return out
