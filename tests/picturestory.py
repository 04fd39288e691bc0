"""Stories with pictures, made in a test's folder: pictures drawn with pygame and saved."""
from __future__ import annotations

from pathlib import Path

import pygame

RED, BLUE, GREEN, YELLOW, WHITE = (200, 30, 30), (30, 40, 200), (30, 180, 60), (230, 210, 40), (255, 255, 255)
SPRITE_SIZE = (160, 400)


def solid(path: Path, size, colour, alpha: bool = False, marker=None) -> Path:
    """A picture of one colour (with a transparent border when `alpha`), saved as PNG or JPEG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    surf = pygame.Surface(size, pygame.SRCALPHA if alpha else 0)
    if alpha:
        surf.fill((0, 0, 0, 0))
        surf.fill(colour + (255,), pygame.Rect(10, 10, size[0] - 20, size[1] - 10))
    else:
        surf.fill(colour)
    if marker is not None:
        rect, colour2 = marker
        surf.fill(colour2, rect)
    pygame.image.save(surf, str(path))
    return path


def stripes(path: Path, size, colours) -> Path:
    """Vertical stripes of equal width, one colour each."""
    surf = pygame.Surface(size)
    w = size[0] // len(colours)
    for n, c in enumerate(colours):
        surf.fill(c, (n * w, 0, w if n < len(colours) - 1 else size[0] - n * w, size[1]))
    pygame.image.save(surf, str(path))
    return path


def write_story(folder: Path, manifest_extra: str, story: str, title: str = "Pictures") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "game.yaml").write_text(
        f"game:\n  id: pictures-test\n  title: \"{title}\"\n  start: start\n{manifest_extra}"
        "endings:\n  done: {title: \"Done\"}\n", encoding="utf-8")
    (folder / "story.yaml").write_text(story, encoding="utf-8")
    return folder


def pixel(app, pos) -> tuple[int, int, int]:
    return tuple(app.display.canvas.get_at(pos))[:3]


def near(a, b, tol: int = 12) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))
