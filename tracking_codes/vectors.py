"""The language-neutral test vectors of ``vectors/``, read for Python checkers.

Each file holds groups of cases; a case is a request body, the kind of site it
is sent to (or ``null`` when no site is assumed), whether the whole contract
accepts it, and the ids of the rules it breaks. A checker that enforces only
some rules (the strict schema leaves out R2, R6 and R11, for example) must
accept a case exactly when the case breaks none of those rules:
:func:`expectations` works that verdict out, so every checker runs on every
vector.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import Any, Final

from tracking_codes.catalogue import RULES
from tracking_codes.resources import contract_root
from tracking_codes.sites import Site

#: The JSON Schema every vector file is valid against; not a vector file.
VECTOR_SCHEMA: Final = "vector-file.schema.json"

#: Every rule id of the contract: what the whole contract, with a site, enforces.
ALL_RULES: Final = frozenset(RULES)


@dataclass(frozen=True)
class Vector:
    """One case of a vector file."""

    file: str
    group: str
    description: str
    site: str | None
    body: Any = field(compare=False)
    valid: bool
    breaks: frozenset[str]

    @property
    def name(self) -> str:
        """A unique, readable name: the file's stem and the case's description."""
        return f"{self.file.removesuffix('.json')}: {self.description}"

    def site_kind(self) -> Site | None:
        """The site the body is sent to, as the rule engine takes it."""
        return Site.from_kind(self.site) if self.site is not None else None

    def broken_under(self, enforced: Collection[str]) -> frozenset[str]:
        """The rules broken that a checker enforcing ``enforced`` notices."""
        return self.breaks & frozenset(enforced)

    def valid_under(self, enforced: Collection[str]) -> bool:
        """The verdict of a checker that enforces the rules in ``enforced``."""
        return not self.broken_under(enforced)


def vectors_folder() -> Traversable:
    """The folder holding the vector files."""
    return contract_root().joinpath("vectors")


def vector_file_schema() -> dict[str, Any]:
    """The JSON Schema of a vector file."""
    text = vectors_folder().joinpath(VECTOR_SCHEMA).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def vector_files() -> list[Traversable]:
    """Every vector file, sorted by name; the vector file schema is left out."""
    items = vectors_folder().iterdir()
    files = (i for i in items if i.name.endswith(".json") and i.name != VECTOR_SCHEMA)
    return sorted(files, key=lambda item: item.name)


def read_vector_file(item: Traversable) -> list[Vector]:
    """The cases of one vector file, in file order."""
    groups: list[dict[str, Any]] = json.loads(item.read_text(encoding="utf-8"))
    return [
        _vector(item.name, group["description"], case)
        for group in groups
        for case in group["cases"]
    ]


def _vector(file: str, group: str, case: dict[str, Any]) -> Vector:
    return Vector(
        file=file,
        group=group,
        description=case["description"],
        site=case["site"],
        body=case["body"],
        valid=case["valid"],
        breaks=frozenset(case["breaks"]),
    )


def load_vectors() -> list[Vector]:
    """Every case of every vector file."""
    return [vector for item in vector_files() for vector in read_vector_file(item)]


def expectations(
    enforced: Collection[str] = ALL_RULES,
) -> Iterator[tuple[Vector, bool]]:
    """Each vector with the verdict a checker enforcing ``enforced`` must reach.

    With the default, every rule, the verdict is the case's own ``valid``: what
    the rule engine given the case's site, or the reference server, answers.
    """
    for vector in load_vectors():
        yield vector, vector.valid_under(enforced)
