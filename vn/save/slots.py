"""Save slots: one JSON file per slot, written atomically, refused with a reason when damaged.

The thumbnail is embedded (base64 PNG) rather than written beside the save:
one file means one atomic rename covers both, so a crash can never leave a
save without its picture or a picture of another save, and listing the slots
reads exactly one file each.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..runtime.state import StateError, StoryState
from .atomic import remove_stale_temporaries, write_atomic
from .migrate import SAVE_VERSION, MigrationError, migrate

FORMAT = "vn-save"
SLOT = re.compile(r"^(?:\d{1,3}|auto-\d{1,2}|quick)$")
AUTOSAVES = 3
MAX_SAVE_BYTES = 16 * 1024 * 1024  # a real save is well under 1 MB; anything this big is not one
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class SaveError(Exception):
    """A save that cannot be written or loaded; the message names the slot and says why."""

    def __init__(self, slot: str, reason: str):
        self.slot = slot
        self.reason = reason
        super().__init__(f"{slot_title(slot)}: {reason}")


def slot_title(slot: str) -> str:
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

    @property
    def title(self) -> str:
        return slot_title(self.slot)

    @property
    def when(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.created)
        except ValueError:
            return None


class SaveStore:
    def __init__(self, folder: Path, game_id: str, fingerprint: str):
        self.folder = Path(folder)
        self.game_id = game_id
        self.fingerprint = fingerprint
        if self.folder.is_dir():
            remove_stale_temporaries(self.folder)

    def path(self, slot: str) -> Path:
        if not SLOT.match(slot):
            raise SaveError(slot, "not a valid slot name")
        return self.folder / f"{slot}.json"

    # -- writing ---------------------------------------------------------------
    def write(self, slot: str, state: StoryState | dict, *, scene: str = "", summary: str = "",
              play_time: float = 0.0, thumbnail: bytes | None = None, last_line: str | None = None) -> SaveInfo:
        """`last_line`: the line on screen; the state's own last line when not given."""
        state_dict = state.to_dict() if isinstance(state, StoryState) else state
        if last_line is None:
            last_line = (state_dict.get("last_line") or {}).get("text", "")
        doc = {
            "format": FORMAT,
            "version": SAVE_VERSION,
            "game": self.game_id,
            "fingerprint": self.fingerprint,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "play_time": round(float(play_time), 3),
            "scene": scene,
            "summary": summary,
            "last_line": last_line,
            "thumbnail": base64.b64encode(thumbnail).decode("ascii") if thumbnail else None,
            "state": state_dict,
        }
        write_atomic(self.path(slot), json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return self._info(slot, doc)

    def write_autosave(self, state, **meta) -> SaveInfo:
        """Rotate over AUTOSAVES slots: an empty one first, else the oldest."""
        slots = [f"auto-{n}" for n in range(1, AUTOSAVES + 1)]
        existing = {s: self.path(s).stat().st_mtime_ns for s in slots if self.path(s).exists()}
        free = [s for s in slots if s not in existing]
        target = free[0] if free else min(existing, key=existing.get)
        return self.write(target, state, **meta)

    def delete(self, slot: str) -> None:
        self.path(slot).unlink(missing_ok=True)

    # -- reading ---------------------------------------------------------------
    def read(self, slot: str) -> dict:
        """The whole save document, migrated to the current version; raises SaveError."""
        path = self.path(slot)
        try:
            if path.stat().st_size > MAX_SAVE_BYTES:
                raise SaveError(slot, "is damaged (far too large to be a save)")
            raw = path.read_bytes()
        except FileNotFoundError:
            raise SaveError(slot, "is empty") from None
        except OSError as exc:
            raise SaveError(slot, f"cannot be read ({exc.strerror})") from None
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise SaveError(slot, "is damaged (not a readable save file)") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise SaveError(slot, "is not a save file of this game")
        if doc.get("game") != self.game_id:
            raise SaveError(slot, f"belongs to another game ({str(doc.get('game'))[:40]})")
        try:
            doc = migrate(doc)
        except MigrationError as exc:
            raise SaveError(slot, str(exc)) from None
        problem = _check_document(doc)
        if problem:
            raise SaveError(slot, f"is damaged ({problem})")
        try:
            StoryState.from_dict(doc["state"])
        except StateError as exc:
            raise SaveError(slot, f"is damaged ({exc})") from None
        return doc

    def info(self, slot: str) -> SaveInfo:
        """What the save screen shows; never raises."""
        try:
            return self._info(slot, self.read(slot))
        except SaveError as exc:
            return SaveInfo(slot, False, exc.reason)

    def _info(self, slot: str, doc: dict) -> SaveInfo:
        thumb = None
        if doc.get("thumbnail"):
            try:
                thumb = base64.b64decode(doc["thumbnail"], validate=True)
            except (binascii.Error, ValueError):
                thumb = None
            if thumb is not None and not thumb.startswith(PNG_MAGIC):
                thumb = None
        return SaveInfo(slot, True, "", doc["created"], doc["play_time"], doc["scene"], doc["summary"],
                        doc["last_line"], thumb, doc["fingerprint"] == self.fingerprint)

    def slots(self) -> list[str]:
        """Every slot with a file, in display order: quicksave, autosaves, then numbered slots."""
        if not self.folder.is_dir():
            return []
        names = [p.stem for p in self.folder.glob("*.json") if SLOT.match(p.stem)]

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
        good = [i for i in self.list() if i.ok and i.when is not None]
        return max(good, key=lambda i: (i.when, self.path(i.slot).stat().st_mtime_ns), default=None)


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
    try:
        datetime.fromisoformat(doc["created"])
    except ValueError:
        return "'created' is not a date"
    return ""
