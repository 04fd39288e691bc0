"""Grey images: monochrome images (masks, fog, glows, darkening layers) kept as
8-bit palette surfaces, a quarter of the memory of 32-bit ones; their palette
maps grey to the colour they stand for.  Large ones are worked on a strip at a
time."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

import pygame

from .colour import rgb


# ---------------------------------------------------------------- grey images
GRAY = [(i, i, i) for i in range(256)]
_STRIP_BYTES = 400_000         # working strips stay small (and are reused by the allocator)


def gray8(data: bytes, size: tuple[int, int]) -> pygame.Surface:
    """An 8-bit grey image (palette i -> (i, i, i)) from one byte per pixel."""
    s = pygame.image.frombytes(bytes(data), size, "P")
    s.set_palette(GRAY)
    return s


def gray_bytes(surf: pygame.Surface) -> bytes:
    """One byte per pixel: the index of an 8-bit image, else the green channel."""
    if surf.get_bitsize() == 8:
        return pygame.image.tobytes(surf, "P")
    w, h = surf.get_size()
    rows = max(1, _STRIP_BYTES // max(1, 3 * w))
    return b"".join(pygame.image.tobytes(surf.subsurface((0, y, w, min(rows, h - y))), "RGB")[1::3]
                    for y in range(0, h, rows))


def to_gray8(surf: pygame.Surface) -> pygame.Surface:
    """An 8-bit grey copy of a grey 32-bit image."""
    return gray8(gray_bytes(surf), surf.get_size())


def gray_surface(data: bytes, size: tuple[int, int]) -> pygame.Surface:
    """A 32-bit grey image from one byte per pixel."""
    return expand(gray8(data, size))


def expand(s8: pygame.Surface) -> pygame.Surface:
    """A 32-bit copy of an 8-bit image (its palette applied)."""
    out = pygame.Surface(s8.get_size())
    out.blit(s8, (0, 0))
    return out


def remap(surf: pygame.Surface, fn: Callable[[int], float]) -> pygame.Surface:
    """Apply a tone curve (0..255 -> 0..255) to a grey image; returns an 8-bit one."""
    table = bytes(max(0, min(255, int(fn(i) + 0.5))) for i in range(256))
    return gray8(gray_bytes(surf).translate(table), surf.get_size())


@lru_cache(maxsize=512)
def _channel(top: int) -> bytes:
    """round(top * i / 255) for i in 0..255."""
    return bytes((top * i + 127) // 255 for i in range(256))


def set_ramp(s8: pygame.Surface, color, k: float = 1.0) -> pygame.Surface:
    """Make an 8-bit grey image stand for ``color`` x ``k`` x grey (for additive use)."""
    r, g, b = rgb(color)
    k = min(1.0, max(0.0, k))
    s8.set_palette(list(zip(_channel(int(r * k + 0.5)), _channel(int(g * k + 0.5)), _channel(int(b * k + 0.5)))))
    return s8


def gray_ops(size: tuple[int, int], start: int, ops: Sequence, rows: int | None = None) -> pygame.Surface:
    """Combine grey images into an 8-bit one, a strip at a time: begin with grey
    ``start`` and blend each ``(image, flags)`` or ``(image, flags, (x, y))`` in
    (images are 8- or 32-bit; a 1-pixel-wide image is a vertical gradient
    stretched across; outside a placed image the start grey stands in for it)."""
    w, h = size
    rows = rows or max(1, _STRIP_BYTES // (4 * w))
    acc = pygame.Surface((w, rows))
    tmp = pygame.Surface((w, rows))
    out = []
    for y in range(0, h, rows):
        rh = min(rows, h - y)
        a = acc.subsurface((0, 0, w, rh))
        t = tmp.subsurface((0, 0, w, rh))
        a.fill((start, start, start))
        for op in ops:
            s, flags = op[0], op[1]
            px, py = op[2] if len(op) > 2 else (0, 0)
            if s.get_width() == 1 and w > 1:
                pygame.transform.scale(s.subsurface((0, y, 1, rh)), (w, rh), t)
            else:
                t.fill((start, start, start))
                t.blit(s, (px, py - y))
            a.blit(t, (0, 0), special_flags=flags)
        out.append(pygame.image.tobytes(a, "RGB")[1::3])
    return gray8(b"".join(out), size)


def gray_product(size: tuple[int, int], parts: Sequence) -> pygame.Surface:
    """The product of grey images (see ``gray_ops``) as an 8-bit image."""
    return gray_ops(size, 255, [(p, pygame.BLEND_RGB_MULT) for p in parts])


def multiply8(target: pygame.Surface, s8: pygame.Surface) -> pygame.Surface:
    """target *= an 8-bit grey image of its size, a strip at a time (no full-size
    32-bit copy of the grey image is made)."""
    w, h = target.get_size()
    rows = max(1, _STRIP_BYTES // (4 * w))
    tmp = pygame.Surface((w, rows))
    for y in range(0, h, rows):
        rh = min(rows, h - y)
        t = tmp if rh == rows else tmp.subsurface((0, 0, w, rh))
        t.blit(s8, (0, 0), (0, y, w, rh))
        target.blit(t, (0, y), special_flags=pygame.BLEND_RGB_MULT)
    return target


def invert8(s8: pygame.Surface) -> pygame.Surface:
    """255 - grey, as a new 8-bit image."""
    table = bytes(255 - i for i in range(256))
    return gray8(gray_bytes(s8).translate(table), s8.get_size())


def crop8(s8: pygame.Surface) -> tuple[pygame.Surface, pygame.Rect] | None:
    """The smallest part of an 8-bit image holding every non-zero pixel, and where
    it was; None when the image is black."""
    s8.set_colorkey(0)
    box = s8.get_bounding_rect()
    s8.set_colorkey(None)
    if box.w == 0 or box.h == 0:
        return None
    part = s8.subsurface(box).copy()
    part.set_palette(s8.get_palette())
    return part, box
