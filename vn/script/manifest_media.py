"""The manifest's pictures: backgrounds of every kind, and characters with their expressions.

A mixin of ManifestReader (manifest.py), which provides error(), text(),
mapping(), fields() and named_entries(), and `folder` (a pictures.Folder, or
None when the manifest is read without its story folder: paths are then
checked only as written).
"""
from __future__ import annotations

import re

from . import model as m
from .diagnostics import did_you_mean
from .limits import OUT_OF_RANGE, range_problem
from .pictures import Problem, path_problem
from .yamlsource import MAPPING, SCALAR, SEQUENCE, kind, pos, raw, scalar_value

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
COLOR = re.compile(r"#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
KIND_KEYS = ("image", "color", "painted", "layers")
BACKGROUND_KEYS = ("title", "variants", *KIND_KEYS)
CHARACTER_KEYS = ("name", "shown", "color", "images")
LAYER_KEYS = ("image", "drift", "flicker", "pulse", "sway")
NOTHING_TO_SHOW = "VN033"
NO_SUCH_PAINTED = "VN034"

# motions: a layer moving faster or swinging wider than these is surely a typo
MAX_DRIFT = 10_000.0     # pixels a second
MAX_SWAY = 1280.0        # pixels: the width of the screen
PERIOD = (0.1, 600.0)    # seconds for one pulse or sway


def default_title(name: str) -> str:
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else name


class MediaReader:
    folder = None

    def picture(self, node, what: str, sizes: dict) -> str | None:
        rel = self.text(node, what)
        if rel is None:
            return None
        found = self.folder.check(rel) if self.folder is not None else path_problem(rel)
        if isinstance(found, Problem):
            self.error(node, found.code, found.message, found.hint)
        elif found is not None:
            sizes[rel] = found
        return rel

    def colour(self, node, what: str) -> str | None:
        text = self.text(node, what)
        if text is None:
            return None
        if not COLOR.fullmatch(text):
            self.error(node, "VN023", f"{what} '{text}' is not a colour", "write it as \"#rrggbb\", e.g. \"#c8ffc8\"")
            return None
        digits = text[1:].lower()
        return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))

    def number(self, node, what: str, low: float, high: float) -> float | None:
        value = scalar_value(node) if kind(node) == SCALAR else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(node, "VN004", f"{what} must be a number")
            return None
        problem = range_problem(value, low, high)
        if problem:
            self.error(node, OUT_OF_RANGE, f"{what} must be {problem}")
            return None
        return float(value)

    # -- characters ------------------------------------------------------------
    def characters(self, node) -> dict[str, m.Character]:
        out = {}
        if node is None:
            return out
        for cid, kn, vn in self.named_entries(node, "'characters'"):
            f = self.fields(vn, f"character '{cid}'", CHARACTER_KEYS, ("name",))
            name = self.text(f["name"], "a character's name") if "name" in f else None
            shown = self.text(f["shown"], "'shown'") if "shown" in f else "plate"
            if shown is not None and shown not in m.SHOWN_AS:
                self.error(f["shown"], "VN023", f"unknown way to show a character: '{shown}'",
                           "use one of: " + ", ".join(m.SHOWN_AS))
                shown = "plate"
            color = self.colour(f["color"], "the name plate's colour") if "color" in f else None
            sizes: dict = {}
            images = self.expressions(f["images"], cid, sizes) if "images" in f else {}
            out[cid] = m.Character(cid, name or cid, shown or "plate", pos(self.src.path, kn), color, images, sizes)
        return out

    def expressions(self, node, cid: str, sizes: dict) -> dict[str, str]:
        images = {}
        for expr, kn, vn in self.mapping(node, f"the images of '{cid}'"):
            if not NAME.fullmatch(expr):
                self.error(kn, "VN020", f"'{expr}' is not a valid expression name",
                           "use letters, digits and '_', e.g. green_smile")
                continue
            picture = self.picture(vn, f"the picture of '{cid}' {expr}", sizes)
            if picture is not None:
                images[expr] = picture
        return images

    # -- backgrounds -----------------------------------------------------------
    def backgrounds(self, node) -> dict[str, m.Background]:
        return self.built_entries(node, "'backgrounds'", self.background)

    def background(self, bid: str, kn, vn) -> m.Background | None:
        what = f"background '{bid}'"
        if kind(vn) == SCALAR:   # short form: a picture, or a colour
            text = self.text(vn, what)
            if text is None:
                return None
            f = {"color" if text.startswith("#") else "image": vn}
        else:
            f = self.fields(vn, what, BACKGROUND_KEYS, ())
            if kind(vn) != MAPPING:
                return None
        title = self.text(f["title"], "a background's title") if "title" in f else default_title(bid)
        kinds = [k for k in KIND_KEYS if k in f]
        for extra in kinds[1:]:
            self.error(f[extra], NOTHING_TO_SHOW, f"{what} names both '{kinds[0]}' and '{extra}'",
                       f"keep one: a background is one of {', '.join(KIND_KEYS)}")
        sizes: dict = {}
        variants, variant_images, nodes = self.variants(f.get("variants"), what, sizes)
        fields = dict(id=bid, title=title or bid, variants=variants, pos=pos(self.src.path, kn),
                      variant_images=variant_images, image_sizes=sizes)
        chosen = kinds[0] if kinds else None
        if chosen == "image":
            return m.Background(kind="image", image=self.picture(f["image"], f"{what}'s picture", sizes), **fields)
        if chosen == "color":
            return m.Background(kind="color", color=self.colour(f["color"], f"{what}'s colour"), **fields)
        if chosen == "layers":
            return m.Background(kind="layers", layers=self.layers(f["layers"], what, sizes), **fields)
        if chosen == "painted":
            painted = self.text(f["painted"], "a painted scene's name")
        elif bid in m.PAINTED_SCENES:
            painted = bid   # manifests written before pictures: a title alone meant the scene of that name
        else:
            self.error(kn, NOTHING_TO_SHOW, f"{what} has nothing to show",
                       "give it image: FILE, color: \"#rrggbb\", painted: NAME or layers: [FILES]")
            return m.Background(kind="plain", **fields)
        self.painted_scene(painted, f.get("painted", kn), nodes, variant_images, what)
        return m.Background(kind="painted", painted=painted, **fields)

    def painted_scene(self, painted, node, variant_nodes: dict, variant_images, what) -> None:
        if painted is None:
            return
        if painted not in m.PAINTED_SCENES:
            self.error(node, NO_SUCH_PAINTED, f"the engine has no painted scene '{painted}'",
                       did_you_mean(painted, m.PAINTED_SCENES)
                       or "painted scenes: " + ", ".join(m.PAINTED_SCENES) + "; or use image: FILE")
            return
        has = m.PAINTED_SCENES[painted]
        for name, vnode in variant_nodes.items():
            if name not in has:
                self.error(vnode, NO_SUCH_PAINTED, f"the painted scene '{painted}' has no variant '{name}'",
                           did_you_mean(name, has) or "its variants: " + (", ".join(has) or "none"))
            elif name in variant_images:
                self.error(vnode, "VN023", f"{what}: a painted scene draws its variants itself",
                           "list the variants without pictures, e.g. variants: [burning]")

    def variants(self, node, what: str, sizes: dict) -> tuple[tuple[str, ...], dict[str, str], dict]:
        """`variants: [a, b]`, or `variants: {a: picture, b: picture}`; with the node of each name."""
        nodes: dict = {}
        pictures: dict[str, str] = {}
        if node is None:
            return (), pictures, nodes
        if kind(node) == MAPPING:
            for name, kn, vn in self.mapping(node, f"{what}'s variants"):
                if not NAME.fullmatch(name):
                    self.error(kn, "VN020", f"'{name}' is not a valid variant name")
                    continue
                nodes[name] = kn
                picture = self.picture(vn, f"the picture of {what}'s variant '{name}'", sizes)
                if picture is not None:
                    pictures[name] = picture
            return tuple(nodes), pictures, nodes
        if kind(node) != SEQUENCE:
            self.error(node, "VN004", "'variants' must be a list of names, or a mapping of names to pictures")
            return (), pictures, nodes
        for v in raw(node):
            name = self.text(v, "a variant")
            if name is not None and NAME.fullmatch(name):
                nodes.setdefault(name, v)
            elif name is not None:
                self.error(v, "VN020", f"'{name}' is not a valid variant name")
        return tuple(nodes), pictures, nodes

    def layers(self, node, what: str, sizes: dict) -> tuple[m.Layer, ...]:
        if kind(node) != SEQUENCE:
            self.error(node, "VN004", "'layers' must be a list of pictures, drawn back to front")
            return ()
        if not raw(node):
            self.error(node, NOTHING_TO_SHOW, f"{what} has no layers", "list at least one picture")
        out = []
        for item in raw(node):
            if kind(item) == SCALAR:
                image = self.picture(item, "a layer's picture", sizes)
                motion = m.Motion()
            else:
                f = self.fields(item, "a layer", LAYER_KEYS, ("image",))
                image = self.picture(f["image"], "a layer's picture", sizes) if "image" in f else None
                motion = self.motion(f)
            if image is not None:
                out.append(m.Layer(image, pos(self.src.path, item), motion))
        return tuple(out)

    def motion(self, f: dict) -> m.Motion:
        drift, flicker, pulse, sway = m.Motion().drift, 0.0, m.Motion().pulse, m.Motion().sway
        if "drift" in f:
            node = f["drift"]
            if kind(node) != SEQUENCE or len(raw(node)) != 2:
                self.error(node, "VN004", "'drift' must be [x, y], in pixels a second")
            else:
                x, y = (self.number(n, "drift", -MAX_DRIFT, MAX_DRIFT) for n in raw(node))
                drift = (x or 0.0, y or 0.0)
        if "flicker" in f:
            flicker = self.number(f["flicker"], "flicker", 0.0, 1.0) or 0.0
        if "pulse" in f:
            pulse = self.swing(f["pulse"], "pulse", 1.0, pulse)
        if "sway" in f:
            sway = self.swing(f["sway"], "sway", MAX_SWAY, sway)
        return m.Motion(drift, flicker, pulse, sway)

    def swing(self, node, what: str, most: float, default: tuple[float, float]) -> tuple[float, float]:
        """`depth` or `[depth, period]`: how far, and how many seconds one swing takes."""
        if kind(node) == SEQUENCE and len(raw(node)) == 2:
            size_node, period_node = raw(node)
            size = self.number(size_node, f"{what}'s size", 0.0, most)
            period = self.number(period_node, f"{what}'s period in seconds", *PERIOD)
            return (size or 0.0, period or default[1]) if size is not None and period is not None else (0.0, default[1])
        if kind(node) == SEQUENCE:
            self.error(node, "VN004", f"'{what}' must be a number, or [size, period in seconds]")
            return (0.0, default[1])
        size = self.number(node, what, 0.0, most)
        return (size or 0.0, default[1])
