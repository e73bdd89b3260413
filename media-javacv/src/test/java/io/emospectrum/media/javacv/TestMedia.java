package io.emospectrum.media.javacv;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small media files written at test time. */
final class TestMedia {
    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    static final int FPS = 10;

    private TestMedia() {
    }

    /**
     * An MP4 with its index first ({@code faststart}, so a copy cut short still opens): frames of
     * gray level {@code 20 * i % 256}, and, at {@code audioRate} &gt; 0, a stereo 440 Hz tone.
     */
    static Path mp4(Path file, int frames, int audioRate) throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, audioRate > 0 ? 2 : 0)) {
            r.setFormat("mp4");
            r.setOption("movflags", "faststart");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.setFrameRate(FPS);
            if (audioRate > 0) {
                r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                r.setSampleRate(audioRate);
            }
            r.start();
            Frame f = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            int perFrame = audioRate / FPS;
            for (int i = 0; i < frames; i++) {
                ByteBuffer px = (ByteBuffer) f.image[0];
                for (int p = 0; p < px.capacity(); p++) {
                    px.put(p, (byte) (20 * i % 256));
                }
                r.record(f, avutil.AV_PIX_FMT_BGR24);
                if (audioRate > 0) {
                    float[] s = new float[2 * perFrame];
                    for (int k = 0; k < perFrame; k++) {
                        float v = (float) (0.5 * Math.sin(2 * Math.PI * 440 * (i * perFrame + k) / audioRate));
                        s[2 * k] = v;
                        s[2 * k + 1] = v;
                    }
                    r.recordSamples(audioRate, 2, FloatBuffer.wrap(s));
                }
            }
            r.stop();
            f.close();
        }
        return file;
    }

    /** A 16-bit PCM WAV of {@code seconds} of silence: media with no video stream. */
    static Path wav(Path file, int rate, int channels, double seconds) throws IOException {
        int n = (int) Math.round(rate * seconds) * channels;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes()).putInt(2 * n);
        return Files.write(file, b.array());
    }
}
