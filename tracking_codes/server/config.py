"""Which sites and tokens the reference server knows, read from a YAML file.

The built-in file (``default-config.yaml`` beside this module) documents every
key. A file that cannot be used is refused as a whole with a
:class:`ConfigError` naming the file, the key and what to change: a server that
starts with half a configuration would answer in ways nobody asked for.
Token values never appear in messages or in ``repr``, since they are secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

import yaml

from tracking_codes.sites import Management, Site

DEFAULT_CONFIG_FILE: Final = "default-config.yaml"
BUILT_IN: Final = "<built-in configuration>"

_TOP_KEYS: Final = ("sites", "tokens", "rate_limit", "store")
_SITE_KEYS: Final = ("url", "managed_by", "tracking_codes_mapped")
_TOKEN_KEYS: Final = ("token", "admin", "rate_limit")
_LIMIT_KEYS: Final = ("requests", "per_seconds")
_STORE_KEYS: Final = ("keep_per_site",)
_MANAGERS: Final = tuple(m.value for m in Management)


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says where and what to do."""


class _Invalid(Exception):
    """A problem at one key, before the file's name is known to the message."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class RateLimit:
    """At most ``requests`` requests in each window of ``per_seconds`` seconds."""

    requests: int
    per_seconds: float


@dataclass(frozen=True)
class TokenPolicy:
    """What one bearer token may do."""

    admin: bool
    rate_limit: RateLimit | None = None


@dataclass(frozen=True)
class ServerConfig:
    """The sites (in order of preference) and tokens a server knows."""

    sites: Mapping[str, Site]
    tokens: Mapping[str, TokenPolicy] = field(repr=False)
    keep_per_site: int | None = None
    source: str = BUILT_IN

    @property
    def preferred_site(self) -> str:
        """The site used when a request names none: the first one configured."""
        return next(iter(self.sites))


def default_config() -> ServerConfig:
    """The built-in configuration: three sites, an admin and a user token."""
    folder = resources.files(__package__)
    text = folder.joinpath(DEFAULT_CONFIG_FILE).read_text(encoding="utf-8")
    return parse_config(text, BUILT_IN)


def load_config(path: str | Path) -> ServerConfig:
    """The configuration in the YAML file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(
            f"{path}: cannot read it ({reason}); check the path"
        ) from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    return parse_config(text, str(path))


def parse_config(text: str, source: str) -> ServerConfig:
    """The configuration in YAML ``text``; ``source`` names it in errors."""
    data = _load_yaml(text, source)
    try:
        return _server_config(data, source)
    except _Invalid as problem:
        raise ConfigError(f"{source}: {problem}") from None


def _load_yaml(text: str, source: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "unreadable"
        raise ConfigError(
            f"{source}: not valid YAML{where} ({problem}); fix the syntax there"
        ) from None


def _server_config(data: Any, source: str) -> ServerConfig:
    top = _mapping(data, "the file", _TOP_KEYS, required=("sites", "tokens"))
    default_limit = _rate_limit(top.get("rate_limit"), "rate_limit")
    store = _mapping(top.get("store", {}), "store", _STORE_KEYS, required=())
    return ServerConfig(
        sites=_sites(top["sites"]),
        tokens=_tokens(top["tokens"], default_limit),
        keep_per_site=_keep_per_site(store.get("keep_per_site")),
        source=source,
    )


def _mapping(
    value: Any, where: str, allowed: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Any]:
    """``value`` as a mapping holding only ``allowed`` keys and every ``required``."""
    if not isinstance(value, dict):
        raise _Invalid(where, f"must be a mapping with the keys {', '.join(allowed)}")
    for key in value:
        if key not in allowed:
            raise _Invalid(
                where, f"unknown key {key!r}; the keys are {', '.join(allowed)}"
            )
    for key in required:
        if key not in value:
            raise _Invalid(where, f"the key {key!r} is missing; add it")
    return value


def _list(value: Any, where: str, what: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise _Invalid(where, f"must be a non-empty list of {what}")
    return value


def _sites(value: Any) -> dict[str, Site]:
    sites: dict[str, Site] = {}
    for index, entry in enumerate(_list(value, "sites", "sites")):
        where = f"sites[{index}]"
        url, site = _site(entry, where)
        if url in sites:
            raise _Invalid(f"{where}.url", f"{url!r} is listed twice; list it once")
        sites[url] = site
    return sites


def _site(entry: Any, where: str) -> tuple[str, Site]:
    fields = _mapping(entry, where, _SITE_KEYS, required=("url", "managed_by"))
    url = _text(fields["url"], f"{where}.url", "a site's address such as a.webex.com")
    manager = fields["managed_by"]
    if manager not in _MANAGERS:
        raise _Invalid(
            f"{where}.managed_by", f"{manager!r} is not one of {', '.join(_MANAGERS)}"
        )
    mapped = _flag(fields.get("tracking_codes_mapped", False), where, _SITE_KEYS[2])
    return url, Site(Management(manager), tracking_codes_mapped=mapped)


def _tokens(value: Any, default_limit: RateLimit | None) -> dict[str, TokenPolicy]:
    tokens: dict[str, TokenPolicy] = {}
    first_index: dict[str, int] = {}
    for index, entry in enumerate(_list(value, "tokens", "tokens")):
        where = f"tokens[{index}]"
        fields = _mapping(entry, where, _TOKEN_KEYS, required=("token", "admin"))
        token = _text(fields["token"], f"{where}.token", "the bearer token's text")
        if token in tokens:
            earlier = f"tokens[{first_index[token]}]"
            raise _Invalid(where, f"repeats the token of {earlier}; list it once")
        limit = _rate_limit(fields.get("rate_limit"), f"{where}.rate_limit")
        admin = _flag(fields["admin"], where, "admin")
        tokens[token] = TokenPolicy(admin, limit or default_limit)
        first_index[token] = index
    return tokens


def _rate_limit(value: Any, where: str) -> RateLimit | None:
    if value is None:
        return None
    fields = _mapping(value, where, _LIMIT_KEYS, required=_LIMIT_KEYS)
    requests = fields["requests"]
    seconds = fields["per_seconds"]
    if not _positive_int(requests):
        raise _Invalid(f"{where}.requests", "must be a whole number above 0")
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int | float)
        or seconds <= 0
    ):
        raise _Invalid(f"{where}.per_seconds", "must be a number of seconds above 0")
    return RateLimit(requests, float(seconds))


def _keep_per_site(value: Any) -> int | None:
    if value is None:
        return None
    if _positive_int(value):
        return int(value)
    raise _Invalid("store.keep_per_site", "must be a whole number above 0, or absent")


def _text(value: Any, where: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(where, f"must be a non-empty string: {what}")
    return value


def _flag(value: Any, where: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{where}.{key}", "must be true or false")
    return value


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
