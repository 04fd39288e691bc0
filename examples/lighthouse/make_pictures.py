"""Draw every picture The Last Lamp shows, into images/ beside this file.

    .venv/bin/python examples/lighthouse/make_pictures.py              # all of them
    .venv/bin/python examples/lighthouse/make_pictures.py maren        # those whose name holds "maren"
    .venv/bin/python examples/lighthouse/make_pictures.py --out DIR    # somewhere else (tests compare)

Nothing is downloaded: each picture is painted here with pygame, from a fixed
random seed, so running it again gives the same pictures.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from art import harbour, people, rooms  # noqa: E402

IMAGES = HERE / "images"


def save(surface: pygame.Surface, name: str, out: Path) -> None:
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(target))
    print(f"{target}  {surface.get_width()}x{surface.get_height()}  "
          f"{target.stat().st_size // 1024} KB")


def main(only: str = "", out: Path = IMAGES) -> None:
    for who, (draw, expressions) in people.PEOPLE.items():
        for expression in expressions:
            if only in who:
                save(draw(expression), f"{who} {expression}.png", out)
    for name, draw in {**harbour.LAYERS, **rooms.ROOMS}.items():
        if only in name:
            save(draw(), name, out)


if __name__ == "__main__":
    args = sys.argv[1:]
    target = IMAGES
    if "--out" in args:
        at = args.index("--out")
        target = Path(args[at + 1])
        del args[at:at + 2]
    main(args[0] if args else "", target)
