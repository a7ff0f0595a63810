"""The gazetteer of actors and the finding of their mentions, in the Arabic and in the English.

Arabic names are compared after `arabic.fold`, word by word, so a mention is found however the
outlet spells it and whatever prefix is attached, but never inside a longer word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress, count, repeat
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import yaml

from .arabic import ARTICLE, NEVER_IN_NAMES, PREFIXES, WORD, Folded, fold, folded, is_definite, stems
from .errors import MuwaziError
from .translate import TranslatedArticle

KINDS = ("person", "state", "organisation")
FORMS = ("names", "seats", "adjectives")  # how a text may name an actor
V = TypeVar("V")  # what a phrase stands for
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Names:
    """An actor's names in one language."""

    name: str
    description: str
    names: tuple[str, ...]
    seats: tuple[str, ...]
    adjectives: tuple[str, ...]

    def aliases(self) -> list[tuple[str, str]]:
        """(alias, form) for every way this language may name the actor."""
        return [(alias, form) for form in FORMS for alias in getattr(self, form)]


@dataclass(frozen=True)
class Actor:
    id: str
    kind: str
    ar: Names
    en: Names
    native: tuple[str, str] | None  # (language code, name in the person's own script)
    wikidata: str | None
    line: int


class Mention(NamedTuple):
    """Where a text names an actor (a tuple: an article has hundreds, the site hundreds of thousands)."""

    actor: str
    start: int
    end: int
    form: str  # "names", "seats" or "adjectives"


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its translations and the mentions in each segment, in both languages."""

    translated: TranslatedArticle
    arabic: tuple[tuple[Mention, ...], ...]
    english: tuple[tuple[Mention, ...], ...]
    titles: tuple[tuple["Title", ...], ...] = ()  # the titles the Arabic gives known people, per segment

    @property
    def actor_ids(self) -> list[str]:
        """The actors mentioned, in order of first mention."""
        seen: dict[str, None] = {}
        for mentions in (*self.arabic, *self.english):
            for mention in mentions:
                seen.setdefault(mention.actor)
        return list(seen)


# --- reading actors.yml ----------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that remembers the line where each mapping starts."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_gazetteer(path: Path) -> list[Actor]:
    """Read and check `actors.yml`; any problem is one error naming the file and line."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except FileNotFoundError:
        raise MuwaziError("no gazetteer: create it with one entry per actor (see README)", path) from None
    except UnicodeDecodeError:
        raise MuwaziError("the gazetteer is not UTF-8: re-save it as UTF-8", path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise MuwaziError(
            f"malformed YAML: {problem}; fix the syntax there (quotes, brackets, indentation)",
            path,
            mark.line + 1 if mark else None,
        ) from None
    if not isinstance(raw, list):
        raise MuwaziError("the gazetteer must be a list of actors (each starting with «- id: …»)", path, 1)
    actors: list[Actor] = []
    ids: dict[str, int] = {}
    claimed: dict[tuple[str, str], str] = {}
    for item in raw:
        actor = _actor(item, path)
        if actor.id in ids:
            raise MuwaziError(f"duplicate actor id {actor.id!r} (first at line {ids[actor.id]})", path, actor.line)
        ids[actor.id] = actor.line
        for language, key in (("ar", folded), ("en", str)):
            for alias, _form in getattr(actor, language).aliases():
                owner = claimed.setdefault((language, key(alias)), actor.id)
                if owner != actor.id:
                    raise MuwaziError(
                        f"alias {alias!r} is claimed by both {owner!r} and {actor.id!r}", path, actor.line
                    )
        actors.append(actor)
    return actors


def _actor(item: object, path: Path) -> Actor:
    if not isinstance(item, dict):
        raise MuwaziError("each actor must be a mapping with id, kind, ar and en", path)
    line = item["__line__"]

    def need(mapping: dict, key: str, label: str, kind: type = str):
        value = mapping.get(key)
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            raise MuwaziError(f"actor {item.get('id', '?')!r} needs {label}", path, mapping.get("__line__", line))
        return value

    actor_id = need(item, "id", "an id")
    if not _ID.match(actor_id):
        raise MuwaziError(f"actor id {actor_id!r} must be lower-case Latin letters, digits and hyphens", path, line)
    kind = need(item, "kind", "a kind")
    if kind not in KINDS:
        raise MuwaziError(f"actor {actor_id!r} has kind {kind!r}; use one of {', '.join(KINDS)}", path, line)
    languages = {}
    for language in ("ar", "en"):
        block = need(item, language, f"an «{language}» block with name and description", dict)
        lists = {}
        for form in FORMS:
            values = block.get(form, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                raise MuwaziError(
                    f"actor {actor_id!r}: {language}.{form} must be a list of names", path, block["__line__"]
                )
            lists[form] = tuple(values)
        name = need(block, "name", f"{language}.name")
        languages[language] = Names(
            name=name,
            description=need(block, "description", f"{language}.description").strip(),
            names=lists["names"] or (name,),
            seats=lists["seats"],
            adjectives=lists["adjectives"],
        )
    native = item.get("native")
    if native is not None:
        native = (need(native, "lang", "native.lang"), need(native, "name", "native.name"))
    return Actor(actor_id, kind, languages["ar"], languages["en"], native, item.get("wikidata"), line)


# --- finding mentions ------------------------------------------------------------------------


SHORT_NAME = 3  # a one-word alias this short must match its letters exactly (كيم is not غيم)


@dataclass
class _Words:
    """A text folded for matching, cut into words, with the way back to the text as written."""

    original: str
    view: Folded
    folded: list[str]  # the words, folded
    gaps: list[str]  # gaps[k]: what stands before word k (spaces, punctuation, quotes)
    offsets: list[int]  # word k is view.text[offsets[2k + 1]: offsets[2k + 2]]

    @classmethod
    def of(cls, text: str) -> "_Words":
        view = fold(text)
        # Gaps and words alternate: one split and one accumulate, both in C, cut and measure every
        # word without a Python step per word.
        parts = _WORDS_AND_GAPS.split(view.text)
        return cls(text, view, parts[1::2], parts[0::2], list(accumulate(map(len, parts), initial=0)))

    @cached_property
    def spelled(self) -> str:
        """Folded but with the foreign-g letters kept (same offsets as view.text): only short
        names need it, so it is made when one of them is met."""
        return fold(self.original, foreign_g=False).text

    def start(self, k: int) -> int:
        return self.offsets[2 * k + 1]

    def between(self, k: int) -> str:
        """What stands between word k-1 and word k (spaces, punctuation, quotes)."""
        return self.gaps[k]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Words i..j-1 as an [start, end) span of the original text."""
        return self.view.span_in_original(self.offsets[2 * i + 1], self.offsets[2 * j])


_WORDS_AND_GAPS = re.compile(f"({WORD.pattern})")


@dataclass(frozen=True)
class _Phrase(Generic[V]):
    words: tuple[str, ...]  # folded
    value: V  # what the phrase stands for
    exact: str | None  # for short one-word phrases: the spelling with the foreign-g letters kept


class _Phrases(Generic[V]):
    """Phrases of whole words, found after folding, with an attached prefix on the first word, longest first."""

    def __init__(self, phrases: Sequence[tuple[str, V]]):
        self._by_first_word: dict[str, list[_Phrase[V]]] = {}
        for phrase, value in phrases:
            words = tuple(WORD.findall(folded(phrase)))
            exact = folded(phrase, foreign_g=False) if len(words) == 1 and len(words[0]) <= SHORT_NAME else None
            self._by_first_word.setdefault(words[0], []).append(_Phrase(words, value, exact))
        self._starting: dict[str, tuple[_Phrase[V], ...]] = {}  # by the word as written in a text, filled as met

    def starting(self, word: str) -> tuple[_Phrase[V], ...]:
        """The phrases that may begin at this folded word, in the order they are tried: longest
        first, then the word read with fewer letters taken as prefix, then the longer spelling."""
        found = self._starting.get(word)
        if found is None:
            ranked = [
                ((-len(p.words), reading, -sum(map(len, p.words))), p)
                for reading, stem in enumerate(stems(word))
                for p in self._by_first_word.get(stem, ())
            ]
            found = self._starting[word] = tuple(p for _, p in sorted(ranked, key=lambda item: item[0]))
        return found

    def longest_at(self, words: _Words, i: int) -> tuple[int, V] | None:
        """(number of words, value) of the longest phrase starting at word i, if any."""
        folded = words.folded
        for phrase in self.starting(folded[i]):
            n = len(phrase.words)
            if i + n > len(folded) or any(folded[i + k] != phrase.words[k] for k in range(1, n)):
                continue
            if any(words.between(i + k).strip() for k in range(1, n)):
                continue  # words of a name are separated by spaces only, not by punctuation
            if phrase.exact and not words.spelled[words.start(i) : words.start(i) + len(folded[i])].endswith(
                phrase.exact
            ):
                continue
            return n, phrase.value
        return None

    def starts(self, word: str) -> bool:
        """Whether some phrase begins with this folded word, read with or without its prefixes."""
        return bool(self.starting(word))

    def scan(self, words: _Words) -> list[tuple[int, int, V]]:
        """(first word, word count, value) of every phrase in the text, left to right, never overlapping."""
        found: list[tuple[int, int, V]] = []
        after = 0  # the word after the last phrase found
        # Most words begin no phrase, and once met they are known to: only the others are tried,
        # picked out in C (a word not yet met maps to True, and is tried).
        for i in compress(count(), map(self._starting.get, words.folded, repeat(True))):
            if i >= after and (match := self.longest_at(words, i)):
                found.append((i, match[0], match[1]))
                after = i + match[0]
        return found


class ArabicFinder:
    """Finds gazetteer names in Arabic text: folded, prefix-tolerant, whole words, longest first."""

    def __init__(self, actors: list[Actor]):
        self.kinds = {actor.id: actor.kind for actor in actors}
        self._phrases = _Phrases([(alias, (actor.id, form)) for actor in actors for alias, form in actor.ar.aliases()])

    def scan(self, words: _Words) -> list[tuple[int, int, tuple[str, str]]]:
        """(first word, word count, (actor, form)) of every mention."""
        return self._phrases.scan(words)

    def find(self, text: str) -> tuple[Mention, ...]:
        words = _Words.of(text)
        return self.mentions(words, self.scan(words))

    @staticmethod
    def mentions(words: _Words, scanned: list[tuple[int, int, tuple[str, str]]]) -> tuple[Mention, ...]:
        return tuple(Mention(actor, *words.span(i, i + n), form) for i, n, (actor, form) in scanned)


# --- candidates: names after a title or cue word that the gazetteer does not know ---------------

# A title stands before a name (وزير الخارجية الروسي سيرجي لافروف). The first word may carry a
# prefix or the article, so رئيس also stands for الرئيس، للرئيس، والرئيس.
TITLE_CUES = (
    "رئيس",
    "رئيسة",
    "رئيس الوزراء",
    "رئيس وزراء",
    "رئيسة الوزراء",
    "رئيس الحكومة",
    "نائب الرئيس",
    "وزير",
    "وزيرة",
    "زعيم",
    "زعيمة",
    "المتحدث باسم",
    "المتحدثة باسم",
    "المتحدث الرسمي باسم",
    "سفير",
    "سفيرة",
    "مستشار",
    "مستشارة",
    "مبعوث",
    "مندوب",
    "الأمين العام",
    "ملك",
    "أمير",
    "مرشد",
    "مدير",
    "مديرة",
)
# Words that begin an organisation's own name (وكالة رويترز، صحيفة نيويورك تايمز).
NAME_CUES = ("وكالة", "صحيفة", "قناة", "حزب", "منظمة")
# Ministries named without the article, in a construct (وزير خارجية روسيا).
PORTFOLIOS = frozenset(
    folded(w) for w in ("خارجية", "داخلية", "دفاع", "طاقة", "مالية", "عدل", "خزانة", "إعلام", "تجارة")
)
NAME_WORDS = 3  # a name after a cue is at most this many words
TITLE_WORDS = 5  # how many words a title may run (الطاقة الأمريكي السابق …) before its name
OPENING_QUOTES = set('"«“')


@dataclass(frozen=True)
class Candidate:
    """Words after a cue that name no actor the gazetteer knows, for an editor to look at."""

    name: tuple[int, int]  # the span of the name as written
    context: tuple[int, int]  # from the cue to the end of the name


@dataclass(frozen=True)
class Title:
    """A title the text gives a known person right before the name (وزير الخارجية الروسي)."""

    actor: str
    start: int
    end: int


class CandidateFinder:
    """Finds what follows titles and cue words; whatever is not a known mention is a candidate.

    After a title, the words that qualify it are passed over — words with the article (الخارجية،
    السابق), ministries (خارجية), known states and adjectives (كوريا الشمالية، الأمريكي) — then up to
    NAME_WORDS words are the name, ending at punctuation, at a word never found in names (قال، في)
    or at a known mention. A known person there means the name is known: no candidate.
    """

    def __init__(self, known: ArabicFinder):
        self._known = known
        self._cues = _Phrases([(cue, "title") for cue in TITLE_CUES] + [(cue, "name") for cue in NAME_CUES])

    def find(self, text: str) -> list[Candidate]:
        words = _Words.of(text)
        return self.read(words, self._known.scan(words))[0]

    def read(
        self, words: _Words, scanned: list[tuple[int, int, tuple[str, str]]]
    ) -> tuple[list[Candidate], list[Title]]:
        """Candidates and titles in a text whose known mentions were already scanned."""
        cues = self._cues.scan(words)
        if not cues:
            return [], []
        known = {i: (n, actor) for i, n, (actor, _form) in scanned}
        covered = {k for i, (n, _) in known.items() for k in range(i, i + n)}
        found, titles = [], []
        for i, n, cue in cues:
            if i in covered:
                continue  # the cue is part of a known name (وكالة الأنباء الكورية)
            start, person = self._past_title(words, i + n, known) if cue == "title" else (i + n, None)
            if person is not None:
                titles.append(Title(person, self._without_particles(words, i), words.span(i, start)[1]))
                continue
            end = self._name_end(words, start, known)
            if end > start:
                name = words.span(start if cue == "title" or _opens_quote(words, start) else i, end)
                found.append(Candidate(name, (words.span(i, end)[0], name[1])))
        return found, titles

    def _without_particles(self, words: _Words, i: int) -> int:
        """Where the cue word i starts once an attached و، ف، ب، ل or ك is left out (بزعيم → زعيم)."""
        word = words.folded[i]
        for prefix, absorbed_article in PREFIXES:
            rest = word[len(prefix) :]
            if (
                word.startswith(prefix)
                and not absorbed_article
                and not prefix.endswith(ARTICLE)
                and self._cues.starts(rest)
            ):
                return words.view.origin[words.start(i) + len(prefix)]
        return words.span(i, i + 1)[0]

    def _past_title(self, words: _Words, j: int, known: dict) -> tuple[int, str | None]:
        """The first word after the title's qualifiers, and the known person standing there, if any."""
        for _ in range(TITLE_WORDS):
            if j >= len(words.folded) or words.between(j).strip():
                break
            if j in known:
                n, actor = known[j]
                if self._known.kinds[actor] == "person":
                    return j, actor
                j += n
            elif is_definite(words.folded[j]) or set(stems(words.folded[j])) & PORTFOLIOS:
                j += 1
            else:
                break
        return j, None

    def _name_end(self, words: _Words, start: int, known: dict) -> int:
        """Where the name that begins at word `start` ends: a quoted name runs to its closing quote."""
        if start >= len(words.folded):
            return start
        quoted = _opens_quote(words, start)
        if words.between(start).strip() and not quoted:
            return start
        end = start
        while end < len(words.folded) and end - start < NAME_WORDS + 2 * quoted:
            if end > start and words.between(end).strip():
                break
            word = words.folded[end]
            if end in known or set(stems(word)) & NEVER_IN_NAMES:
                break
            if end > start and is_definite(word) and not word.startswith(ARTICLE):
                break  # والزعيم، للأنباء: a prefixed word with the article starts a new phrase
            end += 1
        return end


def _opens_quote(words: _Words, k: int) -> bool:
    return k > 0 and bool(OPENING_QUOTES & set(words.between(k)))


class EnglishFinder:
    """Finds English names (and their possessives) as whole words, longest first."""

    def __init__(self, actors: list[Actor]):
        self._aliases = {alias: (actor.id, form) for actor in actors for alias, form in actor.en.aliases()}
        ordered = sorted(self._aliases, key=len, reverse=True)
        # Whole words; a hyphen joins two mentions (Russian-American, US-led) rather than hiding one.
        # The lookahead for a name's first letter comes first: it lets the engine skip to the places
        # a name could start, where the lookbehind alone would be tried at every position.
        first_letters = "".join(sorted({re.escape(alias[0]) for alias in ordered}))
        self._pattern = (
            re.compile(
                f"(?=[{first_letters}])" + r"(?<!\w)(" + "|".join(map(re.escape, ordered)) + r")(?:['’]s)?(?!\w)"
            )
            if ordered
            else None
        )

    def find(self, text: str) -> tuple[Mention, ...]:
        if self._pattern is None or not text:
            return ()
        found = []
        for match in self._pattern.finditer(text):
            actor, form = self._aliases[match.group(1)]
            found.append(Mention(actor, match.start(), match.end(), form))
        return tuple(found)


def annotate(
    translated: TranslatedArticle, arabic: ArabicFinder, english: EnglishFinder, cues: CandidateFinder | None = None
) -> AnnotatedArticle:
    """Mentions in both languages and the titles given to known people; each Arabic segment is
    folded and scanned for names once, for both."""
    cues = cues or CandidateFinder(arabic)
    found, titles = [], []
    for segment, _ in translated.pairs():
        words = _Words.of(segment.text)
        scanned = arabic.scan(words)
        found.append(arabic.mentions(words, scanned))
        titles.append(tuple(cues.read(words, scanned)[1]))
    return AnnotatedArticle(
        translated,
        tuple(found),
        tuple(english.find(translation.english or "") for translation in translated.translations),
        tuple(titles),
    )
