package io.emospectrum.audio.io;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.AudioBuffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one entry point for audio files: WAV is read by {@link WavReader}, everything else is
 * decoded by FFmpeg through JavaCV; headerless PCM needs its {@link RawPcmFormat}.
 */
public final class AudioFiles {
    private AudioFiles() {
    }

    /**
     * Opens a file for chunked decoding.
     *
     * @throws InvalidInputException if the file is missing, empty, corrupt or not audio
     */
    public static AudioSource open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("audio file " + file + " does not exist or is not a regular file");
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new InvalidInputException("audio file " + file + " is empty (0 bytes)");
        }
        if (n >= 4 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F') {
            return WavReader.open(file);
        }
        return FfmpegSource.open(file);
    }

    /** Opens headerless PCM of a format the caller states. */
    public static AudioSource openRaw(Path file, RawPcmFormat format) {
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException("raw PCM file " + file + " is empty (0 bytes)");
            }
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return new PcmStreamSource(in, file.toString(), format.encoding(), format.sampleRate(), format.channels(), -1);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a whole source into memory (for short files and tests). */
    public static AudioBuffer readAll(AudioSource source) {
        float[] all = new float[0];
        int size = 0;
        float[] chunk;
        while ((chunk = source.read(1 << 15)) != null) {
            if (size + chunk.length > all.length) {
                all = Arrays.copyOf(all, Math.max(size + chunk.length, all.length * 2));
            }
            System.arraycopy(chunk, 0, all, size, chunk.length);
            size += chunk.length;
        }
        return AudioBuffer.of(Arrays.copyOf(all, size), source.channels(), source.sampleRate());
    }

    /** Decodes a whole file into memory. */
    public static AudioBuffer read(Path file) {
        try (AudioSource s = open(file)) {
            return readAll(s);
        }
    }
}
