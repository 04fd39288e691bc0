"""The BLAKE2 hashes the engine keys its caches, ids and route states with.

They come from `_blake2`, the very classes hashlib hands out: importing hashlib itself would
also map OpenSSL (3.4 MB resident in the game window) for nothing this engine uses."""
from __future__ import annotations

try:
    from _blake2 import blake2b, blake2s
except ImportError:  # a Python built without it
    from hashlib import blake2b, blake2s

__all__ = ["blake2b", "blake2s"]
