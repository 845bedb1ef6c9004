"""URL canonicalisation so the same posting reached through different links compares equal."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonical_url"]

# Exact parameter names (compared lower-case) that only track how a visitor arrived.
# gh_jid is NOT here: on custom Greenhouse career pages it is the job's identity.
TRACKING_PARAMS = frozenset(
    {
        "gh_src",
        "lever-source",
        "lever-origin",
        "lever_source",
        "source",
        "src",
        "ref",
        "refid",
        "ref_id",
        "referer",
        "referrer",
        "trackingid",
        "tracking_id",
        "trk",
        "trkinfo",
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "_ga",
        "_gl",
        "s_cid",
        "cmpid",
        "campaignid",
        "campaign_id",
        "adgroupid",
        "sc_cid",
        "share_id",
        "shareid",
        "utm",
        "ccuid",
        "rb_clickid",
        "vero_id",
        "oly_enc_id",
        "oly_anon_id",
        "wt.mc_id",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "_hs", "ga_", "matomo_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WS_RE = re.compile(r"\s+")


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str | None) -> str | None:
    """Canonical form of an http(s) URL, or ``None`` for anything else.

    Lower-cases scheme and host, drops credentials, default ports, fragments, tracking
    parameters (utm_*, gh_src, lever-source, source, ref, trk, fbclid, gclid, ...) and trailing
    slashes, and sorts the remaining query parameters.
    """
    if not url or not isinstance(url, str):
        return None
    url = _WS_RE.sub("", url.strip())
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        host = parts.hostname.lower().rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~") if parts.path else ""
    path = path.rstrip("/")
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(sorted(query_pairs), quote_via=quote)
    return urlunsplit((scheme, netloc, path, query, ""))
