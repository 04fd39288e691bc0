"""The entry point of the standalone executable.

    dead-mans-click              play the game
    dead-mans-click --selftest   play one route headless and exit 0 when it works
    dead-mans-click check|routes|run|...   the `vn` commands, on the bundled scripts by default

Absolute imports: PyInstaller runs this file as a script, not as part of the package.
"""
import sys


def main() -> int:
    args = sys.argv[1:]
    if "--selftest" in args:
        from vn.selftest import run
        return run()
    if args and (not args[0].startswith("-") or args[0] in ("-h", "--help")):
        from vn.cli import main as cli_main
        return cli_main(args)
    from vn.play import run_window
    from vn.paths import default_scripts_dir
    return run_window(default_scripts_dir())


if __name__ == "__main__":
    sys.exit(main())
