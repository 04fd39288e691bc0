"""The game's text is its own: no six words in a row, anywhere a player can read them on
any route, match a six-word sequence of the source story.

tests/data/source-6grams.txt holds a hash (sha1, first 16 hex digits) of every six-word
sequence of the source; its header says how words are formed. Every route is played by
the runtime, choosing each option in turn, and the words of each line, option and
ending title run on into the next, so a sequence that spans a line and the next one on
some route is caught too. Five-word matches are printed, to be judged by eye.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime
from vn.script.program import load_program

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def ngram_hash(seq) -> str:
    return hashlib.sha1(" ".join(seq).encode("utf-8")).hexdigest()[:16]


def hashes(name: str) -> set[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def every_route_text(program):
    """Each route's readable text as (words, where each word came from), played by the runtime."""
    routes = []

    def walk(runtime: Runtime, seq: list[str], origin: list[str]) -> None:
        while True:
            event = runtime.advance()
            if isinstance(event, ev.Line):
                for w in words(event.text):
                    seq.append(w)
                    origin.append(event.id)
            elif isinstance(event, ev.EndingReached):
                for w in words(event.title):
                    seq.append(w)
                    origin.append(f"ending {event.id}")
            elif isinstance(event, ev.Choices):
                for choice in event.options:
                    branch = Runtime(program, runtime.snapshot())
                    option_words = words(choice.text)
                    branch.choose(choice.index)
                    walk(branch, seq + option_words, origin + [f"option {choice.id}"] * len(option_words))
                return
            elif isinstance(event, ev.End):
                routes.append((seq, origin))
                return

    walk(Runtime(program), [], [])
    return routes


def matches(routes, n: int, known: set[str]) -> dict[str, set[str]]:
    """n-word sequences found in `known`: the words -> where they were read."""
    found: dict[str, set[str]] = {}
    seen: set[tuple[str, ...]] = set()
    for seq, origin in routes:
        for i in range(len(seq) - n + 1):
            gram = tuple(seq[i:i + n])
            if gram in seen:
                continue
            seen.add(gram)
            if ngram_hash(gram) in known:
                found.setdefault(" ".join(gram), set()).update(origin[i:i + n])
    return found


@pytest.fixture(scope="module")
def routes():
    return every_route_text(load_program(REPO / "scripts"))


def test_the_hashes_are_the_source_story_s():
    six = hashes("source-6grams.txt")
    assert len(six) > 900 and all(re.fullmatch(r"[0-9a-f]{16}", h) for h in six)
    assert ngram_hash(words("A b c d e f")) == hashlib.sha1(b"a b c d e f").hexdigest()[:16]


def test_every_route_is_read_whole(routes):
    assert len(routes) >= 100
    assert min(len(seq) for seq, _ in routes) > 1000


def test_no_six_words_in_a_row_come_from_the_source(routes):
    hits = matches(routes, 6, hashes("source-6grams.txt"))
    assert not hits, "six-word sequences of the source story:\n" + "\n".join(
        f"  '{gram}' at {', '.join(sorted(where))}" for gram, where in sorted(hits.items()))


def test_five_word_matches_are_shown_for_judging(routes, capsys):
    hits = matches(routes, 5, hashes("source-5grams.txt"))
    with capsys.disabled():
        print(f"\n{len(hits)} five-word sequence(s) shared with the source (judge each: an idiom, or a copy?)")
        for gram, where in sorted(hits.items()):
            print(f"  '{gram}' at {', '.join(sorted(where))}")


def test_the_check_catches_a_copied_sentence_across_two_lines():
    """The search can fail: six source words split over a line and an option are found."""
    known = {ngram_hash(["one", "two", "three", "four", "five", "six"])}
    routes = [(["x", "one", "two", "three"] + ["four", "five", "six", "y"],
               ["a", "a", "a", "a", "option o", "option o", "option o", "b"])]
    assert list(matches(routes, 6, known)) == ["one two three four five six"]
