"""Tests of the expression language: vn/script/expr.py (and expr_parse.py behind it)."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn.script.expr import (
    EvalError, Expr, ExprError, Template, check, check_template, evaluate, format_value, literal, parse,
    parse_template,
)

VARIABLES = {"humanity": 3, "took_lighter": True, "ratio": 0.5, "mood": "grim", "chased": False}
TYPES = {name: type(value) for name, value in VARIABLES.items()}
VISITS = {"bar_opening": 2, "bar_willy": 0}
LABELS = frozenset(VISITS)


def run(source: str, **overrides: object) -> object:
    return evaluate(parse(source), {**VARIABLES, **overrides}, VISITS.__getitem__)


def type_of(source: str) -> type | None:
    result, errors = check(parse(source), TYPES, LABELS)
    assert errors == []
    return result


def errors_of(source: str) -> list[ExprError]:
    return check(parse(source), TYPES, LABELS)[1]


def syntax_error(source: str) -> ExprError:
    with pytest.raises(ExprError) as info:
        parse(source)
    assert info.value.code == "VN014"
    return info.value


# ---------------------------------------------------------------- values

@pytest.mark.parametrize("source, value", [
    ("3", 3), ("0", 0), ("2.5", 2.5), ("10.0", 10.0), ('"text"', "text"), ("'text'", "text"),
    ("''", ""), ("true", True), ("false", False),
    (r'"a\\b"', "a\\b"), (r'"say \"hi\""', 'say "hi"'), (r"'it\'s'", "it's"), (r'"one\ntwo"', "one\ntwo"),
    ("'double \" inside'", 'double " inside'), ("humanity", 3), ("took_lighter", True), ("mood", "grim"),
])
def test_literals_and_variables(source, value):
    result = run(source)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("source, value", [
    ("7 + 2", 9), ("7 - 2", 5), ("7 * 2", 14), ("7 / 2", 3.5), ("6 / 2", 3.0), ("7 % 3", 1),
    ("7.5 % 2", 1.5), ("-7 % 3", 2), ("1 + 0.5", 1.5), ("humanity * ratio", 1.5),
    ("'dead ' + 'man'", "dead man"), ("mood + '!'", "grim!"),
    ("-humanity", -3), ("- -3", 3), ("-(1 + 2)", -3), ("-ratio", -0.5),
    ("1 == 1", True), ("1 == 1.0", True), ("1 != 2", True), ("'a' == 'a'", True), ("'a' != 'a'", False),
    ("true == false", False), ("true != false", True),
    ("1 < 2", True), ("2 < 1", False), ("2 <= 2", True), ("3 > 2.5", True), ("2 >= 3", False),
    ("'abc' < 'abd'", True), ("'b' > 'a'", True), ("'a' >= 'b'", False), ("'a' <= 'a'", True),
    ("true and true", True), ("true and false", False), ("false or true", True), ("false or false", False),
    ("not true", False), ("not false", True), ("not not true", True),
    ("min(4, 2)", 2), ("min(4, 2, 3, 1.5)", 1.5), ("max(4, 2)", 4), ("max(1, 2.5, -3)", 2.5),
    ("abs(-4)", 4), ("abs(-2.5)", 2.5), ("abs(humanity)", 3),
    ("visits('bar_opening')", 2), ('visits("bar_willy")', 0), ("visits('bar_opening') * 10 + 1", 21),
])
def test_operators_and_functions(source, value):
    result = run(source)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("source, value", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("10 - 4 - 3", 3), ("12 / 3 / 2", 2.0), ("2 * 3 % 4", 2),
    ("-2 % 3", 1), ("-humanity * 2", -6), ("1 + 2 > 2 + 0", True), ("not 1 > 2", True),
    ("not true and false", False), ("not (true and false)", True), ("true or false and false", True),
    ("(true or false) and false", False), ("humanity > 2 and mood == 'grim' or false", True),
    ("humanity + 2 > 3 and not took_lighter", False), ("min(1, 2) + max(3, 4) * abs(-2)", 9),
    ("(" * 50 + "1" + ")" * 50, 1),
])
def test_precedence(source, value):
    assert run(source) == value


def test_and_or_short_circuit():
    calls = []

    def visits(label):
        calls.append(label)
        return 1

    assert evaluate(parse("false and visits('x') > 0"), VARIABLES, visits) is False
    assert evaluate(parse("true or visits('x') > 0"), VARIABLES, visits) is True
    assert calls == []
    # The right side is not even looked at: a missing variable there goes unnoticed.
    assert evaluate(parse("false and missing"), {}, visits) is False
    assert evaluate(parse("true and visits('x') > 0"), VARIABLES, visits) is True
    assert calls == ["x"]


@pytest.mark.parametrize("source", ["1 / 0", "humanity % 0", "ratio / (humanity - 3)", "1.5 % 0.0", "1 / 0.0"])
def test_division_by_zero_is_an_eval_error(source):
    with pytest.raises(EvalError, match="division by zero"):
        run(source)


def test_other_run_time_failures_are_eval_errors():
    with pytest.raises(EvalError, match="humanity"):
        evaluate(parse("humanity + 1"), {}, VISITS.__getitem__)
    with pytest.raises(EvalError, match="nowhere"):
        run("visits('nowhere') > 0")
    with pytest.raises(EvalError, match="too large"):  # a value from outside the bounds checked at load
        evaluate(parse("humanity / 3"), {"humanity": 10 ** 400}, VISITS.__getitem__)
    with pytest.raises(ExprError, match="2\\^53"):  # a literal that large is refused at load (VN025)
        parse("1" + "0" * 400 + " / 3")


# ---------------------------------------------------------------- types

@pytest.mark.parametrize("source, result", [
    ("1 + 2", int), ("1 + 2.0", float), ("ratio * 2", float), ("4 / 2", float), ("7 % 2", int),
    ("7 % 2.0", float), ("'a' + mood", str), ("-humanity", int), ("-ratio", float), ("1 < 2.5", bool),
    ("mood == 'x'", bool), ("took_lighter != chased", bool), ("not chased", bool), ("true and chased", bool),
    ("min(1, 2)", int), ("max(1, 2.5)", float), ("abs(-2.5)", float), ("abs(humanity)", int),
    ("visits('bar_opening')", int), ("(humanity)", int),
])
def test_check_result_types(source, result):
    assert type_of(source) is result


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("source, column, message", [
    ("humanity +", 10, "expected a value after '+'"),
    ("humanity + ", 11, "expected a value after '+'"),
    ("not", 3, "expected a value after 'not'"),
    ("1 + )", 4, "expected a value after '+', got ')'"),
    ("", 0, "expected an expression, got nothing"),
    ("(a", 0, "this '(' is never closed"),
    ("(1 + (2 * 3)", 0, "this '(' is never closed"),
    ("(a b)", 3, "expected ')' or an operator, got 'b'"),
    ("a)", 1, "this ')' has no matching '('"),
    ("humanity 3", 9, "expected an operator after 'humanity', got '3'"),
    ("a @ b", 2, "unexpected character '@'"),
    ("humanité", 7, "unexpected character 'é'"),
    ("a = 1", 2, "'=' is not an operator: use '==' to compare"),
    ("a && b", 2, "'&&' is not an operator: use 'and'"),
    ("a || b", 2, "'||' is not an operator: use 'or'"),
    ("!a", 0, "'!' is not an operator: use 'not'"),
    ("a < b < c", 6, "comparisons can't be chained"),
    ("a == b != c", 7, "comparisons can't be chained"),
    ("a == not b", 5, "expected a value after '==', got 'not'"),
    ("True", 0, "'True' is not a value"),
    ("x or False", 5, "'False' is not a value"),
    ("'abc", 0, "this string is never closed"),
    ("1 + \"abc'", 4, "this string is never closed"),
    (r"'a\q'", 2, r"unknown escape '\q'"),
    ("2.", 2, "expected a digit after the decimal point"),
    ("1.5.3", 0, "'1.5.3' is not a number"),
    (".5", 0, "a number must start with a digit"),
    ("1e5", 0, "'1e5' is not a number"),
    ("3abc", 0, "'3abc' is not a number"),
    ("foo(1)", 0, "unknown function 'foo'"),
    ("1 + mx(1, 2)", 4, "unknown function 'mx'"),
    ("visits(bar_opening)", 0, "visits() takes one label name in quotes"),
    ("visits('a' + 'b')", 0, "visits() takes one label name in quotes"),
    ("visits('a', 'b')", 0, "visits() takes one label name in quotes"),
    ("min(1)", 0, "min() needs at least 2 values, got 1"),
    ("max()", 0, "max() needs at least 2 values, got 0"),
    ("abs(1, 2)", 0, "abs() takes exactly 1 value, got 2"),
    ("min(1, 2", 3, "this '(' is never closed"),
    ("min(1 2)", 6, "expected ',' or ')' in min(), got '2'"),
    ("min(1, 2,)", 9, "expected a value after ',', got ')'"),
])
def test_syntax_errors(source, column, message):
    error = syntax_error(source)
    assert (error.column, error.message) == (column, message)


@pytest.mark.parametrize("source, hint", [
    ("True", "did you mean true?"), ("FALSE", "did you mean false?"), ("a = 1", "to change a variable, use a 'set' step"),
    ("mn(1, 2)", "did you mean 'min'?"), ("visits(bar_opening)", "write visits('bar_opening')"),
    ("a < b < c", "join them with 'and', as in 'a < b and b < c'"), (".5", "write 0.5"),
])
def test_syntax_error_hints(source, hint):
    assert syntax_error(source).hint == hint


def test_length_and_depth_limits():
    assert syntax_error("1" + " " * 1000).message.startswith("expression is 1001 characters long")
    parse("1" + " " * 999)
    for nested in ["(" * 51 + "1" + ")" * 51, "-" * 51 + "x", "not " * 51 + "x", "abs(" * 51 + "1" + ")" * 51,
                   "1" + " + 1" * 50]:  # the last is a chain of 51 terms: a tree 51 deep
        assert "nested more than 50 levels" in syntax_error(nested).message
    for fine in ["(" * 50 + "1" + ")" * 50, "-" * 49 + "x", "not " * 49 + "x", "1" + " + 1" * 49]:
        parse(fine)
    for hostile in ["(" * 1000, "-" * 1000, "not " * 250, "1" + "+1" * 499, "abs(" * 250]:
        syntax_error(hostile)  # never RecursionError


@pytest.mark.parametrize("source, errors", [
    ("took_lighter + 1", [(0, "'+' needs two numbers or two strings, got bool and int")]),
    ("1 + took_lighter", [(4, "'+' needs two numbers or two strings, got int and bool")]),
    ("1 + 'a'", [(4, "'+' needs two numbers or two strings, got int and string")]),
    ("'a' - 'b'", [(0, "'-' needs two numbers, got string and string")]),
    ("humanity * chased", [(11, "'*' needs two numbers, got int and bool")]),
    ("humanity > \"x\"", [(11, "'>' needs two numbers or two strings, got int and string")]),
    ("took_lighter < chased", [(0, "'<' needs two numbers or two strings, got bool and bool")]),
    ("humanity == 'x'", [(12, "'==' compares values of one type, got int and string")]),
    ("took_lighter != 1", [(16, "'!=' compares values of one type, got bool and int")]),
    ("not 3", [(4, "'not' needs true or false, got int")]),
    ("-mood", [(1, "'-' needs a number, got string")]),
    ("humanity and \"x\"", [(0, "'and' needs true or false on both sides, got int"),
                            (13, "'and' needs true or false on both sides, got string")]),
    ("chased or ratio", [(10, "'or' needs true or false on both sides, got float")]),
    ("min(1, mood)", [(7, "min() needs numbers, got string")]),
    ("abs(true)", [(4, "abs() needs numbers, got bool")]),
    ("(took_lighter or chased) * 2", [(0, "'*' needs two numbers, got bool and int")]),
    ("2 * (humanity > 1)", [(4, "'*' needs two numbers, got int and bool")]),
])
def test_type_errors(source, errors):
    found = errors_of(source)
    assert [(e.column, e.message) for e in found] == errors
    assert all(e.code == "VN015" for e in found)


def test_unknown_variables_and_labels():
    [error] = errors_of("humanty + 1")
    assert (error.code, error.column, error.message, error.hint) == (
        "VN008", 0, "unknown variable 'humanty'", "did you mean 'humanity'?")
    [error] = errors_of("2 * zzz")
    assert (error.code, error.column, error.hint) == ("VN008", 4, "declare it under 'variables' in game.yaml")
    [error] = errors_of("visits('bar_openin') > 1")
    assert (error.code, error.column, error.message, error.hint) == (
        "VN005", 7, "unknown label 'bar_openin'", "did you mean 'bar_opening'?")


def test_check_reports_every_error_in_column_order():
    result, errors = check(parse("(1 + true) + visits('nope') + humanty"), TYPES, LABELS)
    assert result is None
    assert [(e.code, e.column) for e in errors] == [("VN015", 5), ("VN005", 20), ("VN008", 30)]
    # The result type survives errors inside when the operator alone fixes it.
    assert check(parse("humanty > 1"), TYPES, LABELS)[0] is bool
    assert check(parse("took_lighter + 1"), TYPES, LABELS)[0] is None
    # An unknown operand gives no second, cascading error.
    assert [e.code for e in errors_of("humanty + 1 > 2")] == ["VN008"]


def test_expr_error_fields_text_and_pickling():
    error = ExprError("VN008", "unknown variable 'x'", 4, "declare it")
    assert (error.code, error.message, error.column, error.hint) == ("VN008", "unknown variable 'x'", 4, "declare it")
    assert str(error) == "VN008 at column 4: unknown variable 'x' (hint: declare it)"
    assert ExprError("VN014", "bad", 0).hint == ""
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.message, copy.column, copy.hint) == ("VN008", "unknown variable 'x'", 4, "declare it")
    assert error.shifted(10).column == 14


# ---------------------------------------------------------------- Expr and literal

def test_expr_reports_variables_and_labels():
    expr = parse("humanity + visits('bar_opening') > min(ratio, humanity) or visits(\"bar_willy\") == 0")
    assert expr.variables() == {"humanity", "ratio"}
    assert expr.labels() == {"bar_opening", "bar_willy"}
    assert parse("1 + 2").variables() == frozenset()


def test_expr_is_comparable_and_hashable():
    assert parse("a + 1") == parse("a + 1") and hash(parse("a + 1")) == hash(parse("a + 1"))
    assert parse("a + 1") != parse("a + 2")
    assert isinstance(parse("1"), Expr) and parse("a").source == "a"


@pytest.mark.parametrize("value, kind", [(3, int), (-2, int), (2.5, float), (True, bool), (False, bool),
                                          ("grim", str), ('say "hi"\\\n', str), ("", str)])
def test_literal(value, kind):
    expr = literal(value)
    assert evaluate(expr, {}, VISITS.__getitem__) == value
    assert check(expr, {}, ()) == (kind, [])
    assert expr.variables() == frozenset() and expr.labels() == frozenset()
    assert evaluate(parse(expr.source), {}, VISITS.__getitem__) == value  # its source is valid syntax


def test_literal_rejects_other_values():
    with pytest.raises(ExprError) as info:
        literal([1, 2])
    assert info.value.code == "VN015"


# ---------------------------------------------------------------- templates

def render(text: str, **overrides: object) -> str:
    return parse_template(text).render({**VARIABLES, **overrides}, VISITS.__getitem__)


def test_plain_templates():
    for text, shown in [("Rain on the windows.", "Rain on the windows."), ("", ""), ("{{x}}", "{x}"),
                        ("a }} b {{", "a } b {"), ("{{{{", "{{")]:
        template = parse_template(text)
        assert template.is_plain and template.parts == (shown,) and template.source == text
        assert template.render({}, VISITS.__getitem__) == shown
        assert template.variables() == frozenset() and template.labels() == frozenset()


def test_template_parts_and_rendering():
    template = parse_template("Humanity: {humanity}, lighter: {took_lighter}.")
    assert isinstance(template, Template) and not template.is_plain
    assert [p if isinstance(p, str) else p.source for p in template.parts] == [
        "Humanity: ", "humanity", ", lighter: ", "took_lighter", "."]
    assert template.render(VARIABLES, VISITS.__getitem__) == "Humanity: 3, lighter: true."
    assert template.variables() == {"humanity", "took_lighter"}
    assert render("{visits('bar_opening')} times") == "2 times"
    assert parse_template("{visits('bar_opening')} times").labels() == {"bar_opening"}
    assert render("{chased}|{ratio}|{humanity / 1}|{0.1 + 0.2}|{mood}|{-humanity}") == "false|0.5|3.0|0.3|grim|-3"
    assert render("{{{humanity}}}") == "{3}"
    assert render("{'}'}{\"{\"}") == "}{"  # braces inside quotes belong to the expression
    assert render("{ humanity + 1 }{mood}") == "4grim"
    assert render("It's {mood}, isn't it") == "It's grim, isn't it"


@pytest.mark.parametrize("value, text", [
    (True, "true"), (False, "false"), (3, "3"), (-2, "-2"), (2.5, "2.5"), (3.0, "3.0"), (-1.0, "-1.0"),
    (0.1 + 0.2, "0.3"), (1 / 3, "0.333333333333"), (1e20, "1e+20"), ("a{b}", "a{b}"),
])
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize("text, column, message", [
    ("ab {1 +}", 7, "expected a value after '+'"),
    ("a } b", 2, "this '}' closes nothing"),
    ("x {y", 2, "this '{' is never closed"),
    ("x {'y}", 3, "this string is never closed"),
    ("{}", 1, "expected an expression, got nothing"),
    ("Hi {a @ b}", 6, "unexpected character '@'"),
    ("{{ {True} }}", 4, "'True' is not a value"),
    ("{1}{2 3}", 6, "expected an operator after '2', got '3'"),
])
def test_template_syntax_errors_count_columns_in_the_whole_text(text, column, message):
    with pytest.raises(ExprError) as info:
        parse_template(text)
    assert (info.value.code, info.value.column, info.value.message) == ("VN014", column, message)


def test_check_template_columns_are_in_the_whole_text():
    template = parse_template("Hi {humanty}, {{ {took_lighter + 1} {visits('nope')}")
    errors = check_template(template, TYPES, LABELS)
    assert [(e.code, e.column) for e in errors] == [("VN008", 4), ("VN015", 18), ("VN005", 44)]
    assert errors[0].hint == "did you mean 'humanity'?"
    assert check_template(parse_template("{humanity} {mood}"), TYPES, LABELS) == []


# ---------------------------------------------------------------- properties

FUZZ = settings(max_examples=300, deadline=None)

TOKENS = [
    "0", "3", "2.5", "007", "1.", ".5", "1e5", '"a"', "'b\\n'", "'", '"', "\\", "humanity", "took_lighter",
    "ratio", "mood", "chased", "x", "and", "or", "not", "true", "false", "True", "+", "-", "*", "/", "%",
    "==", "!=", "<", "<=", ">", ">=", "=", "!", "&&", "|", "@", ".", "(", ")", ",", "min(", "max(", "abs(",
    "visits(", "visits('bar_opening')", "visits('nope')", "{", "}", "{{", "}}", "é", " ",
]
token_text = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " "])), max_size=25).map(
    lambda pairs: "".join(token + space for token, space in pairs))


def assert_parses_or_fails_cleanly(source: str) -> None:
    try:
        expr = parse(source)
    except ExprError as error:
        assert error.code in ("VN014", "VN025") and 0 <= error.column <= len(source)
        return
    result, errors = check(expr, TYPES, LABELS)
    assert all(e.code in ("VN005", "VN008", "VN015") and 0 <= e.column < len(source) for e in errors)
    if not errors:  # a program that checks must never fail with anything but EvalError
        try:
            value = evaluate(expr, VARIABLES, VISITS.__getitem__)
        except EvalError as error:
            assert "division by zero" in str(error) or "too large" in str(error)
            return
        assert isinstance(value, result) or (result is float and type(value) is int)


def assert_template_parses_or_fails_cleanly(text: str) -> None:
    try:
        template = parse_template(text)
    except ExprError as error:
        # VN050, VN051, VN054: varying text ({seq: a | b}, {cond ? a | b}) written wrong
        assert error.code in ("VN014", "VN025", "VN050", "VN051", "VN054") and 0 <= error.column <= len(text)
        return
    for error in check_template(template, TYPES, LABELS):
        assert 0 <= error.column < len(text)


@FUZZ
@given(st.text())
def test_any_text_parses_or_raises_expr_error(source):
    assert_parses_or_fails_cleanly(source)
    assert_template_parses_or_fails_cleanly(source)


@FUZZ
@given(token_text)
def test_any_token_soup_parses_or_raises_expr_error(source):
    assert_parses_or_fails_cleanly(source)


@FUZZ
@given(st.lists(st.one_of(token_text.map(lambda s: "{" + s + "}"), st.sampled_from(["text ", "{", "}", "{{", "}}"])),
                max_size=6).map("".join))
def test_any_template_soup_parses_or_raises_expr_error(text):
    assert_template_parses_or_fails_cleanly(text)


# Syntactically valid but untyped expressions: they reach the checker and the
# evaluator, which random text rarely does. Every composite is parenthesized.
BINARY_OPERATORS = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or"]
syntactic = st.recursive(
    st.sampled_from(["0", "3", "2.5", "'s'", "true", "false", "humanity", "took_lighter", "ratio", "mood",
                     "nobody", "visits('bar_opening')", "visits('nope')"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(BINARY_OPERATORS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda s: f"-{s}"),
        inner.map(lambda s: f"(not {s})"),
        inner.map(lambda s: f"abs({s})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"),
    ),
    max_leaves=12,
)


@FUZZ
@given(syntactic, st.integers(0, 10_000))
def test_valid_syntax_parses_and_damaged_syntax_fails_cleanly(source, cut):
    parse(source)
    assert_parses_or_fails_cleanly(source)
    cut %= len(source)
    assert_parses_or_fails_cleanly(source[:cut] + source[cut + 1:])


# Well-typed expressions with the value and type they must have, built together.
# Each is (source, value, type, precedence); operands are parenthesized only
# where the grammar needs it, so precedence and associativity get exercised.
OR, AND, NOT, CMP, SUM, PRODUCT, UNARY, ATOM = range(1, 9)
ENV = {"i": 7, "j": -3, "f": 2.5, "g": -0.75, "b": True, "c": False, "s": "ab", "t": "x'\"\\"}
ENV_TYPES = {name: type(value) for name, value in ENV.items()}
ENV_VISITS = {"start": 4, "end": 0}


def wrap(node, at_least: int) -> str:
    return node[0] if node[3] >= at_least else f"({node[0]})"


def quote(text: str, mark: str) -> str:
    return mark + text.replace("\\", "\\\\").replace(mark, "\\" + mark).replace("\n", "\\n") + mark


KIND_TYPES = {"num": (int, float), "bool": (bool,), "str": (str,)}


def leaves(kind: str):
    names = [name for name, value in ENV.items() if type(value) in KIND_TYPES[kind]]
    variables = st.sampled_from(names).map(lambda n: (n, ENV[n], ENV_TYPES[n], ATOM))
    if kind == "num":
        return st.one_of(variables, st.integers(0, 40).map(lambda n: (str(n), n, int, ATOM)),
                         st.sampled_from([0.5, 2.25, 10.0, 0.1]).map(lambda x: (repr(x), x, float, ATOM)),
                         st.sampled_from(sorted(ENV_VISITS)).map(
                             lambda label: (f"visits('{label}')", ENV_VISITS[label], int, ATOM)))
    if kind == "bool":
        return st.one_of(variables, st.booleans().map(lambda b: (str(b).lower(), b, bool, ATOM)))
    return st.one_of(variables, st.tuples(st.text("ab'\"\\\n{}", max_size=4), st.sampled_from("'\"")).map(
        lambda pair: (quote(pair[0], pair[1]), pair[0], str, ATOM)))


ARITHMETIC = {"+": (SUM, lambda a, b: a + b), "-": (SUM, lambda a, b: a - b), "*": (PRODUCT, lambda a, b: a * b),
              "/": (PRODUCT, lambda a, b: a / b), "%": (PRODUCT, lambda a, b: a % b)}
COMPARE = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
           "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


@st.composite
def typed(draw, kind: str, depth: int = 4):
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return draw(leaves(kind))
    sub = lambda k: draw(typed(k, depth - 1))  # noqa: E731
    if kind == "str":
        left, right = sub("str"), sub("str")
        return f"{wrap(left, SUM)} + {wrap(right, SUM + 1)}", left[1] + right[1], str, SUM
    if kind == "num":
        shape = draw(st.sampled_from(["binary", "binary", "negate", "minmax", "abs"]))
        if shape == "negate":
            operand = sub("num")
            return f"-{wrap(operand, UNARY)}", -operand[1], operand[2], UNARY
        if shape == "abs":
            operand = sub("num")
            return f"abs({operand[0]})", abs(operand[1]), operand[2], ATOM
        if shape == "minmax":
            name = draw(st.sampled_from(["min", "max"]))
            args = [sub("num") for _ in range(draw(st.integers(2, 3)))]
            value = (min if name == "min" else max)(a[1] for a in args)
            result = int if all(a[2] is int for a in args) else float
            return f"{name}({', '.join(a[0] for a in args)})", value, result, ATOM
        left, right, op = sub("num"), sub("num"), draw(st.sampled_from(sorted(ARITHMETIC)))
        if op in "/%" and right[1] == 0:
            op = "*"
        precedence, apply = ARITHMETIC[op]
        result = int if left[2] is int and right[2] is int and op != "/" else float
        return (f"{wrap(left, precedence)} {op} {wrap(right, precedence + 1)}", apply(left[1], right[1]),
                result, precedence)
    shape = draw(st.sampled_from(["compare", "compare", "and", "or", "not"]))
    if shape == "not":
        operand = sub("bool")
        return f"not {wrap(operand, NOT)}", not operand[1], bool, NOT
    if shape in ("and", "or"):
        left, right = sub("bool"), sub("bool")
        precedence = AND if shape == "and" else OR
        value = (left[1] and right[1]) if shape == "and" else (left[1] or right[1])
        return f"{wrap(left, precedence)} {shape} {wrap(right, precedence + 1)}", value, bool, precedence
    operands = draw(st.sampled_from(["num", "str", "bool"]))
    ops = ["==", "!="] if operands == "bool" else sorted(COMPARE)
    left, right, op = sub(operands), sub(operands), draw(st.sampled_from(ops))
    return f"{wrap(left, SUM)} {op} {wrap(right, SUM)}", COMPARE[op](left[1], right[1]), bool, CMP


@FUZZ
@given(st.sampled_from(["num", "str", "bool"]).flatmap(typed))
def test_evaluate_matches_reference(case):
    source, expected, expected_type, _ = case
    expr = parse(source)
    assert check(expr, ENV_TYPES, ENV_VISITS) == (expected_type, [])
    value = evaluate(expr, ENV, ENV_VISITS.__getitem__)
    assert value == expected and type(value) is type(expected), source
    template = parse_template(f"<{{{source}}}>")
    assert template.render(ENV, ENV_VISITS.__getitem__) == f"<{format_value(expected)}>"
