"""The Starlette application: the contract's five operations under ``/v1``.

Each handler runs the contract's steps in order and stops at the first that
refuses, by raising :class:`~tracking_codes.server.errors.ApiError`: path (404,
from the router), method (405, from the endpoint), token (401, 429, 403),
media type (415), size (413), JSON (400), site (404), then the rule engine,
whose report gives the status (400, or 409 for a mapped site). No rule is
decided here: a server built with a different engine or store behaves as
those parts do, which is how the tests build deliberately faulty servers.
"""

from __future__ import annotations

import json
from typing import Any, Final

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracking_codes.engine import Engine, Report, default_engine
from tracking_codes.server import bodies, errors
from tracking_codes.server.access import Gate
from tracking_codes.server.codes import tracking_code
from tracking_codes.server.config import ServerConfig, default_config
from tracking_codes.server.endpoint import Handler, MethodEndpoint, tracking_id
from tracking_codes.server.requestlog import RequestLog, TrackingIds, logger
from tracking_codes.server.store import TrackingCodeStore
from tracking_codes.sites import Site

BASE_PATH: Final = "/v1"
COLLECTION: Final = f"{BASE_PATH}/admin/meeting/config/trackingCodes"
ITEM: Final = COLLECTION + "/{trackingCodeId}"

_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def create_app(
    config: ServerConfig | None = None,
    *,
    engine: Engine | None = None,
    store: TrackingCodeStore | None = None,
) -> Starlette:
    """The server's application, from a configuration, an engine and a store.

    Each defaults to the whole contract: the built-in configuration, the
    default engine, and an empty store (bounded as the configuration says).
    """
    config = config or default_config()
    api = TrackingCodeApi(
        config,
        engine or default_engine(),
        store if store is not None else TrackingCodeStore(config.keep_per_site),
    )
    app = Starlette(
        routes=[
            Route(COLLECTION, MethodEndpoint(api.collection_handlers())),
            Route(ITEM, MethodEndpoint(api.item_handlers())),
        ],
        middleware=[Middleware(RequestLog, ids=TrackingIds())],
        exception_handlers={HTTPException: _on_http_exception},
    )
    app.router.redirect_slashes = False
    app.state.config, app.state.engine, app.state.store = config, api.engine, api.store
    return app


class TrackingCodeApi:
    """The handlers of the five operations, over a configuration, engine and store."""

    def __init__(
        self, config: ServerConfig, engine: Engine, store: TrackingCodeStore
    ) -> None:
        self.config = config
        self.engine = engine
        self.store = store
        self.gate = Gate(config.tokens)
        self._structure_only = Engine(checkers={})

    def collection_handlers(self) -> dict[str, Handler]:
        """``/trackingCodes``: list and create (HEAD answers as GET, without body)."""
        return {"GET": self.list, "HEAD": self.list, "POST": self.create}

    def item_handlers(self) -> dict[str, Handler]:
        """``/trackingCodes/{id}``: get, update and delete."""
        return {
            "GET": self.get,
            "HEAD": self.get,
            "PUT": self.update,
            "DELETE": self.delete,
        }

    async def create(self, request: Request) -> Response:
        """POST: validate the body for its site and store it."""
        self._admit(request)
        body = await _json_object(request)
        site_url = self._judge(body, self._site_of(body))
        return _json(self.store.create(site_url, tracking_code(body)))

    async def list(self, request: Request) -> Response:
        """GET on the collection: every tracking code of the site."""
        self._admit(request)
        site_url = self._query_site(request)
        return _json({"items": self.store.list(site_url)})

    async def get(self, request: Request) -> Response:
        """GET on an item: the tracking code, if it is on the site."""
        self._admit(request)
        site_url = self._query_site(request)
        return _json(self._existing(site_url, _code_id(request)))

    async def update(self, request: Request) -> Response:
        """PUT: the body's site must hold the code; the body obeys create's rules."""
        self._admit(request)
        body = await _json_object(request)
        code_id = _code_id(request)
        site_url = self._site_of(body)
        if site_url is not None:
            self._existing(site_url, code_id)
        site_url = self._judge(body, site_url)
        stored = self.store.replace(site_url, code_id, tracking_code(body))
        if stored is None:
            raise errors.no_such_code(code_id, site_url)
        return _json(stored)

    async def delete(self, request: Request) -> Response:
        """DELETE: remove the code from the site; 204 with no body."""
        self._admit(request)
        site_url = self._query_site(request)
        code_id = _code_id(request)
        if not self.store.delete(site_url, code_id):
            raise errors.no_such_code(code_id, site_url)
        return Response(status_code=204)

    def _admit(self, request: Request) -> None:
        self.gate.admit(request.headers.get("authorization"))

    def _site_of(self, body: dict[str, Any]) -> str | None:
        """The body's ``siteUrl`` if it is a non-empty string: 404 if unknown."""
        site_url = body.get("siteUrl")
        if not isinstance(site_url, str) or not site_url:
            return None
        return self._known(site_url)

    def _judge(self, body: dict[str, Any], site_url: str | None) -> str:
        """Refuse a body the engine finds fault with; return its (known) site."""
        site = self.config.sites.get(site_url) if site_url is not None else None
        report = self._report(body, site)
        if not report.valid:
            raise errors.rule_violations(report)
        if site_url is None:
            # Only an engine that lets a body without a usable siteUrl pass
            # gets here: there is still no site to store it on.
            raise errors.unknown_site(body.get("siteUrl"))
        return site_url

    def _report(self, body: dict[str, Any], site: Site | None) -> Report:
        """The engine's report on the body.

        The engine promises never to raise on bad input. Should it break that
        promise, the structural checks alone judge the body: a body they find
        fault with gets its 400 (and the engine's fault is logged), and only
        a well-formed body that the engine cannot judge reaches the 500 guard.
        """
        try:
            return self.engine.validate(body, site)
        except Exception:
            logger.warning("the rule engine raised on a request body", exc_info=True)
            report = self._structure_only.validate(body)
            if report.valid:
                raise
            return report

    def _query_site(self, request: Request) -> str:
        """The ``siteUrl`` query parameter, or the caller's preferred site."""
        site_url = request.query_params.get("siteUrl")
        if site_url is None:
            return self.config.preferred_site
        if not site_url:
            raise errors.empty_site_parameter()
        return self._known(site_url)

    def _known(self, site_url: str) -> str:
        if site_url not in self.config.sites:
            raise errors.unknown_site(site_url)
        return site_url

    def _existing(self, site_url: str, code_id: str) -> dict[str, Any]:
        code = self.store.get(site_url, code_id)
        if code is None:
            raise errors.no_such_code(code_id, site_url)
        return code


async def _json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object: media type, then size, then parsing."""
    bodies.require_json(request.headers.get("content-type"))
    declared = request.headers.get("content-length")
    raw = await bodies.read_bounded(request.receive, declared)
    return bodies.parse_object(raw)


def _code_id(request: Request) -> str:
    code_id: str = request.path_params["trackingCodeId"]
    return code_id


def _json(document: Any, status: int = 200) -> Response:
    content = _ENCODER.encode(document).encode("utf-8")
    return Response(content, status_code=status, media_type=errors.JSON_MEDIA_TYPE)


def _on_http_exception(request: Request, error: Exception) -> Response:
    """The router's own refusal of an unknown path (404), in the error shape."""
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        refusal = errors.no_such_path(request.url.path)
    else:
        refusal = errors.ApiError(
            error.status_code, error.detail, headers=error.headers
        )
    return errors.error_response(refusal, tracking_id(request.scope))
