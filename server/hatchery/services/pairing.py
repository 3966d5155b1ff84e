"""Pairing the extension without copying a secret: `hatchery serve` (or
`hatchery pair`) shows a short one-time code, the extension's options page
sends it to POST /api/pair and receives the token.

The code is short enough to type (8 letters and digits, 40 bits), so it is
guarded like a password: it works once, for PAIRING_CODE_SECONDS; only its
hash is stored; and after MAX_FAILURES wrong codes within FAILURE_WINDOW
every outstanding code is burnt, so guessing one is hopeless.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from ..errors import HatcheryError
from ..store import EXTENSION_SEEN, Store, now

# Ten minutes covers installing the extension after `hatchery serve` prints
# the code; a code left in a terminal's scrollback dies soon after.
PAIRING_CODE_SECONDS = 600
# Crockford's base32: no I, L, O or U, so a code read aloud or retyped
# survives; the letters a person may type instead are mapped back.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
CODE_LENGTH = 8
# A person mistypes a code a few times; a guesser needs ~2^39 tries.
MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=10)
# `hatchery status` says "connected recently"; a write per request is
# wasted, one a minute is plenty.
SEEN_RESOLUTION = timedelta(minutes=1)

NEW_CODE_HINT = "run `hatchery pair` for a new one"


class PairingRefused(HatcheryError):
    status = 401
    code = "bad_pairing_code"


class TooManyAttempts(HatcheryError):
    status = 429
    code = "too_many_attempts"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def normalize_code(typed: str) -> str:
    """The code as stored: upper case, without spaces or dashes, typos mapped.

    :param typed: what the person typed, e.g. ``"abcd-efgh"``
    """
    kept = "".join(ch for ch in typed.upper() if ch not in " -\t")
    return kept.translate(TYPO_MAP)


def new_pairing_code(store: Store) -> str:
    """A fresh one-time pairing code, shown as ``ABCD-EFGH``; only its hash
    is stored.

    :param store: the database the server will check the code against
    """
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    expires = datetime.now(timezone.utc) + timedelta(seconds=PAIRING_CODE_SECONDS)
    store.add_pairing_code(_hash(code), _stamp(expires))
    return f"{code[:4]}-{code[4:]}"


def pair(store: Store, typed: str, token: str) -> str:
    """Trade a pairing code for the API token.

    :param typed: the code as the person typed it
    :param token: the server's API token, handed out on success
    :raises TooManyAttempts: too many wrong codes lately (all codes burnt)
    :raises PairingRefused: the code is unknown, used or expired
    """
    since = _stamp(datetime.now(timezone.utc) - FAILURE_WINDOW)
    if store.pairing_failures_since(since) >= MAX_FAILURES:
        raise TooManyAttempts(
            "Too many wrong pairing codes: wait ten minutes, then " + NEW_CODE_HINT + ".")
    code = normalize_code(typed)
    if len(code) == CODE_LENGTH and store.use_pairing_code(_hash(code)):
        return token
    store.add_pairing_failure(keep_since=since)
    if store.pairing_failures_since(since) >= MAX_FAILURES:
        store.drop_pairing_codes()
    raise PairingRefused(
        "That pairing code is wrong, used or expired (codes last "
        f"{PAIRING_CODE_SECONDS // 60} minutes and work once): {NEW_CODE_HINT}.")


def note_extension_contact(store: Store) -> None:
    """Remember that the extension spoke to us (at most once a minute)."""
    last = store.fact(EXTENSION_SEEN)
    cutoff = _stamp(datetime.now(timezone.utc) - SEEN_RESOLUTION)
    if last is None or last < cutoff:
        store.set_fact(EXTENSION_SEEN, now())


def extension_seen_at(store: Store) -> str | None:
    """When the extension last spoke to the server (ISO 8601 UTC), or None."""
    return store.fact(EXTENSION_SEEN)
