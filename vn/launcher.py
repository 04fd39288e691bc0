"""The entry point of the standalone executable, named after the game id of the story it
carries (build.spec; the shipped game's is dead-mans-click).

    dead-mans-click              play the game
    dead-mans-click --selftest   play one route headless and exit 0 when it works
    dead-mans-click --selftest DIR   the same on the story in DIR (from a checkout: python -m vn.launcher)
    dead-mans-click check|routes|run|...   the `vn` commands, on the bundled scripts by default
    dead-mans-click --render-sounds DIR    render the sounds made in code into DIR (the game
                                           starts itself this way, to keep numpy out of its process)

Absolute imports: PyInstaller runs this file as a script, not as part of the package.
"""
import sys


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--render-sounds"]:
        import os
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")    # its output is the render log
        from vn.ui.audio.synth.render import main as render
        return render(args[1:])
    if "--selftest" in args:
        from vn.selftest import run
        rest = [a for a in args if a != "--selftest"]
        return run(rest[0] if rest else None)
    if args and (not args[0].startswith("-") or args[0] in ("-h", "--help")):
        from vn.cli import main as cli_main
        return cli_main(args)
    from vn.play import run_window
    from vn.paths import default_scripts_dir
    return run_window(default_scripts_dir())


if __name__ == "__main__":
    sys.exit(main())
