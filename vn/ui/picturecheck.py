"""What `vn check` asks of the window about pictures: whether this platform can decode them.

The script layer reads every picture's header (vn/script/pictures.py), which is enough
for PNG, JPEG, GIF and BMP: pygame decodes those everywhere. WebP depends on how
pygame's image module was built, so a WebP picture is decoded once here, with the
window's own decoder, and refused when it cannot be (VN041).
"""
from __future__ import annotations

from pathlib import Path

from ..script.diagnostics import Diagnostic

WEBP_CODE = "VN041"


def _is_webp(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return False     # the script's checks already say why it cannot be read
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _pictures(manifest):
    """(position of the declaration, picture path) for every picture the story names."""
    for background in manifest.backgrounds.values():
        for path in (background.image, *background.variant_images.values()):
            if path:
                yield background.pos, path
        for layer in background.layers:
            yield layer.pos, layer.image
    for character in manifest.characters.values():
        for path in character.images.values():
            yield character.pos, path


def decode_problems(game, root: str | Path) -> list[Diagnostic]:
    import pygame
    root = Path(root)
    out, tried = [], {}
    for pos, rel in _pictures(game.manifest):
        path = root / rel
        if rel not in tried:
            tried[rel] = None
            if _is_webp(path):
                try:
                    pygame.image.load(str(path))
                except (pygame.error, OSError, ValueError) as exc:
                    tried[rel] = str(exc) or "unsupported"
        if tried[rel] is not None:
            out.append(Diagnostic(pos, WEBP_CODE,
                                  f"'{rel}' is a WebP picture, which pygame cannot decode on this platform "
                                  f"({tried[rel]})", "save it as PNG (with transparency) or JPEG"))
    return out
