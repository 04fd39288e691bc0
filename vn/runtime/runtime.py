"""The interpreter: a pull API in the style of ink, with explicit states.

    rt = Runtime(program)
    while True:
        event = rt.advance()          # Line, SceneChange, Show, ..., Choices, EndingReached, End
        if isinstance(event, Choices):
            rt.choose(0)
        elif isinstance(event, End):
            break

The runtime never draws and never waits: a presenter decides what a Pause or
a Line means in time. All mutable state lives in `rt.state` (a StoryState).
"""
from __future__ import annotations

from ..script import program as p
from ..script.expr import EvalError, evaluate
from ..script.markup import plain
from ..script.model import LOOPING_CHANNELS
from . import events as ev
from .chance import SeededRandom
from .glue import line_text
from .reconcile import label_code, reconciled
from .state import CHOOSING, ENDED, RUNNING, Frame, StoryState, new_seed
from .variation import next_showing, offer_showing

# a label that jumps in circles without ever showing anything would hang the caller
MAX_STEPS_WITHOUT_EVENT = 100_000
QUIET_LINE = ev.Line("", None, None, "")   # every line a quiet runtime shows (its text was still rendered)
# calls inside calls; a label that calls itself would otherwise grow the stack, and the save, without end
MAX_CALL_DEPTH = 500


class RuntimeStateError(RuntimeError):
    """The runtime was asked something its current state does not allow."""


class StoryError(RuntimeError):
    """The script failed while running (e.g. division by zero); names the file and line."""

    def __init__(self, pos, message: str):
        self.pos = pos
        self.message = message
        super().__init__(f"{pos}: error: {message}")


class Runtime:
    def __init__(self, program: p.Program, state: StoryState | dict | None = None, seed: int | None = None):
        """`seed`: for a new story, the seed of its random draws (a fresh one when None)."""
        self.program = program
        self.random = SeededRandom(self)   # every draw goes through here; the route explorer swaps it
        # the route explorer reads no line's or option's words, nor the route, nor the position
        # between choices (state.frame is settled at choices and ends): only what was shown
        self.quiet = False
        self.notices: list[str] = []   # what a restore had to adjust, for the player
        self._offered: tuple[p.OptionCode, ...] | None = None
        self._once_list: list[str] | None = None    # the state's list that _once_set mirrors
        self._once_set: set[str] = set()
        self._once_seen = 0                          # how much of that list it holds
        self.last_jump: p.Instr | None = None        # the last jump or call taken, to place an endless loop
        if state is None:
            start = program.manifest.start
            self.state = StoryState(RUNNING, Frame(start, label_code(self.program, start).code[0].id),
                                    variables=program.defaults(), visits={start: 1}, entered={start: 0},
                                    rng={"seed": new_seed() if seed is None else seed, "draws": 0})
        else:
            self.state = state.copy() if isinstance(state, StoryState) else StoryState.from_dict(state)
            self.notices = reconciled(program, self.state)
        self._voices = program.game.voices     # line id -> its recording, found once at load
        self._glue = program.has_glue           # only then is there more of a line to look for
        self._enter(self.state.frame.label, self.state.frame.at)

    # -- state ------------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.state.status

    def to_dict(self) -> dict:
        return self.state.to_dict()

    def snapshot(self) -> StoryState:
        """A cheap copy of the whole state, for rollback."""
        return self.state.copy()

    def restore(self, snapshot: StoryState, offered: tuple | None = None) -> None:
        """`offered`: what `offer()` gave at the snapshot's pending choice, so that choosing there
        again need not work the options out again (the route explorer chooses each in turn)."""
        self.state = snapshot.copy()
        self._offered, self._menu_draws = offered or (None, 0)
        self._enter(self.state.frame.label, self.state.frame.at)

    def offer(self) -> tuple:
        """The pending choice's options and the draws their conditions made, for restore()."""
        return self._offered, self._menu_draws

    def _enter(self, label: str, at: str) -> None:
        self._lc = label_code(self.program, label)
        self._pc = self._lc.index[at]

    # -- the pull API -------------------------------------------------------------
    def _visits(self, label: str, counter: str = "visits") -> int:
        st = self.state
        if counter == "visits":
            return st.visits.get(label, 0)
        if counter == "picks":
            return st.picks.get(label, 0)
        if counter == "random":            # a draw: `label` holds its arguments
            return self.random.integer(*label)
        if counter == "chance":
            return self.random.chance(label)
        entered = st.entered.get(label)     # turns_since
        return -1 if entered is None else st.turns - entered

    def _eval(self, expr, ins):
        try:
            return evaluate(expr, self.state.variables, self._visits)
        except EvalError as exc:
            raise StoryError(ins.pos, str(exc)) from None

    def _render(self, template, ins, showing=None) -> str:
        try:
            return template.render(self.state.variables, self._visits, showing)
        except EvalError as exc:
            raise StoryError(ins.pos, str(exc)) from None

    def _jump(self, label: str) -> None:
        self._lc = self.program.labels[label]
        self._pc = 0
        st = self.state
        visits = st.visits
        visits[label] = visits.get(label, 0) + 1
        st.entered[label] = st.turns

    def _settle(self) -> None:
        self.state.frame = Frame(self._lc.name, self._lc.code[self._pc].id)

    @property
    def choices(self) -> tuple[ev.Choice, ...]:
        """The options on offer while a choice is pending; empty otherwise. A quiet runtime's
        options have no words: it renders only the texts that can fail, and drops them."""
        if self.state.status != CHOOSING:
            return ()
        variables, visits, menu = self.state.variables, self._visits, self._lc.code[self._pc]
        varies = menu.arg.varies
        try:
            if self.quiet:
                for o in self._available():
                    if not o.text.is_plain:
                        o.text.render(variables, visits, offer_showing(self.state, menu, o.id) if varies else None)
                return tuple([ev.Choice(n, o.id, "") for n, o in enumerate(self._offered)])
            return tuple(ev.Choice(n, o.id, *_plain_and_markup(o.text, o.text.render(
                variables, visits, offer_showing(self.state, menu, o.id) if varies else None)))
                         for n, o in enumerate(self._available()))
        except EvalError as exc:
            raise StoryError(self._lc.code[self._pc].pos, str(exc)) from None

    def choices_event(self) -> ev.Choices:
        """The pending choice as the event that offered it, prompt included (for a story loaded
        or rolled back to a choice)."""
        return ev.Choices(self.choices, self._prompt(self._lc.code[self._pc]))

    def _prompt(self, ins) -> ev.Line | None:
        prompt = ins.arg.prompt
        if prompt is None:
            return None
        line_id, speaker, template = prompt
        text, markup = _plain_and_markup(template, self._render(template, ins, offer_showing(self.state, ins, line_id)))
        name = self.program.manifest.characters[speaker].name if speaker else None
        return ev.Line(line_id, speaker, name, text, self._voices.get(line_id), markup)

    def _available(self) -> tuple[p.OptionCode, ...]:
        if self._offered is None:
            ins = self._lc.code[self._pc]
            once = self._once_taken()
            # While the choice waits, its conditions' draws are not counted yet (choose() counts
            # them): a save or a rollback to this choice draws the same again, so offers the same.
            rng = self.state.rng
            before = rng["draws"]
            self._offered = tuple(
                o for o in ins.arg
                if not (o.once and o.id in once)
                and (o.condition is None or self._eval(o.condition, ins) is True))
            self._menu_draws, rng["draws"] = rng["draws"] - before, before
            if not self._offered:
                raise StoryError(ins.pos, "no option of this menu is available")
        return self._offered

    def _once_taken(self) -> set[str]:
        """The once-only options already taken, as a set for quick lookups (the state keeps
        them as a list, in the order taken), kept in step with that list."""
        once = self.state.once
        if self._once_list is not once or self._once_seen > len(once):
            self._once_list, self._once_set, self._once_seen = once, set(), 0
        if self._once_seen < len(once):      # taken since: options are only ever added
            self._once_set.update(once[self._once_seen:])
            self._once_seen = len(once)
        return self._once_set

    def advance(self) -> ev.Event:
        st = self.state
        if st.status == CHOOSING:
            raise RuntimeStateError("a choice is waiting: call choose() before advance()")
        if st.status == ENDED:
            return ev.End(st.endings[-1] if st.endings else None)
        variables = st.variables
        for _ in range(MAX_STEPS_WITHOUT_EVENT):
            ins = self._lc.code[self._pc]
            op = ins.op
            if op == p.SAY:
                speaker, template = ins.arg
                if template.varies or self._glue:   # counted per showing, or glue may follow
                    text, styled = line_text(self, ins, MAX_CALL_DEPTH)
                else:
                    try:
                        text = template.render(variables, self._visits)
                    except EvalError as exc:
                        raise StoryError(ins.pos, str(exc)) from None
                    self._pc += 1
                    styled = template.styled
                if self.quiet:      # its position is read only where it is settled: choices, ends
                    return QUIET_LINE
                self._settle()
                if styled:
                    markup, text = text, plain(text)
                    st.last_line = {"id": ins.id, "speaker": speaker, "text": text, "markup": markup}
                else:
                    markup = None
                    st.last_line = {"id": ins.id, "speaker": speaker, "text": text}
                name = self.program.manifest.characters[speaker].name if speaker else None
                return ev.Line(ins.id, speaker, name, text, self._voices.get(ins.id), markup)
            if op == p.SET:
                for name, expr in ins.arg:
                    value = self._eval(expr, ins)
                    variables[name] = float(value) if isinstance(variables[name], float) else value
                self._pc += 1
            elif op == p.BRANCH:
                self._pc = self._pc + 1 if self._eval(ins.arg, ins) is True else ins.target
            elif op == p.GOTO:
                self._pc = ins.target
            elif op == p.MENU:
                self._offered = None
                st.status = CHOOSING
                if ins.arg.varies:
                    next_showing(st, ins.id)
                self._settle()
                if ins.arg.prompt is None:
                    return ev.Choices(self.choices)
                prompt = self._prompt(ins)
                st.last_line = _last_line(prompt.id, prompt.speaker, prompt.text, prompt.markup)
                return ev.Choices(self.choices, prompt)
            elif op == p.JUMP:
                self.last_jump = ins
                self._jump(ins.arg)
            elif op == p.CALL:
                if len(st.stack) >= MAX_CALL_DEPTH:
                    raise StoryError(ins.pos, f"calls are nested more than {MAX_CALL_DEPTH} deep "
                                              "(a label that calls itself without end?)")
                self.last_jump = ins
                st.stack.append(Frame(self._lc.name, self._lc.code[self._pc + 1].id))
                self._jump(ins.arg)
            elif op == p.RETURN or op == p.END:
                if not st.stack:
                    st.status = ENDED
                    self._settle()
                    return ev.End(None)
                frame = st.stack.pop()
                self._enter(frame.label, frame.at)
            else:
                self._pc += 1
                if not self.quiet:
                    self._settle()
                return self._present(ins)
        raise StoryError(self._lc.code[self._pc].pos,
                         f"the story ran {MAX_STEPS_WITHOUT_EVENT:,} steps without showing anything (an endless loop?)")

    def _present(self, ins: p.Instr) -> ev.Event:
        """Events that only change what is on stage."""
        st, op, arg = self.state, ins.op, ins.arg
        manifest = self.program.manifest
        if op == p.SCENE:
            st.stage = {"background": arg.background, "variant": arg.variant, "figures": {}}
            return ev.SceneChange(arg.background, arg.variant, manifest.backgrounds[arg.background].title,
                                  arg.transition, arg.duration)
        if op == p.SHOW:
            who = manifest.characters[arg.character]
            figures = st.stage["figures"]
            at, expression = arg.at, None
            if not arg.at_given or who.images:
                before = figures.get(arg.character)
                if before is not None and not arg.at_given:
                    at = before["at"]
                if who.images:
                    expression = arg.expression or (before and before["expression"])
                    if expression not in who.images:
                        expression = who.default_expression
            # a new dict, never changed in place: snapshots share the old one
            figures[arg.character] = {"at": at, "expression": expression}
            transition = arg.transition
            return ev.Show(arg.character, who.name, who.shown, at, expression, transition,
                           0.0 if transition == "none" else arg.duration)
        if op == p.HIDE:
            st.stage["figures"].pop(arg.character, None)
            return ev.Hide(arg.character, arg.transition, arg.duration if arg.transition != "none" else 0.0)
        if op == p.PAUSE:
            return ev.Pause(arg)
        if op == p.EFFECT:
            return ev.Effect(arg.name, arg.duration)
        if op == p.AUDIO:
            if arg.channel in LOOPING_CHANNELS:     # a scene change leaves these playing: the writer stops them
                st.audio[arg.channel] = {"play": list(arg.play), "volume": arg.volume} if arg.play else None
            return ev.Audio(arg.channel, arg.play, arg.fade, arg.caption, arg.volume)
        if op == p.ENDING:
            st.endings.append(arg)
            st.status = ENDED
            return ev.EndingReached(arg, manifest.endings[arg].title)
        raise AssertionError(f"unknown opcode {op}")  # the compiler emits no others

    def choose(self, index: int) -> None:
        st = self.state
        if st.status != CHOOSING:
            raise RuntimeStateError("no choice is waiting: call advance() first")
        offered = self._available()
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(offered):
            raise RuntimeStateError(f"choice {index!r} is out of range: pick 0 to {len(offered) - 1}")
        option = offered[index]
        ins = self._lc.code[self._pc]
        st.rng["draws"] += self._menu_draws
        if not self.quiet:      # the route explorer keeps its routes as links between states
            st.route.append({"label": self._lc.name, "option": option.id,
                             "text": _plain_and_markup(option.text, self._render(
                                 option.text, ins, offer_showing(st, ins, option.id) if ins.arg.varies else None))[0],
                             "note": option.note})
        if option.once:
            st.once.append(option.id)
        st.turns += 1
        if option.counted:
            st.picks[option.counted] = st.picks.get(option.counted, 0) + 1
        for name, expr in option.assigns:
            value = self._eval(expr, ins)
            st.variables[name] = float(value) if isinstance(st.variables[name], float) else value
        self._offered = None
        st.status = RUNNING
        self._pc = option.target
        self._settle()


def _plain_and_markup(template, rendered: str) -> tuple[str, str | None]:
    """(plain text, markup or None) of a rendered template: markup only when it has style tags."""
    return (plain(rendered), rendered) if template.styled else (rendered, None)


def _last_line(line_id: str, speaker: str | None, text: str, markup: str | None) -> dict:
    last = {"id": line_id, "speaker": speaker, "text": text}
    if markup is not None:
        last["markup"] = markup
    return last
