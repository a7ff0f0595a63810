"""Align each paragraph with its English inside itself, into units a reader can follow and cite.

A unit is the smallest pair of an English sentence (or part of one, up to «;» or «:») and the run
of Arabic clauses it translates: press Arabic strings a whole paragraph into one sentence that the
translator splits into several, so sentences alone cannot be paired. The cuts are chosen by dynamic
programming over a score in the manner of Gale and Church (length agreement, with the ratio and
variance fitted on the site's own memory), plus anchors that must fall in the same unit (the
actors both finders located, numbers, short quotations) and a cost per kind of cut. A split that
is not confident is not used: a wrong highlight is worse than none. An editor's pin in the memory
(`# muwazi: units …`) has the last word.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from . import memory
from .actors import AnnotatedArticle, Mention
from .arabic import (
    AND_CUT,
    BARE_OPENER_CUT,
    COLON_CUT,
    OPENER_CUT,
    RELATIVE_CUT,
    SEMICOLON_CUT,
    SENTENCE_CUT,
    ascii_digits,
    clause_cuts,
)
from .errors import MuwaziError
from .files import write_atomically
from .source import Segment
from .translate import PENDING, REVIEWED, TranslatedArticle, Translation

MODEL_FILE = "alignment.json"  # inside content/, written by `muwazi align fit`
PIN = "units"  # the directive word of a pinned alignment: `# muwazi: units [ARABIC] [ENGLISH]`
WHOLE = "whole"  # `# muwazi: units whole` pins the paragraph as one unit


@dataclass(frozen=True)
class Unit:
    """Character spans [start, end) of one unit in the segment's Arabic and in its English."""

    arabic: tuple[int, int]
    english: tuple[int, int]
    confidence: float  # 0..1: how probable its cuts are; 1 for a pinned unit and a segment that offers no cut


@dataclass(frozen=True)
class Alignment:
    """The units of one segment, tiling both texts in order; a segment left whole has one unit
    (carrying how sure the aligner was that it should be: low when a split was refused as unsure)."""

    units: tuple[Unit, ...]
    pinned: bool


@dataclass(frozen=True)
class LengthModel:
    """English characters per Arabic character, and the variance of that, per Arabic character:
    Gale and Church's two parameters, fitted on the site's own paragraph pairs."""

    ratio: float
    variance: float
    pairs: int  # how many paragraph pairs they were fitted on; 0 for the defaults


# Used when content/alignment.json is absent: the seed article's memory, fitted.
DEFAULT_MODEL = LengthModel(ratio=1.285, variance=0.79, pairs=0)

# What a cut costs by kind (negative: evidence for a cut). An English sentence end is the strongest
# sign; in the Arabic, the weaker the punctuation, the more a cut there must be earned by length
# and anchors.
ENGLISH_CUT_COST = {SENTENCE_CUT: -3.0, SEMICOLON_CUT: -2.2, COLON_CUT: -2.0}
ARABIC_CUT_COST = {
    SENTENCE_CUT: 0.0,
    SEMICOLON_CUT: 0.3,
    COLON_CUT: 0.3,
    OPENER_CUT: 0.6,
    AND_CUT: 1.4,
    RELATIVE_CUT: 1.8,
    BARE_OPENER_CUT: 1.0,
}
SAME_MARK_BONUS = 0.8  # a colon for a colon, a semicolon for a semicolon, a full stop for a full stop
ANCHOR_COST = 2.5  # for each anchor one side of a unit has and the other lacks
# Within a paragraph, a translator's longer and shorter renderings of its sentences even out, so
# the lengths of units disagree more than those of the whole paragraphs the model is fitted on.
UNIT_VARIANCE = 8.0
MAX_DELTA = 3.0  # standard deviations of length disagreement beyond which a unit is not considered
# A unit runs over at most this many pieces (between candidate cuts) of either text, unless it is
# the whole paragraph: a split pairs sentences and clauses, not long runs of them, and weighing
# every run would cost time for nothing.
MAX_PIECES = 4
MAX_LENGTH_COST = 25.0
CONFIDENT = 0.65  # a cut is made only when it is at least this probable
WHITE = re.compile(r"\s+")
_ENGLISH_CUT = re.compile(r"(?P<sentence>[.!?…]+[\"'”’)]*\s+)(?=[\"'“‘(]?[A-Z0-9])|(?P<semicolon>;\s+)|(?P<colon>:\s+)")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Jr|Sr|No|vs|etc|Prof|Gov|Sen|Rep))\.$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A short quotation: a name or a term («"1-2-3"», ‘Sputnik’), not a statement a translator may split.
# The quotation mark is matched first and what stands before it looked at after, so that the search
# skips from mark to mark.
_QUOTED = re.compile(r"[\"«“][^\"«»“”]{1,40}[\"»”]|['‘](?<!\w['‘])[^'‘’\s][^'‘’]{0,38}['’](?!\w)")


def english_cuts(text: str) -> list[tuple[int, str]]:
    """Where an English translation may be cut: after a sentence (not after an initial or a title
    such as «U.S.» or «Mr.»), a semicolon or a colon; offsets where the next piece starts."""
    cuts = []
    for match in _ENGLISH_CUT.finditer(text):
        if match.lastgroup == SENTENCE_CUT and _ABBREVIATION.search(text, max(0, match.start() - 5), match.start() + 1):
            continue
        if 0 < match.end() < len(text):
            cuts.append((match.end(), str(match.lastgroup)))
    return cuts


def anchors(text: str, mentions: Sequence[Mention]) -> list[tuple[int, str]]:
    """What must stand in the same unit on both sides, with where it stands: the actors named, the
    numbers (digits folded, so ٢٠١٣ is 2013) and the short quotations."""
    found = [(m.start, f"actor:{m.actor}") for m in mentions]
    digits = ascii_digits(text)  # one character for one: offsets are kept
    found += [(n.start(), f"number:{int(n[0].replace(',', '').split('.')[0])}") for n in _NUMBER.finditer(digits)]
    found += [(q.start(), "quote") for q in _QUOTED.finditer(text)]
    return sorted(found)


def length_cost(arabic: int, english: int, ratio: float, variance: float) -> float:
    """-log of the probability of a length disagreement at least this large (Gale and Church);
    lengths in characters, a unit's space after it included."""
    delta = (english - arabic * ratio) / math.sqrt(max(arabic, 1) * variance)
    probability = math.erfc(abs(delta) / math.sqrt(2))
    return MAX_LENGTH_COST if probability <= math.exp(-MAX_LENGTH_COST) else -math.log(probability)


@dataclass(frozen=True)
class _Side:
    """One language of a paragraph: where it may be cut, and how many of each anchor stand before
    each of those places (so a unit's anchors are a difference, not a count)."""

    text: str
    bounds: tuple[int, ...]  # 0, the candidate cuts, len(text)
    kinds: tuple[str, ...]  # the kind of each candidate cut (bounds[1:-1])
    before: tuple[tuple[int, ...], ...]  # at each bound, the count of each anchor (in _sides' order)


def _sides(
    arabic: tuple[str, list[tuple[int, str]], Sequence[Mention]],
    english: tuple[str, list[tuple[int, str]], Sequence[Mention]],
) -> tuple[_Side, _Side]:
    """Both languages of a paragraph, their anchors counted in one order of keys."""
    found = [(text, cuts, anchors(text, mentions)) for text, cuts, mentions in (arabic, english)]
    # An anchor only one language has counts against every split alike, so it is left out.
    arabic_keys, english_keys = ({key for _, key in events} for *_, events in found)
    keys = {key: k for k, key in enumerate(sorted(arabic_keys & english_keys))}
    sides = []
    for text, cuts, events in found:
        bounds = (0, *(position for position, _ in cuts), len(text))
        running, before, next_event = [0] * len(keys), [], 0
        for bound in bounds:
            while next_event < len(events) and events[next_event][0] < bound:
                if (k := keys.get(events[next_event][1])) is not None:
                    running[k] += 1
                next_event += 1
            before.append(tuple(running))
        sides.append(_Side(text, bounds, tuple(kind for _, kind in cuts), tuple(before)))
    return sides[0], sides[1]


class Aligner:
    """Units for one paragraph pair, by dynamic programming over (Arabic cut, English cut) states."""

    def __init__(self, model: LengthModel = DEFAULT_MODEL):
        self.model = model

    def align(
        self,
        arabic: str,
        english: str,
        arabic_mentions: Sequence[Mention] = (),
        english_mentions: Sequence[Mention] = (),
    ) -> Alignment:
        """The paragraph's units; a cut that is not sure is not made (its two units stay one)."""
        english_cut = english_cuts(english)
        arabic_cut = clause_cuts(arabic) if english_cut else []
        if not english_cut or not arabic_cut:
            return whole(arabic, english)
        ar, en = _sides((arabic, arabic_cut, arabic_mentions), (english, english_cut, english_mentions))
        cuts, confidences = self._best_split(ar, en)
        if not cuts:
            return whole(arabic, english, confidences[0])
        sure = [(cut, confidence) for cut, confidence in zip(cuts, confidences, strict=True) if confidence >= CONFIDENT]
        if not sure:  # none of the cuts is sure enough: one unit, with the doubt it was left whole for
            return whole(arabic, english, min(confidences))
        edges = [(0, 0), *(cut for cut, _ in sure), (len(arabic), len(english))]
        bounded = [1.0, *(confidence for _, confidence in sure), 1.0]
        units = tuple(
            Unit((a0, a1), (e0, e1), round(min(bounded[k], bounded[k + 1]), 3))
            for k, ((a0, e0), (a1, e1)) in enumerate(pairwise(edges))
        )
        return Alignment(units, pinned=False)

    def _best_split(self, ar: _Side, en: _Side) -> tuple[list[tuple[int, int]], list[float]]:
        """The best cuts (Arabic offset, English offset) and the confidence of each (or, when the
        best is no cut, the confidence of that alone): its posterior
        probability when the costs are read as -log probabilities and every alignment of the two
        texts is weighed (forward-backward), so a cut that another nearly as good alignment puts
        elsewhere, or leaves out, is not trusted."""
        n, m = len(ar.bounds) - 1, len(en.bounds) - 1
        steps = self._steps(ar, en)
        best: dict[tuple[int, int], float] = {(0, 0): 0.0}
        back: dict[tuple[int, int], tuple[int, int]] = {}
        forward: dict[tuple[int, int], float] = {(0, 0): 0.0}  # -log of the summed probabilities
        for i, j, i2, j2, cost in steps:  # in order of their start, which every step into it precedes
            if (i, j) not in best:
                continue
            if best.get((i2, j2), math.inf) > best[(i, j)] + cost:
                best[(i2, j2)] = best[(i, j)] + cost
                back[(i2, j2)] = (i, j)
            forward[(i2, j2)] = _plus(forward.get((i2, j2), math.inf), forward[(i, j)] + cost)
        end = (n, m)  # reached: the paragraph as one unit is always a step
        backward: dict[tuple[int, int], float] = {end: 0.0}
        for i, j, i2, j2, cost in reversed(steps):
            if (i2, j2) in backward:
                backward[(i, j)] = _plus(backward.get((i, j), math.inf), cost + backward[(i2, j2)])
        path = []
        state = back.get(end, (0, 0))
        while state != (0, 0):
            path.append(state)
            state = back[state]
        path.reverse()
        total = forward[end]
        if not path:  # the paragraph is best left whole: how sure that is
            whole_cost = next(cost for i, j, i2, j2, cost in steps if (i, j, i2, j2) == (0, 0, n, m))
            return [], [math.exp(total - whole_cost)]
        confidences = [math.exp(total - forward[state] - backward[state]) for state in path]
        return [(ar.bounds[i], en.bounds[j]) for i, j in path], confidences

    def _steps(self, ar: _Side, en: _Side) -> list[tuple[int, int, int, int, float]]:
        """Every unit worth weighing, (i, j) → (i2, j2) over the bounds of each side, with its cost:
        length disagreement, anchors split from their partners, and the cut it ends with. Units
        whose lengths disagree beyond MAX_DELTA are left out, except the whole paragraph, so that
        there is always an alignment; ordered by (j, i) of their start."""
        n, m = len(ar.bounds) - 1, len(en.bounds) - 1
        ratio, variance = self.model.ratio, self.model.variance * UNIT_VARIANCE
        keys = bool(ar.before[0])  # any anchor both languages have
        steps = []
        for j in range(m):
            for j2 in [*range(j + 1, min(j + MAX_PIECES, m) + 1), *([m] if j == 0 and m > MAX_PIECES else [])]:
                english_length = en.bounds[j2] - en.bounds[j]
                english_anchors = tuple(b - a for a, b in zip(en.before[j], en.before[j2], strict=True)) if keys else ()
                for i in range(n) if j2 < m or j == 0 else range(max(0, n - MAX_PIECES), n):
                    # a unit ends both texts or neither, and spans at most MAX_PIECES pieces of each
                    for i2 in range(i + 1, min(i + MAX_PIECES, n - 1) + 1) if j2 < m else (n,):
                        if j2 == m and n - i > MAX_PIECES and (i or j):
                            continue
                        arabic_length = ar.bounds[i2] - ar.bounds[i]
                        spread = MAX_DELTA * math.sqrt(arabic_length * variance)
                        too_short = arabic_length * ratio - english_length > spread
                        if too_short or english_length - arabic_length * ratio > spread:
                            if i or j or i2 < n or j2 < m:  # the paragraph as one unit is always weighed
                                if too_short:
                                    break  # longer Arabic only disagrees more
                                continue
                        cost = length_cost(arabic_length, english_length, ratio, variance)
                        if english_anchors:
                            split = zip(ar.before[i], ar.before[i2], english_anchors, strict=True)
                            cost += ANCHOR_COST * sum(abs(b - a - e) for a, b, e in split)
                        if i2 < n:
                            cost += self._cut_cost(ar.kinds[i2 - 1], en.kinds[j2 - 1])
                        steps.append((i, j, i2, j2, cost))
        steps.sort(key=lambda step: (step[1], step[0]))
        return steps

    @staticmethod
    def _cut_cost(arabic_kind: str, english_kind: str) -> float:
        cost = ARABIC_CUT_COST[arabic_kind] + ENGLISH_CUT_COST[english_kind]
        if arabic_kind == english_kind:
            cost -= SAME_MARK_BONUS
        return cost


def _plus(a: float, b: float) -> float:
    """-log(e^-a + e^-b), without overflow."""
    low, high = min(a, b), max(a, b)
    return low if high == math.inf else low - math.log1p(math.exp(low - high))


def whole(arabic: str, english: str, confidence: float = 1.0) -> Alignment:
    """The segment as one unit."""
    return Alignment((Unit((0, len(arabic)), (0, len(english)), round(confidence, 3)),), pinned=False)


# --- an editor's pin ---------------------------------------------------------------------------


class PinError(ValueError):
    """A pin that does not fit its text; the build names the line of the cut that does not fit."""

    def __init__(self, message: str, cut: int):
        super().__init__(message)
        self.cut = cut  # which of the entry's `units` lines, from 0


def pinned(arabic: str, english: str, cuts: Sequence[str]) -> Alignment:
    """The alignment an editor wrote: each cut gives the last words of a unit in the Arabic and in
    the English, `[ARABIC WORDS] [ENGLISH WORDS]`, found in order after the previous cut, whatever
    the spacing (so re-wrapping the PO entry changes nothing); `whole` keeps the paragraph one
    unit. The brackets show where a cut ends, so a line a PO tool has wrapped is refused, not
    read short."""
    if [cut.strip() for cut in cuts] == [WHOLE]:
        return Alignment(whole(arabic, english).units, pinned=True)
    starts = [(0, 0)]
    for k, cut in enumerate(cuts):
        found = _CUT.fullmatch(cut.strip())
        if found is None:
            raise PinError(_malformed(cut), k)
        try:
            starts.append(
                (
                    _after(arabic, found["arabic"], starts[-1][0], "Arabic"),
                    _after(english, found["english"], starts[-1][1], "English"),
                )
            )
        except ValueError as error:
            raise PinError(str(error), k) from None
    ends = [*starts[1:], (len(arabic), len(english))]
    units = tuple(Unit((a0, a1), (e0, e1), 1.0) for (a0, e0), (a1, e1) in zip(starts, ends, strict=True))
    return Alignment(units, pinned=True)


_CUT = re.compile(r"\[(?P<arabic>[^\[\]]*\S[^\[\]]*)\]\s*\[(?P<english>[^\[\]]*\S[^\[\]]*)\]")


def _malformed(cut: str) -> str:
    if re.fullmatch(r"\[[^\[\]]+\]\s*(?:\[[^\[\]]*)?", cut.strip()):  # one side whole, the other short
        return (
            f"the pinned cut «{cut.strip()}» is cut short (PO tools wrap comment lines longer than 78 characters): "
            "put it back on one line, with fewer words"
        )
    return f"the pinned cut «{cut.strip()}» is not `[ARABIC WORDS] [ENGLISH WORDS]` (or `{WHOLE}`)"


def _after(text: str, words: str, start: int, language: str) -> int:
    """Where the next unit starts: after the first occurrence of `words` from `start` on, and the space after it."""
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    found = re.compile(pattern).search(text, start)
    if found is None:
        raise ValueError(f"the pinned cut «{words.strip()}» is not in the {language} after the previous cut")
    after = found.end()
    while after < len(text) and text[after].isspace():
        after += 1
    if after >= len(text):
        raise ValueError(f"the pinned cut «{words.strip()}» ends the {language}: a cut must leave text after it")
    return after


def pin_of(translation: Translation) -> list[str] | None:
    """The cuts of the editor's `# muwazi: units` lines, in order; None when there are none."""
    cuts = [rest for word, rest in translation.directives if word == PIN]
    return cuts or None


# --- an article ---------------------------------------------------------------------------------


def alignments(annotated: AnnotatedArticle, aligner: Aligner, translations: Path) -> tuple[Alignment, ...]:
    """One alignment per segment, in order; a pin that does not fit is refused at its PO line."""
    found = []
    translated = annotated.translated
    for (segment, translation), arabic, english in zip(
        translated.pairs(), annotated.arabic, annotated.english, strict=True
    ):
        text = translation.english or ""
        cuts = pin_of(translation)
        if cuts is not None and translation.status != PENDING:
            try:
                found.append(pinned(segment.text, text, cuts))
            except PinError as error:
                path = memory.path_for(translations, translated.article.slug)
                raise MuwaziError(
                    f"{error}: correct the `# muwazi: {PIN}` line", path, pin_line(path, segment, error.cut)
                ) from None
        elif segment.kind == "paragraph" and text:
            found.append(aligner.align(segment.text, text, arabic, english))
        else:
            found.append(whole(segment.text, text))
    return tuple(found)


def aligned(annotated: AnnotatedArticle, aligner: Aligner, translations: Path) -> AnnotatedArticle:
    return replace(annotated, alignments=alignments(annotated, aligner, translations))


def pin_line(path: Path, segment: Segment, cut: int) -> int | None:
    """The line of the segment's `cut`-th `# muwazi: units` comment in its PO file (read again
    only to name it in an error: the memory's entries do not carry their lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for item in memory.load_catalogue(path, ""):
        if item.msgid == segment.text:
            number = item.linenum or 1
            pins = []
            while number <= len(lines) and not lines[number - 1].startswith("msgid "):
                found = memory.DIRECTIVE.fullmatch(lines[number - 1].removeprefix("# "))
                if lines[number - 1].startswith("# ") and found and found["word"] == PIN:
                    pins.append(number)
                number += 1
            return pins[cut] if cut < len(pins) else number
    return None


# --- the fitted model -----------------------------------------------------------------------------


def fit(translations: Path) -> LengthModel:
    """Gale and Church's parameters from every paragraph pair in the memory: the ratio of the total
    lengths, and the variance of each pair's English length around it, per Arabic character."""
    pairs = []
    for path in sorted(translations.glob("*.po")):
        for arabic, entry in memory.entries(memory.load_catalogue(path, path.stem)).items():
            pairs.append((len(arabic.strip()), len(entry.english.strip())))
    pairs = [(a, e) for a, e in pairs if a > 0 and e > 0]
    if len(pairs) < 2:
        return DEFAULT_MODEL
    ratio = sum(e for _, e in pairs) / sum(a for a, _ in pairs)
    variance = sum((e - a * ratio) ** 2 for a, e in pairs) / sum(a for a, _ in pairs)
    return LengthModel(round(ratio, 4), round(max(variance, 0.1), 4), len(pairs))


def write_model(model: LengthModel, content: Path) -> Path:
    path = content / MODEL_FILE
    data = {"ratio": model.ratio, "variance": model.variance, "pairs": model.pairs}
    write_atomically(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return path


def load_model(content: Path) -> LengthModel:
    """The committed fit, so that a build is deterministic and adding an article changes no other
    article's units until the model is fitted again; the defaults when there is none."""
    path = content / MODEL_FILE
    if not path.exists():
        return DEFAULT_MODEL
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = LengthModel(float(data["ratio"]), float(data["variance"]), int(data["pairs"]))
    except (ValueError, KeyError, TypeError) as error:
        raise MuwaziError(f"not an alignment model ({error}): run `muwazi align fit` to write it again", path) from None
    if model.ratio <= 0 or model.variance <= 0:
        raise MuwaziError("the ratio and variance must be positive: run `muwazi align fit`", path)
    return model


# --- what an editor should look at ---------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A paragraph whose alignment an editor may want to see: pinned, or left whole as unsure."""

    path: Path  # the article file
    line: int
    kind: str  # PINNED_NOTE or UNSURE_NOTE
    message: str


PINNED_NOTE, UNSURE_NOTE = "alignment-pinned", "alignment-unsure"


def notes_of(annotated: AnnotatedArticle) -> list[Note]:
    """The pinned and the not confident alignments of an aligned article, at their segments' lines."""
    found = []
    translated: TranslatedArticle = annotated.translated
    for (segment, translation), alignment in zip(translated.pairs(), annotated.alignments, strict=True):
        confidence = min(unit.confidence for unit in alignment.units)
        if alignment.pinned:
            found.append(Note(translated.article.path, segment.line, PINNED_NOTE, _pinned_message(alignment)))
        elif confidence < CONFIDENT:
            found.append(
                Note(
                    translated.article.path,
                    segment.line,
                    UNSURE_NOTE,
                    f"shown as one unit: its best split into sentences is not sure enough ({confidence:.2f}); "
                    f"pin it with `# muwazi: {PIN} …` lines in the PO entry if it should be split"
                    + ("" if translation.status == REVIEWED else " (the translation is not reviewed yet)"),
                )
            )
    return found


def _pinned_message(alignment: Alignment) -> str:
    count = len(alignment.units)
    return f"alignment pinned by an editor: {count} unit{'s' if count != 1 else ''}"


def describe(model: LengthModel) -> str:
    """The model in words, for `muwazi align fit` to print."""
    fitted = f"fitted on {model.pairs} pairs" if model.pairs else "the defaults"
    return f"ratio {model.ratio} English characters per Arabic character, variance {model.variance} ({fitted})"
