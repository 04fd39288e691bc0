"""What `vn check` prints of a result: each diagnostic and a summary line, or one JSON document."""
from __future__ import annotations

import json


def print_check(result, as_json: bool, indent: int | None = 2) -> None:
    """`indent=None`: the JSON on one line (`vn check --watch --json`: a document per check)."""
    if as_json:
        print(json.dumps({"ok": not result.errors, "files": len(result.sources), "lines": result.lines_read,
                          "diagnostics": [d.to_json() for d in result.diagnostics]}, indent=indent), flush=True)
        return
    for d in result.diagnostics:
        print(d.format())
    print(summary(result), flush=True)


def summary(result) -> str:
    e, w = len(result.errors), len(result.warnings)
    said = f"{len(result.sources)} files, {result.lines_read} lines: {e} error{'s' * (e != 1)}, " \
           f"{w} warning{'s' * (w != 1)}"
    return said if (e or w) else f"{said}. All clear."
