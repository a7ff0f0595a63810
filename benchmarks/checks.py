"""How well `muwazi check` catches what machines get wrong, on cases written by hand.

benchmarks/checks/cases.yml holds Arabic segments (the seed article's and some of our own) with
a faithful English, other faithful wordings of it, and corruptions of each kind. For each kind
this prints how many corruptions the check of that kind catches, and how many faithful
translations are flagged by any check (false alarms). Run it from the project folder:

    .venv/bin/python benchmarks/checks.py            # the table
    .venv/bin/python benchmarks/checks.py --verbose  # and every miss and false alarm
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from muwazi.actors import ArabicFinder, EnglishFinder, load_gazetteer  # noqa: E402
from muwazi.align import Aligner, load_model  # noqa: E402
from muwazi.checks import Checker  # noqa: E402
from muwazi.source import Segment, is_heading, read_article  # noqa: E402

SEED = ROOT / "content" / "articles" / "2018-06-01-moscow-putin-kim-summit.txt"
SEED_PO = ROOT / "content" / "translations" / "2018-06-01-moscow-putin-kim-summit.po"
CASES = Path(__file__).resolve().parent / "checks" / "cases.yml"
CAUGHT_BY = {  # the kind of corruption → the checks that catch it
    "names": {"names"},
    "figures": {"figures"},
    "arabic": {"arabic-script"},
    "unchanged": {"unchanged"},
    "quotations": {"quotations"},
    "dropped": {"dropped-clause"},
    "negation": {"negation"},
}
TARGETS = {
    "names": 0.9,
    "figures": 0.9,
    "arabic": 0.9,
    "unchanged": 0.9,
    "quotations": 0.9,
    "dropped": 0.6,
    "negation": 0.6,
}
FALSE_ALARMS = 0.05


def seed_pairs() -> dict[int, tuple[Segment, str]]:
    import polib

    english = {entry.msgid: entry.msgstr for entry in polib.pofile(str(SEED_PO)) if entry.msgid}
    return {segment.line: (segment, english[segment.text]) for segment in read_article(SEED).segments}


def corrupted(english: str, arabic: str, how) -> str:
    if how is True:
        return arabic
    if isinstance(how, str):
        return how
    for old, new in how:
        assert old in english, f"{old!r} is not in {english!r}"
        english = english.replace(old, new)
    return english


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    actors = load_gazetteer(ROOT / "content" / "actors.yml")
    model = load_model(ROOT / "content")  # the length model the build uses, fitted on the site's memory
    checker, aligner = Checker(actors, model), Aligner(model)
    arabic_finder, english_finder = ArabicFinder(actors), EnglishFinder(actors)
    seed = seed_pairs()

    def checks_failed(segment: Segment, english: str) -> list[str]:
        arabic_mentions, english_mentions = arabic_finder.find(segment.text), english_finder.find(english)
        alignment = aligner.align(segment.text, english, arabic_mentions, english_mentions)
        found = checker.failures(
            segment, english, {m.actor for m in arabic_mentions}, {m.actor for m in english_mentions}, alignment
        )
        return [f"{check}: {message}" for check, message, _ in found]

    caught = {kind: [0, 0] for kind in CAUGHT_BY}
    alarms, correct = 0, 0
    for case in yaml.safe_load(CASES.read_text(encoding="utf-8")):
        if "seed" in case:
            segment, english = seed[case["seed"]]
        else:
            kind = "heading" if is_heading(case["arabic"]) else "paragraph"
            segment, english = Segment(kind, case["arabic"], 0, ""), case["english"]
        for wording in [english, *case.get("rewordings", [])]:
            correct += 1
            if failed := checks_failed(segment, wording):
                alarms += 1
                if args.verbose:
                    print(f"false alarm: {wording[:70]}…\n    {failed}")
        for kind, how in case.get("corrupted", {}).items():
            text = corrupted(english, segment.text, how)
            failed = checks_failed(segment, text)
            hit = any(line.split(":")[0] in CAUGHT_BY[kind] for line in failed)
            caught[kind][0] += hit
            caught[kind][1] += 1
            if args.verbose and not hit:
                print(f"missed {kind}: {text[:70]}…\n    {failed}")
    print(f"{'kind':<12} {'caught':>8} {'of':>4} {'share':>6}  target")
    for kind, (hit, total) in caught.items():
        print(f"{kind:<12} {hit:>8} {total:>4} {hit / total:>6.0%}  ≥ {TARGETS[kind]:.0%}")
    print(f"{'false alarms':<12} {alarms:>8} {correct:>4} {alarms / correct:>6.0%}  ≤ {FALSE_ALARMS:.0%}")


if __name__ == "__main__":
    main()
