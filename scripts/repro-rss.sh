#!/usr/bin/env bash
# Runs every reproducer of ../shared/repro/ (inputs that once broke the tool) through the built CLI
# jar and prints one Markdown table row each: exit code, peak resident memory and wall time.
# Needs /usr/bin/time (Debian: apt-get install -y time) and python3 (to write test WAVs).
#   scripts/repro-rss.sh [REPRO_DIR]      (default ../shared/repro; build first: mvn -B -DskipTests package)
# JAVA_OPTS adds JVM options (e.g. -Xmx512m). Nothing here touches the network.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repro="${1:-$root/../shared/repro}"
jar="$root/samples/target/emospectrum-cli.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
[ -d "$repro" ] || { echo "no reproducers at $repro" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A 6 s test clip (gray frames, a tone), written with JavaCV from the jar's class path.
cat > "$work/MakeClip.java" <<'JAVA'
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
public class MakeClip {
    public static void main(String[] a) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(a[0], 160, 120, 1)) {
            r.setFormat("matroska"); r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4); r.setFrameRate(10);
            r.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE); r.setSampleRate(16000); r.start();
            Frame f = new Frame(160, 120, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < 60; i++) {
                ByteBuffer px = (ByteBuffer) f.image[0];
                for (int p = 0; p < px.capacity(); p++) px.put(p, (byte) (i * 4));
                r.record(f, avutil.AV_PIX_FMT_BGR24);
                short[] s = new short[1600];
                for (int k = 0; k < s.length; k++) s[k] = (short) (8000 * Math.sin(2 * Math.PI * 220 * (i * 1600 + k) / 16000.0));
                r.recordSamples(16000, 1, ShortBuffer.wrap(s));
            }
            r.stop();
        }
    }
}
JAVA
java -cp "$root/samples/target/lib/*" "$work/MakeClip.java" "$work/clip.mkv" 2>/dev/null
python3 - "$work" <<'PY'
import math, struct, sys, wave
d = sys.argv[1]
with wave.open(d + "/tone.wav", "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
    w.writeframes(b"".join(struct.pack("<h", int(9000 * math.sin(2 * math.pi * 180 * i / 16000))) for i in range(16000 * 10)))
with open(d + "/cues.srt", "w") as f:
    for i in range(100000):
        ms = i * 50 % 6000
        f.write("%d\n00:00:%02d,%03d --> 00:00:%02d,%03d\nI am so happy %d\n\n" % (i + 1, ms // 1000, ms % 1000, ms // 1000, ms % 1000, i))
PY
size=$(stat -c %s "$work/tone.wav")
for p in 10 50 90; do head -c $((size * p / 100)) "$work/tone.wav" > "$work/cut$p.wav"; done
cp "$work/clip.mkv" "$work/clip-copy.mkv"
mkfifo "$work/fifo"

run() { # label, then the CLI arguments
  local label="$1"; shift
  /usr/bin/time -f "%M %e" -o "$work/time" timeout 120 java ${JAVA_OPTS:-} -jar "$jar" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  read -r kb secs < <(tail -1 "$work/time")
  printf '| %s | %s | %d MB | %s s |\n' "$label" "$rc" $((kb / 1024)) "$secs"
}

echo "| input and command | exit | peak RSS | wall |"
echo "| --- | --- | --- | --- |"
run "png_idatlen_ff000000.png: image" image "$repro/png_idatlen_ff000000.png"
run "bomb_16384.png between two images: image" image "$repro/jpg_motionphoto.jpg" "$repro/bomb_16384.png" "$repro/jpg_motionphoto.jpg"
run "bomb_16384.jpg: image" image "$repro/bomb_16384.jpg"
run "/dev/zero: image" image /dev/zero
run "/dev/urandom: image" image /dev/urandom
run "a FIFO: text --input FIFO" text --input "$work/fifo"
run "srt_hugehours.srt: video clip --subtitles" video --no-progress "$work/clip.mkv" --subtitles "$repro/srt_hugehours.srt"
run "trunc50_faststart.mp4: video" video --no-progress "$repro/trunc50_faststart.mp4"
for p in 10 50 90; do run "WAV cut at $p%: audio" audio "$work/cut$p.wav"; done
run "mono_then_stereo.mp3: audio" audio "$repro/mono_then_stereo.mp3"
run "jpg_motionphoto.jpg: image" image "$repro/jpg_motionphoto.jpg"
run "call_ulaw_stereo.wav: call" call "$repro/call_ulaw_stereo.wav"
run "video clip --hop 0.00001" video --no-progress --hop 0.00001 "$work/clip.mkv"
run "100,000 subtitle cues on a 6 s clip: video --subtitles" video --no-progress "$work/clip.mkv" --subtitles "$work/cues.srt"
