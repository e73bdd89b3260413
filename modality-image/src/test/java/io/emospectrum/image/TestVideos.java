package io.emospectrum.image;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.media.javacv.ImageFrameConverter;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test clips written with JavaCV's recorder: faces that move, so tracking has work to do. */
public final class TestVideos {
    private TestVideos() {
    }

    /**
     * A 640x480 MJPEG AVI at {@code fps}: the 256x256 head-and-shoulders part of astronaut.png
     * twice, drifting towards each other ({@code faces} = 2), or once, on a gray background.
     */
    public static Path twoFacesMjpeg(Path file, int frames, int fps, int faces) throws IOException {
        ImageFrame astro = TestImages.decode(TestImages.astronaut());
        byte[] small = head(astro);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 640, 480);
             ImageFrameConverter converter = new ImageFrameConverter()) {
            r.setFormat("avi");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            r.setFrameRate(fps);
            r.setVideoQuality(2);
            r.start();
            for (int i = 0; i < frames; i++) {
                byte[] canvas = new byte[640 * 480 * 3];
                java.util.Arrays.fill(canvas, (byte) 110);
                paste(canvas, small, 20 + i, 100);
                if (faces > 1) {
                    paste(canvas, small, 360 - i, 140);
                }
                r.record(converter.convert(ImageFrame.of(640, 480, PixelFormat.BGR24, canvas, i / (double) fps)));
            }
            r.stop();
        }
        return file;
    }

    /** The 256x256 region at (80, 0) of the 512x512 astronaut: her face at full size. */
    private static byte[] head(ImageFrame f) {
        byte[] src = f.copyPixels();
        byte[] out = new byte[256 * 256 * 3];
        for (int y = 0; y < 256; y++) {
            System.arraycopy(src, (y * 512 + 80) * 3, out, y * 256 * 3, 256 * 3);
        }
        return out;
    }

    private static void paste(byte[] canvas, byte[] tile, int x0, int y0) {
        for (int y = 0; y < 256 && y0 + y < 480; y++) {
            int w = Math.min(256, 640 - x0);
            System.arraycopy(tile, y * 256 * 3, canvas, ((y0 + y) * 640 + x0) * 3, w * 3);
        }
    }

    /** Overwrites the JPEG header of the frame in the middle of an MJPEG file with garbage. */
    public static void corruptMiddleFrame(Path mjpeg) throws IOException {
        byte[] b = Files.readAllBytes(mjpeg);
        java.util.List<Integer> soi = new java.util.ArrayList<>();
        for (int i = 0; i + 2 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd8 && (b[i + 2] & 0xff) == 0xff) {
                soi.add(i);
            }
        }
        int at = soi.get(soi.size() / 2);
        for (int i = at; i < at + 400 && i < b.length; i++) {
            b[i] = (byte) 0x5a;
        }
        Files.write(mjpeg, b);
    }

    /** A one-second 16 kHz mono WAV of silence: a media file with no video stream. */
    public static Path audioOnlyWav(Path file) throws IOException {
        int n = 16000;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(2 * n);
        return Files.write(file, b.array());
    }
}
