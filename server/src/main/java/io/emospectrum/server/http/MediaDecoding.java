package io.emospectrum.server.http;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;

/**
 * Decodes uploaded media in memory, with the JDK's own decoders: WAV (PCM, mu-law, A-law) through
 * {@code javax.sound.sampled}, images through {@code ImageIO}. Nothing touches the disk.
 */
final class MediaDecoding {
    /** Largest image decoded: 40 megapixels (120 MB as RGB). */
    static final long MAX_PIXELS = 40_000_000L;

    private MediaDecoding() {
    }

    /**
     * @throws UnsupportedMediaException if the WAV holds an encoding the JDK does not convert to PCM
     * @throws InvalidInputException     if the bytes are not a readable WAV
     */
    static AudioBuffer wav(byte[] body) {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(body));
        } catch (UnsupportedAudioFileException e) {
            throw new InvalidInputException("the body is not a readable WAV file: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the WAV file is truncated or corrupt: " + e.getMessage());
        }
        AudioFormat src = in.getFormat();
        AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), 16, src.getChannels(),
                2 * src.getChannels(), src.getSampleRate(), false);
        try (AudioInputStream s = convert(in, src, pcm)) {
            byte[] bytes = s.readAllBytes();
            int channels = src.getChannels();
            int n = bytes.length / 2 / channels * channels;
            if (n == 0) {
                throw new InvalidInputException("the WAV file holds no audio samples");
            }
            float[] samples = new float[n];
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                samples[i] = b.getShort() / 32768f;
            }
            return AudioBuffer.of(samples, channels, Math.round(src.getSampleRate()));
        } catch (IOException e) {
            throw new InvalidInputException("the WAV file is truncated or corrupt: " + e.getMessage());
        }
    }

    private static AudioInputStream convert(AudioInputStream in, AudioFormat src, AudioFormat pcm) {
        if (src.matches(pcm)) {
            return in;
        }
        if (!AudioSystem.isConversionSupported(pcm, src)) {
            throw new UnsupportedMediaException("WAV encoding " + src.getEncoding() + " (" + src.getSampleSizeInBits()
                    + " bit) is not supported; send PCM, mu-law or A-law");
        }
        return AudioSystem.getAudioInputStream(pcm, in);
    }

    /** @throws InvalidInputException if the bytes are not an image ImageIO reads, or one too large */
    static ImageFrame image(byte[] body) {
        BufferedImage img;
        // Dimensions are checked before decoding, so a small file cannot ask for a huge raster.
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("the body is not an image this server decodes (JPEG, PNG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                ImageFrame.checkSize(w, h);
                if ((long) w * h > MAX_PIXELS) {
                    throw new InvalidInputException("a " + w + "x" + h + " image has more than " + MAX_PIXELS + " pixels");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("the image is corrupt: " + e.getMessage());
        }
        int w = img.getWidth();
        int h = img.getHeight();
        ImageFrame.checkSize(w, h);
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return ImageFrame.of(w, h, PixelFormat.RGB24, rgb);
    }
}
