"""Move a running story onto a freshly reloaded program, for writers editing while they play.

Variables, the route and everything else in the state carry over as they are.
Each position (the current one and every return point on the call stack)
keeps its line id when the new script still has it; otherwise it moves to the
line nearest its old place in the same label (a line moved into or out of a
sub-label is followed there); if the label itself is gone, to the start of the
story.
"""
from __future__ import annotations

from ..script import program as p
from .relocate import relocated
from .runtime import Runtime
from .state import CHOOSING, RUNNING, Frame, StoryState

_STOPS = (p.SAY, p.MENU)  # places a player can be looking at


def _nearest(old: p.LabelCode, new: p.LabelCode, at: str) -> str:
    """The id in `new` closest to where `at` stood in `old`, preferring lines and menus."""
    old_index = old.index.get(at, 0)
    old_ids = [i.id for i in old.code]
    # a statement before the old place that survived is the best anchor: resume just after it
    for back in range(old_index, -1, -1):
        anchor = old_ids[back]
        if anchor in new.index and back < old_index:
            after = new.index[anchor] + 1
            return new.code[min(after, len(new.code) - 1)].id
    stops = [n for n, ins in enumerate(new.code) if ins.op in _STOPS] or [0]
    best = min(stops, key=lambda n: abs(n - old_index))
    return new.code[best].id


def carry_over(old: p.Program, new: p.Program, state: StoryState) -> tuple[StoryState, list[str]]:
    state = state.copy()
    notices: list[str] = []
    frames = [state.frame, *state.stack]
    for frame in frames:
        place = relocated(new.labels, frame.label, frame.at)
        if place is not None:      # the line moved into or out of a sub-label
            frame.label, frame.at = place
        new_label = new.labels.get(frame.label)
        if new_label is None:
            notices.append(f"Label '{frame.label}' is gone; back to the start of the story.")
            state.frame = Frame(new.manifest.start, new.labels[new.manifest.start].code[0].id)
            state.stack = []
            state.status = RUNNING
            break
        if frame.at not in new_label.index:
            old_label = old.labels.get(frame.label)
            frame.at = _nearest(old_label, new_label, frame.at) if old_label else new_label.code[0].id
            notices.append(f"That line changed; resuming at the nearest line of '{frame.label}'.")
    if state.status == CHOOSING:
        lc = new.labels[state.frame.label]
        if lc.code[lc.index[state.frame.at]].op != p.MENU:
            state.status = RUNNING
    return state, notices


def reload_runtime(runtime: Runtime, new: p.Program) -> tuple[Runtime, list[str]]:
    """A runtime on `new` that continues where `runtime` was."""
    state, notices = carry_over(runtime.program, new, runtime.state)
    fresh = Runtime(new, state)
    return fresh, notices + fresh.notices
