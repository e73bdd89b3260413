package io.emospectrum.media;

/** Byte layouts of {@link ImageFrame} pixels: 8 bits per channel, interleaved, rows top to bottom. */
public enum PixelFormat {
    GRAY8(1),
    RGB24(3),
    BGR24(3);

    private final int channels;

    PixelFormat(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }
}
