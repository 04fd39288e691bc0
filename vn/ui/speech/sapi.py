"""Windows: SAPI, the system's speech, through .NET's System.Speech in a PowerShell child
process (no Python package to ship). The script is fixed and the text arrives on stdin, so
a line of dialogue is never part of a command; ending the process stops the voice."""
from __future__ import annotations

from .speaker import ProcessSpeaker

SCRIPT = ("[Console]::InputEncoding = [System.Text.Encoding]::UTF8; "
          "Add-Type -AssemblyName System.Speech; "
          "$voice = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
          "$voice.Speak([Console]::In.ReadToEnd())")


class SapiSpeaker(ProcessSpeaker):
    name = "Windows speech (SAPI)"
    program = "powershell"

    def command(self, text: str) -> list[str]:
        return [self.executable, "-NoProfile", "-NonInteractive", "-Command", SCRIPT]

    def stdin_text(self, text: str) -> str | None:
        return text
