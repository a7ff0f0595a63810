"""The one way the build hashes what something was made from: an article's cache key, an actor
page's, a link preview's, a search part's, the site's version for the service worker, and the
fingerprint of what every page depends on."""

from __future__ import annotations

import hashlib


def digest_of(*parts: bytes | str | int | None) -> str:
    """The sha256 of `parts` in order, each preceded by its length, so that no two different lists
    of parts share a digest; a number counts as its digits, None as an empty part."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else b"" if part is None else str(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()
