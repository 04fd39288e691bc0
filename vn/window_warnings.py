"""What `vn check` asks of the window's fonts, dialogue box and picture decoders."""
from __future__ import annotations


def window_text_warnings(game, directory: str) -> list:
    """VN108-VN110: what the window's fonts and dialogue box make of the story's text. They
    need pygame, so only vn/ui has them; without it (a headless install) they are skipped."""
    import os
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")    # stdout is the report (and --json)
    try:
        from .ui.picturecheck import decode_problems
        from .ui.textcheck import text_warnings
    except ImportError:
        return []
    return text_warnings(game, directory) + decode_problems(game, directory)
