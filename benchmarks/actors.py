"""How well actors are found: the matcher and the candidate check scored against articles marked by hand.

    .venv/bin/python benchmarks/actors.py [--misses] [ARTICLES_DIR]

ARTICLES_DIR (default benchmarks/actors/) holds NAME.txt articles and NAME.yml files with each
segment's English and its gold: every mention of a known actor, every person the gazetteer does
not know, and the other proper names (see benchmarks/actors/README.md). Each article is read,
annotated with content/actors.yml as the build does (mentions linked only where both languages
name the actor), and put through the candidate check as `muwazi actors check` runs it.

Prints, for mentions of each kind (names, seats, adjectives) and in all, the recall and the
precision of the linked Arabic mentions (a mention is right when its actor and its words are);
the recall of unknown people (a person is named when a candidate line gives one of the spellings
the article uses for them, an attached و، ف، ب or ل aside); and the share of candidate lines
that are no name at all (naming no person and no other name of the gold). --misses lists what
was missed and what was wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from muwazi.actors import ArabicFinder, CandidateFinder, EnglishFinder, annotate, load_gazetteer  # noqa: E402
from muwazi.arabic import folded  # noqa: E402
from muwazi.source import parse  # noqa: E402
from muwazi.translate import REVIEWED, TranslatedArticle, Translation  # noqa: E402

FORMS = ("names", "seats", "adjectives")
ATTACHED = "وفبل"


@dataclass
class Score:
    gold: Counter = field(default_factory=Counter)  # by form
    found: Counter = field(default_factory=Counter)  # by form
    right_gold: Counter = field(default_factory=Counter)  # gold mentions found, by their form
    right_found: Counter = field(default_factory=Counter)  # found mentions that are gold, by their form
    people: int = 0
    named: int = 0
    lines: int = 0
    noise: int = 0
    misses: list[str] = field(default_factory=list)


def readings(name: str) -> set[str]:
    """A candidate's name folded, as written and with an attached letter left out."""
    name = folded(name.strip())
    return {name, name[1:]} if len(name) > 4 and name[0] in ATTACHED else {name}


def score_article(text_path: Path, finders: tuple, score: Score) -> None:
    arabic, english, cues = finders
    article = parse(text_path.read_text(encoding="utf-8"), text_path)
    gold = yaml.safe_load(text_path.with_suffix(".yml").read_text(encoding="utf-8"))
    if len(gold) != len(article.segments):
        raise SystemExit(f"{text_path.with_suffix('.yml')}: {len(gold)} entries for {len(article.segments)} segments")
    translations = tuple(Translation(entry["en"], REVIEWED) for entry in gold)
    annotated = annotate(TranslatedArticle(article, translations), arabic, english, cues)
    spellings: dict[str, set[str]] = {}
    names: set[str] = set()
    for entry in gold:
        for person, written in entry.get("people") or []:
            spellings.setdefault(person, set()).add(folded(written))
        names |= {folded(name) for name in entry.get("names") or []}
    proposed: set[str] = set()
    for segment, entry, mentions in zip(article.segments, gold, annotated.arabic, strict=True):
        expected = Counter((actor, text) for actor, _form, text in entry.get("mentions") or [])
        forms = {(actor, text): form for actor, form, text in entry.get("mentions") or []}
        got = Counter((m.actor, segment.text[m.start : m.end]) for m in mentions)
        got_forms = {(m.actor, segment.text[m.start : m.end]): m.form for m in mentions}
        for mention, count in expected.items():
            score.gold[forms[mention]] += count
            score.right_gold[forms[mention]] += min(count, got[mention])
            if got[mention] < count:
                score.misses.append(f"{text_path.name} #{segment.anchor or 'top'}: missed {mention}")
        for mention, count in got.items():
            score.found[got_forms[mention]] += count
            score.right_found[got_forms[mention]] += min(count, expected[mention])
            if expected[mention] < count:
                score.misses.append(f"{text_path.name} #{segment.anchor or 'top'}: wrong {mention}")
        for candidate in cues.find(segment.text, entry["en"]):
            lines = readings(segment.text[slice(*candidate.name)])
            proposed |= lines
            score.lines += 1
            known = set().union(*spellings.values(), names)
            if not any(name in line or line in name for name in known for line in lines):
                score.noise += 1
                score.misses.append(f"{text_path.name} #{segment.anchor or 'top'}: no name: {min(lines)}")
    for person, written in spellings.items():
        score.people += 1
        if written & proposed:
            score.named += 1
        else:
            score.misses.append(f"{text_path.name}: unnamed person {person} {sorted(written)}")


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, default=ROOT / "benchmarks" / "actors")
    parser.add_argument("--misses", action="store_true", help="list every miss and every wrong line")
    options = parser.parse_args()
    actors = load_gazetteer(ROOT / "content" / "actors.yml")
    arabic, english = ArabicFinder(actors), EnglishFinder(actors)
    finders = (arabic, english, CandidateFinder(arabic, english))
    score = Score()
    paths = sorted(options.articles.glob("*.txt"))
    for path in paths:
        score_article(path, finders, score)
    print(f"{len(paths)} articles, {sum(score.gold.values())} mentions marked, {score.people} unknown people\n")
    print("| mentions | marked | linked | recall | precision |")
    print("|---|---:|---:|---:|---:|")
    for form in (*FORMS, "all"):
        pick = FORMS if form == "all" else (form,)
        gold, found = sum(score.gold[f] for f in pick), sum(score.found[f] for f in pick)
        right_gold, right_found = sum(score.right_gold[f] for f in pick), sum(score.right_found[f] for f in pick)
        print(f"| {form} | {gold} | {found} | {share(right_gold, gold)} | {share(right_found, found)} |")
    print()
    print("| candidates | count | share |")
    print("|---|---:|---:|")
    print(f"| unknown people named | {score.named} of {score.people} | {share(score.named, score.people)} |")
    print(f"| candidate lines that are no name | {score.noise} of {score.lines} | {share(score.noise, score.lines)} |")
    if options.misses:
        print("\n" + "\n".join(score.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
