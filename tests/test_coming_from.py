"""Every example in docs/coming-from.md is a story that runs: it loads without an error, every
route ends in an ending (no dead end, loop or run-time error), and the text player plays it."""
import io
import re
from pathlib import Path

import pytest

from vn.cli import check_folder
from vn.runtime.routes import explore_routes
from vn.script.program import load_program
from vn.textplayer import play_text

DOC = Path(__file__).resolve().parent.parent / "docs" / "coming-from.md"
BLOCK = re.compile(r"<!-- (manifest|runnable) -->\n```yaml\n(.*?)```", re.S)


def blocks():
    found = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    manifest = [text for kind, text in found if kind == "manifest"]
    return manifest, [text for kind, text in found if kind == "runnable"]


def test_the_page_has_a_manifest_and_examples_for_each_engine():
    manifest, examples = blocks()
    assert len(manifest) == 1
    assert len(examples) >= 9
    text = DOC.read_text(encoding="utf-8")
    for engine in ("## From Ren'Py", "## From ink", "## From Yarn Spinner"):
        assert engine in text


@pytest.mark.parametrize("number", range(len(blocks()[1])))
def test_each_example_runs(tmp_path, number):
    manifest, examples = blocks()
    (tmp_path / "game.yaml").write_text(manifest[0], encoding="utf-8")
    (tmp_path / "example.yaml").write_text(examples[number], encoding="utf-8")
    result = check_folder(str(tmp_path))
    assert not result.errors, [d.format() for d in result.errors]
    report = explore_routes(load_program(tmp_path))
    assert not report.truncated
    assert not (report.failures or report.dead_ends or report.loops), report.to_json()
    assert sum(report.endings.values()) == report.routes > 0
    out = io.StringIO()
    assert play_text(load_program(tmp_path), choices=[2] * 30, interactive=False, out=out) == 0, out.getvalue()
