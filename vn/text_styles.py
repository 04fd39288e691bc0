"""Styled text (vn/script/markup.py) in a terminal: bold, italic and 24-bit colour as ANSI
escapes, wrapped by the visible characters only. Output that is not a terminal gets the plain text."""
from __future__ import annotations

import textwrap

from .script.markup import Run, runs

RESET = "\x1b[0m"


def is_terminal(out) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def ansi(style: Run) -> str:
    codes = (["1"] if style.bold else []) + (["3"] if style.italic else [])
    if style.colour:
        r, g, b = (int(style.colour[n:n + 2], 16) for n in (1, 3, 5))
        codes.append(f"38;2;{r};{g};{b}")
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def fill(prefix: str, text: str, markup: str | None, width: int, indent: str, terminal: bool) -> str:
    """`prefix` and the line wrapped to `width` columns, in its styles when `terminal`."""
    if not terminal or not markup:
        return textwrap.fill(prefix + text, width, subsequent_indent=indent)
    styles: list[Run | None] = [None] * len(prefix)     # one per character of the whole text
    whole = prefix
    for run in runs(markup):
        piece = run.text.replace("\t", " ")
        whole += piece
        styles.extend([run] * len(piece))
    rows, at = [], 0
    for n, row in enumerate(textwrap.wrap(whole, width, subsequent_indent=indent) or [""]):
        lead = indent if n and row.startswith(indent) else ""
        content = row[len(lead):]
        start = _find(whole, content, at)
        rows.append(lead + _paint(content, styles[start:start + len(content)]))
        at = start + len(content)
    return "\n".join(rows)


def _find(whole: str, content: str, at: int) -> int:
    """Where a wrapped row's words are in the text (textwrap turns whitespace into spaces)."""
    spaced = "".join(" " if ch.isspace() else ch for ch in whole)
    found = spaced.find(content, at)
    return found if found >= 0 else at


def _paint(text: str, styles: list[Run | None]) -> str:
    out, current = [], None
    for ch, style in zip(text, styles):
        if style != current:
            if current is not None and ansi(current):
                out.append(RESET)
            if style is not None:
                out.append(ansi(style))
            current = style
        out.append(ch)
    if current is not None and ansi(current):
        out.append(RESET)
    return "".join(out)
