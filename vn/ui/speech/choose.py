"""Which speech back end this system has: speech-dispatcher, else eSpeak NG on Linux and
other Unixes, SAPI on Windows, `say` on macOS; or why there is none.

`VN_SPEECH` overrides the choice: `record` (the tests' recorder), `none` (no speech), or a
back end's program (`spd-say`, `espeak-ng`, `say`, `powershell` for SAPI, or `sapi`).
"""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass

from .espeak import EspeakSpeaker
from .macos_say import SaySpeaker
from .recording import RecordingSpeaker
from .sapi import SapiSpeaker
from .spd_say import SpdSaySpeaker
from .speaker import Speaker

SPEECH_ENV = "VN_SPEECH"


@dataclass(frozen=True)
class SpeechChoice:
    """The back end chosen, or why there is none (the settings screen shows the reason)."""
    speaker: Speaker | None
    reason: str = ""


def choose_speaker(platform: str = sys.platform, which=shutil.which, env=os.environ) -> SpeechChoice:
    """The platform's speech: speech-dispatcher, else eSpeak NG on Linux and other Unixes,
    SAPI on Windows, `say` on macOS."""
    wanted = env.get(SPEECH_ENV, "").strip().lower()
    if wanted == "record":
        return SpeechChoice(RecordingSpeaker())
    if wanted == "none":
        return SpeechChoice(None, f"speech is turned off ({SPEECH_ENV}=none)")
    by_name = {cls.program: cls for cls in (SpdSaySpeaker, EspeakSpeaker, SaySpeaker, SapiSpeaker)}
    by_name["sapi"] = SapiSpeaker
    if wanted in by_name:
        cls = by_name[wanted]
        found = which(cls.program)
        return SpeechChoice(cls(found)) if found else SpeechChoice(None, f"{cls.program} was not found")
    if platform.startswith("win"):
        found = which(SapiSpeaker.program)
        return SpeechChoice(SapiSpeaker(found)) if found else \
            SpeechChoice(None, "PowerShell, for Windows speech, was not found")
    if platform == "darwin":
        found = which(SaySpeaker.program)
        return SpeechChoice(SaySpeaker(found)) if found else SpeechChoice(None, "the say program was not found")
    for cls in (SpdSaySpeaker, EspeakSpeaker):
        found = which(cls.program)
        if found:
            return SpeechChoice(cls(found))
    return SpeechChoice(None, "no speech program (speech-dispatcher or espeak-ng)")
