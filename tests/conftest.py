"""Shared test setup: headless SDL, and a private data folder so no test touches the player's."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("VN_SPEECH", "record")     # self-voicing in tests is heard by a recorder, never aloud
os.environ.setdefault("VN_DATA_DIR", tempfile.mkdtemp(prefix="vn-test-data-"))
os.environ.setdefault("VN_CACHE_DIR", tempfile.mkdtemp(prefix="vn-test-cache-"))

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def scripts_dir() -> Path:
    """The game that ships with the engine."""
    return REPO / "scripts"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """Each test its own saves and persistent data: one test's autosaves or endings must not
    enable another's Continue or change its settings."""
    monkeypatch.setenv("VN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("VN_CACHE_DIR", str(tmp_path / "cache"))    # nor another's cached check


@pytest.fixture
def app(scripts_dir):
    """The game's window at its title screen, painting on the main thread."""
    from vn.ui.app import App
    app = App(scripts_dir, paint_in_background=False)
    assert app.load()
    yield app
    app.close()


@pytest.fixture
def player(app):
    """Posts real events into `app` (see uiplayer.Player)."""
    from uiplayer import Player
    player = Player(app)
    player.frames(2)
    return player
