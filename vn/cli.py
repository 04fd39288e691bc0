"""The `vn` command: check, run --text, routes, play."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .paths import default_scripts_dir


def _load(directory: str, out=sys.stderr):
    """Load and compile a game, printing diagnostics; returns (program or None, load result)."""
    from .script.loader import load_game
    from .script.program import compile_game
    result = load_game(directory)
    for d in result.diagnostics:
        print(d.format(), file=out)
    return (compile_game(result.game) if result.game else None), result


def check_folder(directory: str, explore: bool = True):
    """Everything `vn check` reports: load-time diagnostics, then variable and route warnings."""
    from .script.loader import load_game
    from .script.diagnostics import sort_key, with_source_lines
    result = load_game(directory)
    if result.game is not None:
        from .incremental_check import program_warnings
        from .script.program import compile_game
        extra = program_warnings(compile_game(result.game), explore)
        from .window_warnings import window_text_warnings
        extra += window_text_warnings(result.game, directory)
        result.diagnostics += with_source_lines(extra, result.sources)
        result.diagnostics.sort(key=sort_key)
    return result


def checked(directory: str, explore: bool = True, use_cache: bool = True):
    """check_folder's result, from the cache when nothing it reads has changed since."""
    from . import checkcache
    engine = checkcache.engine_digest() if use_cache else None     # once: both caches are keyed by it
    key = checkcache.check_key(directory, f"explore={explore}", engine) if use_cache else None
    if key is not None:
        cached = checkcache.load(key)
        if cached is not None:
            return cached
    result = fresh_check(directory, explore, engine)
    if key is not None:
        checkcache.store(key, result)
    return result


def fresh_check(directory: str, explore: bool, engine: str | None):
    """A check the whole-result cache could not answer: file by file, taking from the cache
    what it holds of each (when `engine`, its digest, is given: the cache is in use), else, or
    when the story is beyond that, the whole story."""
    if engine is not None:
        from .incremental_check import incremental_check
        result = incremental_check(directory, explore=explore, engine=engine)
        if result is not None:
            return result
    return check_folder(directory, explore=explore)


def cmd_check(args) -> int:
    if args.watch:
        from .check_watch import watch_checks
        return watch_checks(args.dir, check_folder, explore=not args.no_routes, as_json=args.json)
    from .check_report import print_check
    result = checked(args.dir, explore=not args.no_routes, use_cache=not args.no_cache)
    print_check(result, args.json)
    return 1 if result.errors else 0


def cmd_run(args) -> int:
    from .textplayer import play_text
    program, _ = _load(args.dir)
    if program is None:
        return 1
    choices = None
    if args.choices is not None:
        # a number is the option's place on screen (1-based); anything else, an option id
        choices = [int(c) if c.strip().isdigit() else c.strip() for c in args.choices.split(",") if c.strip()]
    save_to = None
    if getattr(args, "save", None):
        save_to = _saver(program, args.save)
        if save_to is None:
            return 2
    # once the --choices list is used up, a person at a terminal carries on by hand
    code = play_text(program, choices=choices, interactive=sys.stdin.isatty() and save_to is None,
                     on_choices_used=save_to, seed=getattr(args, "seed", None))
    return 1 if save_to is not None and save_to.failed else code


def _seed(text: str) -> int:
    value = int(text)
    if not 0 <= value < 2 ** 63:
        raise ValueError(text)
    return value


_seed.__name__ = "seed"     # what argparse names in "invalid seed value"


def _saver(program, slot: str):
    """A function saving a state to `slot` (for run --save), or None after saying why it can't.
    A save that fails says why on stderr and sets the function's `failed`, for the exit code."""
    from .save.datadir import DataDirError
    from .save.resume import open_store, route_summary
    from .save.slots import SaveError
    try:
        store = open_store(program)
        store.path(slot)
    except (SaveError, DataDirError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None

    def save(state):
        stage = state.stage.get("background")
        title = program.manifest.backgrounds[stage].title if stage in program.manifest.backgrounds else ""
        try:
            info = store.write(slot, state, scene=title, summary=route_summary(state))
        except SaveError as exc:
            save.failed = True
            print(f"error: {exc}", file=sys.stderr)
            return
        print(f"saved to {info.title} ({store.path(slot)})")
    save.failed = False
    return save


def cmd_saves(args) -> int:
    from .save.datadir import DataDirError
    from .save.resume import open_store
    program, _ = _load(args.dir)
    if program is None:
        return 1
    try:
        store = open_store(program)
    except DataDirError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    infos = store.list()
    if args.json:
        print(json.dumps({"folder": str(store.folder), "saves": [
            {"slot": i.slot, "ok": i.ok, "reason": i.reason, "created": i.created, "scene": i.scene,
             "summary": i.summary, "play_time": i.play_time, "same_script": i.same_script} for i in infos]},
            indent=2))
        return 0
    print(f"Saves in {store.folder}:")
    if not infos:
        print("  (none)")
    for i in infos:
        if i.ok:
            changed = "  (story changed since)" if not i.same_script else ""
            print(f"  {i.title:<12} ok       {_local_time(i.when)}  {i.scene:<16} {i.summary or '-'}{changed}")
        else:
            print(f"  {i.title:<12} REFUSED  {i.reason}")
    return 0


def _local_time(when) -> str:
    try:
        return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "?"
    except (ValueError, OverflowError, OSError):
        return "?"


def cmd_graph(args) -> int:
    from .script.loader import load_game
    from .storymap import GraphvizMissing, write_story_map
    result = load_game(args.dir)
    for d in result.diagnostics:
        print(d.format(), file=sys.stderr)
    if result.game is None:
        return 1
    ran = None
    if not result.errors:
        from .script.program import compile_game
        from .storymap import reached_by_routes
        ran = reached_by_routes(compile_game(result.game))   # greys out what no route reaches
    try:
        written = write_story_map(result.game, Path(args.output), ran)
    except (GraphvizMissing, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0


def cmd_play(args) -> int:
    try:
        from .play import run_window
    except ImportError:  # the window is not available: play in the terminal
        return cmd_run(argparse.Namespace(dir=args.dir, choices=None, save=None))
    return run_window(args.dir, dev=getattr(args, "dev", False))


def cmd_shots(args) -> int:
    from .ui.shots import write_shots
    if len(args.paths) > 2:
        print("error: vn shots takes a story folder and an output folder, or just the output folder",
              file=sys.stderr)
        return 2
    story, outdir = (args.paths[0], args.paths[1]) if len(args.paths) == 2 else (args.dir, args.paths[0])
    written = write_shots(story, outdir)
    print(f"{len(written)} screenshots in {outdir}")
    return 0


def cmd_sounds(args) -> int:
    """The sounds the engine makes in code: listed, or written out as WAVs to listen to."""
    import os
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")    # vn.ui.audio brings pygame in
    from .ui.audio.synth import cache_dir, names, synth_path
    from .ui.audio.synth.catalogue import SOUNDS
    if not args.export:
        print(f"{len(names())} sounds made in code (rendered into {cache_dir()}):")
        for name, entry in SOUNDS.items():
            ready = "ready" if synth_path(name) else "not rendered yet"
            print(f"  {name:<14} {'loop' if entry.loop else 'once':<5} {ready:<17} {entry.about}")
        return 0
    try:
        from .ui.audio.synth.render import render_all
    except ImportError as error:    # numpy missing: a headless install without the window's needs
        print(f"error: synthesis needs numpy ({error})", file=sys.stderr)
        return 1

    def report(name, path, samples, took):
        import numpy as np
        from .ui.audio.synth.dsp import RATE, db
        peak = db(float(np.abs(samples).max()))
        level = db(float(np.sqrt(np.mean(np.square(samples)))))
        print(f"{path}  {len(samples) / RATE:5.2f} s  peak {peak:6.1f} dBFS  RMS {level:6.1f} dBFS  ({took:.2f} s)")
    render_all(Path(args.export), report=report)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vn", description="Visual novel engine: check, explore and play stories.")
    sub = parser.add_subparsers(dest="command", required=True)
    default_dir = str(default_scripts_dir())

    check = sub.add_parser("check", help="validate a game's scripts")
    check.add_argument("dir", nargs="?", default=default_dir)
    check.add_argument("--json", action="store_true", help="print diagnostics as JSON")
    check.add_argument("--no-routes", action="store_true",
                       help="skip the route exploration (unreachable endings, impossible choices)")
    check.add_argument("--no-cache", action="store_true",
                       help="check afresh, without reading or writing the cache of earlier results")
    check.add_argument("--watch", action="store_true",
                       help="keep running: check again each time a file of the story changes (Ctrl+C stops)")
    check.set_defaults(func=cmd_check)

    run = sub.add_parser("run", help="play the story")
    run.add_argument("dir", nargs="?", default=default_dir)
    run.add_argument("--text", action="store_true", help="play in the terminal")
    run.add_argument("--choices", help="answer choices from this list: 1-based numbers (1,3,2) or option ids, "
                                       "as vn routes prints them")
    run.add_argument("--save", metavar="SLOT", help="save to SLOT (e.g. 3 or quick) once the --choices are used up")
    run.add_argument("--seed", type=_seed, metavar="N",
                     help="seed the story's random draws (0 to 2^63-1), for a repeatable run (with --text)")
    run.set_defaults(func=lambda a: cmd_run(a) if a.text else cmd_play(a))

    from .routes_cli import add_parser as add_routes
    add_routes(sub, default_dir, _load)

    saves = sub.add_parser("saves", help="list the saves in the data folder, with any refused and why")
    saves.add_argument("dir", nargs="?", default=default_dir)
    saves.add_argument("--json", action="store_true")
    saves.set_defaults(func=cmd_saves)

    graph = sub.add_parser("graph", help="draw the story map (.dot always; .svg/.png with Graphviz)")
    graph.add_argument("dir", nargs="?", default=default_dir)
    graph.add_argument("-o", "--output", default="story.svg", help="story.svg, story.png or story.dot")
    graph.set_defaults(func=cmd_graph)

    play = sub.add_parser("play", help="open the game window")
    play.add_argument("dir", nargs="?", default=default_dir)
    play.add_argument("--dev", action="store_true",
                      help="for writers: reload scripts when saved, show their errors over the game")
    play.set_defaults(func=cmd_play)

    shots = sub.add_parser("shots", help="write PNG screenshots of every screen (headless)")
    shots.add_argument("paths", nargs="+", metavar="[DIR] OUTDIR",
                       help="the story folder (as for vn play; or --dir), then where to write the PNGs")
    shots.add_argument("--dir", default=default_dir, help="the game's scripts folder")
    shots.set_defaults(func=cmd_shots)

    sounds = sub.add_parser("sounds", help="the sounds the engine makes in code; --export DIR writes them as WAVs")
    sounds.add_argument("--export", metavar="DIR", help="write every synthesised sound into DIR as a WAV file")
    sounds.set_defaults(func=cmd_sounds)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
