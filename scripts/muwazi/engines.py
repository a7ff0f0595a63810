"""Machine translation through deep-translator, made safe to leave running.

deep-translator calls `requests.get`/`requests.post` with no timeout and hides the HTTP status
behind its own exceptions. So while one of its calls is in flight, the name `requests` inside
that engine's module is pointed at a `Wire` (see `Wire.installed`, the one place this happens):
the same `get`/`post`, sent through one `requests.Session` with a (connect, read) timeout on every
request, recording the status and any connection failure. From what the wire saw, `Engine`
decides: retry with exponential backoff and jitter (429, 5xx, connection errors, timeouts), stop
(anything else), and it rejects output that must never be cached (empty, an echo of the Arabic,
still Arabic, an engine's warning returned as if it were the translation).
"""

from __future__ import annotations

import importlib
import os
import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import TYPE_CHECKING

from .arabic import chunks_within, mostly_arabic
from .errors import MuwaziError

if TYPE_CHECKING:
    import requests


@dataclass(frozen=True)
class EngineSpec:
    """One of deep-translator's engines as Muwazi uses it: Arabic in, English out."""

    name: str  # on the command line and in the PO comment ("machine translation: google, …")
    label: str
    translator: str  # "module:Class" inside deep_translator
    source: str  # the engine's own codes for Arabic and English
    target: str
    language_map: str | None  # the name of deep-translator's map of its languages (None: the engine lists them online)
    max_chars: int  # per request
    delay: float  # polite minimum seconds between two requests
    key_variable: str | None = None  # the environment variable holding the key
    key_required: bool = False
    needs_url: bool = False

    @property
    def languages(self) -> dict[str, str] | None:
        # deep-translator (and everything it imports) loads only when an engine is about to be used.
        from deep_translator import constants

        return getattr(constants, self.language_map) if self.language_map else None


ENGINES = {
    spec.name: spec
    for spec in (
        # Google's text travels in the URL (percent-encoded, six bytes per Arabic letter): keep it short.
        EngineSpec(
            "google", "Google Translate", "google:GoogleTranslator", "ar", "en", "GOOGLE_LANGUAGES_TO_CODES", 1500, 1.0
        ),
        EngineSpec(
            "libre",
            "LibreTranslate",
            "libre:LibreTranslator",
            "ar",
            "en",
            "LIBRE_LANGUAGES_TO_CODES",
            2000,
            0.2,
            key_variable="LIBRE_API_KEY",
            needs_url=True,
        ),
        EngineSpec(
            "mymemory",
            "MyMemory",
            "mymemory:MyMemoryTranslator",
            "ar-SA",
            "en-GB",
            "MY_MEMORY_LANGUAGES_TO_CODES",
            499,
            1.0,
        ),
        EngineSpec(
            "deepl",
            "DeepL",
            "deepl:DeeplTranslator",
            "ar",
            "en",
            "DEEPL_LANGUAGE_TO_CODE",
            4000,
            0.5,
            key_variable="DEEPL_API_KEY",
            key_required=True,
        ),
        EngineSpec(
            "microsoft",
            "Microsoft Translator",
            "microsoft:MicrosoftTranslator",
            "ar",
            "en",
            None,
            4000,
            0.5,
            key_variable="MICROSOFT_API_KEY",
            key_required=True,
        ),
    )
}
MICROSOFT_REGION_VARIABLE = "MICROSOFT_REGION"
MYMEMORY_EMAIL_VARIABLE = "MYMEMORY_EMAIL"

# What engines send back as if it were a translation when something is wrong.
_QUOTA_WARNING = re.compile(r"YOU USED ALL AVAILABLE FREE TRANSLATIONS|MYMEMORY WARNING", re.I)
_OTHER_WARNING = re.compile(
    r"QUERY LENGTH LIMIT EXCEEDED|INVALID LANGUAGE PAIR|PLEASE SELECT TWO DISTINCT LANGUAGES|INVALID EMAIL", re.I
)


@dataclass(frozen=True)
class Policy:
    """How patient to be with an engine."""

    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 5  # further tries after the first, on transient failures only
    backoff: float = 1.0  # seconds before the first retry, doubling each time (with jitter)
    max_backoff: float = 60.0
    delay: float | None = None  # None: the engine's own polite delay


class EngineStopped(Exception):
    """The engine cannot go on (unreachable after the retries, a refusal, a spent quota)."""


class Rejected(Exception):
    """The engine answered, but not with a translation worth keeping."""


def _session() -> requests.Session:
    # requests (like deep-translator) loads only when a translation is about to be sent: every
    # other command starts without it.
    import requests

    return requests.Session()


@dataclass
class Wire:
    """What deep-translator's engine module sees as `requests` during one of our calls."""

    timeout: tuple[float, float]
    session: requests.Session = field(default_factory=_session)
    status: int | None = None
    retry_after: float | None = None
    failure: requests.RequestException | None = None

    @property
    def exceptions(self):
        """requests' exceptions, which deep-translator looks up on what it takes for requests."""
        import requests

        return requests.exceptions

    def get(self, url, **options):
        return self._send("GET", url, **options)

    def post(self, url, **options):
        return self._send("POST", url, **options)

    def _send(self, method: str, url: str, **options) -> requests.Response:
        options["timeout"] = self.timeout
        try:
            response = self.session.request(method, url, **options)
        except self.exceptions.RequestException as error:
            self.failure = error
            raise
        self.status = response.status_code
        header = response.headers.get("Retry-After", "")
        self.retry_after = float(header) if header.strip().isdigit() else None
        return response

    def clear(self) -> None:
        self.status = self.retry_after = self.failure = None

    @property
    def transient(self) -> bool:
        """What the wire saw is worth another try: no answer, a rate limit or a server error."""
        return self.failure is not None or self.status == 429 or (self.status is not None and self.status >= 500)

    def seen(self) -> str:
        if self.failure is not None:
            kind = "timed out" if isinstance(self.failure, self.exceptions.Timeout) else "connection failed"
            return f"{kind} ({type(self.failure).__name__})"
        return f"HTTP {self.status}" if self.status is not None else "no request made"

    @contextmanager
    def installed(self, module) -> Iterator[None]:
        """Point `module.requests` at this wire for the duration of one call."""
        original = module.requests
        module.requests = self
        try:
            yield
        finally:
            module.requests = original


def _missing_languages(spec: EngineSpec) -> list[str]:
    """Which of Arabic and English deep-translator's map for this engine lacks (unknowable offline: none)."""
    if spec.languages is None:
        return []
    return [code for code in (spec.source, spec.target) if code not in spec.languages.values()]


def refuse_unsupported(spec: EngineSpec) -> None:
    """Refuse an engine that cannot translate Arabic into English, from deep-translator's own map."""
    missing = _missing_languages(spec)
    if missing:
        able = " | ".join(name for name, other in ENGINES.items() if not _missing_languages(other))
        raise MuwaziError(
            f"{spec.label} cannot translate Arabic → English: deep-translator {version('deep-translator')} lists no "
            f"{' or '.join(repr(c) for c in missing)} for it; use --engine {able}"
        )


def spec_for(name: str, url: str | None) -> EngineSpec:
    """The engine asked for, refused clearly when it cannot do Arabic → English or lacks what it needs."""
    spec = ENGINES.get(name)
    if spec is None:
        raise MuwaziError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    refuse_unsupported(spec)
    if spec.needs_url and not url:
        raise MuwaziError(
            f"{spec.label} needs the server's address: --url http://127.0.0.1:5000/ for a self-hosted one"
        )
    if url and not spec.needs_url:
        raise MuwaziError(f"--url is for --engine libre; {spec.label} has a fixed address")
    return spec


def key_for(spec: EngineSpec) -> str | None:
    """The engine's key, from its environment variable only (never a flag, never written down)."""
    key = os.environ.get(spec.key_variable, "").strip() if spec.key_variable else ""
    if spec.key_required and not key:
        raise MuwaziError(
            f"{spec.label} needs a key: export {spec.key_variable}=… (it is read from the environment only)"
        )
    return key or None


class Engine:
    """One deep-translator engine behind timeouts, retries, a polite pace and output checks."""

    def __init__(self, spec: EngineSpec, url: str | None = None, policy: Policy = Policy()):
        self.spec = spec
        self.policy = policy
        self.delay = spec.delay if policy.delay is None else policy.delay
        self.wire = Wire((policy.connect_timeout, policy.read_timeout))
        module_name, class_name = spec.translator.split(":")
        self.module = importlib.import_module(f"deep_translator.{module_name}")
        self.requests_sent = 0
        self._last_call = float("-inf")
        self.key = key = key_for(spec)
        options = self._options(key, url)
        self.translator = self._call(
            lambda: getattr(self.module, class_name)(source=spec.source, target=spec.target, **options)
        )
        if spec.name == "libre":
            self.translator.api_key = key  # deep-translator insists on one; a self-hosted server needs none

    def _options(self, key: str | None, url: str | None) -> dict:
        """The constructor arguments each engine needs beyond its languages."""
        if self.spec.name == "libre":
            assert url is not None  # spec_for refuses libre without --url
            return {"api_key": key or "-", "custom_url": url if url.endswith("/") else url + "/"}
        if self.spec.name == "deepl":
            assert key is not None  # key_for refuses deepl without its key
            return {"api_key": key, "use_free_api": key.endswith(":fx")}
        if self.spec.name == "microsoft":
            return {"api_key": key, "region": os.environ.get(MICROSOFT_REGION_VARIABLE) or None}
        if self.spec.name == "mymemory" and os.environ.get(MYMEMORY_EMAIL_VARIABLE):
            return {"email": os.environ[MYMEMORY_EMAIL_VARIABLE]}
        return {}

    def pieces(self, text: str) -> list[str]:
        """The text as this engine can take it: whole, or cut at sentence ends."""
        return [text] if len(text) <= self.spec.max_chars else chunks_within(text, self.spec.max_chars)

    def translate(self, arabic: str) -> str:
        """The English for one segment, sent in pieces when it is too long; Rejected or EngineStopped otherwise."""
        return " ".join(
            self._checked(piece, self._call(lambda piece=piece: self.translator.translate(piece)))
            for piece in self.pieces(arabic)
        )

    def _call(self, action):
        """Run one deep-translator call through the wire, at a polite pace, retrying what is transient."""
        from deep_translator import exceptions

        for attempt in range(self.policy.retries + 1):
            time.sleep(max(0.0, self._last_call + self.delay - time.monotonic()))
            self.wire.clear()
            try:
                with self.wire.installed(self.module):
                    return action()
            except (exceptions.LanguageNotSupportedException, exceptions.InvalidSourceOrTargetLanguage) as error:
                raise MuwaziError(f"{self.spec.label} cannot translate Arabic → English: {error.val}") from None
            except exceptions.TranslationNotFound:
                if not self.wire.transient:
                    raise Rejected("the engine found no translation") from None
                problem = "no translation"
            except Exception as error:  # deep-translator raises many kinds; the wire tells which are transient
                if not (self.wire.transient or isinstance(error, exceptions.TooManyRequests)):
                    said = _describe(error).replace(self.key, "<key>") if self.key else _describe(error)
                    raise EngineStopped(f"{self.spec.label} refused the request ({self.wire.seen()}: {said})") from None
                problem = self.wire.seen()
            finally:
                self._last_call = time.monotonic()
                self.requests_sent += self.wire.status is not None or self.wire.failure is not None
            if attempt == self.policy.retries:
                raise EngineStopped(f"{self.spec.label} still failing after {attempt + 1} tries ({problem})")
            time.sleep(self._backoff(attempt))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter, never shorter than what the server asked for (Retry-After)."""
        wait = min(self.policy.max_backoff, self.policy.backoff * 2**attempt) * random.uniform(0.5, 1.0)
        return min(self.policy.max_backoff, max(wait, self.wire.retry_after or 0.0))

    def _checked(self, arabic: str, english) -> str:
        """The engine's answer, if it is an English translation of `arabic`; Rejected (or stopped) if not."""
        english = english.strip() if isinstance(english, str) else ""
        if _QUOTA_WARNING.search(english):
            raise EngineStopped(f"{self.spec.label} says its quota is spent: «{english[:120]}»")
        if _OTHER_WARNING.search(english):
            raise Rejected(f"the engine answered with a warning: «{english[:120]}»")
        if not english:
            raise Rejected("the engine answered with nothing")
        if english == arabic.strip():
            raise Rejected("the engine sent the Arabic back unchanged")
        if mostly_arabic(english):
            raise Rejected("the answer is still mostly in Arabic script")
        return english


def _describe(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
