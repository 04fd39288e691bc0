"""Data that outlives any one playthrough: endings reached, lines seen, settings.

Kept by the same rules as saves: one JSON file, written atomically. A damaged
file is moved aside (never deleted) and the game starts from defaults.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .settings import Settings

FORMAT = "vn-persistent"
VERSION = 1
FILENAME = "persistent.json"


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
        out = cls(Path(folder), game_id)
        try:
            raw = out.path.read_bytes()
        except FileNotFoundError:
            return out
        except OSError as exc:
            out.problem = f"persistent data could not be read ({exc.strerror})"
            return out
        try:
            doc = json.loads(raw.decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError("not a persistent data file")
            if doc.get("version") != VERSION:
                raise ValueError(f"unknown version {doc.get('version')!r}")
            endings = doc.get("endings", [])
            seen = doc.get("seen", [])
            if not (isinstance(endings, list) and all(isinstance(e, str) for e in endings)):
                raise ValueError("endings are damaged")
            if not (isinstance(seen, list) and all(isinstance(s, str) for s in seen)):
                raise ValueError("seen lines are damaged")
        except (UnicodeDecodeError, ValueError) as exc:
            aside = out.path.with_name(f"{FILENAME}.damaged-{int(time.time())}")
            out.path.replace(aside)
            out.problem = f"persistent data was damaged ({exc}); kept as {aside.name}, starting afresh"
            return out
        out.endings = list(dict.fromkeys(endings))
        out.seen = set(seen)
        out.settings = Settings.from_dict(doc.get("settings"))
        return out

    def save(self) -> None:
        doc = {"format": FORMAT, "version": VERSION, "game": self.game_id, "endings": self.endings,
               "seen": sorted(self.seen), "settings": self.settings.to_dict()}
        write_atomic(self.path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))

    def reach_ending(self, ending: str) -> bool:
        """Record an ending; True when it is new."""
        if ending in self.endings:
            return False
        self.endings.append(ending)
        return True

    def mark_seen(self, line_id: str) -> None:
        self.seen.add(line_id)
