"""`vn check` file by file: each story file's checked form is kept, so a check after an edit
builds and checks the files that changed, and takes the rest from the cache.

A file's entry is in the user's cache folder, keyed by filememo.file_key (the engine, the
manifest, the story's fonts and the file's own text) and trusted only while the folder
answers what the file's build asked of it as it did. It holds what building the file
reported, a summary of its labels for the rest of the story (filesummary), what validating
it reported and under which names of labels, and its text warnings. What playing the
routes and the variable lint found is kept by the digest of every file's flow: a reworded
line leaves it standing.

When anything goes beyond one file (a label or id defined in two files, a file that cannot
be read or parsed, no manifest), this returns None and the whole-story check runs instead:
such a story is being mended, and its diagnostics must be exactly the whole check's.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import checkcache as cache
from .check_helper import Helper, worth_forking
from .checkcache import CheckResult
from .script import model as m
from .script.audiofiles import check_voices, voice_index
from .script.diagnostics import Diagnostic, Pos, sort_key, with_source_lines
from .script.filememo import answers, file_key, still_answered, story_context
from .script.filesummary import FileSummary, flow_digest, summarize, text_field
from .script.collector import collector_paused
from .script.loader import MANIFEST, FileLabels, build_file, display_path, read_story_file, story_files
from .script.manifest import ManifestReader
from .script.pictures import Folder
from .script.sublabels import hidden_globals
from .script.validate import Validator
from .script.yamlsource import SourceFile, parse
from .window_warnings import window_text_warnings

FILES_KEPT = 1_000      # file entries: versions of each file of a few stories (about 100 KB for 5,000 lines)


@dataclass(eq=False)      # two entries are one only if they are the same
class _File:
    source: SourceFile
    key: str
    summary: FileSummary | None = None
    built_diags: list[Diagnostic] | None = None
    validated: tuple[str, list[Diagnostic]] | None = None    # (names key, what validating reported)
    texts: list[Diagnostic] | None = None                     # its text warnings (VN108-VN110)
    built: FileLabels | None = None                           # its labels, when built in this check
    answers: list | None = None                               # what its build asked of the folder
    changed: bool = False                                     # its entry is to be stored again

    def read_entry(self, folder: Folder) -> bool:
        """Take what the cache holds of this file, if the folder still answers as it did."""
        data = cache.load_entry("files", self.key)
        if data is None:
            return False
        try:
            self.answers = [(text_field(noun), text_field(rel), text_field(answer))
                            for noun, rel, answer in data["answers"]]
            if not still_answered(folder, self.answers):
                raise ValueError("a file the build read has changed")
            self.built_diags = cache.diagnostics_from_json(data["build"])
            self.summary = FileSummary.from_json(data["summary"], self.source.path)
            if data["validated"] is not None:
                names, found = data["validated"]
                self.validated = (text_field(names), cache.diagnostics_from_json(found))
            if data["texts"] is not None:
                self.texts = cache.diagnostics_from_json(data["texts"])
        except (TypeError, ValueError, KeyError):
            self.summary = self.built_diags = self.validated = self.texts = self.answers = None
            return False        # damaged, foreign or out of date: built afresh, and stored over
        return True

    def write_entry(self) -> None:
        validated = None if self.validated is None else \
            [self.validated[0], cache.diagnostics_to_json(self.validated[1])]
        cache.store_entry("files", self.key, {
            "answers": self.answers, "build": cache.diagnostics_to_json(self.built_diags),
            "summary": self.summary.to_json(),
            "validated": validated,
            "texts": None if self.texts is None else cache.diagnostics_to_json(self.texts)})


class CheckMemo:
    """What a checker that stays running (`vn check --watch`) keeps between checks: each file's
    entry with its built labels, under the same keys as the cache, and each label's code."""

    def __init__(self):
        self.files: dict[str, _File] = {}
        self.compiled: dict = {}


class _Story:
    """One check of one folder; `run` gives the result, or None for the whole-story check."""

    def __init__(self, root: Path, explore: bool, engine: str | None = None, memo: CheckMemo | None = None):
        self.root = root
        self.explore = explore
        self.engine = engine or cache.engine_digest()
        self.memo = memo
        self.files: list[_File] = []
        self.sources: dict[str, SourceFile] = {}
        self.lines = 0

    def run(self) -> CheckResult | None:
        manifest_source = self.read_sources()
        if manifest_source is None:
            return None
        tree, problems = parse(manifest_source)
        if problems:
            return None
        diags: list[Diagnostic] = []
        self.folder = Folder(self.root)
        manifest = ManifestReader(manifest_source, diags, self.root, self.folder).read(tree)
        context = story_context(self.root, manifest_source.text)
        if manifest is None:
            return None
        self.manifest = manifest
        # the routes, and the lint of variables read before they are set, need the whole compiled
        # story (and the flow's digest they are kept under); without them each file's reads do
        self.needs_program = self.explore or any(not v.has_default for v in manifest.variables.values())
        self.context = cache.blake2s(f"{self.engine}\0{os.getcwd()}\0{context}".encode()).hexdigest()
        self.files = [self.entry(source) for source in self.story_sources.values()]
        todo = [entry for entry in self.files if entry.summary is None and not entry.read_entry(self.folder)]
        if self.memo is not None:       # every file built now, so that no later check waits for it
            todo += [entry for entry in self.files if entry.built is None and entry not in todo]
            self.memo.files = {entry.key: entry for entry in self.files}
        # (a checker that stays running builds every file here: its memo keeps what is built)
        self.helper = Helper(self, todo) if not self.needs_program and self.memo is None \
            and worth_forking(todo) else None
        try:
            return self.check(todo, diags)
        finally:
            if self.helper is not None:
                self.helper.stop()

    def entry(self, source: SourceFile) -> _File:
        """The file's entry: kept from the last check if its text, the manifest and what the folder
        answered are as they were; else a new one, to be read from the cache or built."""
        key = file_key(self.context, source.path, source.text)
        kept = self.memo.files.get(key) if self.memo is not None else None
        if kept is None or not still_answered(self.folder, kept.answers):
            return _File(source, key)
        kept.source, kept.changed = source, False
        return kept

    def check(self, todo: list[_File], diags: list[Diagnostic]) -> CheckResult | None:
        share = self.helper.share if self.helper else []
        for entry in todo:
            if entry not in share and not self.build(entry):
                return None
        if self.helper is not None and not self.helper.built():
            self.helper.stop()          # it failed: its share is built here
            self.helper = None
            if not all(entry.read_entry(self.folder) or self.build(entry) for entry in share):
                return None
        names: dict[str, object] = {}
        ids: set[str] = set()
        picks: dict[str, Pos] = {}
        for entry in self.files:
            for info in entry.summary.labels:
                if info.name in names:
                    return None     # a label in two files
                names[info.name] = info
            own = set(entry.summary.ids)
            if not ids.isdisjoint(own):
                return None         # an id in two files
            ids |= own
            for name, where in entry.summary.picks.items():
                picks.setdefault(name, where)
            diags += entry.built_diags
        diags += hidden_globals(names, self.sources)
        diags += self.validate(names, picks)
        diags += self.voices()
        diags.sort(key=sort_key)
        if not any(d.is_error for d in diags):
            extra = (self.flow_warnings() if self.needs_program else self.unread_warnings()) + \
                self.text_warnings()
            diags += with_source_lines(extra, self.sources)
            diags.sort(key=sort_key)
        changed = [entry for entry in self.files if entry.changed]
        for entry in changed:
            entry.write_entry()
        if changed:
            cache.prune("files", FILES_KEPT)
        return CheckResult(diags, self.sources, self.lines)

    def read_sources(self) -> SourceFile | None:
        """Every script's text (the manifest's returned); None when a file is not a plain
        readable one, which the whole check reports."""
        files = story_files(self.root)
        manifest_path = self.root / MANIFEST
        if not self.root.is_dir() or manifest_path not in files:
            return None
        inside = self.root.resolve()
        self.story_sources: dict[Path, SourceFile] = {}
        for path in files:
            source, problems = read_story_file(path, inside)
            if source is None or problems:
                return None
            self.lines += source.text.count("\n") + 1
            self.sources[source.path] = self.story_sources[path] = source
        return self.story_sources.pop(manifest_path)

    def build(self, entry: _File) -> bool:
        found, _, asked = build_file(entry.source, tuple(self.manifest.characters), self.manifest.sounds,
                                     self.folder)
        if found is None:
            return False
        entry.built = found
        if entry.summary is None:       # else its entry holds what this build found: nothing to store
            entry.changed = True
            entry.answers = answers(self.folder, asked)
            entry.built_diags = found.diagnostics()
            entry.summary = summarize(entry.source.path, found.labels(), flow=self.needs_program)
        return True

    def validate(self, names: dict, picks: dict[str, Pos]) -> list[Diagnostic]:
        """Each file's own checks, again only where the story's names of labels and picks
        have changed since; then what needs the whole story: its start, and what it reaches."""
        if self.helper is not None:
            self.helper.validate(names, picks)
            mine = [entry for entry in self.files if entry not in self.helper.share]
            self.validate_files(mine, names, picks)
            self.measure_texts([entry for entry in mine if entry.texts is None])    # while it works
            if not self.helper.finished():
                self.validate_files(self.helper.share, names, picks)    # it failed: here, then
            self.helper = None
        else:
            self.validate_files(self.files, names, picks)
        whole = Validator(self.manifest, names, self.sources, True, picks)
        whole.start_checks()
        return [d for entry in self.files for d in entry.validated[1]] + \
            whole.reach_checks({name: info.targets for name, info in names.items()},
                               {name: info.pos for name, info in names.items()})

    def validate_files(self, entries, names: dict, picks: dict[str, Pos]) -> None:
        names_key = cache.blake2s("\0".join([*names, "", *picks]).encode()).hexdigest()
        for entry in entries:
            if entry.validated is None or entry.validated[0] != names_key:
                if entry.built is None:
                    self.build(entry)
                checker = Validator(self.manifest, names, self.sources, True, picks)
                entry.validated = (names_key, checker.label_checks(entry.built.labels().values()))
                entry.changed = True

    def voices(self) -> list[Diagnostic]:
        voices = voice_index(self.folder)
        if not voices:
            return []
        lines: dict[str, Pos] = {}
        for entry in self.files:
            for line_id, where in entry.summary.lines.items():
                lines.setdefault(line_id, where)
        return check_voices(voices, {}, self.folder, display_path(self.root), True, lines)

    def flow_warnings(self) -> list[Diagnostic]:
        """The variable lint and what playing the routes finds: kept by the story's flow."""
        for entry in self.files:
            if not entry.summary.flow:         # kept by a check that had no need of it
                if entry.built is None:
                    self.build(entry)
                entry.summary.flow = flow_digest(entry.source.path, entry.built.labels())
                entry.changed = True
        flows = "\0".join(entry.summary.flow for entry in self.files)
        key = cache.blake2s(f"{self.context}\0{self.explore}\0{flows}".encode()).hexdigest()
        data = cache.load_entry("flow", key)
        if data is not None:
            try:
                return cache.diagnostics_from_json(data["diagnostics"])
            except (TypeError, ValueError, KeyError):
                pass
        from .script.program import compile_game
        labels: dict[str, m.Label] = {}
        for entry in self.files:
            if entry.built is None:
                self.build(entry)
            labels.update(entry.built.labels())
        program = compile_game(self.game(labels), self.memo.compiled if self.memo is not None else None)
        found = program_warnings(program, self.explore)
        cache.store_entry("flow", key, {"diagnostics": cache.diagnostics_to_json(found)})
        cache.prune("flow")
        return found

    def unread_warnings(self) -> list[Diagnostic]:
        """VN103 and VN120 from what each file reads, when no variable lacks a default."""
        from .script.lint import unread_warnings
        return unread_warnings(self.manifest, {name for entry in self.files for name in entry.summary.reads})

    def text_warnings(self) -> list[Diagnostic]:
        """VN108-VN110 of each file (kept in its entry) and of the manifest, and pictures
        pygame cannot decode. They need pygame; without it (a headless install) they are skipped."""
        rest = self.measure_texts([entry for entry in self.files if entry.texts is None])
        return rest + [d for entry in self.files for d in entry.texts]

    def measure_texts(self, entries) -> list[Diagnostic]:
        """The text warnings of these files, kept in their entries; returns the manifest's."""
        labels: dict[str, m.Label] = {}
        for entry in entries:
            if entry.built is None:
                self.build(entry)
            labels.update(entry.built.labels())
        found = window_text_warnings(self.game(labels), str(self.root))
        for entry in entries:
            entry.texts = [d for d in found if d.pos.path == entry.source.path]
            entry.changed = True
        shown = {entry.source.path for entry in entries}
        return [d for d in found if d.pos.path not in shown]

    def game(self, labels: dict[str, m.Label]) -> m.Game:
        return m.Game(self.manifest, labels, tuple(self.sources), "", str(self.root.resolve()),
                      voice_index(self.folder))


def program_warnings(program, explore: bool) -> list[Diagnostic]:
    """What `vn check` needs the compiled story for: the variable lint, and with `explore` what
    playing the routes finds (the random playthroughs on a second core, where it can)."""
    from .script.lint import variable_warnings
    found = variable_warnings(program)
    if explore:
        from .runtime.lint import check_routes
        from .sampler_process import start as sample_beside
        found += check_routes(program, beside=sample_beside)
    return found


def incremental_check(directory: str, explore: bool = True, engine: str | None = None,
                      memo: CheckMemo | None = None) -> CheckResult | None:
    """`engine`: checkcache.engine_digest(), when the caller has it already; `memo`: what a
    checker that stays running keeps from one check to the next."""
    with collector_paused():        # as the loader does, for the same many small objects
        return _Story(Path(directory), explore, engine, memo).run()
