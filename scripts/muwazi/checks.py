"""Check each English translation against its Arabic segment, for what machines get wrong.

The general checks of a translation platform come from translate-toolkit (the checker behind
pofilter and Pontoon), given the Arabic with its digits and punctuation in Latin form; the rest
need what only Muwazi knows: the actors in both languages, Arabic number words, quotation habits
of the Arabic press, its negations, and how long an English rendering of a paragraph runs.
A translator comment `# muwazi: accept <check> …` in the PO entry silences those checks there.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker

from .actors import Actor, AnnotatedArticle, Doubt, Mention
from .align import DEFAULT_MODEL, Alignment, LengthModel
from .arabic import (
    ARTICLE,
    HIJRI_MONTHS,
    MONTHS,
    NEGATING_NOUNS,
    NEGATIONS,
    NUMBER_WORDS,
    OPTIONAL_FIGURES,
    PER_CENT,
    PREFIXES,
    SCALE_WORDS,
    ascii_digits,
    folded,
    mostly_arabic,
    stems,
)
from .source import Segment
from .translate import MACHINE, PENDING, REVIEWED, Translation


def _words_pattern(words: Iterable[str], prefixes: str) -> re.Pattern[str]:
    """Any of these (folded) words as a whole word, with one of these letters attached before it."""
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)[{prefixes}]?(?:{alternatives})(?!\w)")


ERROR, WARNING = "error", "warning"
ACCEPT = "accept"  # the directive word: `# muwazi: accept names figures`


@dataclass(frozen=True)
class Finding:
    """One failed check, where an editor finds it: the article file and the segment's line."""

    path: Path
    line: int
    check: str
    message: str
    severity: str = ERROR


class Label(NamedTuple):
    """How a page names a failed check, in both languages."""

    en: str
    ar: str


# Our own checks, then those of translate-toolkit (by its own names, as pofilter lists them).
LABELS = {
    "names": Label("a name differs", "اسم مختلف"),
    "figures": Label("a number differs", "رقم مختلف"),
    "arabic-script": Label("Arabic left in the English", "عربية متروكة في الترجمة"),
    "quotations": Label("a quotation is not marked", "اقتباس غير مُعلَّم"),
    "negation": Label("a negation differs", "نفي مختلف"),
    "dropped-clause": Label("part may be missing", "قد يكون جزء ناقصًا"),
    "untranslated": Label("not translated", "لم تُترجم"),
    "unchanged": Label("the Arabic copied unchanged", "النص العربي منسوخ كما هو"),
    "blank": Label("blank", "فارغة"),
    "brackets": Label("brackets differ", "أقواس مختلفة"),
    "endpunc": Label("end punctuation differs", "علامة الختام مختلفة"),
    "urls": Label("a web address differs", "رابط مختلف"),
    "emails": Label("an e-mail address differs", "بريد إلكتروني مختلف"),
    "doublewords": Label("a word is repeated", "كلمة مكررة"),
    "long": Label("far longer than the Arabic", "أطول كثيرًا من العربية"),
    "short": Label("far shorter than the Arabic", "أقصر كثيرًا من العربية"),
}
CHECKS = tuple(LABELS)

# translate-toolkit's checks that fit Arabic → English, each with a quick test of whether it could
# fail at all (most segments pass them all, so the toolkit is called only when it has a case). Left out: its capital-letter checks
# (startcaps, simplecaps, acronyms: Arabic has no capitals), sentencecount and puncspacing (a
# translator splits and joins the press's long sentences), singlequoting (apostrophes), numbers
# (replaced by `figures`, which also reads number words and dates), unchanged (it takes a text
# without capitals for one with nothing to translate: `unchanged` here is our own) and doublequoting (a name the
# Arabic quotes, وكالة "سبوتنيك", is not quoted in English: `quotations` asks only for quotations).
_LATIN_PUNCTUATION = str.maketrans({"؟": "?", "،": ",", "؛": ";", "«": '"', "»": '"', "“": '"', "”": '"'})
_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_LATIN_SOURCE = str.maketrans({digit: ascii_digits(digit) for digit in _DIGITS}) | _LATIN_PUNCTUATION
_CLOSING = "\"'»”’)] "


def _repeats_a_word(_source: str, target: str) -> bool:
    words = target.replace(".", "").lower().split()  # as the toolkit reads them
    return any(a == b for a, b in zip(words, words[1:], strict=False))  # each word with the next


def _ends_differently(source: str, target: str) -> bool:
    ends = [text.rstrip(_CLOSING)[-1:].translate(_LATIN_PUNCTUATION) for text in (source, target)]
    return ends[0] != ends[1]


def _found_in_either(pattern: str) -> Callable[[str, str], bool]:
    compiled = re.compile(pattern, re.I)
    return lambda source, target: bool(compiled.search(source) or compiled.search(target))


_TOOLKIT: dict[str, Callable[[str, str], bool] | None] = {
    "untranslated": None,
    "blank": None,
    "brackets": _found_in_either(r"[][(){}]"),
    "endpunc": _ends_differently,
    "urls": _found_in_either(r"://|www\."),
    "emails": _found_in_either(r"@"),
    "doublewords": _repeats_a_word,
    "long": None,
    "short": None,
}
_FIRST = ("untranslated", "blank")  # when one of these fails, the others have nothing to check


class Checker:
    """All checks, made once per run from the gazetteer."""

    def __init__(self, actors: Sequence[Actor], length: LengthModel = DEFAULT_MODEL):
        self.actors = {actor.id: actor for actor in actors}
        self.length = length
        self.toolkit = StandardChecker(checkerconfig=CheckerConfig(targetlanguage="en"), limitfilters=list(_TOOLKIT))

    def article(
        self, annotated: AnnotatedArticle, statuses: Collection[str] = (REVIEWED, MACHINE)
    ) -> tuple[tuple[Finding, ...], ...]:
        """The findings of each segment whose translation has one of these statuses, in order
        (none for the others, nor for a pending one), accepted ones left out."""
        translated = annotated.translated
        alignments = annotated.alignments or (None,) * len(annotated.arabic)
        doubts = annotated.doubts or ((),) * len(annotated.arabic)
        return tuple(
            tuple(
                self.segment(
                    translated.article.path,
                    segment,
                    translation,
                    named(arabic, doubted, "ar"),
                    named(english, doubted, "en"),
                    alignment,
                )
            )
            if translation.status in statuses
            else ()
            for (segment, translation), arabic, english, alignment, doubted in zip(
                translated.pairs(), annotated.arabic, annotated.english, alignments, doubts, strict=True
            )
        )

    def segment(
        self,
        path: Path,
        segment: Segment,
        translation: Translation,
        arabic: Collection[str],
        english: Collection[str],
        alignment: Alignment | None = None,
    ) -> list[Finding]:
        if translation.status == PENDING or translation.english is None:
            return []
        accepted = accepted_checks(translation.directives)
        found = []
        for check, message, severity in self.failures(segment, translation.english, arabic, english, alignment):
            if check not in accepted:
                found.append(Finding(path, segment.line, check, message, severity))
        return found

    def failures(
        self,
        segment: Segment,
        english: str,
        arabic_actors: Collection[str],
        english_actors: Collection[str],
        alignment: Alignment | None = None,
    ) -> Iterable[tuple[str, str, str]]:
        """(check, message, severity) for each check the translation fails; the actors are those
        each language's finder sees in the segment, linked or not."""
        arabic = segment.text
        failed_toolkit = list(self.toolkit_failures(arabic, english))
        yield from failed_toolkit
        if any(check in _FIRST for check, _, _ in failed_toolkit):
            return  # nothing of the Arabic is rendered: the rest would only repeat it
        if _ARABIC_LETTER.search(english) and mostly_arabic(english):
            yield "unchanged", "the English is mostly Arabic: the Arabic copied back, or left untranslated", ERROR
            return
        yield from self.names(arabic_actors, english_actors)
        if message := figures_differ(arabic, english):
            yield "figures", message, ERROR
        if message := arabic_left(english):
            yield "arabic-script", message, ERROR
        if message := quotation_lost(arabic, english):
            yield "quotations", message, ERROR
        if message := negations_differ(arabic, english):
            yield "negation", message, WARNING
        if segment.kind == "paragraph" and (message := dropped_clause(self.length, arabic, english, alignment)):
            yield "dropped-clause", message, WARNING

    def toolkit_failures(self, arabic: str, english: str) -> Iterable[tuple[str, str, str]]:
        self.toolkit.results_cache = {}
        source = target = None
        for name, could_fail in _TOOLKIT.items():
            if could_fail is not None and not could_fail(arabic, english):
                continue
            if source is None or target is None:
                source, target = arabic.translate(_LATIN_SOURCE), english.translate(_LATIN_PUNCTUATION)
            ends = name == "endpunc"  # a closing quote or bracket may fall either side of the full stop
            try:
                passed = getattr(self.toolkit, name)(
                    source.rstrip(_CLOSING) if ends else source, target.rstrip(_CLOSING) if ends else target
                )
            except FilterFailure as failure:
                passed, said = False, str(failure)
            else:
                said = LABELS[name].en
            if name == "brackets" and not said.startswith("Missing"):
                continue  # a translator may add brackets for clarity; a bracket lost loses content
            if not passed:
                yield name, said[:1].lower() + said[1:], ERROR
                if name in _FIRST:
                    return

    def names(self, arabic: Collection[str], english: Collection[str]) -> Iterable[tuple[str, str, str]]:
        for actor_id in sorted(set(arabic) - set(english)):
            yield "names", f"{self._named(actor_id)} is named in the Arabic, not in the English", ERROR
        for actor_id in sorted(set(english) - set(arabic)):
            yield "names", f"{self._named(actor_id)} is named in the English, not in the Arabic", ERROR

    def _named(self, actor_id: str) -> str:
        actor = self.actors[actor_id]
        return f"{actor.en.name} ({actor.ar.name})"


def named(linked: Iterable[Mention], doubts: Iterable[Doubt], language: str) -> set[str]:
    """The actors a language's finder sees in a segment: those linked, and those left unlinked
    because the other language does not name them (a short form held back names nobody known)."""
    return {m.actor for m in linked} | {d.actor for d in doubts if d.language == language and d.reason == "unpartnered"}


def accepted_checks(directives: Iterable[tuple[str, str]]) -> set[str]:
    """The checks an editor accepted for this entry: `# muwazi: accept names, figures`."""
    return {word for key, rest in directives if key == ACCEPT for word in re.split(r"[\s,]+", rest) if word}


# --- figures ------------------------------------------------------------------------------------

_ARABIC_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+")
_ENGLISH_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[A-Za-z]+(?:'[A-Za-z]+)?")
_TEEN = frozenset(folded(word) for word in ("عشر", "عشرة"))
_ENGLISH_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
} | {word: 10 * k for k, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_ENGLISH_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "bn": 10**9}
_ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(), start=1
    )
}
_ENGLISH_HIJRI = re.compile(
    r"\b(?P<m1>muharram)|(?P<m2>safar)|(?P<m3>rabi\W*(?:a?l\W*)?awwal|rabi\W*i\b)|(?P<m4>rabi\W*(?:a?[lt]\W*)?(?:thani|akhir)|rabi\W*ii)"
    r"|(?P<m5>jumad[ae]\W*(?:a?l\W*)?(?:ula|awwal))|(?P<m6>jumad[ae]\W*(?:a?l\W*)?(?:akhir|thani)\w*)|(?P<m7>rajab)"
    r"|(?P<m8>sha\W*ban)|(?P<m9>ramad[h]?an)|(?P<m10>shawwal)|(?P<m11>dhu\W*(?:a?l\W*)?qa\W*dah?)"
    r"|(?P<m12>dhu\W*(?:a?l\W*)?hijj?ah?)\b",
    re.I,
)


class Figure(NamedTuple):
    value: str
    optional: bool  # read from a word a translation may leave implicit (one, two, a dual)


def _number(written: str) -> float:
    """A written number's value: 10,000 and 10٬000 are ten thousand; 1.5 and 1٫5 one and a half."""
    written = written.replace("٬", ",").replace("٫", ".")
    groups = re.split(r"[,.]", written)
    if len(groups) > 1 and all(len(group) == 3 for group in groups[1:]) and (written.count(".") != 1):
        return float("".join(groups))
    return float(written.replace(",", "."))


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _month_near(tokens: Sequence[str], i: int, numbers: Sequence[bool]) -> bool:
    """Whether the month name at i is part of a date: after a day (12 يونيو) or before a number (يونيو 2018)."""
    after_day = i > 0 and numbers[i - 1] and tokens[i - 1].isdigit() and int(tokens[i - 1]) <= 31
    return after_day or (i + 1 < len(tokens) and numbers[i + 1])


def _with_prefixes(words: Iterable[str]) -> frozenset[str]:
    """The folded words with every attached prefix arabic.stems takes off (وثلاثة، بالمليون، للألف)."""
    found = set(words)
    for word in words:
        for prefix, absorbed_article in PREFIXES:
            if not absorbed_article:
                found.add(prefix + word)
            elif word.startswith(ARTICLE):
                found.add(prefix + word[len(ARTICLE) :])
    return frozenset(found)


# Every word that may begin a figure, so that the others are passed over at the cost of a look-up.
_FIGURE_WORDS = _with_prefixes({*NUMBER_WORDS, *SCALE_WORDS, *(month.split()[0] for month in (*MONTHS, *HIJRI_MONTHS))})


def arabic_figures(text: str) -> list[Figure]:
    """Numbers (digits and number words, with their scale) and the months of dates in an Arabic text."""
    tokens = _ARABIC_TOKEN.findall(PER_CENT.sub(" % ", folded(text, foreign_g=False)))
    numbers = [token[0].isdigit() for token in tokens]
    found, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if not numbers[i] and token not in _FIGURE_WORDS:
            i += 1
            continue
        nxt = stems(tokens[i + 1]) if i + 1 < len(tokens) else ()
        if token[0].isdigit():
            value, i = _number(token), i + 1
            if scale := next((SCALE_WORDS[s] for s in nxt if s in SCALE_WORDS), None):
                value, i = value * scale, i + 1
            found.append(Figure(_shown(value), False))
            continue
        scale = next((SCALE_WORDS[s] for s in stems(token) if s in SCALE_WORDS), None)
        if scale is not None and scale > 1000:  # مليون alone: «a million», which may be written 1 million
            found.append(Figure(_shown(scale), True))
            i += 1
            continue
        word = next((NUMBER_WORDS[s] for s in stems(token) if s in NUMBER_WORDS), None)
        if word is not None:
            i += 1
            if word < 10 and set(nxt) & _TEEN:  # ثلاثة عشر, أحد عشر
                word, i = word + 10, i + 1
            elif word < 10 and nxt and nxt[0].startswith("و") and nxt[0][1:] in NUMBER_WORDS:  # خمسة وعشرون
                word, i = word + NUMBER_WORDS[nxt[0][1:]], i + 1
            found.append(Figure(_shown(word), word in OPTIONAL_FIGURES))
            continue
        pair = f"{token} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        for name, months, width in (
            (pair, HIJRI_MONTHS, 2),
            (pair, MONTHS, 2),
            (token, HIJRI_MONTHS, 1),
            (token, MONTHS, 1),
        ):
            if name in months and (_month_near(tokens, i, numbers) or _month_near(tokens, i + width - 1, numbers)):
                calendar = "Hijri month" if months is HIJRI_MONTHS else "month"
                found.append(Figure(f"{calendar} {months[name]}", False))
                i += width - 1
                break
        i += 1
    return found


_ENGLISH_FIGURE_WORDS = frozenset({*_ENGLISH_NUMBERS, *_ENGLISH_SCALES, *_ENGLISH_MONTHS})
_HIJRI_HINTS = ("Muharram", "Safar", "Rabi", "Jumad", "Rajab", "Sha", "Ramad", "Shawwal", "Dhu")


def english_figures(text: str) -> list[Figure]:
    """Numbers (digits, number words, scales) and the months of dates in an English text; ordinals
    (21st, second) are left out, as the Arabic ones are."""
    hijri = [] if not any(hint in text for hint in _HIJRI_HINTS) else list(_ENGLISH_HIJRI.finditer(text))
    tokens = _ENGLISH_TOKEN.findall(text)
    lower = [token.lower() for token in tokens]
    numbers = [token[0].isdigit() for token in tokens]
    found, i = [], 0
    while i < len(tokens):
        token, word = tokens[i], lower[i]
        if not numbers[i] and word not in _ENGLISH_FIGURE_WORDS:
            i += 1
            continue
        nxt = lower[i + 1] if i + 1 < len(tokens) else ""
        if token[0].isdigit():
            i += 1
            if token[-1].isalpha():
                continue  # an ordinal
            value = _number(token)
            if nxt in _ENGLISH_SCALES:
                value, i = value * _ENGLISH_SCALES[nxt], i + 1
            found.append(Figure(_shown(value), False))
            continue
        if word in _ENGLISH_SCALES and word != "hundred":  # a million
            found.append(Figure(_shown(_ENGLISH_SCALES[word]), True))
            i += 1
            continue
        if word in _ENGLISH_NUMBERS:
            value, i = _ENGLISH_NUMBERS[word], i + 1
            optional = value in OPTIONAL_FIGURES
            if value >= 20 and nxt in _ENGLISH_NUMBERS and 0 < _ENGLISH_NUMBERS[nxt] < 10:  # twenty-five
                value, i = value + _ENGLISH_NUMBERS[nxt], i + 1
            if (i < len(tokens)) and lower[i] in _ENGLISH_SCALES:
                value, i = value * _ENGLISH_SCALES[lower[i]], i + 1
            found.append(Figure(_shown(value), optional))
            continue
        if word in _ENGLISH_MONTHS and _month_near(tokens, i, numbers):
            found.append(Figure(f"month {_ENGLISH_MONTHS[word]}", False))
        i += 1
    for match in hijri:
        month = next(int(name[1:]) for name, value in match.groupdict().items() if value)
        found.append(Figure(f"Hijri month {month}", False))
    return found


def figures_differ(arabic: str, english: str) -> str | None:
    """What figure one text has that the other lacks, or None; optional figures (one, two) count
    for the side that has them but are not required of the other."""
    ar, en = arabic_figures(arabic), english_figures(english)
    required_ar = Counter(f.value for f in ar if not f.optional)
    required_en = Counter(f.value for f in en if not f.optional)
    all_ar, all_en = Counter(f.value for f in ar), Counter(f.value for f in en)
    missing = [value for value, n in required_ar.items() if n > all_en[value]]
    added = [value for value, n in required_en.items() if n > all_ar[value]]
    said = []
    if missing:
        said.append(f"{', '.join(_named_figure(v) for v in missing)} in the Arabic, not in the English")
    if added:
        said.append(f"{', '.join(_named_figure(v) for v in added)} in the English, not in the Arabic")
    return "; ".join(said) or None


_MONTH_NAMES_EN = "January February March April May June July August September October November December".split()


def _named_figure(value: str) -> str:
    if value.startswith("month "):
        return _MONTH_NAMES_EN[int(value.split()[1]) - 1]
    return value


# --- Arabic script, quotations, negation -----------------------------------------------------------

_ARABIC_SCRIPT = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+(?:\s+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*"
)


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def arabic_left(english: str) -> str | None:
    runs = _ARABIC_SCRIPT.findall(english)
    if not runs:
        return None
    shown = ", ".join(f"«{run[:40]}»" for run in runs[:3])
    return f"Arabic script left in the English: {shown}"


QUOTATION_WORDS = 4  # a quoted span this long is a quotation; shorter ones are names and terms
_ARABIC_QUOTED = re.compile(r"«([^«»]*)»|“([^“”]*)”|\"([^\"]*)\"")
_ENGLISH_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]{12,}’")
_UNCLOSED_AFTER_COLON = re.compile(r":\s*[«“\"]")


def _quotations(text: str) -> list[str]:
    spans = [next(g for g in match.groups() if g is not None) for match in _ARABIC_QUOTED.finditer(text)]
    return [span for span in spans if len(span.split()) >= QUOTATION_WORDS]


def quotation_lost(arabic: str, english: str) -> str | None:
    """A quotation in the Arabic with no quoted span in the English to stand for it."""
    quoted = _quotations(arabic)
    if (
        not quoted
        and (match := _UNCLOSED_AFTER_COLON.search(arabic))
        and text_quote_unclosed(arabic[match.end() - 1 :])
    ):
        quoted = [arabic[match.end() :]]
    english_quotes = len(_ENGLISH_QUOTED.findall(english)) + text_quote_unclosed(english)
    if len(quoted) <= english_quotes:
        return None
    lost = quoted[english_quotes]
    shown = " ".join(lost.split()[:6]) + ("…" if len(lost.split()) > 6 else "")
    return f"the Arabic quotes «{shown}» ({len(quoted)} quotation{'s' * (len(quoted) > 1)}), the English marks {english_quotes}"


def text_quote_unclosed(text: str) -> bool:
    """A quotation running to the end of the paragraph: an opening mark no closing one follows."""
    return text.count('"') % 2 == 1 or text.count("«") > text.count("»") or text.count("“") > text.count("”")


# لا يزال (still), لا سيما (especially), لا بد (must) and the like negate nothing.
_NOT_NEGATING_AFTER = frozenset(folded(word) for word in "يزال تزال زال يزالون نزال أزال يزل تزل سيما بد".split())
_ENGLISH_NEGATIONS = frozenset("not no never nor none nobody nothing nowhere cannot without".split())
_ENGLISH_NEGATING = frozenset("neither lack lacks lacked lacking unable absence absent deny denied denies".split())
_ENGLISH_NEGATING_PREFIXES = ("non-", "fail", "refus")
_ENGLISH_NEGATING_PHRASES = re.compile(r"\b(?:rather than|instead of)\b")
# un- words that negate (unprecedented, unable, unclear …), not those that only begin so (under, united)
_NOT_UN = ("under", "until", "unit", "union", "univers", "uniform", "unique")
_UN_ENDINGS = ("ed", "able", "ible", "ful", "ly", "al", "ing", "ive", "ent")
_IN_WORDS = ("impossible", "inappropriate", "ineffective", "ineligible", "illegal", "irresponsible", "irregular")
_ENGLISH_WORD = re.compile(r"[a-z]+(?:[-'’][a-z]+)*")


def english_negations(text: str) -> tuple[int, int]:
    """(words that negate, words that may render a negation: un-, non-, lack, fail …) in English."""
    strong = weak = 0
    lower = text.lower()
    for word in _ENGLISH_WORD.findall(lower):
        if word in _ENGLISH_NEGATIONS or word.endswith(("n't", "n’t")):
            strong += 1
        elif (
            word in _ENGLISH_NEGATING
            or word.startswith(_ENGLISH_NEGATING_PREFIXES)
            or word.startswith(_IN_WORDS)
            or (word.startswith("un") and len(word) > 5 and word.endswith(_UN_ENDINGS) and not word.startswith(_NOT_UN))
        ):
            weak += 1
    return strong, weak + len(_ENGLISH_NEGATING_PHRASES.findall(lower))


_NEGATION = re.compile(
    rf"(?<!\w)[وف]?(?:{'|'.join(sorted(NEGATIONS, key=len, reverse=True))})(?!\w)"
    rf"(?!\s+(?:{'|'.join(sorted(_NOT_NEGATING_AFTER, key=len, reverse=True))})(?!\w))"
)
_NEGATING_NOUN = _words_pattern(NEGATING_NOUNS, "وفبل")


def arabic_negations(text: str) -> tuple[int, int]:
    """(particles that negate what follows, words that negate a noun) in a folded Arabic text."""
    return len(_NEGATION.findall(text)), len(_NEGATING_NOUN.findall(text))


def negations_differ(arabic: str, english: str) -> str | None:
    """Negations one text has beyond all the other has (a warning: a translator may turn one round)."""
    ar_strong, ar_weak = arabic_negations(folded(arabic, foreign_g=False))
    en_strong, en_weak = english_negations(english)
    if ar_strong > en_strong + en_weak:
        return f"the Arabic has {ar_strong} negation{'s' * (ar_strong > 1)} (لا، لم، لن، ليس …), the English {en_strong + en_weak}"
    if en_strong > ar_strong + ar_weak:
        return f"the English has {en_strong} negation{'s' * (en_strong > 1)} (not, no, never …), the Arabic {ar_strong + ar_weak}"
    return None


# --- length ---------------------------------------------------------------------------------

SHORT_BY = (
    5.0  # standard deviations of the fitted length model (align.LengthModel); tuned on benchmarks/checks/cases.yml
)


def too_short(model: LengthModel, arabic: str, english: str) -> str | None:
    """Whether the English of this Arabic is so much shorter than the site's fitted length model
    predicts that a clause has probably been left out."""
    a, e = len(arabic.strip()), len(english.strip())
    if a == 0:
        return None
    expected = a * model.ratio
    if (e - expected) / math.sqrt(a * model.variance) >= -SHORT_BY:
        return None
    return f"the English is {e} characters where about {expected:.0f} are expected for {a} Arabic ones"


def dropped_clause(model: LengthModel, arabic: str, english: str, alignment: Alignment | None) -> str | None:
    """The whole paragraph far too short, or (when the aligner cut it into units) one unit's English
    far too short for its Arabic clauses: a clause with no English counterpart."""
    if said := too_short(model, arabic, english):
        return f"{said}: a clause may have been left out"
    for unit in alignment.units if alignment and len(alignment.units) > 1 else ():
        clause, rendered = arabic[slice(*unit.arabic)], english[slice(*unit.english)]
        if said := too_short(model, clause, rendered):
            shown = " ".join(clause.split()[:6])
            return f"«{shown}…» has little English: {said}"
    return None


def failed_checks(findings: Iterable[Finding]) -> tuple[Label, ...]:
    """The labels of the checks a segment failed, each once, in the order of LABELS."""
    failed = {finding.check for finding in findings}
    return tuple(LABELS[check] for check in CHECKS if check in failed)
