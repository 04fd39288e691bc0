"""Draw every picture The Last Lamp shows, into images/ beside this file.

    .venv/bin/python examples/lighthouse/make_pictures.py

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


def save(surface: pygame.Surface, name: str) -> None:
    target = IMAGES / name
    target.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(target))
    print(f"{target.relative_to(HERE)}  {surface.get_width()}x{surface.get_height()}  "
          f"{target.stat().st_size // 1024} KB")


def main(only: str = "") -> None:
    for who, (draw, expressions) in people.PEOPLE.items():
        for expression in expressions:
            if only in who:
                save(draw(expression), f"{who} {expression}.png")
    for name, draw in {**harbour.LAYERS, **rooms.ROOMS}.items():
        if only in name:
            save(draw(), name)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
