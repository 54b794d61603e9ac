"""Placeholder lists for statements whose only variable part is how many values they take.

Every value still travels as a parameter; these build nothing from input but a count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def in_list(count: int) -> str:
    """`(%s, %s, ...)`: an IN list of `count` placeholders."""
    return "(" + ", ".join(["%s"] * count) + ")"


def value_rows(count: int, width: int) -> str:
    """`(%s, ...), (%s, ...)`: the VALUES of a multi-row INSERT, `count` rows of `width`."""
    return ", ".join([in_list(width)] * count)


def flat(rows: Iterable[Sequence[Any]]) -> list[Any]:
    """The parameters of value_rows' rows, row after row."""
    return [value for row in rows for value in row]
