"""The cyclic garbage collector held off while a long-lived structure is built.

Loading and compiling a story build hundreds of thousands of small objects that live as
long as the game. The collector would rescan them again and again, while they are built
and in every full collection after; pausing it, then freezing what exists, moves them
out of its sight. Reference counting still frees them when the game goes.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
