"""The sentence-pair scorer (`benchmarks/similarity.py`) against rapidfuzz, on paraphrase data.

The data (`../shared/bench/paraphrase`: STS-B train/dev, MRPC train) is third-party text, read
at run time and never copied into the repository; MRPC's licence forbids shipping it. Both
scorers run in the same process on the same pairs:

- STS-B, news genre (the genre of our articles): Pearson correlation of the score with the
  human 0-5 similarity, on train and on dev. Each split's word weights come from its own
  sentences, as the aligner's come from one event's claims.
- MRPC (paraphrase yes/no): accuracy of "score >= threshold", the threshold chosen on four
  folds of the training pairs and applied to the fifth (interleaved folds, every fifth pair),
  summed over the five; and the same with the last fifth held out as one test set.

    python benchmarks/paraphrase.py [--data DIR]

Exits 2 when the data folder is missing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, utils

from benchmarks.similarity import NUMBERS_DIFFER, fit, sentence_words

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "paraphrase"
FOLDS = 5

Pair = tuple[float, str, str]  # gold (STS 0-5, MRPC 0/1), sentence, sentence
Scores = Callable[[Sequence[Pair]], list[float]]


def read_sts(path: Path, genre: str = "main-news") -> list[Pair]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7 and fields[0] == genre:
            rows.append((float(fields[4]), fields[5], fields[6]))
    return rows


def read_mrpc(path: Path) -> list[Pair]:
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("\t")
        if len(fields) == 5 and fields[0] in {"0", "1"}:
            rows.append((float(fields[0]), fields[3], fields[4]))
    return rows


def baseline(pairs: Sequence[Pair]) -> list[float]:
    """rapidfuzz token_set_ratio on lower-cased, punctuation-free text."""
    return [fuzz.token_set_ratio(a, b, processor=utils.default_process) for _, a, b in pairs]


def ours(pairs: Sequence[Pair], numbers: float | None = None) -> list[float]:
    """`benchmarks.similarity`, its weights fitted on the pairs' own sentences."""
    bags = [(sentence_words(a), sentence_words(b)) for _, a, b in pairs]
    scorer = fit((bag for pair in bags for bag in pair), *(() if numbers is None else (numbers,)))
    return [scorer.similarity(a, b) for a, b in bags]


def best_threshold(scores: Sequence[float], labels: Sequence[float]) -> float:
    """The threshold of highest accuracy on these pairs (one pass over the sorted scores)."""
    ranked = sorted(zip(scores, labels, strict=True))
    correct = sum(1 for _, label in ranked if label)  # at the lowest score every pair is "yes"
    best, at = correct, ranked[0][0]
    for n, (score, label) in enumerate(ranked):
        correct += -1 if label else 1  # a threshold above this score makes pair n a "no"
        if n + 1 < len(ranked) and ranked[n + 1][0] == score:
            continue
        if correct > best:
            best, at = correct, ranked[n + 1][0] if n + 1 < len(ranked) else score + 1
    return at


def accuracy(scores: Sequence[float], labels: Sequence[float], test: Sequence[bool]) -> float:
    """Accuracy on the `test` pairs of the threshold best on the others."""
    train = [(s, g) for s, g, t in zip(scores, labels, test, strict=True) if not t]
    threshold = best_threshold([s for s, _ in train], [g for _, g in train])
    held = [(s, g) for s, g, t in zip(scores, labels, test, strict=True) if t]
    return sum((s >= threshold) == bool(g) for s, g in held) / len(held)


def mrpc_figures(scores: Sequence[float], labels: Sequence[float]) -> tuple[float, float]:
    """Cross-validated accuracy over `FOLDS` interleaved folds, and last-fifth accuracy."""
    n = len(scores)
    folds = [accuracy(scores, labels, [i % FOLDS == f for i in range(n)]) for f in range(FOLDS)]
    cut = n - n // FOLDS
    return statistics.fmean(folds), accuracy(scores, labels, [i >= cut for i in range(n)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    files = {
        "sts-train": args.data / "sts-train.csv",
        "sts-dev": args.data / "sts-dev.csv",
        "mrpc": args.data / "msr_paraphrase_train.txt",
    }
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        print(f"paraphrase: missing {', '.join(missing)} (expected ../shared/bench/paraphrase)")
        return 2
    sts = {name: read_sts(files[name]) for name in ("sts-train", "sts-dev")}
    mrpc = read_mrpc(files["mrpc"])
    labels = [g for g, _, _ in mrpc]
    share = sum(labels) / len(labels)
    print(f"STS-B news: {len(sts['sts-train'])} train / {len(sts['sts-dev'])} dev pairs; "
          f"MRPC train: {len(mrpc)} pairs ({share:.0%} paraphrases)")  # fmt: skip
    print(f"{'scorer':38} {'STS train r':>11} {'STS dev r':>9} {'MRPC cv acc':>11} "
          f"{'MRPC last 1/5':>13} {'ms/pair':>7}")  # fmt: skip
    scorers: list[tuple[str, Scores]] = [
        ("rapidfuzz token_set_ratio", baseline),
        ("similarity (default: numbers ignored)", ours),
        ("similarity (numbers differ x0.6)", lambda pairs: ours(pairs, NUMBERS_DIFFER)),
    ]
    for name, score in scorers:
        started = time.perf_counter()
        r = [
            statistics.correlation(score(pairs), [g for g, _, _ in pairs]) for pairs in sts.values()
        ]
        cv, last = mrpc_figures(score(mrpc), labels)
        pairs = sum(map(len, sts.values())) + len(mrpc)
        ms = (time.perf_counter() - started) * 1000 / pairs
        print(f"{name:38} {r[0]:11.3f} {r[1]:9.3f} {cv:11.3f} {last:13.3f} {ms:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
