"""The game's second draft, held to its targets over every route the runtime can play.

Length (every route a twenty-minute read), pacing (no long run of boxes without a choice
or a change of scene), rhythm (the three-fragment list and a stock phrase rationed),
"warm" kept for Dawn's Birthday, Every Morning remembering the route and closing three
ways by how he answered her, Dawn's Birthday ending on the knock, and the sound cues at
the beats they serve. tests/story_routes.py plays the routes; run it to print the numbers.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

from story_draft_text import fragment_lists
from story_routes import Route, every_route

MIN_WORDS = 4500
MAX_STRETCH = 35
EVERY_MORNING = ("cemetery_end_morning", "cemetery_morning_after")
BIRTHDAY = ("cemetery_end_birthday",)        # its labels all start with this
BRITISH = re.compile(r"\b(grey|greying|colours?|rumours?|towards|afterwards|realis\w*|neighbour\w*|"
                     r"favour\w*|behaviour|metres?|whilst|amongst|learnt|kerb)\b", re.I)


@pytest.fixture(scope="module")
def routes() -> list[Route]:
    return every_route()


@pytest.fixture(scope="module")
def texts(routes) -> dict[str, str]:
    """Every box any route shows, once: id -> text."""
    return {line.id: line.text for route in routes for line in route.lines}


def _soft_answers(route: Route) -> int:
    return sum(1 for option in route.taken if option.startswith("arg_") and option.endswith("_soft"))


def _lines_of(route: Route, labels: tuple[str, ...]):
    return [line for line in route.lines if line.id.startswith(labels)]


def _sounds(route: Route) -> list[str]:
    return [source for _, channel, play in route.audio for source in play if channel in ("sound", "ambience")]


def test_the_routes_reach_all_three_endings(routes):
    endings = {route.ending for route in routes}
    assert endings == {"every_morning", "dawns_birthday", "empty_stone"}


def test_every_route_is_a_twenty_minute_read(routes):
    short = sorted((route.words, route.taken) for route in routes if route.words < MIN_WORDS)
    assert not short, f"{len(short)} routes under {MIN_WORDS} words, the shortest: {short[:3]}"


def test_no_long_run_of_boxes_without_a_choice_or_a_change_of_scene(routes):
    longest = max(routes, key=lambda route: route.stretch)
    assert longest.stretch <= MAX_STRETCH, (longest.stretch, longest.taken)


def test_the_three_fragment_list_appears_at_most_twice(texts):
    found = {(line_id, hit) for line_id, text in texts.items() for hit in fragment_lists(text)}
    assert len(found) <= 2, sorted(found)


def test_the_fragment_check_can_fail():
    assert fragment_lists("I look at the gun. Clean. Loaded. Ready for tonight.") == ["Clean. Loaded. Ready for tonight."]
    assert fragment_lists("It doesn't warm me. It used to. Now it's only light.") == []


def test_since_the_funeral_is_said_once(texts):
    saying = {line_id for line_id, text in texts.items() if "since the funeral" in text.lower()}
    assert len(saying) <= 1, saying


def test_warm_is_kept_for_dawns_birthday(routes):
    warm = re.compile(r"\bwarm", re.I)
    for route in routes:
        elsewhere = [line.text for line in route.lines if warm.search(line.text) and not line.id.startswith(BIRTHDAY)]
        assert not elsewhere, (route.taken, elsewhere)
        line_texts = {line.text for line in route.lines}
        assert not any(warm.search(text) for text in route.shown if text not in line_texts), \
            "an option or prompt says warm"
        if route.ending == "dawns_birthday":
            assert any(warm.search(line.text) for line in _lines_of(route, BIRTHDAY)), route.taken


def test_every_morning_remembers_the_route(routes):
    checked = 0
    for route in routes:
        if route.ending != "every_morning":
            continue
        text = " ".join(line.text for line in _lines_of(route, EVERY_MORNING)).lower()
        lighter = "lighter_take" in route.taken
        assert ("lighter" in text) == lighter and ("candle" in text) == (not lighter), route.taken
        assert ("limp" in text) == ("chase" in route.taken), route.taken
        assert ("smoke" in text) == ("fire_set" in route.taken), route.taken
        assert "willy" in text, route.taken
        checked += 1
    assert checked > 100


def test_every_morning_closes_three_ways_by_how_he_answered_her(routes):
    closings: dict[int, set[str]] = defaultdict(set)
    for route in routes:
        if route.ending != "every_morning":
            continue
        last_scene = route.scenes[-1]
        final = [line for line in route.lines[last_scene:] if line.id.startswith("cemetery_morning_after")]
        assert len(final) >= 3, route.taken
        closings[_soft_answers(route)].add(final[1].text)    # final[0] is the shared "next morning"
    assert all(len(texts) == 1 for texts in closings.values()), closings
    by_answers = {soft: texts.pop() for soft, texts in closings.items()}
    assert len(set(by_answers.values())) == 3, by_answers
    assert by_answers[0] != by_answers[1] == by_answers[2] != by_answers[4]


def test_dawns_birthday_makes_the_guns_safe_and_ends_on_the_knock(routes):
    birthday = [route for route in routes if route.ending == "dawns_birthday"]
    assert birthday and any("fire_set" in route.taken for route in birthday), "the burned-bar birthday is handled"
    for route in birthday:
        text = " ".join(line.text for line in _lines_of(route, BIRTHDAY))
        assert "loaded" in text and "crypt" in text and "lock" in text, route.taken
        if "fire_set" in route.taken:
            assert "smoke" in text.lower(), route.taken
        knocks = [at for at, channel, play in route.audio if "synth:door_knock" in play]
        assert len(knocks) == 1, route.taken
        after = route.lines[knocks[0]:]
        assert after and "hear" in after[-1].text, "the last box is the first sound he hears clearly"
        assert not [a for a in route.audio if a[0] > knocks[0] and a[1] == "sound"], "nothing sounds after the knock"


def test_the_sound_cues_sit_at_their_beats(routes):
    for route in routes:
        sounds = _sounds(route)
        order = [s for s in sounds if s in ("synth:gunfire", "synth:gun_click", "synth:ear_ringing",
                                            "synth:sirens", "synth:dawn_birds")]
        firsts = list(dict.fromkeys(order))
        assert firsts == ["synth:gunfire", "synth:gun_click", "synth:ear_ringing", "synth:sirens",
                          "synth:dawn_birds"], (route.taken, firsts)
        assert ("synth:fire" in sounds) == ("fire_set" in route.taken), route.taken
        assert ("synth:door_knock" in sounds) == (route.ending == "dawns_birthday"), route.taken
        click = next(at for at, _, play in route.audio if "synth:gun_click" in play)
        assert route.lines[click].text == "Click."


def test_no_option_is_said_again_word_for_word(routes):
    said_twice = {(option, line) for route in routes for option, line in route.echoes
                  if line is not None and line.strip().lower() == option.strip().lower()}
    assert not said_twice, sorted(said_twice)
    assert any(option == "Shoot him." for route in routes for option, _ in route.echoes)


def test_one_spelling_standard(routes):
    shown = {text for route in routes for text in route.shown}
    british = {hit for text in shown for hit in BRITISH.findall(text)}
    assert not british, sorted(british)
