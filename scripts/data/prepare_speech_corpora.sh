#!/usr/bin/env bash
# Prepares the speech corpora of docs/data.md for `emospectrum-tools train voice-corpora`:
# every clip converted to 16 kHz mono 16-bit WAV under OUT/<corpus>/<speaker>/<original label>/, and one manifest,
# OUT/manifest.tsv, with a row per clip:
#
#   path (relative to OUT) <TAB> corpus <TAB> speaker <TAB> label <TAB> original label
#
# label is one of: neutral happy sad angry fearful disgust surprised (RAVDESS "calm" and TurEV-DB
# "calm" are neutral; their original label is kept in the last column). Speakers are named
# <corpus>-<id>, so a split by speaker never puts one voice on two sides.
#
# Usage: scripts/data/prepare_speech_corpora.sh OUT RAVDESS_DIR TESS NEMO ASED TUREV
#   RAVDESS_DIR  speech/ravdess of the shared data (Actor_NN/03-01-EE-II-SS-RR-AA.wav)
#   TESS ...     each a snapshot of the repository named in docs/data.md: a bare git directory
#                (read with `git archive HEAD`) or a plain checkout
# Needs git, sox and awk. Re-running rewrites the manifest; converted clips are kept.
set -euo pipefail

if [ $# -ne 6 ]; then
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
OUT=$1 RAVDESS=$2 TESS=$3 NEMO=$4 ASED=$5 TUREV=$6
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RAW="$OUT/raw"
MANIFEST="$OUT/manifest.tsv"
TMP="$MANIFEST.part"
: > "$TMP"

# Unpacks a snapshot's PATHS into raw/<corpus> (once).
unpack() {
    local corpus=$1 src=$2
    shift 2
    local dest="$RAW/$corpus"
    if [ -e "$dest/.done" ]; then
        return
    fi
    rm -rf "$dest" && mkdir -p "$dest"
    if git --git-dir="$src" rev-parse -q --verify HEAD > /dev/null 2>&1; then
        echo "$corpus: $(git --git-dir="$src" rev-parse --short HEAD) $*" >&2
        # Some snapshots lack blobs outside the paths asked for (git archive then exits non-zero
        # after writing every file that exists): keep what was extracted, say so.
        git --git-dir="$src" archive HEAD "$@" | tar -x -C "$dest" \
            || echo "$corpus: git archive reported an error; continuing with the $(find "$dest" -type f | wc -l) files extracted" >&2
    else
        for p in "$@"; do
            mkdir -p "$dest/$(dirname "$p")"
            cp -r "$src/$p" "$dest/$p"
        done
    fi
    touch "$dest/.done"
}

# Reads "source<TAB>corpus<TAB>speaker<TAB>label<TAB>original" rows on stdin, converts each
# source to OUT/<corpus>/<speaker>/<name>.wav and appends the manifest row.
convert() {
    local n=0
    while IFS=$'\t' read -r src corpus speaker label original; do
        local rel="$corpus/$speaker/$original/$(basename "${src%.*}").wav"
        if [ ! -s "$OUT/$rel" ]; then
            mkdir -p "$OUT/$corpus/$speaker/$original"
            if ! sox -q "$src" -r 16000 -c 1 -b 16 "$OUT/$rel" 2> /dev/null; then
                echo "skipped (sox cannot read it): $src" >&2
                rm -f "$OUT/$rel"
                continue
            fi
        fi
        printf '%s\t%s\t%s\t%s\t%s\n' "$rel" "$corpus" "$speaker" "$label" "$original" >> "$TMP"
        n=$((n + 1))
    done
    echo "$n clips" >&2
}

# RAVDESS: emotion code 01-08 in the file name, actor last.
find "$RAVDESS" -name '03-01-*.wav' | sort | awk -F/ '{
    split($NF, f, "-"); sub(/\.wav$/, "", f[7]);
    split("neutral neutral happy sad angry fearful disgust surprised", lab, " ");
    split("neutral calm happy sad angry fearful disgust surprised", orig, " ");
    e = f[3] + 0; if (e < 1 || e > 8) next;
    printf "%s\travdess\travdess-%s\t%s\t%s\n", $0, f[7], lab[e], orig[e] }' | convert

# TESS: datasets/{train/<SPK>_<emotion>/,testnew/}...<SPK>_<word>_<emotion>[NN].wav, speakers OAF and YAF.
unpack tess "$TESS" datasets
find "$RAW/tess" -name '*.wav' | sort | awk -F/ '{
    name = tolower($NF); sub(/\.wav$/, "", name); sub(/[0-9]+$/, "", name);
    n = split(name, p, "_"); e = p[n];
    spk = (name ~ /yaf_/) ? "yaf" : "oaf";
    m["angry"] = "angry"; m["disgust"] = "disgust"; m["fear"] = "fearful"; m["happy"] = "happy";
    m["neutral"] = "neutral"; m["ps"] = "surprised"; m["sad"] = "sad";
    if (!(e in m)) { print "TESS: no emotion in " $0 > "/dev/stderr"; next }
    printf "%s\ttess\ttess-%s\t%s\t%s\n", $0, spk, m[e], e }' | convert

# nEMO: data.tsv gives emotion and speaker per file of samples/.
unpack nemo "$NEMO" samples data.tsv
awk -F'\t' -v dir="$RAW/nemo/samples" 'NR > 1 {
    gsub(/[ \t]/, "", $5);
    m["anger"] = "angry"; m["fear"] = "fearful"; m["happiness"] = "happy"; m["neutral"] = "neutral";
    m["sadness"] = "sad"; m["surprised"] = "surprised";
    if (!($2 in m)) { print "nEMO: unknown emotion " $2 > "/dev/stderr"; next }
    printf "%s/%s\tnemo\tnemo-%s\t%s\t%s\n", dir, $1, tolower($5), m[$2], $2 }' "$RAW/nemo/data.tsv" | sort | convert

# ASED: <folder>/xN-yy-aa-gg-bb.wav, x the emotion letter, bb the speaker (01-65).
unpack ased "$ASED" 01Neutral 02Fearful 03Happy 04Sad 05Angry
find "$RAW/ased" -name '*.wav' | sort | awk -F/ '{
    name = $NF; sub(/\.wav$/, "", name); n = split(name, p, "-");
    m["n"] = "neutral"; m["f"] = "fearful"; m["h"] = "happy"; m["s"] = "sad"; m["a"] = "angry";
    e = tolower(substr(p[1], 1, 1));
    if (!(e in m) || n < 5) { print "ASED: cannot read " $0 > "/dev/stderr"; next }
    printf "%s\tased\tased-%s\t%s\t%s\n", $0, p[5], m[e], e }' | convert

# TurEV-DB: Sound Source/<Emotion>/<speaker>_<xx>_<word>.wav.
unpack turev "$TUREV" "Sound Source"
find "$RAW/turev" -name '*.wav' | sort | awk -F/ '{
    e = tolower($(NF-1)); split($NF, p, "_");
    m["angry"] = "angry"; m["calm"] = "neutral"; m["happy"] = "happy"; m["sad"] = "sad";
    if (!(e in m)) { print "TurEV-DB: unknown emotion " e > "/dev/stderr"; next }
    printf "%s\tturev\tturev-%s\t%s\t%s\n", $0, p[1], m[e], e }' | convert

{
    printf 'path\tcorpus\tspeaker\tlabel\toriginal\n'
    cat "$TMP"
} > "$MANIFEST"
rm -f "$TMP"
echo "wrote $MANIFEST" >&2
awk -F'\t' 'NR > 1 { c[$2]++; s[$2 FS $3] = 1 } END { for (k in s) { split(k, a, FS); n[a[1]]++ }
    for (k in c) printf "%-8s %5d clips %3d speakers\n", k, c[k], n[k] }' "$MANIFEST" | sort >&2
