#!/usr/bin/env python3
"""Writes the text corpora approved in shared/data/SOURCES.md in one layout for training and
evaluation of the text model's category head:

  OUT/corpora.tsv   text <TAB> category <TAB> corpus <TAB> split     (category: one of our seven)
  OUT/emobank.tsv   text <TAB> valence <TAB> arousal <TAB> split      (EmoBank, 1-5 scales mapped to [-1, 1])

Usage (each snapshot as extracted with `git archive COMMIT PATH | tar -x -C DIR`):
  scripts/data/prepare_text_corpora.py --out /work/data-extra/text-corpora \
      --goemotions ../shared/data/text/goemotions \
      --dailydialog DIR   (ConvLab/ConvLab-3 @ 2a168fc: data/unified_datasets/dailydialog/data.zip, unzipped: data/dialogues.json)
      --emoevent DIR      (fmplaza/EmoEvent @ f55f01c: splits/en/{train,dev,test}.tsv)
      --isear DIR         (sinmaniphel/py_isear_dataset @ 948f4cf: isear.csv)
      --tec DIR           (abishekarun/Text-Emotion-Classification @ f53c07d: tweets_clean.txt)
      --emobank DIR       (JULIELab/EmoBank @ 248ce2a: corpus/emobank.csv)

Mappings (documented in docs/text-corpora.md):
  GoEmotions: comments with exactly one Ekman-level category (authors' ekman_mapping.json; neutral -> neutral).
  DailyDialog: "no emotion" -> neutral, the six others by name; its own train/validation/test splits.
  EmoEvent (English): joy -> happiness, the five others by name; "others" dropped (it mixes no emotion
    with emotions outside the six); its own splits.
  ISEAR: joy -> happiness, fear, anger, sadness, disgust; shame and guilt dropped (no category of ours);
    no official split: 80/10/10 by a hash of the text.
  TEC: joy -> happiness, the five others by name; hash split 80/10/10.
Texts are whitespace-normalized; empty texts and exact duplicates within a corpus are dropped.
"""
import argparse
import csv
import hashlib
import json
import os
import sys
import zipfile

CATS = ["neutral", "happiness", "sadness", "anger", "fear", "disgust", "surprise"]
BASIC = {"joy": "happiness", "happiness": "happiness", "sadness": "sadness", "anger": "anger", "fear": "fear",
         "disgust": "disgust", "surprise": "surprise"}


def clean(t):
    return " ".join(t.replace("\t", " ").split())


def hash_split(text):
    h = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "test" if h == 0 else "dev" if h == 1 else "train"


def goemotions(d):
    labels = [l.strip() for l in open(os.path.join(d, "labels.txt"), encoding="utf-8")]
    ekman = json.load(open(os.path.join(d, "ekman_mapping.json"), encoding="utf-8"))
    group = {"neutral": "neutral"}
    for g, members in ekman.items():
        for m in members:
            group[m] = BASIC.get(g, g)
    for split in ("train", "dev", "test"):
        for row in open(os.path.join(d, split + ".tsv"), encoding="utf-8"):
            f = row.rstrip("\n").split("\t")
            cats = {group[labels[int(i)]] for i in f[1].split(",")}
            if len(cats) == 1:
                yield f[0], cats.pop(), split


def dailydialog(d):
    path = os.path.join(d, "data", "dialogues.json")
    if not os.path.exists(path):
        with zipfile.ZipFile(os.path.join(d, "data", "unified_datasets", "dailydialog", "data.zip")) as z:
            dialogues = json.loads(z.read("data/dialogues.json"))
    else:
        dialogues = json.load(open(path, encoding="utf-8"))
    split_of = {"train": "train", "validation": "dev", "test": "test"}
    for dia in dialogues:
        for turn in dia["turns"]:
            e = turn["emotion"]
            yield turn["utterance"], "neutral" if e == "no emotion" else BASIC[e], split_of[dia["data_split"]]


def emoevent(d):
    for split in ("train", "dev", "test"):
        with open(os.path.join(d, "splits", "en", split + ".tsv"), encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                e = row["emotion"].strip()
                if e in BASIC:
                    yield row["tweet"], BASIC[e], split


def isear(d):
    with open(os.path.join(d, "isear.csv"), encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f, delimiter="|", quoting=csv.QUOTE_NONE):
            e = (row.get("Field1") or "").strip()
            t = row.get("SIT") or ""
            if e in BASIC and t.strip():
                yield t, BASIC[e], hash_split(clean(t))


def tec(d):
    for line in open(os.path.join(d, "tweets_clean.txt"), encoding="utf-8", errors="replace"):
        if ":: " not in line or ":\t" not in line:
            continue
        body, e = line.rsplit(":: ", 1)
        e = e.strip()
        t = body.split(":\t", 1)[1]
        if e in BASIC:
            yield t, BASIC[e], hash_split(clean(t))


def emobank(d):
    with open(os.path.join(d, "corpus", "emobank.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row["text"], (float(row["V"]) - 3) / 2, (float(row["A"]) - 3) / 2, row["split"]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    for name in ("goemotions", "dailydialog", "emoevent", "isear", "tec", "emobank"):
        p.add_argument("--" + name)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    readers = {"goemotions": goemotions, "dailydialog": dailydialog, "emoevent": emoevent, "isear": isear, "tec": tec}
    with open(os.path.join(a.out, "corpora.tsv"), "w", encoding="utf-8") as out:
        out.write("text\tcategory\tcorpus\tsplit\n")
        for name, read in readers.items():
            d = getattr(a, name)
            if not d:
                continue
            seen = set()
            counts = {}
            for text, cat, split in read(d):
                t = clean(text)
                if not t or t in seen:
                    continue
                seen.add(t)
                assert cat in CATS, (name, cat)
                out.write(f"{t}\t{cat}\t{name}\t{split}\n")
                counts[(split, cat)] = counts.get((split, cat), 0) + 1
            for split in ("train", "dev", "test"):
                row = {c: counts.get((split, c), 0) for c in CATS}
                print(f"{name:12s} {split:5s} {sum(row.values()):6d}  " + " ".join(f"{c}={n}" for c, n in row.items() if n), file=sys.stderr)
    if a.emobank:
        with open(os.path.join(a.out, "emobank.tsv"), "w", encoding="utf-8") as out:
            out.write("text\tvalence\tarousal\tsplit\n")
            n = 0
            for text, v, ar, split in emobank(a.emobank):
                t = clean(text)
                if t:
                    out.write(f"{t}\t{v:.4f}\t{ar:.4f}\t{split}\n")
                    n += 1
            print(f"emobank      {n} sentences with valence and arousal", file=sys.stderr)


if __name__ == "__main__":
    main()
