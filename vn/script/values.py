"""Enum values in assignments, shared by the validator and the compiler so both read them alike.

`set: {mood: angry}` writes the enum's name as a plain YAML scalar, which parses as
the expression `angry`: a variable's name. When the target is an enum, `angry` is
one of its names and no variable or constant is called that, it means the name.
"""
from __future__ import annotations

from typing import Collection

from .expr import Expr, Var, literal
from .expr_check import EnumType


def assigned_value(value: Expr, target_type, declared: Collection[str]) -> Expr:
    """The expression an assignment stores: a bare enum name becomes that name as a string."""
    root = value.root
    if isinstance(target_type, EnumType) and isinstance(root, Var) and root.name in target_type.values \
            and root.name not in declared:
        return literal(root.name)
    return value
