"""The gazetteer of actors and the finding of their mentions, in the Arabic and in the English.

Arabic names are compared after `arabic.fold`, word by word, so a mention is found however the
outlet spells it and whatever prefix is attached, but never inside a longer word.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from itertools import accumulate, compress, count, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

import yaml

from .arabic import (
    ARTICLE,
    NEVER_IN_NAMES,
    PREFIXES,
    WORD,
    Folded,
    fold,
    folded,
    is_definite,
    never_in_names,
    sounds,
    spelling_variants,
    stems,
)
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
    description: str  # "" in a draft: the editor writes it, nothing is guessed
    names: tuple[str, ...]
    seats: tuple[str, ...]
    adjectives: tuple[str, ...]
    namesakes: tuple[str, ...] = ()  # names that look like this actor's short forms but are someone else

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
    given_names: bool = False  # the name's given names alone stand for the person (جان إيف for لودريان)


@dataclass(frozen=True)
class Other:
    """Names that are no actor (Voice of America «صوت أمريكا»), matched so that the place or state
    inside them (أمريكا) is not taken for a mention, and linked to nothing."""

    id: str
    ar: tuple[str, ...]
    en: tuple[str, ...]
    line: int


class Gazetteer(list[Actor]):
    """The actors in the file's order (a list, as every stage takes it), and the names that are no actor."""

    def __init__(self, actors: Sequence[Actor] = (), others: Sequence[Other] = ()):
        super().__init__(actors)
        self.others = tuple(others)


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
    doubts: tuple[tuple["Doubt", ...], ...] = ()  # per segment: names left unlinked, for `actors check`

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


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and check `actors.yml`; any problem is one error naming the file and the line."""
    return read_gazetteer(_gazetteer_text(path), path)


def _gazetteer_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MuwaziError("no gazetteer: create it with one entry per actor (see README)", path) from None
    except UnicodeDecodeError as error:
        raise MuwaziError("the gazetteer is not UTF-8: re-save it as UTF-8", path, _line_at(error)) from None


def read_gazetteer(text: str, path: Path) -> Gazetteer:
    """Check the text of a gazetteer as `path` would hold it."""
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


def _is_other(item: yaml.Node) -> bool:
    """Whether a list item is a name that is no actor: a mapping whose first key is «other»."""
    return (
        isinstance(item, yaml.MappingNode)
        and bool(item.value)
        and isinstance(item.value[0][0], yaml.ScalarNode)
        and item.value[0][0].value == "other"
    )


def _line_at(error: UnicodeDecodeError) -> int:
    return error.object[: error.start].count(b"\n") + 1


class _Gazetteer:
    """The checks of the composed document, node by node, so that every error names the line of
    the value that is wrong. Values are read from the nodes, never constructed: only text is text."""

    def __init__(self, path: Path):
        self.path = path

    def refuse(self, message: str, node: yaml.Node | None) -> MuwaziError:
        return MuwaziError(message, self.path, node.start_mark.line + 1 if node is not None else 1)

    def actors(self, root: yaml.Node | None) -> Gazetteer:
        if not isinstance(root, yaml.SequenceNode):
            raise self.refuse("the gazetteer must be a list of actors (each starting with «- id: …»)", root)
        actors: list[Actor] = []
        others: list[Other] = []
        ids: dict[str, int] = {}
        claimed: dict[tuple[str, str], str] = {}
        for item in root.value:
            entry, aliases = self.other(item) if _is_other(item) else self.actor(item)
            if entry.id in ids:
                what = "other" if isinstance(entry, Other) else "actor"
                raise self.refuse(f"duplicate {what} id {entry.id!r} (first at line {ids[entry.id]})", item)
            ids[entry.id] = entry.line
            for language, alias, node in aliases:
                owner = claimed.setdefault((language, folded(alias) if language == "ar" else alias), entry.id)
                if owner != entry.id:
                    raise self.refuse(f"alias {alias!r} is claimed by both {owner!r} and {entry.id!r}", node)
            if isinstance(entry, Other):
                others.append(entry)
            else:
                actors.append(entry)
        return Gazetteer(actors, others)

    def other(self, item: yaml.Node) -> tuple[Other, list[tuple[str, str, yaml.Node]]]:
        """A name (in both languages) that is no actor: «- other: voice-of-america» with ar and en lists."""
        fields = self.fields(item, "a name that is no actor", "", ("other",), ("ar", "en"))
        other_id = self.text(fields["other"], "other")
        if not _ID.match(other_id):
            raise self.refuse(
                f"other {other_id!r} must be lower-case Latin letters, digits and hyphens", fields["other"]
            )
        who = f"other {other_id!r}"
        if "ar" not in fields and "en" not in fields:
            raise self.refuse(f"{who} needs ar or en: the names that are no actor", item)
        names: dict[str, list[tuple[str, yaml.Node]]] = {}
        for language in ("ar", "en"):
            names[language] = self.texts(fields.get(language), f"{who}: {language}")
            for alias, node in names[language]:
                self.check_alias(alias, language, node, who)
        aliases = [(language, alias, node) for language in ("ar", "en") for alias, node in names[language]]
        listed = {language: tuple(alias for alias, _ in names[language]) for language in ("ar", "en")}
        return Other(other_id, listed["ar"], listed["en"], item.start_mark.line + 1), aliases

    def actor(self, item: yaml.Node) -> tuple[Actor, list[tuple[str, str, yaml.Node]]]:
        """The actor, and each of its aliases with its language and node."""
        fields = self.fields(item, "an actor", "", ("id", "kind", "ar", "en"), ("native", "wikidata", "given_names"))
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
            block = self.fields(fields[language], who, f"{language}.", ("name",), ("description", *FORMS, "not"))
            name = self.text(block["name"], f"{who}: {language}.name")
            lists = {form: self.texts(block.get(form), f"{who}: {language}.{form}") for form in FORMS}
            namesakes = self.texts(block.get("not"), f"{who}: {language}.not")
            for namesake, node in namesakes:
                self.check_alias(namesake, language, node, who)
            if not lists["names"]:
                lists["names"] = [(name, block["name"])]
            for form in FORMS:
                for alias, node in lists[form]:
                    self.check_alias(alias, language, node, who)
                    aliases.append((language, alias, node))
            languages[language] = Names(
                name=name,
                description=(
                    self.text(block["description"], f"{who}: {language}.description").strip()
                    if "description" in block
                    else ""
                ),
                names=tuple(alias for alias, _ in lists["names"]),
                seats=tuple(alias for alias, _ in lists["seats"]),
                adjectives=tuple(alias for alias, _ in lists["adjectives"]),
                namesakes=tuple(namesake for namesake, _ in namesakes),
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
        given_names = False
        if "given_names" in fields:
            flag = fields["given_names"]
            if not (isinstance(flag, yaml.ScalarNode) and flag.tag == "tag:yaml.org,2002:bool"):
                raise self.refuse(f"{who}: given_names must be true or false", flag)
            given_names = flag.value.lower() in ("true", "yes", "on")
            if given_names and kind != "person":
                raise self.refuse(f"{who}: given_names is for people, and this actor is a {kind}", flag)
        line = item.start_mark.line + 1
        actor = Actor(actor_id, kind, languages["ar"], languages["en"], native, wikidata, line, given_names)
        return actor, aliases

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


# --- adding a draft entry --------------------------------------------------------------------


def _move_trailing_comment(previous, entry) -> None:
    """What follows the entry before the draft's place (the comment that opens the next section)
    is kept by the YAML writer on that entry's last value: it moves to the draft's, so that it still
    stands before its section, and a blank line is left before the draft."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    (holder, key), (draft, last) = _last_value(previous), _last_value(entry)
    slots = holder.ca.items.get(key) if holder is not None else None
    if slots and len(slots) > 2 and slots[2] is not None and draft is not None:
        draft.ca.items[last] = [None, None, slots[2], None]
        slots[2] = CommentToken("\n\n", CommentMark(0), None)


def _last_value(node):
    """The mapping holding the last value written of a YAML entry, and its key."""
    holder, key = None, None
    while hasattr(node, "ca") and hasattr(node, "keys") and len(node):
        holder, key = node, list(node.keys())[-1]
        node = node[key]
    return holder, key


def guessed_kind(candidate: "Candidate") -> str:
    """What a candidate probably is: an organisation after the first word of one's name (وكالة،
    صحيفة، حزب …), otherwise a person; the editor corrects the draft where it is wrong."""
    return "organisation" if candidate.cue == "name" else "person"


def draft_id(english: str) -> str:
    """An actor id made from the English name (Mike Pompeo → mike-pompeo)."""
    return "-".join(re.findall(r"[a-z0-9]+", english.casefold()))


def add_draft(path: Path, actor_id: str, kind: str, arabic: str, english: str) -> str:
    """Add a draft entry to the gazetteer, before the names that are no actor, keeping every comment
    and the order of the rest (a round-trip YAML writer, not a dump of what was read). The draft has
    no description: the editor writes that, and until then the actor's page shows none. The new
    file is checked whole before it replaces the old one; returns its text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from .files import write_atomically

    text = _gazetteer_text(path)
    read_gazetteer(text, path)  # refuse to add to a gazetteer that is already wrong
    writer = YAML()
    writer.width = 4096  # never fold a long line the editor wrote
    writer.indent(mapping=2, sequence=2, offset=0)
    writer.preserve_quotes = True
    entries = writer.load(text)
    entry = CommentedMap(
        [("id", actor_id), ("kind", kind), ("ar", CommentedMap(name=arabic)), ("en", CommentedMap(name=english))]
    )
    at = next((k for k, item in enumerate(entries) if "other" in item), len(entries))
    if at > 0:
        _move_trailing_comment(entries[at - 1], entry)
    entries.insert(at, entry)
    out = io.StringIO()
    writer.dump(entries, out)
    written = re.sub(f"\n+(- id: {re.escape(actor_id)}\n)", r"\n\n\1", out.getvalue(), count=1)  # a blank line before
    read_gazetteer(written, path)  # the id or a name may be taken already: refused, nothing written
    write_atomically(path, written.encode("utf-8"))
    return written


# --- finding mentions ------------------------------------------------------------------------


NAME_JOINERS = frozenset(("", "-", "\u2010", "\u2011"))  # between the words of a name: spaces, or a hyphen
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
            if any(words.between(i + k).strip() not in NAME_JOINERS for k in range(1, n)):
                continue  # words of a name are separated by spaces or a hyphen, not by punctuation
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


class Named(NamedTuple):
    """What a phrase of the gazetteer stands for: an actor named one way, or no actor ("" for a
    namesake or another name that is no actor)."""

    actor: str
    form: str
    short: bool = False  # the first words of a longer name (كيم of كيم جونج أون): held back if a name goes on


NO_ACTOR = Named("", "other")


def _short_forms(actor: Actor, aliases: Sequence[str], given: Sequence[str], key) -> set[str]:
    """A person's names (as compared) that are the first words of another of their names, and the given names."""
    if actor.kind != "person":
        return set()
    keyed = {key(alias): tuple(key(alias).split()) for alias in aliases}
    return {
        alias
        for alias, words in keyed.items()
        if any(len(o) > len(words) and o[: len(words)] == words for o in keyed.values())
    } | {key(name) for name in given}


def _given_names(actor: Actor, names: Names) -> list[str]:
    """The given names of a person the gazetteer lets stand for them: the name's words but the last."""
    words = names.name.split()
    return [" ".join(words[:-1])] if actor.given_names and len(words) > 1 else []


def _foreign(actor: Actor) -> bool:
    """A person whose name is not Arabic, so that its long vowels are the press's choice."""
    return actor.kind == "person" and (actor.native is None or actor.native[0] != "ar")


class ArabicFinder:
    """Finds gazetteer names in Arabic text: folded, prefix-tolerant, whole words, longest first.

    Besides the aliases, the spellings arabic.spelling_variants makes from them (unless another
    actor's alias or variant spells the same), the given names where allowed, and the names that
    are no actor, which are matched like names so that the longest match keeps the short forms
    and the places inside them (صوت أمريكا) from being taken for mentions.
    """

    def __init__(self, actors: Sequence[Actor]):
        self.kinds = {actor.id: actor.kind for actor in actors}
        listed: dict[str, tuple[str, Named]] = {}  # by the alias folded: the alias as written, what it names
        made: dict[str, set[Named]] = {}
        for actor in actors:
            given = _given_names(actor, actor.ar)
            aliases = [*actor.ar.aliases(), *((name, "names") for name in given)]
            short = _short_forms(actor, [alias for alias, form in aliases if form == "names"], given, folded)
            for alias, form in aliases:
                listed.setdefault(folded(alias), (alias, Named(actor.id, form, folded(alias) in short)))
            for alias, form in aliases:
                for variant in spelling_variants(alias, _foreign(actor) and form != "adjectives"):
                    made.setdefault(variant, set()).add(Named(actor.id, form, folded(alias) in short))
        others = [(name, _foreign(actor)) for actor in actors for name in actor.ar.namesakes]
        others += [(name, True) for other in getattr(actors, "others", ()) for name in other.ar]
        # A namesake's spellings hide the short forms as its own does (إيفانكا ترمب as إيفانكا ترامب).
        for name, foreign in others:
            for variant in spelling_variants(name, foreign):
                made.setdefault(variant, set()).add(NO_ACTOR)
        unclaimed = {
            variant: next(iter(named))
            for variant, named in made.items()
            if len({n.actor for n in named}) == 1 and variant not in listed and variant not in _NEVER_A_NAME
        }
        phrases = [*listed.values(), *unclaimed.items()]
        phrases += [(name, NO_ACTOR) for name, _ in others if folded(name) not in listed]
        self._phrases = _Phrases(phrases)
        # Words that continue a person's name: after a short form, they mean another person.
        self._name_words = frozenset(word for name, _ in others for word in WORD.findall(folded(name))) | frozenset(
            word
            for phrase, (_, named) in listed.items()
            if self.kinds[named.actor] == "person"
            for word in phrase.split()
        )

    def scan(self, words: _Words) -> list[tuple[int, int, Named]]:
        """(first word, word count, what it names) of every phrase, names of no actor included."""
        return self._phrases.scan(words)

    def find(self, text: str) -> tuple[Mention, ...]:
        words = _Words.of(text)
        return self.read(words, self.scan(words))[0]

    def read(
        self, words: _Words, scanned: list[tuple[int, int, Named]], doubtful: frozenset[str] = frozenset()
    ) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """The mentions, and the short forms held back because a name goes on after them: a word
        of a name the gazetteer knows, or, for the `doubtful` actors (whose short form the English
        holds back: Kim Kye Gwan), any word that may be a name."""
        mentions: list[Mention] = []
        held: list[Mention] = []
        starts = {i for i, _, _ in scanned}
        for i, n, named in scanned:
            if not named.actor:
                continue
            mention = Mention(named.actor, *words.span(i, i + n), named.form)
            after = i + n
            goes_on = (
                named.short
                and after < len(words.folded)
                and not words.between(after).strip()
                and after not in starts
                and (
                    words.folded[after] in self._name_words
                    or (named.actor in doubtful and not _never(words, after) and not is_definite(words.folded[after]))
                )
            )
            (held if goes_on else mentions).append(mention)
        return tuple(mentions), tuple(held)

    @staticmethod
    def mentions(words: _Words, scanned: list[tuple[int, int, Named]]) -> tuple[Mention, ...]:
        return tuple(Mention(actor, *words.span(i, i + n), form) for i, n, (actor, form, _) in scanned if actor)


_NEVER_A_NAME = STOP_WORDS_AR | NEVER_IN_NAMES


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
    "نظير",  # نظيره folds alike
    "نظيرة",
    "نظيرته",
    "نظيرها",
    "نظيرتها",
)
# Verbs of saying and announcing, after which the press names the speaker (قالت ماريا زاخاروفا).
SAYING_CUES = tuple(
    """قال قالت أكد أكدت أعلن أعلنت أوضح أوضحت صرح صرحت أضاف أضافت ذكر ذكرت أشار أشارت حذر حذرت دعا دعت
    نفى نفت رأى رأت اعتبر اعتبرت كشف كشفت طالب طالبت شدد شددت أفاد أفادت تابع تابعت أبلغ أبلغت وصف وصفت
    يقول تقول يرى ترى""".split()
)
# Nationalities the gazetteer may not know, in apposition before a name (الفرنسي جان إيف لودريان).
NATIONALITY_CUES = tuple(
    f"ال{stem}{ending}"
    for stem in """فرنسي ألماني صيني ياباني تركي إيطالي إسباني هندي باكستاني إسرائيلي فلسطيني لبناني عراقي
    سعودي مصري أردني إماراتي قطري كويتي عماني بحريني يمني ليبي تونسي جزائري مغربي سوداني موريتاني أوكراني
    بولندي كندي أسترالي برازيلي مكسيكي فنزويلي كوبي أفغاني سويدي نرويجي هولندي بلجيكي سويسري نمساوي يوناني
    قبرصي أرميني أذربيجاني جورجي كازاخي بيلاروسي أوروبي أممي""".split()
    for ending in ("", "ة")
)
# Words that begin no name though they may follow a verb of saying (وقال مصدر، قالت مصادر).
NOT_A_NAME = frozenset(
    folded(word)
    for word in """مصدر مصادر مسؤول مسؤولة مسؤولون مسؤولين مراقبون محللون محلل خبراء خبير شهود ناشطون ناشط
    دبلوماسي دبلوماسيون متحدث متحدثة مراسل مراسلة بيان بيانا تقرير تقارير وكالة صحيفة له لها لهم إنه إنها
    أنه أنها بأن بأنه بأنها لأن وأن وإن برئاسة بقيادة بشأن إزاء تجاه نحو عبر وسط أمام خلف فيه فيها عنه عنها
    مجددا مؤخرا سابقا لاحقا كذلك أيضا""".split()
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
    english: tuple[int, int] | None = None  # the name in the segment's English, where it was found there
    cue: str = "title"  # what pointed at it: a title, a name's first word, a verb of saying, a nationality, a comma, the English


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

    def __init__(self, known: ArabicFinder, english: EnglishFinder | None = None):
        self._known = known
        self._english = english
        self._cues = _Phrases(
            [(cue, "title") for cue in TITLE_CUES]
            + [(cue, "name") for cue in NAME_CUES]
            + [(cue, "said") for cue in SAYING_CUES]
            + [(cue, "nationality") for cue in NATIONALITY_CUES]
        )

    def find(self, text: str, english: str = "") -> list[Candidate]:
        """The candidates in an Arabic text; with its English (and an EnglishFinder), those the
        English shows too, and the people only the English shows as names."""
        words = _Words.of(text)
        scanned = self._known.scan(words)
        found, _titles = self.read(words, scanned)
        if not english or self._english is None:
            return found
        return self._with_english(words, scanned, found, english)

    def _with_english(
        self, words: _Words, scanned: list[tuple[int, int, Named]], found: list[Candidate], english: str
    ) -> list[Candidate]:
        """Each unknown name of the English matched to the Arabic words that sound most like it: an
        Arabic candidate it matches gets its English; one it matches nowhere is proposed with it. An
        Arabic candidate of a weak cue (a verb of saying, a nationality, a comma) that no English name
        matches is dropped: the English shows it is no name."""
        assert self._english is not None
        doubtful = frozenset(m.actor for m in self._english.read(english)[1])
        held = {(m.start, m.end) for m in self._known.read(words, scanned, doubtful)[1]}
        # The words of known names are no one else's; a short form held back may be the start of one.
        covered = {k for i, n, _ in scanned if words.span(i, i + n) not in held for k in range(i, i + n)}
        kept = list(found)
        result: list[Candidate] = []
        for span in unknown_english_names(english, self._english.names(english)):
            sounding = _sounding_like(words, covered, english[span[0] : span[1]])
            if sounding is None:
                continue
            arabic, whole = sounding
            at = next((k for k, c in enumerate(kept) if c.name[0] < arabic[1] and arabic[0] < c.name[1]), None)
            if at is None:
                result.append(Candidate(arabic, arabic, span, "english"))
            elif kept[at].english is None:
                # Where the whole English name sounds like other words than the cue took (a word
                # too many, or one too few: مون جاي إن), the English knows where the name ends.
                name = arabic if whole else kept[at].name
                context = (min(kept[at].context[0], name[0]), max(kept[at].context[1], name[1]))
                kept[at] = Candidate(name, context, span, kept[at].cue)
        kept = [c for c in kept if c.english is not None or c.cue not in WEAK_CUES]
        return sorted([*kept, *result], key=lambda c: c.name)

    def read(self, words: _Words, scanned: list[tuple[int, int, Named]]) -> tuple[list[Candidate], list[Title]]:
        """Candidates and titles in a text whose known mentions were already scanned."""
        cues = self._cues.scan(words)
        if not cues:
            return [], []
        known = {i: (n, named.actor) for i, n, named in scanned}
        covered = {k for i, (n, _) in known.items() for k in range(i, i + n)}
        cue_at = {i for i, _, _ in cues}
        found: dict[tuple[int, int], Candidate] = {}  # by the name's span: two cues may point at one name
        titles = []
        for i, n, cue in cues:
            if i in covered:
                continue  # the cue is part of a known name (وكالة الأنباء الكورية)
            qualified = cue in ("title", "nationality")
            start, person = self._past_title(words, i + n, known) if qualified else (i + n, None)
            if person is not None:
                if cue == "title":
                    titles.append(Title(person, self._without_particles(words, i), words.span(i, start)[1]))
                continue
            if cue == "title" and _after_comma(words, i):
                self._name_before(words, i, known, found)
            if cue == "said" and (start in cue_at or start in known):
                continue  # a title or a known name follows the verb: read from there
            end = self._trimmed(words, start, self._name_end(words, start, known))
            if end <= start or (cue in ("said", "nationality") and not self._looks_like_a_name(words, start, end)):
                continue
            first = start if cue != "name" or _opens_quote(words, start) else i
            name = words.span(first, end)
            found.setdefault(name, Candidate(name, (words.span(i, end)[0], name[1]), cue=cue))
        return list(found.values()), titles

    def _name_before(self, words: _Words, i: int, known: dict, found: dict) -> None:
        """A name standing before «، » and a title (جان إيف لودريان، وزير الخارجية الفرنسي)."""
        end = i
        start = end
        while start > 0 and end - start < NAME_WORDS:
            word = words.folded[start - 1]
            if start - 1 in known or _never(words, start - 1) or is_definite(word) or word in NOT_A_NAME:
                break
            start -= 1
            if words.between(start).strip():
                break
        if end - start >= 2 and self._looks_like_a_name(words, start, end):
            name = words.span(start, end)
            found.setdefault(name, Candidate(name, (name[0], words.span(i, i + 1)[1]), cue="comma"))

    def _trimmed(self, words: _Words, start: int, end: int) -> int:
        """The name's end with trailing particles and verbs left out (… أنه، … إن)."""
        while end > start and words.folded[end - 1] in NOT_A_NAME:
            end -= 1
        return end

    @staticmethod
    def _looks_like_a_name(words: _Words, start: int, end: int) -> bool:
        """Two words or more, none with the article, the first no common noun: what a verb of saying or a
        nationality is followed by when it introduces a person."""
        chosen = words.folded[start:end]
        return len(chosen) >= 2 and chosen[0] not in NOT_A_NAME and not any(is_definite(word) for word in chosen)

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
                if self._known.kinds.get(actor) == "person":
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
            if end in known or _never(words, end):
                break
            if end > start and is_definite(word) and not word.startswith(ARTICLE):
                break  # والزعيم، للأنباء: a prefixed word with the article starts a new phrase
            end += 1
        return end


# Capitalised words of English that begin no person's name: titles, nationalities, days and months,
# and the words that open a sentence.
NOT_NAMES_EN = frozenset(
    """President Prime Minister Foreign Secretary Defence Defense Deputy Vice Chancellor King Queen Prince
    First Crown Emir Sheikh Ambassador Envoy Spokesman Spokeswoman Spokesperson Leader Chairman General Director
    Secretary-General Mr Mrs Ms Dr Former State Energy Interior Finance Supreme Senator Governor Mayor
    Minister's Ministry
    French German Chinese Japanese Turkish Italian Spanish Indian Pakistani Israeli Palestinian Lebanese
    Iraqi Saudi Egyptian Jordanian Emirati Qatari Kuwaiti Omani Bahraini Yemeni Libyan Tunisian Algerian
    Moroccan Sudanese Mauritanian Ukrainian Polish Canadian Australian Brazilian Mexican Venezuelan Cuban
    Afghan Swedish Norwegian Dutch Belgian Swiss Austrian Greek Cypriot Armenian Azerbaijani Georgian
    Kazakh Belarusian European South Korean UN EU NATO
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December
    The A An He She It They We I In On At For But And Or As If When While After Before This That These
    Those His Her Its Their Our There Meanwhile However Also According""".split()
)
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'’.]*(?:-[a-z]\w*)*(?:(?: |-)(?:(?:al|bin|ibn|de|von|van|le|la|du)[ -])?[A-Z][\w'’]*(?:-[a-z]\w*)*)*"
)  # Moon Jae-in, Staffan de Mistura, Walid al-Muallem
WEAK_CUES = frozenset(("title", "said", "nationality", "comma"))  # cues that, where there is English, it must confirm
ENGLISH_SOUNDS_ALIKE = 0.8  # similarity of the consonants, at least, for an Arabic span to be a name's


def _not_a_name(word: str) -> bool:
    return word.rstrip(".’'s") in NOT_NAMES_EN or word.rstrip(".") in NOT_NAMES_EN


def unknown_english_names(english: str, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of capitalised words that no name of the gazetteer covers, the titles and nationalities
    before them left out; a single word only where it does not open a sentence."""
    blanked = list(english)
    for start, end in known:
        blanked[start:end] = "|" * (end - start)
    text = "".join(blanked)
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        parts = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"[^ ]+", run.group())]
        while len(parts) > 1 and english[slice(*parts[0])].endswith(("'s", "’s")):
            parts = parts[1:]  # whose the person is: France's Bruno Le Maire
        while parts and _not_a_name(english[slice(*parts[0])]):
            parts = parts[1:]  # the titles and nationalities before a name (Foreign Minister …)
        kept = parts
        if not kept:
            continue
        start, end = kept[0][0], kept[-1][1]
        end -= len(english[start:end]) - len(english[start:end].rstrip(".,"))
        if english[end - 2 : end] in ("'s", "’s"):
            end -= 2
        opens = start == 0 or english[:start].rstrip().endswith((".", "!", "?", '"', "“"))
        if len(kept) == 1 and opens:
            continue
        found.append((start, end))
    return found


def _sounding_like(words: _Words, covered: set[int], name: str) -> tuple[tuple[int, int], bool] | None:
    """The Arabic words (one to four, none a known name's) that sound most like an English name
    or its last words (the press often gives the surname alone: لودريان for Jean-Yves Le Drian),
    and whether they sound like the whole name. Words that sound like the whole name win over
    words that sound like its last ones; of spans that sound alike, the one of more words (يى adds
    no consonant to وانج), then the one without an attached letter."""
    parts = name.replace("-", " ").split()
    targets = [sounds(" ".join(parts[k:])) for k in range(len(parts))]
    best: tuple[bool, float, int, int] = (False, 0.0, 0, 0)
    best_span, whole = None, False
    for i in range(len(words.folded)):
        if _never(words, i):
            continue  # a particle or verb begins no name
        for n in range(1, 5):
            if i + n > len(words.folded) or any(k in covered for k in range(i, i + n)):
                break
            if n > 1 and words.between(i + n - 1).strip() not in NAME_JOINERS:
                break
            start, end = words.span(i, i + n)
            # the words as written, and without a conjunction or preposition attached to the first
            attached = words.original[start] in ATTACHED and len(words.folded[i]) > 4
            for stripped, at in enumerate((start, start + 1) if attached else (start,)):
                heard = sounds(words.original[at:end])
                scores = [_alike(heard, target) for target in targets]
                sounds_whole = bool(scores) and scores[0] >= ENGLISH_SOUNDS_ALIKE
                ranked = (sounds_whole, scores[0] if sounds_whole else max(scores, default=0.0), n, stripped)
                if ranked > best:
                    best, best_span, whole = ranked, (at, end), sounds_whole
    if best_span is None or best[1] < ENGLISH_SOUNDS_ALIKE:
        return None
    return best_span, whole


def _alike(heard: str, target: str) -> float:
    """How alike two names' consonants are; two consonants or fewer must be the same."""
    if len(target) < 3:
        return 1.0 if heard == target and target else 0.0
    return SequenceMatcher(None, heard, target).ratio()


ATTACHED = frozenset("وفبل")  # letters the press writes onto a name (ولودريان، لبومبيو)


def _never(words: _Words, k: int) -> bool:
    """Whether word k is a particle, verb or time word, read from its letters (جان is no كان)."""
    return never_in_names(words.spelled[words.start(k) : words.start(k) + len(words.folded[k])])


def _after_comma(words: _Words, k: int) -> bool:
    return k > 0 and bool({"،", ","} & set(words.between(k)))


def _opens_quote(words: _Words, k: int) -> bool:
    return k > 0 and bool(OPENING_QUOTES & set(words.between(k)))


class EnglishFinder:
    """Finds English names (and their possessives) as whole words, longest first; the names that
    are no actor (Voice of America, Kim Yo Jong) are found too, so that they hide the short forms
    and places inside them, and are linked to nothing."""

    def __init__(self, actors: Sequence[Actor]):
        self._aliases: dict[str, Named] = {}
        for actor in actors:
            given = _given_names(actor, actor.en)
            aliases = [*actor.en.aliases(), *((name, "names") for name in given)]
            short = _short_forms(actor, [alias for alias, form in aliases if form == "names"], given, str)
            for alias, form in aliases:
                self._aliases.setdefault(alias, Named(actor.id, form, alias in short))
        others = [name for actor in actors for name in actor.en.namesakes]
        for name in [*others, *(name for other in getattr(actors, "others", ()) for name in other.en)]:
            self._aliases.setdefault(name, NO_ACTOR)
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
        return self.read(text)[0]

    def names(self, text: str) -> list[tuple[int, int]]:
        """Where the text names anyone the gazetteer knows, actors or not (not the short forms held back)."""
        if self._pattern is None or not text:
            return []
        held = {(m.start, m.end) for m in self.read(text)[1]}
        return [match.span() for match in self._pattern.finditer(text) if match.span() not in held]

    def read(self, text: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """The mentions, and the short forms held back because a capitalised name goes on after them (Kim Han Sol)."""
        if self._pattern is None or not text:
            return (), ()
        found: list[Mention] = []
        held: list[Mention] = []
        for match in self._pattern.finditer(text):
            named = self._aliases[match.group(1)]
            if not named.actor:
                continue
            mention = Mention(named.actor, match.start(), match.end(), named.form)
            after = _NAME_GOES_ON.match(text, match.end()) if named.short else None
            goes_on = after is not None and not self._pattern.match(text, after.end() - 1)  # not a known name next
            (held if goes_on else found).append(mention)
        return tuple(found), tuple(held)


_NAME_GOES_ON = re.compile(r"[ \u00a0]+[A-Z]")  # the next word is capitalised: a name goes on


@dataclass(frozen=True)
class Doubt:
    """A name left unlinked on the page, for an editor to look at: a short form a name goes on
    after ("held"), or a mention the other language does not confirm ("unpartnered")."""

    language: str  # "ar" or "en": the text the words stand in
    actor: str
    start: int
    end: int
    reason: str  # "held" or "unpartnered"


def partnered(
    arabic: tuple[Mention, ...], english: tuple[Mention, ...]
) -> tuple[tuple[Mention, ...], tuple[Mention, ...], list[Doubt]]:
    """The mentions whose actor the other language names in the same segment, and a doubt for each other one."""
    in_arabic, in_english = {m.actor for m in arabic}, {m.actor for m in english}
    doubts = [Doubt("ar", m.actor, m.start, m.end, "unpartnered") for m in arabic if m.actor not in in_english]
    doubts += [Doubt("en", m.actor, m.start, m.end, "unpartnered") for m in english if m.actor not in in_arabic]
    return (
        tuple(m for m in arabic if m.actor in in_english),
        tuple(m for m in english if m.actor in in_arabic),
        doubts,
    )


def annotate(
    translated: TranslatedArticle, arabic: ArabicFinder, english: EnglishFinder, cues: CandidateFinder | None = None
) -> AnnotatedArticle:
    """Mentions in both languages and the titles given to known people; each Arabic segment is
    folded and scanned for names once, for both. Where a segment is translated, only the actors
    both languages name there are linked: the others are doubts, reported by `actors check`."""
    cues = cues or CandidateFinder(arabic)
    found, in_english, titles, doubts = [], [], [], []
    for segment, translation in translated.pairs():
        words = _Words.of(segment.text)
        scanned = arabic.scan(words)
        english_mentions, english_held = english.read(translation.english or "")
        mentions, held = arabic.read(words, scanned, frozenset(m.actor for m in english_held))
        here = [Doubt("ar", m.actor, m.start, m.end, "held") for m in held]
        here += [Doubt("en", m.actor, m.start, m.end, "held") for m in english_held]
        if translation.english:
            mentions, english_mentions, unpartnered = partnered(mentions, english_mentions)
            here += unpartnered
        found.append(mentions)
        in_english.append(english_mentions)
        titles.append(tuple(cues.read(words, scanned)[1]))
        doubts.append(tuple(here))
    return AnnotatedArticle(translated, tuple(found), tuple(in_english), tuple(titles), doubts=tuple(doubts))
