"""Job-source adapters: pure request builders and response parsers, one module per kind.

Importing this package registers every adapter in :data:`ADAPTERS`::

    from jobs.sources import ADAPTERS, ParseError
    result = ADAPTERS["greenhouse"].parse(body, {"board_token": "gitlab"})
    result.postings  # list[jobs.types.RawPosting]
    result.skipped   # list[(item_ref, reason)]
"""

from jobs.sources import (  # noqa: F401 - imported for their registration side effect
    adzuna,
    arbeitnow,
    ashby,
    greenhouse,
    himalayas,
    hn_whoishiring,
    indeed,
    jobicy,
    jsonld,
    lever,
    linkedin,
    personio,
    recruitee,
    remoteok,
    remotive,
    smartrecruiters,
    themuse,
    usajobs,
    workable,
    workday,
)
from jobs.sources.base import (
    ADAPTERS,
    Adapter,
    ConfigError,
    ParseError,
    ParseResult,
    RequestSpec,
    get_adapter,
    register,
)

__all__ = [
    "ADAPTERS",
    "Adapter",
    "ConfigError",
    "ParseError",
    "ParseResult",
    "RequestSpec",
    "get_adapter",
    "register",
]
