"""The statements that only change what is on stage: scene, show, hide, pause, effect.

A mixin of LabelBuilder (statements.py), which provides error(), string(), name()
and derived_id().
"""
from __future__ import annotations

from . import model as m
from .diagnostics import did_you_mean
from .limits import OUT_OF_RANGE, seconds_problem
from .yamlsource import MAPPING, SCALAR, kind, mapping_items, scalar_value


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
        f = self._fields(vnode, "character", ("character", "at"))
        if f is None:
            return None
        who = self.name(f["character"], "character id")
        at = self.string(f["at"], "position") if "at" in f else "center"
        if at is not None and at not in m.POSITIONS:
            self.error(f["at"], "VN021", f"unknown position '{at}'", "use one of: " + ", ".join(m.POSITIONS))
            at = None
        if who is None or at is None:
            return None
        return m.Show(self.derived_id("show", who, at), here, who, at)

    def st_hide(self, here, key, knode, vnode, extra):
        self._no_extra(extra)
        who = self.name(vnode, "character id")
        return m.Hide(self.derived_id("hide", who), here, who) if who else None

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
