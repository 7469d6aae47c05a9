"""What a field path points at in the answers model: the one walk over its pydantic annotations.

The questionnaire checks its questions against it, the interview reads defaults and cleans values with it,
`seloste check` names the fields a misspelt key could mean, and the preview fills gaps by type.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cached_property, lru_cache
from typing import Any, Union

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from wizard.answers import Answers
from wizard.fieldpath import FieldPath, split_path


@dataclass(frozen=True)
class Target:
    """What a field path points at in the answers model."""

    path: tuple[str, ...]
    info: FieldInfo
    owner: type[BaseModel]

    @cached_property
    def annotation(self) -> Any:
        return self.info.annotation

    @cached_property
    def nullable(self) -> bool:
        return _unwrap_optional(self.annotation)[1]

    @cached_property
    def inner(self) -> Any:
        """The type without `| None` and without its validators."""
        return bare_type(self.annotation)

    @cached_property
    def section_model(self) -> type[BaseModel] | None:
        return _as_model(self.inner)

    @cached_property
    def item_type(self) -> Any:
        """The item type of a list field, else None."""
        inner = self.inner
        return bare_type(typing.get_args(inner)[0]) if typing.get_origin(inner) is list else None

    @cached_property
    def item_model(self) -> type[BaseModel] | None:
        return _as_model(self.item_type)

    @cached_property
    def required(self) -> bool:
        return self.info.is_required()

    def default(self) -> Any:
        """The model's default, as the answers file would hold it."""
        if self.info.is_required():
            return None
        value = self.info.get_default(call_default_factory=True)
        if isinstance(value, BaseModel):
            return value.model_dump(mode="json")
        if isinstance(value, Enum):
            return value.value
        return value

    def adapter(self) -> TypeAdapter[Any]:
        return _adapter(self.owner, self.path[-1])

    def item_adapter(self) -> TypeAdapter[Any]:
        """Checks and cleans one item of a list field with the item's own validators."""
        return _item_adapter(self.owner, self.path[-1])

    def validators(self) -> set[Any]:
        inner = _unwrap_optional(self.annotation)[0]
        metadata = [*self.info.metadata, *(typing.get_args(inner)[1:] if typing.get_origin(inner) is typing.Annotated else ())]
        return {getattr(item, "func", None) for item in metadata}


@lru_cache(maxsize=None)
def _adapter(owner: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = owner.model_fields[name]
    annotation: Any = typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation)


@lru_cache(maxsize=None)
def _item_adapter(owner: type[BaseModel], name: str) -> TypeAdapter[Any]:
    # Made once, like `_adapter`: building one builds its schema (about a quarter of a millisecond per answer).
    return TypeAdapter(typing.get_args(bare_type(owner.model_fields[name].annotation))[0])


def bare_type(annotation: Any) -> Any:
    """The type under `Annotated[...]` and `... | None`: `Annotated[str, ...] | None` -> `str`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
        else:
            return annotation


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def _as_model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


@lru_cache(maxsize=None)
def resolve(path: str | tuple[str, ...], model: type[BaseModel] = Answers) -> Target:
    """The field a path points at; `*` steps into the items of a list. Raises KeyError for a wrong path."""
    parts = split_path(path) if isinstance(path, str) else path
    names = [part for part in parts if part != "*"]
    if not names:
        raise KeyError(path)
    current: type[BaseModel] | None = model
    target: Target | None = None
    for index, part in enumerate(parts):
        if part == "*":
            if target is None or target.item_type is None:
                raise KeyError(path)
            current = target.item_model
            continue
        if current is None or part not in current.model_fields:
            raise KeyError(path)
        target = Target(tuple(p for p in parts[: index + 1] if p != "*"), current.model_fields[part], current)
        current = target.section_model
    assert target is not None
    return target


def model_at(path: FieldPath, model: type[BaseModel] = Answers) -> type[BaseModel] | None:
    """The model whose fields a value at `path` has (list indexes step into the items), or None."""
    return _model_at_names(tuple(part for part in path if isinstance(part, str)), model)


@lru_cache(maxsize=256)  # a file with thousands of errors names the same few models
def _model_at_names(names: tuple[str, ...], model: type[BaseModel]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in names:
        if current is None or part not in current.model_fields:
            return None
        target = Target((part,), current.model_fields[part], current)
        current = target.section_model or target.item_model
    return current


def type_at(path: FieldPath, model: type[BaseModel] = Answers) -> Any:
    """The bare type of the value at `path` (an index steps into a list's items); `str` where the model has
    no such field."""
    annotation: Any = model
    for part in path:
        kind = bare_type(annotation)
        if isinstance(part, int):
            annotation = typing.get_args(kind)[0]
        elif _as_model(kind) is not None and part in kind.model_fields:
            annotation = kind.model_fields[part].annotation
        else:
            return str
    return bare_type(annotation)
