"""Save slots: one JSON file per slot, written atomically, refused with a reason when damaged.

The thumbnail is embedded (base64 PNG) rather than written beside the save:
one file means one atomic rename covers both, so a crash can never leave a
save without its picture or a picture of another save, and listing the slots
reads exactly one file each.
"""
from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..runtime.state import StateError, StoryState
from .atomic import remove_stale_temporaries, write_atomic
from .migrate import SAVE_VERSION, MigrationError, migrate
from .png import thumbnail_from_text
from .safeio import Refused, StoreError, contains_non_finite, display_text, encode_json, parse_json, read_regular

FORMAT = "vn-save"
SLOT = re.compile(r"[0-9]{1,3}|auto-[0-9]{1,2}|quick")  # fullmatch only: match lets "1\n" in, \d lets "１" in
AUTOSAVES = 3
MAX_SAVE_BYTES = 16 * 1024 * 1024  # a real save is well under 1 MB; anything this big is not one
MAX_PLAY_TIME = 100 * 365 * 24 * 3600.0
OLDEST_YEAR, NEWEST_YEAR = 1971, 9998  # any date between converts to every time zone without overflow


class SaveError(StoreError):
    """A save that cannot be written or loaded; the message names the slot and says why.

    Every failure of SaveStore.write, write_autosave, delete and read is a SaveError, so a
    caller needs one except clause. It is an OSError, like the disk errors it usually reports."""

    def __init__(self, slot: str, reason: str):
        self.slot = slot
        self.reason = reason
        super().__init__(f"{slot_title(slot)}: {reason}")

    def __reduce__(self):  # OSError's own would rebuild it from the message alone
        return type(self), (self.slot, self.reason)


def valid_slot(slot: object) -> bool:
    return isinstance(slot, str) and SLOT.fullmatch(slot) is not None


def slot_title(slot: str) -> str:
    slot = display_text(slot, 40)
    if slot == "quick":
        return "Quicksave"
    if slot.startswith("auto-"):
        return f"Autosave {slot[5:]}"
    return f"Slot {slot}"


@dataclass
class SaveInfo:
    slot: str
    ok: bool
    reason: str = ""             # why it was refused, when not ok
    created: str = ""            # ISO 8601, UTC
    play_time: float = 0.0       # seconds
    scene: str = ""
    summary: str = ""            # e.g. "spared Willy · took the lighter · no fire"
    last_line: str = ""
    thumbnail: bytes | None = None
    same_script: bool = True     # False when the story changed since the save was made
    last_markup: str = ""        # the last line with its style tags, when it has any

    @property
    def title(self) -> str:
        return slot_title(self.slot)

    @property
    def when(self) -> datetime | None:
        """The time of the save, timezone-aware, in a range every time zone can show; or None."""
        created = normal_created(self.created)
        return datetime.fromisoformat(created) if created else None


def normal_created(text: object) -> str:
    """An ISO 8601 time in UTC that converts safely to local time; '' for anything else.
    A time without a zone (hand-edited) is taken as UTC."""
    if not isinstance(text, str) or len(text) > 64:
        return ""
    try:
        when = datetime.fromisoformat(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        when = when.astimezone(timezone.utc)
    except (ValueError, TypeError, OverflowError):
        return ""
    if not OLDEST_YEAR <= when.year <= NEWEST_YEAR:
        return ""
    return when.isoformat(timespec="seconds")


def seconds(value: object) -> float:
    """A play time fit to show: finite, 0 to a century."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    try:
        value = float(value)
    except OverflowError:
        return MAX_PLAY_TIME
    return min(max(value, 0.0), MAX_PLAY_TIME) if math.isfinite(value) else 0.0


class SaveStore:
    def __init__(self, folder: Path, game_id: str, fingerprint: str):
        self.folder = Path(folder)
        self.game_id = game_id
        self.fingerprint = fingerprint
        remove_stale_temporaries(self.folder)

    def path(self, slot: str) -> Path:
        if not valid_slot(slot):
            raise SaveError(str(slot), "not a valid slot name")
        return self.folder / f"{slot}.json"

    # -- writing ---------------------------------------------------------------
    def write(self, slot: str, state: StoryState | dict, *, scene: str = "", summary: str = "",
              play_time: float = 0.0, thumbnail: bytes | None = None, last_line: str | None = None,
              last_markup: str | None = None) -> SaveInfo:
        """`last_line`: the line on screen (`last_markup`: with its style tags); the state's own last
        line when not given.
        Raises SaveError only (see the class)."""
        path = self.path(slot)
        try:
            state_dict = state.to_dict() if isinstance(state, StoryState) else state
            if last_line is None:
                last = state_dict.get("last_line") or {}
                last_line, last_markup = last.get("text", ""), last.get("markup")
            doc = {
                "format": FORMAT,
                "version": SAVE_VERSION,
                "game": self.game_id,
                "fingerprint": self.fingerprint,
                "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "play_time": round(seconds(play_time), 3),
                "scene": _text(scene),
                "summary": _text(summary),
                "last_line": _text(last_line),
                **({"last_markup": _text(last_markup)} if last_markup else {}),
                "thumbnail": base64.b64encode(thumbnail).decode("ascii") if thumbnail else None,
                "state": state_dict,
            }
            data = encode_json(doc, compact=True)
            if len(data) > MAX_SAVE_BYTES:
                raise StoreError("the story's state is far too large to save")
            write_atomic(path, data)
        except SaveError:
            raise
        except StoreError as exc:
            raise SaveError(slot, f"could not be saved ({exc})") from None
        except Exception as exc:  # a state that is not what a runtime makes: still one kind of error
            raise SaveError(slot, f"could not be saved ({type(exc).__name__}: {display_text(str(exc), 120)})") \
                from None
        return self._info(slot, doc)

    def write_autosave(self, state, **meta) -> SaveInfo:
        """Rotate over AUTOSAVES slots: an empty one first, else the oldest."""
        slots = [f"auto-{n}" for n in range(1, AUTOSAVES + 1)]
        existing = {}
        for s in slots:
            try:
                existing[s] = self.path(s).stat().st_mtime_ns
            except OSError:
                pass
        free = [s for s in slots if s not in existing]
        target = free[0] if free else min(existing, key=existing.get)
        return self.write(target, state, **meta)

    def delete(self, slot: str) -> None:
        try:
            self.path(slot).unlink(missing_ok=True)
        except OSError as exc:
            raise SaveError(slot, f"could not be deleted ({exc.strerror or exc})") from None

    # -- reading ---------------------------------------------------------------
    def read(self, slot: str) -> dict:
        """The whole save document, migrated to the current version; raises SaveError and nothing else."""
        path = self.path(slot)
        try:
            return self._read(slot, path)
        except SaveError:
            raise
        except Refused as exc:
            raise SaveError(slot, str(exc)) from None
        except Exception as exc:  # whatever a hostile file finds, it costs this slot only
            raise SaveError(slot, f"is damaged ({type(exc).__name__})") from None

    def _read(self, slot: str, path: Path) -> dict:
        try:
            doc = parse_json(read_regular(path, MAX_SAVE_BYTES))
        except FileNotFoundError:
            raise SaveError(slot, "is empty") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise SaveError(slot, "is not a save file of this game")
        if doc.get("game") != self.game_id:
            raise SaveError(slot, f"belongs to another game ({display_text(str(doc.get('game')), 40)})")
        try:
            doc = migrate(doc)
        except MigrationError as exc:
            raise SaveError(slot, display_text(str(exc))) from None
        problem = _check_document(doc)
        if problem:
            raise SaveError(slot, f"is damaged ({problem})")
        try:
            StoryState.from_dict(doc["state"])
        except StateError as exc:
            raise SaveError(slot, f"is damaged ({display_text(str(exc))})") from None
        return doc

    def info(self, slot: str) -> SaveInfo:
        """What the save screen shows; never raises."""
        try:
            return self._info(slot, self.read(slot))
        except SaveError as exc:
            return SaveInfo(slot, False, display_text(exc.reason))
        except Exception as exc:
            return SaveInfo(slot, False, f"is damaged ({type(exc).__name__})")

    def _info(self, slot: str, doc: dict) -> SaveInfo:
        """Every field made safe to show: a value that cannot be is blanked, and the save stays listed."""
        return SaveInfo(slot, True, "", normal_created(doc["created"]), seconds(doc["play_time"]),
                        display_text(doc["scene"]), display_text(doc["summary"]), display_text(doc["last_line"]),
                        thumbnail_from_text(doc.get("thumbnail")), doc["fingerprint"] == self.fingerprint,
                        display_text(_text(doc.get("last_markup"))))

    def slots(self) -> list[str]:
        """Every slot with a file, in display order: quicksave, autosaves, then numbered slots."""
        try:
            names = [p.stem for p in self.folder.glob("*.json") if valid_slot(p.stem)]
        except OSError:
            return []

        def order(name):
            if name == "quick":
                return (0, 0)
            if name.startswith("auto-"):
                return (1, int(name[5:]))
            return (2, int(name))
        return sorted(names, key=order)

    def list(self) -> list[SaveInfo]:
        return [self.info(s) for s in self.slots()]

    def newest(self) -> SaveInfo | None:
        """The save to continue from; a save whose date was unusable counts as the oldest."""
        def key(info):
            try:
                mtime = self.path(info.slot).stat().st_mtime_ns
            except OSError:
                mtime = 0
            return info.when or datetime.min.replace(tzinfo=timezone.utc), mtime
        return max((i for i in self.list() if i.ok), key=key, default=None)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


_FIELDS = {"created": str, "play_time": (int, float), "scene": str, "summary": str, "last_line": str,
           "fingerprint": str, "state": dict}


def _check_document(doc: dict) -> str:
    for key, kind in _FIELDS.items():
        if key not in doc:
            return f"'{key}' is missing"
        if not isinstance(doc[key], kind) or isinstance(doc[key], bool):
            return f"'{key}' has the wrong type"
    if doc.get("thumbnail") is not None and not isinstance(doc["thumbnail"], str):
        return "'thumbnail' has the wrong type"
    if contains_non_finite(doc["state"]):
        return "the story's state holds a number that is not finite"
    return ""
