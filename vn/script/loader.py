"""Load a game folder: read every YAML file, build the model, validate it.

    result = load_game("scripts")
    result.diagnostics   # every problem found, sorted; errors and warnings
    result.game          # the Game, or None when there were errors
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .collector import collector_paused
from .diagnostics import Diagnostic, Pos, Report, ScriptError, sort_key
from .digests import blake2s
from .filememo import FileMemo, answers, file_key, still_answered, story_context
from .manifest import ManifestReader
from .audiofiles import check_voices, voice_index
from .pictures import Folder
from .statements import NAME_PATTERN, LabelBuilder
from .sublabels import LABEL_REF, hidden_globals
from .validate import validate
from .yamlsource import (MAPPING, SourceFile, file_kind, kind, mapping_items, not_a_story_file, parse, pos,
                         read_text)

MANIFEST = "game.yaml"


@dataclass
class LoadResult(Report):
    game: m.Game | None
    diagnostics: list[Diagnostic]
    sources: dict[str, SourceFile]
    lines_read: int = 0


def display_path(path: Path) -> str:
    """Paths as a writer would type them: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_game(directory: str | Path, memo: FileMemo | None = None) -> LoadResult:
    """`memo`: the files' labels as an earlier load built them (hot reload keeps one), so a file
    that has not changed since, nor the manifest or folder around it, is not built again."""
    with collector_paused():
        result = _load_game(Path(directory), memo)
    if memo is not None:
        memo.loaded()
    return result


def story_files(root: Path) -> list[Path]:
    return sorted(root.glob("*.yaml")) + sorted(root.glob("*.yml"))


def _load_game(root: Path, memo: FileMemo | None) -> LoadResult:
    diags: list[Diagnostic] = []
    sources: dict[str, SourceFile] = {}
    if not root.is_dir():
        diags.append(Diagnostic(Pos(str(root), 1, 1), "VN018", f"'{root}' is not a folder",
                                "give the folder that holds game.yaml"))
        return LoadResult(None, diags, sources)
    files = story_files(root)
    manifest_path = root / MANIFEST
    if manifest_path not in files:
        diags.append(Diagnostic(Pos(display_path(manifest_path), 1, 1), "VN018", "no game.yaml manifest here",
                                "create game.yaml with game, characters, backgrounds, variables and endings"))
    digest = blake2s()
    texts: dict[Path, SourceFile] = {}
    lines = 0
    complete = True  # every file was read and parsed
    inside = root.resolve()
    for path in files:
        source, file_diags = read_story_file(path, inside)
        diags.extend(file_diags)
        if source is None:
            complete = False
            continue
        digest.update(path.name.encode() + b"\0" + source.text.encode() + b"\0")
        lines += source.text.count("\n") + 1
        sources[source.path] = texts[path] = source

    manifest = None
    folder = Folder(root)   # one listing of each folder, shared by pictures, sounds and voices
    if manifest_path in texts:
        source = texts.pop(manifest_path)
        tree, parse_diags = parse(source)
        diags.extend(parse_diags)
        if any(d.is_error for d in parse_diags):
            complete = False
        else:
            manifest = ManifestReader(source, diags, root, folder).read(tree)
    characters = tuple(manifest.characters) if manifest else ()
    sounds = manifest.sounds if manifest else None
    context = story_context(root, sources[display_path(manifest_path)].text) \
        if memo is not None and manifest is not None else None

    labels: dict[str, m.Label] = {}
    for path, source in texts.items():
        key = file_key(context, source.path, source.text) if context else None
        kept = memo.get(key) if key else None
        found = kept[0] if kept is not None and still_answered(folder, kept[1]) else None
        if found is None:
            found, parse_diags, asked = build_file(source, characters, sounds, folder)
            if found is None:
                diags.extend(parse_diags)
                complete = False
                continue
            if key:
                memo.put(key, (found, answers(folder, asked)))
        merge_labels(found, labels, diags)
    diags.extend(hidden_globals(labels, sources))

    voices = voice_index(folder)
    if manifest is not None:
        # a file that did not parse hides its labels: don't report references to them as missing
        diags.extend(validate(manifest, labels, sources, check_label_refs=complete))
        diags.extend(check_voices(voices, labels, folder, display_path(root), complete))
    diags.sort(key=sort_key)
    game = None
    if manifest is not None and not any(d.is_error for d in diags):
        game = m.Game(manifest, labels, tuple(sources), digest.hexdigest(), str(inside), voices)
    return LoadResult(game, diags, sources, lines)


def read_story_file(path: Path, inside: Path) -> tuple[SourceFile | None, list[Diagnostic]]:
    """A script's text, or None and why not: a link out of the folder, not a plain file, too
    large, not UTF-8, unreadable."""
    shown = display_path(path)
    problem = outside_or_special(path, inside)
    if problem:
        return None, [not_a_story_file(shown, problem)]
    return read_text(path, shown)


def outside_or_special(path: Path, inside: Path) -> str | None:
    """Why `path` is not a story file to read, or None. A link is followed only to a regular
    file inside the story folder: one elsewhere would print another file's lines in diagnostics."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "it is a link to nothing"
            if not target.is_relative_to(inside):
                return "it is a link to a file outside the story folder"
            info = os.stat(target)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    return None if stat.S_ISREG(info.st_mode) else file_kind(info.st_mode)


@dataclass
class FileLabels:
    """One story file's labels, built on their own so that a file is built once however often
    the story is loaded (see FileMemo); the loader then merges every file's into one mapping."""
    source: SourceFile
    diags: list[Diagnostic]     # the file's own: not a mapping, a label name that is not one
    # each top-level label: its name, where it is written, it and its sub-labels, its diagnostics
    parts: list[tuple[str, Pos, list[m.Label], list[Diagnostic]]]

    def labels(self) -> dict[str, m.Label]:
        return {label.name: label for _, _, built, _ in self.parts for label in built}

    def diagnostics(self) -> list[Diagnostic]:
        return self.diags + [d for _, _, _, own in self.parts for d in own]


def build_file(source: SourceFile, characters, sounds,
               folder: Folder) -> tuple[FileLabels | None, list[Diagnostic], list]:
    """One file's labels from its text, the parse's warnings first among their diagnostics, and
    what the build asked of the folder (for filememo.answers); (None, the parse's diagnostics, [])
    when it does not parse."""
    tree, parse_diags = parse(source)
    if any(d.is_error for d in parse_diags):
        return None, parse_diags, []
    folder.consulted = []
    found = file_labels(source, tree, characters, sounds, folder)
    asked, folder.consulted = folder.consulted, None
    found.diags[:0] = parse_diags
    return found, parse_diags, asked


def file_labels(source: SourceFile, tree, characters=(), sounds=None, folder=None) -> FileLabels:
    found = FileLabels(source, [], [])
    if tree is None:
        return found  # an empty file holds no labels
    if kind(tree) != MAPPING:
        found.diags.append(source.diag(pos(source.path, tree), "VN004",
                                       "a story file is a mapping of label names to statement lists",
                                       "start lines with 'label_name:' and list statements under it"))
        return found
    for name, kn, vn in mapping_items(source, tree, found.diags):
        where = pos(source.path, kn)
        if LABEL_REF.fullmatch(name) and not NAME_PATTERN.fullmatch(name):
            parent, _, sub = name.partition(".")
            found.diags.append(source.diag(
                where, "VN064", f"'{name}' is a sub-label: it is written inside '{parent}'",
                f"in the list of '{parent}', write '- label: {sub}' where its statements begin; from "
                f"anywhere it is then reached as '{name}'"))
            continue
        if not NAME_PATTERN.fullmatch(name):
            found.diags.append(source.diag(where, "VN020", f"'{name}' is not a valid label name",
                                           "use letters, digits and '_', starting with a letter"))
            continue
        own: list[Diagnostic] = []
        built = LabelBuilder(source, name, own, characters, sounds, folder).label_parts(vn, where)
        found.parts.append((name, where, built, own))   # the label, then its sub-labels ('name.sub')
    # what the builders kept of each distinct text is of no use once the file is built, and a
    # reload's memo keeps the source as long as the labels
    source.parsed.clear()
    source.hashes.clear()
    return found


def merge_labels(found: FileLabels, labels: dict[str, m.Label], diags: list[Diagnostic]) -> None:
    """Add one file's labels to the story's; a name an earlier file took is reported, and that
    second label left out with what its statements would have reported."""
    diags.extend(found.diags)
    for name, where, built, own in found.parts:
        if name in labels:
            diags.append(found.source.diag(where, "VN016", f"label '{name}' is defined twice (first at "
                                           f"{labels[name].pos})", "rename one of them"))
            continue
        diags.extend(own)
        for label in built:
            labels[label.name] = label


def read_labels(source: SourceFile, tree, labels: dict[str, m.Label], diags: list[Diagnostic],
                characters=(), sounds=None, folder=None) -> None:
    merge_labels(file_labels(source, tree, characters, sounds, folder), labels, diags)


def load_or_raise(directory: str | Path, memo: FileMemo | None = None) -> m.Game:
    result = load_game(directory, memo)
    if result.game is None:
        raise ScriptError(result.errors)
    return result.game
