#!/usr/bin/env bash
# Scaling benchmark of the batch command and the Spark job on one machine (docs/spark.md, docs/batch.md).
# Makes CLIPS copies of the 10 s test clip (scripts/make-test-clip.sh: faces, speech) and TEXTS short
# texts (GoEmotions train, repeated), then times, in one run:
#   batch CLI --jobs 1 vs --jobs 2 on the clips; Spark local[1] vs local[2] on the clips;
#   the text CLI vs the Spark text job on local[2] on the texts.
# Each line: the command's own figure (analysis time, without JVM and Spark start-up where it says
# so), then /usr/bin/time's wall seconds and peak resident memory of the whole JVM.
#   scripts/scale-bench.sh [WORK_DIR] [CLIPS] [TEXTS]      (default target/scale-bench 20 100000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$ROOT/target/scale-bench}"
clips="${2:-20}"
texts="${3:-100000}"
export EMOSPECTRUM_SHARED_DATA="${EMOSPECTRUM_SHARED_DATA:-$ROOT/../shared/data}"
data="$EMOSPECTRUM_SHARED_DATA"
mkdir -p "$work"
cd "$ROOT"
[ -f "$work/clip/test-clip.mp4" ] || scripts/make-test-clip.sh "$work/clip" >/dev/null
: > "$work/clips.txt"
for i in $(seq -w 1 "$clips"); do
  cp "$work/clip/test-clip.mp4" "$work/clip/clip-$i.mp4"
  echo "$work/clip/clip-$i.mp4" >> "$work/clips.txt"
done
python3 - "$data/text/goemotions/train.tsv" "$texts" "$work/texts.txt" <<'PY'
import sys, itertools
src = [l.split('\t')[0] for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
with open(sys.argv[3], 'w', encoding='utf-8') as out:
    for t in itertools.islice(itertools.cycle(src), int(sys.argv[2])):
        out.write(t + '\n')
PY
./emospectrum --version >/dev/null        # build both tools before timing anything
./emospectrum-spark --version >/dev/null
measure() {  # label, command...
  local label="$1"; shift
  echo "== $label: $*"
  /usr/bin/time -f "   $label: %e s wall (whole command), %M KB peak RSS" "$@" 2>&1 >/dev/null \
    | grep -E 'emospectrum batch:|emospectrum-spark: wrote|peak RSS' | sed 's/^/   /'
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%FT%TZ)"
rm -rf "$work/b1" "$work/b2" "$work/s1" "$work/s2" "$work/st"
measure "batch --jobs 1" ./emospectrum batch video --list "$work/clips.txt" --out "$work/b1" --jobs 1 --no-progress
measure "batch --jobs 2" ./emospectrum batch video --list "$work/clips.txt" --out "$work/b2" --jobs 2 --no-progress
measure "spark local[1] clips" ./emospectrum-spark --master 'local[1]' clips --input "$work/clips.txt" --out "$work/s1"
measure "spark local[2] clips" ./emospectrum-spark --master 'local[2]' clips --input "$work/clips.txt" --out "$work/s2"
measure "text CLI" ./emospectrum text --input "$work/texts.txt"
measure "spark local[2] texts" ./emospectrum-spark --master 'local[2]' texts --input "$work/texts.txt" --out "$work/st"
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
