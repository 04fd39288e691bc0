"""Read game.yaml: title, start label, characters, backgrounds, variables, constants, endings, sounds.

Characters and backgrounds, with their pictures, are read in manifest_media.py; sounds in
manifest_sounds.py; constants and enum variables in manifest_values.py."""
from __future__ import annotations

import re

from . import model as m
from .diagnostics import Diagnostic, Pos, did_you_mean
from .limits import OUT_OF_RANGE, number_problem
from .manifest_media import MediaReader
from .manifest_sounds import SoundsReader
from .manifest_values import ValuesReader
from .pictures import Folder
from .yamlsource import MAPPING, SCALAR, SourceFile, kind, mapping_items, pos, raw, scalar_value

SECTIONS = ("game", "characters", "backgrounds", "variables", "constants", "endings", "sounds")
GAME_KEYS = ("id", "title", "start", "content_note")
GAME_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")  # always fullmatch: '$' lets a final newline in
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
VARIABLE_TYPES = {"int": 0, "float": 0.0, "bool": False, "text": ""}  # a variable declared without a default


class ManifestReader(MediaReader, SoundsReader, ValuesReader):
    """`root`: the story folder, where pictures are looked for; without it, paths are checked as written."""

    def __init__(self, source: SourceFile, diags: list[Diagnostic], root=None, folder: Folder | None = None):
        self.src = source
        self.diags = diags
        self.folder = folder if folder is not None else Folder(root) if root is not None else None

    def error(self, node_or_pos, code, message, hint=""):
        p = node_or_pos if isinstance(node_or_pos, Pos) else pos(self.src.path, node_or_pos)
        self.diags.append(self.src.diag(p, code, message, hint))

    def text(self, node, what: str) -> str | None:
        if kind(node) != SCALAR or not isinstance(scalar_value(node), str):
            self.error(node, "VN004", f"{what} must be text")
            return None
        return raw(node)

    def mapping(self, node, what: str) -> list:
        if kind(node) != MAPPING:
            self.error(node, "VN004", f"{what} must be a mapping of 'key: value' lines")
            return []
        return mapping_items(self.src, node, self.diags)

    def fields(self, node, what: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> dict:
        out = {}
        for key, kn, vn in self.mapping(node, what):
            if key not in allowed:
                self.error(kn, "VN003", f"unknown key '{key}' in {what}",
                           did_you_mean(key, allowed) or "allowed: " + ", ".join(allowed))
            else:
                out[key] = vn
        for key in required:
            if key not in out and kind(node) == MAPPING:
                self.error(node, "VN018", f"{what} is missing '{key}'")
        return out

    def named_entries(self, node, what: str):
        for key, kn, vn in self.mapping(node, what):
            if not NAME.fullmatch(key):
                self.error(kn, "VN020", f"'{key}' is not a valid name",
                           "use letters, digits and '_', starting with a letter")
                continue
            yield key, kn, vn

    def built_entries(self, node, what: str, build) -> dict:
        """{name: build(name, key node, value node)} for a section's entries (none when the
        section is absent), leaving out those `build` refuses by returning None."""
        out = {}
        if node is None:
            return out
        for name, kn, vn in self.named_entries(node, what):
            built = build(name, kn, vn)
            if built is not None:
                out[name] = built
        return out

    def read(self, root) -> m.Manifest | None:
        sections = {}
        if root is None or kind(root) != MAPPING:
            self.error(Pos(self.src.path, 1, 1), "VN018", "game.yaml must be a mapping with a 'game' section")
            return None
        for key, kn, vn in mapping_items(self.src, root, self.diags):
            if key not in SECTIONS:
                self.error(kn, "VN003", f"unknown section '{key}'",
                           did_you_mean(key, SECTIONS) or "sections: " + ", ".join(SECTIONS))
            else:
                sections[key] = vn
        if "game" not in sections:
            self.error(root, "VN018", "game.yaml has no 'game' section", "add game: with id, title and start")
            return None
        g = self.fields(sections["game"], "'game'", GAME_KEYS, ("id", "title", "start"))
        game_id = self.text(g["id"], "the game id") if "id" in g else None
        if game_id is not None and not GAME_ID.fullmatch(game_id):
            self.error(g["id"], "VN020", f"'{game_id}' is not a valid game id", "use letters, digits, '-' and '_'")
        title = self.text(g["title"], "the title") if "title" in g else None
        start = self.text(g["start"], "the start label") if "start" in g else None
        note = self.text(g["content_note"], "the content note") if "content_note" in g else ""
        variables = self.variables(sections.get("variables"))
        manifest = m.Manifest(
            game_id=game_id or "game", title=title or "", start=start or "",
            start_pos=pos(self.src.path, g["start"]) if "start" in g else pos(self.src.path, root),
            content_note=(note or "").strip(),
            characters=self.characters(sections.get("characters")),
            backgrounds=self.backgrounds(sections.get("backgrounds")),
            variables=variables,
            constants=self.constants(sections.get("constants"), variables),
            endings=self.endings(sections.get("endings")),
            sounds=self.sounds(sections.get("sounds")),
        )
        return manifest

    def variables(self, node) -> dict[str, m.Variable]:
        out = {}
        if node is None:
            return out
        for name, kn, vn in self.named_entries(node, "'variables'"):
            if kind(vn) == MAPPING:
                variable = self.typed_variable(name, kn, vn)
                if variable is not None:
                    out[name] = variable
                continue
            value = scalar_value(vn) if kind(vn) == SCALAR else None
            if value is None:
                self.error(vn, "VN004", f"variable '{name}' needs a default value: a number, true/false or text",
                           "or declare only its type: {type: int}, float, bool or text")
                continue
            problem = number_problem(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
                else None
            if problem:
                self.error(vn, OUT_OF_RANGE, f"variable '{name}': {problem}", "numbers in a story stay within ±2^53")
                value = type(value)(0)  # keep it declared, so its uses are not reported as unknown too
            out[name] = m.Variable(name, value, type(value), pos(self.src.path, kn))
        return out

    def typed_variable(self, name, kn, vn) -> m.Variable | None:
        items = raw(vn)      # a peek at the pairs, without reporting anything twice
        if any(kind(k) == SCALAR and raw(k) == "type" and kind(v) == SCALAR and raw(v) == "enum"
               for k, v in zip(items[::2], items[1::2])):
            return self.enum_variable(name, kn, vn)
        f = self.fields(vn, f"variable '{name}'", ("type",), ("type",))
        written = self.text(f["type"], "a variable's type") if "type" in f else None
        if written is None:
            return None
        if written not in VARIABLE_TYPES:
            types = (*VARIABLE_TYPES, "enum")
            self.error(f["type"], "VN023", f"'{written}' is not a variable type",
                       did_you_mean(written, types) or "types: " + ", ".join(types))
            return None
        zero = VARIABLE_TYPES[written]
        return m.Variable(name, zero, type(zero), pos(self.src.path, kn), has_default=False)

    def endings(self, node) -> dict[str, m.EndingDef]:
        out = {}
        if node is None:
            return out
        for eid, kn, vn in self.named_entries(node, "'endings'"):
            f = self.fields(vn, f"ending '{eid}'", ("title",), ("title",))
            title = self.text(f["title"], "an ending's title") if "title" in f else None
            out[eid] = m.EndingDef(eid, title or eid, pos(self.src.path, kn))
        return out
