"""Warnings about variables, found by data flow over the compiled program.

VN103: a variable nothing reads.
VN104: a variable declared without a default (`name: {type: int}`) read where,
       on some path from the start, nothing has set it yet. A written default
       is the writer's chosen starting value, so reading it is never reported.
       A variable's read inside its own update does not count.

The analysis is a "must be assigned" flow: what is known set when entering an
instruction is what every path into it has set.
"""
from __future__ import annotations

from . import program as p
from .diagnostics import WARNING, Diagnostic

Node = tuple[str, int]  # (label, instruction index)


def _assign_reads(assigns) -> set[str]:
    """Names read by assignments, leaving out a variable's read in its own update
    (`humanity: "humanity - 2"`): an accumulator starts from its default by design."""
    out: set[str] = set()
    for name, expr in assigns:
        out |= expr.variables() - {name}
    return out


def _reads(ins: p.Instr, for_flow: bool = True) -> set[str]:
    """Variables an instruction reads; `for_flow=False` counts self-updates too (for VN103)."""
    op, arg = ins.op, ins.arg
    if op == p.SAY:
        return set(arg[1].variables())
    if op == p.SET:
        return _assign_reads(arg) if for_flow else set().union(*(e.variables() for _, e in arg))
    if op == p.BRANCH:
        return set(arg.variables())
    if op == p.MENU:
        out: set[str] = set(arg.prompt[2].variables()) if arg.prompt else set()
        for o in arg:
            out |= o.text.variables()
            if o.condition is not None:
                out |= o.condition.variables()
            out |= _assign_reads(o.assigns) if for_flow else set().union(*(e.variables() for _, e in o.assigns))
        return out
    return set()


def _add_all_reads(ins: p.Instr, out: set[str]) -> None:
    """Add to `out` what _reads(ins, for_flow=False) gives, without building sets on the way:
    it runs for every instruction of the story."""
    op, arg = ins.op, ins.arg
    if op == p.SAY:
        out.update(arg[1].variables())
    elif op == p.SET:
        for _, e in arg:
            out.update(e.variables())
    elif op == p.BRANCH:
        out.update(arg.variables())
    elif op == p.MENU:
        if arg.prompt:
            out.update(arg.prompt[2].variables())
        for o in arg:
            out.update(o.text.variables())
            if o.condition is not None:
                out.update(o.condition.variables())
            for _, e in o.assigns:
                out.update(e.variables())


def _return_points(program: p.Program) -> dict[str, list[Node]]:
    points: dict[str, list[Node]] = {}
    for name, lc in program.labels.items():
        for n, ins in enumerate(lc.code):
            if ins.op == p.CALL:
                points.setdefault(ins.arg, []).append((name, n + 1))
    return points


def _successors(program: p.Program, node: Node, returns: dict[str, list[Node]]):
    """(next node, names assigned on the way) for every way control can leave `node`."""
    label, pc = node
    ins = program.labels[label].code[pc]
    op = ins.op
    if op == p.SET:
        return [((label, pc + 1), frozenset(name for name, _ in ins.arg))]
    if op == p.BRANCH:
        return [((label, pc + 1), frozenset()), ((label, ins.target), frozenset())]
    if op == p.GOTO:
        return [((label, ins.target), frozenset())]
    if op == p.MENU:
        return [((label, o.target), frozenset(name for name, _ in o.assigns)) for o in ins.arg]
    if op == p.JUMP:
        return [((ins.arg, 0), frozenset())]
    if op == p.CALL:
        return [((ins.arg, 0), frozenset())]
    if op in (p.RETURN, p.END):
        return [(point, frozenset()) for point in returns.get(label, [])]
    if op == p.ENDING:
        return []
    return [((label, pc + 1), frozenset())]


def variable_warnings(program: p.Program) -> list[Diagnostic]:
    manifest = program.manifest
    everything = frozenset(name for name, v in manifest.variables.items() if not v.has_default)
    returns = _return_points(program)
    start: Node = (manifest.start, 0)
    known: dict[Node, frozenset[str]] = {start: frozenset()}
    todo = [start] if everything else []
    while todo:
        node = todo.pop()
        here = known[node]
        for nxt, assigned in _successors(program, node, returns):
            out = here | assigned
            before = known.get(nxt)
            merged = out if before is None else before & out
            if merged != before:
                known[nxt] = merged
                todo.append(nxt)

    diags: list[Diagnostic] = []
    read_anywhere: set[str] = set()
    reported: set[tuple[str, str]] = set()
    for name, lc in program.labels.items():
        for n, ins in enumerate(lc.code):
            _add_all_reads(ins, read_anywhere)
            if not everything or (name, n) not in known:
                continue  # unreachable code: VN101/VN102 already say so; or no variable lacks a default
            for var in sorted((_reads(ins) & everything) - known[(name, n)]):
                if (var, ins.id) in reported:
                    continue
                reported.add((var, ins.id))
                default = manifest.variables[var].default
                shown = '""' if default == "" else str(default).lower() if isinstance(default, bool) \
                    else repr(default)
                enum = hasattr(manifest.variables[var].type, "values")
                written = f"'default: {default}' in its declaration" if enum else f"'{var}: {shown}'"
                diags.append(Diagnostic(ins.pos, "VN104",
                                        f"'{var}' may be read before it is set (it has no default; on some route "
                                        f"it still holds {shown})",
                                        f"set it on every route before this point, or give it a default in "
                                        f"game.yaml ({written})", WARNING))
    return diags + unread_warnings(manifest, read_anywhere)


def unread_warnings(manifest, read_anywhere) -> list[Diagnostic]:
    """VN103 and VN120, given every name some expression of the story reads."""
    diags = []
    for var, v in manifest.variables.items():
        if var not in read_anywhere:
            diags.append(Diagnostic(v.pos, "VN103", f"variable '{var}' is never read",
                                    "use it in a condition or text, or remove it", WARNING))
    for name, c in manifest.constants.items():
        if name not in read_anywhere:
            diags.append(Diagnostic(c.pos, "VN120", f"constant '{name}' is never read",
                                    "use it in a condition, a value or a text, or remove it", WARNING))
    return diags
