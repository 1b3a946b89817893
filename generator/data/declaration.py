"""Reading the declaration's types: the one walker over a field's annotation.

A field of the data format is declared as `X`, `X | None`, `list[X]` or `list[X] | None`,
where X may be a named type (`Annotated[str, ...]`: Slug, Date, CountryCode...). `unwrap`
takes that apart once, for everything made from the declaration: the check (which models a
file nests), the reference page (a field's type in words), `new` (a placeholder per field) and
the kinds of text (`schema.text_kinds`).
"""

from __future__ import annotations

import enum
import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class FieldType:
    """A field's annotation taken apart: the type inside, whether it is a list or may be
    absent, and the metadata of every `Annotated` on the way (with the field's own)."""

    base: Any
    is_list: bool = False
    optional: bool = False
    metadata: tuple[Any, ...] = ()

    @property
    def model(self) -> type[BaseModel] | None:
        """The nested model, for a map of fields."""
        base = self.base
        return base if isinstance(base, type) and issubclass(base, BaseModel) else None

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed values of a `Literal[...]` or an enumeration, else ()."""
        if get_origin(self.base) is Literal:
            return tuple(str(value) for value in get_args(self.base))
        if isinstance(self.base, type) and issubclass(self.base, enum.Enum):
            return tuple(str(member.value) for member in self.base)
        return ()

    def carries(self, named: Any) -> bool:
        """Whether the named type `named` (an `Annotated` alias such as Slug) is on the way."""
        wanted = get_args(named)[1:]
        return bool(wanted) and all(item in self.metadata for item in wanted)


def unwrap(annotation: Any, metadata: Sequence[Any] = ()) -> FieldType:
    """`X | None`, `list[X]` and `Annotated[X, ...]`, in any nesting, down to X.

    A union of two or more types stays as it is (the format declares none)."""
    found = list(metadata)
    is_list = optional = False
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                break
            annotation = args[0]
        elif origin is list:
            is_list, annotation = True, get_args(annotation)[0]
        elif origin is Annotated:
            base, *extra = get_args(annotation)
            found.extend(extra)
            annotation = base
        else:
            break
    return FieldType(annotation, is_list, optional, tuple(found))


def field_type(info: FieldInfo) -> FieldType:
    """The type of a model's field (pydantic keeps a top-level `Annotated`'s part apart)."""
    return unwrap(info.annotation, info.metadata)
