"""Build small game folders for tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

MANIFEST = """\
game:
  id: test-game
  title: "Test Game"
  start: start
characters:
  xander: {name: Xander}
  buffy: {name: Buffy, shown: spirit}
backgrounds:
  bar: {title: "The Bar", variants: [burning]}
  street: {title: "The Street"}
variables:
  humanity: 0
  took_lighter: false
  mood: "calm"
  ratio: 0.5
endings:
  good: {title: "Good"}
  bad: {title: "Bad"}
"""


def write_game(root: Path, story: str, manifest: str = MANIFEST, name: str = "story.yaml") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "game.yaml").write_text(manifest, encoding="utf-8")
    (root / name).write_text(textwrap.dedent(story), encoding="utf-8")
    return root
