"""Dead content: labels, menus and statements that no explored route (or sampled playthrough) ran.

Only what hands out an event (a line, a menu, a scene change, an ending...) is
seen running, so only those are reported; a run of them in a row is one item,
placed at its first statement. Code that cannot run whatever the variables hold
(after a jump: VN102), labels nothing leads to (VN101) and the bodies of options
whose condition is never true (VN106) are reported by those checks and left out.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..script import program as p
from ..script.validate import reachable_labels
from .playthrough import SHOWN, Coverage

LABEL, MENU, STATEMENTS = "label", "menu", "statements"
BLOCK_EDGES = frozenset({p.BRANCH, p.GOTO, p.JUMP, p.CALL, p.RETURN, p.END})


@dataclass(frozen=True)
class Unreached:
    kind: str           # LABEL, MENU or STATEMENTS
    label: str
    pos: object
    count: int = 1      # statements in the run (STATEMENTS)
    index: int = 0      # where the item starts in the label's code

    def describe(self) -> str:
        if self.kind == LABEL:
            return f"label '{self.label}' ({self.pos})"
        if self.kind == MENU:
            return f"a menu in '{self.label}' ({self.pos})"
        return f"{self.count} statement{'s' * (self.count != 1)} in '{self.label}' ({self.pos})"


def _runnable(lc: p.LabelCode) -> set[int]:
    """Instructions control can reach from the label's start, whatever the variables hold."""
    seen, todo = set(), [0]
    while todo:
        n = todo.pop()
        if n in seen or not 0 <= n < len(lc.code):
            continue
        seen.add(n)
        ins = lc.code[n]
        if ins.op == p.BRANCH:
            todo += [n + 1, ins.target]
        elif ins.op == p.GOTO:
            todo.append(ins.target)
        elif ins.op == p.MENU:
            todo += [o.target for o in ins.arg]
        elif ins.op not in (p.JUMP, p.RETURN, p.END, p.ENDING):
            todo.append(n + 1)
    return seen


def _option_body(lc: p.LabelCode, option) -> range:
    end = lc.index.get(f"{option.id}/next", lc.index.get(f"{option.id}/jump", option.target))
    return range(option.target, end + 1)


def _never_offered(lc: p.LabelCode, coverage: Coverage) -> set[int]:
    """Instructions inside the bodies of options never offered at a menu some route reached."""
    out: set[int] = set()
    for ins in lc.code:
        if ins.op == p.MENU and ins.id in coverage.menus:
            for option in ins.arg:
                if option.id not in coverage.offered:
                    out.update(_option_body(lc, option))
    return out


def unreached(program: p.Program, coverage: Coverage) -> list[Unreached]:
    """What no route ran, in script order."""
    out: list[Unreached] = []
    static = reachable_labels(program.manifest.start, program.game.labels)
    for name, lc in program.labels.items():
        if name not in static:
            continue                                    # VN101 says so already
        if name not in coverage.labels:
            out.append(Unreached(LABEL, name, program.game.labels[name].pos))
            continue
        ran, runnable = coverage.covered[name], _runnable(lc)
        explained = _never_offered(lc, coverage)
        run: list | None = None
        first = len(out)
        for n, ins in enumerate(lc.code):
            if ins.op in BLOCK_EDGES:
                run = None              # what follows is another block, reached (or not) its own way
            if ins.op not in SHOWN or n not in runnable:
                continue
            if n in ran:
                run = None
            elif run is not None:
                run[1] += 1
            elif n not in explained:
                run = [n, 1]
                out.append(run)
                if ins.op == p.MENU:    # its options' bodies are part of it
                    for option in ins.arg:
                        explained.update(_option_body(lc, option))
        out[first:] = [Unreached(MENU if lc.code[n].op == p.MENU else STATEMENTS, name, lc.code[n].pos, count, n)
                       for n, count in out[first:]]     # this label's runs, as found
    return out
