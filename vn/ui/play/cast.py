"""Who is on stage, and what the story may show next.

Characters with pictures (`images` in the manifest) stand as sprites (sprites.py); the
others as the scene's painted figures, as before. The stage the runtime records
(`state.stage["figures"]`) is put back from either form it has had: `{name: at}` in
older saves, `{name: {"at": at, "expression": expression}}` now.

After each change the picture cache is told what is on screen (never to be let go),
and, as the story moves, what the program says may come within a few statements
(vn/runtime/lookahead.py), so those pictures are decoded before they are needed.
"""
from __future__ import annotations

from ...runtime.lookahead import BACKGROUND, upcoming
from ..pictures.cache import COVER, SPRITE, PictureError
from .sprites import SpriteStage

LOOKAHEAD_STEPS = 60    # instructions walked ahead, along every branch
AHEAD_PICTURES = 12     # at most this many decoded ahead: the nearest, which is what "a few statements" holds


def figure_entry(value) -> tuple[object, str | None]:
    """(at, expression) from a stage entry of either form."""
    if isinstance(value, dict):
        return value.get("at", "center"), value.get("expression")
    return value, None


class Cast:
    def __init__(self, game):
        self.game = game
        self.sprites = SpriteStage(game.app.pictures.picture)
        self.expressions: dict[str, str] = {}     # the expression each sprite shows

    @property
    def _characters(self):
        return self.game.runtime.program.manifest.characters

    def attach(self, scene) -> None:
        """A new scene: the sprites are drawn over it, and nobody stands on it yet."""
        self.sprites.clear()
        self.expressions.clear()
        if scene is not None:
            scene.overlay = self.sprites
            problem = getattr(scene, "problem", None)
            if problem:
                self.game.app.toasts.show(problem, "warning")
        self.pin()

    @property
    def cutting_transitions(self) -> bool:
        """Skipping, or the "skip transitions" setting: figures come and go at once."""
        return self.game.modes.skipping or self.game.settings.skip_transitions

    def show(self, character: str, shown: str, at, expression: str | None = None,
             transition: str = "none", duration: float = 0.0) -> None:
        declared = self._characters.get(character)
        if declared is not None and declared.images:
            expression = expression or self.expressions.get(character) or declared.default_expression
            path = declared.images.get(expression)
            if path is None:
                return
            if self.cutting_transitions:
                transition = "none"
            try:
                self.sprites.show(character, path, at, transition, duration)
            except PictureError as exc:
                self.game.app.toasts.show(str(exc), "warning")
                return
            self.expressions[character] = expression
            self.pin()
        elif self.game.scene is not None:
            self.game.scene.show_figure(character, shown, at=at)

    def hide(self, character: str, transition: str = "none", duration: float = 0.0) -> None:
        if character in self.sprites.sprites:
            self.sprites.hide(character, "none" if self.cutting_transitions else transition, duration)
            self.expressions.pop(character, None)
            self.pin()
        elif self.game.scene is not None:
            self.game.scene.hide_figure(character)

    def restore(self, figures: dict) -> None:
        """Put the stage's figures up at once, as a state records them."""
        scene = self.game.scene
        if scene is not None:
            scene.clear_figures()
        self.sprites.clear()
        self.expressions.clear()
        for name, value in figures.items():
            declared = self._characters.get(name)
            if declared is not None:
                at, expression = figure_entry(value)
                self.show(name, declared.shown, at, expression)
        self.pin()

    @property
    def active(self) -> bool:
        return self.sprites.active

    def update(self, dt: float) -> None:
        if self.sprites.sprites:
            was = self.sprites.keys()
            self.sprites.update(dt)
            if self.sprites.keys() != was:
                self.pin()

    def pin(self) -> None:
        scene = self.game.scene
        keys = set(getattr(scene, "picture_keys", ())) | self.sprites.keys()
        self.game.app.pictures.pin(keys)

    def preload(self) -> None:
        """Decode the pictures the story may show next, nearest first, within the budget."""
        runtime = self.game.runtime
        self.game.app.pictures.request(pictures_ahead(runtime.program, runtime.state)[:AHEAD_PICTURES])


def pictures_ahead(program, state, steps: int = LOOKAHEAD_STEPS) -> list[tuple[str, str]]:
    """Picture-cache keys of the backgrounds and sprites the program may show next."""
    manifest = program.manifest
    keys: list[tuple[str, str]] = []
    for kind, name, detail in upcoming(program, state, steps):
        if kind == BACKGROUND:
            declared = manifest.backgrounds.get(name)
            if declared is None or declared.kind not in ("image", "layers"):
                continue
            own = declared.variant_images.get(detail) if detail else None
            paths = [own or declared.image] if declared.kind == "image" else \
                [layer.image for layer in declared.layers]
            if own and declared.kind == "layers":
                paths[0] = own
            keys += [(p, COVER) for p in paths if p]
        else:
            declared = manifest.characters.get(name)
            if declared is None or not declared.images:
                continue
            path = declared.images.get(detail or declared.default_expression)
            if path:
                keys.append((path, SPRITE))
    return list(dict.fromkeys(keys))
