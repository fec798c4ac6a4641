"""The reference server as the suite's default target.

When no ``--base-url`` is given, the suite serves the reference server on a
free loopback port for the length of the session, with its built-in
configuration, and takes every option it needs from that configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from contract_tests.target import Target
from tracking_codes.sites import Management

if TYPE_CHECKING:
    from tracking_codes.server.config import ServerConfig


@contextmanager
def embedded_target(config: pytest.Config) -> Iterator[Target]:
    """Serve the reference server and yield it as a fully described target."""
    from tracking_codes.server.app import create_app
    from tracking_codes.server.config import default_config
    from tracking_codes.server.runner import running_server

    server_config = default_config()
    with running_server(create_app(server_config)) as base_url:
        chosen = Target.from_options(config, base_url)
        yield chosen.filled(**options_of(server_config), embedded=True)


def options_of(server_config: ServerConfig) -> dict[str, str | bool]:
    """The suite's options, as the server's configuration fills them."""
    options: dict[str, str | bool] = {"inferred_rules": True}
    for url, site in reversed(list(server_config.sites.items())):
        if site.tracking_codes_mapped:
            options["mapped_site_url"] = url
        elif site.managed_by is Management.SITE_ADMIN:
            options["site_admin_site_url"] = url
        else:
            options["site_url"] = url
    for token, policy in reversed(list(server_config.tokens.items())):
        options["token" if policy.admin else "non_admin_token"] = token
    return options
