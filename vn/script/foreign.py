"""Text that YAML accepts as a line but that was meant as something else.

Stories ported from Ren'Py, ink or Yarn Spinner carry those engines' commands,
and YAML takes each of them as a plain string: the player would read
`$ book = True` on screen. A trailing ` #tag` is worse, since YAML drops it as a
comment before the engine sees it. These are warnings, not errors: quoting the
text says that it is meant, and silences them.
"""
from __future__ import annotations

import re

from .diagnostics import WARNING, Pos, did_you_mean
from .yamlsource import SCALAR, kind, raw, style

FOREIGN = "VN113"
CUT_BY_COMMENT = "VN114"

_RENPY_SET = re.compile(r"\$\s*([A-Za-z_]\w*)\s*([-+*/]?)=\s*(.+)")
_YARN = re.compile(r"<<\s*(\w+)\s*(.*?)\s*>>")
_INK_DIVERT = re.compile(r"->\s*([A-Za-z_][\w.]*)?")
_COMMENT_AFTER = re.compile(r"[ \t]+#")
# keys other engines and habits use for sound, which are neither characters nor statements here
SOUND_WORDS = frozenset(("play", "stop", "queue", "sfx", "bgm", "se", "audio", "sound_effect", "playsound"))
SOUND_HINT = "play sounds with 'music:', 'ambience:', 'sound:' or 'voice:' (e.g. 'music: theme')"


def _literal(text: str) -> str:
    return {"True": "true", "False": "false", "None": "~"}.get(text.strip(), text.strip())


def foreign_form(text: str) -> tuple[str, str] | None:
    """(what the text looks like, our form) for another engine's command, else None."""
    if text == "return":
        return "the statement 'return'", "leave a called label with the statement 'return: ~'"
    if text.startswith("$"):
        m = _RENPY_SET.fullmatch(text)
        if m is None:
            return "a Ren'Py Python line", "set a variable with 'set: {name: value}'"
        name, op, value = m.groups()
        value = f'"{name} {op} {value.strip()}"' if op else _literal(value)
        return "a Ren'Py Python line", f"set a variable with 'set: {{{name}: {value}}}'"
    if text.startswith("<<"):
        m = _YARN.match(text)
        command, rest = (m.group(1), m.group(2)) if m else ("", "")
        ours = {"wait": f"'pause: {rest or 1}'", "jump": f"'jump: {rest or 'label'}'",
                "stop": "'ending: NAME'"}.get(command)
        if command == "set":
            assign = re.fullmatch(r"\$?(\w+)\s+(?:to|=)\s+(.+)", rest)
            ours = f"'set: {{{assign.group(1)}: {_literal(assign.group(2))}}}'" if assign \
                else "'set: {name: value}'"
        return "a Yarn Spinner command", f"write the statement {ours}" if ours else \
            "write one of this engine's statements (see the script language)"
    if text.startswith("->"):
        m = _INK_DIVERT.match(text)
        target = m.group(1) if m else None
        if target in ("END", "DONE"):
            return "an ink divert", "end the story with 'ending: NAME', or leave a called label with 'return: ~'"
        return "an ink divert", f"go to a label with 'jump: {target or 'label'}'"
    return None


class ForeignText:
    """Mixin for LabelBuilder: warnings about a line's plain text."""

    def check_plain_text(self, node) -> None:
        if kind(node) != SCALAR or style(node) is not None:
            return  # quoted or block text is meant as written
        text = raw(node)
        if not isinstance(text, str):
            return
        found = foreign_form(text)
        where = Pos(self.src.path, node[2] + 1, node[3] + 1)
        if found is not None:
            looks, ours = found
            self.diags.append(self.src.diag(where, FOREIGN, f"this line is shown as text, but looks like {looks}",
                                            f"{ours}; quote the text if it is meant to be read", WARNING))
        self._comment_after(node, text)

    def _comment_after(self, node, text: str) -> None:
        src = self.src
        if src.has_hash is None:
            src.has_hash = " #" in src.text or "\t#" in src.text
        if not src.has_hash:
            return
        start = src.offset(node[2], node[3])
        if not src.text.startswith(text, start):
            return  # a plain text over several lines: its end is not simply after it
        m = _COMMENT_AFTER.match(src.text, start + len(text))
        if m is None:
            return
        where = Pos(src.path, node[2] + 1, node[3] + 1 + len(text) + len(m.group()) - 1)
        self.diags.append(src.diag(
            where, CUT_BY_COMMENT, "everything from this ' #' on is a YAML comment: it is not part of the line",
            "to show the '#', quote the whole text (\"Hello #happy\"); to name the line, give it 'id:'; "
            "a comment to yourself goes on a line of its own", WARNING))


def unknown_speaker_hint(key: str, characters, statements) -> str:
    """The hint for a line whose key is neither a character nor a statement."""
    if key.lower() in SOUND_WORDS:
        return SOUND_HINT
    return did_you_mean(key, list(statements) + list(characters)) \
        or "declare the character under 'characters' in game.yaml"
