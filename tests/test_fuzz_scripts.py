"""The game's own scripts, damaged at random: loading, `vn check` and a playthrough must answer
with diagnostics or a StoryError, never a traceback, and each case must finish within seconds.

VN_FUZZ_CASES=2000 runs a longer attack than the bounded one `make test` runs.
"""
from __future__ import annotations

import os
import random
import re
import signal
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.lint import check_routes
from vn.runtime.runtime import Runtime, StoryError
from vn.script.lint import variable_warnings
from vn.script.loader import load_game
from vn.script.program import compile_game

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(SCRIPTS.glob("*.yaml"))}
CASES = int(os.environ.get("VN_FUZZ_CASES", "300"))
SLOW = 10.0  # seconds; a case that takes longer is a failure in itself

NUMBERS = ["9" * 5000, "9" * 400, "1.0e999", "-1.0e999", ".nan", "nan", "-5", "-0.5", "601", "0",
           "9007199254740993", "1e400", "0.000001"]
JUNK = ["\x00", "\x07", "\x1b", "\t", "\u200b", "\ufeff", "{", "}", "{{", ": ", "- ", "&a ", "*a", "---", '"', "'",
        "{humanity / 0}", "{1" + "0" * 30 + "}", "|", ">"]
NUMBER = re.compile(r"(?<![\w.])\d+(\.\d+)?(?![\w.])")
NAME = re.compile(r"\b[a-z_][a-z0-9_]{2,}\b")


def mutate(text: str, rnd: random.Random, kind: str) -> str:
    lines = text.split("\n")
    n = len(lines)
    i, j = rnd.randrange(n), rnd.randrange(n)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[j])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "number":
        line = lines[i]
        found = list(NUMBER.finditer(line))
        if found:
            m = rnd.choice(found)
            lines[i] = line[:m.start()] + rnd.choice(NUMBERS) + line[m.end():]
        else:
            lines[i] = line + " " + rnd.choice(NUMBERS)
    elif kind == "junk":
        line = lines[i]
        at = rnd.randrange(len(line) + 1)
        lines[i] = line[:at] + rnd.choice(JUNK) + line[at:]
    elif kind == "name":
        names = NAME.findall(text)
        if names:
            old = rnd.choice(names)
            new = rnd.choice(names + ["start\n", "x" * 300, "bar_opening", "ending", "jump", "é"])
            return text.replace(old, new, rnd.randint(1, 3))
    elif kind == "jump":  # a jump or call back to a label: loops and recursion
        labels = re.findall(r"^([a-z_][a-z0-9_]*):", text, re.MULTILINE) or ["bar_opening"]
        indent = re.match(r" *", lines[i]).group()
        lines.insert(i, f"{indent}- {rnd.choice(['jump', 'call'])}: {rnd.choice(labels)}")
    elif kind == "truncate":
        return text[:rnd.randrange(len(text) + 1)]
    return "\n".join(lines)


KINDS = ["delete", "duplicate", "swap", "number", "junk", "name", "jump", "truncate"]


def run_case(folder: Path, seed: int) -> None:
    """Load, check and play one damaged game; only diagnostics and StoryErrors may come out."""
    result = load_game(folder)
    if result.game is None:
        assert result.errors, "a game that fails to load says why"
        return
    program = compile_game(result.game)
    variable_warnings(program)
    # the budget `vn check` keeps, scaled down so that every case stays well inside SLOW
    check_routes(program, max_states=5_000, max_seconds=3.0)
    rnd = random.Random(seed)
    rt = Runtime(program)
    try:
        for _ in range(3_000):
            event = rt.advance()
            if isinstance(event, ev.Choices):
                rt.choose(rnd.randrange(len(event.options)))
            elif isinstance(event, ev.End):
                break
    except StoryError:
        pass


def _expire(signum, frame):
    raise TimeoutError(f"a case ran over {SLOW:.0f} s")


@settings(max_examples=CASES, deadline=None, derandomize="VN_FUZZ_CASES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(FILES)), st.lists(st.sampled_from(KINDS), min_size=1, max_size=4),
       st.integers(0, 2 ** 32 - 1))
def test_damaged_scripts_give_diagnostics_never_tracebacks(name, kinds, seed):
    rnd = random.Random(seed)
    text = FILES[name]
    for kind in kinds:
        text = mutate(text, rnd, kind)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for other, content in FILES.items():
            (folder / other).write_text(content, encoding="utf-8")
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        old = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, SLOW)
        start = time.perf_counter()
        try:
            run_case(folder, seed)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        assert time.perf_counter() - start < SLOW
