"""Scripts written to break the tools: each must give a positioned diagnostic or StoryError, never a
traceback or a hang. Anything that could hang runs under a deadline, so a regression fails instead."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vn.cli import check_folder, main
from vn.runtime import events as ev
from vn.runtime.routes import explore_routes
from vn.runtime import runtime as runtime_module
from vn.runtime.runtime import Runtime, StoryError
from vn.script.loader import load_game
from vn.script.program import compile_game

from gamefiles import MANIFEST, write_game

ROOT = Path(__file__).resolve().parent.parent
ZERO_MANIFEST = MANIFEST.replace("variables:\n", "variables:\n  zero: 0\n  n: 1\n  f: 1.5\n")


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail the test, rather than hang the suite, when the body runs longer than `seconds`."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def vn(*args, timeout=60) -> subprocess.CompletedProcess:
    """The real command in a process of its own, killed if it outlives `timeout`."""
    return subprocess.run([sys.executable, "-m", "vn", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def program_of(tmp_path, story, manifest=ZERO_MANIFEST):
    result = load_game(write_game(tmp_path, story, manifest))
    assert result.game is not None, [d.format() for d in result.diagnostics]
    return compile_game(result.game)


def codes(result, code):
    return [d for d in result.diagnostics if d.code == code]


def play(rt: Runtime, limit: int = 1000):
    for _ in range(limit):
        e = rt.advance()
        if isinstance(e, ev.Choices):
            rt.choose(0)
        elif isinstance(e, ev.End):
            return e
    raise AssertionError("no end")


# ---------------------------------------------------------------- §5 errors inside {…}

def test_division_by_zero_in_a_line_is_a_story_error_at_that_line(tmp_path):
    program = program_of(tmp_path, 'start:\n  - "fine"\n  - "Value: {n / zero}"\n  - ending: good\n')
    rt = Runtime(program)
    rt.advance()
    with pytest.raises(StoryError) as err:
        rt.advance()
    assert err.value.pos.line == 3 and "division by zero" in err.value.message


def test_division_by_zero_in_option_text_is_a_story_error(tmp_path):
    program = program_of(tmp_path, 'start:\n  - menu:\n    - text: "Take {n / zero}"\n      jump: fin\n'
                                   'fin:\n  - ending: good\n')
    with pytest.raises(StoryError) as err:
        Runtime(program).advance()
    assert err.value.pos.line == 2


def test_check_and_run_text_report_an_error_in_braces_without_a_traceback(tmp_path):
    write_game(tmp_path, 'start:\n  - "Value: {n / zero}"\n  - ending: good\n', ZERO_MANIFEST)
    check = vn("check", str(tmp_path))
    assert check.returncode == 1 and "Traceback" not in check.stderr + check.stdout
    assert "story.yaml:2:5: error VN027" in check.stdout and "division by zero" in check.stdout
    run = vn("run", "--text", str(tmp_path))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "story.yaml:2:5" in run.stderr and "division by zero" in run.stderr


def test_integers_past_the_safe_range_are_a_story_error(tmp_path):
    program = program_of(tmp_path, 'start:\n  - set: {n: "n * 4000000000"}\n  - set: {n: "n * 4000000000"}\n'
                                   '  - ending: good\n')
    with pytest.raises(StoryError) as err:
        Runtime(program).advance()
    assert err.value.pos.line == 3 and "too large" in err.value.message


def test_an_int_too_long_to_print_is_a_story_error_not_a_crash(tmp_path):
    product = "*".join(["4000000000"] * 45)  # squared four times: past the 4,300 digits Python prints
    program = program_of(tmp_path, 'start:\n  - set: {n: "n * ' + product + '"}\n' +
                         '  - set: {n: "n * n"}\n' * 4 + '  - "{n}"\n  - ending: good\n')
    with pytest.raises(StoryError) as err:
        Runtime(program).advance()
    assert err.value.pos.line == 2


def test_an_int_too_large_for_a_float_is_a_story_error(tmp_path):
    product = "*".join(["4000000000"] * 40)
    program = program_of(tmp_path, 'start:\n  - set: {f: "' + product + ' / 3"}\n  - ending: good\n')
    with pytest.raises(StoryError):
        Runtime(program).advance()


@pytest.mark.parametrize("story,where", [
    ('start:\n  - set: {n: ' + "9" * 5000 + '}\n  - ending: good\n', (2, 14)),
    ('start:\n  - pause: ' + "9" * 400 + '\n  - ending: good\n', (2, 12)),
    ('start:\n  - pause: 601\n  - ending: good\n', (2, 12)),
    ('start:\n  - effect: {name: shake, duration: 1.0e999}\n  - ending: good\n', (2, 37)),
    ('start:\n  - effect: {name: gunfire, duration: 1.0e999}\n  - ending: good\n', (2, 39)),
    ('start:\n  - scene: {background: bar, duration: 1.0e999}\n  - ending: good\n', (2, 40)),
    ('start:\n  - set: {n: "n + 99999999999999999999"}\n  - ending: good\n', (2, 19)),
    ('start:\n  - set: {f: "f * 1' + "0" * 400 + '.0"}\n  - ending: good\n', (2, 19)),
    ('start:\n  - "{1' + "0" * 400 + '}"\n  - ending: good\n', (2, 7)),
])
def test_numbers_out_of_range_are_refused_at_load(tmp_path, story, where):
    result = load_game(write_game(tmp_path, story, ZERO_MANIFEST))
    found = codes(result, "VN025")
    assert found and result.game is None, [d.format() for d in result.diagnostics]
    assert (found[0].pos.line, found[0].pos.column) == where, found[0].format()


def test_a_huge_variable_default_is_refused_at_load(tmp_path):
    manifest = MANIFEST.replace("variables:\n", "variables:\n  big: " + "9" * 5000 + "\n")
    result = load_game(write_game(tmp_path, 'start:\n  - "{big}"\n  - ending: good\n', manifest))
    assert codes(result, "VN025") and result.game is None


# ---------------------------------------------------------------- §6 check terminates and reports

def test_a_loop_without_a_choice_is_an_error_at_its_jump(tmp_path):
    write_game(tmp_path, 'start:\n  - "Round."\n  - jump: start\n', ZERO_MANIFEST)
    with deadline(30):
        result = check_folder(str(tmp_path))
    found = codes(result, "VN027")
    assert found and (found[0].pos.line, found[0].pos.column) == (3, 5), [d.format() for d in result.diagnostics]
    assert "endless loop" in found[0].message


@pytest.mark.parametrize("stretch", ["counted", "written out"])
def test_a_long_stretch_without_a_choice_is_no_loop(stretch, tmp_path):
    # 2,500 lines or more before the first choice: past 2,000 the explorer compares states to find
    # a loop, and a position it had not kept up to date would make every state look the same
    lines = ('  - set: {n: "n + 1"}\n  - "Step {n}."\n  - if: "n < 3000"\n    then: [jump: start]\n'
             if stretch == "counted" else "".join(f'  - "Line {i}."\n' for i in range(2_500)))
    story = f'start:\n{lines}  - menu:\n      - text: "Stop"\n        do: [ending: good]\n'
    write_game(tmp_path, story, ZERO_MANIFEST)
    with deadline(60):
        result = check_folder(str(tmp_path))
        report = explore_routes(compile_game(load_game(tmp_path).game))
    assert not codes(result, "VN027"), [d.format() for d in result.diagnostics]
    assert report.routes == 1 and report.endings["good"] == 1 and not report.failures


def test_check_and_routes_commands_end_on_a_loop(tmp_path):
    write_game(tmp_path, 'start:\n  - "Round."\n  - jump: start\n', ZERO_MANIFEST)
    assert vn("check", str(tmp_path), timeout=60).returncode == 1
    routes = vn("routes", str(tmp_path), timeout=60)
    assert routes.returncode == 1 and "endless loop" in routes.stdout


def test_a_loop_through_several_labels_is_found(tmp_path):
    write_game(tmp_path, 'start:\n  - "A."\n  - jump: two\ntwo:\n  - set: {n: "n + 1"}\n  - set: {n: "n - 1"}\n'
                         '  - "B."\n  - jump: three\nthree:\n  - jump: start\n', ZERO_MANIFEST)
    with deadline(30):
        result = check_folder(str(tmp_path))
    assert codes(result, "VN027"), [d.format() for d in result.diagnostics]


def test_a_loop_that_reads_visits_still_ends(tmp_path):
    write_game(tmp_path, 'start:\n  - "Round {visits(\'start\')}."\n  - jump: start\n', ZERO_MANIFEST)
    with deadline(60):
        result = check_folder(str(tmp_path))
    assert codes(result, "VN027")


def test_call_recursion_is_bounded(tmp_path):
    program = program_of(tmp_path, 'start:\n  - "Deeper."\n  - call: start\n')
    rt = Runtime(program)
    with deadline(30), pytest.raises(StoryError) as err:
        for _ in range(runtime_module.MAX_CALL_DEPTH * 2 + 10):
            rt.advance()
    assert err.value.pos.line == 3 and "deep" in err.value.message
    with deadline(30):
        result = check_folder(str(tmp_path))
    assert codes(result, "VN027")


@pytest.mark.parametrize("story,line", [
    ('start:\n  - set: {f: "f / zero"}\n  - ending: good\n', 2),
    ('start:\n  - menu:\n    - text: "a"\n      if: "n > 5"\n      jump: fin\nfin:\n  - ending: good\n', 2),
    ('start:\n  - jump: again\nagain:\n  - jump: start\n', 4),
])
def test_check_reports_what_every_route_fails_on(tmp_path, story, line):
    write_game(tmp_path, story, ZERO_MANIFEST)
    with deadline(60):
        result = check_folder(str(tmp_path))
    found = codes(result, "VN027")
    assert found and found[0].pos.line in (2, line), [d.format() for d in result.diagnostics]
    assert result.errors


COUNTER = ('start:\n  - menu:\n    - text: "Again"\n      set: {n: "n + 1"}\n      jump: start\n'
           '    - text: "Stop"\n      jump: fin\nfin:\n  - if: "n > 100000"\n    then: [{ending: bad}]\n'
           '  - ending: good\n')


def test_a_counter_behind_a_choice_stops_within_the_budget_and_says_so(tmp_path):
    write_game(tmp_path, COUNTER, ZERO_MANIFEST)
    start = time.perf_counter()
    with deadline(60):
        result = check_folder(str(tmp_path))
    assert time.perf_counter() - start < 20
    assert codes(result, "VN107") and not codes(result, "VN105")


def test_routes_on_a_truncated_exploration_never_claims_unreachable(tmp_path):
    write_game(tmp_path, COUNTER, ZERO_MANIFEST)
    out = vn("routes", str(tmp_path), timeout=120)
    assert "stopped early" in out.stdout
    assert "UNREACHABLE" not in out.stdout and "Unreachable endings: bad" not in out.stdout


def test_exploration_keeps_to_a_time_budget(tmp_path):
    program = program_of(tmp_path, COUNTER)
    start = time.perf_counter()
    report = explore_routes(program, max_states=10**9, max_seconds=1.0)
    assert report.truncated and time.perf_counter() - start < 5


# ---------------------------------------------------------------- §9 special files among the scripts

def special(tmp_path, make):
    write_game(tmp_path, 'start:\n  - ending: good\n', ZERO_MANIFEST)
    make(tmp_path / "odd.yaml")
    return tmp_path


@pytest.mark.parametrize("make", [
    pytest.param(os.mkfifo, id="fifo"),
    pytest.param(lambda p: p.symlink_to("/dev/zero"), id="dev-zero"),
    pytest.param(lambda p: p.mkdir(), id="directory"),
    pytest.param(lambda p: p.symlink_to(p.parent / "missing.yaml"), id="dangling"),
    pytest.param(lambda p: p.symlink_to("/etc/passwd"), id="outside"),
])
def test_only_regular_files_inside_the_folder_are_read(tmp_path, make):
    folder = special(tmp_path, make)
    out = vn("check", str(folder), timeout=30)
    assert "Traceback" not in out.stderr + out.stdout
    assert out.returncode == 1 and "VN026" in out.stdout, out.stdout
    assert "root:" not in out.stdout


def test_a_link_to_a_file_inside_the_folder_is_fine(tmp_path):
    write_game(tmp_path, 'start:\n  - jump: other\n', ZERO_MANIFEST)
    (tmp_path / "real.txt").write_text("other:\n  - ending: good\n")
    (tmp_path / "other.yaml").symlink_to("real.txt")
    result = load_game(tmp_path)
    assert result.game is not None, [d.format() for d in result.diagnostics]


@pytest.mark.parametrize("story", [
    '"start\\n":\n  - ending: good\n',
    'start:\n  - jump: "start\\n"\n',
    'start:\n  - xander: "hi"\n    id: "x\\n"\n  - ending: good\n',
    'start:\n  - ending: "good\\n"\n',
])
def test_names_with_a_trailing_newline_are_refused(tmp_path, story):
    result = load_game(write_game(tmp_path, story, ZERO_MANIFEST))
    assert codes(result, "VN020"), [d.format() for d in result.diagnostics]


def test_a_game_id_with_a_trailing_newline_is_refused(tmp_path):
    manifest = ZERO_MANIFEST.replace("id: test-game", 'id: "test-game\\n"')
    result = load_game(write_game(tmp_path, 'start:\n  - ending: good\n', manifest))
    assert codes(result, "VN020")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_a_control_character_is_reported_on_its_line(tmp_path, char):
    result = load_game(write_game(tmp_path, f'start:\n  - "ok"\n  - "ab{char}c"\n  - ending: good\n'))
    found = codes(result, "VN001")
    assert found and (found[0].pos.line, found[0].pos.column) == (3, 8), found[0].format()


@pytest.mark.parametrize("indicator", ["|", "|-", ">"])
def test_an_error_inside_a_block_scalar_is_reported_on_its_own_line(tmp_path, indicator):
    story = f'start:\n  - {indicator}\n    first line\n    second {{humanity +}} x\n  - ending: good\n'
    result = load_game(write_game(tmp_path, story))
    found = codes(result, "VN014")
    line = story.splitlines()[3]
    assert found and (found[0].pos.line, found[0].pos.column) == (4, line.index("}") + 1), found[0].format()


def test_a_type_error_inside_a_block_scalar_is_reported_on_its_own_line(tmp_path):
    story = 'start:\n  - xander: |\n      one\n      two {took_lighter + 1}\n  - ending: good\n'
    found = codes(load_game(write_game(tmp_path, story)), "VN015")
    assert found and (found[0].pos.line, found[0].pos.column) == (4, 12), found[0].format()


def test_escapes_in_double_quotes_do_not_shift_the_caret(tmp_path):
    story = 'start:\n  - "a\\tb\\u00e9c {humanity +}"\n  - ending: good\n'
    found = codes(load_game(write_game(tmp_path, story)), "VN014")
    line = story.splitlines()[1]
    assert found and found[0].pos.column == line.index("}") + 1, found[0].format()
    caret = found[0].format().splitlines()[2]
    assert caret.index("^") - 4 == line.index("}")
