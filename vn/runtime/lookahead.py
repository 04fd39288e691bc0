"""What the story may show next: the backgrounds and sprites within a few statements.

`upcoming(program, state, steps)` walks the compiled program from the state's
position without running anything: every branch of an `if` and every option of a
menu is taken (conditions are not evaluated, since any could come true), jumps and
calls are followed, and returns go back to the call that led there (or to the
state's own call stack). It stops after `steps` instructions in all, so the walk
costs the same however large the story is.

It yields, nearest first and each once, `(BACKGROUND, background, variant)` for a
`scene` and `(SPRITE, character, expression)` for a `show` (expression None: the
character's current or first picture). The window decodes the pictures those name
ahead of need. Pure: no pygame, no state changed.
"""
from __future__ import annotations

from collections import deque

from ..script import program as p

BACKGROUND, SPRITE = "background", "sprite"
MAX_CALL_DEPTH = 16     # calls followed inside one walk; deeper ones are not worth guessing at


def upcoming(program: p.Program, state, steps: int = 60) -> list[tuple[str, str, str | None]]:
    labels = program.labels
    start = labels.get(state.frame.label)
    if start is None or state.frame.at not in start.index:
        return []
    base_stack = tuple((f.label, f.at) for f in state.stack)
    found: dict[tuple, None] = {}
    seen: set[tuple] = set()
    pending = deque([(state.frame.label, start.index[state.frame.at], base_stack)])
    walked = 0
    while pending and walked < steps:
        label, pc, stack = pending.popleft()
        if (label, pc, stack) in seen:
            continue
        seen.add((label, pc, stack))
        walked += 1
        code = labels[label].code
        if not 0 <= pc < len(code):
            continue
        ins = code[pc]
        op = ins.op
        if op == p.SCENE:
            found[(BACKGROUND, ins.arg.background, ins.arg.variant)] = None
        elif op == p.SHOW:
            found[(SPRITE, ins.arg.character, ins.arg.expression)] = None
        nexts: list[tuple] = []
        if op == p.MENU:
            nexts = [(label, option.target, stack) for option in ins.arg]
        elif op == p.BRANCH:
            nexts = [(label, pc + 1, stack), (label, ins.target, stack)]
        elif op == p.GOTO:
            nexts = [(label, ins.target, stack)]
        elif op == p.JUMP:
            if ins.arg in labels:
                nexts = [(ins.arg, 0, stack)]
        elif op == p.CALL:
            if ins.arg in labels and len(stack) - len(base_stack) < MAX_CALL_DEPTH and pc + 1 < len(code):
                nexts = [(ins.arg, 0, stack + ((label, code[pc + 1].id),))]
        elif op in (p.RETURN, p.END):
            if stack:
                back_label, back_at = stack[-1]
                back = labels.get(back_label)
                if back is not None and back_at in back.index:
                    nexts = [(back_label, back.index[back_at], stack[:-1])]
        elif op != p.ENDING:
            nexts = [(label, pc + 1, stack)]
        pending.extend(nexts)
    return list(found)
