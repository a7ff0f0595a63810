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
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

import yaml

from .arabic import ARTICLE, NEVER_IN_NAMES, PREFIXES, WORD, Folded, fold, folded, is_definite, stems
from .errors import MuwaziError
from .translate import TranslatedArticle

if TYPE_CHECKING:  # align.py builds on this module
    from .align import Alignment

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
    alignments: tuple["Alignment", ...] = ()  # the units of each segment (align.py), per segment

    @property
    def actor_ids(self) -> list[str]:
        """The actors mentioned, in order of first mention."""
        seen: dict[str, None] = {}
        for mentions in (*self.arabic, *self.english):
            for mention in mentions:
                seen.setdefault(mention.actor)
        return list(seen)


# --- reading actors.yml ----------------------------------------------------------------------

# Nodes nest: the list of actors, an actor, its «ar» block, its list of names, a name; one to spare.
MAX_DEPTH = 6
# Aliases that would link ordinary words all over a text, compared in lower case or folded.
STOP_WORDS_EN = frozenset("a an and are as at be by for from in is it of on or the to with".split())
STOP_WORDS_AR = frozenset(
    folded(word)
    for word in "في من على إلى عن أن ان إن و أو ما لا لم لن مع هو هي هذا هذه ذلك التي الذي كان قد ثم بين بعد قبل".split()
)
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # a BCP 47 tag, as the page's lang= takes it
_STR = "tag:yaml.org,2002:str"


class _Refused(yaml.YAMLError):
    """What the reader refuses while it composes the document, before any value is built."""

    def __init__(self, problem: str, mark: yaml.Mark):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _Composer(yaml.SafeLoader):
    """Safe YAML composed into nodes (each knows its line), refusing anchors and aliases (a few
    lines of aliases can stand for gigabytes) and nesting deeper than the gazetteer needs."""

    def __init__(self, text: str):
        super().__init__(text)
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(f"a YAML alias (*{event.anchor}) is not allowed: write the value out", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused(f"a YAML anchor (&{event.anchor}) is not allowed: remove it", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused("nested deeper than an actor's entry ever is: check the indentation", event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_gazetteer(path: Path) -> list[Actor]:
    """Read and check `actors.yml`; any problem is one error naming the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MuwaziError("no gazetteer: create it with one entry per actor (see README)", path) from None
    except UnicodeDecodeError as error:
        raise MuwaziError("the gazetteer is not UTF-8: re-save it as UTF-8", path, _line_at(error)) from None
    composer = None
    try:
        composer = _Composer(text)  # which checks every character first
        root = composer.get_single_node()
    except yaml.reader.ReaderError as error:
        raise MuwaziError(
            f"character U+{error.character:04X} is not allowed in YAML: delete it",
            path,
            text.count("\n", 0, error.position) + 1,
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = " ".join(str(getattr(error, "problem", None) or error).split())
        if not isinstance(error, _Refused):
            problem = f"malformed YAML: {problem}; fix the syntax there (quotes, brackets, indentation)"
        raise MuwaziError(problem, path, mark.line + 1 if mark else 1) from None
    finally:
        if composer is not None:
            composer.dispose()
    return _Gazetteer(path).actors(root)


def _line_at(error: UnicodeDecodeError) -> int:
    return error.object[: error.start].count(b"\n") + 1


class _Gazetteer:
    """The checks of the composed document, node by node, so that every error names the line of
    the value that is wrong. Values are read from the nodes, never constructed: only text is text."""

    def __init__(self, path: Path):
        self.path = path

    def refuse(self, message: str, node: yaml.Node | None) -> MuwaziError:
        return MuwaziError(message, self.path, node.start_mark.line + 1 if node is not None else 1)

    def actors(self, root: yaml.Node | None) -> list[Actor]:
        if not isinstance(root, yaml.SequenceNode):
            raise self.refuse("the gazetteer must be a list of actors (each starting with «- id: …»)", root)
        actors: list[Actor] = []
        ids: dict[str, int] = {}
        claimed: dict[tuple[str, str], str] = {}
        for item in root.value:
            actor, aliases = self.actor(item)
            if actor.id in ids:
                raise self.refuse(f"duplicate actor id {actor.id!r} (first at line {ids[actor.id]})", item)
            ids[actor.id] = actor.line
            for language, alias, node in aliases:
                owner = claimed.setdefault((language, folded(alias) if language == "ar" else alias), actor.id)
                if owner != actor.id:
                    raise self.refuse(f"alias {alias!r} is claimed by both {owner!r} and {actor.id!r}", node)
            actors.append(actor)
        return actors

    def actor(self, item: yaml.Node) -> tuple[Actor, list[tuple[str, str, yaml.Node]]]:
        """The actor, and each of its aliases with its language and node."""
        fields = self.fields(item, "an actor", "", ("id", "kind", "ar", "en"), ("native", "wikidata"))
        actor_id = self.text(fields["id"], "an actor's id")
        if not _ID.match(actor_id):
            raise self.refuse(
                f"actor id {actor_id!r} must be lower-case Latin letters, digits and hyphens", fields["id"]
            )
        who = f"actor {actor_id!r}"
        kind = self.text(fields["kind"], f"{who}: kind")
        if kind not in KINDS:
            raise self.refuse(f"{who} has kind {kind!r}; use one of {', '.join(KINDS)}", fields["kind"])
        languages, aliases = {}, []
        for language in ("ar", "en"):
            block = self.fields(fields[language], who, f"{language}.", ("name", "description"), FORMS)
            name = self.text(block["name"], f"{who}: {language}.name")
            lists = {form: self.texts(block.get(form), f"{who}: {language}.{form}") for form in FORMS}
            if not lists["names"]:
                lists["names"] = [(name, block["name"])]
            for form in FORMS:
                for alias, node in lists[form]:
                    self.check_alias(alias, language, node, who)
                    aliases.append((language, alias, node))
            languages[language] = Names(
                name=name,
                description=self.text(block["description"], f"{who}: {language}.description").strip(),
                names=tuple(alias for alias, _ in lists["names"]),
                seats=tuple(alias for alias, _ in lists["seats"]),
                adjectives=tuple(alias for alias, _ in lists["adjectives"]),
            )
        native = None
        if "native" in fields:
            block = self.fields(fields["native"], who, "native.", ("lang", "name"), ())
            lang = self.text(block["lang"], f"{who}: native.lang")
            if not _LANGUAGE.match(lang):
                raise self.refuse(
                    f"{who}: native.lang {lang!r} must be a language code such as ru or ko", block["lang"]
                )
            native = (lang, self.text(block["name"], f"{who}: native.name"))
        wikidata = None
        if "wikidata" in fields:
            wikidata = self.text(fields["wikidata"], f"{who}: wikidata")
            if not _WIKIDATA.match(wikidata):
                raise self.refuse(f"{who}: wikidata {wikidata!r} must be an item id such as Q159", fields["wikidata"])
        line = item.start_mark.line + 1
        return Actor(actor_id, kind, languages["ar"], languages["en"], native, wikidata, line), aliases

    def fields(
        self, node: yaml.Node, who: str, prefix: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        """A mapping's values by key; a key given twice, an unknown key or a missing one is refused."""
        known = (*required, *optional)
        listed = ", ".join(prefix + key for key in known)
        if not isinstance(node, yaml.MappingNode):
            what = f"{who}: {prefix.rstrip('.')}" if prefix else who
            raise self.refuse(f"{what} must be a mapping with {listed}", node)
        found: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) and key.tag == _STR else None
            if name is None or name not in known:
                shown = repr(key.value) if isinstance(key, yaml.ScalarNode) else "that is not a word"
                raise self.refuse(f"{who}: unknown field {shown}; the fields are {listed}", key)
            if name in found:
                raise self.refuse(f"{who}: {prefix}{name} is given twice", key)
            found[name] = value
        for name in required:
            if name not in found:
                raise self.refuse(f"{who} needs {prefix}{name}", node)
        return found

    def text(self, node: yaml.Node, what: str) -> str:
        """A scalar YAML reads as text (not a number, date, yes/no or null), not blank."""
        if not isinstance(node, yaml.ScalarNode):
            raise self.refuse(
                f"{what} must be text, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}", node
            )
        if node.tag != _STR:
            raise self.refuse(
                f"{what} must be text: YAML reads {node.value!r} as something else; put it in quotes", node
            )
        if not node.value.strip():
            raise self.refuse(f"{what} is empty", node)
        return node.value

    def texts(self, node: yaml.Node | None, what: str) -> list[tuple[str, yaml.Node]]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.refuse(f"{what} must be a list of names, e.g. [first, second]", node)
        return [(self.text(item, f"each of {what}"), item) for item in node.value]

    def check_alias(self, alias: str, language: str, node: yaml.Node, who: str) -> None:
        """An alias of fewer than two letters, or a common word, would link words all over a text."""
        if sum(character.isalpha() for character in alias) < 2:
            raise self.refuse(f"{who}: the alias {alias!r} has fewer than two letters: leave it out", node)
        if (folded(alias) in STOP_WORDS_AR) if language == "ar" else (alias.strip().casefold() in STOP_WORDS_EN):
            raise self.refuse(
                f"{who}: the alias {alias!r} is a common word and would link it everywhere: leave it out", node
            )


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
