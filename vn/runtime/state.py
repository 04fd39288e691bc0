"""All mutable story state in one object that converts to and from JSON-safe dicts.

Positions are (label, instruction id) pairs, never list indexes, so a state
written before the script changed still means something after.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..script.model import LOOPING_CHANNELS, POSITIONS

# 2: a figure on stage is {"at": position, "expression": name or None}; format 1 held the position alone
# 3: what loops on the music and ambience channels ("audio"); older states had no sound, so none plays
# 4: "picks", "turns" and "entered", what picks() and turns_since() count; older states start them empty
# 5: "rng" (the seed and the number of draws made, so random() replays after loading and rolling back)
#    and "seen" (times each line has been shown, for text that varies per visit); older states
#    start with a fresh seed and nothing seen
FORMAT_VERSION = 5
MIN_FORMAT_VERSION = 1
_NO_STAGE = {"background": None, "variant": None, "figures": {}}
MAX_LAYERS = 64      # sources on one channel: ambience layers; a save holding more was not made by a story


def no_audio() -> dict:
    return {channel: None for channel in LOOPING_CHANNELS}

RUNNING, CHOOSING, ENDED = "running", "choosing", "ended"
STATUSES = (RUNNING, CHOOSING, ENDED)


class StateError(ValueError):
    """A state dict that cannot be restored; the message says why."""


@dataclass(slots=True)
class Frame:
    label: str
    at: str      # id of the instruction to run next (or, while choosing, the menu's)


@dataclass(slots=True)
class StoryState:
    status: str
    frame: Frame
    stack: list[Frame] = field(default_factory=list)       # return positions of calls
    variables: dict[str, object] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    once: list[str] = field(default_factory=list)          # once-only options already taken
    route: list[dict] = field(default_factory=list)        # {label, option, text, note} per choice made
    endings: list[str] = field(default_factory=list)       # endings reached in this run
    # {"background": id | None, "variant": id | None,
    #  "figures": {character: {"at": "left" | "center" | "right" | 0.0..1.0, "expression": name | None}}}
    stage: dict = field(default_factory=lambda: {"background": None, "variant": None, "figures": {}})
    last_line: dict | None = None                          # {id, speaker, text[, markup]} of the last line shown
    # what keeps playing, so that loading and rolling back bring it back: for each looping channel,
    # {"play": [source, ...], "volume": 0..1} or None when silent. One-shots (sound, voice) are not kept.
    # The runtime replaces a channel's entry, never changes one in place, so copies may share them.
    audio: dict = field(default_factory=no_audio)
    picks: dict[str, int] = field(default_factory=dict)    # 'label.name' of a named option -> times taken
    turns: int = 0                                         # choices made in this run
    entered: dict[str, int] = field(default_factory=dict)  # label -> `turns` when it was last entered
    # the seeded generator behind random(), chance() and shuffles: {"seed": 0..2^63, "draws": n}
    rng: dict = field(default_factory=lambda: {"seed": 0, "draws": 0})
    seen: dict[str, int] = field(default_factory=dict)     # line id -> times shown (per-visit variation)

    def copy(self) -> "StoryState":
        """A deep-enough copy: every container is new, the values inside are immutable."""
        return StoryState(
            self.status, Frame(self.frame.label, self.frame.at),
            [Frame(f.label, f.at) for f in self.stack], dict(self.variables), dict(self.visits),
            list(self.once), list(self.route), list(self.endings),
            _copy_stage(self.stage),
            self.last_line,
            dict(self.audio),
            dict(self.picks), self.turns, dict(self.entered),
            dict(self.rng), dict(self.seen),
        )

    def to_dict(self) -> dict:
        return {
            "version": FORMAT_VERSION,
            "status": self.status,
            "position": {"label": self.frame.label, "at": self.frame.at},
            "stack": [{"label": f.label, "at": f.at} for f in self.stack],
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "once": list(self.once),
            "route": [dict(r) for r in self.route],
            "endings": list(self.endings),
            "stage": _copy_stage(self.stage),
            "last_line": dict(self.last_line) if self.last_line else None,
            "audio": {channel: None if playing is None else {"play": list(playing["play"]),
                                                             "volume": playing["volume"]}
                      for channel, playing in self.audio.items()},
            "picks": dict(self.picks),
            "turns": self.turns,
            "entered": dict(self.entered),
            "rng": dict(self.rng),
            "seen": dict(self.seen),
        }

    @classmethod
    def from_dict(cls, data: object) -> "StoryState":
        """Rebuild a state, refusing anything malformed with a message (never a KeyError)."""
        d = _expect(data, dict, "state")
        version = d.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise StateError("the state has no format version")
        if version > FORMAT_VERSION:
            raise StateError(f"the state is format {version}, newer than this game understands ({FORMAT_VERSION})")
        if version < MIN_FORMAT_VERSION:
            raise StateError(f"the state is format {version}, older than the oldest supported ({MIN_FORMAT_VERSION})")
        status = d.get("status")
        if status not in STATUSES:
            raise StateError(f"unknown status {status!r}")
        stage = _expect(d.get("stage", _NO_STAGE), dict, "stage")
        figures = _expect(stage.get("figures", {}), dict, "stage figures")
        last = d.get("last_line")
        if last is not None:
            last = _expect(last, dict, "last line")
            if not isinstance(last.get("markup", ""), str):
                last = {k: v for k, v in last.items() if k != "markup"}     # shown styled only when text
        return cls(
            status=status,
            frame=_frame(d.get("position"), "position"),
            stack=[_frame(f, "call stack entry") for f in _expect(d.get("stack", []), list, "call stack")],
            variables={_str(k, "variable name"): _scalar(v, k) for k, v in
                       _expect(d.get("variables"), dict, "variables").items()},
            visits={_str(k, "label"): _int(v, "visit count") for k, v in
                    _expect(d.get("visits", {}), dict, "visits").items()},
            once=[_str(x, "option id") for x in _expect(d.get("once", []), list, "once")],
            route=[_route_entry(r) for r in _expect(d.get("route", []), list, "route")],
            endings=[_str(x, "ending") for x in _expect(d.get("endings", []), list, "endings")],
            stage={"background": _opt_str(stage.get("background"), "background"),
                   "variant": _opt_str(stage.get("variant"), "variant"),
                   "figures": {_str(k, "figure"): _figure(v) for k, v in figures.items()}},
            last_line=last,
            audio=_audio(d.get("audio")),
            picks={_str(k, "option name"): _int(v, "pick count") for k, v in
                   _expect(d.get("picks", {}), dict, "picks").items()},
            turns=_int(d.get("turns", 0), "turn count"),
            entered={_str(k, "label"): _int(v, "turn") for k, v in
                     _expect(d.get("entered", {}), dict, "entered").items()},
            rng=_rng(d.get("rng")),
            seen={_str(k, "line id"): _int(v, "times seen") for k, v in
                  _expect(d.get("seen", {}), dict, "seen").items()},
        )


def _rng(value) -> dict:
    """The generator's seed and draw count; a state older than format 5 gets a fresh seed."""
    if value is None:
        return {"seed": new_seed(), "draws": 0}
    d = _expect(value, dict, "rng")
    seed, draws = _int(d.get("seed"), "random seed"), _int(d.get("draws", 0), "draw count")
    if not 0 <= seed < 2 ** 63 or draws < 0:
        raise StateError("the random seed or draw count is out of range")
    return {"seed": seed, "draws": draws}


def new_seed() -> int:
    return int.from_bytes(os.urandom(8), "little") >> 1


def _copy_stage(stage: dict) -> dict:
    return {"background": stage["background"], "variant": stage["variant"],
            "figures": {k: dict(v) for k, v in stage["figures"].items()}}


def _figure(value) -> dict:
    """A figure on stage; format 1 wrote its position alone."""
    if isinstance(value, str):
        value = {"at": value, "expression": None}
    d = _expect(value, dict, "figure")
    at = d.get("at", "center")
    if isinstance(at, (int, float)) and not isinstance(at, bool):
        if not 0.0 <= at <= 1.0:   # NaN and infinities fail this too
            raise StateError("a figure's position should be between 0 and 1")
        at = float(at)
    elif at not in POSITIONS:
        raise StateError(f"unknown figure position {str(at)[:40]!r}")
    return {"at": at, "expression": _opt_str(d.get("expression"), "figure expression")}


def _audio(value) -> dict:
    """What loops on each channel; a state of format 1 or 2 has no "audio" and plays nothing.
    A source must name a file inside the story folder, as the script could: a save is untrusted."""
    out = no_audio()
    if value is None:
        return out
    for channel, playing in _expect(value, dict, "audio").items():
        if channel not in out or playing is None:
            continue
        d = _expect(playing, dict, f"{channel} audio")
        play = _expect(d.get("play"), list, f"{channel} sources")
        if not play or len(play) > MAX_LAYERS:
            raise StateError(f"{channel} plays {len(play)} sources, not 1 to {MAX_LAYERS}")
        for source in play:
            _source(source, channel)
        volume = d.get("volume", 1.0)
        if isinstance(volume, bool) or not isinstance(volume, (int, float)) or not 0.0 <= volume <= 1.0:
            raise StateError(f"the {channel} volume should be a number from 0 to 1")
        out[channel] = {"play": list(play), "volume": float(volume)}
    return out


def _source(value, channel) -> None:
    source = _str(value, f"{channel} source")
    kind, _, name = source.partition(":")
    if kind == "file" and name.strip("/. ") and "\\" not in name and not name.startswith("/") \
            and name[1:2] != ":" and ".." not in name.split("/"):
        return
    if kind == "synth" and name.isidentifier():
        return
    raise StateError(f"{channel} source {source[:60]!r} is not a file in the story folder or a sound of the engine")


def _expect(value, kind, what):
    if not isinstance(value, kind):
        raise StateError(f"{what} should be a {kind.__name__}, found {type(value).__name__}")
    return value


def _str(value, what) -> str:
    return _expect(value, str, what)


def _opt_str(value, what):
    return None if value is None else _str(value, what)


def _int(value, what) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise StateError(f"{what} should be a whole number")
    return value


def _scalar(value, name):
    if not isinstance(value, (bool, int, float, str)):
        raise StateError(f"variable {name!r} has a value of type {type(value).__name__}")
    return value


def _frame(value, what) -> Frame:
    d = _expect(value, dict, what)
    return Frame(_str(d.get("label"), f"{what} label"), _str(d.get("at"), f"{what} line id"))


def _route_entry(value) -> dict:
    d = _expect(value, dict, "route entry")
    return {"label": _str(d.get("label"), "route label"), "option": _str(d.get("option"), "route option"),
            "text": _str(d.get("text", ""), "route text"), "note": _str(d.get("note", ""), "route note")}
