"""Named destinations: the one place that knows which class draws each screen.

Screens never import one another. A screen that leads somewhere asks the app's
navigator for it by name, with the arguments that screen takes:

    self.app.nav.push("confirm", title="Delete", question="Delete Slot 3?", on_yes=...)
    self.app.nav.replace("game")
    self.app.nav.pop()

`push` covers the current screen (it comes back on `pop`), `replace` swaps the
top screen, `reset` empties the stack first. Each destination's module is
imported the first time it is shown, so start-up loads only what the first frame
needs.
"""
from __future__ import annotations

from importlib import import_module


def _destinations() -> dict[str, tuple[str, str]]:
    # name -> (module under vn.ui.screens, class)
    return {
        "title": ("title", "TitleScreen"),
        "content_note": ("content_note", "ContentNoteScreen"),
        "game": ("game", "GameScreen"),
        "game_menu": ("game_menu", "GameMenuScreen"),
        "saves": ("save_load", "SaveLoadScreen"),
        "confirm": ("confirm", "ConfirmScreen"),
        "history": ("history", "HistoryScreen"),
        "endings": ("endings", "EndingsScreen"),
        "settings": ("settings", "SettingsScreen"),
        "error": ("error", "ErrorScreen"),
        "help": ("help", "HelpScreen"),
    }


DESTINATIONS = _destinations()


class UnknownDestination(KeyError):
    def __str__(self) -> str:
        return f"no screen is called {self.args[0]!r}; known: {', '.join(sorted(DESTINATIONS))}"


def screen_class(name: str) -> type:
    """The class behind a destination name."""
    try:
        module, cls = DESTINATIONS[name]
    except KeyError:
        raise UnknownDestination(name) from None
    return getattr(import_module(f"{__package__}.screens.{module}"), cls)


class Navigator:
    """Moves between named screens on an app's stack (`app.push`, `app.pop`, ...)."""

    def __init__(self, app):
        self.app = app

    def make(self, name: str, *args, **kwargs):
        """The screen for `name`, built for this app; classes that offer another way to be
        built (ErrorScreen.for_story_error, ...) are reached with `via`."""
        via = kwargs.pop("via", None)
        cls = screen_class(name)
        factory = getattr(cls, via) if via else cls
        screen = factory(self.app, *args, **kwargs)

        def again():
            made = factory(self.app, *args, **kwargs)
            made.made_as = again
            return made
        screen.made_as = again
        return screen

    def push(self, name: str, *args, **kwargs):
        screen = self.make(name, *args, **kwargs)
        self.app.push(screen)
        return screen

    def replace(self, name: str, *args, **kwargs):
        screen = self.make(name, *args, **kwargs)
        self.app.replace(screen)
        return screen

    def reset(self, name: str, *args, **kwargs):
        screen = self.make(name, *args, **kwargs)
        self.app.reset(screen)
        return screen

    def pop(self):
        return self.app.pop()
