"""Render still previews of every background (``python -m vn.ui.scenes.preview DIR``)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from .registry import BACKGROUNDS, make_scene, variants  # noqa: E402
from .data import LOGICAL_SIZE  # noqa: E402

FIGURES = {"bar": [("willy", "silhouette", "center")], "cemetery": [("buffy", "spirit", "center")]}


def _run(scene, seconds: float, step: float = 1 / 60) -> None:
    for _ in range(int(seconds / step)):
        scene.update(step)


def render_previews(outdir, seconds: float = 4.0, backgrounds=None) -> list[Path]:
    """Write one PNG per background and variant, plus a gunfire frame, a late
    sunrise frame and the first frame of an ignite; returns the paths."""
    pygame.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode(LOGICAL_SIZE)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    frame = pygame.Surface(LOGICAL_SIZE)
    paths = []

    def shot(scene, name: str) -> None:
        scene.draw(frame)
        p = out / f"{name}.png"
        pygame.image.save(frame, str(p))
        paths.append(p)

    for bg in backgrounds or BACKGROUNDS:
        for var in variants(bg):
            tag = f"{bg}_{var or 'default'}"
            scene = make_scene(bg, var)
            empty = var == "empty"
            for fig in FIGURES.get(bg, []):
                if not empty:
                    scene.show_figure(*fig)
            _run(scene, seconds)
            shot(scene, tag)
            if bg == "bar" and var is None:
                scene.trigger("gunfire")
                _run(scene, 0.2)
                for _ in range(60):             # land on a strobe-on frame
                    if scene.flash_active:
                        break
                    _run(scene, 1 / 60)
                shot(scene, f"{tag}_gunfire")
                _run(scene, 1.5)
                scene.trigger("ignite")
                _run(scene, 0.1)
                shot(scene, f"{tag}_ignite")
            if bg == "cemetery":
                _run(scene, 60.0)
                shot(scene, f"{tag}_late")
            if bg == "street":
                _run(scene, 20.0)
                shot(scene, f"{tag}_sirens")
    return paths


if __name__ == "__main__":
    for p in render_previews(sys.argv[1] if len(sys.argv) > 1 else "/tmp/scene_previews",
                             backgrounds=sys.argv[2:] or None):
        print(p)
