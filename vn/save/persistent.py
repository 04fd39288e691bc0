"""Data that outlives any one playthrough: endings reached, lines seen, settings.

Kept by the same rules as saves: one JSON file, written atomically. A damaged
file is moved aside (never deleted) and the game starts from defaults; where it
cannot be moved (a read-only folder), the game starts from defaults all the same.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .safeio import Refused, StoreError, display_text, encode_json, parse_json, read_regular
from .settings import Settings

FORMAT = "vn-persistent"
VERSION = 1
FILENAME = "persistent.json"
MAX_BYTES = 16 * 1024 * 1024  # a million seen lines; a real game has a few thousand


class PersistentError(StoreError):
    """Persistent data could not be written; the only error Persistent.save raises."""


@dataclass
class Persistent:
    folder: Path
    game_id: str
    endings: list[str] = field(default_factory=list)   # in the order first reached
    seen: set[str] = field(default_factory=set)        # line ids shown at least once
    settings: Settings = field(default_factory=Settings)
    problem: str = ""                                  # why the stored file could not be used, if it couldn't

    @property
    def path(self) -> Path:
        return Path(self.folder) / FILENAME

    @classmethod
    def load(cls, folder: Path, game_id: str) -> "Persistent":
        """Never raises: whatever is wrong with the file, the game starts, and `problem` says what."""
        out = cls(Path(folder), game_id)
        try:
            doc = parse_json(read_regular(out.path, MAX_BYTES))
            endings, seen = _check(doc)
            settings = Settings.from_dict(doc.get("settings"))
        except FileNotFoundError:
            return out
        except Exception as exc:  # Refused, or anything a hostile file finds: this file only is lost
            reason = str(exc) if isinstance(exc, Refused) else f"is damaged ({type(exc).__name__})"
            out.problem = out._set_aside(display_text(reason, 200))
            return out
        out.endings = list(dict.fromkeys(endings))
        out.seen = set(seen)
        out.settings = settings
        return out

    def _set_aside(self, reason: str) -> str:
        aside = self.path.with_name(f"{FILENAME}.damaged-{int(time.time())}")
        try:
            self.path.replace(aside)
        except OSError as exc:
            return (f"{FILENAME} {reason}; it could not be moved aside ({exc.strerror or exc}), "
                    f"so the game starts afresh without it.")
        return f"{FILENAME} {reason}; kept as {aside.name}, starting afresh."

    def save(self) -> None:
        """Raises PersistentError (an OSError) and nothing else."""
        doc = {"format": FORMAT, "version": VERSION, "game": self.game_id, "endings": self.endings,
               "seen": sorted(self.seen), "settings": self.settings.to_dict()}
        try:
            write_atomic(self.path, encode_json(doc, compact=False))
        except StoreError as exc:
            raise PersistentError(f"progress could not be saved ({exc})") from None
        except Exception as exc:  # e.g. a seen id that is not a string, put there by a caller
            raise PersistentError(f"progress could not be saved ({type(exc).__name__})") from None

    def reach_ending(self, ending: str) -> bool:
        """Record an ending; True when it is new."""
        if ending in self.endings:
            return False
        self.endings.append(ending)
        return True

    def mark_seen(self, line_id: str) -> None:
        self.seen.add(line_id)


def _check(doc: object) -> tuple[list[str], list[str]]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise Refused("is not a persistent data file")
    if doc.get("version") != VERSION or isinstance(doc.get("version"), bool):
        raise Refused(f"has an unknown version ({display_text(repr(doc.get('version')), 40)})")
    endings = doc.get("endings", [])
    seen = doc.get("seen", [])
    if not (isinstance(endings, list) and all(isinstance(e, str) for e in endings)):
        raise Refused("is damaged (endings)")
    if not (isinstance(seen, list) and all(isinstance(s, str) for s in seen)):
        raise Refused("is damaged (seen lines)")
    return endings, seen
