#!/usr/bin/env python3
"""Writes the SMP2020-EWECT Weibo posts (COVID part, Chinese) listed in shared/data/SOURCES.md in one
layout for training and evaluation of the Chinese text model:

  OUT/weibo.tsv   text <TAB> category <TAB> label <TAB> split     (category: one of our seven; label: the set's own)

Usage (the snapshot as extracted with `git archive 229336e data/virus_train.txt data/virus_eval_labeled.txt | tar -x -C DIR`
from Qinzixin/covid-19-weibo-text-analysis):
  scripts/data/prepare_weibo.py --weibo DIR --out /work/data-extra/weibo

Labels: happy -> happiness, angry -> anger, sad -> sadness, fear, surprise, "neural" (sic) -> neutral; the set has
no disgust.
Splits: virus_eval_labeled.txt (2,000 posts) is "test", measured once at the end. virus_train.txt (8,606) is split
90/10 into "train" and "dev" (dev: the held-out part that chooses the head's settings and fits its temperature) by a
shuffle with a fixed seed (--seed, default 7), so the split is the same on every run.
Texts are whitespace-normalized; empty texts are dropped; exact duplicates are dropped within train+dev (the first
kept) and test posts that also occur in train+dev are dropped from train+dev, not from test.
Licence of the data: research only (SMP2020-EWECT evaluation terms): so is every model trained on it.
"""
import argparse
import json
import os
import random
import sys

LABELS = {"happy": "happiness", "angry": "anger", "sad": "sadness", "fear": "fear", "surprise": "surprise",
          "neural": "neutral", "neutral": "neutral"}


def clean(t):
    return " ".join(t.replace("\t", " ").split())


def read(path):
    with open(path, encoding="utf-8") as f:
        for row in json.load(f):
            yield clean(row["content"]), row["label"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weibo", required=True, help="directory holding data/virus_train.txt and data/virus_eval_labeled.txt")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dev-share", type=float, default=0.1)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    test = [(t, l) for t, l in read(os.path.join(a.weibo, "data", "virus_eval_labeled.txt")) if t]
    test_texts = {t for t, _ in test}
    seen = set()
    train = []
    for t, l in read(os.path.join(a.weibo, "data", "virus_train.txt")):
        if not t or t in seen or t in test_texts:
            continue
        seen.add(t)
        train.append((t, l))
    order = list(range(len(train)))
    random.Random(a.seed).shuffle(order)
    dev = set(order[:round(a.dev_share * len(train))])
    counts = {}
    with open(os.path.join(a.out, "weibo.tsv"), "w", encoding="utf-8") as out:
        out.write("text\tcategory\tlabel\tsplit\n")
        rows = [(t, l, "dev" if i in dev else "train") for i, (t, l) in enumerate(train)] + [(t, l, "test") for t, l in test]
        for t, l, split in rows:
            out.write(f"{t}\t{LABELS[l]}\t{l}\t{split}\n")
            counts[(split, LABELS[l])] = counts.get((split, LABELS[l]), 0) + 1
    for split in ("train", "dev", "test"):
        row = {c: n for (s, c), n in sorted(counts.items()) if s == split}
        print(f"weibo {split:5s} {sum(row.values()):6d}  " + " ".join(f"{c}={n}" for c, n in row.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
