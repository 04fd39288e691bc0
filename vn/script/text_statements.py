"""A statement's texts and expressions: where each begins, parsed and checked.

A mixin of LabelBuilder (statements.py), which provides error(), string(), resolved()
(sublabels.py) and `src`, the file being read. These run for nearly every node of a story,
so they read a node by index, (kind, value, line, column, style), rather than through
yamlsource's accessors, and what a text or a literal makes is kept on the SourceFile: a
story repeats its words, and each distinct text is parsed and checked once per file.
"""
from __future__ import annotations

from dataclasses import replace

from .diagnostics import Pos
from .expr import ExprError, literal, parse, parse_template
from .limits import OUT_OF_RANGE, number_problem
from .markup_check import brace_tag_problem, brace_tags
from .markup_check import check as check_markup
from .textpos import text_start
from .variation import alternative_texts
from .yamlsource import SCALAR, scalar_value


class TextStatements:
    def text_pos(self, node) -> Pos:
        """Where a scalar's text begins: past the opening quote of a quoted scalar. Quoted and
        block text need more than a column shift to find a character inside (see textpos)."""
        quoting = node[4]
        if quoting is None:
            return Pos(self.src.path, node[2] + 1, node[3] + 1)
        return text_start(self.src, node[2], node[3], quoting, node[1],
                          node[3] + (2 if quoting == '"' or quoting == "'" else 1))

    def template(self, node, what: str):
        if node[0] != SCALAR or (node[4] is None and not isinstance(scalar_value(node), str)):
            self.string(node, what)     # which says why it is no text
            return None, None
        text = node[1]
        where = self.text_pos(node)
        parsed = self.src.parsed.get(text)
        if parsed is None:
            parsed = self._parsed_text(text, where)
            if parsed is None:
                return None, None
            self.src.parsed[text] = parsed
        template, problems = parsed
        for problem in problems:
            self.markup_problem(where, problem)
        return (self.resolved(template) if self.locals else template), where

    def _parsed_text(self, text: str, where):
        """(template, its markup problems) for a text, or None after reporting why it is none."""
        # another engine's {/i} or {color=#f00} is no expression: say what it is, not why it fails to parse
        # (beside one of those, a bare {i} is surely a tag too, not a variable)
        foreign = brace_tags(text) if "{" in text else []
        if any(not bare for _, _, _, bare in foreign):
            for column, written, ours, _ in foreign:
                self.markup_problem(where, brace_tag_problem(column, written, ours))
            return None
        try:
            template = parse_template(text)
        except ExprError as exc:
            self.error(where.shifted(exc.column), exc.code, exc.message, exc.hint)
            return None
        problems = check_markup(text)
        if template.chooses:    # the checker skips every {...}: each alternative is checked alone
            problems = problems + [replace(problem, column=problem.column + at)
                                   for source, at in alternative_texts(template) for problem in check_markup(source)]
        return template, problems

    def markup_problem(self, where, problem) -> None:
        self.diags.append(self.src.diag(where.shifted(problem.column), problem.code, problem.message,
                                        problem.hint, problem.severity))

    def expression(self, node, what: str):
        """An expression from a scalar: quoted or plain text is parsed, numbers and booleans are literals."""
        if node[0] != SCALAR:
            self.error(node, "VN004", f"{what} must be an expression")
            return None, None
        where = self.text_pos(node)
        value = scalar_value(node)
        if value is None:
            self.error(node, "VN004", f"{what} is empty")
            return None, None
        if not isinstance(value, str):
            problem = number_problem(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
                else None
            if problem:
                self.error(node, OUT_OF_RANGE, problem, "numbers in a story stay within ±2^53")
                return None, None
            key = ("literal", node[1])   # by the words: 0.0 and -0.0 are equal, but two literals
            found = self.src.parsed.get(key)
            if found is None:
                found = self.src.parsed[key] = literal(value)
            return found, where
        try:
            return (self.resolved(parse(value)) if self.locals else parse(value)), where
        except ExprError as exc:
            self.error(where.shifted(exc.column), exc.code, exc.message, exc.hint)
            return None, None
