"""The gazetteer of actors and the finding of their mentions, in the Arabic and in the English.

Arabic names are compared after `arabic.fold`, word by word, so a mention is found however the
outlet spells it and whatever prefix is attached, but never inside a longer word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .arabic import WORD, fold, folded, stems
from .errors import MuwaziError
from .translate import TranslatedArticle

KINDS = ("person", "state", "organisation")
FORMS = ("names", "seats", "adjectives")  # how a text may name an actor
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


@dataclass(frozen=True)
class Mention:
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
        raise MuwaziError(f"malformed YAML: {problem}; fix the syntax there (quotes, brackets, indentation)", path, mark.line + 1 if mark else None) from None
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
                    raise MuwaziError(f"alias {alias!r} is claimed by both {owner!r} and {actor.id!r}", path, actor.line)
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
                raise MuwaziError(f"actor {actor_id!r}: {language}.{form} must be a list of names", path, block["__line__"])
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


@dataclass(frozen=True)
class _Alias:
    words: tuple[str, ...]  # folded
    actor: str
    form: str
    exact: str | None  # for short one-word aliases: the spelling with the foreign-g letters kept


class ArabicFinder:
    """Finds gazetteer names in Arabic text: folded, prefix-tolerant, whole words, longest first."""

    def __init__(self, actors: list[Actor]):
        self._by_first_word: dict[str, list[_Alias]] = {}
        for actor in actors:
            for alias, form in actor.ar.aliases():
                words = tuple(WORD.findall(folded(alias)))
                exact = folded(alias, foreign_g=False) if len(words) == 1 and len(words[0]) <= SHORT_NAME else None
                self._by_first_word.setdefault(words[0], []).append(_Alias(words, actor.id, form, exact))
        for candidates in self._by_first_word.values():
            candidates.sort(key=lambda c: (-len(c.words), -sum(map(len, c.words))))

    def find(self, text: str) -> tuple[Mention, ...]:
        view = fold(text)
        spelled = fold(text, foreign_g=False).text  # same length and offsets as view.text
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(view.text)]
        mentions, i = [], 0
        while i < len(tokens):
            match = self._longest_at(view.text, spelled, tokens, i)
            if match is None:
                i += 1
                continue
            length, actor, form = match
            start, end = view.span_in_original(tokens[i][0], tokens[i + length - 1][1])
            mentions.append(Mention(actor, start, end, form))
            i += length
        return tuple(mentions)

    def _longest_at(self, text: str, spelled: str, tokens: list, i: int) -> tuple[int, str, str] | None:
        best = None
        for stem in stems(tokens[i][2]):
            for alias in self._by_first_word.get(stem, ()):
                n = len(alias.words)
                if best is not None and n <= best[0]:
                    break
                if i + n > len(tokens) or any(tokens[i + k][2] != alias.words[k] for k in range(1, n)):
                    continue
                if any(text[tokens[i + k - 1][1]: tokens[i + k][0]].strip() for k in range(1, n)):
                    continue  # words of a name are separated by spaces only, not by punctuation
                if alias.exact and not spelled[tokens[i][0]: tokens[i][1]].endswith(alias.exact):
                    continue
                best = (n, alias.actor, alias.form)
                break
        return best


class EnglishFinder:
    """Finds English names (and their possessives) as whole words, longest first."""

    def __init__(self, actors: list[Actor]):
        self._aliases = {alias: (actor.id, form) for actor in actors for alias, form in actor.en.aliases()}
        ordered = sorted(self._aliases, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?:['’]s)?(?![\w-])") if ordered else None

    def find(self, text: str) -> tuple[Mention, ...]:
        if self._pattern is None or not text:
            return ()
        found = []
        for match in self._pattern.finditer(text):
            actor, form = self._aliases[match.group(1)]
            found.append(Mention(actor, match.start(), match.end(), form))
        return tuple(found)


def annotate(translated: TranslatedArticle, arabic: ArabicFinder, english: EnglishFinder) -> AnnotatedArticle:
    pairs = translated.pairs()
    return AnnotatedArticle(
        translated,
        tuple(arabic.find(segment.text) for segment, _ in pairs),
        tuple(english.find(translation.english or "") for _, translation in pairs),
    )
