"""Fitting a restored state (a save, a rollback, a hot reload) to the script as it is now.

A moved line is found by id (also in another part of its label, see relocate.py); a removed
one falls back to the start of its label; a removed label is refused (a removed sub-label:
its parent's start). Variables, the stage and the audio are fitted to the manifest.
"""
from __future__ import annotations

from ..script import program as p
from ..script.model import SYNTH_SOUNDS
from .relocate import relocated
from .state import CHOOSING, RUNNING, StateError, StoryState


def label_code(program: p.Program, label: str) -> p.LabelCode:
    try:
        return program.labels[label]
    except KeyError:
        raise StateError(f"the story has no label '{label}' any more") from None


def reconciled(program: p.Program, st: StoryState) -> list[str]:
    """Fits `st` in place; returns what had to be adjusted, in words for the player."""
    notices = []
    for frame in [st.frame, *st.stack]:
        place = relocated(program.labels, frame.label, frame.at)
        if place is not None:      # the line moved into or out of a sub-label
            frame.label, frame.at = place
        lc = label_code(program, frame.label)
        if frame.at not in lc.index:
            notices.append(f"The script changed: resuming at the start of '{frame.label}'.")
            frame.at = lc.code[0].id
    here = label_code(program, st.frame.label)
    if st.status == CHOOSING and here.code[here.index[st.frame.at]].op != p.MENU:
        st.status = RUNNING  # the menu it waited at is gone; play on from the label's start
    defaults = program.defaults()
    for name, value in list(st.variables.items()):
        if name not in defaults or type(value) is not type(defaults[name]):
            if not (isinstance(value, int) and isinstance(defaults.get(name), float)
                    and not isinstance(value, bool)):
                del st.variables[name]
    for name, value in defaults.items():
        st.variables.setdefault(name, value)
    program.fit_values(st.variables)
    _fit_stage(program, st)
    return notices


def _fit_stage(program: p.Program, st: StoryState) -> None:
    """What the state has on stage, fitted to the manifest: what is gone is dropped, and a
    character with pictures always names one of them (a state written before it had any)."""
    stage, manifest = st.stage, program.manifest
    background = manifest.backgrounds.get(stage["background"]) if stage["background"] else None
    if background is None:
        stage["background"] = stage["variant"] = None
    elif stage["variant"] is not None and stage["variant"] not in background.variants:
        stage["variant"] = None
    figures = {}
    for name, figure in stage["figures"].items():
        who = manifest.characters.get(name)
        if who is None:
            continue
        expression = figure["expression"]
        if who.images and expression not in who.images:
            expression = who.default_expression
        figures[name] = {"at": figure["at"], "expression": expression if who.images else None}
    stage["figures"] = figures
    for channel, playing in st.audio.items():
        # a sound the engine no longer makes would fail in the window: the channel falls silent
        if playing is not None and any(source.startswith("synth:") and source[6:] not in SYNTH_SOUNDS
                                       for source in playing["play"]):
            st.audio[channel] = None
