"""The server's configuration: the built-in default, files, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracking_codes.server.config import (
    ConfigError,
    RateLimit,
    TokenPolicy,
    default_config,
    load_config,
    parse_config,
)
from tracking_codes.sites import Management, Site

GOOD = """
sites:
  - url: a.webex.com
    managed_by: site-admin
  - url: b.webex.com
    managed_by: control-hub
    tracking_codes_mapped: true
tokens:
  - token: root
    admin: true
    rate_limit: {requests: 5, per_seconds: 2}
  - token: guest
    admin: false
rate_limit: {requests: 100, per_seconds: 60}
store: {keep_per_site: 10}
"""


def test_the_default_holds_exactly_the_three_sites_and_two_tokens() -> None:
    config = default_config()
    assert dict(config.sites) == {
        "example.webex.com": Site(Management.CONTROL_HUB),
        "siteadmin.example.webex.com": Site(Management.SITE_ADMIN),
        "mapped.example.webex.com": Site(
            Management.CONTROL_HUB, tracking_codes_mapped=True
        ),
    }
    assert dict(config.tokens) == {
        "admin-token": TokenPolicy(admin=True),
        "user-token": TokenPolicy(admin=False),
    }
    assert config.keep_per_site is None


def test_the_preferred_site_is_the_first_listed() -> None:
    assert default_config().preferred_site == "example.webex.com"


def test_a_file_is_read_with_every_key(tmp_path: Path) -> None:
    path = tmp_path / "server.yaml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    assert list(config.sites) == ["a.webex.com", "b.webex.com"]
    assert config.sites["b.webex.com"].tracking_codes_mapped
    assert config.tokens["root"].rate_limit == RateLimit(5, 2.0)
    assert config.tokens["guest"].rate_limit == RateLimit(100, 60.0)
    assert config.keep_per_site == 10
    assert config.source == str(path)


def test_the_repr_never_shows_a_token() -> None:
    config = parse_config(GOOD, "x.yaml")
    assert "root" not in repr(config) and "guest" not in repr(config)


def test_a_missing_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"nope\.yaml: cannot read it .*check the path"
    ):
        load_config(tmp_path / "nope.yaml")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"sites: \xff\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


BAD = [
    # what is wrong, the text, words the message must hold
    ("broken YAML", "sites: [a\ntokens: {", "not valid YAML at line"),
    ("not a mapping", "- a\n- b\n", "the file: must be a mapping"),
    ("no sites", "tokens: [{token: t, admin: true}]", "the key 'sites' is missing"),
    ("a typo", GOOD + "rate_limits: {}\n", "unknown key 'rate_limits'"),
    (
        "empty sites",
        "sites: []\ntokens: [{token: t, admin: true}]",
        "sites: must be a non-empty list",
    ),
    (
        "unknown manager",
        GOOD.replace("site-admin", "someone"),
        "sites[0].managed_by: 'someone' is not one of control-hub, site-admin",
    ),
    (
        "mapped not a flag",
        GOOD.replace("mapped: true", "mapped: maybe"),
        "sites[1].tracking_codes_mapped: must be true or false",
    ),
    (
        "a site twice",
        GOOD.replace("b.webex.com", "a.webex.com"),
        "sites[1].url: 'a.webex.com' is listed twice",
    ),
    (
        "an empty url",
        GOOD.replace("url: a.webex.com", "url: ''"),
        "sites[0].url: must be a non-empty string",
    ),
    (
        "admin missing",
        GOOD.replace("    admin: false\n", ""),
        "tokens[1]: the key 'admin' is missing",
    ),
    (
        "a token twice",
        GOOD.replace("token: guest", "token: root"),
        "tokens[1]: repeats the token of tokens[0]",
    ),
    (
        "zero requests",
        GOOD.replace("requests: 5", "requests: 0"),
        "tokens[0].rate_limit.requests: must be a whole number above 0",
    ),
    (
        "negative window",
        GOOD.replace("per_seconds: 60", "per_seconds: -1"),
        "rate_limit.per_seconds: must be a number of seconds above 0",
    ),
    (
        "keep not a number",
        GOOD.replace("keep_per_site: 10", "keep_per_site: many"),
        "store.keep_per_site: must be a whole number",
    ),
]


@pytest.mark.parametrize(
    ("text", "words"), [case[1:] for case in BAD], ids=[case[0] for case in BAD]
)
def test_a_bad_file_is_refused_naming_file_and_key(text: str, words: str) -> None:
    with pytest.raises(ConfigError) as refused:
        parse_config(text, "server.yaml")
    message = str(refused.value)
    assert message.startswith("server.yaml: ")
    assert words in message


def test_a_repeated_token_is_not_quoted_in_the_message() -> None:
    with pytest.raises(ConfigError) as refused:
        parse_config(GOOD.replace("token: guest", "token: root"), "server.yaml")
    assert "root" not in str(refused.value)
