"""Every route of the shipped game, played by the runtime: what a reader reads on it.

A helper of tests/test_story_draft.py, and a measuring tool of its own:
`python tests/story_routes.py` prints the minimum, median and maximum words over all
routes, the longest run of boxes without a choice or a change of scene, and the endings.
"""
from __future__ import annotations

import functools
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.script.program import load_program

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")


@dataclass
class Route:
    """One route: the boxes in order, the options taken, and where it ended."""
    lines: list[ev.Line] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)      # option ids, in order
    shown: list[str] = field(default_factory=list)      # every text shown: lines, prompts, options
    stretch: int = 0                                    # longest run of boxes with no choice or scene
    ending: str | None = None
    ending_lines: list[ev.Line] = field(default_factory=list)   # boxes after the last choice
    audio: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)  # (boxes before it, channel, sources)
    scenes: list[int] = field(default_factory=list)     # boxes before each change of scene
    echoes: list[tuple[str, str]] = field(default_factory=list)  # (option taken, the box right after it)

    @property
    def words(self) -> int:
        return sum(_word_count(text) for text in self.shown)

    @property
    def text(self) -> str:
        return "\n".join(self.shown)


@functools.lru_cache(maxsize=None)
def _word_count(text: str) -> int:
    return len(WORD.findall(text))


def _copy(route: Route) -> Route:
    return Route(list(route.lines), list(route.taken), list(route.shown), route.stretch,
                 route.ending, list(route.ending_lines), list(route.audio), list(route.scenes),
                 list(route.echoes))


def every_route(scripts: Path = SCRIPTS) -> list[Route]:
    program = load_program(scripts)
    routes: list[Route] = []

    def walk(runtime: Runtime, route: Route, run: int) -> None:
        while True:
            event = runtime.advance()
            if isinstance(event, ev.Line):
                if route.echoes and route.echoes[-1][1] is None:
                    route.echoes[-1] = (route.echoes[-1][0], event.text)
                route.lines.append(event)
                route.shown.append(event.text)
                route.ending_lines.append(event)
                run += 1
                route.stretch = max(route.stretch, run)
            elif isinstance(event, ev.SceneChange):
                route.scenes.append(len(route.lines))
                run = 0
            elif isinstance(event, ev.Audio):
                route.audio.append((len(route.lines), event.channel, event.play))
            elif isinstance(event, ev.Choices):
                prompt = [event.prompt.text] if event.prompt else []
                for choice in event.options:
                    branch = Runtime(program, runtime.snapshot())
                    taken = _copy(route)
                    taken.shown.extend(prompt + [o.text for o in event.options])
                    taken.taken.append(choice.id)
                    taken.echoes.append((choice.text, None))
                    taken.ending_lines = []
                    branch.choose(choice.index)
                    walk(branch, taken, 0)
                return
            elif isinstance(event, ev.EndingReached):
                route.ending = event.id
            elif isinstance(event, ev.End):
                routes.append(route)
                return

    walk(Runtime(program), Route(), 0)
    return routes


def main() -> None:
    routes = every_route(Path(sys.argv[1]) if len(sys.argv) > 1 else SCRIPTS)
    counts = sorted(r.words for r in routes)
    print(f"{len(routes)} routes; words min {counts[0]}, median {statistics.median(counts):.0f}, "
          f"max {counts[-1]}")
    print(f"longest stretch without a choice or scene change: {max(r.stretch for r in routes)} boxes")
    endings: dict[str | None, int] = {}
    for r in routes:
        endings[r.ending] = endings.get(r.ending, 0) + 1
    print("endings:", endings)
    shortest = min(routes, key=lambda r: r.words)
    print("shortest:", shortest.words, shortest.taken)
    for ending in endings:
        mine = [r.words for r in routes if r.ending == ending]
        print(f"  {ending}: min {min(mine)} max {max(mine)}")


if __name__ == "__main__":
    main()
