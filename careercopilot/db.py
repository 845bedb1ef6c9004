"""Set lookups for long lists of values: one array parameter on PostgreSQL, chunks elsewhere.

Django spells ``field__in=[…]`` as one placeholder per value, and psycopg's client-side binding
(Django's default) quotes each value into the statement in Python. For the few thousand ids a
dedup batch looks up, that quoting cost three times the query itself. :func:`matching` sends
the whole list as one array literal instead (``= ANY(%s::bigint[])``: one string to quote, one
index scan); SQLite keeps ``IN (…)`` in chunks its parameter limit allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.db import connection
from django.db.models import BooleanField, Expression, F, QuerySet

#: Values per ``IN (…)`` where there are no arrays: old SQLite builds allow 999 parameters.
CHUNK = 500


def pg_array(values: Iterable[int | bool | None]) -> str:
    """A PostgreSQL array literal of numbers, booleans and NULLs (bind it with a cast, as in
    ``%s::bigint[]``): psycopg adapting a list of 100,000 ints one by one takes seconds."""
    return "{" + ",".join("NULL" if v is None else str(v) for v in values) + "}"


def pg_text_array(values: Iterable[str]) -> str:
    """A PostgreSQL array literal of strings, each double-quoted with ``"`` and ``\\`` escaped
    (the array syntax's own quoting; the literal itself travels as one bound parameter)."""
    quoted = ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
    return "{" + ",".join(quoted) + "}"


class AnyOf(Expression):
    """``field = ANY(array)`` as a filter condition (PostgreSQL)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, values: Sequence, db_type: str):
        super().__init__()
        self.lhs = F(field)
        self.values = values
        self.db_type = db_type

    def get_source_expressions(self):
        return [self.lhs]

    def set_source_expressions(self, exprs):
        (self.lhs,) = exprs

    def as_sql(self, compiler, connection):
        lhs, params = compiler.compile(self.lhs)
        to_literal = pg_text_array if self.db_type == "text" else pg_array
        literal = to_literal(self.values)
        return f"{lhs} = ANY(%s::{self.db_type}[])", [*params, literal]


def matching(
    queryset: QuerySet, field: str, values: Iterable, *, text: bool = False
) -> Iterator[QuerySet]:
    """The querysets that together give the rows of ``queryset`` whose ``field`` is one of
    ``values`` (ids, or strings with ``text``): one on PostgreSQL, one per chunk elsewhere.

    Read each as a set: the querysets keep the model's default ordering unless the caller
    clears it (``.order_by()``).
    """
    values = list(values)
    if not values:
        return
    if connection.vendor == "postgresql":
        yield queryset.filter(AnyOf(field, values, "text" if text else "bigint"))
        return
    for start in range(0, len(values), CHUNK):
        yield queryset.filter(**{f"{field}__in": values[start : start + CHUNK]})
