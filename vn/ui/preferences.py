"""The player's settings, as the window uses them. There is one Settings class, kept by the
save layer (which reads and writes it with the persistent data); it is re-exported here so
the screens import it from beside them."""
from __future__ import annotations

from ..save.settings import AUTO_DELAY_RANGE, LINE_SPACING_RANGE, TEXT_SIZE_RANGE, TEXT_SPEED_RANGE, Settings

__all__ = ["Settings", "TEXT_SPEED_RANGE", "AUTO_DELAY_RANGE", "TEXT_SIZE_RANGE", "LINE_SPACING_RANGE"]
