"""Whatever a writer does to a story between two checks, the file-by-file check says exactly
what checking the whole story afresh says."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from vn import cli, incremental_check as inc

MANIFEST = """\
game: {id: props, title: "Props", start: l0}
characters:
  ann: {name: Ann}
backgrounds:
  bar: {title: "Bar"}
variables:
  score: 0
  seen_door: false
endings:
  good: {title: "Good"}
  bad: {title: "Bad"}
"""

BASE = """\
l0:
  - "It begins."
  - menu:
      - text: "First"
        jump: p0_0
      - text: "Second"
        jump: p1_0
      - text: "Third"
        jump: p2_0
"""

GOOD = ['- "The rain again."', '- ann: "Score is {score}."', '- set: {score: 2}',
        '- set: {seen_door: true}', '- "A line [b]in bold[/b]."', '- if: "score > 1"\n    then:\n      - "Enough."',
        '- "{seen_door ? Again. | First time.}"', '- scene: {background: bar}', '- "' + "On and on. " * 60 + '"']
BAD = ['- ann: "Hello {nobody}."', '- scene: {background: cellar}', '- ending: lost']
line = st.sampled_from(GOOD * 6 + BAD)     # mostly sound, so that the routes are played too


@st.composite
def label(draw, part: int, name: str) -> str:
    body = draw(st.lists(line, max_size=4))
    target = st.sampled_from([f"p{part}_0"] * 4 + [f"p{part}_1", f"p{part}_2"])
    if draw(st.booleans()):
        options = draw(st.lists(st.tuples(st.sampled_from(["Go", "Stay", "Run"]), target), min_size=1, max_size=3))
        named = draw(st.sampled_from(["", "a", "b"]))       # counted by picks()
        alike = draw(st.sampled_from([9, 9, 9, 0]))          # 0: all one name, an error when there are two
        body.append("- menu:\n" + "".join(f'      - text: "{text} {n}"\n        jump: {to}\n'
                                          + (f"        name: {named}{min(n, alike)}\n" if named else "")
                                          for n, (text, to) in enumerate(options)))
        if named and draw(st.booleans()):
            body.append(f'- if: "picks(\'{name}.{named}0\') > 0"\n    then:\n      - "Picked."')
    else:
        body.append(draw(st.sampled_from(["- ending: good", "- ending: bad", "- jump: l0"])))
    return f"{name}:\n" + "".join("  " + item + "\n" for item in body)


@st.composite
def story_file(draw, part: int) -> str:
    """Part n's labels: p<n>_0 always, and maybe p<n>_1 and p<n>_2 (a jump to one missing is an error)."""
    names = [f"p{part}_0"] + [f"p{part}_{k}" for k in (1, 2) if draw(st.booleans())]
    return "\n".join(draw(label(part, name)) for name in names)


def said(result) -> list[tuple[str, str]]:
    # a story with endless states stops exploring when its time runs out, after a number of
    # states and playthroughs that differs from run to run: only that number may differ
    return [(re.sub(r"[0-9][0-9,.]*", "#", d.format()) if d.code in ("VN107", "VN124") else d.format(),
             d.source_line) for d in result.diagnostics]


def same(folder: Path) -> None:
    for explore in (False, True):   # without routes first: a later check must still find the flows
        found = inc.incremental_check(str(folder), explore=explore)
        if found is not None:       # else the story is beyond one file, and the whole check is what runs
            assert said(found) == said(cli.check_folder(str(folder), explore=explore))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.tuples(story_file(0), story_file(1), story_file(2)),
       edits=st.lists(st.integers(0, 2).flatmap(lambda n: st.tuples(st.just(n), story_file(n))), min_size=1,
                      max_size=4))
def test_every_edit_checks_as_the_whole_story_does(first, edits):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "game.yaml").write_text(MANIFEST, encoding="utf-8")
        (folder / "base.yaml").write_text(BASE, encoding="utf-8")
        for n, text in enumerate(first):
            (folder / f"part{n}.yaml").write_text(text, encoding="utf-8")
        same(folder)
        for which, text in edits:
            (folder / f"part{which}.yaml").write_text(text, encoding="utf-8")
            same(folder)
            if which == 0 and len(text) % 3 == 0:      # now and then a new manifest: every file anew
                manifest = folder / "game.yaml"
                grown = "  score: {type: int}\n" not in manifest.read_text(encoding="utf-8")
                # a variable without a default: its reads before a set are found on the compiled story
                manifest.write_text(MANIFEST.replace("  score: 0\n", "  score: {type: int}\n")
                                    if grown else MANIFEST, encoding="utf-8")
                same(folder)
