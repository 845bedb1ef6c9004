"""The pseudo-source of jobs users add by hand (by URL or by form).

It is deliberately *not* registered in :data:`~jobs.sources.base.ADAPTERS`: there is nothing to
fetch or parse, so runs, ``ingest_file`` and "Find jobs now" never see it. ``JobSource.adapter``
returns :data:`MANUAL_ADAPTER` for the one source of this kind so that pages and the API can
still ask any job's source for its label and attribution.
"""

from __future__ import annotations

from jobs.sources.base import Adapter, Config, ConfigError, ParseError, Payload

MANUAL_KIND = "manual"


def _no_feed(payload: Payload, config: Config):
    raise ParseError("jobs added by hand have no feed to parse")


def _no_requests(config: Config):
    raise ConfigError("jobs added by hand are not fetched: users add them one at a time")


MANUAL_ADAPTER = Adapter(
    kind=MANUAL_KIND,
    label="Added by hand",
    parse=_no_feed,
    build_requests=_no_requests,
)
