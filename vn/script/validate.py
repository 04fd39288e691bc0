"""Check a loaded game as a whole: names resolve, expressions type-check, ids are unique.

One check function per statement kind; each appends to a list it is given,
nothing global. Warnings (labels nothing reaches, statements after a jump)
never stop a game from loading.
"""
from __future__ import annotations

from . import model as m
from .diagnostics import WARNING, Diagnostic, Pos, did_you_mean
from .expr import Const, Expr, Var, check, check_template
from .expr_check import EnumType
from .variation import Conditional, lone_alternatives
from .foreign import unknown_speaker_hint
from .markup_check import brace_tag_problem, brace_tags
from .statements import STATEMENT_KEYS
from .values import assigned_value
from .sublabels import outside_hint
from .yamlsource import SourceFile

_TERMINAL = (m.Jump, m.Ending, m.Return)
# statements that show something, so glue after them has no line to continue
_SHOWING = {m.Scene: "a scene", m.Show: "a show", m.Hide: "a hide", m.Pause: "a pause", m.Effect: "an effect",
            m.Audio: "a sound", m.Menu: "a choice"}


class Validator:
    def __init__(self, manifest: m.Manifest, labels: dict[str, m.Label], sources: dict[str, SourceFile],
                 check_label_refs: bool = True, picks: dict[str, Pos] | None = None):
        """`labels` and `picks` may hold only the names (as keys) when checking some labels of
        the story with label_checks: nothing else of another label is read there."""
        self.manifest = manifest
        self.check_label_refs = check_label_refs
        self.labels = labels
        self.sources = sources
        self.var_types = {name: v.type for name, v in manifest.variables.items()}
        self.declared = set(self.var_types) | set(manifest.constants)
        self.var_types.update((name, c.type) for name, c in manifest.constants.items())   # read alike
        self.diags: list[Diagnostic] = []
        self.ids: dict[str, Pos] = {}
        # 'label.name' -> where the first of that name is
        self.picks = named_options(labels) if picks is None else picks
        self.label = ""

    def report(self, where: Pos, code: str, message: str, hint: str = "", severity: str = "error") -> None:
        source = self.sources.get(where.path)
        line = source.line(where.line) if source else ""
        self.diags.append(Diagnostic(where, code, message, hint, severity, line))

    def expr_errors(self, errors, where: Pos) -> None:
        for e in errors:
            self.report(where.shifted(e.column), e.code, e.message, e.hint)

    def condition(self, expr, where: Pos) -> None:
        if expr is None:
            return
        result, errors = check(expr, self.var_types, self.labels, self.picks)
        self.expr_errors(errors, where)
        self.settled_draws(expr, where)
        if not errors and result is not bool:
            self.report(where, "VN015", f"a condition must be true or false, this is {_type_name(result)}",
                        "compare it, e.g. 'humanity > 2'")

    def settled_draws(self, expr, where: Pos) -> None:
        """VN119: a draw whose literal arguments leave it one outcome is no draw at all."""
        for draw in expr.draws():
            values = [a.value for a in draw.args if isinstance(a, Const) and type(a.value) in (int, float)]
            if len(values) != len(draw.args):
                continue
            if draw.func == "random" and values[0] == values[1]:
                message, hint = f"random({values[0]}, {values[1]}) is always {values[0]}", f"write {values[0]}"
            elif draw.func == "chance" and values[0] in (0, 1):
                message = f"chance({values[0]}) is always {'true' if values[0] else 'false'}"
                hint = "write true or false, or a probability between 0 and 1"
            else:
                continue
            self.report(where.shifted(draw.column), "VN119", message, hint, WARNING)

    def text(self, template, where: Pos) -> None:
        if template.is_plain:
            return
        errors = check_template(template, self.var_types, self.labels, self.picks)
        # {b} or {w} from another engine reads as an unknown variable: say what it is instead
        for column, written, ours, _ in brace_tags(template.source):
            name = written.strip("{}")
            if name not in self.var_types:
                problem = brace_tag_problem(column, written, ours)
                self.report(where.shifted(column), problem.code, problem.message, problem.hint)
                errors = [e for e in errors if e.column != column + 1]
        self.expr_errors(errors, where)
        for e in lone_alternatives(template):
            self.report(where.shifted(e.column), e.code, e.message, e.hint, WARNING)
        for offset in template_draws(template):
            # a text is rendered again whenever it is shown (a menu, the history, a reload)
            self.report(where.shifted(offset), "VN055", "a text cannot draw: random() and chance() "
                        "would give another value each time it is shown",
                        "draw in a 'set' step first, as in set: {roll: 'random(1, 6)'}, and write {roll}")

    def lone_glue(self, s, after: str) -> None:
        if isinstance(s, m.Say) and s.glue:
            self.report(s.pos, "VN118", f"this glue follows {after}, so it has no line to continue",
                        "it shows as a line of its own: make it a line, or move it straight after the "
                        "line it finishes (only set, if, jump, call and return may come between)", WARNING)

    def label_ref(self, name: str, where: Pos) -> None:
        if self.check_label_refs and name not in self.labels:
            self.report(where, "VN005", f"no label named '{name}'",
                        outside_hint(name, self.labels) or did_you_mean(name, self.labels)
                        or "define it in one of the story files")

    def unique_id(self, line_id: str, where: Pos) -> None:
        if line_id in self.ids:
            self.report(where, "VN017", f"id '{line_id}' is used twice (first at {self.ids[line_id]})",
                        "give each line its own id")
        else:
            self.ids[line_id] = where

    def assigns(self, assigns) -> None:
        for a in assigns:
            if a.name in self.manifest.constants:
                self.report(a.pos, "VN057", f"'{a.name}' is a constant: it cannot be set",
                            "declare it under 'variables' in game.yaml to change it")
                continue
            if a.name not in self.var_types:
                self.report(a.pos, "VN008", f"unknown variable '{a.name}'",
                            did_you_mean(a.name, self.var_types) or "declare it under 'variables' in game.yaml")
                continue
            want = self.var_types[a.name]
            value = assigned_value(a.value, want, self.declared)
            if isinstance(want, EnumType) and isinstance(value.root, Var) and value.root.name not in self.declared:
                self.report(a.value_pos, "VN059", *want.problem(value.root.name))   # a misspelt name
                continue
            result, errors = check(value, self.var_types, self.labels, self.picks)
            self.expr_errors(errors, a.value_pos)
            self.settled_draws(value, a.value_pos)
            if isinstance(want, EnumType) and not errors and result is str and isinstance(value.root, Const):
                found = want.problem(value.root.value)
                if found:
                    self.report(a.value_pos.shifted(value.root.column), "VN059", found[0], found[1])
                continue
            if not errors and result != want and not (want is float and result is int):
                self.report(a.value_pos, "VN015",
                            f"'{a.name}' holds {_type_name(want)}, this value is {_type_name(result)}",
                            f"assign one of its names, as in {a.name}: {want.values[0]}" if isinstance(want, EnumType)
                            else "assign a value of the variable's type")

    # -- statements ---------------------------------------------------------
    def block(self, body) -> None:
        for i, statement in enumerate(body):
            getattr(self, "check_" + type(statement).__name__.lower())(statement)
            if i and type(body[i - 1]) in _SHOWING:
                self.lone_glue(statement, _SHOWING[type(body[i - 1])])
            if isinstance(statement, _TERMINAL) and i + 1 < len(body):
                nxt = body[i + 1]
                self.report(nxt.pos, "VN102", "this statement can never run",
                            f"it follows a '{type(statement).__name__.lower()}'", WARNING)

    def check_say(self, s: m.Say) -> None:
        self.unique_id(s.id, s.pos)
        if s.speaker is not None and s.speaker not in self.manifest.characters:
            self.report(s.pos, "VN006", f"unknown character or statement '{s.speaker}'",
                        unknown_speaker_hint(s.speaker, self.manifest.characters, STATEMENT_KEYS))
        self.text(s.text, s.text_pos)

    def check_set(self, s: m.Set) -> None:
        self.assigns(s.assigns)

    def check_menu(self, s: m.Menu) -> None:
        if s.prompt is not None:
            self.check_say(s.prompt)
        for o in s.options:
            self.unique_id(o.id, o.pos)
            self.text(o.text, o.text_pos)
            self.condition(o.condition, o.condition_pos)
            self.assigns(o.assigns)
            if o.body:
                self.lone_glue(o.body[0], "a choice")
            self.block(o.body)
            if o.jump is not None:
                self.label_ref(o.jump, o.jump_pos)
            if o.name and self.picks[f"{self.label}.{o.name}"] != o.name_pos:
                self.report(o.name_pos, "VN016", f"two options of '{self.label}' are named '{o.name}'",
                            "give each its own name: picks() counts one option")

    def check_if(self, s: m.If) -> None:
        for b in s.branches:
            self.condition(b.condition, b.condition_pos)
            self.block(b.body)

    def check_jump(self, s: m.Jump) -> None:
        self.label_ref(s.target, s.pos)

    check_call = check_jump

    def check_return(self, s: m.Return) -> None:
        pass

    def check_scene(self, s: m.Scene) -> None:
        bg = self.manifest.backgrounds.get(s.background)
        if bg is None:
            self.report(s.pos, "VN007", f"unknown background '{s.background}'",
                        did_you_mean(s.background, self.manifest.backgrounds)
                        or "declare it under 'backgrounds' in game.yaml")
        elif s.variant is not None and s.variant not in bg.variants:
            self.report(s.pos, "VN007", f"background '{s.background}' has no variant '{s.variant}'",
                        did_you_mean(s.variant, bg.variants) or f"list it under {s.background}'s variants")

    def check_hide(self, s) -> None:
        if s.character not in self.manifest.characters:
            self.report(s.pos, "VN006", f"unknown character '{s.character}'",
                        did_you_mean(s.character, self.manifest.characters)
                        or "declare the character under 'characters' in game.yaml")

    def check_show(self, s: m.Show) -> None:
        self.check_hide(s)
        who = self.manifest.characters.get(s.character)
        if who is None or s.expression is None:
            return
        # expressions are literal names, never computed, so this covers every route
        where = s.expression_pos or s.pos
        if not who.images:
            self.report(where, "VN032", f"'{s.character}' has no pictures, so no expression '{s.expression}'",
                        f"give '{s.character}' images: in game.yaml, or leave out the expression")
        elif s.expression not in who.images:
            self.report(where, "VN032", f"'{s.character}' has no expression '{s.expression}'",
                        did_you_mean(s.expression, who.images)
                        or f"{s.character}'s expressions: " + ", ".join(who.images))

    def check_pause(self, s) -> None:
        pass

    check_effect = check_audio = check_pause   # sounds are resolved and checked as they are read

    def check_ending(self, s: m.Ending) -> None:
        if s.ending not in self.manifest.endings:
            self.report(s.pos, "VN009", f"unknown ending '{s.ending}'",
                        did_you_mean(s.ending, self.manifest.endings) or "declare it under 'endings' in game.yaml")

    # -- whole game -----------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        self.start_checks()
        self.label_checks(self.labels.values())
        self.reach_checks({name: label_targets(label.body) for name, label in self.labels.items()},
                          {name: label.pos for name, label in self.labels.items()})
        return self.diags

    def start_checks(self) -> None:
        if self.manifest.start and self.manifest.start not in self.labels:
            self.label_ref(self.manifest.start, self.manifest.start_pos)

    def label_checks(self, labels) -> list[Diagnostic]:
        """What each of these labels says of itself, once the story's names are known."""
        for label in labels:
            if not label.body:
                self.report(label.pos, "VN022", f"label '{label.name}' has no statements",
                            "add statements, or remove the label")
            self.label = label.name
            if label.name == self.manifest.start and label.body:
                self.lone_glue(label.body[0], "the start of the story")
            self.block(label.body)
        return self.diags

    def reach_checks(self, targets: dict[str, set[str]], places: dict[str, Pos]) -> list[Diagnostic]:
        """VN101, from the labels each label can jump to or call."""
        if not self.check_label_refs:
            return self.diags
        reached = reachable_names(self.manifest.start, targets)
        for name, where in places.items():
            if name not in reached:
                self.report(where, "VN101", f"label '{name}' is never reached",
                            f"jump to it, or remove it (the story starts at '{self.manifest.start}')", WARNING)
        return self.diags


def template_draws(template, base: int = 0) -> list[int]:
    """Where each interpolated expression that draws starts in the template's text, inside
    varying text too (its conditions and alternatives)."""
    out = []
    parts = [p for p in template.parts if not isinstance(p, str)]
    for part, offset in zip(parts, template._offsets):
        if isinstance(part, Expr):
            if part.draws():
                out.append(base + offset)
            continue
        if isinstance(part, Conditional) and part.condition.draws():
            out.append(base + part.at)
        items = part.branches if isinstance(part, Conditional) else part.items
        for item, at in zip(items, part.offsets):
            out.extend(template_draws(item, base + at))
    return out


def label_targets(body) -> set[str]:
    """Every label a block can jump to or call, however deeply nested."""
    out: set[str] = set()
    for s in body:
        if isinstance(s, (m.Jump, m.Call)):
            out.add(s.target)
        elif isinstance(s, m.Menu):
            for o in s.options:
                if o.jump:
                    out.add(o.jump)
                out |= label_targets(o.body)
        elif isinstance(s, m.If):
            for b in s.branches:
                out |= label_targets(b.body)
    return out


def named_options(labels: dict[str, m.Label]) -> dict[str, Pos]:
    """'label.name' -> where that option's name is written (the first, if two share it)."""
    out: dict[str, Pos] = {}

    def walk(label: str, body) -> None:
        for s in body:
            if isinstance(s, m.Menu):
                for o in s.options:
                    if o.name:
                        out.setdefault(f"{label}.{o.name}", o.name_pos)
                    walk(label, o.body)
            elif isinstance(s, m.If):
                for b in s.branches:
                    walk(label, b.body)

    for name, label in labels.items():
        walk(name, label.body)
    return out


def reachable_labels(start: str, labels: dict[str, m.Label]) -> set[str]:
    return reachable_names(start, {name: label_targets(label.body) for name, label in labels.items()})


def reachable_names(start: str, targets: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in targets:
            continue
        seen.add(name)
        todo.extend(targets[name])
    return seen


def _type_name(t) -> str:
    if isinstance(t, EnumType):
        return f"an {t}"
    return {bool: "true/false", int: "a whole number", float: "a number", str: "text"}.get(t, "unknown")


def validate(manifest: m.Manifest, labels: dict[str, m.Label], sources: dict[str, SourceFile],
             check_label_refs: bool = True) -> list[Diagnostic]:
    return Validator(manifest, labels, sources, check_label_refs).run()
