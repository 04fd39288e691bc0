"""A game controller, through SDL's game controller layer (`pygame._sdl2.controller`), in
Ren'Py's layout: A advances or presses, B goes back, the shoulders (and triggers) roll back
and forward, Start opens the menu, Y hides the interface, Back shows the help, and the
d-pad and the left stick move the focus, repeating while held.

A controller acts as the keyboard does: each button stands for a binding of the key map
(keymap.py) and becomes that binding's first key, pressed and released. So every screen
that answers the keys answers the controller, and the help screen's controller column is
the truth. Controllers may come and go while the game runs (CONTROLLERDEVICEADDED and
REMOVED open and close them); any number may be connected at once.
"""
from __future__ import annotations

import pygame

from . import keymap

REPEAT_DELAY = 0.4       # seconds a direction is held before it repeats
REPEAT_EVERY = 0.1
STICK_PRESS, STICK_RELEASE = 0.5, 0.3     # of the axis's full travel: pressed beyond, released within
AXIS_FULL = 32767
STICKS = {pygame.CONTROLLER_AXIS_LEFTX: ("left stick left", "left stick right"),
          pygame.CONTROLLER_AXIS_LEFTY: ("left stick up", "left stick down")}
TRIGGERS = {pygame.CONTROLLER_AXIS_TRIGGERLEFT: "left trigger", pygame.CONTROLLER_AXIS_TRIGGERRIGHT: "right trigger"}
REPEATS = frozenset({"up", "down", "left", "right", "roll_back", "roll_forward"})
EVENTS = frozenset({pygame.CONTROLLERDEVICEADDED, pygame.CONTROLLERDEVICEREMOVED, pygame.CONTROLLERBUTTONDOWN,
                    pygame.CONTROLLERBUTTONUP, pygame.CONTROLLERAXISMOTION, pygame.JOYDEVICEADDED})


def _pad_keys() -> dict[object, int]:
    """Each controller input (button number or axis name) -> the key it stands for."""
    out: dict[object, int] = {}
    for binding in keymap.BINDINGS:
        for pad in binding.pad:
            if pad not in out and binding.key is not None:
                out[pad] = binding.key
    return out


PAD_KEYS = _pad_keys()
REPEATING_KEYS = frozenset(keymap.key_for(action) for action in REPEATS)


def key_event(kind: int, key: int) -> pygame.event.Event:
    return pygame.event.Event(kind, key=key, mod=0, unicode="", scancode=0)


class Controllers:
    def __init__(self, notice=None):
        self.notice = notice or (lambda text: None)
        self.pads: dict[int, object] = {}        # instance id -> open Controller
        self._held: dict[object, float] = {}     # input held -> seconds until it repeats
        self._axes: dict[tuple[int, int], object] = {}   # (instance, axis) -> the input it holds down
        self._module = None
        self._frames = 0

    def start(self) -> None:
        """Watch for devices (after the first frame is out, see `update`): SDL's joystick layer
        reports each device plugged in, now or later, as JOYDEVICEADDED. The game controller
        layer (about 20 ms and 0.6 MB, most players never plug one in) opens at the first."""
        try:
            pygame.joystick.init()
            if pygame.joystick.get_count():
                self._open_layer()
        except pygame.error:                    # an SDL without joysticks: keys and mouse only
            pass

    def _open_layer(self) -> None:
        """SDL's game controllers; those plugged in then arrive as CONTROLLERDEVICEADDED."""
        if self._module is not None:
            return
        try:
            from pygame._sdl2 import controller
            controller.init()
            self._module = controller
        except (ImportError, pygame.error):      # an SDL without game controllers: keys and mouse only
            self._module = None

    # -- events -------------------------------------------------------------------------------
    def translate(self, event: pygame.event.Event) -> list[pygame.event.Event]:
        """The key events a controller event stands for (none for plugging in and out)."""
        if event.type == pygame.JOYDEVICEADDED:
            self._open_layer()
            return []
        if event.type == pygame.CONTROLLERDEVICEADDED:
            self._open(event.device_index)
            return []
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            self._close(event.instance_id)
            return []
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            return self._press(event.button)
        if event.type == pygame.CONTROLLERBUTTONUP:
            return self._release(event.button)
        if event.type == pygame.CONTROLLERAXISMOTION:
            return self._axis(getattr(event, "instance_id", 0), event.axis, event.value)
        return []

    def update(self, dt: float) -> list[pygame.event.Event]:
        """Repeats of what is held down. The second frame starts the controllers."""
        self._frames += 1
        if self._frames == 2:
            self.start()
        out = []
        for pad, left in list(self._held.items()):
            left -= dt
            while left <= 0.0:
                out.append(key_event(pygame.KEYDOWN, PAD_KEYS[pad]))
                left += REPEAT_EVERY
            self._held[pad] = left
        return out

    def _press(self, pad) -> list[pygame.event.Event]:
        key = PAD_KEYS.get(pad)
        if key is None:
            return []
        if key in REPEATING_KEYS:
            self._held[pad] = REPEAT_DELAY
        return [key_event(pygame.KEYDOWN, key)]

    def _release(self, pad) -> list[pygame.event.Event]:
        key = PAD_KEYS.get(pad)
        if key is None:
            return []
        self._held.pop(pad, None)
        return [key_event(pygame.KEYUP, key)]

    def _axis(self, instance: int, axis: int, value: int) -> list[pygame.event.Event]:
        amount = value / AXIS_FULL
        slot = (instance, axis)
        now = self._axes.get(slot)
        if axis in STICKS:
            wanted = STICKS[axis][amount > 0] if abs(amount) >= STICK_PRESS else \
                now if abs(amount) > STICK_RELEASE else None
        elif axis in TRIGGERS:
            wanted = TRIGGERS[axis] if amount >= STICK_PRESS else now if amount > STICK_RELEASE else None
        else:
            return []
        if wanted == now:
            return []
        out = []
        if now is not None:
            del self._axes[slot]
            out += self._release(now)
        if wanted is not None:
            self._axes[slot] = wanted
            out += self._press(wanted)
        return out

    # -- plugging in and out ------------------------------------------------------------------
    def _open(self, device_index: int) -> None:
        self._open_layer()
        if self._module is None:
            return
        try:
            pad = self._module.Controller(device_index)
        except (pygame.error, IndexError, ValueError) as exc:
            self.notice(f"A controller could not be opened ({exc}).")
            return
        instance = pad.as_joystick().get_instance_id()
        if instance not in self.pads:
            self.pads[instance] = pad
            self.notice(f"Controller connected: {pad.name}")

    def _close(self, instance: int) -> None:
        pad = self.pads.pop(instance, None)
        self._held.clear()
        self._axes = {slot: held for slot, held in self._axes.items() if slot[0] != instance}
        if pad is not None:
            self.notice(f"Controller disconnected: {pad.name}")
            pad.quit()
