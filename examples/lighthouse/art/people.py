"""The two characters, 300x560 with alpha, standing on the bottom edge: Maren, the keeper,
and Ansel, the engineer. The body is drawn once per expression; only the face changes."""
from __future__ import annotations

import pygame

from .paint import Canvas, bezier, hgradient, outline, path, quad, radial, rgb, shrink, vgradient

W, H = 300, 560
HX, HY = 150, 118            # the centre of the face
LINE = rgb("#2b1d18")        # ink for outlines and features

MAREN = {
    "skin": rgb("#e0ae8e"), "skin_dark": rgb("#b98066"), "iris": rgb("#5d7488"),
    "coat": rgb("#8c7150"), "coat_dark": rgb("#6a5238"), "knit": rgb("#ddd1b4"), "knit_dark": rgb("#b9ab8a"),
    "cap": rgb("#8a3530"), "cap_dark": rgb("#66231f"), "hair": rgb("#bdb8b1"), "hair_dark": rgb("#8f8a84"),
    "lip": rgb("#9a5a52"),
}
ANSEL = {
    "skin": rgb("#f0c9a8"), "skin_dark": rgb("#cf9c7c"), "iris": rgb("#6a4326"),
    "coat": rgb("#2f4366"), "coat_dark": rgb("#1f2d47"), "shirt": rgb("#cfe1f0"), "stripe": rgb("#c9cdd2"),
    "hair": rgb("#5e3c22"), "hair_dark": rgb("#3e2614"), "strap": rgb("#6b4a2b"), "badge": rgb("#e0b64a"),
    "lip": rgb("#b06a5c"),
}

# faces: brows (inner, outer) lift per side (negative is up), eyes, pupils' glance, mouth, blush
MAREN_FACES = {
    "calm": dict(brows=((0, -1), (0, -1)), eyes="lidded", glance=(0, 0), mouth="rest", blush=30),
    "smile": dict(brows=((-2, -3), (-2, -3)), eyes="happy", glance=(0, 0), mouth="smile", blush=80),
    "worried": dict(brows=((-8, 2), (-8, 2)), eyes="wide", glance=(0, -1), mouth="frown", blush=20, lines=True),
}
ANSEL_FACES = {
    "neutral": dict(brows=((0, 0), (0, 0)), eyes="open", glance=(0, 0), mouth="rest", blush=25),
    "grin": dict(brows=((-4, -5), (-4, -5)), eyes="happy", glance=(0, 0), mouth="grin", blush=70),
    "unsure": dict(brows=((-7, -2), (2, 1)), eyes="open", glance=(4, 1), mouth="wobble", blush=45),
}


def _torso(c: Canvas, p, shoulders: int, flare: int):
    """Coat body, then sleeves hanging a little away from it, then hands."""
    body = path(bezier((HX - 30, 196), (HX - 56, 200), (HX - shoulders, 210), (HX - shoulders + 2, 250)),
                bezier((HX - shoulders + 2, 250), (HX - 62, 320), (HX - 62, 420), (HX - flare, 560)),
                [(HX - flare, 560), (HX + flare, 560)],
                bezier((HX + flare, 560), (HX + 62, 420), (HX + 62, 320), (HX + shoulders - 2, 250)),
                bezier((HX + shoulders - 2, 250), (HX + shoulders, 210), (HX + 56, 200), (HX + 30, 196)))
    c.poly(p["coat"], body)
    for side in (-1, 1):
        s = side
        sleeve = path(bezier((HX + s * (shoulders - 22), 214), (HX + s * (shoulders + 4), 212),
                             (HX + s * (shoulders + 8), 236), (HX + s * (shoulders + 8), 262)),
                      [(HX + s * (shoulders + 8), 262), (HX + s * (shoulders + 16), 360),
                       (HX + s * (shoulders + 20), 446), (HX + s * (shoulders - 8), 450),
                       (HX + s * (shoulders - 10), 366), (HX + s * (shoulders - 22), 270)])
        c.poly(p["coat"], sleeve)
        c.stroke(p["coat_dark"], [(HX + s * (shoulders - 20), 274), (HX + s * (shoulders - 10), 366),
                                  (HX + s * (shoulders - 8), 446)], 2.2)
        c.stroke(p["coat_dark"], quad((HX + s * (shoulders + 12), 352), (HX + s * (shoulders + 2), 356),
                                      (HX + s * (shoulders - 6), 372)), 1.8)            # elbow crease
        c.poly(p["coat_dark"], [(HX + s * (shoulders + 19), 432), (HX + s * (shoulders - 8), 436),
                                (HX + s * (shoulders - 8), 450), (HX + s * (shoulders + 20), 446)])   # cuff
        hx = HX + s * (shoulders + 6)
        c.ellipse(p["skin"], hx, 466, 12, 18)
        c.ellipse(p["skin"], hx - s * 10, 458, 5, 9)                                      # thumb
        c.stroke(p["skin_dark"], [(hx - s * 4, 470), (hx - s * 3, 482)], 1.3)
        c.stroke(p["skin_dark"], [(hx + s * 2, 472), (hx + s * 3, 483)], 1.3)


def _neck(c: Canvas, p):
    c.poly(p["skin"], [(HX - 18, 150), (HX + 18, 150), (HX + 20, 205), (HX - 20, 205)])
    c.poly(p["skin_dark"], [(HX - 18, 160), (HX + 18, 160), (HX + 18, 176), (HX, 184), (HX - 18, 176)])


def _head(c: Canvas, p, jaw: int):
    for side in (-1, 1):
        c.ellipse(p["skin"], HX + side * 44, HY + 6, 8, 13)
        c.stroke(p["skin_dark"], [(HX + side * 45, HY), (HX + side * 47, HY + 10)], 1.5)
    face = path(bezier((HX, 62), (HX + 30, 62), (HX + 46, 80), (HX + 45, 112)),
                bezier((HX + 45, 112), (HX + 44, 140), (HX + jaw, 160), (HX, 176)),
                bezier((HX, 176), (HX - jaw, 160), (HX - 44, 140), (HX - 45, 112)),
                bezier((HX - 45, 112), (HX - 46, 80), (HX - 30, 62), (HX, 62)))
    c.poly(p["skin"], face)


def _eye(c: Canvas, p, x, y, kind, glance, size):
    rx, ry = size
    if kind == "happy":
        c.stroke(LINE, quad((x - rx, y + 2), (x, y - 7), (x + rx, y + 2)), 2.6)
        return
    if kind == "wide":
        ry += 1.5
    c.ellipse((250, 246, 240), x, y, rx, ry)
    gx, gy = glance
    c.circle(p["iris"], x + gx, y + gy, min(4.4, ry))
    c.circle((20, 16, 16), x + gx, y + gy, 2.1)
    c.circle((255, 255, 255), x + gx + 1.5, y + gy - 1.6, 1.2)
    lid_y = y - ry + (2.2 if kind == "lidded" else 0)
    if kind == "lidded":                     # heavy upper lids: a skin band over the top of the eye
        c.poly(p["skin"], [(x - rx - 1, y - ry - 2), (x + rx + 1, y - ry - 2), (x + rx + 1, lid_y),
                           (x - rx - 1, lid_y)])
    c.stroke(LINE, quad((x - rx - 1, y + 1), (x, lid_y - 3), (x + rx + 1, y)), 2.3)


def _brow(c: Canvas, color, x, side, inner, outer, base):
    c.stroke(color, quad((x - side * 6, base + inner), (x + side * 3, base - 3 + (inner + outer) / 2),
                         (x + side * 12, base + 1 + outer)), 3.2)


def _mouth(c: Canvas, p, kind):
    y = 151
    if kind == "rest":
        c.stroke(p["lip"], quad((HX - 11, y), (HX, y + 2), (HX + 11, y)), 2.4)
    elif kind == "smile":
        c.stroke(p["lip"], quad((HX - 14, y - 3), (HX, y + 8), (HX + 14, y - 3)), 2.8)
        c.stroke(p["skin_dark"], [(HX - 17, y - 5), (HX - 15, y - 1)], 1.5)
        c.stroke(p["skin_dark"], [(HX + 17, y - 5), (HX + 15, y - 1)], 1.5)
    elif kind == "frown":
        c.stroke(p["lip"], quad((HX - 9, y + 4), (HX, y - 3), (HX + 9, y + 4)), 2.4)
    elif kind == "grin":
        shape = path(quad((HX - 17, y - 5), (HX, y - 2), (HX + 17, y - 5)), quad((HX + 17, y - 5), (HX, y + 22), (HX - 17, y - 5)))
        c.poly((110, 40, 44), shape)
        c.poly((252, 250, 244), path(quad((HX - 15, y - 4), (HX, y - 1), (HX + 15, y - 4)),
                                     [(HX + 12, y + 1), (HX - 12, y + 1)]))
        c.stroke(LINE, shape, 1.6)
    elif kind == "wobble":
        c.stroke(p["lip"], [(HX - 12, y + 2), (HX - 5, y - 1), (HX + 2, y + 2), (HX + 9, y - 2), (HX + 12, y - 3)], 2.4)


def _face(c: Canvas, p, face, brow_color, eye_size, aged: bool):
    for side, (inner, outer) in zip((-1, 1), face["brows"]):
        _brow(c, brow_color, HX + side * 19, side, inner, outer, 103)
    for side in (-1, 1):
        _eye(c, p, HX + side * 19, 121, face["eyes"], face["glance"], eye_size)
    if face["blush"]:
        blush = radial((34, 20), (225, 120, 110), 1.6, face["blush"])
        for side in (-1, 1):
            c.blit(blush, (HX + side * 27 - 17, 134))
    c.stroke(p["skin_dark"], [(HX + 1, 124), (HX - 4, 140), (HX + 3, 142)], 2)     # nose
    if aged:                                  # lines a life outdoors leaves
        for side in (-1, 1):
            c.stroke(p["skin_dark"], [(HX + side * 9, 140), (HX + side * 15, 150)], 1.4)
            c.stroke(p["skin_dark"], [(HX + side * 30, 118), (HX + side * 35, 116)], 1.2)
            c.stroke(p["skin_dark"], [(HX + side * 30, 123), (HX + side * 35, 124)], 1.2)
    if face.get("lines"):
        for y in (84, 90):
            c.stroke(p["skin_dark"], quad((HX - 14, y + 1), (HX, y - 2), (HX + 14, y + 1)), 1.4)
    _mouth(c, p, face["mouth"])


def _shade(surface):
    """Light from the upper right: the left side and the lower body sink into shadow."""
    size = surface.get_size()
    surface.blit(hgradient(size, [(0, (178, 172, 190)), (0.55, (246, 240, 236)), (1, (255, 252, 246))]), (0, 0),
                 special_flags=pygame.BLEND_RGB_MULT)
    surface.blit(vgradient(size, [(0, (255, 255, 255)), (0.45, (250, 248, 246)), (1, (170, 166, 176))]), (0, 0),
                 special_flags=pygame.BLEND_RGB_MULT)


def maren(expression: str) -> pygame.Surface:
    p, face = MAREN, MAREN_FACES[expression]
    c = Canvas((W, H))
    c.poly(p["hair_dark"], path(bezier((HX - 50, 96), (HX - 58, 130), (HX - 56, 160), (HX - 40, 172)),
                                [(HX - 40, 172), (HX + 40, 172)],
                                bezier((HX + 40, 172), (HX + 56, 160), (HX + 58, 130), (HX + 50, 96))))     # hair behind
    _torso(c, p, 84, 78)
    c.poly(p["knit"], [(HX - 26, 200), (HX + 26, 200), (HX + 20, 560), (HX - 20, 560)])         # jumper
    for x in range(-16, 20, 8):
        c.stroke(p["knit_dark"], [(HX + x, 215), (HX + x * 0.9, 560)], 1.5)
    for side in (-1, 1):                                                                      # coat edges, toggles
        c.stroke(p["coat_dark"], [(HX + side * 27, 206), (HX + side * 22, 560)], 4)
    for y in (280, 350, 420):
        c.rect(rgb("#d8c7a0"), HX + 24, y - 4, 18, 8, 4)
        c.stroke(p["coat_dark"], [(HX + 20, y), (HX + 26, y)], 1.5)
    _neck(c, p)
    c.poly(p["knit"], path(bezier((HX - 34, 196), (HX - 30, 178), (HX + 30, 178), (HX + 34, 196)),
                           bezier((HX + 34, 196), (HX + 36, 216), (HX - 36, 216), (HX - 34, 196))))
    for x in range(-28, 32, 7):                                                               # roll neck ribs
        c.stroke(p["knit_dark"], [(HX + x, 186), (HX + x * 1.05, 209)], 1.5)
    _head(c, p, 26)
    for side in (-1, 1):                                                                      # grey hair at the sides
        c.poly(p["hair"], [(HX + side * 36, 98), (HX + side * 52, 104), (HX + side * 54, 150),
                           (HX + side * 44, 164), (HX + side * 40, 120)])
        for dx in (44, 49):
            c.stroke(p["hair_dark"], [(HX + side * dx, 110), (HX + side * (dx + 2), 156)], 1.2)
    c.poly(p["hair"], [(HX - 40, 98), (HX - 8, 96), (HX - 22, 110)])                           # a loose strand
    _face(c, p, face, rgb("#6c6661"), (7.5, 4.6), aged=True)
    cap = path(bezier((HX - 52, 100), (HX - 56, 40), (HX - 20, 24), (HX, 24)),
               bezier((HX, 24), (HX + 20, 24), (HX + 56, 40), (HX + 52, 100)))
    c.poly(p["cap"], cap)
    c.poly(p["cap_dark"], path(quad((HX - 54, 78), (HX, 68), (HX + 54, 78)), quad((HX + 54, 100), (HX, 90), (HX - 54, 100))))
    for x in range(-48, 52, 8):
        c.stroke(p["cap"], [(HX + x, 80 - abs(x) * 0.1 + 2), (HX + x, 96 - abs(x) * 0.1)], 2)
    for x in (-30, -10, 10, 30):
        c.stroke(p["cap_dark"], [(HX + x * 0.6, 34), (HX + x, 70)], 1.5)
    return _finish(c)


def ansel(expression: str) -> pygame.Surface:
    p, face = ANSEL, ANSEL_FACES[expression]
    c = Canvas((W, H))
    _torso(c, p, 78, 70)
    c.poly(p["shirt"], [(HX - 22, 196), (HX + 22, 196), (HX, 236)])                          # shirt at the neck
    _neck(c, p)
    for side in (-1, 1):                                                                      # collar points
        c.poly(p["shirt"], [(HX + side * 4, 206), (HX + side * 26, 192), (HX + side * 20, 226)])
        c.poly(p["coat_dark"], [(HX + side * 22, 190), (HX + side * 46, 200), (HX + side * 26, 250), (HX + side * 14, 212)])
    c.stroke(p["coat_dark"], [(HX, 236), (HX, 560)], 3)                                       # zip
    c.poly(p["stripe"], [(HX - 61, 388), (HX + 61, 388), (HX + 61, 402), (HX - 61, 402)])         # reflective band
    for side in (-1, 1):
        c.poly(p["stripe"], [(HX + side * 68, 380), (HX + side * 94, 378), (HX + side * 95, 392), (HX + side * 69, 394)])
    c.poly(p["badge"], [(HX + 40, 262), (HX + 58, 262), (HX + 58, 278), (HX + 49, 286), (HX + 40, 278)])
    c.poly(p["strap"], [(HX - 70, 214), (HX - 54, 206), (HX + 62, 560), (HX + 42, 560)])     # bag strap
    c.rect(rgb("#c9a45a"), HX - 58, 250, 14, 10, 2)
    _head(c, p, 20)
    _face(c, p, face, p["hair_dark"], (8.5, 5.2), aged=False)
    for side in (-1, 1):                                                                      # glasses
        c.ellipse(LINE, HX + side * 19, 121, 14, 11, width=2)
    c.stroke(LINE, quad((HX - 6, 119), (HX, 115), (HX + 6, 119)), 2)
    for side in (-1, 1):
        c.stroke(LINE, [(HX + side * 33, 118), (HX + side * 45, 114)], 2)
    hair = path(bezier((HX - 48, 118), (HX - 56, 60), (HX - 20, 44), (HX + 6, 46)),
                bezier((HX + 6, 46), (HX + 40, 44), (HX + 58, 70), (HX + 48, 118)),
                [(HX + 42, 96), (HX + 34, 84), (HX + 22, 92), (HX + 12, 78), (HX - 2, 92), (HX - 12, 80),
                 (HX - 24, 94), (HX - 34, 86), (HX - 42, 100)])
    c.poly(p["hair"], hair)
    for x in (-24, -8, 10, 26):
        c.stroke(p["hair_dark"], quad((HX + x - 4, 58), (HX + x + 4, 66), (HX + x, 82)), 1.8)
    return _finish(c)


def _finish(c: Canvas) -> pygame.Surface:
    _shade(c.surf)
    return shrink(outline(c.surf, LINE, 2 * c.s), (W, H))


PEOPLE = {"maren": (maren, tuple(MAREN_FACES)), "ansel": (ansel, tuple(ANSEL_FACES))}
