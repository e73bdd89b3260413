#!/usr/bin/env bash
# Makes the benchmark clips from astronaut.png (one face) with Debian's ffmpeg (apt-get install -y ffmpeg):
#   make-test-video.sh OUT.mp4 [SECONDS] [WIDTHxHEIGHT]
# default: 20 s of 640x480 H.264 at 30 fps, the face swaying left and right.
set -euo pipefail
out="$1"; secs="${2:-20}"; size="${3:-640x480}"
w="${size%x*}"; h="${size#*x}"
img="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/images/astronaut.png"
face=$(( h * 2 / 3 ))
ffmpeg -loglevel error -y -f lavfi -i "color=c=gray:s=${size}:r=30" -loop 1 -i "$img" \
  -filter_complex "[1]scale=${face}:${face}[a];[0][a]overlay=x='(W-w)/2+(W-w)/3*sin(t)':y='(H-h)/2':shortest=1" \
  -t "$secs" -c:v libx264 -preset veryfast -pix_fmt yuv420p "$out"
echo "wrote $out (${secs}s, ${size}, 30 fps)"
