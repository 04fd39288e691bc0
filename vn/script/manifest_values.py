"""game.yaml: constants, and variables declared as enums.

    constants:
      max_trust: 10
    variables:
      mood: {type: enum, values: [calm, angry, broken], default: calm}

A constant is read like a variable and never assigned. An enum variable holds one
of its names (a string at run time); without `default` it starts at the first
name, and, like `{type: int}`, a read before any `set` is reported (VN104).
"""
from __future__ import annotations

from . import model as m
from .expr_check import NOT_IN_ENUM, EnumType
from .expr_tokens import KEYWORDS
from .limits import OUT_OF_RANGE, number_problem
from .yamlsource import SCALAR, SEQUENCE, kind, pos, raw, scalar_value

ENUM_KEYS = ("type", "values", "default")
DECLARED_TWICE = "VN058"
MAX_ENUM_NAMES = 200


class ValuesReader:
    """Mixed into ManifestReader, which gives `error`, `fields`, `named_entries`, `text` and `src`."""

    def constants(self, node, variables: dict[str, m.Variable]) -> dict[str, m.Variable]:
        out = {}
        if node is None:
            return out
        for name, kn, vn in self.named_entries(node, "'constants'"):
            value = scalar_value(vn) if kind(vn) == SCALAR else None
            if value is None:
                self.error(vn, "VN004", f"constant '{name}' needs a value: a number, true/false or text",
                           "write it as 'name: value', e.g. max_trust: 10")
                continue
            problem = number_problem(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
                else None
            if problem:
                self.error(vn, OUT_OF_RANGE, f"constant '{name}': {problem}", "numbers in a story stay within ±2^53")
                continue
            if name in variables:
                self.error(kn, DECLARED_TWICE, f"'{name}' is declared both as a variable and as a constant "
                                               f"(the variable at line {variables[name].pos.line})",
                           "keep one: a constant never changes, a variable can be set")
                continue
            out[name] = m.Variable(name, value, type(value), pos(self.src.path, kn))
        return out

    def enum_variable(self, name: str, kn, vn) -> m.Variable | None:
        f = self.fields(vn, f"variable '{name}'", ENUM_KEYS, ("type", "values"))
        if "values" not in f:
            return None
        names = self.enum_names(name, f["values"])
        if not names:
            return None
        enum = EnumType(tuple(names), name)
        where = pos(self.src.path, kn)
        if "default" not in f:
            return m.Variable(name, names[0], enum, where, has_default=False)
        default = self.text(f["default"], f"the default of '{name}'")
        found = enum.problem(default) if default is not None else None
        if found:
            self.error(f["default"], NOT_IN_ENUM, found[0], found[1])
        # still declared after a bad default, so its uses are not reported as unknown too
        return m.Variable(name, names[0] if default is None or found else default, enum, where)

    def enum_names(self, name: str, node) -> list[str]:
        if kind(node) != SEQUENCE or not raw(node):
            self.error(node, "VN004", f"the values of '{name}' must be a list of names",
                       "write them in brackets: values: [calm, angry, broken]")
            return []
        names: list[str] = []
        for item in raw(node)[:MAX_ENUM_NAMES + 1]:
            value = scalar_value(item) if kind(item) == SCALAR else None
            if not isinstance(value, str) or not value.isidentifier() or not value.isascii() or value in KEYWORDS:
                self.error(item, "VN020", f"{raw(item) if kind(item) == SCALAR else 'this'!r} is not a valid name "
                                          f"for a value of '{name}'",
                           "use letters, digits and '_', starting with a letter")
                return []
            if value in names:
                self.error(item, "VN016", f"'{value}' is listed twice in the values of '{name}'", "list it once")
                return []
            names.append(value)
        if len(names) > MAX_ENUM_NAMES:
            self.error(node, "VN025", f"'{name}' has more than {MAX_ENUM_NAMES} values", "use fewer names")
            return []
        return names
