"""URL normalisation: one page, one row, whatever the tracking decoration."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

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

# What may stay as it is in a URI besides letters and digits (RFC 3986's
# unreserved, sub-delims, ":", "@", "/", "?" and "%" of an escape). Anything
# else, a raw space, `<`, `"`, a control character or a non-ASCII letter, is
# percent-encoded as UTF-8: what browsers send in `location.href`.
URI_KEEPS = "-._~!$&'()*+,;=:@/?%#[]"
# Kept by URI_KEEPS for whole URLs, but not allowed raw in a path.
PATH_ESCAPES = {"?": "%3F", "#": "%23", "[": "%5B", "]": "%5D"}
# A "%" that does not start an escape is itself encoded (linear: no nesting).
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


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


def as_uri(url: str) -> str:
    """`url` with every character a URI cannot hold percent-encoded (raw
    spaces, quotes, angle brackets, control characters, non-ASCII letters,
    a "%" that starts no escape); escapes already there are kept, so this is
    idempotent. Any scheme: `kindle:book/…` and `urn:…` addresses too.

    :param url: an address as stored or as another tool wrote it
    :raises ValueError: the text holds a lone surrogate (no UTF-8 form)
    """
    return quote(_STRAY_PERCENT.sub("%25", url), safe=URI_KEEPS, encoding="utf-8",
                 errors="strict")


def _uri_host(host: str) -> str:
    """A host name in its ASCII form (IDNA), as browsers send it."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return as_uri(host)


def normalize_url(url: str) -> str:
    """The canonical form of a page URL.

    Lower-cases scheme and host, drops the default port, the fragment and
    tracking parameters, and keeps every other parameter in its order
    (order can matter to the site). The result is a valid URI: characters a
    URI cannot hold are percent-encoded (`as_uri`), an international host
    name is written in IDNA, as a browser's `location.href` has them.

    :param url: an absolute http(s) URL
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = _uri_host((parts.hostname or "").lower())
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{quote(parts.username, safe='%')}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not _is_tracking(k)],
        doseq=True,
    )
    path = as_uri(parts.path) or "/"
    for char, escaped in PATH_ESCAPES.items():
        path = path.replace(char, escaped)
    return urlunsplit((scheme, netloc, path, query, ""))
