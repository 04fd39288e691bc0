"""The game started in a fresh interpreter (dummy drivers) as far as its title, then a few
lines of code run there: for tests of what start-up imports, maps and lists."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = ("import os, sys; os.environ['SDL_VIDEODRIVER'] = 'dummy'; os.environ['SDL_AUDIODRIVER'] = 'dummy';"
         "from pathlib import Path; from vn.ui.app import App;"
         "app = App(Path('scripts'), paint_in_background=False); assert app.load();")


def after_title(code: str) -> subprocess.CompletedProcess:
    """Run `code` (one line; `app` is the started App) once the title is up."""
    return subprocess.run([sys.executable, "-c", START + code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
