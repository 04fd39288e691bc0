"""Local labels: `- label: door` in the list of `cellar` starts the sub-label `cellar.door`.

A mixin of the LabelBuilder. Everything after a marker, up to the next one, belongs to the
sub-label; the part before it falls through into it (a jump, so it counts as a visit).
Inside `cellar` and all its sub-labels a short name (`jump: door`, `visits('door')`,
`picks('door.knock')`) means the sub-label first, else the global label of that name;
`cellar.door` works from anywhere. The names are resolved here, as each label is built,
so the model, the compiled program, saves and the runtime only ever see full names.
"""
from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

from . import model as m
from .diagnostics import WARNING, Diagnostic
from .expr import Expr, Template, with_root
from .expr_parse import Binary, Call, Draw, Unary, Visits
from .variation import Alternatives, Conditional
from .yamlsource import MAPPING, SCALAR, SEQUENCE, SourceFile, kind, mapping_items, pos, raw, scalar_value

MARKER = "label"
_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
IDENTIFIER = re.compile(_IDENT)
LABEL_REF = re.compile(rf"{_IDENT}(?:\.{_IDENT})?")       # a label, or label.sub
_TERMINAL = (m.Jump, m.Return, m.Ending)


def _marker(entries):
    """The (key node, value node) of a `label:` entry among a mapping's entries, or None.
    Run on every statement a label holds, so nodes are read by index: (kind, value, ...)."""
    for i in range(0, len(entries) - 1, 2):
        key = entries[i]
        if key[1] == MARKER and key[0] == SCALAR:
            return key, entries[i + 1]
    return None


class SubLabels:
    locals = MappingProxyType({})   # short name -> full name of the label being built; always replaced whole

    def label_parts(self, node, where) -> list[m.Label]:
        """The label being built and its sub-labels, in the order written."""
        if kind(node) != SEQUENCE:
            return [m.Label(self.label, where, self.block(node))]   # block() says what is wrong
        parent = self.label
        parts = [[parent, where, []]]        # [full name, where it starts, its YAML items]
        for item in raw(node):
            entries = item[1]
            # most statements are one 'key: value', and few of those a marker: tell them apart here
            found = None if item[0] != MAPPING or (len(entries) == 2 and entries[0][1] != MARKER) \
                else _marker(entries)
            if found is None:
                parts[-1][2].append(item)
                continue
            name = self._sub_label_name(item, found[1], parent, parts)
            if name is not None:   # a marker in error is left out: what follows stays in the part before
                parts.append([f"{parent}.{name}", pos(self.src.path, item), []])
        self.locals = {full.rpartition(".")[2]: full for full, _, _ in parts[1:]}
        labels = []
        for n, (full, start, items) in enumerate(parts):
            self.label = full
            self.depth += 1
            try:
                body = self._block(items)
            finally:
                self.depth -= 1
            if n + 1 < len(parts) and not (body and isinstance(body[-1], _TERMINAL)):
                following, marker_pos = parts[n + 1][0], parts[n + 1][1]
                body += (m.Jump(self.derived_id(MARKER, following), marker_pos, following),)
            labels.append(m.Label(full, start, body))
        self.label = parent
        return labels

    def _sub_label_name(self, item, vnode, parent: str, parts) -> str | None:
        for key, knode, _ in mapping_items(self.src, item, self.diags):
            if key != MARKER:
                self.error(knode, "VN003", f"unknown key '{key}'",
                           "a sub-label's marker stands alone, '- label: name'; "
                           "the statements below it belong to the sub-label")
        text = scalar_value(vnode) if kind(vnode) == SCALAR else None
        if not isinstance(text, str) or not IDENTIFIER.fullmatch(text):
            shown = f"'{raw(vnode)}'" if kind(vnode) == SCALAR else "this"
            self.error(vnode, "VN062", f"{shown} is not a sub-label name",
                       "use letters, digits and '_', starting with a letter, as in '- label: door'; "
                       f"from outside it is then '{parent}.door'")
            return None
        if text in self.statement_keys:
            self.error(vnode, "VN063", f"a sub-label may not be called '{text}', like the statement",
                       f"give it a name that says what happens there, e.g. '{text}_{parent}'")
            return None
        full = f"{parent}.{text}"
        first = next((start for name, start, _ in parts if name == full), None)
        if first is not None:
            self.error(vnode, "VN061", f"'{parent}' has two sub-labels named '{text}' (first at {first})",
                       "rename one of them")
            return None
        return text

    def st_label(self, here, key, knode, vnode, extra):
        """Reached only for a marker inside a block: the top level's are taken apart in label_parts."""
        self.error(here, "VN060", "a sub-label starts only in the label's own list, not inside a block",
                   "move '- label: ...' out of the 'if' or the option, to the level of the label's "
                   "statements, and jump to it from here")
        return None

    # -- names ---------------------------------------------------------------------
    def label_target(self, node) -> str | None:
        """The full name of the label a `jump`, `call` or option's `jump` names."""
        text = self.string(node, "label name")
        if text is None:
            return None
        if not LABEL_REF.fullmatch(text):
            self.error(node, "VN020", f"'{text}' is not a valid label name",
                       "use letters, digits and '_', starting with a letter; a sub-label is 'label.sub'")
            return None
        return self.locals.get(text, text)

    def resolved(self, expr):
        """`expr` (an Expr or a Template, or None) with its counters' short names made full."""
        if not self.locals or expr is None:
            return expr
        if isinstance(expr, Template):
            if expr.is_plain:
                return expr
            parts = tuple(self._resolved_part(p) for p in expr.parts)
            return expr if parts == expr.parts else replace(expr, parts=parts)
        if not any(n in self.locals for n in expr.labels()) and \
                all(self._full_name(f, n) == n for f, n in expr.counters()):
            return expr
        return with_root(expr, self._rename(expr.root))

    def _resolved_part(self, part):
        """A part of a template: text, an expression, or varying text whose condition and
        alternatives may count labels too."""
        if isinstance(part, Expr):
            return self.resolved(part)
        if isinstance(part, Conditional):
            return replace(part, condition=self.resolved(part.condition),
                           branches=tuple(self.resolved(b) for b in part.branches))
        if isinstance(part, Alternatives):
            return replace(part, items=tuple(self.resolved(t) for t in part.items))
        return part

    def _full_name(self, func: str, name: str) -> str:
        if func != "picks":
            return self.locals.get(name, name)
        label, dot, option = name.rpartition(".")     # 'door.knock', or 'cellar.door.knock'
        return f"{self.locals[label]}.{option}" if dot and label in self.locals else name

    def _rename(self, node):
        if isinstance(node, Visits):
            return replace(node, label=self._full_name(node.func, node.label))
        if isinstance(node, Binary):
            return replace(node, left=self._rename(node.left), right=self._rename(node.right))
        if isinstance(node, Unary):
            return replace(node, operand=self._rename(node.operand))
        if isinstance(node, (Call, Draw)):
            return replace(node, args=tuple(self._rename(a) for a in node.args))
        return node


def hidden_globals(labels: dict[str, m.Label], sources: dict[str, SourceFile]) -> list[Diagnostic]:
    """VN116 for each sub-label whose short name is also a global label's: inside its parent,
    the short name means the sub-label, and the global one cannot be named there."""
    out = []
    for name, label in labels.items():
        parent, dot, short = name.rpartition(".")
        if dot and short in labels:
            source = sources.get(label.pos.path)
            out.append(Diagnostic(
                label.pos, "VN116", f"inside '{parent}', '{short}' means this sub-label, not the label "
                                    f"'{short}' at {labels[short].pos}",
                f"rename one of them: inside '{parent}' the label '{short}' cannot be named",
                WARNING, source.line(label.pos.line) if source else ""))
    return out


def outside_hint(name: str, labels) -> str:
    """For a short name used outside its parent: the full names it could mean."""
    full = [label for label in labels if label.rpartition(".")[2] == name and "." in label]
    return f"'{name}' is a sub-label's short name, used only inside its label; from here write " + \
        " or ".join(f"'{f}'" for f in full[:3]) if full else ""
