"""Linux: speech-dispatcher through `spd-say`, the desktop's own speech with the voice and
rate the player chose for their system.

`--wait` keeps the client running while the text is spoken, so the process says whether
speech goes on; the daemon speaks on after its client ends, so stopping also sends
`--cancel`.
"""
from __future__ import annotations

import subprocess

from .speaker import ProcessSpeaker


class SpdSaySpeaker(ProcessSpeaker):
    name = "speech-dispatcher"
    program = "spd-say"

    def command(self, text: str) -> list[str]:
        # "--" ends the options: a line that starts with a dash is still only text
        return [self.executable, "--wait", "--", text]

    def stop(self) -> None:
        was_speaking = self.speaking()
        super().stop()
        if was_speaking:
            try:
                self._ending.append(subprocess.Popen([self.executable, "--cancel"], stdin=subprocess.DEVNULL,
                                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            except OSError:
                pass
