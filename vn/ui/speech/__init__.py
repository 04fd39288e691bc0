"""Self-voicing: the game's text read aloud by the system's own speech.

`speaker.py` is the interface, `choose.py` picks a back end for the platform;
each back end is a file of its own: speech-dispatcher (`spd_say.py`) or eSpeak NG
(`espeak.py`) on Linux, SAPI on Windows (`sapi.py`), `say` on macOS (`macos_say.py`), and
a recorder for the tests (`recording.py`). None of them bundles a voice: they call the
programs the system already has, by argument list, without waiting. `voicing.py` decides
what is said and when. Nothing here imports pygame.
"""
from .voicing import SelfVoicing

__all__ = ["Speaker", "SpeechChoice", "SelfVoicing", "choose_speaker"]


def __getattr__(name: str):
    # the back ends (and subprocess, which they run) are imported when first asked for, not at start
    if name in ("SpeechChoice", "choose_speaker"):
        from . import choose
        return getattr(choose, name)
    if name == "Speaker":
        from .speaker import Speaker
        return Speaker
    raise AttributeError(name)
