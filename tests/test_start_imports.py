"""What the game imports before its title: the interpreter (the runtime, its events) waits until
a story is played or looked ahead into, so the first frame does not wait for it."""
from __future__ import annotations

from startprobe import after_title


def test_the_title_comes_up_without_the_interpreter_and_it_comes_when_wanted():
    done = after_title("print(type(app.top).__name__, sorted(m for m in ('vn.runtime.runtime', 'vn.runtime.events') "
                       "if m in sys.modules));"
                       "from vn.ui.scene_loader import opening_scene; print(opening_scene(app.program) is not None,"
                       "'vn.runtime.runtime' in sys.modules)")
    assert done.returncode == 0, done.stderr[-3000:]
    title, looked_ahead = done.stdout.strip().splitlines()[-2:]
    assert title == "TitleScreen []"
    assert looked_ahead == "True True"
