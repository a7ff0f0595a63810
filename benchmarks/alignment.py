"""Score the aligner's cut points against gold alignments written by hand.

    python benchmarks/alignment.py            # the seed and the articles in benchmarks/alignment/

Each gold file (benchmarks/alignment/gold/<slug>.gold) lists, under `@LINE` for a paragraph of the
article, the cuts a person makes in the notation of a pin (`[ARABIC WORDS] [ENGLISH WORDS]`, the
last words of a unit in each language); a paragraph not listed is one unit. A predicted cut is
right when both its Arabic and its English position match a gold cut, spaces aside. The articles
go through the real pipeline (reader, memory, both actor finders) with the project's gazetteer
and fitted length model.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from muwazi.actors import ArabicFinder, EnglishFinder, annotate, load_gazetteer  # noqa: E402
from muwazi.align import CONFIDENT, Aligner, Alignment, load_model, pinned  # noqa: E402
from muwazi.source import read_article  # noqa: E402
from muwazi.translate import translate  # noqa: E402

GOLD = ROOT / "benchmarks" / "alignment"
CORPORA = {
    "seed": (ROOT / "content" / "articles", ROOT / "content" / "translations"),
    "press-style": (GOLD / "articles", GOLD / "translations"),
}


@dataclass(frozen=True)
class Score:
    paragraphs: int
    gold: int  # cuts in the gold
    predicted: int
    right: int
    whole: int  # paragraphs the aligner left whole because it was not sure of a split
    whole_with_gold_cuts: int  # of those, the ones the gold cuts

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: Path) -> dict[int, list[str]]:
    """The gold cuts of each paragraph, by the paragraph's line in the article."""
    cuts: dict[int, list[str]] = {}
    line: int | None = None
    for text in path.read_text(encoding="utf-8").splitlines():
        if not text.strip() or text.startswith("#"):
            continue
        if heading := re.fullmatch(r"@(\d+)", text.strip()):
            line = int(heading[1])
            cuts[line] = []
        elif line is None:
            raise SystemExit(f"{path}: a cut before any @LINE")
        else:
            cuts[line].append(text)
    return cuts


def cut_points(alignment: Alignment, arabic: str, english: str) -> set[tuple[int, int]]:
    """Where each unit after the first begins, moved back over spaces (so spaces do not count)."""
    return {
        (len(arabic[: unit.arabic[0]].rstrip()), len(english[: unit.english[0]].rstrip()))
        for unit in alignment.units[1:]
    }


def score(corpora: dict[str, tuple[Path, Path]] = CORPORA) -> dict[str, Score]:
    actors = load_gazetteer(ROOT / "content" / "actors.yml")
    arabic_finder, english_finder = ArabicFinder(actors), EnglishFinder(actors)
    aligner = Aligner(load_model(ROOT / "content"))
    scores = {}
    for name, (articles, translations) in corpora.items():
        counts = [0, 0, 0, 0, 0, 0]
        for path in sorted(articles.glob("*.txt")):
            gold = read_gold(GOLD / "gold" / f"{path.stem}.gold")
            annotated = annotate(translate(read_article(path), translations), arabic_finder, english_finder)
            pairs = annotated.translated.pairs()
            for (segment, translation), ar, en in zip(pairs, annotated.arabic, annotated.english, strict=True):
                if segment.kind != "paragraph" or not translation.english:
                    continue
                english = translation.english
                found = aligner.align(segment.text, english, ar, en)
                expected = cut_points(pinned(segment.text, english, gold.get(segment.line, [])), segment.text, english)
                predicted = cut_points(found, segment.text, english)
                left_whole = len(found.units) == 1 and found.units[0].confidence < CONFIDENT
                for k, value in enumerate(
                    (1, len(expected), len(predicted), len(expected & predicted), left_whole, left_whole and expected)
                ):
                    counts[k] += bool(value) if k >= 4 else value
        scores[name] = Score(*counts)
    return scores


def table(scores: dict[str, Score]) -> str:
    rows = [
        "| gold | paragraphs | gold cuts | predicted | right | precision | recall | F1 | left whole (of which cut in gold) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in scores.items():
        rows.append(
            f"| {name} | {s.paragraphs} | {s.gold} | {s.predicted} | {s.right} | {s.precision:.2f} | {s.recall:.2f} "
            f"| {s.f1:.2f} | {s.whole} ({s.whole_with_gold_cuts}) |"
        )
    return "\n".join(rows)


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    print(table(score()))


if __name__ == "__main__":
    main()
