"""Glue: `- glue: "the gun."` finishes the line shown before it, in the same Line event.

After the runtime shows a line's text it runs on through what shows nothing (set, if
branches, jumps, calls, returns) to the next instruction that shows something. A glue line
there is joined to the text, and the search goes on after it; anything else stops it, and the
story's position is that instruction, exactly as if the next advance() had run those steps.
So a branch can finish a sentence the line before it began:

    - xander: "I put down"
    - if: kept_gun
      then: [glue: "the gun."]
      else: [glue: "the lighter."]

The joined line keeps the first line's id, speaker and voice. A glue line nothing can join
(after a choice, a scene change, at the start) is shown as a line of its own, as narration.
The runtime looks ahead only when the story has glue at all (Program.has_glue).
"""
from __future__ import annotations

from ..script import program as p
from ..script.markup import escape
from .state import Frame
from .variation import next_showing

# as many silent steps as advance() allows; past them advance() itself reports the endless loop
MAX_STEPS = 100_000
# glued text that begins with these needs no space before it: punctuation, closing quotes, dashes
NO_SPACE_BEFORE = frozenset(",.;:!?)]}…\"'’”»-–—")


def join(before: str, after: str) -> str:
    """Two texts as one line: a space between them unless punctuation or a space says otherwise."""
    if not after:
        return before
    if not before or before[-1].isspace() or after[0] in NO_SPACE_BEFORE or after[0].isspace():
        return before + after
    return before + " " + after


def line_text(rt, ins: p.Instr, max_call_depth: int) -> tuple[str, bool]:
    """The text of the line `ins` (the next instruction of `rt`), and whether it has style tags:
    its showing counted when it varies, and any glue after it joined on. Leaves `rt` at the next
    thing to run."""
    template = ins.arg[1]
    text = rt._render(template, ins, next_showing(rt.state, ins.id) if template.varies else None)
    rt._pc += 1
    if not rt.program.has_glue:
        return text, template.styled
    return continue_line(rt, text, template.styled, max_call_depth)


def continue_line(rt, text: str, styled: bool, max_call_depth: int) -> tuple[str, bool]:
    """`text` with every glue that follows joined on, and whether the whole has style tags (a
    plain part joined to a styled one is escaped, so a '[' in it stays a bracket); `rt` stops at
    the next thing it shows (the caller settles the position there)."""
    st = rt.state
    variables = st.variables
    for _ in range(MAX_STEPS):
        code = rt._lc.code
        ins = code[rt._pc]
        op = ins.op
        if op == p.SAY:
            if ins.arg.__class__ is not p.Glued:
                return text, styled
            template = ins.arg[1]
            more = rt._render(template, ins, next_showing(st, ins.id) if template.varies else None)
            if template.styled and not styled:
                text, styled = escape(text), True
            elif styled and not template.styled:
                more = escape(more)
            text = join(text, more)
            rt._pc += 1
        elif op == p.SET:
            for name, expr in ins.arg:
                value = rt._eval(expr, ins)
                variables[name] = float(value) if isinstance(variables[name], float) else value
            rt._pc += 1
        elif op == p.BRANCH:
            rt._pc = rt._pc + 1 if rt._eval(ins.arg, ins) is True else ins.target
        elif op == p.GOTO:
            rt._pc = ins.target
        elif op == p.JUMP:
            rt.last_jump = ins
            rt._jump(ins.arg)
        elif op == p.CALL and len(st.stack) < max_call_depth:
            rt.last_jump = ins
            st.stack.append(Frame(rt._lc.name, code[rt._pc + 1].id))
            rt._jump(ins.arg)
        elif (op == p.RETURN or op == p.END) and st.stack:
            frame = st.stack.pop()
            rt._enter(frame.label, frame.at)
        else:   # it shows something, ends the story, or is a call too deep: advance() deals with it
            return text, styled
    return text, styled
