"""Pictures in the manifest and on stage: what `vn check` finds in a broken copy of an
illustrated story, the header reader, show/hide at run time, and states on stage old and new."""
from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from vn.cli import check_folder
from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.runtime.state import FORMAT_VERSION, StateError, StoryState
from vn.script import model as m
from vn.script.pictures import image_size
from vn.script.program import compile_game, load_program
from vn.script.statements import short_hash

ROOT = Path(__file__).resolve().parent.parent


def png(width: int = 4, height: int = 3) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    rows = b"".join(b"\0" + b"\x80\x40\x20\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def pygame_bytes(ext: str, width: int, height: int) -> bytes:
    pygame = pytest.importorskip("pygame")
    surface = pygame.Surface((width, height))
    surface.fill((200, 100, 50))
    out = io.BytesIO()
    pygame.image.save(surface, out, "x." + ext)
    return out.getvalue()


MANIFEST = """\
game: {id: pictures, title: Pictures, start: start}
characters:
  sylvie:
    name: Sylvie
    color: "#c8ffc8"
    images: {green_normal: "images/sylvie green normal.png", green_smile: "images/sylvie green smile.png"}
  plain: {name: Plain, shown: figure}
backgrounds:
  uni: "images/bg uni.png"
  black: "#000"
  bar: {painted: bar, variants: [burning]}
  harbour:
    layers:
      - images/harbour/sky.png
      - {image: images/harbour/clouds.png, drift: [6, 0]}
      - {image: images/harbour/lamp.png, flicker: 0.3, pulse: [0.2, 3], sway: 4}
    variants: {night: "images/harbour/night.png"}
endings:
  done: {title: Done}
"""

STORY = """\
start:
  - scene: uni
  - show: {character: sylvie, expression: green_smile, at: left, transition: dissolve, duration: 0.25}
  - sylvie: "Hello."
  - show: {character: sylvie}
  - show: {character: sylvie, expression: green_normal, at: 0.6}
  - show: {character: plain, at: 0.8}
  - "Quiet."
  - scene: {background: harbour, variant: night, transition: dissolve}
  - show: sylvie
  - hide: {character: sylvie, transition: dissolve}
  - hide: plain
  - scene: {background: black, transition: fade}
  - ending: done
"""

PICTURES = ("images/bg uni.png", "images/sylvie green normal.png", "images/sylvie green smile.png",
            "images/harbour/sky.png", "images/harbour/clouds.png", "images/harbour/lamp.png",
            "images/harbour/night.png")


def story(folder: Path, manifest: str = MANIFEST, script: str = STORY, pictures=PICTURES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "game.yaml").write_text(manifest, encoding="utf-8")
    (folder / "story.yaml").write_text(script, encoding="utf-8")
    for rel in pictures:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(png(8, 6))
    return folder


def found(folder: Path) -> list:
    return [(d.code, d.pos.line, d.message, d.hint) for d in check_folder(str(folder)).diagnostics]


def codes(folder: Path) -> set[str]:
    return {d[0] for d in found(folder)}


def test_illustrated_story_is_clean_and_reads_every_kind(tmp_path):
    folder = story(tmp_path / "s")
    assert found(folder) == []
    program = load_program(folder)
    bg = program.manifest.backgrounds
    assert (bg["uni"].kind, bg["uni"].image, bg["uni"].title) == ("image", "images/bg uni.png", "Uni")
    assert (bg["black"].kind, bg["black"].color) == ("color", "#000000")
    assert (bg["bar"].kind, bg["bar"].painted, bg["bar"].variants) == ("painted", "bar", ("burning",))
    harbour = bg["harbour"]
    assert harbour.kind == "layers" and [layer.image for layer in harbour.layers] == list(PICTURES[3:6])
    assert harbour.layers[0].motion.still
    assert harbour.layers[1].motion.drift == (6.0, 0.0)
    lamp = harbour.layers[2].motion
    assert (lamp.flicker, lamp.pulse, lamp.sway) == (0.3, (0.2, 3.0), (4.0, 4.0))
    assert harbour.variants == ("night",) and harbour.variant_images == {"night": "images/harbour/night.png"}
    assert harbour.image_sizes["images/harbour/sky.png"] == (8, 6)
    sylvie = program.manifest.characters["sylvie"]
    assert sylvie.color == "#c8ffc8" and sylvie.default_expression == "green_normal"
    assert program.game.root == str(folder.resolve())


def test_show_and_hide_events_and_the_stage(tmp_path):
    rt = Runtime(load_program(story(tmp_path / "s")))
    events = []
    while not isinstance(event := rt.advance(), ev.End):
        events.append(event)
        if isinstance(event, ev.Show) and event.character == "plain":
            assert rt.state.stage["figures"] == {"sylvie": {"at": 0.6, "expression": "green_normal"},
                                                 "plain": {"at": 0.8, "expression": None}}
    shows = [e for e in events if isinstance(e, (ev.Show, ev.Hide))]
    assert shows == [
        ev.Show("sylvie", "Sylvie", "plate", "left", "green_smile", "dissolve", 0.25),
        ev.Show("sylvie", "Sylvie", "plate", "left", "green_smile"),        # keeps place and expression
        ev.Show("sylvie", "Sylvie", "plate", 0.6, "green_normal"),
        ev.Show("plain", "Plain", "figure", 0.8, None),
        ev.Show("sylvie", "Sylvie", "plate", "center", "green_normal"),     # after a scene: the first
        ev.Hide("sylvie", "dissolve", 0.5),
        ev.Hide("plain"),
    ]
    assert rt.state.stage == {"background": "black", "variant": None, "figures": {}}
    assert StoryState.from_dict(rt.state.to_dict()).stage == rt.state.stage


def test_text_player_shows_who_enters_and_leaves(tmp_path):
    folder = story(tmp_path / "s")
    out = subprocess.run([sys.executable, "-m", "vn", "run", "--text", str(folder)], capture_output=True,
                         text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "[Sylvie, green smile, on the left]" in out.stdout
    assert "[Plain, 80% across]" in out.stdout and "[Sylvie leaves]" in out.stdout


def break_story(folder: Path, old: str, new: str, where: str = "game.yaml") -> Path:
    path = folder / where
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize("old, new, code, words", [
    ('"images/bg uni.png"', '"images/bg uni.jpg"', "VN028", "did you mean 'images/bg uni.png'"),
    ('"images/bg uni.png"', '"images/nothing like it.png"', "VN028", "not found"),
    ('"images/bg uni.png"', '"images/BG Uni.png"', "VN029", "fail on Linux"),
    ('"images/bg uni.png"', '"Images/bg uni.png"', "VN029", "the folder is 'images'"),
    ('"images/bg uni.png"', '"../outside.png"', "VN031", "leaves the story folder"),
    ('"images/bg uni.png"', '"/etc/hostname"', "VN031", "absolute"),
    ('"images/bg uni.png"', '"images\\\\bg uni.png"', "VN031", "'/' between folders"),
    ('"images/bg uni.png"', '"images"', "VN031", "not a plain file"),
    ('expression: green_smile', 'expression: green_smirk', "VN032", "did you mean 'green_smile'"),
    ('{character: plain, at: 0.8}', '{character: plain, expression: happy}', "VN032", "has no pictures"),
    ('{character: plain, at: 0.8}', '{character: plane}', "VN006", "unknown character"),
    ('bar: {painted: bar, variants: [burning]}', 'hall: {title: "Lecture hall"}', "VN033", "nothing to show"),
    ('bar: {painted: bar, variants: [burning]}', 'bar: {painted: bar, color: "#000"}', "VN033", "both"),
    ('layers:\n', 'layers: []\n    x:\n', "VN003", "unknown key"),
    ('bar: {painted: bar, variants: [burning]}', 'bar: {painted: pub}', "VN034", "no painted scene 'pub'"),
    ('bar: {painted: bar, variants: [burning]}', 'bar: {painted: bar, variants: [flooded]}', "VN034",
     "no variant 'flooded'"),
    ('black: "#000"', 'black: "#00000g"', "VN023", "not a colour"),
    ('drift: [6, 0]', 'drift: [6, 1.0e999]', "VN025", "drift"),
    ('flicker: 0.3', 'flicker: 1.5', "VN025", "between 0 and 1"),
    ('pulse: [0.2, 3]', 'pulse: [0.2, 0]', "VN025", "period"),
    ('sway: 4', 'sway: [4]', "VN004", "sway"),
])
def test_each_manifest_problem_is_found(tmp_path, old, new, code, words):
    folder = story(tmp_path / "s")
    folder = break_story(folder, old, new, "game.yaml" if old in MANIFEST else "story.yaml")
    hits = [d for d in found(folder) if d[0] == code]
    assert hits, found(folder)
    assert any(words in d[2] + " " + d[3] for d in hits), hits


@pytest.mark.parametrize("old, new, code", [
    ("- scene: uni", "- scene: unit", "VN007"),
    ("variant: night", "variant: dawn", "VN007"),
    ("at: 0.6", "at: 1.5", "VN025"),
    ("at: left", "at: middle", "VN021"),
    ("transition: dissolve, duration: 0.25", "transition: flash", "VN021"),
    ("hide: {character: sylvie, transition: dissolve}", "hide: {character: sylvie, duration: -1}", "VN004"),
])
def test_each_statement_problem_is_found(tmp_path, old, new, code):
    assert code in codes(break_story(story(tmp_path / "s"), old, new, "story.yaml"))


def test_diagnostics_point_at_the_picture_path(tmp_path):
    folder = break_story(story(tmp_path / "s"), '"images/bg uni.png"', '"images/bg uni.jpg"')
    [d] = check_folder(str(folder)).errors
    assert (d.code, d.pos.line, d.pos.column) == ("VN028", 9, 8)
    assert "did you mean" in d.format()


@pytest.mark.parametrize("content, words", [
    (b"just some text, not a picture", "not a PNG"),
    (b"", "empty"),
    (png()[:-12], "cut short"),
    (png()[:20], "cut short"),
    (png()[:29] + b"\0\0\0\0" + png()[33:], "checksum"),
    (pygame_bytes("png", 4, 4)[:50], "cut short"),
    (pygame_bytes("tga", 4, 4), "not a PNG"),
])
def test_files_that_are_not_readable_pictures(tmp_path, content, words):
    folder = story(tmp_path / "s")
    (folder / "images/bg uni.png").write_bytes(content)
    hits = [d for d in found(folder) if d[0] == "VN030"]
    assert len(hits) == 1 and words in hits[0][2], found(folder)


def test_a_picture_too_large_to_decode_safely(tmp_path):
    folder = story(tmp_path / "s")
    (folder / "images/bg uni.png").write_bytes(png(40000, 2))
    assert any(d[0] == "VN030" and "too large" in d[2] for d in found(folder))


def test_a_link_that_leaves_the_folder_and_a_fifo(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    folder = story(tmp_path / "s")
    target = folder / "images/bg uni.png"
    target.unlink()
    target.symlink_to(outside)
    assert any(d[0] == "VN031" and "outside" in d[2] for d in found(folder))
    target.unlink()
    target.symlink_to(folder / "images/harbour/sky.png")    # a link inside the folder is fine
    assert found(folder) == []
    target.unlink()
    target.symlink_to(tmp_path / "gone.png")
    assert "VN028" in codes(folder)
    if hasattr(os, "mkfifo"):
        target.unlink()
        os.mkfifo(target)
        assert any(d[0] == "VN031" and "not a plain file" in d[2] for d in found(folder))


def jpeg_with_exif(width: int, height: int) -> bytes:
    plain = pygame_bytes("jpg", width, height)
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 3000) + b"\xff" * 3000   # a large segment before the frame
    return plain[:2] + exif + plain[2:]


def webp(chunk: bytes, body: bytes) -> bytes:
    data = b"WEBP" + chunk + struct.pack("<I", len(body)) + body
    return b"RIFF" + struct.pack("<I", len(data)) + data


@pytest.mark.parametrize("content, size", [
    (png(31, 17), (31, 17)),
    (pygame_bytes("png", 33, 21), (33, 21)),
    (pygame_bytes("jpg", 40, 30), (40, 30)),
    (jpeg_with_exif(19, 23), (19, 23)),
    (pygame_bytes("bmp", 12, 9), (12, 9)),
    (b"GIF89a" + struct.pack("<HH", 320, 200) + b"\0" * 10 + b"\x3b", (320, 200)),
    (webp(b"VP8 ", b"\0\0\0\x9d\x01\x2a" + struct.pack("<HH", 640, 480) + b"\0" * 8), (640, 480)),
    (webp(b"VP8L", b"\x2f" + (99 | 49 << 14).to_bytes(4, "little") + b"\0" * 8), (100, 50)),
    (webp(b"VP8X", b"\0" * 4 + (1919).to_bytes(3, "little") + (1079).to_bytes(3, "little")), (1920, 1080)),
])
def test_header_sizes(content, size):
    assert image_size(io.BytesIO(content), len(content)) == size


def test_the_header_check_agrees_with_pygame(tmp_path):
    pygame = pytest.importorskip("pygame")
    for ext in ("png", "jpg", "bmp"):
        data = pygame_bytes(ext, 27, 14)
        assert image_size(io.BytesIO(data), len(data)) == pygame.image.load(io.BytesIO(data), "x." + ext).get_size()


NO_BACKGROUNDS = """\
game: {id: bare, title: Bare, start: start}
characters:
  ann: {name: Ann}
endings:
  done: {title: Done}
"""


def test_a_story_without_backgrounds_checks_clean_and_plays(tmp_path):
    folder = story(tmp_path / "bare", NO_BACKGROUNDS, 'start:\n  - show: ann\n  - ann: "Hi."\n  - ending: done\n', ())
    assert found(folder) == []
    for command in (["run", "--text"], ["routes"], ["check"]):
        out = subprocess.run([sys.executable, "-m", "vn", *command, str(folder)], capture_output=True, text=True,
                             timeout=60, cwd=ROOT)
        assert out.returncode == 0 and "Traceback" not in out.stderr, (command, out.stdout, out.stderr)
    rt = Runtime(load_program(folder))
    assert isinstance(rt.advance(), ev.Show) and rt.state.stage["background"] is None


def test_a_state_of_format_one_loads(tmp_path):
    program = load_program(story(tmp_path / "s"))
    rt = Runtime(program)
    for _ in range(3):
        rt.advance()
    old = rt.to_dict()
    old["version"] = 1
    old["stage"]["figures"] = {"sylvie": "left", "plain": "right", "gone": "center"}
    resumed = Runtime(program, old)
    assert resumed.state.stage["figures"] == {"sylvie": {"at": "left", "expression": "green_normal"},
                                              "plain": {"at": "right", "expression": None}}
    assert resumed.to_dict()["version"] == FORMAT_VERSION >= 2


@pytest.mark.parametrize("figure", [{"at": 1.5}, {"at": float("nan")}, {"at": "middle"}, {"at": True},
                                    {"at": "left", "expression": 3}, 7, ["left"]])
def test_a_damaged_figure_is_refused(tmp_path, figure):
    rt = Runtime(load_program(story(tmp_path / "s")))
    state = rt.to_dict()
    state["stage"]["figures"] = {"sylvie": figure}
    with pytest.raises(StateError):
        StoryState.from_dict(state)


def test_restored_stage_fits_the_manifest(tmp_path):
    program = load_program(story(tmp_path / "s"))
    state = Runtime(program).to_dict()
    state["stage"] = {"background": "pub", "variant": "x",
                      "figures": {"sylvie": {"at": 0.3, "expression": "green_gone"}}}
    rt = Runtime(program, state)
    assert rt.state.stage == {"background": None, "variant": None,
                              "figures": {"sylvie": {"at": 0.3, "expression": "green_normal"}}}


def test_shipped_game_ids_keep_their_old_formula():
    """Saves key on line ids: a show, hide or scene written as before gets the id it had."""
    program = load_program(ROOT / "scripts")
    checked = 0
    for label in program.game.labels.values():
        for s in label.body:
            if isinstance(s, m.Show):
                old = ("show", s.character, s.at)
            elif isinstance(s, m.Hide):
                old = ("hide", s.character)
            elif isinstance(s, m.Scene):
                old = ("scene", s.background, s.variant, s.transition, s.duration)
            else:
                continue
            assert s.id.split("#")[0] == f"{label.name}.{short_hash(*old)}"
            checked += 1
    assert checked >= 10


def test_shipped_game_uses_painted_scenes_and_routes_are_unchanged():
    program = load_program(ROOT / "scripts")
    assert {b.id: (b.kind, b.painted) for b in program.manifest.backgrounds.values()} == {
        "bar": ("painted", "bar"), "street": ("painted", "street"), "cemetery": ("painted", "cemetery")}
    assert all(b.variants == m.PAINTED_SCENES[b.painted] for b in program.manifest.backgrounds.values())


def test_new_fields_change_the_id_only_when_written(tmp_path):
    script = ('start:\n  - show: sylvie\n  - show: {character: sylvie, at: center}\n'
              '  - show: {character: sylvie, transition: none, duration: 0.5}\n'
              '  - show: {character: sylvie, expression: green_smile}\n  - hide: sylvie\n'
              '  - hide: {character: sylvie, transition: dissolve}\n  - ending: done\n')
    body = compile_game(load_program(story(tmp_path / "s", script=script)).game).game.labels["start"].body
    base = f"start.{short_hash('show', 'sylvie', 'center')}"
    assert [s.id for s in body[:3]] == [base, base + "#2", base + "#3"]
    assert body[3].id.split("#")[0] != base
    assert body[4].id == f"start.{short_hash('hide', 'sylvie')}" and body[5].id != body[4].id


def test_a_save_written_before_pictures_resumes_in_the_shipped_game(tmp_path):
    """A slot holding a format-1 state (figures as bare positions) loads and plays on."""
    from vn.save.slots import SaveStore
    program = load_program(ROOT / "scripts")
    rt = Runtime(program)
    while not (isinstance(event := rt.advance(), ev.Show)):
        assert not isinstance(event, ev.End)
    old = rt.to_dict()
    old["version"] = 1
    old["stage"]["figures"] = {event.character: "center"}
    store = SaveStore(tmp_path, program.manifest.game_id, program.game.fingerprint)
    store.write("1", old)
    resumed = Runtime(program, store.read("1")["state"])
    assert resumed.state.stage["figures"] == {event.character: {"at": "center", "expression": None}}
    assert isinstance(resumed.advance(), (ev.Line, ev.Show, ev.Hide, ev.Pause, ev.Effect))
