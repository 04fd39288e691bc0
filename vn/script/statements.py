"""Turn the YAML nodes of one label into statements, one builder per statement kind.

Names are not resolved here (the validator does that once every file is read);
this step checks shape: keys, types, and expression syntax.
"""
from __future__ import annotations

import re
import zlib

from . import model as m
from .diagnostics import Diagnostic, Pos, did_you_mean
from .foreign import ForeignText, unknown_speaker_hint
from .audio_statements import AudioStatements
from .menu_statements import MenuStatements
from .model import AUDIO_CHANNELS
from .stage_statements import StageStatements
from .sublabels import SubLabels
from .text_statements import TextStatements
from .yamlsource import (MAPPING, SCALAR, SEQUENCE, SourceFile, kind, mapping_items,
                         pos, raw, scalar_value, style)

STATEMENT_KEYS = ("narrate", "glue", "menu", "set", "if", "elif", "else", "jump", "call", "return",
                  "scene", "show", "hide", "pause", "effect", "ending", *AUDIO_CHANNELS, "label")
_STATEMENT_KEYS = frozenset(STATEMENT_KEYS)
GLUE = "VN053"   # glue given a speaker, or something other than text
MAX_NESTING = 48  # blocks inside blocks; deeper is surely a mistake, and would exhaust the stack
ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")   # always fullmatch: '$' lets a final newline in
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def short_hash(*parts: object) -> str:
    """Eight hex digits that depend only on the parts; stable across runs and machines.
    A clash inside one label only adds a '#2' suffix (see derived_id)."""
    return f"{zlib.crc32(repr(parts).encode()):08x}"


class LabelBuilder(MenuStatements, StageStatements, AudioStatements, ForeignText, SubLabels, TextStatements):
    """Builds the statements of one label (and its sub-labels) and gives each a stable id."""
    statement_keys = STATEMENT_KEYS

    def __init__(self, source: SourceFile, label: str, diags: list[Diagnostic], characters=(), sounds=None,
                 folder=None):
        """`sounds`: the manifest's, which sound statements resolve against (None when the manifest
        could not be read); `folder`: the story folder (a pictures.Folder) where sound files are found."""
        self.src = source
        self.sounds = sounds
        self.folder = folder
        self.characters = tuple(characters)  # only for "did you mean" hints
        self.depth = 0
        self.label = label
        self.diags = diags
        self._id_counts: dict[str, int] = {}

    # -- helpers -------------------------------------------------------
    def error(self, node_or_pos, code: str, message: str, hint: str = "") -> None:
        p = node_or_pos if isinstance(node_or_pos, Pos) else pos(self.src.path, node_or_pos)
        self.diags.append(self.src.diag(p, code, message, hint))

    def derived_id(self, *content: object) -> str:
        return self._numbered(short_hash(*content))

    def words_id(self, *words: str | tuple[str, ...]) -> str:
        """derived_id(*words) for content that is all text (1 and 1.0 would be one key but hash
        apart): a story repeats its words, so each one's hash is worked out once per file."""
        digest = self.src.hashes.get(words)
        if digest is None:
            digest = self.src.hashes[words] = short_hash(*words)
        return self._numbered(digest)

    def _numbered(self, digest: str) -> str:
        """'label.digest', and '#2', '#3'... after it for the second and later statements of the label
        with the same content."""
        base = f"{self.label}.{digest}"
        n = self._id_counts.get(base, 0) + 1
        self._id_counts[base] = n
        return base if n == 1 else f"{base}#{n}"

    def string(self, node, what: str) -> str | None:
        if node[0] != SCALAR or (node[4] is None and not isinstance(scalar_value(node), str)):
            self.error(node, "VN004", f"{what} must be text")
            return None
        return node[1]

    def name(self, node, what: str) -> str | None:
        text = self.string(node, what)
        if text is not None and not NAME_PATTERN.fullmatch(text):
            self.error(node, "VN020", f"'{text}' is not a valid {what}",
                       "use letters, digits and '_', starting with a letter")
            return None
        return text

    def explicit_id(self, node) -> str | None:
        text = self.string(node, "an id")
        if text is not None and not ID_PATTERN.fullmatch(text):
            self.error(node, "VN020", f"'{text}' is not a valid id", "use letters, digits, '_', '.' and '-'")
            return None
        return text

    def unknown_key(self, knode, key: str, allowed, extra=()) -> None:
        hint = did_you_mean(key, list(allowed) + list(extra))
        self.error(knode, "VN003", f"unknown key '{key}'", hint or f"allowed here: {', '.join(allowed)}")

    # -- blocks --------------------------------------------------------
    def block(self, node) -> tuple[m.Statement, ...]:
        if kind(node) != SEQUENCE:
            self.error(node, "VN004", "expected a list of statements (lines starting with '- ')")
            return ()
        if self.depth >= MAX_NESTING:
            self.error(node, "VN024", f"blocks are nested more than {MAX_NESTING} deep",
                       "move the inner part into a label of its own and jump or call there")
            return ()
        self.depth += 1
        try:
            return self._block(raw(node))
        finally:
            self.depth -= 1

    def _block(self, nodes) -> tuple[m.Statement, ...]:
        out: list[m.Statement] = []
        open_if: list | None = None  # branches of an if that elif/else may still join
        ifs = False     # whether `out` holds an if under construction
        for item in nodes:
            items = None
            if item[0] == MAPPING:
                items = mapping_items(self.src, item, self.diags)
                keys = [entry[0] for entry in items] if len(items) != 1 else (items[0][0],)
                branching = "elif" in keys or "else" in keys
                if branching and "if" in keys:
                    self._nested_else(items)
                    items = [entry for entry in items if entry[0] not in ("elif", "else")]
                elif branching:
                    if open_if is None:
                        self.error(item, "VN019", f"'{'elif' if 'elif' in keys else 'else'}' without an 'if' before it",
                                   "put it directly after an 'if' or 'elif' statement")
                        continue
                    branch, closes = self.elif_else(item, items)
                    if branch is not None:
                        open_if[2].append(branch)
                    if closes:
                        open_if = None
                    continue
            statement = self.statement(item, items)
            open_if = None
            if statement is None:
                continue
            if statement.__class__ is list:  # an if under construction: [id, pos, branches]
                open_if = statement
                ifs = True
            out.append(statement)
        return tuple([m.If(s[0], s[1], tuple(s[2])) if s.__class__ is list else s for s in out] if ifs else out)

    def _nested_else(self, items) -> None:
        for key, kn, _ in items:
            if key in ("elif", "else"):
                tail = "- else: [\"...\"]" if key == "else" else "- elif: CONDITION' / '  then: [\"...\"]"
                self.error(kn, "VN019", f"'{key}' is inside the 'if': it must be a list item of its own",
                           f"start it with '- ' below the 'if' and its 'then', at the level of '- if:': "
                           f"'- if: CONDITION' / '  then: [\"...\"]' / '{tail}'")

    def statement(self, node, items=None):
        """One statement; `items` are the mapping's entries when the caller has read them already."""
        if node[0] == SCALAR:
            text, where = self.template(node, "narration")
            if text is None:
                return None
            if node[4] is None:
                self.check_plain_text(node)
            return m.new_say(self.words_id("say", "", text.source), Pos(self.src.path, node[2] + 1, node[3] + 1),
                             None, text, where)
        if node[0] != MAPPING:
            self.error(node, "VN004", "a statement is text or a 'key: value' mapping")
            return None
        if items is None:
            items = mapping_items(self.src, node, self.diags)
        for entry in items:
            if entry[0] != "id" and entry[0] != "then":
                break
        else:
            self.error(node, "VN018", "statement has no content", "add narration, a speaker line or a command")
            return None
        key, knode, vnode = entry
        here = Pos(self.src.path, node[2] + 1, node[3] + 1)
        builder = _BUILDERS.get(key)
        if builder is None:
            if key in _STATEMENT_KEYS or not (key.isascii() and key.isidentifier()):   # NAME_PATTERN
                self.unknown_key(knode, key, STATEMENT_KEYS, self.characters)
                return None
            if self.characters and key not in self.characters and kind(vnode) != SCALAR:
                # not text, so not a line: telling the writer it "must be text" would mislead
                self.error(knode, "VN006", f"'{key}' is not a character or a statement",
                           unknown_speaker_hint(key, self.characters, STATEMENT_KEYS))
                return None
            builder = LabelBuilder.st_speaker
        extra = {k: (kn, vn) for k, kn, vn in items if k != key} if len(items) != 1 else {}
        return builder(self, here, key, knode, vnode, extra)

    def _no_extra(self, extra: dict, allowed=()) -> dict:
        if not extra:
            return {}
        for k, (kn, _) in extra.items():
            if k not in allowed:
                self.unknown_key(kn, k, allowed or ("(nothing else)",))
        return {k: v for k, v in extra.items() if k in allowed}

    # -- one builder per statement kind ------------------------------------
    def st_speaker(self, here, speaker, knode, vnode, extra):
        return self._say(here, speaker, vnode, extra)

    def st_narrate(self, here, key, knode, vnode, extra):
        return self._say(here, None, vnode, extra)

    def _say(self, here, speaker, vnode, extra):
        extra = self._no_extra(extra, ("id",))
        text, where = self.template(vnode, "a line")
        if text is None:
            return None
        if vnode[4] is None:    # only plain (unquoted) text can look like something else
            self.check_plain_text(vnode)
        line_id = self.explicit_id(extra["id"][1]) if "id" in extra else None
        return m.new_say(line_id or self.words_id("say", speaker or "", text.source), here, speaker, text, where)

    def st_glue(self, here, key, knode, vnode, extra):
        """`- glue: "the gun."`: text that continues the line before it, so it has no speaker."""
        for k, (kn, _) in extra.items():
            if k in self.characters or k == "speaker":
                self.error(kn, GLUE, f"glue takes no speaker ('{k}'): it continues the line before it",
                           "leave the speaker out: '- glue: \"the gun.\"' goes on in the voice of the line before")
            elif k != "id":
                self.unknown_key(kn, k, ("id",))
        if kind(vnode) != SCALAR or (style(vnode) is None and not isinstance(scalar_value(vnode), str)):
            speaker = kind(vnode) == MAPPING and len(raw(vnode)) == 2
            self.error(vnode, GLUE, "glue takes no speaker: it continues the line before it" if speaker
                       else "glue must be text", "write the words alone: '- glue: \"the gun.\"'")
            return None
        text, where = self.template(vnode, "glued text")
        if text is None:
            return None
        self.check_plain_text(vnode)
        line_id = self.explicit_id(extra["id"][1]) if "id" in extra else None
        return m.Say(line_id or self.words_id("glue", text.source), here, None, text, where, glue=True)

    def st_set(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        assigns = self.assignments(vnode)
        if assigns is None:
            return None
        return m.Set(self.words_id("set", *[(a.name, a.value.source) for a in assigns]), here, assigns)

    def assignments(self, vnode) -> tuple[m.Assign, ...] | None:
        if kind(vnode) != MAPPING:
            self.error(vnode, "VN004", "'set' takes a mapping of variable: value")
            return None
        out = []
        for name, kn, vn in mapping_items(self.src, vnode, self.diags):
            value, where = self.expression(vn, f"the value of '{name}'")
            if value is not None:
                out.append(m.new_assign(name, value, Pos(self.src.path, kn[2] + 1, kn[3] + 1), where))
        return tuple(out)

    def st_if(self, here, key, knode, vnode, extra):
        extra = self._no_extra(extra, ("then",))
        cond, where = self.expression(vnode, "the condition")
        if "then" not in extra:
            self.error(here, "VN018", "'if' needs a 'then' list", "add 'then:' with the statements to run")
            return None
        body = self.block(extra["then"][1])
        branches = [m.Branch(cond, where or here, body)]
        return [self.words_id("if", vnode[1]) if vnode[0] == SCALAR else self.derived_id("if", vnode[1]), here,
                branches]

    def elif_else(self, node, items):
        """A branch joining the open if: (branch or None, whether the if is closed)."""
        here = pos(self.src.path, node)
        keys = {k: (kn, vn) for k, kn, vn in items}
        if "else" in keys:
            for k, (kn, _) in keys.items():
                if k != "else":
                    self.unknown_key(kn, k, ("else",))
            return m.Branch(None, here, self.block(keys["else"][1])), True
        for k, (kn, _) in keys.items():
            if k not in ("elif", "then"):
                self.unknown_key(kn, k, ("elif", "then"))
        cond, where = self.expression(keys["elif"][1], "the condition")
        if "then" not in keys:
            self.error(here, "VN018", "'elif' needs a 'then' list", "add 'then:' with the statements to run")
            return None, False
        return m.Branch(cond, where or here, self.block(keys["then"][1])), False

    def st_elif(self, here, key, knode, vnode, extra):  # reached only through block()
        return None

    st_else = st_elif

    def st_jump(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        target = self.label_target(vnode)
        return m.Jump(self.derived_id("jump", target), here, target) if target else None

    def st_call(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        target = self.label_target(vnode)
        return m.Call(self.derived_id("call", target), here, target) if target else None

    def st_return(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        return m.Return(self.derived_id("return"), here)

    def st_ending(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        name = self.name(vnode, "ending name")
        return m.Ending(self.derived_id("ending", name), here, name) if name else None


# each statement key's builder (st_menu for 'menu'...), found once rather than by name per statement
_BUILDERS = {key: getattr(LabelBuilder, "st_" + key) for key in STATEMENT_KEYS if hasattr(LabelBuilder, "st_" + key)}
