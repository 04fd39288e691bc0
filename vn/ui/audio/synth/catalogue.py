"""Every sound the engine makes in code: which module makes it, whether it loops, and the
level it is brought to. Plain data, no numpy: the game reads it without paying for numpy.

Levels (dBFS, full scale = the loudest a 16-bit sample can be):
- loops are brought to an RMS over the whole loop: -20 for a bed of sound, -24 for the
  deafened room's near silence, and lower for what is heard over a bed (the bar's buzz
  over its hum -27, the lamp over the rain -25), since one ambience's layers play at one
  volume;
- one-shots to the RMS of their loudest 400 ms (-18; the ringing -24, so the high tone
  stays comfortable);
- short knocks and clicks, mostly peak, to a peak (-3);
and nothing peaks above -1 dBFS: louder peaks are rounded off before they get there.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    module: str          # the module of this package whose function of the same name makes it
    loop: bool           # seamless: its end runs into its start
    measure: str         # "rms" (whole loop), "short" (loudest 400 ms) or "peak"
    level: float         # dBFS, measured as above
    about: str           # what a writer hears, for `vn sounds` and the writer's guide
    peak: float = -1.0   # no sample above this (dBFS)


SOUNDS: dict[str, Entry] = {
    "neon_hum": Entry("bar", True, "rms", -20.0, "a neon sign's mains hum, 60 Hz and its harmonics, "
                      "fluttering slightly (8 s loop)"),
    "electric_buzz": Entry("bar", True, "rms", -27.0, "a harsh electrical buzz with an arcing crackle "
                           "that comes and goes (6 s loop)"),
    "gunfire": Entry("gunfire", False, "short", -18.0, "the sixty as a deafened man hears it: dull, "
                     "irregular thumps in bursts, no crack, no ring (7 s)", peak=-3.0),
    "pistol_shot": Entry("gunfire", False, "short", -18.0, "the forty-five, once, heard the same way: "
                         "one dull thump and the room answering (1.5 s)", peak=-3.0),
    "deaf_room": Entry("gunfire", True, "rms", -24.0, "after the shooting: pressure, a slow heartbeat, "
                       "a thin steady whine, nothing else (8 s loop)"),
    "ear_ringing": Entry("gunfire", False, "short", -24.0, "a high tone near 5.4 kHz that fades away over "
                         "12 s while the muffled world opens up again beneath it"),
    "gun_click": Entry("gunfire", False, "peak", -3.0, "the dead man's click: a dry, close metallic "
                       "click, the one clear sound (0.5 s)"),
    "fire": Entry("fire", False, "short", -18.0, "a fire catching: a whoosh, crackles that thicken, "
                  "then a roar (10 s)"),
    "fire_roar": Entry("fire", True, "rms", -20.0, "a building burning: a low roar with crackles and "
                       "pops (10 s loop)"),
    "sirens": Entry("street", False, "short", -18.0, "a police siren coming up the street, passing and "
                    "going away: its pitch drops as it passes, left to right (12 s)"),
    "street_rain": Entry("street", True, "rms", -20.0, "a wet street: light rain, drips and a gutter "
                         "(10 s loop)"),
    "lamp_buzz": Entry("street", True, "rms", -25.0, "the failing street lamp: a ballast buzz that "
                       "stutters out and strikes again (8 s loop)"),
    "dawn_wind": Entry("dawn", True, "rms", -20.0, "wind over the cemetery in slow gusts (12 s loop)"),
    "dawn_birds": Entry("dawn", True, "rms", -20.0, "birds waking: chirps, a trill, a two-note call, "
                        "near and far, over a faint breeze (12 s loop)"),
    "door_knock": Entry("dawn", False, "peak", -3.0, "three knocks on a wooden front door (2.5 s)"),
}


def wav_name(name: str) -> str:
    return f"{name}.wav"
