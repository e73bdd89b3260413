#!/usr/bin/env bash
# The synthetic-speech cases of issue 17: one espeak-ng sentence per emotion, spoken with the
# prosody a person would give it (angry: loud, fast, high; happy: high, lively; sad: slow, low,
# soft; neutral: espeak's defaults), read by the voice model through `./emospectrum audio`.
# Synthetic speech carries little acted emotion: this is a smoke test that the readings differ,
# not a measure of accuracy (the model is never tuned on these).
# Usage: scripts/voice-espeak-cases.sh [OUT_DIR [ARGS...]]   (needs espeak-ng and jq; ARGS go to `emospectrum audio`,
#        e.g. --model modality-audio/src/main/resources/io/emospectrum/audio/models/speech-gru)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/target/espeak-cases}"
shift || true
mkdir -p "$OUT"
espeak-ng -w "$OUT/angry.wav"   -a 190 -s 200 -p 65 "I am furious! I told you three times and you still did not fix it. Get out!"
espeak-ng -w "$OUT/happy.wav"   -a 120 -s 180 -p 80 "I am so happy today, everything is wonderful and I love it!"
espeak-ng -w "$OUT/sad.wav"     -a 60  -s 110 -p 25 "I miss her so much. Nothing will ever be the same again."
espeak-ng -w "$OUT/neutral.wav"                     "The meeting is on Tuesday at ten, in the second floor room."
for f in angry happy sad neutral; do
    "$ROOT/emospectrum" audio "$@" "$OUT/$f.wav" | tail -n 1 \
        | jq -r --arg f "$f.wav" '"\($f): \(.summary.dominant) (confidence \(.summary.confidence * 1000 | round / 1000)), windows: \([.windows[].dominant] | join(" "))"'
done
