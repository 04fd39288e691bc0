"""Menus: options, and the prompt and echoes a menu may have. A mixin of the LabelBuilder."""
from __future__ import annotations

from . import model as m
from .yamlsource import MAPPING, SCALAR, SEQUENCE, kind, mapping_items, pos, raw, scalar_value, style

OPTION_KEYS = ("text", "id", "if", "once", "set", "do", "jump", "note", "echo", "name")
MENU_KEYS = ("prompt", "echo")
PROMPT_HINT = ('write it as narration, prompt: "Which way?", or as a speaker line, '
               'prompt: {buffy: "Which way?"}')


class MenuStatements:
    def st_menu(self, here, key, knode, vnode, extra):
        extra = self._no_extra(extra, MENU_KEYS)
        if kind(vnode) != SEQUENCE or not raw(vnode):
            self.error(vnode, "VN022", "'menu' needs a list of options", "add options as '- text: ...'")
            return None
        prompt = self.prompt(extra["prompt"][1]) if "prompt" in extra else None
        echo = self.echo(extra["echo"][1]) if "echo" in extra else False
        options = tuple(o for o in (self.option(n, echo) for n in raw(vnode)) if o is not None)
        if not options:
            return None
        return m.Menu(self.words_id("menu", *[o.text.source for o in options]), here, options, prompt)

    def prompt(self, node) -> m.Say | None:
        """A menu's prompt is written as a line is: narration, or `{speaker: text}`."""
        if kind(node) == MAPPING:
            items = mapping_items(self.src, node, self.diags)
            keys = [k for k, _, _ in items if k != "id"]
            if len(keys) != 1 or not _name(keys[0]) or \
                    (keys[0] not in ("narrate", "speaker") and getattr(self, "st_" + keys[0], None) is not None):
                self.error(node, "VN042", "a menu's prompt is one line", PROMPT_HINT)
                return None
            return self.statement(node, items)
        if kind(node) != SCALAR:
            self.error(node, "VN042", "a menu's prompt is one line", PROMPT_HINT)
            return None
        return self.statement(node)

    def echo(self, node):
        """False (no echo), None (echoed as narration) or the id of the character who says it."""
        value = scalar_value(node) if kind(node) == SCALAR else None
        if value is True:
            return None
        if value is False:
            return False
        if isinstance(value, str) and style(node) is None and _name(value):
            return value
        self.error(node, "VN043", "'echo' is true, false or the character who says the option",
                   "echo: true repeats the option as narration; echo: xander has xander say it")
        return False

    def option(self, node, echo=False) -> m.Option | None:
        if kind(node) != MAPPING:
            self.error(node, "VN004", "an option is a mapping with at least 'text'")
            return None
        fields = {}
        for k, kn, vn in mapping_items(self.src, node, self.diags):
            if k not in OPTION_KEYS:
                self.unknown_key(kn, k, OPTION_KEYS)
            else:
                fields[k] = vn
        here = pos(self.src.path, node)
        if "text" not in fields:
            self.error(node, "VN018", "option has no 'text'", "add text: the words the player clicks")
            return None
        text, text_pos = self.template(fields["text"], "option text")
        if text is None:
            return None
        option_id = self.explicit_id(fields["id"]) if "id" in fields else None
        if "echo" in fields:
            echo = self.echo(fields["echo"])
        # derived as a written line with this speaker and text is, so a hand-written echo replaced
        # by `echo:` keeps its id (and its seen mark, and its recording)
        said = () if echo is False else (m.new_say(self.words_id("say", echo or "", text.source),
                                                   pos(self.src.path, fields.get("echo", node)), echo, text, text_pos),)
        cond, cond_pos = self.expression(fields["if"], "the condition") if "if" in fields else (None, None)
        once = False
        if "once" in fields:
            once = scalar_value(fields["once"]) if kind(fields["once"]) == SCALAR else None
            if not isinstance(once, bool):
                self.error(fields["once"], "VN004", "'once' must be true or false")
                once = False
        assigns = (self.assignments(fields["set"]) or ()) if "set" in fields else ()
        body = said + (self.block(fields["do"]) if "do" in fields else ())
        jump = self.label_target(fields["jump"]) if "jump" in fields else None
        note = (self.string(fields["note"], "a route note") or "") if "note" in fields else ""
        name = (self.name(fields["name"], "option name") or "") if "name" in fields else ""
        return m.new_option(option_id or self.words_id("option", text.source), here, text, text_pos, cond,
                            cond_pos, once, assigns, body, jump,
                            pos(self.src.path, fields["jump"]) if "jump" in fields else None, note, name,
                            pos(self.src.path, fields["name"]) if name else None)


def _name(text: str) -> bool:
    """An identifier as names are written (statements.NAME_PATTERN, which imports this module)."""
    return text.isascii() and text.isidentifier()
