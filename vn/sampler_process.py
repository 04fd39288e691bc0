"""Random playthroughs played by a forked copy of this process, while this one explores.

`vn check` (and `vn routes`, `vn graph`) explore a story's routes within a budget, and play
random playthroughs when the exploration could not see them all. On a machine with two
cores the playthroughs need not wait: a forked copy starts them as the exploration starts,
and if the exploration stops short, it is told to finish (a second pipe closed) once it has
played as long as a sample after the exploration would have, and hands back its report
(JSON, through a pipe; nothing is pickled). If the exploration finishes, the copy is killed.

The copy is forked before the exploration has grown anything, so it costs little memory.
Where a fork is not safe (see check_helper.can_fork), `start` returns None and the caller
samples after exploring, in this process, as before.
"""
from __future__ import annotations

import json
import os
import select
import signal
import time

from .check_helper import can_fork, reap
from .runtime.sampling import report_from_dict, report_to_dict, sample_routes


class SamplingBeside:
    """The forked copy, seen from this process."""

    def __init__(self, pid: int, replies, stop: int):
        self.pid = pid
        self.replies = replies
        self.stop = stop            # closing it tells the copy to finish its playthrough and report

    def result(self, program, not_before: float = 0.0):
        """The copy's report; None if it failed. It plays on until `not_before` (a time.monotonic()
        time: as long as a sample after the exploration would have had), then finishes."""
        try:
            time.sleep(max(0.0, not_before - time.monotonic()))
            self._stop()
            return report_from_dict(program, json.loads(self.replies.read()))
        except (ValueError, TypeError, KeyError, OSError):
            return None
        finally:
            self._end()

    def cancel(self) -> None:
        """Stop the copy now: its playthroughs are not wanted."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._end()

    def _stop(self) -> None:
        if self.stop >= 0:
            os.close(self.stop)
            self.stop = -1

    def _end(self) -> None:
        self._stop()
        self.replies.close()
        reap(self.pid)


def start(program, keys, runs: int, seed: int, seconds: float) -> SamplingBeside | None:
    """Start sampling in a forked copy; None where that is not safe."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    stop_read, stop_write = os.pipe()
    pid = os.fork()
    if pid == 0:                    # the copy: it never returns
        code = 1
        try:
            os.close(read_end)
            os.close(stop_write)
            report = sample_routes(program, runs, seed, seconds, keys=keys,
                                   keep_going=lambda: not select.select([stop_read], [], [], 0)[0])
            with os.fdopen(write_end, "w", encoding="utf-8") as out:
                out.write(json.dumps(report_to_dict(report)))
            code = 0
        except BaseException:       # the caller samples itself
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    os.close(stop_read)
    return SamplingBeside(pid, os.fdopen(read_end, encoding="utf-8"), stop_write)
