"""Everything Muwazi knows about Arabic as the press writes it.

One folding serves every comparison the project makes (actor names, month names, search),
so that a variant spelled one way in the gazetteer matches every way an outlet spells it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from hijridate import Gregorian

# Harakat, Quranic marks, superscript alef and tatweel carry no identity for matching.
_DROPPED = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}
_DROPPED |= set(chr(c) for c in range(0x06D6, 0x06EE)) - {"\u06e5", "\u06e6"}
# Bidi controls, zero-width joiners and the BOM are invisible and only get in the way.
_DROPPED |= {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}
_DROPPED |= set(chr(c) for c in range(0x202A, 0x202F)) | set(chr(c) for c in range(0x2066, 0x206A))

_FOLDED = {
    # alef with hamza or madda, and alef wasla
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    # final ya written dotless (Egyptian usage), ta marbuta, hamza seats
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    # Persian and Urdu letter forms that turn up in pasted text
    "ی": "ي",
    "ې": "ي",
    "ک": "ك",
    "ہ": "ه",
    "ۀ": "ه",
    "ە": "ه",
    "ۃ": "ه",
    # Letters the press borrows for foreign sounds: v, p, ch/g and g (لافروڤ، پوتين، چين، گوتيريش)
    "ڤ": "ف",
    "پ": "ب",
    "چ": "ج",
    "گ": "ك",
}
# The foreign g: every way the press writes it becomes one letter.
_FOREIGN_G = {"غ": "ج", "ڨ": "ج", "ڭ": "ج", "گ": "ج", "ك": "ج", "ک": "ج"}
_FOLDED.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_FOLDED.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits


@dataclass(frozen=True)
class Folded:
    """Folded text with, for each of its characters, the index of the original it came from."""

    text: str
    origin: Sequence[int]

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the folded text back to the original string."""
        return self.origin[start], self.origin[end - 1] + 1


_TABLE = {ord(k): v for k, v in _FOLDED.items()} | {ord(c): None for c in _DROPPED}
_TABLE_WITH_G = _TABLE | {ord(k): v for k, v in _FOREIGN_G.items()}
_DROPPED_CHARS = re.compile("[" + "".join(sorted(_DROPPED)) + "]")
# The same folding as replacements, for long texts: letters first, then the digits in one pass.
_EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_DIGITS = {ord(k): v for k, v in _FOLDED.items() if v.isdigit()}
_LETTERS = tuple((k, v) for k, v in _FOLDED.items() if not v.isdigit())
_LETTERS_WITH_G = tuple(({**dict(_LETTERS), **_FOREIGN_G}).items())
# One replacement never makes a letter another replaces, so their order does not matter.
assert not {v for _, v in _LETTERS_WITH_G} & {k for k, _ in _LETTERS_WITH_G}
_SHORT = 48  # characters; below this, one str.translate pass costs less than a search per letter


def _folded_text(text: str, foreign_g: bool) -> str:
    """Press Arabic is mostly letters that fold to themselves, and str.translate looks every
    character up in a dict: for a paragraph, a search in C for each letter that folds, and a
    replacement only of those that occur, does less work."""
    if len(text) < _SHORT:
        return text.translate(_TABLE_WITH_G if foreign_g else _TABLE)
    if _DROPPED_CHARS.search(text):
        text = _DROPPED_CHARS.sub("", text)
    for letter, into in _LETTERS_WITH_G if foreign_g else _LETTERS:
        if letter in text:
            text = text.replace(letter, into)
    if _EASTERN_DIGITS.search(text):
        text = text.translate(_DIGITS)
    return text


def fold(text: str, foreign_g: bool = True) -> Folded:
    """Fold spelling variants away, keeping a map back to the original offsets.

    With `foreign_g=False` the letters that may stand for a foreign g keep their identity, for
    short names where folding them would meet ordinary words (كيم and غيم).
    """
    result = _folded_text(text, foreign_g)
    if len(result) == len(text):  # every character maps to one: offsets are unchanged
        return Folded(result, range(len(text)))
    return Folded(result, tuple(index for index, char in enumerate(text) if char not in _DROPPED))


def folded(text: str, foreign_g: bool = True) -> str:
    """The folded form alone, for keys and comparisons."""
    return _folded_text(text, foreign_g)


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits; nothing else changes."""
    return text.translate(_DIGITS) if _EASTERN_DIGITS.search(text) else text


# Letters outside the Arabic alphabet file just after the letter they extend (پ after ب, گ after ك).
_AFTER_LETTER = {"پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق", "گ": "ك", "ڭ": "ك"}


def sort_key(name: str) -> tuple[str, str]:
    """Arabic alphabetical order (ا ب ت … ه و ي) for names, as an Arabic index files them.

    Hamza forms file with their seat letter (أ إ آ with ا), ى with ي, and a leading article ال is passed over
    (الولايات المتحدة files under و); the foreign-g letters keep their place, so كيم files under ك.
    """
    # The borrowed letters are filed before folding would make them their base letter.
    filed = folded("".join(_AFTER_LETTER[c] + "\uffff" if c in _AFTER_LETTER else c for c in name), foreign_g=False)
    filed = filed.strip()
    if name.strip().startswith("ال") and len(filed.split()[0]) > 3:  # not ألمانيا, whose alef has its hamza
        filed = filed[2:]
    return filed, name


WORD = re.compile(r"[^\W_]+")

# A conjunction (و، ف), then a preposition (ب، ك، ل), then the article; ل + ال is written لل.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")


def _prefixes(foreign_g: bool = True) -> tuple[tuple[str, bool], ...]:
    found: set[tuple[str, bool]] = set()
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            found.add((folded(conj + prep, foreign_g), False))
            if prep == "ل":
                found.add((folded(conj + "لل", foreign_g), True))
            else:
                found.add((folded(conj + prep + "ال", foreign_g), False))
    found.discard(("", False))
    return tuple(sorted(found, key=lambda p: -len(p[0])))


# (prefix, absorbed_article): لل swallows the alef of ال, so ال must be put back.
PREFIXES = _prefixes()
ARTICLE = folded("ال")  # the definite article, folded


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The folded word itself, then each reading of it with an attached prefix removed."""
    readings = [word]
    for prefix, absorbed_article in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix) :]
            readings.append(rest)
            if absorbed_article:
                readings.append(ARTICLE + rest)
    return tuple(readings)


def is_definite(word: str) -> bool:
    """Whether a folded word carries the article ال, behind any attached prefix (الخارجية، للطاقة)."""
    return any(reading.startswith(ARTICLE) and len(reading) > 3 for reading in stems(word))


# The space after a sentence's last mark. The mark is matched, not looked behind for, so the
# engine skips from mark to mark instead of trying a lookbehind at every position of a paragraph.
SENTENCE_END = re.compile(r"[.!?؟…](\s+)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in a paragraph, split after . ! ? ؟ … (never at the Arabic comma)."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start(1)))
        start = match.end(1)
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# Where a sentence of the press may be cut into the clauses a translator renders as sentences of
# their own. A comma alone is no cut (it strings lists and names as often as clauses), so a comma
# counts only before a word that opens a clause; a few openers are strong enough to mark a clause
# with no punctuation at all, as a typo or a long run-on leaves them.
CLAUSE_OPENERS = (
    "ثم", "حيث", "إلا أن", "إلا أنه", "إلا أنها", "غير أن", "لكن", "ولكن", "بل", "بينما", "في حين", "فيما",
    "كما", "إذ", "علما", "قائلا", "قائلة", "مضيفا", "مضيفة", "موضحا", "موضحة", "مشيرا", "مشيرة", "مؤكدا",
    "مؤكدة", "لافتا", "لافتة", "معتبرا", "معربا", "وأضاف", "وأضافت", "وقال", "وقالت", "وأكد", "وأكدت",
    "وأشار", "وأشارت", "وأوضح", "وأوضحت", "وتابع", "وتابعت", "ولفت", "واعتبر", "وشدد", "وفي", "وذلك",
    "في خطوة", "في إشارة", "وسط", "ما يعني", "وهو ما", "الأمر الذي",
)  # fmt: skip
# A relative pronoun after a comma often opens a clause a translator makes a sentence of its own
# («، التي أوضحت …» → «They said …»), but as often only describes the noun before it.
RELATIVES = ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي")
STRONG_OPENERS = ("حيث", "إلا أن", "إلا أنه", "إلا أنها", "غير أن", "قائلا", "قائلة", "مضيفا", "موضحا", "مشيرا")
SENTENCE_CUT, SEMICOLON_CUT, COLON_CUT = "sentence", "semicolon", "colon"
OPENER_CUT, AND_CUT, RELATIVE_CUT, BARE_OPENER_CUT = "comma-opener", "comma-and", "comma-relative", "opener"


def _openers_pattern(openers: Sequence[str]) -> str:
    written = sorted({folded(opener) for opener in openers}, key=len, reverse=True)
    return "|".join(re.escape(opener).replace(r"\ ", r"\s+") for opener in written)


# Matched on the folded text (which keeps offsets when no harakat are dropped; see clause_cuts).
_CLAUSE_CUT = re.compile(
    r"(?P<sentence>[.!?؟…]+[\"'»”)]*\s+)"
    r"|(?P<semicolon>[؛;]\s+)"
    r"|(?P<colon>:\s+)"
    rf"|(?P<comma>[،,]\s+)(?=(?P<opener>(?:{_openers_pattern(CLAUSE_OPENERS)}|م\w\w+ا)(?!\w))"
    rf"|(?P<relative>(?:{_openers_pattern(RELATIVES)})(?!\w))|(?P<and>و\w))"
    rf"|(?<=\w)(?P<bare>\s+)(?=(?:{_openers_pattern(STRONG_OPENERS)})(?!\w))"
)


def clause_cuts(text: str) -> list[tuple[int, str]]:
    """The places (offsets where the next piece starts, after the punctuation and the space) where
    a paragraph may be cut into the runs of clauses a translation renders apart, with the kind of
    each cut: SENTENCE_CUT, SEMICOLON_CUT, COLON_CUT, OPENER_CUT (a comma before a clause opener or
    an adverbial participle such as مؤكدا), RELATIVE_CUT (a comma before الذي، التي …), AND_CUT (a
    comma before a word with و) or BARE_OPENER_CUT (a strong opener with no comma)."""
    folding = fold(text)
    cuts = []
    for match in _CLAUSE_CUT.finditer(folding.text):
        if match.group("comma") is not None:
            kind = OPENER_CUT if match.group("opener") else RELATIVE_CUT if match.group("relative") else AND_CUT
        else:
            kind = BARE_OPENER_CUT if match.group("bare") is not None else str(match.lastgroup)
        end = match.end("comma") if match.group("comma") is not None else match.end()
        position = folding.origin[end] if end < len(folding.text) else len(text)
        if 0 < position < len(text):
            cuts.append((position, kind))
    return cuts


_BREAKABLE_SPACE = re.compile(r"(?<![،,؛;])\s+")


def chunks_within(text: str, limit: int) -> list[str]:
    """The text cut into pieces of at most `limit` characters, for an engine that takes no more.

    Whole sentences are packed together; a single sentence longer than the limit is cut at the last
    space before it that does not follow a comma (never at ،), so a piece still reads as a phrase.
    """
    pieces: list[str] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        while len(sentence) > limit:
            cuts = [m for m in _BREAKABLE_SPACE.finditer(sentence, 1, limit + 1) if m.start() <= limit]
            cut = cuts[-1] if cuts else None
            head, sentence = (
                (sentence[: cut.start()], sentence[cut.end() :]) if cut else (sentence[:limit], sentence[limit:])
            )
            pieces.append(head)
        if pieces and len(pieces[-1]) + 1 + len(sentence) <= limit:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return pieces


def mostly_arabic(text: str) -> bool:
    """More than half of the letters are Arabic script."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) > 0.5


# --- characters no line of text may hold ------------------------------------------------------

# Control characters (other than tab and line ends) cannot be shown on a page; they come from
# broken copying. Embeddings and overrides (U+202A–U+202E) reorder text beyond their own: into a
# title or attribute that joins two languages, and the site name with it.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")
_BIDI_NAMES = {
    0x202A: "left-to-right embedding",
    0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting",
    0x202D: "left-to-right override",
    0x202E: "right-to-left override",
}
# An isolate (LRI, RLI or FSI, closed by PDI) reorders nothing outside it, once it is closed.
_ISOLATE = re.compile("[\u2066-\u2069]")
_CLOSE_ISOLATE = "\u2069"


@dataclass(frozen=True)
class Forbidden:
    """A character that may not stand where it does: its index in the text, and what to say."""

    index: int
    problem: str
    fix: str


def unshowable(text: str) -> Forbidden | None:
    """The first control character, bidi embedding or override in the text: refused wherever they
    stand, as a single character, so that a reader can check each line of a file on its own."""
    found = _UNSHOWABLE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if code in _BIDI_NAMES:
        return Forbidden(
            found.start(),
            f"bidi control U+{code:04X} ({_BIDI_NAMES[code]})",
            "delete it (it reorders the text around it); to set a phrase's direction, "
            "put it between an isolate (U+2066, U+2067 or U+2068) and U+2069",
        )
    return Forbidden(found.start(), f"control character U+{code:04X}", "delete it (it cannot be shown on a page)")


def unbalanced_isolate(text: str) -> Forbidden | None:
    """The first bidi isolate that is never closed, or the first closing one that closes none."""
    opened: list[int] = []
    for found in _ISOLATE.finditer(text):
        if found.group() != _CLOSE_ISOLATE:
            opened.append(found.start())
        elif opened:
            opened.pop()
        else:
            return Forbidden(
                found.start(),
                "bidi control U+2069 (pop directional isolate) that closes no isolate",
                "delete it, or open the isolate it closes before it, in the same line (or PO string)",
            )
    if opened:
        code = ord(text[opened[0]])
        return Forbidden(
            opened[0],
            f"bidi isolate U+{code:04X} that is never closed",
            "close it with U+2069 before its line (or PO string) ends, or delete it",
        )
    return None


def forbidden_character(text: str) -> Forbidden | None:
    """The first character a segment (a line of an article, a msgid or msgstr) may not hold."""
    found = [problem for problem in (unshowable(text), unbalanced_isolate(text)) if problem is not None]
    return min(found, key=lambda problem: problem.index, default=None)


def nfc(text: str) -> str:
    """The text in Unicode NFC: editors on different systems save the same Arabic composed
    (أ) or decomposed (ا and a hamza above); read in one form, the two compare equal."""
    return unicodedata.normalize("NFC", text)


# --- datelines ------------------------------------------------------------------------------

CAIRO = ZoneInfo("Africa/Cairo")

_MONTH_NAMES = {
    1: ["يناير", "كانون الثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويلية"],
    8: ["أغسطس", "آب", "أوت"],
    9: ["سبتمبر", "أيلول"],
    10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "تشرين الثاني"],
    12: ["ديسمبر", "كانون الأول"],
}
MONTHS = {folded(name): number for number, names in _MONTH_NAMES.items() for name in names}

MONTH_NAMES = tuple(names[0] for _, names in sorted(_MONTH_NAMES.items()))  # as the Egyptian press writes them

WEEKDAY_NAMES = (
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
)  # Monday first, as datetime counts
WEEKDAYS = {folded(name): number for number, name in enumerate(WEEKDAY_NAMES)}
WEEKDAYS[folded("الإثنين")] = 0

# Particles, pronouns, the reporting verbs of the press, time words and the qualifiers of a title
# (السابق): words that end a name and never belong to one.
_NEVER_IN_NAMES_WORDS = """
    في من على إلى الى عن مع أن إن ان لن لم لا ما قد كان كانت تم بعد قبل خلال حول بين ضد منذ حتى عند لدى
    الذي التي الذين اللذان اللتان هو هي هم هذا هذه ذلك تلك أمس اليوم غدا أيضا كما حيث بينما لكن بل ثم أو أم
    قال قالت يقول تقول أكد أكدت يؤكد تؤكد تأكيده تأكيدها أعلن أعلنت يعلن إعلانه أوضح أوضحت يوضح أشار أشارت
    يشير صرح صرحت تصريحه تصريحاتها قوله قولها أضاف أضافت يضيف ذكر ذكرت نقل نقلت وصف وصفت حذر حذرت دعا دعت
    السابق السابقة الأسبق الحالي الحالية الجديد الجديدة المنتهية المقبل
    """.split()
NEVER_IN_NAMES = frozenset(folded(word) for word in _NEVER_IN_NAMES_WORDS) | frozenset(WEEKDAYS)

_MERIDIEM = {folded("ص"): "am", folded("صباحا"): "am", folded("م"): "pm", folded("مساء"): "pm", folded("مساءً"): "pm"}

_MONTH_ALTERNATIVES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DATELINE = re.compile(
    r"^\s*(?:(?P<weekday>[^\W\d_]+)\s*[،,]?\s*)?"
    r"(?P<day>\d{1,2})\s*(?P<month>" + _MONTH_ALTERNATIVES + r")\s*[،,]?\s*(?P<year>\d{4})"
    r"(?:\s*[،,-]?\s*(?:(?:الساعه|الساعة)\s*)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<meridiem>[^\W\d_]+)?)?\s*$"
)


class DatelineError(ValueError):
    """A dateline that cannot be read as a date (the message says why)."""


@dataclass(frozen=True)
class Dateline:
    """When an article was published, read from its dateline."""

    written: str
    moment: datetime
    has_time: bool
    weekday_written: int | None

    @property
    def iso(self) -> str:
        return self.moment.isoformat() if self.has_time else self.moment.date().isoformat()


def parse_dateline(line: str, zone: ZoneInfo = CAIRO) -> Dateline:
    """Read a press dateline such as «الجمعة، 01 يونيو 2018 01:10 م» as Cairo time."""
    text = folded(line.strip())
    match = _DATELINE.match(text)
    if not match:
        raise DatelineError(
            f"cannot read the dateline {line.strip()!r} (expected e.g. «الجمعة، 01 يونيو 2018 01:10 م»)"
        )
    weekday = None
    if match["weekday"]:
        if match["weekday"] not in WEEKDAYS:
            raise DatelineError(f"unknown weekday {match['weekday']!r} in the dateline")
        weekday = WEEKDAYS[match["weekday"]]
    hour = minute = 0
    has_time = match["hour"] is not None
    if has_time:
        hour, minute = int(match["hour"]), int(match["minute"])
        meridiem = match["meridiem"]
        if meridiem is not None:
            if meridiem not in _MERIDIEM:
                raise DatelineError(f"unknown time marker {meridiem!r} (expected ص or م)")
            if not 1 <= hour <= 12:
                raise DatelineError(f"hour {hour} is not a 12-hour clock hour")
            hour = hour % 12 + (12 if _MERIDIEM[meridiem] == "pm" else 0)
        if hour > 23 or minute > 59:
            raise DatelineError(f"time {match['hour']}:{match['minute']} does not exist")
    try:
        moment = datetime(int(match["year"]), MONTHS[match["month"]], int(match["day"]), hour, minute, tzinfo=zone)
    except ValueError as error:
        raise DatelineError(f"date does not exist: {error}") from None
    if weekday is not None and weekday != moment.weekday():
        raise DatelineError(f"the weekday does not match {moment.date().isoformat()} (a {moment:%A})")
    return Dateline(written=line.strip(), moment=moment, has_time=has_time, weekday_written=weekday)


def write_dateline(moment: datetime) -> str:
    """A dateline as the Egyptian press writes it, and as parse_dateline reads it back."""
    hour = moment.hour % 12 or 12
    return (
        f"{WEEKDAY_NAMES[moment.weekday()]}، {moment.day:02d} {MONTH_NAMES[moment.month - 1]} {moment.year} "
        f"{hour:02d}:{moment.minute:02d} {'ص' if moment.hour < 12 else 'م'}"
    )


def english_dateline(dateline: Dateline) -> str:
    """The dateline as an English reader expects it: «Friday, 1 June 2018, 1:10 p.m. (Cairo)»."""
    moment = dateline.moment
    text = f"{moment:%A}, {moment.day} {moment:%B %Y}"
    if dateline.has_time:
        hour = moment.hour % 12 or 12
        text += f", {hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'} (Cairo)"
    return text


def hijri_date(dateline: Dateline) -> tuple[str, str]:
    """The Umm al-Qura Hijri date of the dateline, in Arabic and in English («17 رمضان 1439 هـ»)."""
    day = Gregorian(dateline.moment.year, dateline.moment.month, dateline.moment.day).to_hijri()
    return (
        f"{day.day} {day.month_name('ar')} {day.year} {day.notation('ar')}",
        f"{day.day} {day.month_name()} {day.year} {day.notation()}",
    )


def search_folding() -> dict[str, str]:
    """The orthographic folding (no foreign-g folding) as a character map, for the search page's
    JavaScript to fold queries exactly as the pages were folded; "" means the character is dropped."""
    return {char: "" for char in sorted(_DROPPED)} | dict(sorted(_FOLDED.items()))


# --- figures and negations, for comparing a translation with its Arabic -------------------------

# Number words as the press writes them (masculine and feminine, nominative and oblique). «One»
# and «two» are also pronouns and duals (أحد القادة، عامين), so a translation may carry them
# without the word: a figure read from them is optional (see figures).
_UNITS = {
    1: "واحد واحدة أحد إحدى",
    2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي",
    3: "ثلاث ثلاثة",
    4: "أربع أربعة",
    5: "خمس خمسة",
    6: "ست ستة",
    7: "سبع سبعة",
    8: "ثمان ثماني ثمانية",
    9: "تسع تسعة",
    10: "عشر عشرة",
}
_TENS = {
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "أربعون أربعين",
    50: "خمسون خمسين",
    60: "ستون ستين",
    70: "سبعون سبعين",
    80: "ثمانون ثمانين",
    90: "تسعون تسعين",
    100: "مئة مائة",
    200: "مئتان مئتين مائتان مائتين",
    1000: "ألف",
    2000: "ألفان ألفين",
}
NUMBER_WORDS = {folded(word): value for value, words in (_UNITS | _TENS).items() for word in words.split()}
# A scale word after a figure multiplies it (10 آلاف is 10,000; 1.5 مليار is 1,500,000,000).
SCALE_WORDS = {
    folded(word): value
    for value, words in {1000: "ألف آلاف ألاف", 10**6: "مليون ملايين", 10**9: "مليار مليارات"}.items()
    for word in words.split()
}
# «في المئة» is «per cent», not a hundred.
PER_CENT = re.compile(folded(r"(?:في|بال)\s*(?:المئة|المائة)|٪"))
OPTIONAL_FIGURES = frozenset({1, 2})

# Hijri months, for dates written in the Hijri calendar («17 رمضان 1439 هـ»).
HIJRI_MONTHS = {
    folded(name): number
    for number, names in {
        1: ["محرم"],
        2: ["صفر"],
        3: ["ربيع الأول"],
        4: ["ربيع الثاني", "ربيع الآخر"],
        5: ["جمادى الأولى"],
        6: ["جمادى الآخرة", "جمادى الثانية"],
        7: ["رجب"],
        8: ["شعبان"],
        9: ["رمضان"],
        10: ["شوال"],
        11: ["ذو القعدة"],
        12: ["ذو الحجة"],
    }.items()
    for name in names
}

# Particles that negate what follows (لا، لم، لن، ليس …), and words that negate a noun or name
# an absence (غير، دون، عدم), which a translation often renders without a negation (non-, un-, lack).
# دون، بدون and بلا are «without».
NEGATIONS = frozenset(folded(word) for word in "لا لم لن ليس ليست ليسوا لسنا لست لستم ليسا دون بدون بلا".split())
NEGATING_NOUNS = frozenset(folded(word) for word in "غير عدم".split())

# --- spelling variants of names -----------------------------------------------------------------

LONG_VOWELS = frozenset("اوي")  # as folded
VOWEL_OPTIONAL_FROM = 5  # letters: in a shorter word, leaving out a long vowel too often makes another word


def spelling_variants(name: str, foreign: bool, foreign_g: bool = True) -> list[str]:
    """Folded spellings of a name that the press uses and no list of aliases keeps up with: a name
    of two words joined into one (بيونجيانج), and, in a foreign name, any one word with one
    of its inner long vowels left out (بسكوف for بيسكوف, ترمب for ترامب). Words with the article are
    Arabic words, never varied. With `foreign_g=False`, for search, the g keeps its letter, and
    each word is also spelt with its g as ج or غ (جونج، جونغ، غونغ) as the press does."""
    words = WORD.findall(folded(name, foreign_g))
    if any(is_definite(word) for word in words):
        return []
    found = ["".join(words)] if len(words) == 2 else []
    if foreign:
        for k, word in enumerate(words):
            if len(word) < VOWEL_OPTIONAL_FROM:
                continue
            for at in range(1, len(word) - 1):
                if word[at] in LONG_VOWELS and word[at - 1] not in LONG_VOWELS:
                    found.append(" ".join([*words[:k], word[:at] + word[at + 1 :], *words[k + 1 :]]))
    if foreign and not foreign_g:
        for k, word in enumerate(words):
            found += [" ".join([*words[:k], spelt, *words[k + 1 :]]) for spelt in _g_spellings(word)]
    return [variant for variant in dict.fromkeys(found) if variant != " ".join(words)]


def _g_spellings(word: str) -> list[str]:
    """A word with each of its g written ج or غ, as the Egyptian and the Levantine press write it
    (جونج، جونغ، غونغ); a word of more than two is left as it is."""
    places = [at for at, letter in enumerate(word) if letter in "جغ"]
    if not places or len(places) > 2:
        return []
    spellings = [""]
    for at, letter in enumerate(word):
        spellings = [done + choice for done in spellings for choice in ("جغ" if at in places else letter)]
    return spellings


# --- words as spelled (without the foreign-g folding) -------------------------------------------

# Folding the foreign g makes كان (was) of جان (Jean) and the prefix ك of a leading ج: where a word
# may be a foreign name, whether it is a particle is read from its letters as written.
_SPELLED_PREFIXES = _prefixes(foreign_g=False)
NEVER_IN_NAMES_SPELLED = frozenset(folded(word, foreign_g=False) for word in _NEVER_IN_NAMES_WORDS) | frozenset(
    folded(name, foreign_g=False) for name in WEEKDAY_NAMES
)


def never_in_names(spelled: str) -> bool:
    """Whether a word (folded without the foreign g) is, behind any prefix, a word never found in names."""
    readings = [spelled] + [spelled[len(prefix) :] for prefix, _ in _SPELLED_PREFIXES if spelled.startswith(prefix)]
    return any(reading in NEVER_IN_NAMES_SPELLED for reading in readings if len(reading) >= 2)


# --- how a name sounds, in either script --------------------------------------------------------

# Consonants by what they sound like to the press that transliterates them: the vowels, which
# Arabic mostly leaves unwritten, are left out; g, j, k and q are one sound (ج غ ك ق all write g).
_ARABIC_SOUNDS = dict.fromkeys("بپ", "b") | dict.fromkeys("تطث", "t") | dict.fromkeys("جغكقگچڭڨک", "k")
_ARABIC_SOUNDS |= dict.fromkeys("حخهة", "h") | dict.fromkeys("دضذ", "d") | dict.fromkeys("زظسص", "s")
_ARABIC_SOUNDS |= {"ر": "r", "ش": "$", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n", " ": " "}
_LATIN_DIGRAPHS = re.compile(r"sch|sh|ch|tch|zh|kh|gh|ph|th|ts|tz|ck|qu|c(?=[eiy])|x")
_LATIN_DIGRAPH_SOUNDS = {"sch": "$", "sh": "$", "ch": "$", "tch": "$", "zh": "k", "kh": "h", "gh": "k"}
_LATIN_DIGRAPH_SOUNDS |= {"ph": "f", "th": "t", "ts": "s", "tz": "s", "ck": "k", "qu": "k", "c": "s", "x": "ks"}
_LATIN_SOUNDS = dict.fromkeys("bp", "b") | dict.fromkeys("fv", "f") | dict.fromkeys("cgjkq", "k")
_LATIN_SOUNDS |= dict.fromkeys("sz", "s") | {c: c for c in "dhlmnrt "} | {"-": " "}


def sounds(name: str) -> str:
    """A name's consonants as sound classes, the same for «تشون ينغ» and «Chun Ying» or «لودريان» and
    «Le Drian», so that an English name can be found in its Arabic by how alike they sound."""
    if mostly_arabic(name):
        text = folded(name, foreign_g=False).replace("تش", "ش")
        classes = [_ARABIC_SOUNDS.get(char, "") for char in text]
    else:
        text = _LATIN_DIGRAPHS.sub(lambda m: "\0" + _LATIN_DIGRAPH_SOUNDS[m.group()] + "\0", name.lower())
        classes = [
            part if i % 2 else "".join(_LATIN_SOUNDS.get(c, "") for c in part)
            for i, part in enumerate(text.split("\0"))
        ]
    # A doubled consonant (shadda, «ss») sounds as one; two words' meeting consonants stay two.
    return "".join(re.sub(r"(.)\1+", r"\1", word) for word in "".join(classes).split(" "))
