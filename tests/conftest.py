"""Shared test setup: headless SDL, and a private data folder so no test touches the player's."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("VN_DATA_DIR", tempfile.mkdtemp(prefix="vn-test-data-"))

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def scripts_dir() -> Path:
    """The game that ships with the engine."""
    return REPO / "scripts"
