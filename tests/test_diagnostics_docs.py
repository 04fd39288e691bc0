"""docs/diagnostics.md shows what vn check prints: every story snippet there is checked, and every
line marked `# VNnnn` must get that code; every printed example carries its section's code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vn.cli import check_folder

from gamefiles import write_game

DOCS = Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md"
MARK = re.compile(r"#\s*(VN\d{3})\b")
PRINTED = re.compile(r":\d+:\d+: (?:error|warning) (VN\d{3}):")


def sections() -> list[tuple[str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(r"^## (VN\d{3})[^\n]*\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)


def story_snippets():
    for code, body in sections():
        for block in re.findall(r"```yaml\n(.*?)```", body, re.DOTALL):
            if block.startswith("start:"):
                yield pytest.param(code, block, id=code)


def test_the_docs_hold_story_snippets():
    assert len(list(story_snippets())) >= 7


@pytest.mark.parametrize("code,block", list(story_snippets()))
def test_each_documented_snippet_gives_its_code(tmp_path, code, block):
    found = {(d.code, d.pos.line) for d in check_folder(str(write_game(tmp_path, block)), explore=False).diagnostics}
    marked = [(m.group(1), n) for n, line in enumerate(block.splitlines(), 1) for m in [MARK.search(line)] if m]
    assert code in {c for c, _ in marked}
    for want in marked:
        assert want in found, (want, sorted(found))


def test_each_printed_example_carries_its_sections_code():
    for code, body in sections():
        for printed in PRINTED.findall(body):
            assert printed == code
