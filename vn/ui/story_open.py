"""Opening a story's own parts once its scripts have loaded: its theme over the engine's, and
the player's data for it (saves, persistent data, the stored settings). The app calls these
from `load`; either shows the error screen and returns False when it cannot go on."""
from __future__ import annotations


def apply_story_theme(app) -> bool:
    """The story folder's theme.json over the engine's theme; a bad one shows why."""
    from .story_theme import ThemeError, read
    try:
        data = read(app.scripts_dir)
    except (ThemeError, OSError) as exc:
        app.program = None
        app.nav.reset("error", f"The story's theme cannot be used: {exc}", via="for_exception")
        return False
    if data is not None:
        app.theme.merge(data)
    return True


def open_player_data(app) -> bool:
    """Open the saves and persistent data; a data folder that cannot be used (a bad
    VN_DATA_DIR) shows the error screen saying what to set, instead of stopping."""
    from ..save.datadir import DataDirError, data_dir
    from ..save.persistent import Persistent
    from ..save.resume import open_store
    game_id = app.program.manifest.game_id
    try:
        folder = data_dir(game_id)
        app.persistent = Persistent.load(folder, game_id)
        app.saves = open_store(app.program)
    except (DataDirError, OSError) as exc:
        app.persistent = app.saves = None
        app.nav.reset("error", f"The folder for saves cannot be used: {exc}", via="for_exception")
        return False
    if app.persistent.problem:
        app.toasts.show(app.persistent.problem, "warning")
    if not app._settings_given:
        # the one Settings object every screen holds takes the stored values in place
        for name, value in app.persistent.settings.to_dict().items():
            setattr(app.settings, name, value)
    app.persistent.settings = app.settings
    if app.settings.fullscreen != app.display.fullscreen:
        app.settings.fullscreen = app.display.set_fullscreen(app.settings.fullscreen)
    app.restyle()
    return True
