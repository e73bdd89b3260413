#!/usr/bin/env bash
# Makes the speed benchmark clip: 5 minutes of 1280x720 H.264 at 30 fps with AAC sound (a face
# moving over a busy test pattern; espeak-ng speech repeated over the whole length). Needs ffmpeg,
# espeak-ng, sox and one face image (FER2013 from the shared data, or FACE=...).
#   scripts/make-benchmark-clip.sh [OUT.mp4] [SECONDS]     (default target/bench-720p.mp4, 300)
# Also writes OUT.srt: one subtitle line every 5 s.
set -euo pipefail
out="${1:-target/bench-720p.mp4}"
seconds="${2:-300}"
data="${EMOSPECTRUM_SHARED_DATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}"
face="${FACE:-$(ls "$data"/face/fer2013/validation/happy/*.jpg 2>/dev/null | head -1 || true)}"
[ -f "$face" ] || { echo "make-benchmark-clip: no face image (set FACE or EMOSPECTRUM_SHARED_DATA)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -w "$tmp/s.wav" "This is a long recording to measure how fast a clip is analyzed. I am quite happy with it."
sox -V1 "$tmp/s.wav" -r 16000 -c 1 "$tmp/s16.wav" pad 0 1
ffmpeg -v error -y -f lavfi -i "testsrc2=s=1280x720:r=30" -loop 1 -i "$face" -stream_loop -1 -i "$tmp/s16.wav" \
  -filter_complex "[1:v]scale=300:300,format=yuv420p[f];[0:v][f]overlay=x='490+200*sin(t/3)':y=210[v]" \
  -map "[v]" -map 2:a -t "$seconds" -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -c:a aac -b:a 96k "$out"
srt="${out%.*}.srt"
: > "$srt"
for ((i = 0; i * 5 < seconds; i++)); do
  s=$((i * 5)); e=$((i * 5 + 4))
  printf '%d\n%02d:%02d:%02d,000 --> %02d:%02d:%02d,000\nThis is line %d, and I am quite happy with it.\n\n' \
    $((i + 1)) $((s / 3600)) $((s / 60 % 60)) $((s % 60)) $((e / 3600)) $((e / 60 % 60)) $((e % 60)) $((i + 1)) >> "$srt"
done
echo "$out"
echo "$srt"
