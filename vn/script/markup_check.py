"""What `vn check` says about the style tags in a line's source (see markup.py).

The checker reads a template's *source*: every `{...}` interpolation group is opaque
(what it renders to is escaped, so it can never open or close a tag), `{{` and `}}`
are literal braces. Columns are 0-based within the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import ERROR, WARNING, did_you_mean
from .markup import MAX_WAIT, NAMED_COLOURS, PAIRED, SINGLE, SPEED_RANGE, TAG, TAGS, colour_value, number_value
from .expr_parse import ExprError
from .variation import scan_group

UNKNOWN_TAG, UNBALANCED, BAD_COLOUR, BAD_VALUE, BRACE_TAG = "VN045", "VN046", "VN047", "VN048", "VN049"
HTML_TAG = "VN115"
_FILLER = "\x01"    # stands in for an interpolation group, one per character, so columns still match
# what writers coming from elsewhere reach for, and our tag for it
_ALIASES = {"bold": "b", "strong": "b", "italic": "i", "em": "i", "colour": "color", "col": "color",
            "wait": "w", "pause": "w", "p": "w", "nowait": "nw", "cps": "speed"}
COLOUR_HINT = f"write #rgb, #rrggbb or one of {', '.join(n for n in NAMED_COLOURS if n != 'gray')}"
# other engines' tags (Ren'Py, TyranoScript, Unity rich text) and how ours are written
_OURS = {"b": "[b]...[/b]", "i": "[i]...[/i]", "color": "[color=#e0c080]...[/color]", "w": "[w] (or [w=0.5])",
         "p": "[w]", "nw": "[nw] at the end of the line", "cps": "[speed=0.5]...[/speed]",
         "speed": "[speed=0.5]...[/speed]", "fast": "[speed=2]...[/speed]"}
_NO_SUCH = ("u", "s", "size", "font", "alpha", "k", "a", "sc", "plain", "outlinecolor", "space", "vspace",
            "image", "art", "em", "strong")
_BRACE_TAG = re.compile(r"\{(/?)(" + "|".join(sorted((*_OURS, *_NO_SUCH), key=len, reverse=True))
                        + r")(=[^{}]*)?\}")
_HTML = re.compile(r"<(/?)(b|i|u|s|em|strong|color|colour|size|font|br|sup|sub|mark|span)\b(?:[= ][^<>]*)?/?>",
                   re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Problem:
    column: int
    code: str
    message: str
    hint: str
    severity: str = ERROR


def skeleton(source: str) -> str:
    """`source` with each `{...}` group replaced by as many filler characters (braces balanced:
    the template parsed)."""
    if "{" not in source:
        return source
    out, i = [], 0
    while i < len(source):
        ch = source[i]
        if ch in "{}" and source.startswith(ch * 2, i):
            out.append(ch * 2)
            i += 2
        elif ch == "{":
            end = _closing(source, i)
            out.append(_FILLER * (end + 1 - i))
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _closing(text: str, start: int) -> int:
    """Where the `{...}` group at `start` ends, found as the template parser finds it: in varying
    text an apostrophe is a letter, not the start of a string."""
    try:
        return scan_group(text, start).end
    except ExprError:
        return len(text) - 1


def brace_tags(source: str) -> list[tuple[int, str, str, bool]]:
    """Other engines' tags written in braces: (column, as written, our form, whether it could be an
    expression, i.e. a bare name such as {b} that a variable of that name makes interpolation)."""
    found = []
    for m in _BRACE_TAG.finditer(source):
        if _escaped(source, m.start()):
            continue
        name = m.group(2)
        bare = not m.group(1) and not m.group(3)
        if bare and name not in _OURS and name not in ("u", "s"):
            continue    # {a} or {k} alone is far likelier a variable misspelt than Ren'Py's link or kerning
        ours = _OURS.get(name)
        if name == "color" and m.group(3):
            ours = f"[color{m.group(3)}]...[/color]"
        elif name == "w" and m.group(3):
            ours = f"[w{m.group(3)}]"
        ours = ours or "nothing: there is no such style here (bold, italic and colour are)"
        found.append((m.start(), m.group(), ours, bare))
    return found


def _escaped(source: str, at: int) -> bool:
    """Whether the '{' at `at` is part of a '{{' (a literal brace)."""
    run = 0
    while at - run - 1 >= 0 and source[at - run - 1] == "{":
        run += 1
    return run % 2 == 1 or source.startswith("{{", at)


def brace_tag_problem(column: int, written: str, ours: str) -> Problem:
    return Problem(column, BRACE_TAG, f"{written} is another engine's tag: braces hold expressions here",
                   f"styled text uses square brackets: write {ours}")


def check(source: str) -> list[Problem]:
    """Every problem with the tags of `source` (a template's text)."""
    if "[" not in source and "<" not in source:
        return []
    text = skeleton(source)
    problems = [Problem(m.start(), HTML_TAG, f"{m.group()} is shown as written: tags here are in square brackets",
                        f"write {_OURS.get(_ALIASES.get(m.group(2).lower(), m.group(2).lower()), 'the words alone')}",
                        WARNING)
                for m in _HTML.finditer(text)] if "<" in text else []
    stack: list[tuple[str, int]] = []
    i = text.find("[")
    while i >= 0:
        if text.startswith("[[", i):
            i = text.find("[", i + 2)
            continue
        found = TAG.match(text, i)
        if found is None:
            close = text.find("]", i)
            if close >= 0 and _FILLER in text[i:close] and "[" not in text[i + 1:close]:
                problems.append(Problem(i, BAD_VALUE, "a tag cannot hold an interpolation {...}",
                                        "write the tag's value itself, e.g. [color=#e0c080]"))
            else:
                problems.append(Problem(i, UNKNOWN_TAG, "this '[' starts no tag",
                                        "write '[[' to show a '['; tags are [b], [i], [color=...], [speed=...], [w], [nw]"))
            i = text.find("[", i + 1)
            continue
        problems.extend(_tag(text, found, stack))
        i = text.find("[", found.end())
    for name, column in stack:
        problems.append(Problem(column, UNBALANCED, f"[{name}] is never closed", f"add [/{name}] where it should end"))
    return sorted(problems, key=lambda p: p.column)


def _tag(text: str, found: re.Match, stack: list[tuple[str, int]]) -> list[Problem]:
    at, closing, name, value = found.start(), found.group(1), found.group(2), found.group(3)
    written = found.group()
    if name not in TAGS:
        ours = _ALIASES.get(name.lower()) or next(iter(did_you_mean(name, TAGS).split("'")[1:2]), None)
        hint = f"did you mean [{closing}{ours}]?" if ours else "tags are [b], [i], [color=...], [speed=...], [w] and [nw]"
        return [Problem(at, UNKNOWN_TAG, f"unknown tag {written}", hint + "; write '[[' to show a '['")]
    if closing:
        if name in SINGLE:
            return [Problem(at, UNBALANCED, f"[{name}] stands alone: {written} closes nothing", f"remove {written}")]
        if value is not None:
            return [Problem(at, BAD_VALUE, f"{written}: a closing tag takes no value", f"write [/{name}]")]
        names = [n for n, _ in stack]
        if name not in names:
            return [Problem(at, UNBALANCED, f"{written} closes no open [{name}]",
                            f"remove it, or open [{name}] before the text it ends")]
        if names[-1] != name:
            inner = names[-1]
            stack.remove(next(entry for entry in reversed(stack) if entry[0] == name))
            return [Problem(at, UNBALANCED, f"{written} closes [{name}] while [{inner}] inside it is still open",
                            f"close the inner tag first: [{name}][{inner}]...[/{inner}][/{name}]")]
        stack.pop()
        return []
    if value is not None and _FILLER in value:
        stack.append((name, at))
        return [Problem(at, BAD_VALUE, "a tag cannot hold an interpolation {...}",
                        "write the tag's value itself, e.g. [color=#e0c080]")]
    problem = _value(at, name, value, written, text, found.end())
    if name in PAIRED and (problem is None or problem.code != UNKNOWN_TAG):
        stack.append((name, at))
    return [problem] if problem else []


def _value(at: int, name: str, value: str | None, written: str, text: str, end: int) -> Problem | None:
    if name in ("b", "i", "nw") and value is not None:
        return Problem(at, BAD_VALUE, f"[{name}] takes no value", f"write [{name}]")
    if name == "nw" and text[end:].strip():
        return Problem(at, BAD_VALUE, "[nw] is only for the very end of a line",
                       "move it to the end, or use [w=0.5] for a short stop inside the line")
    if name == "color":
        if value is None or colour_value(value) is None:
            shown = f"'{value}' is not a colour" if value else "[color] needs a colour"
            return Problem(at, BAD_COLOUR, shown, COLOUR_HINT + ", e.g. [color=#e0c080]")
        return None
    if name == "w":
        if value is None:
            return None
        number = number_value(value)
        if number is None or not 0 < number <= MAX_WAIT:
            return Problem(at, BAD_VALUE, f"{written}: a wait is a number of seconds above 0, at most {MAX_WAIT:g}",
                           "write [w] to wait for a click, or e.g. [w=0.5]")
        return None
    if name == "speed":
        number = number_value(value) if value is not None else None
        low, high = SPEED_RANGE
        if number is None or not low <= number <= high:
            return Problem(at, BAD_VALUE, f"{written}: a speed is a number from {low:g} to {high:g}",
                           "write e.g. [speed=0.5] for half speed, [speed=2] for twice as fast")
    return None
