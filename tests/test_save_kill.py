"""A process killed with SIGKILL in the middle of saving never leaves a broken or missing save."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vn.save.resume import open_store, resume
from vn.script.program import load_program

ROOT = Path(__file__).resolve().parent.parent

WRITER = r"""
import os, sys
from vn.runtime.runtime import Runtime
from vn.save.resume import open_store
from vn.script.program import load_program
program = load_program(sys.argv[1])
store = open_store(program, __import__("pathlib").Path(sys.argv[2]))
rt = Runtime(program)
thumbnail = b"\x89PNG\r\n\x1a\n" + os.urandom(40_000)   # about the size of a real thumbnail
n = 0
while True:
    if rt.status == "choosing":
        rt.choose(n % len(rt.choices))
    elif rt.status == "ended":
        rt = Runtime(program)
    else:
        rt.advance()
    store.write(str(n % 4 + 1), rt.state, scene="x", thumbnail=thumbnail)
    store.write_autosave(rt.state, scene="x", thumbnail=thumbnail)
    if n == 3:
        print("ready", flush=True)
    n += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_saves_leaves_every_save_loadable(tmp_path):
    program = load_program(ROOT / "scripts")
    folder = tmp_path / "saves"
    rng = random.Random(7)
    for _ in range(50):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(ROOT / "scripts"), str(folder)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        # check after every kill: the next writer would overwrite any damage this one left
        store = open_store(program, folder)  # opening also clears temporaries left by killed writes
        infos = store.list()
        assert {i.slot for i in infos} == {"1", "2", "3", "4", "auto-1", "auto-2", "auto-3"}
        for info in infos:
            assert info.ok, f"{info.title}: {info.reason}"
            resume(program, store, info.slot)
        assert not list(folder.glob(".*.tmp"))
