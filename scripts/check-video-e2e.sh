#!/usr/bin/env bash
# End-to-end check of `./emospectrum video` with the real modalities: makes the test clip
# (scripts/make-test-clip.sh), runs it with its subtitles, and checks the timeline: the windows of
# the first 8 s carry face, voice and text, and their fused dominant category follows the script
# (happiness for 0-4 s, anger for 4-8 s) in most windows. Prints the timeline; exit 0 when it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/test-clip}"
scripts/make-test-clip.sh "$out" >/dev/null
./emospectrum video --no-progress --subtitles "$out/test-clip.srt" --plot "$out/test-clip.png" "$out/test-clip.mp4" \
  > "$out/timeline.jsonl"
python3 - "$out/timeline.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
windows = [l for l in lines if l["type"] == "window"]
summary = lines[-1]
assert summary["type"] == "summary", "last line is not the summary"
ok = True
def check(name, cond):
    global ok
    print(("ok   " if cond else "FAIL ") + name)
    ok = ok and cond
for w in windows:
    print(f'{w["start"]:5.1f}-{w["end"]:5.1f} {w.get("subject", "-"):10} {"+".join(w["modalities"]):16} '
          f'{w["dominant"]:10} conf {w["confidence"]:.2f} js {w["disagreement"]:.2f} '
          + " ".join(f'{s["modality"]}:{s["dominant"]}' for s in w["sources"]))
first = [w for w in windows if w["end"] <= 8.0]
spoken = [w for w in first if 1.0 <= w["start"] < 3.0 or 5.0 <= w["start"] < 7.0]  # speech and subtitle for sure
check("windows with speech carry voice and text", bool(spoken) and all({"voice", "text"} <= set(w["modalities"]) for w in spoken))
check("faces found in 0-8 s", sum("face" in w["modalities"] for w in first) >= 6)
happy = [w for w in windows if w["start"] < 4.0]
angry = [w for w in windows if 4.0 <= w["start"] < 8.0]
check("0-4 s mostly happiness", sum(w["dominant"] == "happiness" for w in happy) > len(happy) / 2)
check("4-8 s mostly anger", sum(w["dominant"] == "anger" for w in angry) > len(angry) / 2)
check("no face after 8 s", all("face" not in w["modalities"] for w in windows if w["start"] >= 8.0))
print("issues:", [i["kind"] for i in summary["issues"]])
print("timings:", summary["timings"])
sys.exit(0 if ok else 1)
PY
