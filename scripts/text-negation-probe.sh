#!/usr/bin/env bash
# Does the text model read the negations in a text? For every dev-split text of the prepared corpora
# that has a negation, read it as it is and with its negations taken out ("wasn't" -> "was",
# "no" -> "some", ...), through ./emospectrum text (the default model, as shipped); then print, per
# corpus, how accurate and how confident the readings are where taking the negation out changed the
# dominant category ("read") and where it did not ("not read").
#
#   scripts/text-negation-probe.sh [ROWS_TSV] [WORK_DIR]
#   (defaults: /work/data-extra/text-features/rows.tsv, target/negation-probe)
#
# ROWS_TSV is the rows.tsv that `emospectrum-tools export text-features` writes (docs/text-corpora.md) (text, category,
# corpus, split). The dev rows are in domain for the default model: it trained on the train splits.
set -euo pipefail
rows="${1:-/work/data-extra/text-features/rows.tsv}"
work="${2:-target/negation-probe}"
mkdir -p "$work"
python3 - "$rows" "$work" <<'PY'
import csv, re, sys
rows, work = sys.argv[1], sys.argv[2]
NEG = re.compile(r"\b(not|no|never|nothing|nobody|none|nowhere|neither|nor|without|hardly|barely|scarcely|cannot)\b|n[’']t\b", re.I)
def strip(s):
    s = re.sub(r"\bcan[’']t\b", "can", s, flags=re.I)
    s = re.sub(r"\bwon[’']t\b", "will", s, flags=re.I)
    s = re.sub(r"n[’']t\b", "", s, flags=re.I)
    s = re.sub(r"\bcannot\b", "can", s, flags=re.I)
    s = re.sub(r"\b(not|never|hardly|barely|scarcely)\s+", "", s, flags=re.I)
    s = re.sub(r"\bno\b", "some", s, flags=re.I)
    s = re.sub(r"\bnothing\b", "something", s, flags=re.I)
    s = re.sub(r"\bnobody\b", "somebody", s, flags=re.I)
    return s
with open(rows, newline="") as f, open(f"{work}/orig.txt", "w") as a, open(f"{work}/strip.txt", "w") as b, \
        open(f"{work}/gold.tsv", "w") as g:
    r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    next(r)
    for t in r:
        if len(t) >= 4 and t[3] == "dev" and NEG.search(t[0]):
            text = t[0].replace("\n", " ")
            a.write(text + "\n"); b.write(strip(text) + "\n"); g.write(f"{t[1]}\t{t[2]}\n")
PY
./emospectrum text --input "$work/orig.txt" > "$work/orig.jsonl"
./emospectrum text --input "$work/strip.txt" > "$work/strip.jsonl"
python3 - "$work" <<'PY'
import json, sys
from collections import defaultdict
w = sys.argv[1]
orig = [json.loads(l) for l in open(f"{w}/orig.jsonl")]
strip = [json.loads(l) for l in open(f"{w}/strip.jsonl")]
gold = [l.rstrip("\n").split("\t") for l in open(f"{w}/gold.tsv")]
stats = defaultdict(lambda: [0, 0, 0.0])
for o, s, (cat, corpus) in zip(orig, strip, gold):
    key = "read" if o["dominant"] != s["dominant"] else "not read"
    for k in ((corpus, key), ("all", key)):
        stats[k][0] += 1; stats[k][1] += o["dominant"] == cat; stats[k][2] += o["confidence"]
print("| corpus | negation | texts | accuracy | mean confidence |")
print("| --- | --- | --- | --- | --- |")
for (corpus, key) in sorted(stats):
    n, right, conf = stats[(corpus, key)]
    print(f"| {corpus} | {key} | {n} | {right / n:.3f} | {conf / n:.3f} |")
PY
