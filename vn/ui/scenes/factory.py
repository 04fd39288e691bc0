"""Which scene object draws a background the story declares: the engine's painted
scenes for `painted:`, a PictureScene for everything described in data."""
from __future__ import annotations

from .picture import PLAIN_BOTTOM, PLAIN_TOP, PictureScene
from .registry import make_scene


def build_scene(manifest, background: str, variant: str | None, fetch,
                plain=(PLAIN_TOP, PLAIN_BOTTOM), seed: int = 0):
    """The scene for `background` as `manifest` declares it. KeyError for a background
    with nothing the engine can draw, ValueError for a variant it does not have."""
    declared = manifest.backgrounds.get(background) if manifest is not None else None
    if declared is None or declared.kind == "painted":
        # painted: None is the background's own name (manifests written before `painted:` existed)
        painted = (declared.painted if declared is not None else None) or background
        return make_scene(painted, variant, seed=seed)
    if variant is not None and variant not in declared.variants:
        raise ValueError(f"background {background!r} has no variant {variant!r}")
    return PictureScene(declared, variant, fetch, plain, seed=seed)
