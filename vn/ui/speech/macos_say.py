"""macOS: the system's `say`, with the voice chosen in the system's settings. The text is
read from stdin (`-f -`), so nothing in it can be taken for an option."""
from __future__ import annotations

from .speaker import ProcessSpeaker


class SaySpeaker(ProcessSpeaker):
    name = "macOS speech"
    program = "say"

    def command(self, text: str) -> list[str]:
        return [self.executable, "-f", "-"]

    def stdin_text(self, text: str) -> str | None:
        return text
