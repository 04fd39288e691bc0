"""The one key map: every binding the game answers, with its keys, mouse and controller.

The game screen's controls (play/controls.py) look actions up here, the keys that work
anywhere (app_keys.py) do too, the controller (controller.py) turns its buttons into the
keys listed here, and the help screen (screens/help.py) prints this table. So what the help
says is what the game does: there is no second copy to drift.

A binding's keys are (key, modifier) pairs; the modifier is "" (any or none), "shift",
"ctrl" or "alt". Its controller buttons are pygame's CONTROLLER_BUTTON_* numbers, or
axis names for the sticks and triggers.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

PLAY, MENUS, ANYWHERE = "While playing", "In menus", "Anywhere"


@dataclass(frozen=True)
class Binding:
    action: str
    where: str
    does: str                                   # what the help screen says it does
    keys: tuple[tuple[int, str], ...] = ()
    mouse: str = ""
    pad: tuple[object, ...] = ()
    keys_note: str = ""                         # keys told in words (1–9), beside or instead of `keys`

    @property
    def key(self) -> int | None:
        """The key a controller button stands for: the first listed."""
        return self.keys[0][0] if self.keys else None


def _k(*names: str, mod: str = "") -> tuple[tuple[int, str], ...]:
    return tuple((getattr(pygame, f"K_{name}"), mod) for name in names)


BINDINGS: tuple[Binding, ...] = (
    # -- while playing (play/controls.py) ------------------------------------------------------
    Binding("advance", PLAY, "Finish the line, then the next page or line", _k("RETURN", "SPACE", "KP_ENTER"),
            "Left click", (pygame.CONTROLLER_BUTTON_A, "right trigger")),
    Binding("pick", PLAY, "Pick an option of a choice", (), "Click it", (),
            keys_note="1–9, or ↑ ↓ then Enter"),
    Binding("roll_back", PLAY, "Roll back to the line or choice before", _k("PAGEUP"), "Wheel up",
            (pygame.CONTROLLER_BUTTON_LEFTSHOULDER, "left trigger")),
    Binding("roll_forward", PLAY, "Roll forward through lines already seen", _k("PAGEDOWN"), "Wheel down",
            (pygame.CONTROLLER_BUTTON_RIGHTSHOULDER,)),
    Binding("skip_hold", PLAY, "Skip seen lines while held", _k("LCTRL", "RCTRL")),
    Binding("skip", PLAY, "Skip on or off", _k("TAB")),
    Binding("auto", PLAY, "Auto-forward on or off", _k("a")),
    Binding("hide", PLAY, "Hide the text to see the scene", _k("h"), "Right click", (pygame.CONTROLLER_BUTTON_Y,)),
    Binding("history", PLAY, "History of the lines shown", _k("l")),
    Binding("quicksave", PLAY, "Quicksave", _k("F5")),
    Binding("quickload", PLAY, "Quickload", _k("F9")),
    Binding("menu", PLAY, "The menu (save, load, settings...)", _k("ESCAPE"), "",
            (pygame.CONTROLLER_BUTTON_START,)),
    # -- in menus (each screen, and widgets/button_column.py) ----------------------------------
    Binding("up", MENUS, "Move the focus up", _k("UP"), "", (pygame.CONTROLLER_BUTTON_DPAD_UP, "left stick up")),
    Binding("down", MENUS, "Move the focus down", _k("DOWN"), "",
            (pygame.CONTROLLER_BUTTON_DPAD_DOWN, "left stick down")),
    Binding("left", MENUS, "Move left; a slider down", _k("LEFT"), "",
            (pygame.CONTROLLER_BUTTON_DPAD_LEFT, "left stick left")),
    Binding("right", MENUS, "Move right; a slider up", _k("RIGHT"), "",
            (pygame.CONTROLLER_BUTTON_DPAD_RIGHT, "left stick right")),
    Binding("next_control", MENUS, "Move the focus round every control (Shift+Tab: the other way)",
            _k("TAB") + _k("TAB", mod="shift")),
    Binding("press", MENUS, "Press the focused button", _k("RETURN", "SPACE"), "Click", (pygame.CONTROLLER_BUTTON_A,)),
    Binding("back", MENUS, "Back (from the title: quit)", _k("ESCAPE"), "Right click in history",
            (pygame.CONTROLLER_BUTTON_B,)),
    # -- anywhere (app_keys.py) ----------------------------------------------------------------
    Binding("help", ANYWHERE, "This help", _k("F1"), "Click Help in a menu", (pygame.CONTROLLER_BUTTON_BACK,)),
    Binding("self_voicing", ANYWHERE, "Self-voicing (text read aloud) on or off", _k("v", mod="shift")),
    Binding("fullscreen", ANYWHERE, "Fullscreen on or off", _k("F11") + _k("RETURN", "KP_ENTER", mod="alt")),
    Binding("mute", ANYWHERE, "Sound off or on", _k("m")),
)
BY_ACTION = {b.action: b for b in BINDINGS}

MODIFIERS = {"shift": pygame.KMOD_SHIFT, "ctrl": pygame.KMOD_CTRL, "alt": pygame.KMOD_ALT}
KEY_NAMES = {pygame.K_RETURN: "Enter", pygame.K_KP_ENTER: "keypad Enter", pygame.K_SPACE: "Space",
             pygame.K_PAGEUP: "Page Up", pygame.K_PAGEDOWN: "Page Down", pygame.K_ESCAPE: "Esc",
             pygame.K_LCTRL: "Ctrl (held)", pygame.K_RCTRL: "", pygame.K_TAB: "Tab", pygame.K_UP: "↑",
             pygame.K_DOWN: "↓", pygame.K_LEFT: "←", pygame.K_RIGHT: "→"}
PAD_NAMES = {pygame.CONTROLLER_BUTTON_A: "A", pygame.CONTROLLER_BUTTON_B: "B", pygame.CONTROLLER_BUTTON_X: "X",
             pygame.CONTROLLER_BUTTON_Y: "Y", pygame.CONTROLLER_BUTTON_START: "Start", pygame.CONTROLLER_BUTTON_BACK: "Back",
             pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "left shoulder", pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "right shoulder",
             pygame.CONTROLLER_BUTTON_DPAD_UP: "d-pad ↑", pygame.CONTROLLER_BUTTON_DPAD_DOWN: "d-pad ↓",
             pygame.CONTROLLER_BUTTON_DPAD_LEFT: "d-pad ←", pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "d-pad →"}


def matches(binding: Binding, key: int, mod: int) -> bool:
    """Whether a key press (with its modifiers) is one of `binding`'s keys."""
    for bound, needs in binding.keys:
        if bound != key:
            continue
        if needs:
            if mod & MODIFIERS[needs]:
                return True
        elif binding.where != ANYWHERE or not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return True     # keys that work anywhere leave Ctrl and Alt combinations to the system
    return False


def action_for(key: int, mod: int, where: str) -> str | None:
    """The action a key press means in `where` (PLAY or ANYWHERE), or None."""
    for binding in BINDINGS:
        if binding.where == where and matches(binding, key, mod):
            return binding.action
    return None


def key_for(action: str) -> int:
    return BY_ACTION[action].key


def key_label(key: int, mod: str = "") -> str:
    name = KEY_NAMES.get(key)
    if name is None:
        name = pygame.key.name(key)
        name = name.upper() if len(name) == 1 else name.title() if not name.startswith("f") else name.upper()
    return f"{mod.title()}+{name}" if mod and name else name


def keys_text(binding: Binding) -> str:
    """The keys as the help screen shows them: "Enter, Space", "F11, Alt+Enter"."""
    names = [key_label(key, mod) for key, mod in binding.keys]
    shown = [n for n in names if n]
    if binding.keys_note:
        shown.append(binding.keys_note)
    return ", ".join(dict.fromkeys(shown))


def pad_text(binding: Binding) -> str:
    return ", ".join(PAD_NAMES.get(p, p) if not isinstance(p, str) else p for p in binding.pad)


def bindings(where: str) -> list[Binding]:
    return [b for b in BINDINGS if b.where == where]
