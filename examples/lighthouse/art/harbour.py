"""The breakwater at dusk, in six layers drawn back to front (see game.yaml):
sky and sea; clouds that drift and tile across; the lighthouse beam, which pulses;
the breakwater, the tower and the quay; a moored boat that sways; a quay lantern
that flickers."""
from __future__ import annotations

import math

import pygame

from .paint import Canvas, add_light, blur, grain, noise, radial, rgb, seeded, vgradient

W, H = 1280, 720
HORIZON = 430
LAMP = (640, 176)            # the lighthouse's lantern


def sky() -> pygame.Surface:
    rng = seeded(11)
    s = pygame.Surface((W, H))
    vgradient((W, HORIZON), [(0, rgb("#121834")), (0.35, rgb("#2b2d5a")), (0.68, rgb("#7a5276")),
                             (0.88, rgb("#d7896c")), (1, rgb("#f4b87c"))], s)
    vgradient((W, H - HORIZON), [(0, rgb("#6a6079")), (0.12, rgb("#3d4262")), (1, rgb("#10172a"))], s,
              (0, HORIZON))
    for _ in range(160):                                  # stars, fewer and dimmer toward the glow
        x, y = rng.randrange(W), int(rng.random() ** 1.8 * 300)
        v = int((1 - y / 300) * rng.randint(90, 230))
        s.set_at((x, y), (v, v, min(255, v + 20)))
        if v > 170:
            add_light(s, (x, y), (7, 7), (v // 3, v // 3, v // 3), 1.5)
    add_light(s, (930, HORIZON), (1100, 480), (110, 58, 30), 1.6)
    add_light(s, (930, HORIZON), (300, 90), (90, 60, 30), 1.4)
    hills = [(0, HORIZON - 34), (90, HORIZON - 44), (200, HORIZON - 30), (330, HORIZON - 22), (440, HORIZON - 8),
             (520, HORIZON), (0, HORIZON)]
    pygame.draw.polygon(s, rgb("#3b3150"), hills)
    pygame.draw.polygon(s, rgb("#5e4a62"), [(1040, HORIZON), (1120, HORIZON - 12), (1220, HORIZON - 16),
                                             (1280, HORIZON - 10), (1280, HORIZON)])
    for i in range(200):                                  # the glow's road on the water, then small waves
        depth = rng.random() ** 1.6
        y = HORIZON + 3 + int(depth * (H - HORIZON - 6))
        spread = 40 + depth * 260
        x = 930 + rng.gauss(0, spread * 0.45)
        length = 8 + depth * 60 * rng.random()
        warm = (1 - depth) * 0.9
        color = (int(120 + 130 * warm), int(90 + 90 * warm), int(100 - 10 * warm))
        pygame.draw.line(s, color, (x - length / 2, y), (x + length / 2, y), 1 + int(depth * 2))
    for i in range(520):
        depth = rng.random() ** 1.3
        y = HORIZON + 4 + int(depth * (H - HORIZON - 6))
        x = rng.randrange(W)
        length = 4 + depth * 46
        shade = rgb("#5c6688") if rng.random() < 0.6 else rgb("#0c1222")
        pygame.draw.line(s, shade, (x, y), (x + length, y), 1 + int(depth * 1.5))
    grain(s, 5, 12)
    return s


def clouds() -> pygame.Surface:
    """Long dusk clouds, lit pink from below; the picture wraps round left to right."""
    rng = seeded(21)
    out = pygame.Surface((W, H), pygame.SRCALPHA)
    puff = radial((256, 96), (255, 255, 255), 1.3, 255)
    for band in range(7):
        cy = 60 + band * 44 + rng.randint(-14, 14)
        cx = rng.randrange(W)
        length = rng.randint(260, 620)
        warm = band / 6
        for _ in range(30):
            x = cx + rng.uniform(0, length)
            y = cy + rng.gauss(0, 6)
            rx, ry = rng.uniform(30, 80), rng.uniform(7, 15)
            body = (int(70 + 90 * warm), int(60 + 50 * warm), int(100 + 20 * warm), int(90 + 60 * warm))
            lit = (int(210 + 40 * warm), int(130 + 50 * warm), int(130 - 10 * warm), int(90 + 80 * warm))
            for color, sx, sy, oy in ((body, rx, ry, 0), (lit, rx * 0.8, ry * 0.6, ry * 0.5)):
                stamp = pygame.transform.smoothscale(puff, (int(2 * sx), int(2 * sy)))
                stamp.fill(color, special_flags=pygame.BLEND_RGBA_MULT)
                for dx in (-W, 0, W):          # drawn three times, so the picture wraps round
                    out.blit(stamp, (x + dx - sx, y + oy - sy))
    return out


def beam() -> pygame.Surface:
    """The lamp's halo and its beam, reaching left across the sky and faintly right."""
    qw, qh = W // 4, H // 4
    small = pygame.Surface((qw, qh), pygame.SRCALPHA)
    small.fill((255, 236, 180, 0))       # clear, but of the light's colour: blending and blurring keep it
    lx, ly = LAMP[0] / 4, LAMP[1] / 4
    for x in range(qw):
        reach = (lx - x) / lx if x < lx else (x - lx) / (qw - lx) * 2.2
        half = 1.5 + abs(x - lx) * (0.16 if x < lx else 0.12)
        tilt = (x - lx) * (0.12 if x < lx else 0.05)
        strength = max(0.0, 1 - reach) ** 0.8 * (1.0 if x < lx else 0.5)
        for y in range(int(ly + tilt - half - 2), int(ly + tilt + half + 3)):
            edge = 1 - min(1.0, abs(y - (ly + tilt)) / (half + 2))
            a = int(150 * strength * edge ** 1.4)
            if 0 <= y < qh and a > 0:
                small.set_at((x, y), (255, 236, 180, a))
    out = blur(blur(pygame.transform.smoothscale(small, (W, H)), 4, 2), 8, 1)
    halo = radial((300, 300), (255, 226, 160), 2.2, 220)
    out.blit(halo, (LAMP[0] - 150, LAMP[1] - 150))
    core = radial((70, 70), (255, 250, 230), 1.4, 255)
    out.blit(core, (LAMP[0] - 35, LAMP[1] - 35))
    return out


def _tower(c: Canvas):
    x, base, top = LAMP[0], 448, 212
    for side, color in ((-1, rgb("#8e93a8")), (1, rgb("#e9e4dc"))):
        c.poly(color, [(x, base), (x + side * 34, base), (x + side * 22, top), (x, top)])
    for y0, y1 in ((262, 292), (350, 380)):                       # red bands, narrowing with the tower
        for side, color in ((-1, rgb("#7d2a2c")), (1, rgb("#b8403b"))):
            w0 = 22 + (y0 - top) / (base - top) * 12
            w1 = 22 + (y1 - top) / (base - top) * 12
            c.poly(color, [(x, y0), (x + side * w0, y0), (x + side * w1, y1), (x, y1)])
    c.rect(rgb("#3a2f36"), x - 6, 420, 12, 26, 5)                   # door and small windows
    for y in (316, 404):
        c.rect(rgb("#ffd98a"), x + 4, y, 5, 9, 2)
    c.rect(rgb("#2d2a35"), x - 34, 202, 68, 10, 2)                 # the gallery, with rails
    for rx in range(-32, 34, 6):
        c.stroke(rgb("#2d2a35"), [(x + rx, 202), (x + rx, 192)], 1.2)
    c.stroke(rgb("#2d2a35"), [(x - 32, 192), (x + 32, 192)], 1.5)
    c.rect(rgb("#fff2c4"), x - 18, 160, 36, 36)                    # the lantern glass
    for mx in (-9, 0, 9):
        c.stroke(rgb("#3a3440"), [(x + mx, 160), (x + mx, 196)], 1.3)
    c.poly(rgb("#6e2a2a"), [(x - 24, 162), (x + 24, 162), (x + 10, 144), (x - 10, 144)])   # the cap
    c.stroke(rgb("#2d2a35"), [(x, 144), (x, 132)], 2)
    c.circle(rgb("#2d2a35"), x, 131, 2.5)


def breakwater() -> pygame.Surface:
    c = Canvas((W, H), 2)
    islet = [(520, 452), (560, 436), (600, 440), (640, 430), (700, 438), (760, 434), (800, 448), (820, 458), (500, 462)]
    c.poly(rgb("#1f1b29"), islet)
    c.poly(rgb("#2c2837"), [(560, 440), (640, 432), (700, 440), (640, 446)])
    c.poly(rgb("#3d3747"), [(560, 448), (574, 430), (604, 426), (612, 448)])     # the keeper's cottage
    c.poly(rgb("#6b2e2e"), [(556, 432), (590, 414), (618, 430)])
    c.rect(rgb("#ffcf7a"), 584, 434, 8, 7, 1)
    _tower(c)
    wall_top = [(760, 620), (1280, 610), (1280, 600), (735, 451), (700, 451)]
    c.poly(rgb("#24202e"), [(700, 451), (690, 462), (700, 640), (760, 620)])          # the wall's dark face
    c.poly(rgb("#5b5566"), wall_top)
    rng = seeded(31)
    for i in range(1, 16):                                           # joints between blocks, in perspective
        t = (i / 16) ** 1.7
        y = 451 + t * 165
        x0, x1 = 700 + t * 60, 735 + t * 545
        c.stroke(rgb("#433d4f"), [(x0, y), (x1, y - t * 8)], 1 + t * 1.5)
        for _ in range(3):
            bx = x0 + rng.random() * (x1 - x0)
            c.stroke(rgb("#433d4f"), [(bx, y), (bx + t * 4, y + 3 + t * 10)], 1 + t)
    c.stroke(rgb("#c99a7e"), [(700, 451), (760, 620)], 1.5)          # the glow catches the wall's edge
    quay = [(0, 612), (1280, 600), (1280, 720), (0, 720)]
    c.poly(rgb("#3e3948"), quay)
    c.poly(rgb("#6c6474"), [(0, 612), (1280, 600), (1280, 608), (0, 620)])
    for y in (640, 672, 708):
        c.stroke(rgb("#2c2835"), [(0, y + 4), (1280, y - 6)], 2)
        for i in range(14):
            x = (i * 97 + y * 3) % 1280
            c.stroke(rgb("#2c2835"), [(x, y + 4 - x * 0.008), (x - 6, y + 34 - x * 0.008)], 2)
    for bx in (1010, 1160):                                          # bollards
        c.rect(rgb("#1b1a22"), bx - 14, 582, 28, 30, 6)
        c.ellipse(rgb("#2b2a34"), bx, 582, 18, 7)
    c.rect(rgb("#1b1a22"), 1222, 396, 8, 214)                          # the lantern's post and bracket
    c.stroke(rgb("#1b1a22"), [(1226, 404), (1196, 404), (1196, 412)], 3)
    out = c.result()
    shade = noise((W, H), 12, 228, 255, 32)
    out.blit(shade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    return out


def boat() -> pygame.Surface:
    c = Canvas((W, H), 3)
    x, y = 96, 506
    c.poly(rgb("#2b3550"), [(x - 64, y - 18), (x + 70, y - 20), (x + 56, y + 4), (x - 52, y + 4)])
    c.poly(rgb("#d9d2c4"), [(x - 64, y - 18), (x + 70, y - 20), (x + 68, y - 15), (x - 62, y - 13)])
    c.poly(rgb("#8a3b33"), [(x - 52, y + 1), (x + 56, y + 1), (x + 56, y + 4), (x - 52, y + 4)])
    c.rect(rgb("#c9c2b4"), x - 30, y - 40, 34, 22, 3)
    c.rect(rgb("#6a6f86"), x - 25, y - 35, 10, 8, 1)
    c.stroke(rgb("#1d1c26"), [(x + 22, y - 20), (x + 22, y - 92)], 2.2)
    c.stroke(rgb("#1d1c26"), [(x + 22, y - 88), (x + 62, y - 21)], 0.8)
    c.stroke(rgb("#1d1c26"), [(x + 22, y - 88), (x - 58, y - 19)], 0.8)
    c.circle(rgb("#ffe6a8"), x + 22, y - 93, 2.2)
    out = c.result()
    for i in range(8):                                               # a broken reflection
        ry = y + 8 + i * 5
        pygame.draw.line(out, (22, 28, 46, 150 - i * 16), (x - 52 + i * 4, ry), (x + 50 - i * 6, ry), 2)
    out.blit(radial((24, 24), (255, 220, 150), 1.5, 200), (x + 10, y - 105))
    return out


def lantern() -> pygame.Surface:
    out = pygame.Surface((W, H), pygame.SRCALPHA)
    out.fill((255, 190, 110, 0))
    x, y = 1196, 430
    out.blit(radial((520, 420), (255, 190, 110), 2.4, 150), (x - 260, y - 210))
    out.blit(radial((520, 110), (255, 196, 120), 2.0, 120), (x - 300, 560))   # its light on the quay
    c = Canvas((W, H), 3)
    c.poly(rgb("#1b1a22"), [(x - 11, y - 14), (x + 11, y - 14), (x + 6, y - 20), (x - 6, y - 20)])
    c.rect(rgb("#ffd58a"), x - 9, y - 14, 18, 24, 2)
    c.rect(rgb("#fff4d8"), x - 4, y - 8, 8, 12, 3)
    c.stroke(rgb("#1b1a22"), [(x - 9, y - 14), (x - 9, y + 10)], 1.5)
    c.stroke(rgb("#1b1a22"), [(x + 9, y - 14), (x + 9, y + 10)], 1.5)
    c.rect(rgb("#1b1a22"), x - 11, y + 10, 22, 4, 1)
    c.stroke(rgb("#1b1a22"), [(x, y - 20), (x, y - 26)], 1.5)
    out.blit(c.result(), (0, 0))
    return out


LAYERS = {"harbour/sky.jpg": sky, "harbour/clouds.png": clouds, "harbour/beam.png": beam,
          "harbour/breakwater.png": breakwater, "harbour/boat.png": boat, "harbour/lantern.png": lantern}


def composite() -> pygame.Surface:
    """All six layers at rest, for looking at."""
    out = sky()
    for draw in (clouds, beam, breakwater, boat, lantern):
        out.blit(draw(), (0, 0))
    return out
