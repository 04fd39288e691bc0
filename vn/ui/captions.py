"""Short texts that more than one screen shows, kept here since screens do not import one another."""
from __future__ import annotations


def endings_caption(manifest, reached: list[str]) -> str:
    """"Endings 2/3": how many of the game's endings any playthrough has reached."""
    known = [e for e in reached if e in manifest.endings]
    return f"Endings {len(known)}/{len(manifest.endings)}"
