package io.emospectrum.audio.io;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files ourselves (PCM 8/16/24/32-bit, IEEE float 32/64-bit, G.711 μ-law and
 * A-law, WAVE_FORMAT_EXTENSIBLE, any channel count) so the common case needs no native decoder.
 * Chunks it does not need are skipped. A file shorter than its header declares is read to its end
 * and reported in {@link AudioSource#issues()}.
 */
public final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /** True if {@code head} (the first 12 bytes of a file) is a RIFF/WAVE header. */
    public static boolean isWav(byte[] head) {
        return head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'A' && head[10] == 'V' && head[11] == 'E';
    }

    /**
     * Opens a WAV file for chunked reading.
     *
     * @throws InvalidInputException     if the header is corrupt or truncated
     * @throws UnsupportedMediaException for a codec other than PCM/float or a rate out of range
     */
    public static AudioSource open(Path file) {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new InvalidInputException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            return open(raw, file.toString());
        } catch (RuntimeException e) {
            try {
                raw.close();
            } catch (IOException ignored) {
                // already failing with the more useful error
            }
            throw e;
        }
    }

    static AudioSource open(InputStream raw, String origin) {
        DataInputStream in = new DataInputStream(raw);
        try {
            byte[] riff = new byte[12];
            in.readFully(riff);
            if (!isWav(riff)) {
                throw new InvalidInputException(origin + " is not a RIFF/WAVE file");
            }
            int format = -1;
            int channels = 0;
            int rate = 0;
            int bits = 0;
            while (true) {
                byte[] id = new byte[4];
                in.readFully(id);
                long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                String chunk = new String(id, java.nio.charset.StandardCharsets.US_ASCII);
                if (chunk.equals("fmt ")) {
                    if (size < 16 || size > 1024) {
                        throw new InvalidInputException(origin + ": corrupt WAV header (fmt chunk of " + size + " bytes)");
                    }
                    byte[] fmt = new byte[(int) size];
                    in.readFully(fmt);
                    format = u16(fmt, 0);
                    channels = u16(fmt, 2);
                    rate = (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(u32(fmt, 4)));
                    bits = u16(fmt, 14);
                    if (format == FORMAT_EXTENSIBLE) {
                        if (size < 26) {
                            throw new InvalidInputException(origin + ": corrupt WAV header (short extensible fmt chunk)");
                        }
                        format = u16(fmt, 24); // first two bytes of the sub-format GUID
                    }
                    if (size % 2 == 1) {
                        in.skipBytes(1);
                    }
                } else if (chunk.equals("data")) {
                    if (format < 0) {
                        throw new InvalidInputException(origin + ": corrupt WAV header (data before fmt chunk)");
                    }
                    if (format != FORMAT_PCM && format != FORMAT_FLOAT && format != FORMAT_ALAW && format != FORMAT_MULAW) {
                        throw new UnsupportedMediaException(origin + ": WAV codec 0x" + Integer.toHexString(format)
                                + " is not PCM, float or G.711; convert it to PCM WAV first");
                    }
                    if (channels < 1 || channels > 32) {
                        throw new InvalidInputException(origin + ": corrupt WAV header (" + channels + " channels)");
                    }
                    SampleRates.require(rate, origin);
                    PcmEncoding enc = format == FORMAT_MULAW ? PcmEncoding.muLaw()
                            : format == FORMAT_ALAW ? PcmEncoding.aLaw()
                            : new PcmEncoding(bits, format == FORMAT_FLOAT, false);
                    if ((format == FORMAT_MULAW || format == FORMAT_ALAW) && bits != 8) {
                        throw new InvalidInputException(origin + ": corrupt WAV header (G.711 with " + bits + " bits per sample)");
                    }
                    // 0 and 0xFFFFFFFF are what streaming writers leave: read to the end.
                    long dataBytes = size == 0 || size == 0xFFFFFFFFL ? -1 : size;
                    return new PcmStreamSource(raw, origin, enc, rate, channels, dataBytes);
                } else {
                    long skip = size + (size % 2);
                    while (skip > 0) {
                        long n = in.skip(skip);
                        if (n <= 0) {
                            throw new EOFException();
                        }
                        skip -= n;
                    }
                }
            }
        } catch (EOFException e) {
            throw new InvalidInputException(origin + ": truncated or corrupt WAV header (no data chunk)", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + origin + ": " + e.getMessage(), e);
        }
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((b[p + 3] & 0xff) << 24);
    }
}
