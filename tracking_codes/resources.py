"""Locating and loading the contract files: the JSON Schemas and openapi.yaml.

An installed package carries them inside itself; a source checkout keeps them
at the repository root, where other languages find them. Both are read here so
that no other module needs to know which case it is in.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

REQUEST_SCHEMA = "tracking-code-request.schema.json"
TRACKING_CODE_SCHEMA = "tracking-code.schema.json"
LIST_SCHEMA = "tracking-code-list.schema.json"
ERROR_SCHEMA = "error.schema.json"
OPENAPI = "openapi.yaml"


def contract_root() -> Traversable:
    """The folder holding ``openapi.yaml`` and ``schemas/``."""
    packaged = resources.files("tracking_codes") / "contract"
    if packaged.joinpath(OPENAPI).is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / OPENAPI).is_file():
        return checkout
    raise FileNotFoundError(
        "the contract files are missing: reinstall the package with "
        "'pip install .' from a checkout that has openapi.yaml and schemas/"
    )


def openapi_path() -> Path:
    """A real file path of ``openapi.yaml``, for tools that want one."""
    return Path(str(contract_root().joinpath(OPENAPI)))


@cache
def schema_names() -> tuple[str, ...]:
    """The file names of every schema in ``schemas/``, sorted."""
    folder = contract_root().joinpath("schemas")
    names = (item.name for item in folder.iterdir())
    return tuple(sorted(n for n in names if n.endswith(".schema.json")))


@cache
def _schema_text(name: str) -> str:
    return contract_root().joinpath("schemas", name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """A fresh copy of the schema in ``schemas/NAME``."""
    schema: dict[str, Any] = json.loads(_schema_text(name))
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema, keyed by its ``$id``."""
    loaded = (load_schema(name) for name in schema_names())
    return {schema["$id"]: schema for schema in loaded}


def schema_id(name: str) -> str:
    """The ``$id`` of the schema in ``schemas/NAME``."""
    identifier: str = load_schema(name)["$id"]
    return identifier


def load_openapi() -> dict[str, Any]:
    """``openapi.yaml`` as data, its ``$ref``s to schema files left as they are."""
    text = contract_root().joinpath(OPENAPI).read_text(encoding="utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document
