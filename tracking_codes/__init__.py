"""The contract of Webex's "Create a Tracking Code" operation, as code.

The public surface: :func:`validate` checks a request body against the
structural schema and every cross-field rule, :func:`effective_types` resolves
the type each service ends up with, and :class:`Site` says what kind of site
the body is meant for.
"""

from __future__ import annotations

from tracking_codes.catalogue import RULES, Rule
from tracking_codes.engine import Report, validate
from tracking_codes.resolution import effective_types
from tracking_codes.sites import Site
from tracking_codes.violations import Violation

__all__ = [
    "RULES",
    "Report",
    "Rule",
    "Site",
    "Violation",
    "effective_types",
    "validate",
]
