package io.emospectrum.audio.io;

/**
 * The format of headerless PCM, which the caller has to state.
 *
 * @param sampleRate frames per second
 * @param channels   interleaved channels
 * @param encoding   how each sample is stored
 */
public record RawPcmFormat(int sampleRate, int channels, PcmEncoding encoding) {
    public RawPcmFormat {
        SampleRates.require(sampleRate, "raw PCM");
        if (channels < 1 || channels > 32) {
            throw new io.emospectrum.error.InvalidInputException("raw PCM needs 1 to 32 channels, got " + channels);
        }
        java.util.Objects.requireNonNull(encoding, "encoding");
    }

    /** 16-bit signed little-endian: the usual raw telephone and codec output. */
    public static RawPcmFormat s16le(int sampleRate, int channels) {
        return new RawPcmFormat(sampleRate, channels, PcmEncoding.signed16le());
    }
}
