"""Draw the story as a graph: labels as nodes; jumps, calls and choices as edges; endings highlighted.

DOT is written by this module and always works. SVG and PNG come from
Graphviz's `dot` program when it is installed.
"""
from __future__ import annotations

import shutil
import subprocess
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
        self.edges: list[tuple[str, str, str, str]] = []  # (target node, label text, style, colour)

    def block(self, body, guard: str = "") -> None:
        for s in body:
            if isinstance(s, m.Jump) and self._falls_through(s):
                self.edges.append((f"label:{s.target}", "falls through", "dotted", "#444444"))
            elif isinstance(s, m.Jump):
                self.edges.append((f"label:{s.target}", guard, "solid", "#444444"))
            elif isinstance(s, m.Call):
                self.edges.append((f"label:{s.target}", ("call" + (f"\n[{guard}]" if guard else "")),
                                   "dashed", "#444444"))
            elif isinstance(s, m.Ending):
                self.edges.append((f"ending:{s.ending}", guard, "bold", "#9a2b1b"))
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
                        self.edges.append((f"label:{o.jump}", text, "solid", "#1f5f99"))
                    inner = _Edges(self.label, self.labels)
                    inner.block(o.body)
                    for target, note, style, colour in inner.edges:
                        self.edges.append((target, text + (f"\n{note}" if note else ""), style, "#1f5f99"))

    def _falls_through(self, jump: m.Jump) -> bool:
        """The jump a label's part ends with into the sub-label after it: written nowhere, it
        stands where the sub-label's `- label:` marker does."""
        target = self.labels.get(jump.target)
        return target is not None and "." in jump.target and target.pos == jump.pos


def story_dot(game: m.Game) -> str:
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
            out.append(f"    {_quote('label:' + name)} [{', '.join(attrs)}];")
        out.append("  }")
    for eid, ending in manifest.endings.items():
        title = _quote("ENDING\n" + ending.title)
        out.append(f"  {_quote('ending:' + eid)} [label={title}, shape=doubleoctagon,"
                   ' fillcolor="#f6d7b8", color="#9a2b1b", penwidth=2];')
    for name, label in game.labels.items():
        walker = _Edges(name, game.labels)
        walker.block(label.body)
        for target, text, style, colour in walker.edges:
            attrs = [f"style={style}", f'color="{colour}"']
            if text:
                attrs.append(f"label={_quote(text)}")
            out.append(f"  {_quote('label:' + name)} -> {_quote(target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def write_story_map(game: m.Game, target: Path) -> Path:
    """Write DOT, or SVG/PNG through Graphviz, chosen by the file's suffix."""
    target = Path(target)
    dot_text = story_dot(game)
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
