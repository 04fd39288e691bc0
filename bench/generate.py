"""Generate a long but realistic game: narration, speaker lines, sets, branches and menus."""
from __future__ import annotations

from pathlib import Path

MANIFEST = """\
game:
  id: bench-game
  title: "Benchmark"
  start: part_0
characters:
  xander: {name: Xander}
  buffy: {name: Buffy, shown: spirit}
backgrounds:
  bar: {title: "The Bar", variants: [burning]}
variables:
  humanity: 0
  courage: 0
  took_lighter: false
endings:
  good: {title: "Good"}
  bad: {title: "Bad"}
"""

# one block of 25 YAML lines; repeated with fresh numbers it makes a story of any length
BLOCK = """\
  - "The rain comes down on part {n}, steady and grey, the way it always does."
  - xander: "Nothing here but the quiet and the smell of old smoke, {n}."
  - buffy: "You always say that. Humanity is {{humanity}} tonight."
  - set: {{humanity: "humanity + 1", courage: "courage + {m}"}}
  - if: "humanity > {m} and courage > 0"
    then:
      - "He keeps walking, counting the stones as he passes them."
      - xander: "Keep moving."
  - elif: "courage >= 3"
    then:
      - "The light changes over the roofs."
  - else:
      - "Nothing changes."
  - menu:
      - text: "Go on ({n})"
        set: {{humanity: "humanity + 1"}}
      - text: "Wait a while"
        if: "courage > 1"
        do:
          - "He waits. The sky does what skies do."
          - scene: {{background: bar, transition: dissolve}}
      - text: "Take the lighter"
        once: true
        set: {{took_lighter: true}}
  - pause: 0.5
  - show: buffy
"""


def write_long_game(folder: Path, lines: int = 100_000, labels: int = 400, files: int = 20) -> int:
    """Writes game.yaml and story_NN.yaml files; returns the number of story lines written."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "game.yaml").write_text(MANIFEST, encoding="utf-8")
    block_lines = BLOCK.count("\n")
    blocks = max(1, lines // block_lines)
    per_label = max(1, blocks // labels)
    out, label = [], 0
    for n in range(blocks):
        if n % per_label == 0:
            if n:
                out.append(f"  - jump: part_{label + 1}\n")
                label += 1
            out.append(f"part_{label}:\n")
        out.append(BLOCK.format(n=n, m=n % 40))  # varied, as real conditions are
    out.append("  - ending: good\n")
    # labels spread over several files, as a long game would be
    chunks: list[list[str]] = [[] for _ in range(files)]
    label = -1
    for piece in out:
        if not piece.startswith(" "):
            label += 1
        chunks[min(label * files // labels, files - 1)].append(piece)
    total = 0
    for n, chunk in enumerate(chunks):
        text = "".join(chunk)
        (folder / f"story_{n:02}.yaml").write_text(text, encoding="utf-8")
        total += text.count("\n")
    return total
