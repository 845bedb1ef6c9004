"""The Scrapy crawler, run only in a child interpreter (``python -m jobs.crawl``).

Scrapy cannot run inside a Django process here (daphne installs Twisted's asyncio reactor and a
crawl started there hangs), so :func:`jobs.fetching.fetch_source` spawns this package as a child
that never imports Django and reads back the JSON lines it writes. Keep this ``__init__`` empty
of imports: the child imports it first.
"""

# Set to "1" in the child's environment to let the SSRF policy accept loopback addresses (tests
# against a local server only). An env var rather than a CLI flag or config key, so no stored
# source config can switch it on.
ALLOW_LOOPBACK_ENV = "CAREERCOPILOT_CRAWL_ALLOW_LOOPBACK"
