"""The ``lawcompare`` block inside ``<proprietary>``: record fields Akoma Ntoso has no element for.

Values are written as plain XML in the ``lc`` namespace, one element per field, named as in the
record format (``docs/record-format.md``)::

    <lc:penalty>
      <lc:deprivation_of_liberty><lc:min_years>3.0</lc:min_years><lc:max_years>7.0</lc:max_years></lc:deprivation_of_liberty>
      <lc:confiscation>mandatory</lc:confiscation>
    </lc:penalty>

Lists hold ``<lc:item>`` elements; mappings (``terms``) hold ``<lc:entry key="...">`` elements.
Fields left at their default (``null``, empty list, ``confiscation: none``) are not written.
Reading is guided by the pydantic models, so every value comes back with its type.
"""

from __future__ import annotations

import datetime as dt
import types
from enum import Enum
from typing import Any, Union, get_args, get_origin

from lxml import etree
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lawcompare.errors import InputError
from lawcompare.interop.akn_names import LC_NS, lc

# Exclusion spec: field name -> True (skip the field) or a nested spec for a sub-model.
Exclude = dict[str, "bool | Exclude"]


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _default(info: FieldInfo) -> Any:
    factory = info.default_factory
    return factory() if factory is not None else info.default  # type: ignore[call-arg]


def encode_model(parent: etree._Element, tag: str, model: BaseModel, exclude: Exclude | None = None) -> etree._Element:
    """Append ``<lc:tag>`` holding every field of ``model`` that differs from its default."""
    element = etree.SubElement(parent, lc(tag))
    for name, info in type(model).model_fields.items():
        rule = (exclude or {}).get(name)
        if rule is True:
            continue
        value = getattr(model, name)
        if not info.is_required() and value == _default(info):
            continue
        _encode_value(element, name, value, rule if isinstance(rule, dict) else None)
    return element


def _encode_value(parent: etree._Element, tag: str, value: Any, exclude: Exclude | None = None) -> None:
    if isinstance(value, BaseModel):
        encode_model(parent, tag, value, exclude)
    elif isinstance(value, list):
        element = etree.SubElement(parent, lc(tag))
        for item in value:
            _encode_value(element, "item", item)
    elif isinstance(value, dict):
        element = etree.SubElement(parent, lc(tag))
        for key, item in value.items():
            entry = etree.SubElement(element, lc("entry"), key=str(key))
            entry.text = _scalar(item)
    elif value is None:
        etree.SubElement(parent, lc(tag), nil="true")
    else:
        etree.SubElement(parent, lc(tag)).text = _scalar(value)


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname


def _unwrap_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _children(element: etree._Element) -> list[etree._Element]:
    """Child elements; every child must be in the lawcompare namespace."""
    out = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if etree.QName(child).namespace != LC_NS:
            raise InputError(f"unexpected element <{child.tag}> inside the lawcompare block",
                             line=child.sourceline)
        out.append(child)
    return out


def decode_model(element: etree._Element, model: type[BaseModel]) -> dict[str, Any]:
    """The fields written by :func:`encode_model`, as a dict for ``model.model_validate``."""
    data: dict[str, Any] = {}
    for child in _children(element):
        name = localname(child)
        info = model.model_fields.get(name)
        if info is None:
            raise InputError(f"unknown field <lc:{name}> in the lawcompare block (expected one of: "
                             f"{', '.join(model.model_fields)})", line=child.sourceline)
        if name in data:
            raise InputError(f"field <lc:{name}> is given twice in the lawcompare block", line=child.sourceline)
        data[name] = _decode_value(child, info.annotation)
    return data


def _decode_value(element: etree._Element, annotation: Any) -> Any:
    if element.get("nil") == "true":
        return None
    target = _unwrap_optional(annotation)
    origin = get_origin(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return decode_model(element, target)
    if origin is list:
        (item_type,) = get_args(target)
        items = []
        for child in _children(element):
            if localname(child) != "item":
                raise InputError(f"expected <lc:item> in <lc:{localname(element)}>, got <lc:{localname(child)}>",
                                 line=child.sourceline)
            items.append(_decode_value(child, item_type))
        return items
    if origin is dict:
        entries: dict[str, Any] = {}
        for child in _children(element):
            key = child.get("key")
            if localname(child) != "entry" or key is None:
                raise InputError(f"expected <lc:entry key=...> in <lc:{localname(element)}>", line=child.sourceline)
            if key in entries:
                raise InputError(f"key {key!r} is given twice in <lc:{localname(element)}>", line=child.sourceline)
            entries[key] = child.text or ""
        return entries
    if len(element):
        raise InputError(f"<lc:{localname(element)}> should hold a single value, not elements",
                         line=element.sourceline)
    return element.text or ""
