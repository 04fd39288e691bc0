"""Linux and other Unixes without speech-dispatcher: eSpeak NG, called as a program (it is
the system's, never bundled). The text goes in on stdin, as UTF-8, so nothing in it can be
taken for an option; with `wav_path` the speech is written to that file instead of played."""
from __future__ import annotations

from .speaker import ProcessSpeaker


class EspeakSpeaker(ProcessSpeaker):
    name = "eSpeak NG"
    program = "espeak-ng"

    def __init__(self, executable: str | None = None, wav_path: str | None = None):
        super().__init__(executable)
        self.wav_path = wav_path

    def command(self, text: str) -> list[str]:
        command = [self.executable, "-b", "1", "--stdin"]
        if self.wav_path is not None:
            command[1:1] = ["-w", str(self.wav_path)]
        return command

    def stdin_text(self, text: str) -> str | None:
        return text
