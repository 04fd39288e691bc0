"""A second process for `vn check`: it builds, validates and measures half of the files to check.

Building a file, validating its labels and measuring its texts need nothing of the other
files but their names (labels and named options), so on a machine with two cores the files
are shared between this process and a forked copy of it. The copy builds its share and
keeps each file's entry in the cache as the check would; this process reads them from there.
Then it is told the story's names, validates its share, measures its texts, and stores the
entries whole. The messages between the two are a line each: "built", the names (JSON),
"done". A copy that fails or goes quiet only makes the check build that share itself.

Only where it pays: a first check (or one after many edits) of a long story, without the
routes (which need every file's labels in one process, to compile the story), on Linux, and
only from a process with one thread that has not started pygame, which a fork would copy in
an unknown state. Nothing is pickled: both sides read the cache's JSON.
"""
from __future__ import annotations

import json
import os
import sys
import threading

MIN_BYTES = 512 * 1024      # less text than this is checked faster than a process is forked


def can_fork() -> bool:
    """Whether a forked copy of this process can work beside it: Linux, two cores or more, one
    thread (a fork copies only the calling one, with the others' locks as they were), and no
    window or audio open (the copy would share them in an unknown state; pygame's fonts, which
    the text warnings measure with, are no matter: the copy never draws)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2
            and threading.active_count() == 1 and threads() == 1 and not _window_or_audio())


def _window_or_audio() -> bool:
    pygame = sys.modules.get("pygame")
    if pygame is None:
        return False
    try:
        return bool(pygame.display.get_init() or pygame.mixer.get_init())
    except (AttributeError, pygame.error):
        return True


def threads() -> int:
    """Threads of this process, Python's or not (a file watcher's, a library's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def worth_forking(todo) -> bool:
    return len(todo) >= 2 and sum(len(entry.source.text) for entry in todo) >= MIN_BYTES and can_fork()


class Helper:
    """The forked copy, seen from this process; `share`: the files it checks."""

    def __init__(self, story, todo):
        self.story = story
        own, theirs, sizes = [], [], [0, 0]
        for entry in sorted(todo, key=lambda e: -len(e.source.text)):     # halves of like size
            side = 0 if sizes[0] <= sizes[1] else 1
            (own if side == 0 else theirs).append(entry)
            sizes[side] += len(entry.source.text)
        self.share = theirs
        up_read, up_write = os.pipe()
        down_read, down_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:                                   # the copy: it never returns
            os.close(up_read)
            os.close(down_write)
            _serve(story, theirs, os.fdopen(up_write, "w"), os.fdopen(down_read))
        os.close(up_write)
        os.close(down_read)
        self.replies = os.fdopen(up_read)
        self.orders = os.fdopen(down_write, "w")

    def built(self) -> bool:
        """Wait for the copy's share to be built and read each entry back; False if it failed."""
        return self.replies.readline() == "built\n" and \
            all(entry.read_entry(self.story.folder) for entry in self.share)

    def validate(self, names: dict, picks: dict) -> None:
        self.orders.write(json.dumps({"names": list(names), "picks": {k: [p.path, p.line, p.column]
                                                                      for k, p in picks.items()}}) + "\n")
        self.orders.flush()

    def finished(self) -> bool:
        """Wait for the copy to store its share whole; False if it failed."""
        done = self.replies.readline() == "done\n"
        self.stop()
        return done and all(entry.read_entry(self.story.folder) for entry in self.share)

    def stop(self) -> None:
        if self.pid:
            for stream in (self.orders, self.replies):
                try:
                    stream.close()
                except OSError:
                    pass
            reap(self.pid)
            self.pid = 0


def reap(pid: int) -> None:
    """Wait for a forked copy to end, so that it leaves no zombie; one already waited for is no matter."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _serve(story, share, replies, orders) -> None:
    from .script.diagnostics import Pos
    code = 1
    try:
        if all(story.build(entry) for entry in share):
            for entry in share:
                entry.write_entry()
            replies.write("built\n")
            replies.flush()
            line = orders.readline()
            if line:
                told = json.loads(line)
                names = dict.fromkeys(told["names"])
                picks = {k: Pos(path, n, c) for k, (path, n, c) in told["picks"].items()}
                story.validate_files(share, names, picks)
                story.measure_texts(share)
                for entry in share:
                    entry.write_entry()
                replies.write("done\n")
                replies.flush()
                code = 0
    except BaseException:       # the parent checks the share itself
        pass
    finally:
        os._exit(code)
