"""Generated stories with a known shape, for the route explorer's benchmarks and tests.

- `hub_story(n)`: a centre with n once-only options, all taken in any order before the
  way out opens: 2**n merged choice states, n! routes.
- `switches_story(n)`: n two-way choices in a row, each setting its own flag: a tree of
  2**n - 1 choice states with nothing to merge (n = 20 gives 1,048,575).
- `investigation_story(rooms, clues)`: a hub of `rooms` once-only rooms (2**rooms states,
  too many to explore within a small budget), then `clues` two-way questions; the last
  menu offers nothing for exactly one of the 2**clues answers, so a random playthrough
  runs out of choices with probability 1 / 2**clues (6.25 % for 4).
"""
from __future__ import annotations

from pathlib import Path


def _manifest(variables: dict[str, str], endings=("good", "bad")) -> str:
    lines = ["game:", "  id: route-bench", '  title: "Route bench"', "  start: start",
             "characters:", "  ann: {name: Ann}", "variables:"]
    lines += [f"  {name}: {value}" for name, value in variables.items()] or ["  unused: 0"]
    lines += ["endings:"] + [f'  {e}: {{title: "{e.title()}"}}' for e in endings]
    return "\n".join(lines) + "\n"


def hub_story(n: int) -> tuple[str, str]:
    """(game.yaml, story.yaml) of a hub of n once-only options."""
    out = ["start:", '  - "The square is quiet."', "  - jump: hub", "hub:", '  - ann: "Where now?"', "  - menu:"]
    for i in range(n):
        out += [f'      - text: "Street {i}"', "        once: true", '        set: {done: "done + 1"}',
                "        do:", f'          - "You walk down street {i} and come back."', "        jump: hub"]
    out += ['      - text: "Leave town"', f'        if: "done == {n}"', "        jump: leave"]
    out += ["leave:", '  - "The road out is open."', "  - ending: good"]
    return _manifest({"done": "0"}), "\n".join(out) + "\n"


def switches_story(n: int) -> tuple[str, str]:
    """(game.yaml, story.yaml) of n two-way choices in a row, each remembered in its own flag."""
    out = ["start:"]
    for i in range(n):
        out += [f'  - "Crossing {i}."', "  - menu:",
                f'      - text: "Left at {i}"', f"        set: {{f{i}: true, score: \"score + 1\"}}",
                f'      - text: "Right at {i}"', f"        set: {{f{i}: false}}"]
    flags = " or ".join(f"f{i}" for i in range(n)) or "true"
    out += [f'  - if: "score * 2 >= {n} and ({flags})"', "    then:", "      - ending: good",
            "  - ending: bad"]
    variables = {f"f{i}": "false" for i in range(n)}
    variables["score"] = "0"
    return _manifest(variables), "\n".join(out) + "\n"


def investigation_story(rooms: int = 16, clues: int = 4) -> tuple[str, str]:
    """(game.yaml, story.yaml) of an investigation whose accusation can offer no option."""
    out = ["start:", '  - "The house has many rooms."', "  - jump: hall", "hall:", "  - menu:"]
    for i in range(rooms):
        out += [f'      - text: "Search room {i}"', "        once: true", "        do:",
                f'          - "Room {i} holds nothing new."', "        jump: hall"]
    out += ['      - text: "Question the suspects"', "        jump: questions"]
    out += ["questions:"]
    for i in range(clues):
        out += [f'  - ann: "Question {i}: yes or no?"', "  - menu:",
                f'      - text: "Yes to {i}"', f"        set: {{c{i}: true}}",
                f'      - text: "No to {i}"', f"        set: {{c{i}: false}}"]
    # the accusation covers every answer but one: all four "no"
    out += ['  - ann: "Whom do you accuse?"', "  - menu:"]
    for i in range(clues):
        out += [f'      - text: "The one clue {i} points to"', f'        if: "c{i}"', "        jump: solved"]
    out += ["solved:", "  - ending: good"]
    return _manifest({f"c{i}": "false" for i in range(clues)}, ("good",)), "\n".join(out) + "\n"


def write_story(folder: Path, story: tuple[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest, text = story
    (folder / "game.yaml").write_text(manifest, encoding="utf-8")
    (folder / "story.yaml").write_text(text, encoding="utf-8")
    return folder
