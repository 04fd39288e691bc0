"""The player's input beyond the screens' own handling: the key map every part reads
(keymap.py), the keys that work anywhere (app_keys.py) and the controller (controller.py)."""
