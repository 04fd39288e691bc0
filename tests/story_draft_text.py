"""Patterns in the game's prose that the second draft rations: a helper of test_story_draft.py."""
from __future__ import annotations

import re

SENTENCE = re.compile(r"[^.!?…]+[.!?…]+")
WORDS = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
# A sentence that opens on its subject has a verb coming; a fragment of a list does not.
SUBJECTS = {"i", "it", "he", "she", "you", "we", "they", "that", "this", "there", "nobody",
            "i'm", "it's", "he's", "she's", "you're", "we're", "they're", "that's", "there's"}


def _is_fragment(sentence: str) -> bool:
    words = [w.lower().replace("\u2019", "'") for w in WORDS.findall(sentence)]
    return 1 <= len(words) <= 4 and words[0] not in SUBJECTS


def fragment_lists(text: str) -> list[str]:
    """Runs of three or more verbless fragments in a row ("Clean. Loaded. Ready for tonight.")."""
    found, run = [], []
    for sentence in (s.strip() for s in SENTENCE.findall(text)):
        if _is_fragment(sentence):
            run.append(sentence)
            continue
        if len(run) >= 3:
            found.append(" ".join(run))
        run = []
    if len(run) >= 3:
        found.append(" ".join(run))
    return found
