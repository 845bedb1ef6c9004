"""``python -m jobs.crawl``: crawl one source and write JSON lines (child process only).

    python -m jobs.crawl --kind arbeitnow --config '{}' --out FILE [--max-pages N]
        [--max-items N] [--timeout S] [--total-timeout S] [--max-retries N]
        [--backoff-base S] [--delay S] [--max-bytes N] [--user-agent UA] [--ignore-robots]
        [--http-cache-dir DIR]

One JSON object per line, in the order things happen:

* ``{"type": "page", "url", "status", "role": "list"|"detail"}`` — a page fetched and parsed;
* ``{"type": "posting", "posting": {RawPosting fields}, "datetime_fields": [names]}`` —
  datetimes are ISO 8601 strings, the names listed so the reader can restore them;
* ``{"type": "skipped", "ref", "reason", "url"}`` — an item (or job page) the adapter skipped;
* ``{"type": "error", "url", "reason", "temporary": bool}``;
* last, ``{"type": "summary", "pages", "items", "errors", "complete": bool, "capped"}``.

The SSRF policy applies when the config says ``"user_supplied": true`` and always for
``jsonld``; loopback is allowed only when the environment sets ``ALLOW_LOOPBACK_ENV`` to ``1``.
``"ignore_robots": true`` in the config (or ``--ignore-robots``) is the operator's opt-out.
For ``jsonld``, ``"follow_links": false`` reads only the given page ("add job by URL");
otherwise job-detail links on it (same site, at most ``--max-links``) are followed too.
Exit code 0 whenever a summary was written, 2 for unusable arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO

from jobs.crawl import ALLOW_LOOPBACK_ENV


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m jobs.crawl", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--kind", required=True)
    parser.add_argument("--config", default="{}", help="the source config as a JSON object")
    parser.add_argument("--out", default="-", help="output file (default: stdout)")
    parser.add_argument("--max-pages", type=int, default=20)
    parser.add_argument("--max-items", type=int, default=5000)
    parser.add_argument("--max-links", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--total-timeout", type=float, default=600.0)
    parser.add_argument("--max-retries", type=int, default=3)
    parser.add_argument("--backoff-base", type=float, default=1.0)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024)
    parser.add_argument("--user-agent", default="CareerCopilotBot/0.1")
    parser.add_argument("--ignore-robots", action="store_true")
    parser.add_argument("--http-cache-dir", default=None)
    return parser.parse_args(argv)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    # Imported here so ``--help`` and argument errors stay fast.
    from scrapy.crawler import CrawlerProcess

    from jobs.crawl.spider import Caps, LineSink, SourceSpider, crawl_settings, loopback_rewrites
    from jobs.sources import ADAPTERS

    sink = LineSink(out)

    def fail(reason: str) -> int:
        sink.write({"type": "error", "url": None, "reason": reason, "temporary": False})
        sink.write({"type": "summary", "pages": 0, "items": 0, "errors": 1, "complete": False})
        return 0

    try:
        config = json.loads(args.config)
    except ValueError as exc:
        return fail(f"config is not valid JSON: {exc}")
    if not isinstance(config, dict):
        return fail("config must be a JSON object")
    if args.kind not in ADAPTERS:
        return fail(f"unknown source kind {args.kind!r}")
    try:
        loopback_rewrites(config.get("_rewrite_base"))
    except ValueError as exc:
        return fail(str(exc))

    caps = Caps(
        max_pages=max(1, args.max_pages),
        max_items=max(1, args.max_items),
        max_links=max(0, args.max_links),
        timeout=args.timeout,
        total_timeout=args.total_timeout,
        max_retries=max(0, args.max_retries),
        backoff_base=args.backoff_base,
        delay=args.delay,
        max_bytes=args.max_bytes,
        user_agent=args.user_agent,
        ignore_robots=args.ignore_robots or config.get("ignore_robots") is True,
        http_cache_dir=args.http_cache_dir,
    )
    ssrf = args.kind == "jsonld" or config.get("user_supplied") is True
    allow_loopback = os.environ.get(ALLOW_LOOPBACK_ENV) == "1"
    process = CrawlerProcess(crawl_settings(caps, ssrf=ssrf, allow_loopback=allow_loopback))
    crawler = process.create_crawler(SourceSpider)
    process.crawl(crawler, kind=args.kind, config=config, caps=caps, sink=sink)
    process.start()
    spider = crawler.spider
    if not isinstance(spider, SourceSpider):
        return fail("the crawl did not start (see stderr)")
    sink.write(spider.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out in ("-", ""):
        return run(args, sys.stdout)
    with open(args.out, "w", encoding="utf-8") as out:
        return run(args, out)


if __name__ == "__main__":
    sys.exit(main())
