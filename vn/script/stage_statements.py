"""The statements that only change what is on stage: scene, show, hide, pause, effect.

A mixin of LabelBuilder (statements.py), which provides error(), string(), name()
and derived_id().
"""
from __future__ import annotations

from . import model as m
from .diagnostics import did_you_mean
from .limits import OUT_OF_RANGE, range_problem, seconds_problem
from .yamlsource import MAPPING, SCALAR, kind, mapping_items, pos, raw, scalar_value


class StageStatements:
    def number(self, node, what: str) -> float | None:
        """A number of seconds, bounded: the window turns it into frames and buffers."""
        value = scalar_value(node) if kind(node) == SCALAR else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.error(node, "VN004", f"{what} must be a number of seconds, zero or more")
            return None
        problem = seconds_problem(value)
        if problem:
            self.error(node, OUT_OF_RANGE, f"{what} must be {problem}", "write a shorter time in seconds")
            return None
        return float(value)

    def _fields(self, vnode, main: str, allowed: tuple[str, ...]) -> dict | None:
        """Short form `key: name` or long form `key: {main: name, ...}` as a dict of nodes."""
        if kind(vnode) == SCALAR:
            return {main: vnode}
        if kind(vnode) != MAPPING:
            self.error(vnode, "VN004", f"expected a name or a mapping with '{main}'")
            return None
        fields = {}
        for k, kn, vn in mapping_items(self.src, vnode, self.diags):
            if k not in allowed:
                self.unknown_key(kn, k, allowed)
            else:
                fields[k] = vn
        if main not in fields:
            self.error(vnode, "VN018", f"missing '{main}'")
            return None
        return fields

    def st_scene(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        f = self._fields(vnode, "background", ("background", "variant", "transition", "duration"))
        if f is None:
            return None
        bg = self.name(f["background"], "background name")
        variant = self.name(f["variant"], "variant name") if "variant" in f else None
        transition = self.string(f["transition"], "transition") if "transition" in f else "fade"
        if transition is not None and transition not in m.TRANSITIONS:
            self.error(f["transition"], "VN021", f"unknown transition '{transition}'",
                       did_you_mean(transition, m.TRANSITIONS) or "use one of: " + ", ".join(m.TRANSITIONS))
            transition = None
        duration = self.number(f["duration"], "duration") if "duration" in f else 1.0
        if bg is None or transition is None or duration is None:
            return None
        return m.Scene(self.derived_id("scene", bg, variant, transition, duration), here, bg, variant,
                       transition, duration)

    def st_show(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        if kind(vnode) == SCALAR:   # `show: name`, the common case, without building the long form
            who = self.name(vnode, "character id")
            return m.Show(self.derived_id("show", who, "center"), here, who, at_given=False) if who else None
        f = self._fields(vnode, "character", ("character", "expression", "at", "transition", "duration"))
        if f is None:
            return None
        who = self.name(f["character"], "character id")
        at = self.position(f["at"]) if "at" in f else "center"
        expression = self.name(f["expression"], "expression name") if "expression" in f else None
        transition, duration = self.sprite_transition(f)
        if who is None or at is None or transition is None or duration is None \
                or ("expression" in f and expression is None):
            return None
        # only what differs from the defaults joins the id, so ids written before these fields stay
        if expression is None and transition == "none" and duration == 0.5:
            return m.Show(self.derived_id("show", who, at), here, who, at, None, transition, duration, "at" in f)
        extra_id = tuple((k, v) for k, v, default in (
            ("expression", expression, None), ("transition", transition, "none"), ("duration", duration, 0.5))
            if v != default)
        where = pos(self.src.path, f["expression"]) if "expression" in f else None
        return m.Show(self.derived_id("show", who, at, *extra_id), here, who, at, expression, transition, duration,
                      "at" in f, where)

    def position(self, node) -> str | float | None:
        """A named position, or a share of the screen's width from 0 (left edge) to 1 (right edge)."""
        if kind(node) == SCALAR and raw(node) in m.POSITIONS:
            return raw(node)
        value = scalar_value(node) if kind(node) == SCALAR else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            problem = range_problem(value, 0.0, 1.0)
            if problem:
                self.error(node, OUT_OF_RANGE, f"a position across the screen must be {problem}",
                           "0 is the left edge, 0.5 the middle, 1 the right edge")
                return None
            return float(value)
        at = self.string(node, "position")
        if at is not None and at not in m.POSITIONS:
            self.error(node, "VN021", f"unknown position '{at}'",
                       did_you_mean(at, m.POSITIONS) or "use one of: " + ", ".join(m.POSITIONS) + ", or a number 0..1")
            return None
        return at

    def sprite_transition(self, f: dict) -> tuple[str | None, float | None]:
        if "transition" not in f and "duration" not in f:
            return "none", 0.5
        transition = self.string(f["transition"], "transition") if "transition" in f else "none"
        if transition is not None and transition not in m.SPRITE_TRANSITIONS:
            self.error(f["transition"], "VN021", f"unknown transition '{transition}' for a character",
                       did_you_mean(transition, m.SPRITE_TRANSITIONS)
                       or "use one of: " + ", ".join(m.SPRITE_TRANSITIONS))
            transition = None
        duration = self.number(f["duration"], "duration") if "duration" in f else 0.5
        return transition, duration

    def st_hide(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        if kind(vnode) == SCALAR:
            who = self.name(vnode, "character id")
            return m.Hide(self.derived_id("hide", who), here, who) if who else None
        f = self._fields(vnode, "character", ("character", "transition", "duration"))
        if f is None:
            return None
        who = self.name(f["character"], "character id")
        transition, duration = self.sprite_transition(f)
        if who is None or transition is None or duration is None:
            return None
        extra_id = tuple((k, v) for k, v, default in (("transition", transition, "none"), ("duration", duration, 0.5))
                         if v != default)
        return m.Hide(self.derived_id("hide", who, *extra_id), here, who, transition, duration)

    def st_pause(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        seconds = self.number(vnode, "pause")
        return m.Pause(self.derived_id("pause", seconds), here, seconds) if seconds is not None else None

    def st_effect(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        f = self._fields(vnode, "name", ("name", "duration"))
        if f is None:
            return None
        name = self.string(f["name"], "effect name")
        if name is not None and name not in m.EFFECTS:
            self.error(f["name"], "VN021", f"unknown effect '{name}'",
                       did_you_mean(name, m.EFFECTS) or "use one of: " + ", ".join(m.EFFECTS))
            name = None
        duration = self.number(f["duration"], "duration") if "duration" in f else None
        if name is None or ("duration" in f and duration is None):
            return None
        return m.Effect(self.derived_id("effect", name, duration), here, name, duration)
