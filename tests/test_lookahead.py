"""vn.runtime.lookahead: what the story may show next, along every branch."""
from __future__ import annotations

import pygame

from picturestory import GREEN, solid, write_story
from vn.runtime.lookahead import BACKGROUND, SPRITE, upcoming
from vn.runtime.runtime import Runtime
from vn.script.program import load_program

MANIFEST = """characters:
  ann: {name: Ann, images: {calm: a.png, cross: b.png}}
backgrounds:
  hall: {color: "#101010"}
  yard: {color: "#202020"}
  roof: {color: "#303030", variants: [night]}
  far: {color: "#404040"}
variables:
  brave: false
"""
STORY = """start:
  - scene: hall
  - "Where now?"
  - menu:
      - text: "The yard"
        id: yard
        do:
          - scene: yard
          - show: {character: ann, expression: calm}
          - "Yard."
      - text: "The roof"
        id: roof
        jump: roof
  - ending: done
roof:
  - if: brave
    then:
      - scene: {background: roof, variant: night}
  - else:
      - call: helper
  - ending: done
helper:
  - show: {character: ann, expression: cross}
  - return:
"""


def program(tmp_path, story=STORY):
    pygame.init()
    solid(tmp_path / "a.png", (20, 40), GREEN, alpha=True)
    solid(tmp_path / "b.png", (20, 40), GREEN, alpha=True)
    write_story(tmp_path, MANIFEST, story)
    return load_program(tmp_path)


def test_both_sides_of_a_menu_and_of_an_if_and_a_call_nearest_first(tmp_path):
    prog = program(tmp_path)
    found = upcoming(prog, Runtime(prog).state, 60)
    assert found[0] == (BACKGROUND, "hall", None)
    assert (BACKGROUND, "yard", None) in found and (SPRITE, "ann", "calm") in found
    assert (BACKGROUND, "roof", "night") in found, "the if's true side"
    assert (SPRITE, "ann", "cross") in found, "the else side, through a call"
    assert found.index((BACKGROUND, "yard", None)) < found.index((BACKGROUND, "roof", "night"))


def test_from_a_choice_waiting(tmp_path):
    prog = program(tmp_path)
    rt = Runtime(prog)
    while not rt.choices:
        rt.advance()
    found = upcoming(prog, rt.state, 60)
    assert (BACKGROUND, "hall", None) not in found, "behind us"
    assert {(BACKGROUND, "yard", None), (BACKGROUND, "roof", "night")} <= set(found)


def test_the_walk_stops_after_its_steps(tmp_path):
    long = "start:\n" + "".join(f'  - "Line {n}."\n' for n in range(100)) + "  - scene: far\n  - ending: done\n"
    prog = program(tmp_path, long)
    state = Runtime(prog).state
    assert upcoming(prog, state, 60) == []
    assert upcoming(prog, state, 200) == [(BACKGROUND, "far", None)]


def test_a_loop_is_walked_once(tmp_path):
    loop = 'start:\n  - scene: hall\n  - "Again."\n  - jump: start\n'
    prog = program(tmp_path, loop)
    assert upcoming(prog, Runtime(prog).state, 1000) == [(BACKGROUND, "hall", None)]
