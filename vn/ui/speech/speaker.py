"""The Speaker interface, and the process-backed base the system back ends share.

A speaker says one thing at a time: `speak` cuts off whatever it was saying and starts the
new text, and returns at once; `stop` silences it; `speaking` tells whether it still talks
(the audio engine ducks music and ambience meanwhile). A back end that is a program runs
as a child process given an argument list (never a shell string), so a line of dialogue can
never be read as a command, and is cancelled by ending that process.
"""
from __future__ import annotations

import subprocess

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
