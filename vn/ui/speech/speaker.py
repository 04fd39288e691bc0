"""The Speaker interface, the process-backed base most back ends share, and the choice of
back end for the platform this runs on.

A speaker says one thing at a time: `speak` cuts off whatever it was saying and starts the
new text, and returns at once; `stop` silences it; `speaking` tells whether it still talks
(the audio engine ducks music and ambience meanwhile). A back end that is a program runs
as a child process given an argument list (never a shell string), so a line of dialogue can
never be read as a command, and is cancelled by ending that process.

`VN_SPEECH` overrides the choice: `record` (the tests' recorder), `none` (no speech), or a
back end's name (`spd-say`, `espeak-ng`, `say`, `sapi`).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

SPEECH_ENV = "VN_SPEECH"
MAX_CHARACTERS = 4000       # what one utterance may hold: well within a pipe's buffer, so writing never blocks


class Speaker:
    """What every back end offers."""
    name = "speaker"

    def speak(self, text: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def speaking(self) -> bool:
        return False

    def close(self) -> None:
        self.stop()


class ProcessSpeaker(Speaker):
    """A back end that is a program: one child process per utterance."""
    program = ""

    def __init__(self, executable: str | None = None):
        self.executable = executable or self.program
        self.error: str | None = None        # why the program could not be started, once it could not
        self._process: subprocess.Popen | None = None
        self._ending: list[subprocess.Popen] = []    # stopped, not yet reaped

    def command(self, text: str) -> list[str]:
        """The argument list that says `text` (or reads it from stdin, see `stdin_text`)."""
        raise NotImplementedError

    def stdin_text(self, text: str) -> str | None:
        """The text to write to the program's input, for programs that read it there."""
        return None

    def speak(self, text: str) -> None:
        self.stop()
        text = text[:MAX_CHARACTERS]
        given = self.stdin_text(text)
        try:
            process = subprocess.Popen(self.command(text), stdin=subprocess.PIPE if given is not None else
                                       subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            self.error = f"{self.executable} could not be started ({exc.strerror or exc})"
            return
        if given is not None:
            try:
                process.stdin.write(given.encode("utf-8", "replace"))
                process.stdin.close()
            except OSError:     # the program ended before reading: it says nothing, which is all we lose
                pass
        self._process = process

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            self._ending.append(process)
        self._reap()

    def speaking(self) -> bool:
        self._reap()
        return self._process is not None and self._process.poll() is None

    def wait(self, timeout: float | None = None) -> None:
        """Until the current utterance is over (tests, and writing speech to a file)."""
        if self._process is not None:
            self._process.wait(timeout)

    def _reap(self) -> None:
        self._ending = [p for p in self._ending if p.poll() is None]


@dataclass(frozen=True)
class SpeechChoice:
    """The back end chosen, or why there is none (the settings screen shows the reason)."""
    speaker: Speaker | None
    reason: str = ""


def choose_speaker(platform: str = sys.platform, which=shutil.which, env=os.environ) -> SpeechChoice:
    """The platform's speech: speech-dispatcher, else eSpeak NG on Linux and other Unixes,
    SAPI on Windows, `say` on macOS."""
    from .espeak import EspeakSpeaker
    from .macos_say import SaySpeaker
    from .recording import RecordingSpeaker
    from .sapi import SapiSpeaker
    from .spd_say import SpdSaySpeaker
    wanted = env.get(SPEECH_ENV, "").strip().lower()
    if wanted == "record":
        return SpeechChoice(RecordingSpeaker())
    if wanted == "none":
        return SpeechChoice(None, f"speech is turned off ({SPEECH_ENV}=none)")
    by_name = {cls.program: cls for cls in (SpdSaySpeaker, EspeakSpeaker, SaySpeaker)}
    by_name["sapi"] = SapiSpeaker
    if wanted in by_name:
        cls = by_name[wanted]
        found = which(cls.program)
        return SpeechChoice(cls(found)) if found else SpeechChoice(None, f"{cls.program} was not found")
    if platform.startswith("win"):
        found = which(SapiSpeaker.program)
        return SpeechChoice(SapiSpeaker(found)) if found else \
            SpeechChoice(None, "Windows speech (SAPI) needs PowerShell, which was not found")
    if platform == "darwin":
        found = which(SaySpeaker.program)
        return SpeechChoice(SaySpeaker(found)) if found else SpeechChoice(None, "the say program was not found")
    for cls in (SpdSaySpeaker, EspeakSpeaker):
        found = which(cls.program)
        if found:
            return SpeechChoice(cls(found))
    return SpeechChoice(None, "no speech program found: install speech-dispatcher or espeak-ng")
