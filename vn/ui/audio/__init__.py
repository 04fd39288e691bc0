"""Sound in the window: the engine (engine.py) playing the story's music, ambience,
one-shots and voice through a back end (backend.py: pygame's mixer, or a recorder for
tests), with every volume moved by envelopes (envelope.py); sources.py finds and loads
what a source names. The sounds made in code live in synth/."""
from __future__ import annotations

from .backend import PygameBackend, RecordingBackend, choose_backend
from .engine import CHANNELS, LOOPING, AudioEngine

__all__ = ["AudioEngine", "PygameBackend", "RecordingBackend", "choose_backend", "CHANNELS", "LOOPING"]
