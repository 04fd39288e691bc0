"""Find a saved place again after lines moved between a label and its sub-labels.

A derived id begins with the name of the label the line is in (`cellar.1a2b3c4d`), so a
line that a new `- label: door` marker moved into `cellar.door` now has the id
`cellar.door.1a2b3c4d`, and removing the marker moves it back. Saves and hot reload ask
here before falling back to the start of a label: the same line, under its new label.
"""
from __future__ import annotations


def relocated(labels: dict, label: str, at: str) -> tuple[str, str] | None:
    """Where the place (`label`, `at`) is now, when the program (`labels`: name -> LabelCode)
    no longer has it: the same line in the label's parent or one of its sub-labels, found by
    the end of its id; else, for a sub-label that is gone, its parent, with an id ("") that
    its parent lacks, so the caller resumes at the parent's start. None when the place is
    still there, or nothing of the label's family is left."""
    code = labels.get(label)
    if code is not None and at in code.index:
        return None
    top = label.partition(".")[0]
    family = [name for name in labels if name != label and (name == top or name.startswith(top + "."))]
    ending = at[len(label):] if at.startswith(label) and at[len(label):len(label) + 1] in (".", "/") else None
    for name in family:
        index = labels[name].index
        for moved in ((name + ending,) if ending is not None else ()) + (at,):   # an explicit id moves as it is
            if moved in index:
                return name, moved
    if code is None and top in labels:
        return top, ""
    return None
