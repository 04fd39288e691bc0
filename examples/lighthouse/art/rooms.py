"""The two interiors: the keeper's kitchen (1280x720) and the lamp room (1920x1080, the
story's one full-HD JPEG)."""
from __future__ import annotations

import math

import pygame

from .paint import Canvas, add_light, grain, hgradient, noise, quad, rgb, seeded, vgradient, vignette


def kitchen() -> pygame.Surface:
    W, H = 1280, 720
    rng = seeded(41)
    c = Canvas((W, H), 2, fill=rgb("#4a2f22"), alpha=False)
    for i in range(0, W, 64):                                 # plank wall
        tone = rng.randint(-10, 10)
        c.rect((92 + tone, 60 + tone, 42 + tone // 2), i, 0, 62, 470)
        c.stroke(rgb("#2d1c14"), [(i + 62, 0), (i + 62, 470)], 2)
        for _ in range(2):
            ky = rng.randint(30, 440)
            c.ellipse(rgb("#5b3a2a"), i + rng.randint(14, 48), ky, 5, 3)
    c.rect(rgb("#3a2419"), 0, 470, W, 12)                     # skirting, floor
    vgradient((W * 2, 240 * 2), [(0, rgb("#5a3a26")), (1, rgb("#2e1d14"))], c.surf, (0, 482 * 2))
    for x in range(-600, W + 600, 90):
        c.stroke(rgb("#24160f"), [(640 + (x - 640) * 0.35, 482), (x, 720)], 2)
    # the window: dusk sea, a frame, curtains
    wx, wy, ww, wh = 700, 90, 300, 230
    sea = vgradient((ww * 2, wh * 2), [(0, rgb("#283766")), (0.55, rgb("#8b6a8a")), (0.62, rgb("#e9a37a")),
                                       (0.64, rgb("#4a4f70")), (1, rgb("#1b2440"))])
    c.blit(pygame.transform.scale(sea, (ww * 2, wh * 2)), (wx, wy))
    c.stroke(rgb("#f6e1a6"), [(wx + 220, wy + 70), (wx + 220, wy + 144)], 3)   # the lighthouse, far off
    add_light(c.surf, ((wx + 220) * 2, (wy + 66) * 2), (60, 60), (255, 220, 150), 1.5)
    for x in (wx, wx + ww / 2 - 4, wx + ww - 8):
        c.rect(rgb("#e8e0cc"), x, wy - 4, 10, wh + 8)
    for y in (wy - 6, wy + wh / 2 - 4, wy + wh - 4):
        c.rect(rgb("#e8e0cc"), wx, y, ww, 10)
    c.rect(rgb("#e8e0cc"), wx - 20, wy + wh + 4, ww + 40, 14, 3)   # sill, with a pot of herbs
    c.rect(rgb("#9a4e32"), wx + 30, wy + wh - 22, 34, 28, 4)
    for a in range(-50, 60, 20):
        c.stroke(rgb("#5f8a4a"), quad((wx + 47, wy + wh - 20), (wx + 47 + a * 0.3, wy + wh - 44),
                                      (wx + 47 + a * 0.6, wy + wh - 60)), 3)
    for side in (-1, 1):
        x0 = wx - 40 if side < 0 else wx + ww + 6
        folds = [(x0 + k * 8, wy - 20) for k in range(5)]
        c.poly(rgb("#b8574a"), [(x0, wy - 24), (x0 + 40, wy - 24), (x0 + 40 - side * 10, wy + wh + 30),
                                (x0 - side * 6, wy + wh + 30)])
        for fx, fy in folds:
            c.stroke(rgb("#8e3e36"), [(fx, fy), (fx - side * 4, wy + wh + 26)], 2)
    c.rect(rgb("#3a2419"), wx - 60, wy - 34, ww + 120, 10, 3)
    # the shelf of logbooks, by the door on the right
    c.rect(rgb("#3a2419"), 1060, 196, 200, 10)
    for i in range(31):
        h = rng.randint(52, 64)
        tone = rng.randint(-12, 12)
        c.rect((118 + tone, 80 + tone, 52 + tone), 1064 + i * 6.2, 196 - h, 5.6, h)
    c.rect(rgb("#3a2419"), 1060, 300, 200, 10)
    for i, color in enumerate(("#c9b48a", "#7d8fa3", "#c9b48a")):
        c.ellipse(rgb(color), 1090 + i * 60, 288, 22, 12)    # bowls on the lower shelf
    # the stove on the left, with a fire behind its door, and a pot
    c.rect(rgb("#1c1a1d"), 90, 250, 250, 240, 8)
    c.rect(rgb("#2a272b"), 80, 236, 270, 22, 4)
    c.rect(rgb("#1c1a1d"), 190, 0, 34, 240)
    c.rect(rgb("#3a1a10"), 150, 330, 110, 80, 6)
    for i in range(7):                                          # flames behind the grate
        fx, tall = 158 + i * 15, 40 + (i * 37 % 23)
        c.poly(rgb("#e8702a"), quad((fx - 9, 406), (fx - 4, 390 - tall / 2), (fx + 2, 406 - tall)) +
               quad((fx + 2, 406 - tall), (fx + 6, 396 - tall / 3), (fx + 10, 406)))
        c.poly(rgb("#ffc45a"), quad((fx - 4, 406), (fx - 1, 396 - tall / 3), (fx + 2, 410 - tall * 0.6)) +
               quad((fx + 2, 410 - tall * 0.6), (fx + 4, 398), (fx + 6, 406)))
    for i in range(4):
        c.stroke(rgb("#2a272b"), [(154, 340 + i * 20), (256, 340 + i * 20)], 3)
    c.rect(rgb("#55504f"), 120, 190, 110, 50, 10)                   # the soup pot
    c.rect(rgb("#6e6866"), 112, 186, 126, 10, 4)
    for k in range(3):                                           # steam
        x = 150 + k * 26
        c.stroke((120, 100, 92), [(x + 10 * math.sin(t / 3 + k), 180 - t * 10) for t in range(10)], 3)
    # the table in front, a cloth, two bowls and an oil lamp
    c.poly(rgb("#6b4a30"), [(330, 560), (950, 560), (1010, 640), (270, 640)])
    c.poly(rgb("#e9e2d2"), [(420, 556), (860, 556), (900, 620), (380, 620)])
    for tx in range(420, 880, 40):
        c.stroke(rgb("#c9b9a6"), [(tx, 556), (tx - 20 + (tx - 640) * 0.08, 620)], 2)
    c.rect(rgb("#4a3120"), 300, 640, 24, 80)
    c.rect(rgb("#4a3120"), 950, 640, 24, 80)
    for bx in (520, 760):
        c.ellipse(rgb("#7d8fa3"), bx, 584, 46, 14)
        c.ellipse(rgb("#d9a066"), bx, 580, 36, 8)
    c.rect(rgb("#b08a3e"), 628, 560, 24, 12, 3)                     # oil lamp
    c.ellipse(rgb("#fff0c8"), 640, 530, 16, 28)
    c.ellipse(rgb("#ffffff"), 640, 536, 4, 10)
    out = c.result()
    out.blit(noise((W, H), 10, 215, 255, 42), (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    dim = pygame.Surface((W, H))
    dim.fill((150, 130, 130))
    out.blit(dim, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    add_light(out, (640, 520), (1500, 1000), (150, 96, 50), 1.4)       # warm lamplight
    add_light(out, (205, 370), (520, 420), (170, 80, 20), 1.8)         # the stove's glow
    add_light(out, (640, 530), (120, 160), (255, 200, 120), 1.5)
    vignette(out, 0.7)
    grain(out, 6, 43)
    return out


def lamp_room() -> pygame.Surface:
    W, H = 1920, 1080
    rng = seeded(51)
    c = Canvas((W, H), 2, alpha=False)
    vgradient((W * 2, 640 * 2), [(0, rgb("#070b1c")), (0.6, rgb("#17204a")), (0.92, rgb("#2f3566")),
                                 (1, rgb("#3b3f6a"))], c.surf)
    vgradient((W * 2, 180 * 2), [(0, rgb("#1a2140")), (1, rgb("#0a0f20"))], c.surf, (0, 640 * 2))
    for _ in range(260):
        x, y = rng.randrange(W), int(rng.random() ** 1.5 * 600)
        v = rng.randint(110, 255)
        c.circle((v, v, min(255, v + 25)), x, y, 0.8 + rng.random())
    for _ in range(300):                                       # the sea far below
        y = 650 + rng.random() ** 1.3 * 160
        x = rng.randrange(W)
        c.stroke(rgb("#3a4672"), [(x, y), (x + 6 + (y - 640) * 0.2, y)], 1.2)
    # beams going out through the glass, left and right
    for side in (-1, 1):
        c.poly((46, 52, 86), [(960, 520), (960 + side * 960, 300), (960 + side * 960, 700)])
    # the glazing: diagonal astragals, as lantern rooms have
    for k in range(-12, 14):
        x = 960 + k * 150
        c.stroke(rgb("#0d0e14"), [(x - 200, 0), (x + 200, 820)], 7)
        c.stroke(rgb("#0d0e14"), [(x + 200, 0), (x - 200, 820)], 7)
    c.rect(rgb("#1a1b22"), 0, 0, W, 40)
    for y in (300, 560):
        c.rect(rgb("#16171e"), 0, y, W, 10)
    # the wall and floor of the lamp room: iron below the glass, a brass rail, boards
    vgradient((W * 2, 130 * 2), [(0, rgb("#3a3f4a")), (1, rgb("#24272f"))], c.surf, (0, 820 * 2))
    vgradient((W * 2, 130 * 2), [(0, rgb("#4b3626")), (1, rgb("#24180f"))], c.surf, (0, 950 * 2))
    for x in range(-900, W + 900, 120):
        c.stroke(rgb("#1d130b"), [(960 + (x - 960) * 0.4, 950), (x, 1080)], 2)
    c.rect(rgb("#c4974a"), 0, 800, W, 12, 4)
    c.rect(rgb("#8a6630"), 0, 812, W, 5)
    for x in range(60, W, 180):
        c.rect(rgb("#8a6630"), x, 812, 10, 138)
    # the pedestal and clockwork case
    c.rect(rgb("#2d5544"), 860, 740, 200, 230, 6)
    c.rect(rgb("#c4974a"), 850, 730, 220, 16, 4)
    c.rect(rgb("#c4974a"), 850, 960, 220, 16, 4)
    c.circle(rgb("#e8d9b0"), 960, 830, 34)
    c.circle(rgb("#c4974a"), 960, 830, 4)
    c.stroke(rgb("#2a2a2a"), [(960, 830), (960, 806)], 3)
    c.stroke(rgb("#2a2a2a"), [(960, 830), (978, 838)], 3)
    c.stroke(rgb("#c4974a"), [(1060, 890), (1100, 890), (1100, 920)], 6)      # the winding handle
    c.rect(rgb("#5a3a24"), 1090, 916, 20, 34, 6)
    # the great lens: rings of glass round a bright core
    lx, top, bottom = 960, 180, 720
    for i in range(22):
        t0, t1 = i / 22, (i + 1) / 22
        y0, y1 = top + (bottom - top) * t0, top + (bottom - top) * t1
        w0 = 170 * math.sin(math.pi * (0.12 + 0.76 * t0))
        w1 = 170 * math.sin(math.pi * (0.12 + 0.76 * t1))
        mid = abs(0.5 - (t0 + t1) / 2) * 2
        glass = (int(150 + 90 * (1 - mid)), int(170 + 70 * (1 - mid)), int(170 + 50 * (1 - mid)))
        c.poly(glass, [(lx - w0, y0), (lx + w0, y0), (lx + w1, y1), (lx - w1, y1)])
        c.stroke(rgb("#b88a3c"), [(lx - w1, y1), (lx + w1, y1)], 3)
        c.stroke(rgb("#ffffff"), [(lx - w0 * 0.6, y0 + 4), (lx - w0 * 0.2, y0 + 4)], 1.5)
    for k in (-1, 0, 1):
        c.stroke(rgb("#b88a3c"), [(lx + k * 110, top + 30), (lx + k * 160, 450), (lx + k * 110, bottom - 30)], 4)
    c.rect(rgb("#c4974a"), lx - 120, top - 20, 240, 22, 6)
    c.rect(rgb("#c4974a"), lx - 120, bottom, 240, 22, 6)
    out = c.result()
    out.blit(noise((W, H), 14, 220, 255, 52), (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    add_light(out, (960, 450), (1400, 1200), (120, 100, 60), 1.5)
    add_light(out, (960, 450), (420, 520), (200, 180, 130), 1.8)
    add_light(out, (960, 450), (120, 120), (255, 255, 240), 1.2)
    vignette(out, 0.6)
    grain(out, 5, 53)
    return out


ROOMS = {"keepers kitchen.jpg": kitchen, "lamp room.jpg": lamp_room}
