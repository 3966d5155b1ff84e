"""URL normalisation: one page, one row, whatever the tracking decoration."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a visitor arrived, not what they read.
# Dropping them makes the same article from a newsletter and from a search
# one page in the library.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid",
        "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
        "ref_url", "spm", "vero_id", "oly_enc_id", "oly_anon_id", "rb_clickid",
        "s_cid", "cmpid", "ocid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")

DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host and, if it names one,
    a port from 0 to 65535 (`normalize_url` cannot read any other)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def normalize_url(url: str) -> str:
    """The canonical form of a page URL.

    Lower-cases scheme and host, drops the default port, the fragment and
    tracking parameters, and keeps every other parameter in its order
    (order can matter to the site).

    :param url: an absolute http(s) URL
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not _is_tracking(k)],
        doseq=True,
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
