"""Draw the story as a graph: labels as nodes; jumps, calls and choices as edges; endings highlighted.

DOT is written by this module and always works. SVG and PNG come from
Graphviz's `dot` program when it is installed.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .script import model as m
from .script.validate import reachable_labels


class GraphvizMissing(RuntimeError):
    pass


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _short(text: str, limit: int = 38) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Edges:
    """Walks a label's statements, remembering which if-conditions guard each jump."""

    def __init__(self, label: str, labels: dict[str, m.Label] | None = None):
        self.label = label
        self.labels = labels or {}
        # (target node, label text, style, colour, id of the option taken on the way or "")
        self.edges: list[tuple[str, str, str, str, str]] = []

    def block(self, body, guard: str = "") -> None:
        for s in body:
            if isinstance(s, m.Jump) and self._falls_through(s):
                self.edges.append((f"label:{s.target}", "falls through", "dotted", "#444444", ""))
            elif isinstance(s, m.Jump):
                self.edges.append((f"label:{s.target}", guard, "solid", "#444444", ""))
            elif isinstance(s, m.Call):
                self.edges.append((f"label:{s.target}", ("call" + (f"\n[{guard}]" if guard else "")),
                                   "dashed", "#444444", ""))
            elif isinstance(s, m.Ending):
                self.edges.append((f"ending:{s.ending}", guard, "bold", "#9a2b1b", ""))
            elif isinstance(s, m.If):
                for b in s.branches:
                    cond = b.condition.source if b.condition is not None else "else"
                    self.block(b.body, " and ".join(x for x in (guard, cond) if x))
            elif isinstance(s, m.Menu):
                for o in s.options:
                    text = "“" + _short(o.text.source) + "”"
                    if o.condition is not None:
                        text += f"\n[if {o.condition.source}]"
                    if guard:
                        text += f"\n[{guard}]"
                    if o.jump:
                        self.edges.append((f"label:{o.jump}", text, "solid", "#1f5f99", o.id))
                    inner = _Edges(self.label, self.labels)
                    inner.block(o.body)
                    for target, note, style, colour, _ in inner.edges:
                        self.edges.append((target, text + (f"\n{note}" if note else ""), style, "#1f5f99", o.id))

    def _falls_through(self, jump: m.Jump) -> bool:
        """The jump a label's part ends with into the sub-label after it: written nowhere, it
        stands where the sub-label's `- label:` marker does."""
        target = self.labels.get(jump.target)
        return target is not None and "." in jump.target and target.pos == jump.pos


@dataclass(frozen=True)
class Reached:
    """What the routes explored (or, when `complete` is false, a partial exploration and a sample) ran."""
    labels: frozenset[str]
    options: frozenset[str]     # options offered (the explorer takes each one offered)
    endings: frozenset[str]
    complete: bool = True

    @property
    def word(self) -> str:
        return "not reached" if self.complete else "not seen"


def story_dot(game: m.Game, ran: Reached | None = None) -> str:
    """The map; with `ran`, what no route reached is greyed out and says so."""
    manifest = game.manifest
    reached = reachable_labels(manifest.start, game.labels)
    out = [
        "digraph story {",
        '  graph [rankdir=TB, fontname="Helvetica", bgcolor="white", nodesep=0.4, ranksep=0.55,'
        f" label={_quote(manifest.title + ' · story map')}, labelloc=t, fontsize=20];",
        '  node [fontname="Helvetica", fontsize=11, shape=box, style="rounded,filled", fillcolor="#f4f1ea",'
        ' color="#6b6357"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#444444"];',
    ]
    by_file: dict[str, list[str]] = {}
    for name, label in game.labels.items():
        by_file.setdefault(label.pos.path, []).append(name)
    for n, (path, names) in enumerate(by_file.items()):
        out.append(f"  subgraph cluster_{n} {{")
        out.append(f'    label={_quote(Path(path).name)}; style="rounded,dashed"; color="#b9b2a5"; fontsize=12;')
        for name in names:
            attrs = [f"label={_quote(name)}"]
            if name == manifest.start:
                attrs += ['fillcolor="#d8e8d0"', "penwidth=2"]
            if name not in reached:
                attrs += ['fillcolor="#eeeeee"', 'fontcolor="#888888"', 'style="rounded,filled,dashed"',
                          f"xlabel={_quote('unreachable')}"]
            elif ran is not None and name not in ran.labels:
                attrs += ['fillcolor="#eeeeee"', 'fontcolor="#888888"', 'style="rounded,filled,dotted"',
                          f"xlabel={_quote(ran.word + ' by any route')}"]
            out.append(f"    {_quote('label:' + name)} [{', '.join(attrs)}];")
        out.append("  }")
    for eid, ending in manifest.endings.items():
        title = _quote("ENDING\n" + ending.title)
        look = ' fillcolor="#f6d7b8", color="#9a2b1b", penwidth=2'
        if ran is not None and eid not in ran.endings:
            look = f' fillcolor="#eeeeee", color="#888888", style=dotted, xlabel={_quote(ran.word)}'
        out.append(f"  {_quote('ending:' + eid)} [label={title}, shape=doubleoctagon,{look}];")
    for name, label in game.labels.items():
        walker = _Edges(name, game.labels)
        walker.block(label.body)
        for target, text, style, colour, option in walker.edges:
            if ran is not None and not _taken(ran, name, target, option):
                style, colour = "dotted", "#aaaaaa"
                text = (text + "\n" if text else "") + f"({ran.word})"
            attrs = [f"style={style}", f'color="{colour}"']
            if text:
                attrs.append(f"label={_quote(text)}")
            out.append(f"  {_quote('label:' + name)} -> {_quote(target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _taken(ran: Reached, source: str, target: str, option: str) -> bool:
    """Whether some route may have taken an edge: never when its label, its option or its end
    was not reached (a jump inside a reached label is not seen on its own, so it counts as taken)."""
    kind, _, name = target.partition(":")
    return (source in ran.labels and (not option or option in ran.options)
            and (name in ran.labels if kind == "label" else name in ran.endings))


def write_story_map(game: m.Game, target: Path, ran: Reached | None = None) -> Path:
    """Write DOT, or SVG/PNG through Graphviz, chosen by the file's suffix."""
    target = Path(target)
    dot_text = story_dot(game, ran)
    suffix = target.suffix.lower()
    if suffix in ("", ".dot", ".gv"):
        target.write_text(dot_text, encoding="utf-8")
        return target
    if suffix not in (".svg", ".png", ".pdf"):
        raise ValueError(f"unknown output type '{suffix}': use .dot, .svg or .png")
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissing("Graphviz's 'dot' program is not installed; write a .dot file instead, "
                              "or install Graphviz (e.g. 'apt-get install graphviz')")
    done = subprocess.run([dot, f"-T{suffix[1:]}", "-o", str(target)], input=dot_text.encode("utf-8"),
                          capture_output=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return target


def reached_by_routes(program) -> Reached:
    """Explore the routes within `vn check`'s budget (sampling past it) and say what they ran."""
    from .runtime.lint import explored
    from .sampler_process import start as sample_beside
    report, sample = explored(program, beside=sample_beside)
    coverage, endings = report.coverage, {eid for eid, n in report.endings.items() if n}
    if sample is not None:
        coverage.merge(sample.coverage)
        endings |= {eid for eid, n in sample.endings.items() if n}
    return Reached(frozenset(coverage.labels), frozenset(coverage.offered), frozenset(endings), not report.truncated)
