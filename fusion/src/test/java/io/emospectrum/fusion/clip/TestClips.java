package io.emospectrum.fusion.clip;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Writes small test clips with JavaCV's recorder: MPEG-4 video whose gray level is a function of
 * time, and (optionally) 16 kHz PCM sound given sample by sample. Lossless sound and a high video
 * quality keep the levels the fake extractors read close to what was written.
 */
public final class TestClips {
    public static final int WIDTH = 160;
    public static final int HEIGHT = 120;
    public static final int FPS = 10;
    public static final int RATE = 16_000;

    private TestClips() {
    }

    /**
     * @param gray  frame index -> gray level 0..255
     * @param sound time in seconds -> sample in [-1, 1]; null for a clip without sound
     */
    public static Path write(Path file, double seconds, IntUnaryOperator gray, DoubleUnaryOperator sound) throws Exception {
        int frames = (int) Math.round(seconds * FPS);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, sound == null ? 0 : 1)) {
            r.setFormat("matroska");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(FPS);
            r.setVideoQuality(2);
            if (sound != null) {
                r.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
                r.setSampleRate(RATE);
            }
            r.start();
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            int perFrame = RATE / FPS;
            for (int i = 0; i < frames; i++) {
                ByteBuffer px = (ByteBuffer) frame.image[0];
                byte level = (byte) gray.applyAsInt(i);
                for (int p = 0; p < px.capacity(); p++) {
                    px.put(p, level);
                }
                r.record(frame, avutil.AV_PIX_FMT_BGR24);
                if (sound != null) {
                    short[] s = new short[perFrame];
                    for (int k = 0; k < perFrame; k++) {
                        double t = (i * perFrame + k) / (double) RATE;
                        s[k] = (short) Math.round(Math.max(-1, Math.min(1, sound.applyAsDouble(t))) * 32767);
                    }
                    r.recordSamples(RATE, 1, ShortBuffer.wrap(s));
                }
            }
            r.stop();
        }
        return file;
    }
}
