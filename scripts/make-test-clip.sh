#!/usr/bin/env bash
# Makes the end-to-end test clip of the video command: face images as frames, espeak-ng speech as
# the sound track, and a matching SubRip file. Needs ffmpeg, espeak-ng and sox (Debian:
# apt-get install -y ffmpeg espeak-ng sox) and the shared FER2013 faces (or HAPPY_FACE/ANGRY_FACE images).
#   scripts/make-test-clip.sh [OUT_DIR]           -> OUT_DIR/test-clip.mp4, OUT_DIR/test-clip.srt
# Timeline (10 s, 640x480, 25 fps):
#   0-4 s  happy face,  voice + subtitle "I am so happy today, this is wonderful!"
#   4-8 s  angry face,  voice + subtitle "I am furious, I hate you, get out!"
#   8-10 s no face (gray), silence, no subtitle
set -euo pipefail
out="${1:-target/test-clip}"
data="${EMOSPECTRUM_SHARED_DATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}"
# two FER2013 validation faces that the bundled face model detects and reads (happiness 1.00, anger 0.61 at this size)
happy="${HAPPY_FACE:-$data/face/fer2013/validation/happy/PublicTest_10248771.jpg}"
angry="${ANGRY_FACE:-$data/face/fer2013/validation/angry/PublicTest_14387765.jpg}"
for tool in ffmpeg espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-test-clip: $tool is missing (apt-get install -y ffmpeg espeak-ng sox)" >&2; exit 2; }
done
[ -f "$happy" ] && [ -f "$angry" ] || { echo "make-test-clip: no face images (set HAPPY_FACE/ANGRY_FACE or EMOSPECTRUM_SHARED_DATA)" >&2; exit 2; }
mkdir -p "$out"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

line1="I am so happy today, this is wonderful!"
line2="I am furious, I hate you, get out!"
espeak-ng -v en-us -s 150 -w "$tmp/s1.wav" "$line1"
espeak-ng -v en-us -s 170 -p 30 -a 200 -w "$tmp/s2.wav" "$line2"
# each line starts 0.3 s into its 4 s segment; then 2 s of silence
sox -V1 "$tmp/s1.wav" -r 16000 -c 1 "$tmp/a1.wav" pad 0.3 4 trim 0 4
sox -V1 "$tmp/s2.wav" -r 16000 -c 1 "$tmp/a2.wav" pad 0.3 4 trim 0 4
sox -n -r 16000 -c 1 "$tmp/a3.wav" trim 0 2
sox "$tmp/a1.wav" "$tmp/a2.wav" "$tmp/a3.wav" "$tmp/audio.wav"

# faces: 48x48 crops enlarged to 240x240 and centered on a gray 640x480 frame
face='scale=240:240:flags=bicubic,format=gray,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p,setsar=1,fps=25'
ffmpeg -v error -y \
  -loop 1 -t 4 -i "$happy" -loop 1 -t 4 -i "$angry" -f lavfi -t 2 -i "color=c=gray:s=640x480:r=25" -i "$tmp/audio.wav" \
  -filter_complex "[0:v]$face[v0];[1:v]$face[v1];[2:v]format=yuv420p,setsar=1[v2];[v0][v1][v2]concat=n=3:v=1:a=0[v]" \
  -map "[v]" -map 3:a -c:v libx264 -preset veryfast -crf 18 -c:a aac -b:a 96k -shortest "$out/test-clip.mp4"

{
  printf '1\n00:00:00,300 --> 00:00:03,800\n%s\n\n' "$line1"
  printf '2\n00:00:04,300 --> 00:00:07,800\n%s\n' "$line2"
} > "$out/test-clip.srt"
echo "$out/test-clip.mp4"
echo "$out/test-clip.srt"
