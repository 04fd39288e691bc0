"""Play a story in the terminal: lines as text, numbered choices, sound cues and captions in brackets,
a route summary at the end."""
from __future__ import annotations

import sys
import textwrap

from .runtime import events as ev
from .runtime.runtime import Runtime, StoryError
from .script.model import LOOPING_CHANNELS
from .text_styles import fill, is_terminal


def route_summary(program, state) -> list[str]:
    out = []
    for step in state.route:
        out.append(f"  {step['label']}: {step['text']}")
    return out


def play_text(program, choices: list[int | str] | None = None, interactive: bool = True, out=None, inp=None,
              on_choices_used=None, seed: int | None = None) -> int:
    """Returns 0 when an ending is reached, 1 on a dead end or error, 2 when --choices ran out.

    `on_choices_used(state)` is called once, at the first choice after the list is used up
    (or at the end, if the story ends first), and play stops there. `seed`: of the random draws."""
    out = out or sys.stdout
    inp = inp or sys.stdin
    rt = Runtime(program, seed=seed)
    names = sound_names(program.manifest)
    queue = list(choices or [])
    width = 78
    terminal = is_terminal(out)     # styles as ANSI escapes only where a terminal shows them
    title = program.manifest.title
    print(title, file=out)
    print("=" * len(title), file=out)
    if program.manifest.content_note:
        print(textwrap.fill("Content note: " + program.manifest.content_note, width), file=out)
    while True:
        try:
            event = rt.advance()
        except StoryError as exc:
            print(f"\n{exc}", file=sys.stderr)
            return 1
        if isinstance(event, ev.Line):
            prefix = f"{event.name}: " if event.name else ""
            print(fill(prefix, event.text, event.markup, width, " " * min(len(prefix), 12), terminal), file=out)
        elif isinstance(event, ev.SceneChange):
            print(f"\n--- {event.title}" + (f" ({event.variant})" if event.variant else "") + " ---\n", file=out)
        elif isinstance(event, ev.Show):
            looks = f", {event.expression.replace('_', ' ')}" if event.expression else ""
            print(f"[{event.name}{looks}, {_place(event.at)}]", file=out)
        elif isinstance(event, ev.Hide):
            name = program.manifest.characters[event.character].name
            print(f"[{name} leaves]", file=out)
        elif isinstance(event, ev.Audio):
            print(sound_cue(event, names), file=out)
        elif isinstance(event, ev.Choices):
            if on_choices_used is not None and not queue:
                on_choices_used(rt.state)
                return 0
            if event.prompt is not None:
                prefix = f"{event.prompt.name}: " if event.prompt.name else ""
                print(fill(prefix, event.prompt.text, event.prompt.markup, width, " " * min(len(prefix), 12),
                           terminal), file=out)
            for c in event.options:
                number = f"  {c.index + 1}. "
                print(fill(number, c.text, c.markup, 1000, "", True) if terminal and c.markup else number + c.text,
                      file=out)
            pick = _pick(event, queue, interactive, out, inp)
            if pick is None:
                print("\n(--choices ran out before the story ended)", file=out)
                return 2
            print(f"  > {event.options[pick].text}\n", file=out)
            rt.choose(pick)
        elif isinstance(event, ev.EndingReached):
            print(f"\n*** Ending: {event.title} ***", file=out)
        elif isinstance(event, ev.End):
            if on_choices_used is not None:
                on_choices_used(rt.state)
            if event.ending is None:
                print("\n(The story stopped without an ending.)", file=out)
            print("\nYour route:", file=out)
            for line in route_summary(program, rt.state) or ["  (no choices made)"]:
                print(line, file=out)
            return 0 if event.ending else 1


def sound_names(manifest) -> dict[str, str]:
    """source -> the name a reader knows it by: the manifest's name, else the file's name."""
    names: dict[str, str] = {}
    for sid, sound in manifest.sounds.items():
        names.setdefault(sound.source, sid.replace("_", " "))
    return names


def sound_cue(event: ev.Audio, names: dict[str, str]) -> str:
    """A sound as the terminal shows it, in brackets: its caption when it has one (what a player who
    cannot hear is told), else what plays; with how it fades."""
    what = ", ".join(names.get(s) or s.partition(":")[2].rsplit("/", 1)[-1] for s in event.play)
    if not event.play:
        fading = f", fading out over {event.fade:g} s" if event.fade else ""
        return f"[{event.channel} stops{fading}]"
    told = event.caption or what
    if event.channel in LOOPING_CHANNELS:
        fading = f", fading in over {event.fade:g} s" if event.fade else ""
        return f"[{event.channel}: {told}{fading}]"
    return f"[{event.channel}: {told}]"


def _place(at) -> str:
    if isinstance(at, str):
        return {"center": "in the middle"}.get(at, "on the " + at)
    return f"{round(at * 100)}% across"


def _pick(event: ev.Choices, queue: list[int | str], interactive: bool, out, inp) -> int | None:
    count = len(event.options)
    if queue:
        n = queue.pop(0)
        if isinstance(n, str):      # an option id, as `vn routes` prints routes
            index = next((c.index for c in event.options if c.id == n), None)
            if index is not None:
                return index
            print(f"  (option '{n}' is not on offer here; choosing 1)", file=out)
            return 0
        if not 1 <= n <= count:
            print(f"  (choice {n} is not on offer; choosing 1)", file=out)
            n = 1
        return n - 1
    if not interactive:
        return None
    while True:
        print(f"Choose 1-{count}: ", end="", file=out, flush=True)
        answer = inp.readline()
        if not answer:
            return None
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
